"""YouTube Data API v3: OAuth (installed app, read-only), subscriptions, uploads, ratings, details.

Quota: every ``list`` call costs 1 unit (retries too); a run stops cleanly before spending more than
``youtube.quota_budget`` and says how much it spent. With a store, every unit is also added to the
store's count for the day (the quota's day: midnight to midnight Pacific time), and a run stops before
the day's total passes ``youtube.daily_budget``, whatever else ran that day (the scheduler, an ingest
by hand, Takeout details).

Incremental refresh (``incremental=True``, the configured default): the like/dislike listings stop at
the first page whose videos are all known, and are read to the end (which also notices a removed like)
once per ``full_refresh_hours``; subscriptions (and the uploads playlists of new channels) are listed
once per ``full_refresh_hours``; each channel's uploads are listed at most once per
``uploads_check_hours``, least recently checked first, only back to a day before its last check. So a
scheduler running ~34 times a day spends a few units per run plus one unit per channel every
``uploads_check_hours``, instead of a page per subscription every run. Transient errors (HTTP 5xx, 429, connection
drops) are retried with exponential backoff (tenacity); a 403 ``quotaExceeded`` stops the run with one
line. Ids that ``videos.list`` does not return (deleted, private) are stored with status
``unavailable``. The client is built from the discovery document shipped with google-api-python-client
(``static_discovery=True``), so method names and parameters are checked offline.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from vrdndi import paths
from vrdndi.errors import BadInputError, NotAvailableError, VrdndiError
from vrdndi.sources import IngestReport
from vrdndi.store.schema import INTEREST, Channel, Label, Video
from vrdndi.timeutil import TimeParseError, iso, now_utc, parse_duration, parse_time, to_iso

log = logging.getLogger(__name__)

SCOPES = ["https://www.googleapis.com/auth/youtube.readonly"]
LIST_COST = 1
BATCH = 50  # the API's maxResults and the most ids one videos.list takes
DETAIL_PARTS = "snippet,contentDetails"
SOURCE = "youtube"
TRANSIENT_STATUS = {429, 500, 502, 503, 504}
QUOTA_REASONS = {"quotaExceeded", "dailyLimitExceeded", "rateLimitExceeded", "userRateLimitExceeded"}
QUOTA_ZONE = ZoneInfo("America/Los_Angeles")  # the daily quota resets at midnight Pacific time
FULL_RATINGS_KEY = "sources.youtube.ratings_full_at"
SUBSCRIPTIONS_KEY = "sources.youtube.subscriptions_at"


def quota_day(when: datetime | None = None) -> str:
    """The quota's day of ``when`` (default now): the date in Pacific time, DST included."""
    return (when or now_utc()).astimezone(QUOTA_ZONE).date().isoformat()


class QuotaBudgetReached(VrdndiError):
    """This run spent its ``quota_budget``; what was fetched so far is still stored."""


# -- OAuth -------------------------------------------------------------------------------------

def save_credentials(credentials, token_path: str | Path) -> None:
    """Cache the OAuth token owner-only (0600)."""
    paths.write_private(Path(token_path).expanduser(), credentials.to_json())


