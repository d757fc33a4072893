"""Move the whole store between machines: ``vrdndi export DIR`` / ``vrdndi import DIR``.

Files (each imports alone too, ``vrdndi import videos|events|labels|watches|channels FILE``):

- ``videos.jsonl``: one YouTube ``video`` resource per line, as ``videos.list`` returns it (built from
  the row when the API resource is not stored). The extra top-level key ``vrdndi`` carries the store
  row (status, is_short, source...) so a round trip is exact; a line without it (a plain resource from
  elsewhere) is read like an API answer.
- ``events.json``: ActivityWatch export JSON, one bucket per host (``aw-watcher-window_<host>``,
  ``client: "vrdndi"``), events ``{timestamp, duration, data: {app, title, url?, $category}}``;
  ``data.$vrdndi`` keeps the row's source. ``vrdndi import events`` also takes a plain export from
  ActivityWatch (other clients' buckets), which goes through the AFK filter and the categories.
- ``labels.csv``: see ``vrdndi.sources.labels``.
- ``watches.csv``: ``video_id,watched_at,source``; ``channels.csv``:
  ``channel_id,title,uploads_playlist_id,subscribed_at,source``.
- ``registry.json``: ``{key: value}`` bookkeeping (last ingested times...).

Import parses every file first, then writes in one transaction; importing into an empty store
reproduces ``Store.dump()`` exactly.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import tempfile
from datetime import timedelta
from pathlib import Path
from typing import Any

from vrdndi.errors import BadInputError, VrdndiError
from vrdndi.sources import IngestReport, activitywatch, categories, labels as labels_csv, read_text, youtube
from vrdndi.sources.privacy import PrivacyRules
from vrdndi.store.schema import AppEvent, Channel, Video, Watch, row_of
from vrdndi.timeutil import TimeParseError, iso, parse_time, to_iso

FILES = {"videos": "videos.jsonl", "events": "events.json", "labels": "labels.csv", "watches": "watches.csv",
         "channels": "channels.csv", "registry": "registry.json"}
OWN_CLIENT = "vrdndi"
WATCH_COLUMNS = ["video_id", "watched_at", "source"]
CHANNEL_COLUMNS = ["channel_id", "title", "uploads_playlist_id", "subscribed_at", "source"]
VIDEO_ROW_FIELDS = [f for f in Video.__dataclass_fields__ if f != "raw"]


# -- videos ------------------------------------------------------------------------------------

def _iso_duration(seconds: float | None) -> str:
    if seconds is None:
        return ""
    total = int(round(seconds))
    h, rem = divmod(total, 3600)
    m, s = divmod(rem, 60)
    return "PT" + (f"{h}H" if h else "") + (f"{m}M" if m else "") + (f"{s}S" if s or not (h or m) else "")


def resource_of(video: Video) -> dict[str, Any]:
    """The ``videos.list`` resource of a row: the stored one, else built from the row's fields."""
    if video.raw is not None:
        resource = json.loads(json.dumps(video.raw))
    else:
        snippet: dict[str, Any] = {"title": video.title, "channelId": video.channel_id,
                                   "channelTitle": video.channel_title, "description": video.description,
                                   "tags": list(video.tags), "categoryId": video.category_id}
        if video.published_at:
            snippet["publishedAt"] = parse_time(video.published_at).strftime("%Y-%m-%dT%H:%M:%SZ")
        if video.thumbnail_url:
            snippet["thumbnails"] = {"default": {"url": video.thumbnail_url}}
        resource = {"kind": "youtube#video", "id": video.video_id, "snippet": snippet}
        if video.duration_s is not None:
            resource["contentDetails"] = {"duration": _iso_duration(video.duration_s)}
    row = row_of(video)
    resource["vrdndi"] = {**{k: row[k] for k in VIDEO_ROW_FIELDS}, "tags": list(video.tags),
                          "is_short": bool(video.is_short), "has_raw": video.raw is not None}
    return resource


def parse_videos(text: str, name: str, *, shorts_max_s: float = 60) -> list[Video]:
    videos: dict[str, Video] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            resource = json.loads(line)
        except ValueError as exc:
            raise BadInputError(name, number, f"not a JSON line ({exc})") from exc
        if not isinstance(resource, dict) or not isinstance(resource.get("id"), str) or not resource["id"]:
            raise BadInputError(name, number, 'expected a YouTube video resource with a string "id"')
        own = resource.pop("vrdndi", None)
        if own is None:
            try:
                video = youtube.video_from_resource(resource, shorts_max_s=shorts_max_s)
            except BadInputError as exc:
                raise BadInputError(name, number, exc.problem) from exc
            video.source = "import"
        else:
            if not isinstance(own, dict):
                raise BadInputError(name, number, '"vrdndi" must be an object')
            try:
                fields = {k: own[k] for k in VIDEO_ROW_FIELDS}
                video = Video(**fields, raw=resource if own.get("has_raw") else None)
                _check_video(video)
            except (KeyError, TypeError, ValueError) as exc:
                raise BadInputError(name, number, f"bad vrdndi row ({exc})") from exc
            if video.video_id != resource["id"]:
                raise BadInputError(name, number, "vrdndi.video_id differs from id")
        videos[video.video_id] = video
    return list(videos.values())


