"""Promises of the store: idempotent upserts, atomic multi-row writes, migrations, WAL."""

from __future__ import annotations

import sqlite3

import pytest

from vrdndi.store import AppEvent, FeedItem, FeedRun, Label, Store, StoreError, Video, Watch
from vrdndi.store.schema import MIGRATIONS

T0 = "2026-11-01T09:00:00.000000+00:00"
T1 = "2026-11-01T09:05:00.000000+00:00"


def sample_rows():
    videos = [Video("vid1", title="Rust async in depth", channel_id="c1", channel_title="Jon",
                    tags=["rust", "async"], duration_s=3600.0, published_at=T0),
              Video("vid2", title="Lo-fi beats", channel_id="c2", duration_s=7200.0)]
    events = [AppEvent("laptop", T0, T1, 300.0, app="code", title="main.rs", category="Work > Programming")]
    labels = [Label("vid1", "interest", 1, "like"), Label("vid1", "productive", 1, "web", moment=T1)]
    watches = [Watch("vid2", T0)]
    return videos, events, labels, watches


def write_all(store: Store) -> int:
    videos, events, labels, watches = sample_rows()
    return (store.upsert_videos(videos) + store.upsert_events(events) + store.add_labels(labels)
            + store.upsert_watches(watches))


def test_same_rows_twice_change_nothing(store):
    assert write_all(store) == 6
    first = store.dump()
    assert write_all(store) == 0
    assert store.dump() == first
    stamps = store.conn.execute("SELECT updated_at FROM videos ORDER BY video_id").fetchall()
    write_all(store)
    assert store.conn.execute("SELECT updated_at FROM videos ORDER BY video_id").fetchall() == stamps


def test_changed_row_is_updated_not_duplicated(store):
    write_all(store)
    assert store.upsert_videos([Video("vid1", title="Rust async, revisited", channel_id="c1")]) == 1
    assert store.counts()["videos"] == 2
    assert store.video("vid1").title == "Rust async, revisited"


def test_fill_only_keeps_stored_details(store):
    write_all(store)
    store.upsert_videos([Video("vid1", title="", channel_title="", source="takeout")], fill_only=True)
    v = store.video("vid1")
    assert v.title == "Rust async in depth" and v.tags == ["rust", "async"] and v.source == "takeout"


def test_crash_inside_a_write_leaves_no_partial_rows(store):
    write_all(store)
    before = store.dump()
    rows = [Video(f"new{i}", title=f"t{i}") for i in range(300)]

    class Boom(Exception):
        pass

    with pytest.raises(Boom):
        with store.transaction():
            store.upsert_videos(rows[:200])
            store.add_labels([Label("new1", "interest", 1, "web")])
            raise Boom()
    assert store.dump() == before
    # a bad row in the middle of one call rolls back the whole call
    with pytest.raises(StoreError):
        store.add_labels([Label("vid2", "interest", 1, "web"), Label("vid2", "interest", 7, "web")])
    assert store.dump() == before


def test_constraint_violation_in_executemany_rolls_back(store):
    before = store.dump()
    with pytest.raises(sqlite3.IntegrityError):
        store._upsert("labels", [
            {"video_id": "a", "kind": "interest", "value": 1, "source": "s", "moment": "", "labelled_at": ""},
            {"video_id": "b", "kind": "bogus", "value": 1, "source": "s", "moment": "", "labelled_at": ""},
        ])
    assert store.dump() == before


def test_schema_version_wal_and_reopen(vrdndi_home):
    path = vrdndi_home / "s.sqlite"
    with Store(path) as s:
        assert s.schema_version == len(MIGRATIONS)
        assert s.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        write_all(s)
    with Store(path) as s:
        assert s.counts()["videos"] == 2


def test_newer_schema_is_refused(vrdndi_home):
    path = vrdndi_home / "future.sqlite"
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 5}")
    conn.close()
    with pytest.raises(StoreError, match="newer"):
        Store(path)


def test_not_a_database_is_one_clear_error(vrdndi_home):
    path = vrdndi_home / "garbage.sqlite"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="garbage.sqlite"):
        Store(path)


def test_feed_rewrite_for_same_moment_replaces(store):
    write_all(store)
    run = FeedRun(moment=T1, checkpoint="ck")
    rid = store.write_feed(run, [FeedItem("vid1", 1, 0.9), FeedItem("vid2", 2, 0.1)])
    rid2 = store.write_feed(run, [FeedItem("vid2", 1, 0.8)])
    assert rid == rid2
    page = store.feed_page(rid)
    assert [(i.video_id, i.rank) for i, _ in page] == [("vid2", 1)]
    assert store.latest_feed_run().n_items == 1


def test_events_between_and_privacy_delete(store):
    write_all(store)
    store.upsert_events([AppEvent("laptop", T1, "2026-11-01T09:10:00.000000+00:00", 300.0,
                                  app="firefox", title="Secret - Private Browsing")])
    assert len(store.events_between(T0, "2026-11-01T10:00:00.000000+00:00")) == 2
    assert len(store.events_between("2026-11-01T09:06:00.000000+00:00", "2026-11-01T10:00:00+00:00")) == 1
    assert store.delete_events_matching(r"Private Browsing$") == 1
    assert [e.title for e in store.all_events()] == ["main.rs"]
    with pytest.raises(StoreError):
        store.delete_events_matching("(")


def test_registry_and_seen(store):
    write_all(store)
    store.set("aw.last", {"laptop": T1})
    assert store.get("aw.last") == {"laptop": T1}
    assert store.get("missing", 3) == 3
    assert store.seen_video_ids() == {"vid1", "vid2"}
