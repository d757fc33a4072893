"""ActivityWatch: live queries against a real aw-server, and the export path giving the same rows."""

from __future__ import annotations

import json
import uuid
from datetime import datetime, timedelta, timezone

import pytest
import requests
from aw_client import ActivityWatchClient
from aw_core.models import Event

from vrdndi.errors import BadInputError, NotAvailableError
from vrdndi.sources import activitywatch as aw
from vrdndi.sources import categories
from vrdndi.sources.privacy import PrivacyRules
from vrdndi.store import Store
from vrdndi.timeutil import get_tz, parse_time, time_of_day

UTC = timezone.utc
DAY = datetime(2024, 3, 10, tzinfo=UTC)

SERVER_CLASSES = [
    {"id": 1, "name": ["Work", "Programming"], "rule": {"type": "regex", "regex": r"Visual Studio Code|GitHub"},
     "data": {"color": "#0f0"}},
    {"id": 2, "name": ["Media", "Video"], "rule": {"type": "regex", "regex": r"You\w+"}},
    {"id": 3, "name": ["Comms"], "rule": {"type": "regex", "regex": "telegram", "ignore_case": True}},
    {"id": 4, "name": ["Uncategorized"], "rule": {"type": "none"}},
]


def at(hh: int, mm: int, ss: int = 0, day: datetime = DAY) -> datetime:
    return day + timedelta(hours=hh, minutes=mm, seconds=ss)


def window_events(day: datetime = DAY) -> list[Event]:
    return [
        Event(timestamp=at(9, 0, day=day), duration=600, data={"app": "Code", "title": "main.py - vrdndi - Visual Studio Code"}),
        Event(timestamp=at(9, 10, day=day), duration=300, data={"app": "Firefox", "title": "GitHub - Mozilla Firefox"}),
        Event(timestamp=at(9, 15, day=day), duration=900, data={"app": "Firefox", "title": "YouTube - Mozilla Firefox"}),
        Event(timestamp=at(9, 30, day=day), duration=1800, data={"app": "Code", "title": "notes.md - Visual Studio Code"}),
        Event(timestamp=at(10, 0, day=day), duration=600, data={"app": "Telegram", "title": "Telegram — Сообщения"}),
        Event(timestamp=at(10, 10, day=day), duration=300, data={"app": "KeePassXC", "title": "Passwords.kdbx"}),
        Event(timestamp=at(10, 15, day=day), duration=300, data={"app": "Firefox", "title": "Bank — Private Browsing"}),
        # crosses midnight UTC: split between two day chunks in both paths
        Event(timestamp=at(23, 50, day=day), duration=1200, data={"app": "Code", "title": "late.py - Visual Studio Code"}),
    ]


def afk_events(day: datetime = DAY) -> list[Event]:
    return [
        Event(timestamp=at(9, 0, day=day), duration=45 * 60, data={"status": "not-afk"}),
        Event(timestamp=at(9, 45, day=day), duration=20 * 60, data={"status": "afk"}),  # must be filtered out
        Event(timestamp=at(10, 5, day=day), duration=55 * 60, data={"status": "not-afk"}),
        Event(timestamp=at(23, 45, day=day), duration=3600, data={"status": "not-afk"}),
    ]


def web_events(day: datetime = DAY) -> list[Event]:
    return [
        Event(timestamp=at(9, 10, day=day), duration=300, data={"url": "https://github.com/x/y", "title": "GitHub", "audible": False, "incognito": False}),
        Event(timestamp=at(9, 15, day=day), duration=400, data={"url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ", "title": "YouTube", "audible": True, "incognito": False}),
        Event(timestamp=at(9, 21, day=day, ss=40), duration=500, data={"url": "https://www.youtube.com/watch?v=9bZkp7q19f0", "title": "YouTube", "audible": True, "incognito": False}),
    ]