def load_credentials(token_path: str | Path | None, client_secret: str | Path | None = None, *,
                     interactive: bool = False, request=None):
    """Cached credentials, refreshed when expired; the browser consent flow only when ``interactive``.

    ``request``: a ``google.auth.transport.Request`` (tests pass one that answers the token endpoint).
    Raises ``NotAvailableError`` (one line) when no usable credentials can be had."""
    from google.auth.exceptions import GoogleAuthError, RefreshError
    from google.oauth2.credentials import Credentials

    token = Path(token_path).expanduser() if token_path else None
    credentials = None
    if token is not None and token.exists():
        try:
            credentials = Credentials.from_authorized_user_file(str(token), SCOPES)
        except (ValueError, KeyError) as exc:
            raise NotAvailableError(f"{token}: not a usable OAuth token ({exc}); delete it and run "
                                    "`vrdndi auth youtube`") from exc
    if credentials is not None and credentials.valid:
        return credentials
    if credentials is not None and credentials.refresh_token:
        if request is None:
            from google.auth.transport.requests import Request

            request = Request()
        try:
            credentials.refresh(request)
        except RefreshError as exc:
            if not interactive:
                raise NotAvailableError(f"YouTube token at {token} could not be refreshed ({exc.args[0] if exc.args else exc}); "
                                        "run `vrdndi auth youtube`") from exc
            credentials = None
        except GoogleAuthError as exc:
            raise NotAvailableError(f"YouTube token refresh failed ({exc}); check the network") from exc
        else:
            save_credentials(credentials, token)
            return credentials
    if not interactive:
        raise NotAvailableError("no YouTube credentials yet: set sources.youtube.client_secret and run "
                                "`vrdndi auth youtube` once")
    if not client_secret or not Path(client_secret).expanduser().exists():
        raise NotAvailableError("sources.youtube.client_secret must point to the OAuth client JSON "
                                "(Google Cloud console, OAuth client of type 'Desktop app')")
    from google_auth_oauthlib.flow import InstalledAppFlow

    flow = InstalledAppFlow.from_client_secrets_file(str(Path(client_secret).expanduser()), SCOPES)
    credentials = flow.run_local_server(port=0, open_browser=True)
    if token is not None:
        save_credentials(credentials, token)
    return credentials


def build_service(*, credentials=None, http=None, timeout_s: float = 30):
    """The ``youtube v3`` resource from the shipped discovery document (no network needed to build)."""
    import httplib2
    from googleapiclient.discovery import build

    if http is None:
        import google_auth_httplib2

        http = google_auth_httplib2.AuthorizedHttp(credentials, http=httplib2.Http(timeout=timeout_s))
    return build("youtube", "v3", http=http, static_discovery=True, cache_discovery=False)


# -- API calls ---------------------------------------------------------------------------------

def _error_reason(exc) -> str:
    try:
        body = json.loads(exc.content.decode("utf-8") if isinstance(exc.content, bytes) else exc.content)
        errors = body.get("error", {}).get("errors") or []
        return str(errors[0].get("reason", "")) if errors else ""
    except (ValueError, AttributeError, TypeError):
        return ""


def _is_transient(exc: BaseException) -> bool:
    import httplib2
    from googleapiclient.errors import HttpError

    if isinstance(exc, httplib2.HttpLib2Error):
        return True
    if isinstance(exc, HttpError):
        status = int(getattr(exc.resp, "status", 0) or 0)
        if status == 403 and _error_reason(exc) in ("rateLimitExceeded", "userRateLimitExceeded"):
            return True
        return status in TRANSIENT_STATUS
    return isinstance(exc, (ConnectionError, TimeoutError, OSError))


