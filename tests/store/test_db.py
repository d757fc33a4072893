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


def test_a_store_of_schema_1_is_migrated_and_gets_its_own_identity(tmp_path):
    """An existing store (schema 1, rows in it) gains the new columns and tables without losing a row;
    every store has its own identity, which is neither in ``dump()`` nor changed by reopening."""
    path = tmp_path / "old.sqlite"
    conn = sqlite3.connect(path)
    conn.executescript(MIGRATIONS[0])
    conn.execute("INSERT INTO labels (video_id, kind, value, source, moment, labelled_at, updated_at) "
                 "VALUES ('vid1', 'productive', 1, 'web', ?, ?, ?)", (T0, T1, T1))
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    with Store(path) as store:
        assert store.schema_version == len(MIGRATIONS)
        [label] = store.labels()
        assert (label.moment, label.labelled_at, label.feed_moment) == (T0, T1, "")
        first_id = store.store_id
        assert len(first_id) == 32
        assert "store_id" not in str(store.dump())
    assert Store.id_of(path) == first_id
    with Store(tmp_path / "other.sqlite") as other:
        assert other.store_id and other.store_id != first_id


def test_quota_is_added_up_per_day_and_feedback_replaces_the_answer_on_the_same_feed(store):
    assert store.quota_spent("2026-11-01") == 0
    assert store.spend_quota("2026-11-01", 3) == 3
    assert store.spend_quota("2026-11-01", 2) == 5 and store.quota_spent("2026-11-02") == 0
    first = Label("vid1", "productive", 1, "web", moment=T0, labelled_at=T0, feed_moment="2026-11-01T08:00:00+00:00")
    second = Label("vid1", "productive", 0, "web", moment=T1, labelled_at=T1, feed_moment=first.feed_moment)
    other_feed = Label("vid1", "productive", 1, "web", moment="2026-11-01T10:00:00.000000+00:00",
                       labelled_at=T1, feed_moment="2026-11-01T09:30:00.000000+00:00")
    store.save_feedback(first)
    store.save_feedback(second)
    assert [(l.value, l.moment) for l in store.labels()] == [(0, T1)]
    store.save_feedback(other_feed)
    assert len(store.labels()) == 2


def test_replace_watches_rewrites_the_derived_range_only(store):
    store.upsert_watches([Watch("vid1", T0, "aw-web", 60.0), Watch("vid2", T0, "takeout"),
                          Watch("vid3", "2026-10-01T00:00:00.000000+00:00", "aw-web", 30.0),
                          Watch("vid5", T1, "aw-web", 10.0)])  # no longer derived: removed
    assert store.replace_watches("aw-web", T0, [Watch("vid1", T0, "aw-web", 90.0), Watch("vid4", T1, "aw-web", 40.0)]) == 3
    got = {(w.video_id, w.source, w.duration_s) for w in store.watches()}
    assert got == {("vid1", "aw-web", 90.0), ("vid2", "takeout", None), ("vid3", "aw-web", 30.0),
                   ("vid4", "aw-web", 40.0)}
    assert store.replace_watches("aw-web", T0, [Watch("vid1", T0, "aw-web", 90.0), Watch("vid4", T1, "aw-web", 40.0)]) == 0