def _check_video(video: Video) -> None:
    for f in ("video_id", "title", "channel_id", "channel_title", "description", "category_id", "published_at",
              "thumbnail_url", "status", "source"):
        if not isinstance(getattr(video, f), str):
            raise ValueError(f"{f} must be a string")
    if video.published_at:
        to_iso(video.published_at)
    if not isinstance(video.tags, list) or not all(isinstance(t, str) for t in video.tags):
        raise ValueError("tags must be a list of strings")
    if video.duration_s is not None and (isinstance(video.duration_s, bool)
                                         or not isinstance(video.duration_s, (int, float))):
        raise ValueError("duration_s must be a number or null")
    if not isinstance(video.is_short, bool):
        raise ValueError("is_short must be true or false")


# -- events ------------------------------------------------------------------------------------

def events_document(events: list[AppEvent]) -> dict[str, Any]:
    """App event rows -> ActivityWatch export JSON (one window bucket per host)."""
    buckets: dict[str, dict[str, Any]] = {}
    for event in sorted(events, key=lambda e: (e.host, e.start)):
        bucket_id = f"{activitywatch.WINDOW_PREFIX}{event.host}"
        bucket = buckets.setdefault(bucket_id, {"id": bucket_id, "type": "currentwindow", "client": OWN_CLIENT,
                                                "hostname": event.host, "created": event.start, "events": []})
        data: dict[str, Any] = {"app": event.app, "title": event.title}
        if event.url:
            data["url"] = event.url
        data["$category"] = categories.category_parts(event.category) if event.category else []
        extra: dict[str, Any] = {"source": event.source}
        if _end_of(event.start, event.duration_s) != event.end:
            extra["end"] = event.end
        if event.category and categories.category_name(data["$category"]) != event.category:
            extra["category"] = event.category
        data["$vrdndi"] = extra
        bucket["events"].append({"timestamp": event.start, "duration": event.duration_s, "data": data})
    return {"buckets": buckets}


def _end_of(start: str, duration_s: float) -> str:
    return iso(parse_time(start) + timedelta(seconds=duration_s))


def parse_own_events(buckets: dict[str, Any], name: str) -> list[AppEvent]:
    rows: dict[tuple[str, str], AppEvent] = {}
    for bucket_id, bucket in buckets.items():
        host = str(bucket.get("hostname") or bucket_id[len(activitywatch.WINDOW_PREFIX):])
        for index, event in enumerate(bucket["events"]):
            where = f"bucket {bucket_id} event {index}"
            data = event.data
            extra = data.get("$vrdndi") if isinstance(data.get("$vrdndi"), dict) else {}
            start = iso(event.timestamp)
            duration = event.duration.total_seconds()
            try:
                end = to_iso(extra["end"]) if "end" in extra else _end_of(start, duration)
            except (TimeParseError, TypeError) as exc:
                raise BadInputError(name, where, f"$vrdndi.end: {exc}") from exc
            category = extra.get("category") or (categories.category_name(data.get("$category"))
                                                 if data.get("$category") else "")
            values = {"app": data.get("app", ""), "title": data.get("title", ""), "url": data.get("url", ""),
                      "category": category, "source": extra.get("source", "import")}
            if not all(isinstance(v, str) for v in values.values()):
                raise BadInputError(name, where, "app, title, url and the source must be strings")
            row = AppEvent(host=host, start=start, end=end, duration_s=duration, **values)
            rows[(host, start)] = row
    return list(rows.values())


def _exact_events(text: str, name: str) -> dict[str, Any]:
    """Our own events.json keeps microseconds; aw_core's Event rounds to milliseconds, so re-read the
    timestamps of our own buckets from the text."""
    raw = json.loads(text)
    buckets = activitywatch.parse_export(raw, name)
    for bucket_id, bucket in buckets.items():
        if bucket.get("client") == OWN_CLIENT:
            for event, source in zip(bucket["events"], raw["buckets"][bucket_id]["events"]):
                dict.__setitem__(event, "timestamp", parse_time(source["timestamp"]))
                dict.__setitem__(event, "duration", timedelta(seconds=source.get("duration", 0)))
    return buckets