class YouTubeClient:
    """A quota-counting, retrying wrapper over the ``youtube v3`` resource."""

    def __init__(self, service, *, quota_budget: int = 2000, max_retries: int = 5,
                 wait_s: float = 1.0, sleep: Callable[[float], None] | None = None, store=None,
                 daily_budget: int | None = None, clock: Callable[[], datetime] = now_utc):
        self.service = service
        self.quota_budget = int(quota_budget)
        self.max_retries = max(1, int(max_retries))
        self.wait_s = wait_s
        self.sleep = sleep
        self.units = 0
        self.store = store  # where the day's units are added up (None: this run only)
        self.daily_budget = None if daily_budget is None else int(daily_budget)
        self.clock = clock

    def spent_today(self) -> int:
        return self.store.quota_spent(quota_day(self.clock())) if self.store is not None else self.units

    def _spend(self) -> None:
        if self.units + LIST_COST > self.quota_budget:
            raise QuotaBudgetReached(f"stopped at the quota budget ({self.units} of {self.quota_budget} units)")
        if self.store is not None:
            day = quota_day(self.clock())
            spent = self.store.quota_spent(day)
            if self.daily_budget is not None and spent + LIST_COST > self.daily_budget:
                raise QuotaBudgetReached(f"stopped at the daily budget ({spent} of {self.daily_budget} units spent "
                                         f"on {day}, Pacific time; it resets at midnight Pacific time)")
            self.store.spend_quota(day, LIST_COST)  # its own transaction: counted even if the run fails
        self.units += LIST_COST

    def call(self, make_request: Callable[[], Any], what: str) -> dict:
        """Execute one list request with retries; each attempt costs ``LIST_COST`` units."""
        import httplib2
        import tenacity
        from googleapiclient.errors import HttpError

        def attempt() -> dict:
            self._spend()
            request = make_request()  # a bad method/parameter is our bug: let it raise
            try:
                return request.execute()
            except HttpError:
                raise
            except (ValueError, TypeError, LookupError, AttributeError) as exc:
                # googleapiclient trips over malformed bodies (bad JSON, an error body that is null)
                raise BadInputError("YouTube API", what, f"malformed response ({type(exc).__name__})") from exc

        kwargs = {} if self.sleep is None else {"sleep": self.sleep}
        retrying = tenacity.Retrying(
            stop=tenacity.stop_after_attempt(self.max_retries),
            wait=tenacity.wait_exponential(multiplier=self.wait_s, max=60),
            retry=tenacity.retry_if_exception(_is_transient), reraise=True, **kwargs)
        try:
            response = retrying(attempt)
        except HttpError as exc:
            status = int(getattr(exc.resp, "status", 0) or 0)
            reason = _error_reason(exc)
            if status == 403 and reason in QUOTA_REASONS:
                raise NotAvailableError(f"YouTube API quota exceeded during {what} after {self.units} units "
                                        "this run; the daily quota resets at midnight Pacific time") from exc
            if status in (401, 403):
                raise NotAvailableError(f"YouTube API refused {what} (HTTP {status} {reason}); "
                                        "run `vrdndi auth youtube` again") from exc
            raise NotAvailableError(f"YouTube API error during {what}: HTTP {status} {reason}".strip()) from exc
        except (ConnectionError, TimeoutError, OSError, httplib2.HttpLib2Error) as exc:
            raise NotAvailableError(f"YouTube API not reachable during {what} ({type(exc).__name__})") from exc
        if not isinstance(response, dict):
            raise BadInputError("YouTube API", what, "response is not a JSON object")
        return response

    def pages(self, method, what: str, **params) -> Iterable[dict]:
        """Every page of a list method (``nextPageToken`` paging)."""
        token = None
        while True:
            page = self.call(lambda: method(**params, **({"pageToken": token} if token else {})), what)
            yield page
            token = page.get("nextPageToken")
            if not token:
                return

    # -- the calls vrdndi makes --
    def subscriptions(self) -> list[Channel]:
        out = []
        for page in self.pages(self.service.subscriptions().list, "subscriptions.list",
                               part="snippet", mine=True, maxResults=BATCH, order="alphabetical"):
            for item in _items(page, "subscriptions.list"):
                snippet = item.get("snippet") or {}
                channel_id = (snippet.get("resourceId") or {}).get("channelId")
                if not channel_id:
                    continue
                out.append(Channel(channel_id=channel_id, title=str(snippet.get("title") or ""),
                                   subscribed_at=_time_or_empty(snippet.get("publishedAt")), source=SOURCE))
        return out

    def uploads_playlists(self, channel_ids: Sequence[str]) -> dict[str, str]:
        out = {}
        for i in range(0, len(channel_ids), BATCH):
            chunk = list(channel_ids[i:i + BATCH])
            page = self.call(lambda: self.service.channels().list(part="contentDetails", id=",".join(chunk),
                                                                  maxResults=BATCH), "channels.list")
            for item in _items(page, "channels.list"):
                uploads = ((item.get("contentDetails") or {}).get("relatedPlaylists") or {}).get("uploads")
                if item.get("id") and uploads:
                    out[item["id"]] = uploads
        return out

    def uploads(self, playlist_id: str, *, since: datetime, limit: int) -> list[str]:
        """Newest uploads of a playlist, published at or after ``since``, at most ``limit``."""
        ids: list[str] = []
        for page in self.pages(self.service.playlistItems().list, "playlistItems.list", part="contentDetails",
                               playlistId=playlist_id, maxResults=BATCH):
            for item in _items(page, "playlistItems.list"):
                details = item.get("contentDetails") or {}
                video_id = details.get("videoId")
                published = details.get("videoPublishedAt")
                if not video_id:
                    continue
                if published:
                    try:
                        if parse_time(published) < since:
                            return ids
                    except TimeParseError:
                        pass
                ids.append(video_id)
                if len(ids) >= limit:
                    return ids
        return ids

    def rated(self, rating: str, *, known: set[str] | None = None) -> list[dict]:
        """Video resources the user rated ``like`` or ``dislike``: all pages, or with ``known`` (ids already
        stored with that rating) up to the first page whose videos are all known (newest rated first)."""
        out, _ = self.rated_listing(rating, known=known)
        return out

    def rated_listing(self, rating: str, *, known: set[str] | None = None) -> tuple[list[dict], bool]:
        """(resources, read to the end)."""
        out = []
        for page in self.pages(self.service.videos().list, f"videos.list myRating={rating}",
                               part=DETAIL_PARTS, myRating=rating, maxResults=BATCH):
            items = _items(page, "videos.list")
            out.extend(items)
            if known is not None and page.get("nextPageToken") and all(it.get("id") in known for it in items):
                return out, False
        return out, True

    def details(self, video_ids: Sequence[str]) -> tuple[list[dict], list[str]]:
        """(video resources, ids not returned: deleted or private), 50 ids per call."""
        found: list[dict] = []
        missing: list[str] = []
        unique = list(dict.fromkeys(video_ids))
        for i in range(0, len(unique), BATCH):
            chunk = unique[i:i + BATCH]
            page = self.call(lambda: self.service.videos().list(part=DETAIL_PARTS, id=",".join(chunk),
                                                                maxResults=BATCH), "videos.list")
            items = [it for it in _items(page, "videos.list") if isinstance(it.get("id"), str)]
            returned = {it["id"] for it in items}
            found.extend(items)
            missing.extend(v for v in chunk if v not in returned)
        return found, missing


