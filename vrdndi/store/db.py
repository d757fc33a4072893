"""The store: one SQLite file, the contract between every part of vrdndi.

This module is the only place that writes SQL. Writes are idempotent upserts on natural keys
(``schema.py``); a row whose content did not change is not touched (its ``updated_at`` stays), so
ingesting the same data twice changes nothing. Every multi-row write runs in one ``BEGIN IMMEDIATE``
transaction: a crash mid-write leaves no partial rows. WAL mode and a busy timeout let the website,
the labeller, the scheduler and training share the file.

Why plain ``sqlite3`` rather than sqlite-utils: sqlite-utils commits each batch of an
``upsert_all`` separately, so a multi-row write would not be atomic.
"""

from __future__ import annotations

import json
import re
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from vrdndi import paths
from vrdndi.errors import VrdndiError
from vrdndi.store.schema import (
    LABEL_KINDS,
    MIGRATIONS,
    AppEvent,
    Channel,
    FeedItem,
    FeedRun,
    Label,
    Video,
    Watch,
    from_row,
    row_of,
)
from vrdndi.timeutil import iso, now_utc

BUSY_TIMEOUT_S = 30.0

_KEYS: dict[str, tuple[str, ...]] = {
    "videos": ("video_id",),
    "channels": ("channel_id",),
    "app_events": ("host", "start"),
    "watches": ("video_id", "watched_at"),
    "labels": ("video_id", "kind", "source", "moment"),
}


class StoreError(VrdndiError):
    pass


# Failures of the disk or the file, told in one line: (sqlite3's ``sqlite_errorname`` prefix, words of
# the message for Python < 3.11, what the user is told). The transaction rolled back: nothing was written.
_USER_ERRORS = (
    ("SQLITE_FULL", "disk is full", "the disk is full; nothing was written and the store is as it was. "
                                    "Free some space and run the command again"),
    ("SQLITE_READONLY", "readonly", "the store is read-only (file or folder permissions, or a read-only "
                                    "disk); nothing was written. Make it writable, or point paths.store at "
                                    "a writable copy"),
    ("SQLITE_CORRUPT", "malformed", "the store file is damaged. Restore it from a backup, or from an export "
                                    "with `vrdndi import DIR` into a new store"),
    ("SQLITE_NOTADB", "not a database", "not a usable vrdndi store"),
    ("SQLITE_IOERR", "disk i/o error", "the disk could not be read or written (I/O error); nothing was "
                                       "written. Check the disk and run the command again"),
    ("SQLITE_CANTOPEN", "unable to open", "the store file cannot be opened for writing (a missing folder, "
                                          "permissions, or a read-only disk)"),
)


def _q(name: str) -> str:
    return f'"{name}"'