def read_events(path: Path, *, rules_file: str | None = None) -> tuple[list[AppEvent], str]:
    """events.json (ours or an ActivityWatch export) -> (rows, how they were read)."""
    name = str(path)
    text = read_text(path)
    try:
        buckets = _exact_events(text, name)
    except ValueError as exc:
        raise BadInputError(name, None, f"not valid JSON ({exc}); is the file complete?") from exc
    own = {k: b for k, b in buckets.items() if b.get("client") == OWN_CLIENT}
    rows = parse_own_events(own, name)
    how = "vrdndi events"
    others = {k: b for k, b in buckets.items() if b.get("client") != OWN_CLIENT}
    if any(k.startswith(activitywatch.WINDOW_PREFIX) for k in others):
        classes, origin = categories.resolve(rules_file=rules_file)
        rows += activitywatch.events_from_export(others, classes, source=activitywatch.SOURCE_EXPORT)
        how = f"ActivityWatch export, categories from {origin}"
    return rows, how


# -- csv parts ---------------------------------------------------------------------------------

def _csv_text(columns: list[str], rows: list[list[Any]]) -> str:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(rows)
    return out.getvalue()


def _csv_rows(text: str, name: str, columns: list[str]) -> list[dict[str, str]]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    if [c.strip() for c in (reader.fieldnames or [])][:len(columns)] != columns:
        raise BadInputError(name, None, f"expected the header {','.join(columns)}")
    rows = []
    try:
        for number, row in enumerate(reader, start=1):
            if None in row or any(row.get(c) is None for c in columns):
                raise BadInputError(name, number, f"expected {len(columns)} fields")
            rows.append(row)
    except csv.Error as exc:
        raise BadInputError(name, reader.line_num, f"not valid CSV ({exc})") from exc
    return rows


def parse_watches(text: str, name: str) -> list[Watch]:
    out = []
    for number, row in enumerate(_csv_rows(text, name, WATCH_COLUMNS), start=1):
        if not row["video_id"]:
            raise BadInputError(name, number, "video_id is empty")
        try:
            watched_at = to_iso(row["watched_at"])
        except TimeParseError as exc:
            raise BadInputError(name, number, f"watched_at: {exc}") from exc
        duration = (row.get("duration_s") or "").strip()
        try:
            duration_s = float(duration) if duration else None
        except ValueError:
            duration_s = None
        if duration_s is not None and not 0 <= duration_s < 10 * 365 * 86400:
            duration_s = None
        if duration and duration_s is None:
            raise BadInputError(name, number, f"duration_s must be seconds >= 0 or empty, not {duration!r}")
        out.append(Watch(video_id=row["video_id"], watched_at=watched_at, source=row["source"], duration_s=duration_s))
    return out


def parse_channels(text: str, name: str) -> list[Channel]:
    out = []
    for number, row in enumerate(_csv_rows(text, name, CHANNEL_COLUMNS), start=1):
        if not row["channel_id"]:
            raise BadInputError(name, number, "channel_id is empty")
        subscribed = row["subscribed_at"]
        if subscribed:
            try:
                subscribed = to_iso(subscribed)
            except TimeParseError as exc:
                raise BadInputError(name, number, f"subscribed_at: {exc}") from exc
        out.append(Channel(channel_id=row["channel_id"], title=row["title"], subscribed_at=subscribed,
                           uploads_playlist_id=row["uploads_playlist_id"], source=row["source"]))
    return out


# -- the whole store ---------------------------------------------------------------------------