def _items(page: Mapping[str, Any], what: str) -> list[dict]:
    items = page.get("items", [])
    if not isinstance(items, list) or not all(isinstance(it, dict) for it in items):
        raise BadInputError("YouTube API", what, '"items" must be a list of objects')
    return items


def _time_or_empty(value: Any) -> str:
    if not value:
        return ""
    try:
        return to_iso(value)
    except TimeParseError:
        return ""


def video_from_resource(resource: Mapping[str, Any], *, shorts_max_s: float = 60) -> Video:
    """A ``videos.list`` resource -> ``Video`` (raw = the resource). Shorts by duration only."""
    video_id = resource.get("id")
    if not isinstance(video_id, str) or not video_id:
        raise BadInputError("YouTube API", "videos.list", f"video resource without an id: {str(resource)[:80]}")
    snippet = resource.get("snippet") or {}
    details = resource.get("contentDetails") or {}
    if not isinstance(snippet, dict) or not isinstance(details, dict):
        raise BadInputError("YouTube API", video_id, "snippet/contentDetails must be objects")
    try:
        duration = parse_duration(details.get("duration"))
    except TimeParseError:
        duration = None
    thumbs = snippet.get("thumbnails") or {}
    thumbnail = ""
    for size in ("maxres", "standard", "high", "medium", "default"):
        if isinstance(thumbs, dict) and isinstance(thumbs.get(size), dict) and thumbs[size].get("url"):
            thumbnail = str(thumbs[size]["url"])
            break
    tags = snippet.get("tags") or []
    return Video(
        video_id=video_id, title=str(snippet.get("title") or ""), channel_id=str(snippet.get("channelId") or ""),
        channel_title=str(snippet.get("channelTitle") or ""), description=str(snippet.get("description") or ""),
        tags=[str(t) for t in tags] if isinstance(tags, list) else [],
        category_id=str(snippet.get("categoryId") or ""), published_at=_time_or_empty(snippet.get("publishedAt")),
        duration_s=duration, thumbnail_url=thumbnail, status="ok",
        is_short=duration is not None and 0 < duration <= shorts_max_s, source=SOURCE, raw=dict(resource))