@pytest.fixture
def aw_host(aw_server):
    """Buckets for a fresh host name on the shared server (deleted afterwards)."""
    host, port = aw_server
    hostname = f"laptop{uuid.uuid4().hex[:6]}"
    client = ActivityWatchClient(f"vrdndi-test-{uuid.uuid4().hex[:6]}", host=host, port=port)
    client.client_hostname = hostname
    ids = {"window": f"aw-watcher-window_{hostname}", "afk": f"aw-watcher-afk_{hostname}",
           "web": f"aw-watcher-web-firefox_{hostname}"}
    client.create_bucket(ids["window"], "currentwindow")
    client.create_bucket(ids["afk"], "afkstatus")
    client.create_bucket(ids["web"], "web.tab.current")
    client.insert_events(ids["window"], window_events())
    client.insert_events(ids["afk"], afk_events())
    client.insert_events(ids["web"], web_events())
    yield client, hostname, ids
    for bucket_id in ids.values():
        client.delete_bucket(bucket_id, force=True)


@pytest.fixture
def server_classes(aw_url):
    requests.post(f"{aw_url}/api/0/settings/classes", json=SERVER_CLASSES, timeout=5).raise_for_status()
    yield
    requests.post(f"{aw_url}/api/0/settings/classes", json=[], timeout=5).raise_for_status()


def settings_for(aw_server, hostname: str) -> aw.LiveSettings:
    host, port = aw_server
    return aw.LiveSettings(host=host, port=port, hostnames=[hostname])


def by_start(store: Store) -> dict[str, object]:
    return {e.start: e for e in store.all_events()}


def test_discover_groups_buckets_by_host_and_shares_unknown_browser_buckets():
    buckets = {
        "aw-watcher-window_a": {"hostname": "a"}, "aw-watcher-afk_a": {"hostname": "a"},
        "aw-watcher-window_b": {"hostname": "b"}, "aw-watcher-afk_b": {"hostname": "b"},
        "aw-watcher-web-chrome_b": {"hostname": "b"}, "aw-watcher-web-firefox": {"hostname": "unknown"},
        "aw-watcher-input_a": {"hostname": "a"},
    }
    hosts = {hb.host: hb for hb in aw.discover(buckets)}
    assert set(hosts) == {"a", "b"}
    assert hosts["a"].afk == "aw-watcher-afk_a"
    assert hosts["a"].browsers == ["aw-watcher-web-firefox"]
    assert sorted(hosts["b"].browsers) == ["aw-watcher-web-chrome_b", "aw-watcher-web-firefox"]
    assert [hb.host for hb in aw.discover(buckets, ["b"])] == ["b"]


def test_live_uses_server_categories_filters_afk_and_attaches_urls(aw_server, aw_host, server_classes, store):
    _, hostname, _ = aw_host
    settings = settings_for(aw_server, hostname)
    privacy = PrivacyRules.from_config({"never_store_apps": ["keepassxc"],
                                        "never_store_titles": ["(?i)private browsing"]})
    report = aw.ingest_live(store, settings, privacy=privacy, start=DAY, end=DAY + timedelta(days=2))
    assert "categories from server" in report.line()
    events = by_start(store)
    # 09:30-10:00 Code is cut at 09:45 (AFK from 09:45 to 10:05); Telegram starts when AFK ends
    code = events[at(9, 30).isoformat(timespec="microseconds")]
    assert code.end == at(9, 45).isoformat(timespec="microseconds") and code.duration_s == 900
    assert at(9, 50).isoformat(timespec="microseconds") not in events
    telegram = events[at(10, 5).isoformat(timespec="microseconds")]
    assert telegram.category == "Comms" and telegram.title == "Telegram — Сообщения"
    assert all(not (at(9, 45) < parse_time(e.start) < at(10, 5)) for e in events.values())
    # server rules, not the defaults; a browser window split per tab with its URL
    first = events[at(9, 0).isoformat(timespec="microseconds")]
    assert first.category == "Work > Programming" and first.source == "aw-live" and first.host == hostname
    youtube = [e for e in events.values() if "youtube.com" in e.url]
    assert {e.url for e in youtube} == {"https://www.youtube.com/watch?v=dQw4w9WgXcQ",
                                        "https://www.youtube.com/watch?v=9bZkp7q19f0"}
    assert all(e.category == "Media > Video" for e in youtube)
    # privacy lists: never written
    assert not any(e.app == "KeePassXC" or "Private Browsing" in e.title for e in events.values())
    assert report.skipped["withheld by privacy rules"] == 2
    # every stored time is UTC
    assert all(e.start.endswith("+00:00") and e.end.endswith("+00:00") for e in events.values())


