"""ActivityWatch -> ``AppEvent`` rows, live (aw-client against any aw-server) or from an export JSON.

Both paths compute the same thing, the "canonical events" of aw-webui / aw-client: window events,
flooded, kept only while the user was not AFK (or a browser tab was audible), categorised by the
rules, each split where the active browser tab changed so it carries the tab's URL.
The live path asks the server to run that query (``aw_client.ActivityWatchClient.query``); the export
path runs the very same ``aw_transform`` functions in Python on the exported buckets, chunk by chunk
with the same day chunks, so the stored rows are equal for equal data.

Buckets are found by prefix: ``aw-watcher-window_<host>``, ``aw-watcher-afk_<host>`` and
``aw-watcher-web-*`` (a browser bucket whose host is unknown joins every host). Stored times are UTC.

Watches without Takeout: a browser tab on a YouTube video (its URL, as aw-watcher-web reports it and
the canonical events carry it) is a watch (source ``aw-web``) with the time spent on that video's tab
(spans of the same video less than ``WATCH_GAP_S`` apart are one watch; less than ``min_watch_s`` in
all is a glance, not a watch). Private (incognito) tabs are stored without a URL, so they never become
watches. Watches are derived from the stored app events after every ingest, so the live path and the
export path give the same watches.

``pull_for_now``: what predict calls before ranking for now, an incremental live ingest of the last
minutes with a short reachability probe; it never makes the first (60-day) ingest, which stays
``vrdndi ingest aw``.
"""

from __future__ import annotations

import bisect
import json
import logging
import os
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from aw_core.models import Event
from aw_transform import (
    Rule,
    categorize,
    concat,
    filter_keyvals,
    filter_period_intersect,
    flood,
    merge_subwatcher_fields,
    period_union,
    sort_by_timestamp,
    split_url_events,
)
from aw_client.queries import browser_appnames, browsersWithBuckets

from vrdndi.errors import BadInputError, NotAvailableError, VrdndiError
from vrdndi.sources import IngestReport, categories, read_text
from vrdndi.sources.categories import Classes
from vrdndi.sources.privacy import PrivacyRules
from vrdndi.store.schema import AppEvent, Watch
from vrdndi.timeutil import UTC, TimeParseError, iso, now_utc, parse_time

log = logging.getLogger(__name__)

WINDOW_PREFIX = "aw-watcher-window_"
AFK_PREFIX = "aw-watcher-afk_"
WEB_PREFIX = "aw-watcher-web"
SOURCE_LIVE = "aw-live"
SOURCE_EXPORT = "aw-export"
DEFAULT_OVERLAP_S = 900  # re-fetch this much before the last stored end: the last event keeps growing
WATCH_SOURCE = "aw-web"
WATCH_GAP_S = 300.0  # spans of the same video's tab closer than this are one watch
DEFAULT_MIN_WATCH_S = 20.0
# youtube.com/watch?v=ID (any parameter order), /shorts/ID, /live/ID, /embed/ID, youtu.be/ID; www., m., music.
YOUTUBE_WATCH_URL = re.compile(
    r"^https?://(?:(?:www|m|music)\.)?(?:youtube\.com|youtube-nocookie\.com)/"
    r"(?:watch\?(?:[^#]*&)?v=|shorts/|live/|embed/)([A-Za-z0-9_-]{11})(?![A-Za-z0-9_-])"
    r"|^https?://youtu\.be/([A-Za-z0-9_-]{11})(?![A-Za-z0-9_-])")


@dataclass
class HostBuckets:
    """The buckets that describe one machine."""

    host: str
    window: str
    afk: str | None = None
    browsers: list[str] = field(default_factory=list)


# -- bucket discovery --------------------------------------------------------------------------

def _bucket_host(bucket_id: str, meta: Mapping[str, Any], prefix: str) -> str:
    host = meta.get("hostname") if isinstance(meta, Mapping) else None
    if not host or host == "unknown":
        host = bucket_id[len(prefix):]
    return str(host)