def unavailable_video(store, video_id: str) -> Video:
    """The stored row (or a bare one) marked ``unavailable``: deleted or private now."""
    stored = store.video(video_id) if store is not None else None
    if stored is None:
        return Video(video_id=video_id, status="unavailable", source=SOURCE)
    stored.status = "unavailable"
    return stored


# -- ingest --------------------------------------------------------------------------------------

@dataclass
class Harvest:
    """Everything one run fetched, written together at the end."""

    channels: list[Channel] = field(default_factory=list)
    videos: dict[str, Video] = field(default_factory=dict)
    unavailable: list[str] = field(default_factory=list)
    labels: list[Label] = field(default_factory=list)
    complete_ratings: set[str] = field(default_factory=set)  # "like"/"dislike" listings read to the end
    uploads_checked: dict[str, str] = field(default_factory=dict)  # channel id -> when its uploads were listed
    registry: dict[str, str] = field(default_factory=dict)  # bookkeeping written with the rows
    stopped: str = ""


@dataclass(frozen=True)
class Incremental:
    """How much of the account a run re-reads (see the module docstring)."""

    full_refresh_hours: float = 24.0
    uploads_check_hours: float = 6.0


def harvest(client: YouTubeClient, *, store=None, uploads_max_age_days: float = 30,
            uploads_max_per_channel: int = 50, shorts_max_s: float = 60,
            progress: Callable | None = None, incremental: Incremental | None = None) -> Harvest:
    """Subscriptions, their recent uploads, likes/dislikes and the details of new videos (with
    ``incremental`` and a store: only what may have changed since the last runs).

    Stops early (``Harvest.stopped``) at the quota budget; a quotaExceeded/auth error propagates as
    ``NotAvailableError`` with what was gathered attached as ``.harvest``."""
    result = Harvest()
    try:
        if incremental is not None and store is not None:
            _harvest_incremental(result, client, store, uploads_max_age_days, uploads_max_per_channel,
                                 shorts_max_s, progress, incremental)
        else:
            _harvest_into(result, client, store, uploads_max_age_days, uploads_max_per_channel, shorts_max_s,
                          progress)
    except QuotaBudgetReached as exc:
        result.stopped = str(exc)
    except NotAvailableError as exc:
        exc.harvest = result  # type: ignore[attr-defined]
        raise
    except (AttributeError, TypeError, KeyError, IndexError, ValueError) as exc:
        # a response whose nested fields have the wrong types (found by the property tests: a
        # snippet.resourceId that is a bool); nothing has been written yet, so refuse it in one line
        raise BadInputError("YouTube API", "response", f"unexpected shape ({type(exc).__name__}: {exc})") from exc
    return result


def _harvest_into(result: Harvest, client: YouTubeClient, store, max_age_days, max_per_channel,
                  shorts_max_s, progress) -> None:
    for rating, value in (("like", 1), ("dislike", 0)):
        for resource in client.rated(rating):
            video = video_from_resource(resource, shorts_max_s=shorts_max_s)
            result.videos[video.video_id] = video
            result.labels.append(Label(video_id=video.video_id, kind=INTEREST, value=value, source=rating))
        result.complete_ratings.add(rating)
    channels = client.subscriptions()
    playlists = client.uploads_playlists([c.channel_id for c in channels])
    for channel in channels:
        channel.uploads_playlist_id = playlists.get(channel.channel_id, "")
    result.channels = channels
    since = now_utc() - timedelta(days=float(max_age_days))
    wanted: list[str] = []
    with_playlist = [c for c in channels if c.uploads_playlist_id]
    iterator = progress(with_playlist, len(with_playlist), "youtube uploads") if progress else with_playlist
    for channel in iterator:
        wanted.extend(client.uploads(channel.uploads_playlist_id, since=since, limit=int(max_per_channel)))
    known = _known_ids(store, wanted)
    fetch_ids = [v for v in dict.fromkeys(wanted) if v not in result.videos and v not in known]
    fetch_details(client, fetch_ids, result, shorts_max_s=shorts_max_s)