def test_live_without_server_categories_falls_back_to_aw_client_defaults(aw_server, aw_host, store):
    _, hostname, _ = aw_host
    report = aw.ingest_live(store, settings_for(aw_server, hostname), start=DAY, end=DAY + timedelta(days=1))
    assert "categories from default" in report.line()
    events = by_start(store)
    assert events[at(9, 10).isoformat(timespec="microseconds")].category == "Work > Programming"  # GitHub
    assert events[at(10, 5).isoformat(timespec="microseconds")].category == "Comms > IM"  # Telegram
    assert events[at(9, 0).isoformat(timespec="microseconds")].category == "Uncategorized"


def test_live_user_rules_file_is_used_when_server_has_none(aw_server, aw_host, store, tmp_path):
    _, hostname, _ = aw_host
    rules = tmp_path / "rules.json"
    rules.write_text(json.dumps({"categories": [{"name": ["Deep work"], "rule": {"type": "regex", "regex": "Code"}}]}))
    settings = settings_for(aw_server, hostname)
    settings.categories_file = str(rules)
    report = aw.ingest_live(store, settings, start=DAY, end=DAY + timedelta(days=1))
    assert "categories from file" in report.line()
    assert by_start(store)[at(9, 0).isoformat(timespec="microseconds")].category == "Deep work"


def test_live_is_incremental_and_idempotent(aw_server, aw_host, store):
    client, hostname, ids = aw_host
    settings = settings_for(aw_server, hostname)
    settings.start = DAY.isoformat()
    end = DAY + timedelta(days=2)
    first = aw.ingest_live(store, settings, end=end)
    key = aw._registry_key(settings, hostname)
    assert store.get(key) == max(e.end for e in store.all_events())
    dump = store.dump()
    again = aw.ingest_live(store, settings, end=end)
    assert again.written["events"] == 0 and store.dump() == dump
    assert first.written["events"] == len(store.all_events())
    # the last event grows (heartbeat-like) and a new one arrives: only those change
    later = DAY + timedelta(days=1, hours=5)
    client.insert_events(ids["afk"], [Event(timestamp=later, duration=600, data={"status": "not-afk"})])
    client.insert_events(ids["window"], [Event(timestamp=later, duration=120, data={"app": "Code", "title": "new.py"})])
    third = aw.ingest_live(store, settings, end=DAY + timedelta(days=3))
    assert third.written["events"] == 1
    assert store.get(key) == (later + timedelta(seconds=120)).isoformat(timespec="microseconds")


def test_export_import_equals_live_for_the_same_data(aw_server, aw_host, aw_url, server_classes, tmp_path):
    client, hostname, _ = aw_host
    settings = settings_for(aw_server, hostname)
    start, end = DAY, DAY + timedelta(days=2)
    live = Store(tmp_path / "live.sqlite")
    aw.ingest_live(live, settings, start=start, end=end)
    export = requests.get(f"{aw_url}/api/0/export", timeout=10).json()
    path = tmp_path / "aw-buckets-export.json"
    path.write_text(json.dumps(export))
    classes = categories.from_server(aw_url)
    buckets = aw.load_export(path)
    rows = aw.events_from_export(buckets, classes, hostnames=[hostname], start=start, end=end)
    offline = Store(tmp_path / "export.sqlite")
    offline.upsert_events(rows)

    def strip(store):
        return [{k: v for k, v in row.items() if k != "source"} for row in store.dump()["app_events"]]

    assert strip(offline) == strip(live) and len(strip(live)) >= 8
    assert {r["source"] for r in offline.dump()["app_events"]} == {"aw-export"}


