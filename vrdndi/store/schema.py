"""Typed rows of the store and its schema migrations.

Natural keys (what makes a row the same row when ingested twice):
- videos: video_id                         - channels: channel_id
- app_events: (host, start)                - watches: (video_id, watched_at)
- labels: (video_id, kind, source, moment) - feed: (run_id, video_id); feed_runs: (moment, checkpoint)
- registry: key                            - youtube_quota: day (Pacific date)
- youtube_channel_state: channel_id        - store_meta: key (the store's own identity, never exported)

Times are canonical UTC ISO strings (``vrdndi.timeutil.iso``). ``labels.moment`` is ``''`` when the
moment is unknown (an interest label from a like, say): SQLite treats NULLs as distinct in unique keys,
so an empty string keeps re-imports idempotent.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields
from typing import Any

INTEREST = "interest"
PRODUCTIVE = "productive"
LABEL_KINDS = (INTEREST, PRODUCTIVE)


@dataclass
class Video:
    video_id: str
    title: str = ""
    channel_id: str = ""
    channel_title: str = ""
    description: str = ""
    tags: list[str] = field(default_factory=list)
    category_id: str = ""
    published_at: str = ""  # UTC ISO or '' when unknown
    duration_s: float | None = None
    thumbnail_url: str = ""
    status: str = "ok"  # ok | deleted | private | unavailable
    is_short: bool = False
    source: str = ""
    raw: dict[str, Any] | None = None  # the YouTube `video` resource as videos.list returned it


@dataclass
class Channel:
    channel_id: str
    title: str = ""
    uploads_playlist_id: str = ""
    subscribed_at: str = ""
    source: str = ""


@dataclass
class AppEvent:
    host: str
    start: str  # UTC ISO
    end: str  # UTC ISO
    duration_s: float
    app: str = ""
    title: str = ""
    url: str = ""
    category: str = ""  # "Work > Programming" style, "Uncategorized" when no rule matched
    source: str = ""


@dataclass
class Watch:
    video_id: str
    watched_at: str  # UTC ISO
    source: str = "takeout"  # takeout | web (opened in the feed's player) | aw-web (a browser tab) | demo
    duration_s: float | None = None  # how long it was watched, when known (aw-web: time on the video's tab)


@dataclass
class Label:
    video_id: str
    kind: str  # interest | productive
    value: int  # 1 = interest / right moment, 0 = uninterest / not now
    source: str  # like, dislike, labeler, web, import, demo, takeout
    moment: str = ""  # UTC ISO of the moment the label is about; '' = unknown
    labelled_at: str = ""  # UTC ISO of when the label was given; '' = unknown
    feed_moment: str = ""  # web feedback: the moment the feed it was clicked on was made for ('' = none)


@dataclass
class FeedItem:
    video_id: str
    rank: int
    score: float
    p_interest: float | None = None
    p_productive: float | None = None
    reason: str = ""


@dataclass
class FeedRun:
    moment: str
    checkpoint: str  # path of the checkpoint, or "cold-start"
    mode: str = "model"  # model | cold-start
    created_at: str = ""
    n_items: int = 0
    run_id: int | None = None
    activity_until: str = ""  # UTC ISO end of the newest app event the feed saw ('' = none stored)
    note: str = ""  # one line about the inputs, e.g. "ActivityWatch unreachable; newest activity 3 hours old"


def row_of(obj: Any) -> dict[str, Any]:
    """Dataclass -> SQL row (lists/dicts as JSON text, bools as ints)."""
    row = asdict(obj)
    for key, value in list(row.items()):
        if isinstance(value, (list, dict)):
            row[key] = json.dumps(value, ensure_ascii=False, sort_keys=True)
        elif isinstance(value, bool):
            row[key] = int(value)
    return row


def from_row(cls: type, row: dict[str, Any]) -> Any:
    """SQL row -> dataclass (inverse of ``row_of``; unknown columns ignored)."""
    kwargs = {}
    for f in fields(cls):
        if f.name not in row:
            continue
        value = row[f.name]
        if f.name in ("tags", "raw") and isinstance(value, str):
            value = json.loads(value) if value else ([] if f.name == "tags" else None)
        elif f.name == "is_short":
            value = bool(value)
        kwargs[f.name] = value
    return cls(**kwargs)


# Each entry moves the schema one version up; PRAGMA user_version counts how many have run.
MIGRATIONS: list[str] = [
    """
    CREATE TABLE videos (
        video_id TEXT PRIMARY KEY,
        title TEXT NOT NULL DEFAULT '',
        channel_id TEXT NOT NULL DEFAULT '',
        channel_title TEXT NOT NULL DEFAULT '',
        description TEXT NOT NULL DEFAULT '',
        tags TEXT NOT NULL DEFAULT '[]',
        category_id TEXT NOT NULL DEFAULT '',
        published_at TEXT NOT NULL DEFAULT '',
        duration_s REAL,
        thumbnail_url TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL DEFAULT 'ok',
        is_short INTEGER NOT NULL DEFAULT 0,
        source TEXT NOT NULL DEFAULT '',
        raw TEXT,
        updated_at TEXT NOT NULL
    );
    CREATE INDEX videos_published ON videos(published_at);
    CREATE TABLE channels (
        channel_id TEXT PRIMARY KEY,
        title TEXT NOT NULL DEFAULT '',
        uploads_playlist_id TEXT NOT NULL DEFAULT '',
        subscribed_at TEXT NOT NULL DEFAULT '',
        source TEXT NOT NULL DEFAULT '',
        updated_at TEXT NOT NULL
    );
    CREATE TABLE app_events (
        host TEXT NOT NULL,
        start TEXT NOT NULL,
        "end" TEXT NOT NULL,
        duration_s REAL NOT NULL,
        app TEXT NOT NULL DEFAULT '',
        title TEXT NOT NULL DEFAULT '',
        url TEXT NOT NULL DEFAULT '',
        category TEXT NOT NULL DEFAULT '',
        source TEXT NOT NULL DEFAULT '',
        updated_at TEXT NOT NULL,
        PRIMARY KEY (host, start)
    );
    CREATE INDEX app_events_end ON app_events("end");
    CREATE TABLE watches (
        video_id TEXT NOT NULL,
        watched_at TEXT NOT NULL,
        source TEXT NOT NULL DEFAULT '',
        updated_at TEXT NOT NULL,
        PRIMARY KEY (video_id, watched_at)
    );
    CREATE TABLE labels (
        video_id TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('interest', 'productive')),
        value INTEGER NOT NULL CHECK (value IN (0, 1)),
        source TEXT NOT NULL,
        moment TEXT NOT NULL DEFAULT '',
        labelled_at TEXT NOT NULL DEFAULT '',
        updated_at TEXT NOT NULL,
        PRIMARY KEY (video_id, kind, source, moment)
    );
    CREATE INDEX labels_kind ON labels(kind);
    CREATE TABLE feed_runs (
        run_id INTEGER PRIMARY KEY AUTOINCREMENT,
        moment TEXT NOT NULL,
        checkpoint TEXT NOT NULL,
        mode TEXT NOT NULL DEFAULT 'model',
        created_at TEXT NOT NULL,
        n_items INTEGER NOT NULL DEFAULT 0,
        UNIQUE (moment, checkpoint)
    );
    CREATE TABLE feed (
        run_id INTEGER NOT NULL REFERENCES feed_runs(run_id) ON DELETE CASCADE,
        video_id TEXT NOT NULL,
        rank INTEGER NOT NULL,
        score REAL NOT NULL,
        p_interest REAL,
        p_productive REAL,
        reason TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (run_id, video_id)
    );
    CREATE INDEX feed_rank ON feed(run_id, rank);
    CREATE TABLE registry (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    """,
    # 2: the store's identity (checkpoints trained on it name it), web feedback keeps the feed's moment
    # next to the click time, watch durations, what a feed saw of the activity, the YouTube quota spent
    # per Pacific day and when each channel's uploads were last listed
    """
    CREATE TABLE store_meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    INSERT INTO store_meta (key, value) VALUES ('store_id', lower(hex(randomblob(16))));
    ALTER TABLE labels ADD COLUMN feed_moment TEXT NOT NULL DEFAULT '';
    ALTER TABLE watches ADD COLUMN duration_s REAL;
    ALTER TABLE feed_runs ADD COLUMN activity_until TEXT NOT NULL DEFAULT '';
    ALTER TABLE feed_runs ADD COLUMN note TEXT NOT NULL DEFAULT '';
    CREATE TABLE youtube_quota (
        day TEXT PRIMARY KEY,
        units INTEGER NOT NULL DEFAULT 0,
        updated_at TEXT NOT NULL
    );
    CREATE TABLE youtube_channel_state (
        channel_id TEXT PRIMARY KEY,
        uploads_checked_at TEXT NOT NULL DEFAULT '',
        updated_at TEXT NOT NULL
    );
    """,
]