def discover(buckets: Mapping[str, Mapping[str, Any]], hostnames: Sequence[str] | None = None) -> list[HostBuckets]:
    """Group buckets (``GET /api/0/buckets/`` or an export's ``buckets``) by host.

    ``hostnames``: only these hosts (None = every host that has a window bucket)."""
    hosts: dict[str, HostBuckets] = {}
    for bucket_id in sorted(buckets):
        if bucket_id.startswith(WINDOW_PREFIX):
            host = _bucket_host(bucket_id, buckets[bucket_id], WINDOW_PREFIX)
            hosts.setdefault(host, HostBuckets(host=host, window=bucket_id))
    for bucket_id in sorted(buckets):
        if bucket_id.startswith(AFK_PREFIX):
            host = _bucket_host(bucket_id, buckets[bucket_id], AFK_PREFIX)
            if host in hosts and hosts[host].afk is None:
                hosts[host].afk = bucket_id
    for bucket_id in sorted(buckets):
        if not bucket_id.startswith(WEB_PREFIX):
            continue
        meta = buckets[bucket_id]
        owner = meta.get("hostname") if isinstance(meta, Mapping) else None
        suffix = bucket_id.rsplit("_", 1)[1] if "_" in bucket_id else None
        targets = [h for h in (owner, suffix) if h in hosts][:1] or list(hosts)
        for host in targets:
            hosts[host].browsers.append(bucket_id)
    wanted = list(hosts.values())
    if hostnames:
        wanted = [hb for hb in wanted if hb.host in set(hostnames)]
    return wanted


# -- the canonical query, as aw-server query text and as Python --------------------------------

def _classes_text(classes: Classes) -> str:
    # Same encoding as aw_client.queries.canonicalEvents: the query language unescapes only \",
    # so JSON's doubled backslashes must be single for regexes like \w to reach the server intact.
    text = json.dumps([[name, rule] for name, rule in classes], ensure_ascii=False)
    return re.sub(r"\\\\", r"\\", text)


def build_query(hb: HostBuckets, classes: Classes) -> str:
    """The aw-server query for one host; returns ``{"events": [...], "browser_events": [...]}``.

    It is aw-client's ``canonicalEvents`` with exact bucket ids (``find_bucket`` matches substrings,
    which confuses hosts named ``pc`` and ``pc2``) and the browser events returned as well."""
    lines = [f'events = flood(query_bucket("{hb.window}"));']
    if hb.afk:
        lines += [f'not_afk = flood(query_bucket("{hb.afk}"));',
                  'not_afk = filter_keyvals(not_afk, "status", ["not-afk"]);']
    lines.append("browser_events = [];")
    pairs = browsersWithBuckets(hb.browsers)
    for name, bucket_id in pairs:
        names = json.dumps(browser_appnames[name])
        lines += [f'events_{name} = flood(query_bucket("{bucket_id}"));',
                  f'window_{name} = filter_keyvals(events, "app", {names});',
                  f"events_{name} = filter_period_intersect(events_{name}, window_{name});",
                  f"events_{name} = split_url_events(events_{name});",
                  f"browser_events = concat(browser_events, events_{name});",
                  "browser_events = sort_by_timestamp(browser_events);"]
    if hb.afk:
        if pairs:
            lines += ['audible_events = filter_keyvals(browser_events, "audible", [true]);',
                      "not_afk = period_union(not_afk, audible_events);"]
        lines.append("events = filter_period_intersect(events, not_afk);")
    lines.append(f"events = categorize(events, {_classes_text(classes)});")
    lines.append('RETURN = {"events": events, "browser_events": browser_events};')
    return "\n".join(lines)