def test_export_file_ingest_is_idempotent_and_keeps_local_time(tmp_path, store):
    buckets = {
        "aw-watcher-window_desk": {"id": "aw-watcher-window_desk", "type": "currentwindow", "client": "aw-watcher-window",
                                   "hostname": "desk", "created": "2024-03-01T00:00:00+00:00",
                                   "events": [e.to_json_dict() for e in window_events()]},
        "aw-watcher-afk_desk": {"id": "aw-watcher-afk_desk", "type": "afkstatus", "client": "aw-watcher-afk",
                                "hostname": "desk", "created": "2024-03-01T00:00:00+00:00",
                                "events": [e.to_json_dict() for e in afk_events()]},
    }
    path = tmp_path / "export.json"
    path.write_text(json.dumps({"buckets": buckets}, ensure_ascii=False), encoding="utf-8")
    first = aw.import_export(store, path)
    dump = store.dump()
    second = aw.import_export(store, path)
    assert first.written["events"] > 0 and second.written["events"] == 0 and store.dump() == dump
    event = by_start(store)[at(9, 0).isoformat(timespec="microseconds")]
    # 09:00 UTC is 18:00 in Tokyo
    sin, cos = time_of_day(parse_time(event.start), get_tz("Asia/Tokyo"))
    assert (sin, cos) == pytest.approx((-1.0, 0.0), abs=1e-9)  # 18:00 is three quarters of the day
    assert parse_time(event.start).astimezone(get_tz("Asia/Tokyo")).hour == 18


@pytest.mark.parametrize("content, record", [
    ('{"buckets": {"aw-watcher-window_x": {"events": [{"timestamp": "2024-01-01T00:00:00Z", "dur', None),
    ('[1, 2, 3]', None),
    ('{"buckets": {"aw-watcher-window_x": {"events": [{"duration": 3, "data": {}}]}}}', "bucket aw-watcher-window_x event 0"),
    ('{"buckets": {"aw-watcher-window_x": {"events": [{"timestamp": "2024-01-01T00:00:00", "duration": 1}]}}}',
     "bucket aw-watcher-window_x event 0"),
])
def test_bad_export_names_file_and_record_and_writes_nothing(tmp_path, store, content, record):
    good = tmp_path / "good.json"
    good.write_text(json.dumps({"buckets": {"aw-watcher-window_h": {"hostname": "h", "events": [
        {"timestamp": "2024-01-01T10:00:00Z", "duration": 60, "data": {"app": "a", "title": "t"}}]}}}))
    aw.import_export(store, good)
    before = store.dump()
    bad = tmp_path / "bad.json"
    bad.write_text(content)
    with pytest.raises(BadInputError) as info:
        aw.import_export(store, bad)
    assert str(bad) in str(info.value) and "\n" not in str(info.value)
    if record:
        assert info.value.record == record
    assert store.dump() == before


def test_unreachable_server_is_one_clear_line(store):
    settings = aw.LiveSettings(host="127.0.0.1", port=9, hostnames=None)
    with pytest.raises(NotAvailableError, match="not reachable"):
        aw.ingest_live(store, settings, start=DAY, end=DAY + timedelta(days=1))


def test_a_private_tab_is_stored_without_its_url_or_title(tmp_path, store):
    """aw-watcher-web says ``incognito: true``; the window title looks harmless, so no title rule catches it."""
    def bucket(kind: str, client: str, bucket_type: str, events: list[Event]) -> dict:
        return {"id": f"{kind}_desk", "type": bucket_type, "client": client, "hostname": "desk",
                "created": "2024-03-01T00:00:00+00:00", "events": [e.to_json_dict() for e in events]}

    window = [Event(timestamp=at(11, 0), duration=600, data={"app": "Firefox", "title": "Recipes - Mozilla Firefox"}),
              Event(timestamp=at(11, 10), duration=300, data={"app": "Firefox", "title": "GitHub - Mozilla Firefox"})]
    web = [Event(timestamp=at(11, 0), duration=600, data={"url": "https://clinic.example/results?id=42",
                                                          "title": "Recipes", "audible": False, "incognito": True}),
           Event(timestamp=at(11, 10), duration=300, data={"url": "https://github.com/x/y", "title": "GitHub",
                                                           "audible": False, "incognito": False})]
    afk = [Event(timestamp=at(10, 55), duration=30 * 60, data={"status": "not-afk"})]
    buckets = {b["id"]: b for b in (bucket("aw-watcher-window", "aw-watcher-window", "currentwindow", window),
                                    bucket("aw-watcher-afk", "aw-watcher-afk", "afkstatus", afk),
                                    bucket("aw-watcher-web-firefox", "aw-watcher-web", "web.tab.current", web))}
    path = tmp_path / "export.json"
    path.write_text(json.dumps({"buckets": buckets}), encoding="utf-8")
    aw.import_export(store, path)
    rows = {e.start: e for e in store.all_events()}
    private = rows[at(11, 0).isoformat(timespec="microseconds")]
    assert (private.app, private.title, private.url) == ("Firefox", "", "")
    assert rows[at(11, 10).isoformat(timespec="microseconds")].url == "https://github.com/x/y"
    assert all("clinic" not in (e.url + e.title) and "Recipes" not in e.title for e in store.all_events())


