"""Google Takeout ``watch-history.json`` -> ``Watch`` rows (with the watch time) and partial ``Video`` rows.

An entry looks like::

    {"header": "YouTube", "title": "Watched <video title>", "titleUrl": "https://www.youtube.com/watch?v=ID",
     "subtitles": [{"name": "<channel>", "url": "https://www.youtube.com/channel/UC..."}],
     "time": "2024-05-01T12:34:56.789Z", "products": ["YouTube"], "activityControls": ["YouTube watch history"]}

Ads carry ``details: [{"name": "From Google Ads"}]`` and are dropped; removed videos (no ``titleUrl``,
or "Watched a video that has been removed") are dropped. Videos are written ``fill_only`` so a Takeout
never blanks details that ``videos.list`` stored; details (and Shorts, by duration only) come from the
API when credentials exist, and the import works without them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from vrdndi.errors import BadInputError, NotAvailableError
from vrdndi.sources import IngestReport, read_text
from vrdndi.store.schema import Video, Watch
from vrdndi.timeutil import TimeParseError, to_iso

SOURCE = "takeout"
WATCH_URL = re.compile(r"^https?://(?:www\.|m\.|music\.)?youtube\.com/watch\?(?:[^#]*&)?v=([A-Za-z0-9_-]{11})(?:[&#]|$)")
SHORT_URL = re.compile(r"^https?://youtu\.be/([A-Za-z0-9_-]{11})(?:[?&#]|$)")
CHANNEL_URL = re.compile(r"youtube\.com/channel/([A-Za-z0-9_-]+)")
REMOVED_TITLES = ("Watched a video that has been removed",)
# "Watched <title>" in the language of the Google account: Takeout writes the sentence around the title.
# One is stripped per entry (the first that matches the whole title).
WATCHED_FORMS = tuple(re.compile(form, re.DOTALL) for form in (
    r"^Watched (?P<title>.+)$",                      # en
    r"^Angesehen:?\s+(?P<title>.+)$",                # de
    r"^(?P<title>.+) angesehen$",                    # de (older exports)
    r"^Vous avez regardé (?P<title>.+)$",            # fr
    r"^Regardé\s?:?\s+(?P<title>.+)$",               # fr (short form)
    r"^Has visto (?P<title>.+)$",                    # es
    r"^Viste (?P<title>.+)$",                        # es-419
    r"^Hai guardato (?P<title>.+)$",                 # it
    r"^Assistiu(?: a| ao| à)? (?P<title>.+)$",       # pt
    r"^(?P<title>.+) bekeken$",                      # nl
    r"^(?P<title>.+?)\s?を視聴しました$",              # ja
    r"^(?P<title>.+?)\s?을\(를\) 시청했습니다\.?$",     # ko
    r"^已观看\s?(?P<title>.+)$",                      # zh-Hans
    r"^已觀看\s?(?P<title>.+)$",                      # zh-Hant
    r"^Просмотрено:?\s+(?P<title>.+)$",              # ru
    r"^Obejrzano:?\s+(?P<title>.+)$",                # pl
))


def video_title(title: str, url: str) -> str:
    """The video's own title from a Takeout entry's title: the "Watched" sentence of any language
    around it removed; '' when what is left is a URL (a deleted video shows its link instead)."""
    for form in WATCHED_FORMS:
        match = form.match(title)
        if match:
            title = match.group("title")
            break
    title = title.strip()
    if title == url or re.match(r"^https?://\S+$", title):
        return ""
    return title


@dataclass
class WatchHistory:
    watches: list[Watch] = field(default_factory=list)
    videos: list[Video] = field(default_factory=list)
    read: int = 0
    skipped: dict[str, int] = field(default_factory=lambda: {"ads": 0, "removed videos": 0, "not a video": 0})


def video_id_of(url: str) -> str | None:
    """The video id of a watch URL (``youtube.com/watch?v=``, ``youtu.be/``), else None."""
    match = WATCH_URL.match(url) or SHORT_URL.match(url)
    return match.group(1) if match else None


def load(path: str | Path) -> WatchHistory:
    """Read and check a whole ``watch-history.json``; raises ``BadInputError`` naming file and record."""
    name = str(path)
    text = read_text(path, hint="export the history as JSON in Google Takeout")
    try:
        raw = json.loads(text)
    except ValueError as exc:
        raise BadInputError(name, None, f"not valid JSON ({exc}); is the file complete? "
                                        "(choose JSON, not HTML, as the history format in Takeout)") from exc
    return parse(raw, name)


def parse(raw: Any, name: str) -> WatchHistory:
    """Validate decoded Takeout JSON and turn it into rows."""
    if not isinstance(raw, list):
        raise BadInputError(name, None, "expected a list of watch entries at the top level (watch-history.json)")
    history = WatchHistory(read=len(raw))
    watches: dict[tuple[str, str], Watch] = {}
    videos: dict[str, tuple[str, Video]] = {}
    for index, entry in enumerate(raw):
        if not isinstance(entry, dict):
            raise BadInputError(name, index, "an entry must be an object")
        if "time" not in entry:
            raise BadInputError(name, index, "entry has no time")
        try:
            if not isinstance(entry["time"], str):
                raise TimeParseError(f"not a time string: {entry['time']!r}")
            watched_at = to_iso(entry["time"])
        except TimeParseError as exc:
            raise BadInputError(name, index, str(exc)) from exc
        details = entry.get("details") or []
        if not isinstance(details, list):
            raise BadInputError(name, index, '"details" must be a list')
        if any(isinstance(d, dict) and d.get("name") == "From Google Ads" for d in details):
            history.skipped["ads"] += 1
            continue
        title = entry.get("title", "")
        url = entry.get("titleUrl")
        if not isinstance(title, str) or (url is not None and not isinstance(url, str)):
            raise BadInputError(name, index, "title and titleUrl must be strings")
        if not url or title in REMOVED_TITLES:
            history.skipped["removed videos"] += 1
            continue
        video_id = video_id_of(url)
        if video_id is None:  # a post, a channel page, a search: not a watched video
            history.skipped["not a video"] += 1
            continue
        title = video_title(title, url)
        channel_title, channel_id = "", ""
        subtitles = entry.get("subtitles") or []
        if not isinstance(subtitles, list):
            raise BadInputError(name, index, '"subtitles" must be a list')
        if subtitles and isinstance(subtitles[0], dict):
            channel_title = str(subtitles[0].get("name") or "")
            match = CHANNEL_URL.search(str(subtitles[0].get("url") or ""))
            channel_id = match.group(1) if match else ""
        watches[(video_id, watched_at)] = Watch(video_id=video_id, watched_at=watched_at, source=SOURCE)
        video = Video(video_id=video_id, title=title, channel_id=channel_id, channel_title=channel_title,
                      source=SOURCE)
        # a renamed video appears with several titles: the most recent watch names it
        if video_id not in videos or watched_at > videos[video_id][0]:
            videos[video_id] = (watched_at, video)
    history.watches = sorted(watches.values(), key=lambda w: (w.watched_at, w.video_id))
    history.videos = [v for _, v in sorted(videos.values(), key=lambda p: p[1].video_id)]
    return history


def ingest(store, path: str | Path, *, client=None, shorts_max_s: float = 60,
           progress: Callable | None = None) -> IngestReport:
    """``vrdndi ingest takeout FILE``: parse the whole file first; fetch missing details when a YouTube
    client is given; then write watches, videos and details in one transaction."""
    from vrdndi.sources import youtube

    history = load(path)
    report = IngestReport(source=f"takeout {Path(path).name}", read=history.read)
    harvest = youtube.Harvest()
    if client is not None:
        ids = [v.video_id for v in history.videos]
        known = youtube._known_ids(store, ids)
        missing = [v for v in ids if v not in known]
        batches = [missing[i:i + youtube.BATCH] for i in range(0, len(missing), youtube.BATCH)]
        iterator = progress(batches, len(batches), "takeout details") if progress else batches
        try:
            for batch in iterator:
                youtube.fetch_details(client, batch, harvest, shorts_max_s=shorts_max_s)
        except (youtube.QuotaBudgetReached, NotAvailableError) as exc:
            report.notes.append(f"details incomplete: {exc}")
        report.notes.append(f"{client.units} quota units spent")
    else:
        report.notes.append("no YouTube credentials: titles and channels only (run `vrdndi auth youtube` for details)")
    with store.transaction():
        report.written["watches"] = store.upsert_watches(history.watches)
        written = store.upsert_videos(history.videos, fill_only=True)
        details = list(harvest.videos.values()) + [youtube.unavailable_video(store, v) for v in harvest.unavailable]
        written += store.upsert_videos(details)
        report.written["videos"] = written
    report.skipped.update(history.skipped)
    return report