def export_store(store, directory: str | Path) -> dict[str, int]:
    """Write every part into ``directory``; returns rows per part.

    The export is your whole history: its files are owner-only (0600), and so is a folder made for it
    (0700; a folder that exists keeps its mode). Everything is written in a private folder beside
    ``directory`` and moved in only when every part is complete, so a store that cannot be read (a
    damaged page) leaves no partial export."""
    out = Path(directory).expanduser()
    if out.exists() and not out.is_dir():
        raise VrdndiError(f"export {out}: exists and is not a folder; name a new or existing folder")
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.partial-", dir=out.parent))  # mode 0700
    try:
        counts = _write_parts(store, staging)
        for part in staging.iterdir():
            part.chmod(0o600)
        if out.exists():
            for part in staging.iterdir():
                os.replace(part, out / part.name)
            staging.rmdir()
        else:
            os.replace(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return counts


def _write_parts(store, out: Path) -> dict[str, int]:
    videos = store.videos(status=None)
    (out / FILES["videos"]).write_text(
        "".join(json.dumps(resource_of(v), ensure_ascii=False, sort_keys=True) + "\n" for v in videos),
        encoding="utf-8")
    events = store.all_events()
    (out / FILES["events"]).write_text(json.dumps(events_document(events), ensure_ascii=False, indent=1),
                                       encoding="utf-8")
    n_labels = labels_csv.export_labels(store, out / FILES["labels"])
    watches = store.watches()
    (out / FILES["watches"]).write_text(_csv_text(WATCH_COLUMNS + ["duration_s"], [
        [w.video_id, w.watched_at, w.source, "" if w.duration_s is None else repr(float(w.duration_s))]
        for w in watches]), encoding="utf-8", newline="")
    channels = store.channels()
    (out / FILES["channels"]).write_text(_csv_text(CHANNEL_COLUMNS, [[c.channel_id, c.title, c.uploads_playlist_id,
                                                                      c.subscribed_at, c.source] for c in channels]),
                                         encoding="utf-8", newline="")
    registry = {row["key"]: json.loads(row["value"]) for row in store.dump()["registry"]}
    (out / FILES["registry"]).write_text(json.dumps(registry, ensure_ascii=False, indent=1, sort_keys=True),
                                         encoding="utf-8")
    return {"videos": len(videos), "events": len(events), "labels": n_labels, "watches": len(watches),
            "channels": len(channels), "registry": len(registry)}




def read_part(part: str, path: Path, *, rules_file: str | None = None, shorts_max_s: float = 60) -> Any:
    """Parse one part file (no writes)."""
    if part == "videos":
        return parse_videos(read_text(path), str(path), shorts_max_s=shorts_max_s)
    if part == "events":
        return read_events(path, rules_file=rules_file)[0]
    if part == "labels":
        return labels_csv.parse(read_text(path), str(path))
    if part == "watches":
        return parse_watches(read_text(path), str(path))
    if part == "channels":
        return parse_channels(read_text(path), str(path))
    if part == "registry":
        try:
            value = json.loads(read_text(path))
        except ValueError as exc:
            raise BadInputError(str(path), None, f"not valid JSON ({exc})") from exc
        if not isinstance(value, dict):
            raise BadInputError(str(path), None, "expected an object {key: value}")
        return value
    raise VrdndiError(f"unknown part {part!r}: use one of {', '.join(FILES)}")


def write_parts(store, parts: dict[str, Any], *, privacy: PrivacyRules | None = None) -> IngestReport:
    """Write parsed parts in one transaction (videos before labels and watches that name them)."""
    report = IngestReport(source="import", read=sum(len(v) for v in parts.values()))
    withheld = 0
    with store.transaction():
        if "channels" in parts:
            report.written["channels"] = store.upsert_channels(parts["channels"])
        if "videos" in parts:
            report.written["videos"] = store.upsert_videos(parts["videos"])
        if "events" in parts:
            kept, withheld = (privacy or PrivacyRules()).filter(parts["events"])
            report.written["events"] = store.upsert_events(kept)
        if "watches" in parts:
            report.written["watches"] = store.upsert_watches(parts["watches"])
        if "labels" in parts:
            report.written["labels"] = store.add_labels(parts["labels"])
            note = labels_csv.unknown_videos_note(store, parts["labels"])
            if note:
                report.notes.append(note)
        if "registry" in parts:
            changed = 0
            for key, value in sorted(parts["registry"].items()):
                if store.get(key) != value:
                    store.set(key, value)
                    changed += 1
            report.written["registry"] = changed
    if withheld:
        report.skipped["events withheld by privacy rules"] = withheld
    return report


def import_store(store, directory: str | Path, *, privacy: PrivacyRules | None = None,
                 rules_file: str | None = None) -> IngestReport:
    """``vrdndi import DIR``: every part present in ``directory``, parsed first, written together."""
    folder = Path(directory)
    if not folder.is_dir():
        raise BadInputError(str(folder), None, "not a folder; give the folder `vrdndi export` wrote "
                                               "or name a part: vrdndi import videos FILE")
    parts = {part: read_part(part, folder / file, rules_file=rules_file)
             for part, file in FILES.items() if (folder / file).exists()}
    if not parts:
        raise BadInputError(str(folder), None, f"none of {', '.join(FILES.values())} found")
    report = write_parts(store, parts, privacy=privacy)
    report.source = f"import {folder}"
    return report


def import_part(store, part: str, path: str | Path, *, privacy: PrivacyRules | None = None,
                rules_file: str | None = None) -> IngestReport:
    """``vrdndi import videos|events|labels|watches|channels FILE``."""
    parsed = read_part(part, Path(path), rules_file=rules_file)
    report = write_parts(store, {part: parsed}, privacy=privacy)
    report.source = f"import {part} {Path(path).name}"
    return report