def test_youtube_tabs_become_watches_with_their_durations(aw_server, aw_host, store, tmp_path, aw_url):
    """aw-watcher-web's YouTube tabs (while the user was there) are watches with the time on each video;
    the live path and the export path give the same watches, and ingesting twice changes nothing."""
    _, hostname, _ = aw_host
    settings = settings_for(aw_server, hostname)
    report = aw.ingest_live(store, settings, start=DAY, end=DAY + timedelta(days=2))
    watches = store.watches()
    # 09:15 the tab is on dQw4w9WgXcQ for 400 s; then 9bZkp7q19f0 until the browser window closes at 09:30
    assert [(w.video_id, w.watched_at, w.source, w.duration_s) for w in watches] == [
        ("dQw4w9WgXcQ", at(9, 15).isoformat(timespec="microseconds"), "aw-web", 400.0),
        ("9bZkp7q19f0", at(9, 21, 40).isoformat(timespec="microseconds"), "aw-web", 500.0)]
    assert report.written["watches"] == 2 and {"dQw4w9WgXcQ", "9bZkp7q19f0"} <= store.seen_video_ids()
    assert aw.ingest_live(store, settings, start=DAY, end=DAY + timedelta(days=2)).written["watches"] == 0
    export = requests.get(f"{aw_url}/api/0/export", timeout=10).json()
    export["buckets"] = {k: v for k, v in export["buckets"].items() if k.endswith(hostname)}
    path = tmp_path / "aw-buckets-export.json"
    path.write_text(json.dumps(export))
    with Store(tmp_path / "offline.sqlite") as offline:
        aw.import_export(offline, path)
        assert [(w.video_id, w.watched_at, w.duration_s) for w in offline.watches()] == \
            [(w.video_id, w.watched_at, w.duration_s) for w in watches]


def test_watches_from_events_join_spans_drop_glances_and_read_every_youtube_url():
    from vrdndi.store import AppEvent

    def ev(minute: int, seconds: float, url: str, host: str = "desk") -> AppEvent:
        start = at(14, minute)
        return AppEvent(host, start.isoformat(), (start + timedelta(seconds=seconds)).isoformat(), seconds,
                        app="Firefox", url=url)

    events = [ev(0, 120, "https://www.youtube.com/watch?v=aaaaaaaaaaa&t=30s"),
              ev(2, 60, "https://github.com/x"),  # away for a minute: the same watch after it
              ev(3, 180, "https://m.youtube.com/watch?feature=share&v=aaaaaaaaaaa"),
              ev(20, 10, "https://youtu.be/bbbbbbbbbbb"),  # a 10 s glance: not a watch
              ev(30, 60, "https://www.youtube.com/shorts/ccccccccccc"),
              ev(40, 90, "https://www.youtube.com/watch?v=aaaaaaaaaaa"),  # back 30 min later: a second watch
              ev(50, 600, "https://www.youtube.com/results?search_query=x"),  # not a video
              ev(0, 300, "https://www.youtube.com/watch?v=aaaaaaaaaaa", host="laptop")]  # same instant, other host
    got = [(w.video_id, w.watched_at[11:19], w.duration_s) for w in aw.watches_from_events(events)]
    assert got == [("aaaaaaaaaaa", "14:00:00", 300.0), ("ccccccccccc", "14:30:00", 60.0),
                   ("aaaaaaaaaaa", "14:40:00", 90.0)]
    assert aw.youtube_video_id("https://www.youtube.com/watch?v=aaaaaaaaaaaX") is None
    assert aw.youtube_video_id("https://evil.example/?u=https://youtu.be/bbbbbbbbbbb") is None