def canonical_events(bucket_events: Mapping[str, list[Event]], hb: HostBuckets,
                     classes: Classes) -> tuple[list[Event], list[Event]]:
    """``build_query`` run in Python with aw-server's own transforms (``aw_transform``).

    ``bucket_events``: bucket id -> the events a ``query_bucket`` of the time range would return."""
    rules = [(list(name), Rule(rule)) for name, rule in classes]
    events = flood(bucket_events.get(hb.window, []))
    not_afk: list[Event] = []
    if hb.afk:
        not_afk = flood(bucket_events.get(hb.afk, []))
        not_afk = filter_keyvals(not_afk, "status", ["not-afk"])
    browser_events: list[Event] = []
    pairs = browsersWithBuckets(hb.browsers)
    for name, bucket_id in pairs:
        one = flood(bucket_events.get(bucket_id, []))
        window = filter_keyvals(events, "app", browser_appnames[name])
        one = filter_period_intersect(one, window)
        one = split_url_events(one)
        browser_events = concat(browser_events, one)
        browser_events = sort_by_timestamp(browser_events)
    if hb.afk:
        if pairs:
            audible = filter_keyvals(browser_events, "audible", [True])
            not_afk = period_union(not_afk, audible)
        events = filter_period_intersect(events, not_afk)
    events = categorize(events, rules)
    return events, browser_events


PRIVATE = "$vrdndi_private"  # set on a window span while the browser's active tab was incognito/private


def _without_private_tabs(browser_events: list[Event]) -> list[Event]:
    """aw-watcher-web marks a private/incognito tab with ``incognito: true``: keep only that fact, never its
    URL or title (a neutral-looking title would pass the title rules)."""
    return [Event(timestamp=e.timestamp, duration=e.duration, data={PRIVATE: True})
            if e.data.get("incognito") is True else e for e in browser_events]


def to_app_events(host: str, events: list[Event], browser_events: list[Event], source: str) -> list[AppEvent]:
    """Canonical events -> rows: split at browser-tab changes (URL), drop empty spans, UTC times.
    A span while a private (incognito) tab was active is stored without its URL and title."""
    browser_events = _without_private_tabs(browser_events)
    merged = merge_subwatcher_fields(events, browser_events, ["url", PRIVATE]) if browser_events else events
    rows: dict[tuple[str, str], AppEvent] = {}
    for event in merged:
        duration = event.duration.total_seconds()
        if duration <= 0:
            continue
        start = event.timestamp.astimezone(UTC)
        data = event.data
        private = data.get(PRIVATE) is True
        row = AppEvent(host=host, start=iso(start), end=iso(start + event.duration), duration_s=duration,
                       app=str(data.get("app") or ""), title="" if private else str(data.get("title") or ""),
                       url="" if private else str(data.get("url") or ""),
                       category=categories.category_name(data.get("$category")), source=source)
        rows[(row.host, row.start)] = row  # one row per (host, start): the later span wins
    return list(rows.values())


# -- time ranges -------------------------------------------------------------------------------