def _due(store, key: str, hours: float, now: datetime) -> bool:
    last = store.get(key)
    try:
        return not last or now - parse_time(str(last)) >= timedelta(hours=float(hours))
    except TimeParseError:
        return True


def _harvest_incremental(result: Harvest, client: YouTubeClient, store, max_age_days, max_per_channel,
                         shorts_max_s, progress, inc: Incremental) -> None:
    now = client.clock()
    full_ratings = _due(store, FULL_RATINGS_KEY, inc.full_refresh_hours, now)
    stored = [label for label in store.labels(INTEREST) if label.source in ("like", "dislike")]
    for rating, value in (("like", 1), ("dislike", 0)):
        known = None if full_ratings else {label.video_id for label in stored if label.source == rating}
        resources, complete = client.rated_listing(rating, known=known)
        for resource in resources:
            video = video_from_resource(resource, shorts_max_s=shorts_max_s)
            result.videos[video.video_id] = video
            result.labels.append(Label(video_id=video.video_id, kind=INTEREST, value=value, source=rating))
        if complete and full_ratings:  # a listing read to the end: likes no longer listed are removed
            result.complete_ratings.add(rating)
    if full_ratings:
        result.registry[FULL_RATINGS_KEY] = iso(now)

    stored_channels = {c.channel_id: c for c in store.channels()}
    if _due(store, SUBSCRIPTIONS_KEY, inc.full_refresh_hours, now) or not stored_channels:
        channels = client.subscriptions()
        for channel in channels:
            old = stored_channels.get(channel.channel_id)
            channel.uploads_playlist_id = old.uploads_playlist_id if old is not None else ""
        new = [c.channel_id for c in channels if not c.uploads_playlist_id]
        playlists = client.uploads_playlists(new) if new else {}
        for channel in channels:
            channel.uploads_playlist_id = channel.uploads_playlist_id or playlists.get(channel.channel_id, "")
        result.channels = channels
        result.registry[SUBSCRIPTIONS_KEY] = iso(now)
        listed = channels
    else:
        listed = [c for c in stored_channels.values() if c.source == SOURCE]
    checked = store.uploads_checked()
    due = [c for c in listed if c.uploads_playlist_id and (
        not checked.get(c.channel_id)
        or now - parse_time(checked[c.channel_id]) >= timedelta(hours=float(inc.uploads_check_hours)))]
    due.sort(key=lambda c: (checked.get(c.channel_id, ""), c.channel_id))  # least recently checked first
    oldest = now - timedelta(days=float(max_age_days))
    wanted: list[str] = []
    iterator = progress(due, len(due), "youtube uploads") if progress else due
    for channel in iterator:
        since = oldest
        if checked.get(channel.channel_id):  # a day of overlap: an upload published late in the playlist
            since = max(oldest, parse_time(checked[channel.channel_id]) - timedelta(days=1))
        wanted.extend(client.uploads(channel.uploads_playlist_id, since=since, limit=int(max_per_channel)))
        result.uploads_checked[channel.channel_id] = iso(now)
    known = _known_ids(store, wanted)
    fetch_ids = [v for v in dict.fromkeys(wanted) if v not in result.videos and v not in known]
    fetch_details(client, fetch_ids, result, shorts_max_s=shorts_max_s)


def _known_ids(store, ids: Sequence[str]) -> set[str]:
    """Videos whose details are already stored (no need to spend quota on them again)."""
    if store is None or not ids:
        return set()
    return {v.video_id for v in store.videos(ids, status=None) if v.raw is not None or v.status != "ok"}


def fetch_details(client: YouTubeClient, video_ids: Sequence[str], result: Harvest, *, shorts_max_s: float) -> None:
    found, missing = client.details(video_ids)
    for resource in found:
        video = video_from_resource(resource, shorts_max_s=shorts_max_s)
        result.videos[video.video_id] = video
    result.unavailable.extend(missing)