def test_a_private_youtube_tab_is_never_a_watch(tmp_path, store):
    window = [Event(timestamp=at(11, 0), duration=600, data={"app": "Firefox", "title": "Video - Mozilla Firefox"})]
    web = [Event(timestamp=at(11, 0), duration=600, data={"url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
                                                          "title": "Video", "audible": True, "incognito": True})]
    afk = [Event(timestamp=at(10, 55), duration=30 * 60, data={"status": "not-afk"})]

    def bucket(kind, client, bucket_type, events):
        return {"id": f"{kind}_desk", "type": bucket_type, "client": client, "hostname": "desk",
                "created": "2024-03-01T00:00:00+00:00", "events": [e.to_json_dict() for e in events]}

    buckets = {b["id"]: b for b in (bucket("aw-watcher-window", "aw-watcher-window", "currentwindow", window),
                                    bucket("aw-watcher-afk", "aw-watcher-afk", "afkstatus", afk),
                                    bucket("aw-watcher-web-firefox", "aw-watcher-web", "web.tab.current", web))}
    path = tmp_path / "export.json"
    path.write_text(json.dumps({"buckets": buckets}), encoding="utf-8")
    aw.import_export(store, path)
    assert store.all_events() and store.watches() == []


def test_a_feed_for_now_pulls_the_last_minutes_and_says_how_old_activity_is_when_aw_is_down(aw_server, store):
    """predict for now first pulls new events from the server (incremental: only since the last ingest;
    a server never ingested from gives only the context window and records no progress); with the server
    unreachable it still ranks and the feed run's note says how old the newest activity is."""
    from tests.inference.support import make_videos, predict_cfg
    from vrdndi.inference import predict_feed
    from vrdndi.timeutil import now_utc

    host, port = aw_server
    hostname = f"now{uuid.uuid4().hex[:6]}"
    client = ActivityWatchClient(f"vrdndi-test-{uuid.uuid4().hex[:6]}", host=host, port=port)
    client.client_hostname = hostname
    window, afk = f"aw-watcher-window_{hostname}", f"aw-watcher-afk_{hostname}"
    client.create_bucket(window, "currentwindow")
    client.create_bucket(afk, "afkstatus")
    try:
        now = now_utc()
        client.insert_events(afk, [Event(timestamp=now - timedelta(days=3), duration=3 * 86400 - 5,
                                         data={"status": "not-afk"})])
        old = Event(timestamp=now - timedelta(days=2), duration=600, data={"app": "Code", "title": "old.py"})
        client.insert_events(window, [old])
        # heartbeats of the last minutes, merged by the server into one growing event
        for seconds in (180, 120, 60, 10):
            client.heartbeat(window, Event(timestamp=now - timedelta(seconds=seconds), duration=0,
                                           data={"app": "Code", "title": "fresh.py"}), pulsetime=90)
        store.upsert_videos(make_videos(4, moment=now.isoformat()))
        overrides = [f"sources.activitywatch.host={host}", f"sources.activitywatch.port={port}",
                     f"sources.activitywatch.hostnames=[{hostname}]", "ckpt=cold-start",
                     "predict.pull_activitywatch=true"]
        cfg = predict_cfg(store.path.parent, *overrides, f"paths.store={store.path}")
        run = predict_feed(cfg, store)
        titles = {e.title for e in store.all_events()}
        assert "fresh.py" in titles and "old.py" not in titles  # the context window only, not 60 days
        assert store.get(aw._registry_key(aw.LiveSettings(host=host, port=port), hostname)) is None
        assert "pulled just now" in run.note and run.activity_until >= (now - timedelta(seconds=20)).isoformat()
        fresh = next(e for e in store.all_events() if e.title == "fresh.py")
        assert fresh.start <= (now - timedelta(seconds=175)).isoformat() and run.moment >= fresh.end

        down = predict_cfg(store.path.parent, *overrides, "sources.activitywatch.port=9", f"paths.store={store.path}")
        run = predict_feed(down, store)
        assert run.n_items == 4 and "not reachable" in run.note and "newest activity" in run.note
        assert run.activity_until == fresh.end
    finally:
        for bucket_id in (window, afk):
            client.delete_bucket(bucket_id, force=True)