class Store:
    """A connection to the store file. One per thread is simplest; a Store may also be shared
    across threads (calls are serialised by a lock)."""

    def __init__(self, path: str | Path | None = None, *, readonly: bool = False):
        self.path = Path(path) if path is not None else paths.store_path()
        if not readonly:  # a read-only look creates nothing (sqlite's mode=ro fails on a missing file)
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.RLock()
        self._depth = 0
        try:
            if readonly:
                uri = f"file:{self.path}?mode=ro"
                self.conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_S,
                                            isolation_level=None, check_same_thread=False)
            else:
                self.conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S,
                                            isolation_level=None, check_same_thread=False)
            self.conn.row_factory = sqlite3.Row
            self.conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
            self.conn.execute("PRAGMA foreign_keys = ON")
            self.conn.create_function("REGEXP", 2, _regexp, deterministic=True)
            if not readonly:
                self._set_wal()
                self.conn.execute("PRAGMA synchronous = NORMAL")
                self._migrate()
        except sqlite3.DatabaseError as exc:
            self._raise_user_error(exc)
            raise StoreError(f"{self.path}: not a usable vrdndi store ({exc})") from exc

    # -- lifecycle -------------------------------------------------------------------------
    def close(self) -> None:
        with self._lock:
            self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def _set_wal(self) -> None:
        """Switch a new file to WAL. SQLite answers "database is locked" at once, without waiting for
        the busy timeout, when another connection switches the same new file at that moment: retry."""
        import tenacity

        for attempt in tenacity.Retrying(
                retry=tenacity.retry_if_exception(_is_locked), stop=tenacity.stop_after_delay(BUSY_TIMEOUT_S),
                wait=tenacity.wait_random(0.01, 0.1), reraise=True):
            with attempt:
                self.conn.execute("PRAGMA journal_mode = WAL")

    @property
    def schema_version(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    def _migrate(self) -> None:
        """Bring the schema up to date. The version is read again inside the write transaction
        (``BEGIN IMMEDIATE`` holds the write lock): of several processes opening a new store at once,
        the first creates the tables and the others find them made."""
        if self.schema_version == len(MIGRATIONS):
            return
        with self.transaction():
            version = self.schema_version
            if version > len(MIGRATIONS):
                raise StoreError(f"{self.path}: schema version {version} is newer than this vrdndi "
                                 f"({len(MIGRATIONS)}); upgrade vrdndi")
            for number in range(version, len(MIGRATIONS)):
                # executescript would COMMIT our transaction; run statement by statement instead
                for statement in _split_sql(MIGRATIONS[number]):
                    self.conn.execute(statement)
            self.conn.execute(f"PRAGMA user_version = {len(MIGRATIONS)}")

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """All writes inside commit together or not at all. Nested calls join the outer one."""
        with self._lock:
            if self._depth:
                self._depth += 1
                try:
                    yield self.conn
                finally:
                    self._depth -= 1
                return
            try:
                self.conn.execute("BEGIN IMMEDIATE")
            except sqlite3.DatabaseError as exc:
                self._raise_user_error(exc)
                raise
            self._depth = 1
            try:
                yield self.conn
                self.conn.execute("COMMIT")
            except BaseException as exc:
                self._rollback()
                if isinstance(exc, sqlite3.DatabaseError):
                    self._raise_user_error(exc)
                raise
            finally:
                self._depth = 0

    def _rollback(self) -> None:
        # SQLite has already rolled back after a full disk or an I/O error: a second ROLLBACK would
        # raise "no transaction is active" and hide the real error
        if self.conn.in_transaction:
            try:
                self.conn.execute("ROLLBACK")
            except sqlite3.DatabaseError:
                pass

    def _raise_user_error(self, exc: sqlite3.DatabaseError) -> None:
        """Raise a disk-full, read-only, damaged or unreadable store as one line (``StoreError``); return
        for any other database error (a bug: a constraint, bad SQL), which keeps its traceback."""
        name = str(getattr(exc, "sqlite_errorname", "") or "")
        text = str(exc).lower()
        for prefix, words, problem in _USER_ERRORS:
            if name.startswith(prefix) or (not name and words in text):
                raise StoreError(f"{self.path}: {problem} ({exc})") from exc

    def _read(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[sqlite3.Row]:
        with self._lock:
            try:
                return self.conn.execute(sql, params).fetchall()
            except sqlite3.DatabaseError as exc:
                self._raise_user_error(exc)
                raise

    # -- generic upsert ----------------------------------------------------------------------
    def _upsert(self, table: str, rows: Iterable[dict[str, Any]], *, fill_only: bool = False) -> int:
        """Insert or update rows by natural key; returns how many rows were inserted or changed.

        ``fill_only``: on conflict only fill columns that are empty in the stored row (a Takeout
        entry must not blank out the details that videos.list stored earlier)."""
        keys = _KEYS[table]
        rows = list(rows)
        if not rows:
            return 0
        stamp = iso(now_utc())
        cols = [c for c in rows[0].keys()]
        values_cols = cols + ["updated_at"]
        changeable = [c for c in cols if c not in keys]
        sql = (f"INSERT INTO {table} ({', '.join(map(_q, values_cols))}) "
               f"VALUES ({', '.join('?' for _ in values_cols)})")
        if changeable:
            if fill_only:
                def new(c: str) -> str:
                    return (f"CASE WHEN {table}.{_q(c)} IS NULL OR {table}.{_q(c)} IN ('', '[]', 0) "
                            f"THEN excluded.{_q(c)} ELSE {table}.{_q(c)} END")
            else:
                def new(c: str) -> str:
                    return f"excluded.{_q(c)}"
            sets = ", ".join(f"{_q(c)} = {new(c)}" for c in changeable) + ", updated_at = excluded.updated_at"
            differs = " OR ".join(f"{table}.{_q(c)} IS NOT {new(c)}" for c in changeable)
            sql += f" ON CONFLICT ({', '.join(map(_q, keys))}) DO UPDATE SET {sets} WHERE {differs}"
        else:
            sql += f" ON CONFLICT ({', '.join(map(_q, keys))}) DO NOTHING"
        with self.transaction() as conn:
            before = conn.total_changes
            conn.executemany(sql, ([row[c] for c in cols] + [stamp] for row in rows))
            return conn.total_changes - before

    # -- writes ------------------------------------------------------------------------------
    def upsert_videos(self, videos: Iterable[Video], *, fill_only: bool = False) -> int:
        """Insert/update videos; ``fill_only`` keeps stored non-empty fields (partial sources)."""
        return self._upsert("videos", (row_of(v) for v in videos), fill_only=fill_only)

    def upsert_channels(self, channels: Iterable[Channel]) -> int:
        return self._upsert("channels", (row_of(c) for c in channels))

    def upsert_events(self, events: Iterable[AppEvent]) -> int:
        return self._upsert("app_events", (row_of(e) for e in events))

    def upsert_watches(self, watches: Iterable[Watch]) -> int:
        return self._upsert("watches", (row_of(w) for w in watches))

    def add_labels(self, labels: Iterable[Label]) -> int:
        rows = []
        for label in labels:
            if label.kind not in LABEL_KINDS:
                raise StoreError(f"label for {label.video_id}: kind must be one of {LABEL_KINDS}, "
                                 f"not {label.kind!r}")
            if label.value not in (0, 1):
                raise StoreError(f"label for {label.video_id}: value must be 0 or 1, not {label.value!r}")
            rows.append(row_of(label))
        return self._upsert("labels", rows)

    def delete_labels(self, video_id: str, kind: str, source: str, moment: str = "") -> int:
        with self.transaction() as conn:
            cur = conn.execute("DELETE FROM labels WHERE video_id=? AND kind=? AND source=? AND moment=?",
                               (video_id, kind, source, moment))
            return cur.rowcount

    def delete_events_matching(self, pattern: str, *, field: str = "title", unless_all: bool = False) -> int:
        """Delete app events whose ``field`` (title | app | url) matches regex ``pattern``.

        ``unless_all``: delete nothing when the pattern matches every stored event (returns -1 then)."""
        if field not in ("title", "app", "url"):
            raise StoreError(f"cannot match on {field!r}: use title, app or url")
        try:
            re.compile(pattern)
        except re.error as exc:
            raise StoreError(f"bad pattern {pattern!r}: {exc}") from exc
        with self.transaction() as conn:
            if unless_all:
                total, matching = conn.execute(
                    f"SELECT COUNT(*), COALESCE(SUM({_q(field)} REGEXP ?), 0) FROM app_events", (pattern,)).fetchone()
                if total and matching == total:
                    return -1
            cur = conn.execute(f"DELETE FROM app_events WHERE {_q(field)} REGEXP ?", (pattern,))
            return cur.rowcount

    def save_feedback(self, label: Label) -> int:
        """Store one web click: it replaces the earlier answer of the same kind for the same video
        clicked on the same feed (``feed_moment``), whatever time that earlier click was at."""
        with self.transaction() as conn:
            if label.feed_moment:
                conn.execute("DELETE FROM labels WHERE video_id=? AND kind=? AND source=? AND feed_moment=? "
                             "AND moment IS NOT ?", (label.video_id, label.kind, label.source, label.feed_moment,
                                                     label.moment))
            return self.add_labels([label])

    def replace_watches(self, source: str, since: str, watches: Sequence[Watch]) -> int:
        """The watches of ``source`` at or after ``since`` become exactly ``watches`` (derived rows that are
        recomputed over a range: the ones that changed are rewritten, the ones no longer derived removed)."""
        keep = {(w.video_id, w.watched_at) for w in watches}
        with self.transaction() as conn:
            stale = [(r[0], r[1]) for r in conn.execute(
                "SELECT video_id, watched_at FROM watches WHERE source=? AND watched_at >= ?", (source, since))
                if (r[0], r[1]) not in keep]
            conn.executemany("DELETE FROM watches WHERE video_id=? AND watched_at=? AND source=?",
                             [(v, w, source) for v, w in stale])
            return self.upsert_watches(watches) + len(stale)

    def spend_quota(self, day: str, units: int) -> int:
        """Add ``units`` to the YouTube quota spent on ``day`` (a Pacific date); returns the day's total."""
        with self.transaction() as conn:
            conn.execute("INSERT INTO youtube_quota (day, units, updated_at) VALUES (?,?,?) ON CONFLICT (day) "
                         "DO UPDATE SET units = units + excluded.units, updated_at = excluded.updated_at",
                         (day, int(units), iso(now_utc())))
            return int(conn.execute("SELECT units FROM youtube_quota WHERE day=?", (day,)).fetchone()[0])

    def mark_uploads_checked(self, checked: dict[str, str]) -> None:
        """channel id -> UTC ISO time its uploads were last listed."""
        stamp = iso(now_utc())
        with self.transaction() as conn:
            conn.executemany("INSERT INTO youtube_channel_state (channel_id, uploads_checked_at, updated_at) "
                             "VALUES (?,?,?) ON CONFLICT (channel_id) DO UPDATE SET "
                             "uploads_checked_at=excluded.uploads_checked_at, updated_at=excluded.updated_at",
                             [(c, t, stamp) for c, t in checked.items()])

    def write_feed(self, run: FeedRun, items: Sequence[FeedItem]) -> int:
        """Replace the feed for (moment, checkpoint) with ``items``; returns the run id."""
        created = run.created_at or iso(now_utc())
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO feed_runs (moment, checkpoint, mode, created_at, n_items, activity_until, note) "
                "VALUES (?,?,?,?,?,?,?) "
                "ON CONFLICT (moment, checkpoint) DO UPDATE SET mode=excluded.mode, "
                "created_at=excluded.created_at, n_items=excluded.n_items, "
                "activity_until=excluded.activity_until, note=excluded.note",
                (run.moment, run.checkpoint, run.mode, created, len(items), run.activity_until, run.note))
            run_id = conn.execute("SELECT run_id FROM feed_runs WHERE moment=? AND checkpoint=?",
                                  (run.moment, run.checkpoint)).fetchone()[0]
            conn.execute("DELETE FROM feed WHERE run_id=?", (run_id,))
            conn.executemany(
                "INSERT INTO feed (run_id, video_id, rank, score, p_interest, p_productive, reason) "
                "VALUES (?,?,?,?,?,?,?)",
                [(run_id, it.video_id, it.rank, it.score, it.p_interest, it.p_productive, it.reason)
                 for it in items])
        return int(run_id)

    def set(self, key: str, value: Any) -> None:
        """Registry: store a JSON-serialisable value under ``key``."""
        with self.transaction() as conn:
            conn.execute("INSERT INTO registry (key, value, updated_at) VALUES (?,?,?) "
                         "ON CONFLICT (key) DO UPDATE SET value=excluded.value, updated_at=excluded.updated_at "
                         "WHERE registry.value IS NOT excluded.value",
                         (key, json.dumps(value, sort_keys=True), iso(now_utc())))

    # -- reads -------------------------------------------------------------------------------
    @property
    def store_id(self) -> str:
        """This store's identity (made with the store, never exported): a checkpoint trained on it names
        it, so ``ckpt=best`` never takes another store's run (the demo's) for this one."""
        rows = self._read("SELECT value FROM store_meta WHERE key='store_id'")
        return str(rows[0][0]) if rows else ""

    @staticmethod
    def id_of(path: str | Path) -> str:
        """The identity of the store file at ``path`` (opened, migrated if old, closed)."""
        with Store(path) as store:
            return store.store_id

    def quota_spent(self, day: str) -> int:
        rows = self._read("SELECT units FROM youtube_quota WHERE day=?", (day,))
        return int(rows[0][0]) if rows else 0

    def uploads_checked(self) -> dict[str, str]:
        """channel id -> UTC ISO time its uploads were last listed."""
        return {r[0]: r[1] for r in self._read("SELECT channel_id, uploads_checked_at FROM youtube_channel_state")}

    def events_with_url_since(self, since: str, pattern: str) -> list[AppEvent]:
        """App events ending after ``since`` whose URL matches regex ``pattern``, oldest first."""
        rows = self._read('SELECT * FROM app_events WHERE "end" > ? AND url != \'\' AND url REGEXP ? '
                          "ORDER BY host, start", (since, pattern))
        return [from_row(AppEvent, dict(r)) for r in rows]

    def first_changed_event_start(self, since: str) -> str | None:
        """The earliest start of the app events written (new or changed) at or after ``since``."""
        row = self._read("SELECT MIN(start) FROM app_events WHERE updated_at >= ?", (since,))[0]
        return row[0]

    def get(self, key: str, default: Any = None) -> Any:
        rows = self._read("SELECT value FROM registry WHERE key=?", (key,))
        return json.loads(rows[0]["value"]) if rows else default

    def counts(self) -> dict[str, int]:
        return {t: int(self._read(f"SELECT COUNT(*) FROM {t}")[0][0])
                for t in ("videos", "channels", "app_events", "watches", "labels", "feed_runs", "feed",
                          "registry")}

    def video(self, video_id: str) -> Video | None:
        rows = self._read("SELECT * FROM videos WHERE video_id=?", (video_id,))
        return from_row(Video, dict(rows[0])) if rows else None

    def videos(self, ids: Iterable[str] | None = None, *, published_since: str | None = None,
               status: str | None = "ok") -> list[Video]:
        """Videos by id (in no particular order), or all published since a UTC ISO time."""
        where, params = [], []
        if status is not None:
            where.append("status = ?")
            params.append(status)
        if published_since is not None:
            where.append("published_at >= ?")
            params.append(published_since)
        sql = "SELECT * FROM videos" + (f" WHERE {' AND '.join(where)}" if where else "")
        if ids is None:
            return [from_row(Video, dict(r)) for r in self._read(sql + " ORDER BY video_id", params)]
        out: list[Video] = []
        id_list = list(dict.fromkeys(ids))
        for i in range(0, len(id_list), 500):
            chunk = id_list[i:i + 500]
            clause = f"video_id IN ({', '.join('?' for _ in chunk)})"
            chunk_sql = sql + (" AND " if where else " WHERE ") + clause
            out.extend(from_row(Video, dict(r)) for r in self._read(chunk_sql, params + chunk))
        return out

    def channels(self) -> list[Channel]:
        return [from_row(Channel, dict(r)) for r in self._read("SELECT * FROM channels ORDER BY channel_id")]

    def events_between(self, start: str, end: str, *, hosts: Sequence[str] | None = None) -> list[AppEvent]:
        """App events overlapping [start, end) (UTC ISO), oldest first. Callers clip at ``end``."""
        sql = 'SELECT * FROM app_events WHERE start < ? AND "end" > ?'
        params: list[Any] = [end, start]
        if hosts:
            sql += f" AND host IN ({', '.join('?' for _ in hosts)})"
            params.extend(hosts)
        return [from_row(AppEvent, dict(r)) for r in self._read(sql + " ORDER BY start", params)]

    def all_events(self) -> list[AppEvent]:
        return [from_row(AppEvent, dict(r)) for r in self._read("SELECT * FROM app_events ORDER BY start, host")]

    def event_spans(self, *, hosts: Sequence[str] | None = None) -> list[tuple[str, str]]:
        """(start, end) UTC ISO of every app event (of ``hosts``), by start: when the person was active."""
        rows = self._read('SELECT host, start, "end" FROM app_events ORDER BY start')
        return [(r[1], r[2]) for r in rows if not hosts or r[0] in hosts]

    def latest_event_end(self, host: str | None = None, *, before: str | None = None) -> str | None:
        """The end of the newest app event (of ``host``); ``before``: of the events started before that
        UTC ISO moment, clipped to it (what a feed for that moment saw)."""
        if before is not None:
            sql, params = 'SELECT MAX(MIN("end", ?)) FROM app_events WHERE start < ?', [before, before]
            if host is not None:
                sql += " AND host=?"
                params.append(host)
            return self._read(sql, params)[0][0]
        if host is None:
            row = self._read('SELECT MAX("end") FROM app_events')[0]
        else:
            row = self._read('SELECT MAX("end") FROM app_events WHERE host=?', (host,))[0]
        return row[0]

    def watches(self, *, source: str | None = None, video_id: str | None = None) -> list[Watch]:
        sql, where, params = "SELECT * FROM watches", [], []
        if source is not None:
            where.append("source = ?")
            params.append(source)
        if video_id is not None:
            where.append("video_id = ?")
            params.append(video_id)
        sql += (f" WHERE {' AND '.join(where)}" if where else "") + " ORDER BY watched_at, video_id"
        return [from_row(Watch, dict(r)) for r in self._read(sql, params)]

    def labels(self, kind: str | None = None) -> list[Label]:
        sql, params = "SELECT * FROM labels", []
        if kind is not None:
            sql += " WHERE kind = ?"
            params.append(kind)
        sql += " ORDER BY COALESCE(NULLIF(moment, ''), labelled_at), video_id, kind, source"
        return [from_row(Label, dict(r)) for r in self._read(sql, params)]

    def seen_video_ids(self) -> set[str]:
        """Videos already watched or labelled (excluded from the feed unless asked)."""
        rows = self._read("SELECT video_id FROM watches UNION SELECT video_id FROM labels")
        return {r[0] for r in rows}

    def latest_feed_run(self) -> FeedRun | None:
        rows = self._read("SELECT * FROM feed_runs ORDER BY created_at DESC, run_id DESC LIMIT 1")
        return from_row(FeedRun, dict(rows[0])) if rows else None

    def feed_run(self, run_id: int) -> FeedRun | None:
        """One feed run by id (None if it was replaced or never existed)."""
        rows = self._read("SELECT * FROM feed_runs WHERE run_id=?", (run_id,))
        return from_row(FeedRun, dict(rows[0])) if rows else None

    def feed_page(self, run_id: int, *, offset: int = 0, limit: int = 21) -> list[tuple[FeedItem, Video]]:
        """One page of a feed run in rank order, each item with its video."""
        rows = self._read(
            "SELECT f.video_id AS f_video_id, f.rank, f.score, f.p_interest, f.p_productive, f.reason, v.* "
            "FROM feed f JOIN videos v ON v.video_id = f.video_id WHERE f.run_id = ? "
            "ORDER BY f.rank LIMIT ? OFFSET ?", (run_id, limit, offset))
        out = []
        for r in rows:
            d = dict(r)
            item = FeedItem(video_id=d["f_video_id"], rank=d["rank"], score=d["score"],
                            p_interest=d["p_interest"], p_productive=d["p_productive"], reason=d["reason"])
            out.append((item, from_row(Video, d)))
        return out

    def feed_item(self, run_id: int, video_id: str) -> FeedItem | None:
        """One video's row of a feed run (its rank, scores and reason), or None."""
        rows = self._read("SELECT video_id, rank, score, p_interest, p_productive, reason FROM feed "
                          "WHERE run_id = ? AND video_id = ?", (run_id, video_id))
        return FeedItem(**dict(rows[0])) if rows else None

    def dump(self) -> dict[str, list[dict[str, Any]]]:
        """Every table's rows without bookkeeping columns, in key order (for equality checks)."""
        out = {}
        for table, keys in list(_KEYS.items()) + [("registry", ("key",))]:
            rows = self._read(f"SELECT * FROM {table} ORDER BY {', '.join(map(_q, keys))}")
            out[table] = [{k: v for k, v in dict(r).items() if k != "updated_at"} for r in rows]
        return out


def _is_locked(exc: BaseException) -> bool:
    return isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc)


def _regexp(pattern: str, value: str | None) -> int:
    return int(value is not None and re.search(pattern, value) is not None)


def _split_sql(script: str) -> list[str]:
    return [s.strip() for s in script.split(";") if s.strip()]


def open_store(path: str | Path | None = None) -> Store:
    """Open (and create/migrate) the store at ``path`` or the default location."""
    return Store(path)