def write_harvest(store, result: Harvest, report: IngestReport) -> None:
    """One transaction: channels, videos (and unavailable ones), like/dislike labels; stale ratings
    (no longer liked/disliked, known only when that listing was read to the end) are removed."""
    with store.transaction():
        report.written["channels"] = store.upsert_channels(result.channels)
        if result.uploads_checked:
            store.mark_uploads_checked(result.uploads_checked)
        for key, value in result.registry.items():
            store.set(key, value)
        videos = list(result.videos.values()) + [unavailable_video(store, v) for v in result.unavailable
                                                 if v not in result.videos]
        report.written["videos"] = store.upsert_videos(videos)
        report.written["labels"] = store.add_labels(result.labels)
        current = {(label.video_id, label.source) for label in result.labels}
        removed = 0
        for label in store.labels(INTEREST):
            if label.source in result.complete_ratings and (label.video_id, label.source) not in current:
                removed += store.delete_labels(label.video_id, label.kind, label.source, label.moment)
        if removed:
            report.written["labels removed"] = removed


def ingest(store, client: YouTubeClient, *, uploads_max_age_days: float = 30, uploads_max_per_channel: int = 50,
           shorts_max_s: float = 60, progress: Callable | None = None,
           incremental: Incremental | None = None) -> IngestReport:
    """``vrdndi ingest youtube``: fetch, then write everything in one transaction."""
    report = IngestReport(source="youtube")
    try:
        result = harvest(client, store=store, uploads_max_age_days=uploads_max_age_days,
                         uploads_max_per_channel=uploads_max_per_channel, shorts_max_s=shorts_max_s,
                         progress=progress, incremental=incremental)
    except NotAvailableError as exc:
        partial = getattr(exc, "harvest", None)
        if partial is not None and (partial.videos or partial.channels):
            write_harvest(store, partial, IngestReport(source="youtube"))
            raise NotAvailableError(f"{exc}; stored the {len(partial.videos)} videos fetched before") from exc
        raise
    report.read = len(result.videos) + len(result.unavailable) + len(result.channels)
    write_harvest(store, result, report)
    report.notes.append(f"{client.units} quota units spent" + (
        f" ({client.spent_today()} today, Pacific time" + (f", of {client.daily_budget}" if client.daily_budget
                                                             else "") + ")" if client.store is not None else ""))
    if result.stopped:
        report.notes.append(result.stopped)
    if result.unavailable:
        report.skipped["unavailable (deleted or private)"] = len(result.unavailable)
    return report


def client_from_config(yt_cfg: Mapping[str, Any], *, interactive: bool = False, store=None) -> YouTubeClient:
    """A ready client from the ``sources.youtube`` config (cached token, refreshed if needed); with a
    store, the day's units are counted there against ``daily_budget``."""
    credentials = load_credentials(yt_cfg.get("token"), yt_cfg.get("client_secret"), interactive=interactive)
    daily = yt_cfg.get("daily_budget")
    return YouTubeClient(build_service(credentials=credentials), quota_budget=int(yt_cfg.get("quota_budget", 2000)),
                         max_retries=int(yt_cfg.get("max_retries", 5)), store=store,
                         daily_budget=None if daily is None else int(daily))


def ingest_from_config(store, client: YouTubeClient, cfg: Mapping[str, Any], *,
                       progress: Callable | None = None) -> IngestReport:
    """``ingest`` with the ``sources`` config (``sources.youtube.incremental`` and its intervals)."""
    yt_cfg = cfg["youtube"]
    incremental = None
    if bool(yt_cfg.get("incremental", True)):
        incremental = Incremental(full_refresh_hours=float(yt_cfg.get("full_refresh_hours", 24)),
                                  uploads_check_hours=float(yt_cfg.get("uploads_check_hours", 6)))
    return ingest(store, client, uploads_max_age_days=float(yt_cfg.get("uploads_max_age_days", 30)),
                  uploads_max_per_channel=int(yt_cfg.get("uploads_max_per_channel", 50)),
                  shorts_max_s=float((cfg.get("takeout") or {}).get("shorts_max_s", 60)), progress=progress,
                  incremental=incremental)


def have_credentials(yt_cfg: Mapping[str, Any]) -> bool:
    token = yt_cfg.get("token")
    return bool(token) and Path(str(token)).expanduser().exists()