def day_chunks(start: datetime, end: datetime) -> list[tuple[datetime, datetime]]:
    """[start, end) cut at UTC midnights (the unit of a query and of the progress bar)."""
    start, end = start.astimezone(UTC), end.astimezone(UTC)
    chunks = []
    cursor = start
    while cursor < end:
        midnight = (cursor + timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
        stop = min(midnight, end)
        chunks.append((cursor, stop))
        cursor = stop
    return chunks


def _store_query_window(start: datetime, end: datetime) -> tuple[datetime, datetime]:
    # aw-server rounds a query range to milliseconds outward before selecting events (aw_datastore)
    start = start.replace(microsecond=1000 * (start.microsecond // 1000))
    end = end.replace(microsecond=1000 * (end.microsecond // 1000)) + timedelta(milliseconds=1)
    return start, end


class _BucketIndex:
    """One bucket's events sorted by start, to pick those overlapping a range like aw-server does."""

    def __init__(self, events: list[Event]):
        self.events = sorted(events, key=lambda e: e.timestamp)
        self.starts = [e.timestamp for e in self.events]
        self.longest = max((e.duration for e in self.events), default=timedelta(0))

    def overlapping(self, start: datetime, end: datetime) -> list[Event]:
        start, end = _store_query_window(start, end)
        lo = bisect.bisect_left(self.starts, start - self.longest)
        hi = bisect.bisect_right(self.starts, end)
        picked = [e for e in self.events[lo:hi] if start <= e.timestamp + e.duration]
        # newest first, fresh copies: aw-server returns copies in this order and transforms mutate
        return [Event(timestamp=e.timestamp, duration=e.duration, data=json.loads(json.dumps(e.data)))
                for e in reversed(picked)]


# -- export JSON -------------------------------------------------------------------------------

def load_export(path: str | Path) -> dict[str, dict[str, Any]]:
    """Read an AW export (``{"buckets": {id: {..., "events": [...]}}}``) and check its shape.

    Returns bucket id -> bucket with ``events`` as ``aw_core.models.Event`` objects.
    Raises ``BadInputError`` naming the file and the record."""
    name = str(path)
    text = read_text(path, hint="give the JSON that ActivityWatch exported")
    try:
        raw = json.loads(text)
    except ValueError as exc:
        raise BadInputError(name, None, f"not valid JSON ({exc}); is the file complete?") from exc
    return parse_export(raw, name)


def parse_export(raw: Any, name: str) -> dict[str, dict[str, Any]]:
    """Validate an already-decoded export (see ``load_export``)."""
    if not isinstance(raw, dict) or not isinstance(raw.get("buckets"), dict):
        raise BadInputError(name, None, 'expected an ActivityWatch export: {"buckets": {...}} at the top level')
    out: dict[str, dict[str, Any]] = {}
    for bucket_id, bucket in raw["buckets"].items():
        if not isinstance(bucket, dict):
            raise BadInputError(name, f"bucket {bucket_id}", "a bucket must be an object")
        events_raw = bucket.get("events", [])
        if not isinstance(events_raw, list):
            raise BadInputError(name, f"bucket {bucket_id}", '"events" must be a list')
        events = []
        for index, item in enumerate(events_raw):
            where = f"bucket {bucket_id} event {index}"
            if not isinstance(item, dict):
                raise BadInputError(name, where, "an event must be an object")
            if "timestamp" not in item:
                raise BadInputError(name, where, "event has no timestamp")
            try:
                timestamp = parse_time(item["timestamp"]) if isinstance(item["timestamp"], str) else None
            except TimeParseError as exc:
                raise BadInputError(name, where, str(exc)) from exc
            if timestamp is None:
                raise BadInputError(name, where, f"timestamp must be an ISO-8601 string, not {item['timestamp']!r}")
            duration = item.get("duration", 0)
            if (isinstance(duration, bool) or not isinstance(duration, (int, float))
                    or not (0 <= duration < 10 * 365 * 86400)):
                raise BadInputError(name, where, f"duration must be seconds >= 0, not {duration!r}")
            data = item.get("data", {})
            if not isinstance(data, dict):
                raise BadInputError(name, where, '"data" must be an object')
            try:
                timestamp + timedelta(seconds=duration)
            except OverflowError as exc:
                raise BadInputError(name, where, "timestamp + duration is out of range") from exc
            events.append(Event(id=item.get("id"), timestamp=timestamp, duration=float(duration), data=data))
        meta = {k: v for k, v in bucket.items() if k != "events"}
        meta.setdefault("id", bucket_id)
        out[str(bucket_id)] = {**meta, "events": events}
    return out


def events_from_export(buckets: Mapping[str, Mapping[str, Any]], classes: Classes, *,
                       hostnames: Sequence[str] | None = None, start: datetime | None = None,
                       end: datetime | None = None, source: str = SOURCE_EXPORT,
                       progress: Callable[[Iterable[Any], int, str], Iterable[Any]] | None = None) -> list[AppEvent]:
    """Canonical events of every host in a parsed export, day chunk by day chunk."""
    out: list[AppEvent] = []
    for hb in discover(buckets, hostnames):
        ids = [hb.window] + ([hb.afk] if hb.afk else []) + hb.browsers
        indexes = {bid: _BucketIndex(list(buckets[bid]["events"])) for bid in ids}
        window_events = indexes[hb.window].events
        if not window_events:
            continue
        lo = start or window_events[0].timestamp
        hi = end or max(e.timestamp + e.duration for e in window_events) + timedelta(milliseconds=1)
        chunks = day_chunks(lo, hi)
        iterator = progress(chunks, len(chunks), f"aw export {hb.host}") if progress else chunks
        rows: dict[tuple[str, str], AppEvent] = {}
        for a, b in iterator:
            picked = {bid: index.overlapping(a, b) for bid, index in indexes.items()}
            events, browser_events = canonical_events(picked, hb, classes)
            for row in to_app_events(hb.host, events, browser_events, source):
                rows[(row.host, row.start)] = row
        out.extend(rows.values())
    return out


def import_export(store, path: str | Path, *, classes: Classes | None = None, rules_file: str | None = None,
                  privacy: PrivacyRules | None = None, hostnames: Sequence[str] | None = None,
                  progress: Callable | None = None) -> IngestReport:
    """``vrdndi ingest aw FILE``: parse the whole export first, then write in one transaction."""
    buckets = load_export(path)
    if classes is None:
        classes, origin = categories.resolve(rules_file=rules_file)
    else:
        origin = "given"
    rows = events_from_export(buckets, classes, hostnames=hostnames, progress=progress)
    kept, withheld = (privacy or PrivacyRules()).filter(rows)
    report = IngestReport(source=f"aw export {Path(path).name}", read=len(rows))
    stamp = iso(now_utc())
    with store.transaction():
        report.written["events"] = store.upsert_events(kept)
        report.written["watches"] = update_watches(store, stamp)
    report.skipped["withheld by privacy rules"] = withheld
    report.notes.append(f"categories from {origin}")
    return report


# -- live --------------------------------------------------------------------------------------

@dataclass
class LiveSettings:
    host: str = "127.0.0.1"
    port: int = 5600
    hostnames: list[str] | None = None
    start: str | None = None
    initial_days: float = 60
    categories_file: str | None = None
    timeout_s: float = 10
    overlap_s: float = DEFAULT_OVERLAP_S
    min_watch_s: float = DEFAULT_MIN_WATCH_S

    @classmethod
    def from_config(cls, cfg: Mapping[str, Any] | None) -> LiveSettings:
        cfg = dict(cfg or {})
        known = {k: cfg[k] for k in cls.__dataclass_fields__ if k in cfg and cfg[k] is not None}
        if "hostnames" in known:
            value = known["hostnames"]
            known["hostnames"] = [value] if isinstance(value, str) else list(value)
        return cls(**known)

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}"


def _registry_key(settings: LiveSettings, host: str) -> str:
    return f"sources.activitywatch.last_end:{settings.host}:{settings.port}:{host}"


def _client(settings: LiveSettings):
    from aw_client import ActivityWatchClient

    # a unique name: aw-client holds a lock file per name and exits the process on a clash
    return ActivityWatchClient(f"vrdndi-{os.getpid()}", host=settings.host, port=int(settings.port))


def _unreachable(settings: LiveSettings, exc: Exception) -> NotAvailableError:
    return NotAvailableError(f"ActivityWatch server at {settings.base_url} is not reachable "
                             f"({type(exc).__name__}); start aw-server or fix activitywatch.host/port")


def probe(settings: LiveSettings, timeout_s: float) -> None:
    """``GET /api/0/info`` within ``timeout_s`` (aw-client's own requests have no timeout): a server that
    is down or a host that does not answer is a ``NotAvailableError`` at once, not a hang."""
    import requests

    try:
        requests.get(f"{settings.base_url}/api/0/info", timeout=float(timeout_s)).raise_for_status()
    except requests.RequestException as exc:
        raise _unreachable(settings, exc) from exc


def fetch_live(settings: LiveSettings, classes: Classes, *, store=None, start: datetime | None = None,
               end: datetime | None = None, progress: Callable | None = None,
               fallback_start: datetime | None = None) -> tuple[list[AppEvent], dict[str, str]]:
    """Query the server host by host, day chunk by day chunk.

    Returns (rows, registry updates). Without ``start``, each host starts at its last stored end minus
    ``overlap_s`` (registry), else ``settings.start``, else ``initial_days`` ago. ``fallback_start``: a host
    never ingested before starts there instead, and its progress is not recorded (so a later full
    ``vrdndi ingest aw`` still fetches its history)."""
    import requests

    client = _client(settings)
    try:
        buckets = client.get_buckets()
    except requests.RequestException as exc:
        raise _unreachable(settings, exc) from exc
    hosts = discover(buckets, settings.hostnames)
    if not hosts:
        raise NotAvailableError(f"no {WINDOW_PREFIX}* bucket on {settings.base_url}"
                                + (f" for hosts {settings.hostnames}" if settings.hostnames else "")
                                + "; is aw-watcher-window running?")
    stop = (end or now_utc()).astimezone(UTC)
    plan = []
    unrecorded: set[str] = set()
    for hb in hosts:
        first = start
        if first is None and store is not None:
            last = store.get(_registry_key(settings, hb.host))
            if last:
                first = parse_time(last) - timedelta(seconds=settings.overlap_s)
        if first is None and fallback_start is not None:
            first = fallback_start
            unrecorded.add(hb.host)
        if first is None and settings.start:
            first = parse_time(settings.start)
        if first is None:
            first = stop - timedelta(days=float(settings.initial_days))
        plan.append((hb, build_query(hb, classes), day_chunks(first, stop)))
    total = sum(len(chunks) for _, _, chunks in plan)
    steps = [(hb, query, chunk) for hb, query, chunks in plan for chunk in chunks]
    iterator = progress(steps, total, f"aw {settings.host}") if progress else steps
    rows: dict[tuple[str, str], AppEvent] = {}
    for hb, query, (a, b) in iterator:
        try:
            result = client.query(query, [(a, b)])[0]
        except requests.HTTPError as exc:
            body = exc.response.text[:300] if exc.response is not None else ""
            raise VrdndiError(f"aw-server at {settings.base_url} rejected the query for {hb.host}: "
                              f"{' '.join(body.split())}") from exc
        except requests.RequestException as exc:
            raise _unreachable(settings, exc) from exc
        events = [Event(**e) for e in result.get("events", [])]
        browser_events = [Event(**e) for e in result.get("browser_events", [])]
        for row in to_app_events(hb.host, events, browser_events, SOURCE_LIVE):
            rows[(row.host, row.start)] = row
    updates: dict[str, str] = {}
    for hb in hosts:
        if hb.host in unrecorded:
            continue
        ends = [r.end for r in rows.values() if r.host == hb.host]
        if ends:
            updates[_registry_key(settings, hb.host)] = max(ends)
    return list(rows.values()), updates


def ingest_live(store, settings: LiveSettings, *, privacy: PrivacyRules | None = None,
                start: datetime | None = None, end: datetime | None = None,
                progress: Callable | None = None, fallback_start: datetime | None = None,
                probe_timeout_s: float | None = None) -> IngestReport:
    """``vrdndi ingest aw``: fetch what is new since the last run, then write in one transaction (the
    events, the watches derived from them, the progress per host)."""
    if probe_timeout_s is not None:
        probe(settings, probe_timeout_s)
    classes, origin = categories.resolve(server_url=settings.base_url, rules_file=settings.categories_file,
                                         timeout=settings.timeout_s)
    rows, updates = fetch_live(settings, classes, store=store, start=start, end=end, progress=progress,
                               fallback_start=fallback_start)
    kept, withheld = (privacy or PrivacyRules()).filter(rows)
    report = IngestReport(source=f"aw {settings.base_url}", read=len(rows))
    stamp = iso(now_utc())
    with store.transaction():
        report.written["events"] = store.upsert_events(kept)
        report.written["watches"] = update_watches(store, stamp, min_watch_s=settings.min_watch_s)
        for key, value in updates.items():
            previous = store.get(key)
            store.set(key, max(value, previous) if previous else value)
    report.skipped["withheld by privacy rules"] = withheld
    report.notes.append(f"categories from {origin}")
    return report


def pull_for_now(store, settings: LiveSettings, *, privacy: PrivacyRules | None = None, window_hours: float = 6,
                 timeout_s: float = 3) -> IngestReport:
    """Before a feed for now: the events since the last ingest (incremental, the last minutes), or, for a
    server never ingested from, only the context window (``window_hours``) without recording progress."""
    now = now_utc()
    return ingest_live(store, settings, privacy=privacy, end=now, probe_timeout_s=timeout_s,
                       fallback_start=now - timedelta(hours=float(window_hours)))


# -- watches from browser tabs -------------------------------------------------------------------

def youtube_video_id(url: str) -> str | None:
    """The video id of a YouTube watch URL (watch?v=, shorts/, live/, embed/, youtu.be/), else None."""
    match = YOUTUBE_WATCH_URL.match(url or "")
    return (match.group(1) or match.group(2)) if match else None


def watches_from_events(events: Iterable[AppEvent], *, min_watch_s: float = DEFAULT_MIN_WATCH_S,
                        gap_s: float = WATCH_GAP_S) -> list[Watch]:
    """App events on YouTube video tabs -> watches: per host and video, spans less than ``gap_s`` apart
    are one watch at the first span's start, lasting the spans' summed duration; shorter than
    ``min_watch_s`` in all is dropped."""
    groups: list[list[Any]] = []  # [host, video_id, start, end, seconds]
    open_by_key: dict[tuple[str, str], list[Any]] = {}
    for event in sorted(events, key=lambda e: (e.host, e.start)):
        video_id = youtube_video_id(event.url)
        if not video_id:
            continue
        key = (event.host, video_id)
        current = open_by_key.get(key)
        start, end = parse_time(event.start), parse_time(event.end)
        if current is not None and (start - current[3]).total_seconds() <= gap_s:
            current[3] = max(current[3], end)
            current[4] += float(event.duration_s)
            continue
        current = [event.host, video_id, start, end, float(event.duration_s)]
        open_by_key[key] = current
        groups.append(current)
    watches: dict[tuple[str, str], Watch] = {}
    for _, video_id, start, _, seconds in groups:
        if seconds < float(min_watch_s):
            continue
        key = (video_id, iso(start))
        previous = watches.get(key)  # the same video at the same instant on two hosts: one watch
        watches[key] = Watch(video_id=video_id, watched_at=iso(start), source=WATCH_SOURCE,
                             duration_s=round(max(seconds, previous.duration_s if previous else 0.0), 3))
    return sorted(watches.values(), key=lambda w: (w.watched_at, w.video_id))


def update_watches(store, changed_since: str, *, min_watch_s: float = DEFAULT_MIN_WATCH_S) -> int:
    """Re-derive the ``aw-web`` watches around the app events written at or after ``changed_since``
    (a day either side: a watch is never longer); returns how many watch rows changed."""
    first = store.first_changed_event_start(changed_since)
    if first is None:
        return 0
    lo = parse_time(first) - timedelta(days=1)
    events = store.events_with_url_since(iso(lo - timedelta(seconds=WATCH_GAP_S)), r"youtu\.?be")
    watches = [w for w in watches_from_events(events, min_watch_s=min_watch_s) if w.watched_at >= iso(lo)]
    return store.replace_watches(WATCH_SOURCE, iso(lo), watches)
