"""A person's week, end to end, against a real aw-server: ingest, label, train (tiny), a feed for *now*
that sees the last minutes of live heartbeats, a click stored at the click time that the next training
uses, all across the start of daylight saving time in America/New_York (Sunday 8 March 2026, 02:00 EST
-> 03:00 EDT).

Everything is the real code path (aw-server and aw-client over HTTP, the SQLite store, the `vrdndi`
command, the feedback and labeller functions the apps call, train.py's run, predict's refresh_feed).
Only the clock is set: ``now_utc`` reads a simulated "now" so the week can run in seconds (the
aw-server takes the timestamps it is given).
"""

from __future__ import annotations

import csv
import json
import subprocess
import sys
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from aw_client import ActivityWatchClient
from aw_core.models import Event

from tests.helpers import compose_train
from vrdndi import timeutil
from vrdndi.apps.feedback import save_feedback
from vrdndi.apps.labeler import save_interest
from vrdndi.config import compose
from vrdndi.data.samples import load_samples
from vrdndi.data.splits import time_split
from vrdndi.features.context import ContextBuilder
from vrdndi.store import Store, Video
from vrdndi.timeutil import iso, time_of_day

ZONE = "America/New_York"
NY = ZoneInfo(ZONE)
REPO = Path(__file__).resolve().parents[2]
UTC = timezone.utc


def local(day: int, hour: int, minute: int = 0) -> datetime:
    """A wall-clock time in New York in March 2026, as aware UTC."""
    return datetime(2026, 3, day, hour, minute, tzinfo=NY).astimezone(UTC)


class Clock:
    """The simulated "now" every vrdndi module reads through ``timeutil.now_utc``."""

    def __init__(self, now: datetime):
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock(monkeypatch) -> Clock:
    sim = Clock(local(5, 8))
    original = timeutil.now_utc
    for name, module in list(sys.modules.items()):
        if name.startswith("vrdndi") and getattr(module, "now_utc", None) is original:
            monkeypatch.setattr(module, "now_utc", sim)
    return sim


# -- the person's habits (New York wall clock) ----------------------------------------------------------
RUST = [f"rust{i:07d}" for i in range(12)]
CATS = [f"cats{i:07d}" for i in range(12)]
NEW = [f"newr{i:07d}" for i in range(6)] + [f"newc{i:07d}" for i in range(6)]  # uploaded Sunday, never labelled


def videos() -> list[Video]:
    out = []
    for i, vid in enumerate(RUST):
        out.append(Video(vid, title=f"Rust async tutorial part {i}", channel_id="UCrust", channel_title="Rustacean",
                         description="tokio, futures and pinning", duration_s=1500.0 + i,
                         published_at=iso(local(4, 10) + timedelta(hours=12 * i)), source="youtube"))
    for i, vid in enumerate(CATS):
        out.append(Video(vid, title=f"Funny cat compilation {i}", channel_id="UCcats", channel_title="Cat TV",
                         description="cats being cats", duration_s=600.0 + i,
                         published_at=iso(local(4, 11) + timedelta(hours=12 * i)), source="youtube"))
    for i, vid in enumerate(NEW):
        rust = vid.startswith("newr")
        out.append(Video(vid, title=f"Rust async tutorial, new part {i}" if rust else f"Funny cat compilation, new {i}",
                         channel_id="UCrust" if rust else "UCcats", channel_title="Rustacean" if rust else "Cat TV",
                         description="tokio, futures and pinning" if rust else "cats being cats", duration_s=900.0 + i,
                         published_at=iso(local(8, 6) + timedelta(hours=i)), source="youtube"))
    out.append(Video("shortvid001", title="Cat in a box #shorts", channel_id="UCcats", channel_title="Cat TV",
                     duration_s=30.0, is_short=True, published_at=iso(local(8, 12)), source="youtube"))
    return out


def day_events(day: int) -> dict[str, list[Event]]:
    """A day of the week: coding 09:00-11:55, a YouTube lunch 12:00-12:30, gaming 19:00-21:00."""
    def ev(start: datetime, minutes: float, **data) -> Event:
        return Event(timestamp=start, duration=minutes * 60, data=data)

    watched = CATS[(day - 5) % len(CATS)]
    return {
        "window": [ev(local(day, 9), 175, app="Code", title="main.rs - vrdndi - Visual Studio Code"),
                   ev(local(day, 12), 30, app="Firefox", title="YouTube - Mozilla Firefox"),
                   ev(local(day, 19), 120, app="steam", title="Factorio")],
        "afk": [ev(local(day, 8, 55), 220, status="not-afk"), ev(local(day, 18, 55), 130, status="not-afk")],
        "web": [ev(local(day, 12), 30, url=f"https://www.youtube.com/watch?v={watched}", title="YouTube",
                   audible=True, incognito=False)],
    }


class Person:
    def __init__(self, aw_server, home: Path, clock: Clock):
        host, port = aw_server
        self.hostname = f"desk{uuid.uuid4().hex[:6]}"
        self.client = ActivityWatchClient(f"vrdndi-e2e-{uuid.uuid4().hex[:6]}", host=host, port=port)
        self.client.client_hostname = self.hostname
        self.buckets = {"window": f"aw-watcher-window_{self.hostname}", "afk": f"aw-watcher-afk_{self.hostname}",
                        "web": f"aw-watcher-web-firefox_{self.hostname}"}
        for kind, bucket_type in (("window", "currentwindow"), ("afk", "afkstatus"), ("web", "web.tab.current")):
            self.client.create_bucket(self.buckets[kind], bucket_type)
        self.home, self.clock, self.store_path = home, clock, home / "vrdndi.sqlite"
        self.common = [f"paths.home={home}", f"context.tz={ZONE}"]
        self.settings = [*self.common, f"sources.activitywatch.host={host}", f"sources.activitywatch.port={port}",
                         f"sources.activitywatch.hostnames=[{self.hostname}]"]

    def live_day(self, day: int) -> None:
        for kind, events in day_events(day).items():
            self.client.insert_events(self.buckets[kind], events)

    def heartbeat(self, at: datetime, **window) -> None:
        """What aw-watcher-window and aw-watcher-afk send every few seconds."""
        self.client.heartbeat(self.buckets["window"], Event(timestamp=at, duration=0, data=window), pulsetime=120)
        self.client.heartbeat(self.buckets["afk"], Event(timestamp=at, duration=0, data={"status": "not-afk"}),
                              pulsetime=120)

    def vrdndi(self, *args: str) -> int:
        from vrdndi.cli import main

        return main(["--store", str(self.store_path), *args, *[a for s in self.settings for a in ("-o", s)]])

    def click(self, video_id: str, button: str, feed_moment: str, at: datetime):
        self.clock.now = at
        return save_feedback(self.store_path, video_id, button, feed_moment)

    def train(self, name: str) -> dict:
        from vrdndi.train import run

        cfg = compose_train([f"data.store={self.store_path}", "backbone=tiny", "data.batch_size=8",
                             "trainer.max_epochs=2", "logger=none", *self.common], self.home / "runs" / "train" / name)
        return run(cfg)

    def refresh(self):
        from vrdndi.inference import refresh_feed

        cfg = compose("serve", [*self.settings, "predict.progress=false", "feed.reasons=false"])
        return refresh_feed(cfg)

    def close(self) -> None:
        for bucket_id in self.buckets.values():
            self.client.delete_bucket(bucket_id, force=True)


def test_a_persons_week_across_the_dst_change(aw_server, vrdndi_home, clock, tmp_path):
    person = Person(aw_server, vrdndi_home, clock)
    try:
        _week(person, clock, tmp_path)
    finally:
        person.close()


def _week(person: Person, clock: Clock, tmp_path: Path) -> None:
    with Store(person.store_path) as store:
        store.upsert_videos(videos())

    # -- Thursday to Sunday: ActivityWatch records the days; the person clicks in the feed after coding
    # (a rust tutorial is the right moment, cats are not) and after gaming (the other way round)
    feed_moment = iso(local(5, 7))
    for day in (5, 6, 7, 8):
        person.live_day(day)
        for k in range(3):
            rust, cats = RUST[(day * 3 + k) % 12], CATS[(day * 3 + k + 1) % 12]
            person.click(rust, "correct_timing", feed_moment, local(day, 11, 50 + k))
            person.click(cats, "not_now", feed_moment, local(day, 11, 53 + k) + timedelta(seconds=30))
            person.click(cats, "correct_timing", feed_moment, local(day, 20, 50 + k))
            person.click(rust, "not_now", feed_moment, local(day, 20, 53 + k) + timedelta(seconds=30))
    clock.now = local(8, 22)
    assert person.vrdndi("ingest", "aw") == 0
    with Store(person.store_path) as store:
        events = store.all_events()
        # the lunch tab became a watch of the video it showed, with its duration
        watches = {w.video_id: w for w in store.watches(source="aw-web")}
        assert set(watches) == {CATS[0], CATS[1], CATS[2], CATS[3]} and watches[CATS[3]].duration_s == 1800.0
    code = [e for e in events if e.app == "Code"]
    assert len(code) == 4
    # 09:00 on the New York clock is 14:00 UTC before the DST change and 13:00 UTC after it
    assert [e.start[11:16] for e in code] == ["14:00", "14:00", "14:00", "13:00"]

    # -- labels: the labeller's answers, and an import in which one row is dated 2099 (refused, one line)
    for vid in RUST[:4]:
        save_interest(person.store_path, vid, 1)
    save_interest(person.store_path, CATS[5], 0)
    labels_csv = tmp_path / "labels.csv"
    with labels_csv.open("w", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["video_id", "kind", "value", "moment", "source", "labelled_at"])
        writer.writerow([RUST[5], "interest", 1, "", "import", iso(local(6, 10))])
        writer.writerow([CATS[6], "productive", 1, "2099-01-01T20:00:00Z", "import", ""])
    assert person.vrdndi("import", "labels", str(labels_csv)) == 2
    with Store(person.store_path) as store:
        assert not [lb for lb in store.labels() if lb.source == "import"]

    # -- Sunday 23:30: train (tiny); the 23:45 scheduler run ranks a feed for the night
    clock.now = local(8, 23, 30)
    first = person.train("sunday")
    assert Path(first["best_ckpt"]).is_file()
    clock.now = local(8, 23, 45)
    night = person.refresh()
    assert night.mode == "model" and night.checkpoint == str(Path(first["best_ckpt"]).resolve())

    # -- Monday (EDT): coding from 08:00; aw-watcher sends heartbeats; at 08:50 the person presses Refresh
    for minute in range(0, 50, 1):
        person.heartbeat(local(9, 8, minute), app="Code", title="feed.rs - vrdndi - Visual Studio Code")
    clock.now = local(9, 8, 50)
    morning = person.refresh()
    assert "pulled just now" in morning.note
    assert morning.moment == iso(local(9, 8, 50)) and morning.activity_until >= iso(local(9, 8, 49))
    with Store(person.store_path) as store:
        page = [item.video_id for item, _ in store.feed_page(morning.run_id, limit=100)]
        fresh = [e for e in store.all_events() if "feed.rs" in e.title]
    assert fresh and fresh[0].start == iso(local(9, 8)) and fresh[-1].end >= iso(local(9, 8, 49))
    assert "shortvid001" not in page and not {CATS[0], CATS[1], CATS[2], CATS[3]} & set(page)  # Short, watched
    assert set(page) == set(NEW)  # the unseen uploads, ranked for the morning

    # -- 08:52: "Correct timing" on a rust video of last night's feed: labelled at the click (coding)
    tip = next(item.video_id for item, _ in _page(person, night.run_id) if item.video_id.startswith("newr"))
    clicked = person.click(tip, "correct_timing", night.moment, local(9, 8, 52))
    assert clicked.moment == iso(local(9, 8, 52)) == clicked.labelled_at and clicked.feed_moment == night.moment
    with Store(person.store_path) as store:
        context = ContextBuilder(store.all_events(), tz=ZONE).build(clicked.moment)
    titles = [event.title for event, _ in context.events]
    assert titles[-1].startswith("feed.rs") and "Factorio" not in titles  # the morning, not last night
    # the same local clock on both sides of the DST change gives the same time-of-day features
    assert time_of_day(local(5, 8, 52), NY) == pytest.approx(time_of_day(local(9, 8, 52), NY))
    assert local(5, 8, 52).hour != local(9, 8, 52).hour

    # -- Tuesday and Wednesday: more days, more clicks; Wednesday night the next training
    for day in (10, 11):
        person.live_day(day)
        for k in range(3):
            person.click(RUST[(day + k) % 12], "correct_timing", morning.moment, local(day, 11, 50 + k))
            person.click(CATS[(day + k) % 12], "correct_timing", morning.moment, local(day, 20, 50 + k))
    clock.now = local(11, 22)
    assert person.vrdndi("ingest", "aw") == 0
    clock.now = local(11, 22, 30)
    second = person.train("wednesday")
    with Store(person.store_path) as store:
        samples = load_samples(store)
        assert store.get("train.last_run")["best_ckpt"] == second["best_ckpt"] != first["best_ckpt"]
        # the run names the store it was trained on: found for this store even without the registry entry
        metrics = json.loads((Path(second["run_dir"]) / "metrics.json").read_text())
        assert metrics["store_id"] == store.store_id
        from vrdndi.inference.checkpoints import LAST_RUN_KEY, resolve_checkpoint

        entry = store.get(LAST_RUN_KEY)
        store.set(LAST_RUN_KEY, {})
        assert resolve_checkpoint("best", runs_dir=person.home / "runs", store=store).path.parent.parent == \
            Path(second["run_dir"]).resolve()
        store.set(LAST_RUN_KEY, entry)
    split = time_split(samples, kind="holdout", val_fraction=0.2, purge_hours=6)
    index = next(i for i, s in enumerate(samples) if s.video_id == tip and s.moment == clicked.moment)
    assert index in split.train  # Monday's click, at its click time, trains Wednesday's model
    assert second["n_train"] == len(split.train) and second["n_train"] > first["n_train"]
    clock.now = local(12, 8)
    assert person.refresh().checkpoint == str(Path(second["best_ckpt"]).resolve())


def _page(person: Person, run_id: int):
    with Store(person.store_path) as store:
        return store.feed_page(run_id, limit=100)


@pytest.mark.slow
def test_after_the_demo_predict_best_on_a_fresh_own_store_never_uses_the_demos_checkpoint(vrdndi_home):
    """python train.py experiment=demo (tiny and short), then python predict.py ckpt=best on a person's
    own, new store: a cold-start feed, and one line saying why; the demo itself still gets its model."""
    env = {**__import__("os").environ, "VRDNDI_HOME": str(vrdndi_home)}
    train = subprocess.run([sys.executable, "train.py", "experiment=demo", "backbone=tiny", "debug=fast",
                            "data.demo.days=4", "data.demo.n_videos=60", "logger=none"],
                           cwd=REPO, env=env, capture_output=True, text=True, timeout=300)
    assert train.returncode == 0, train.stderr[-2000:]
    with Store(vrdndi_home / "demo.sqlite") as demo:
        demo_ckpt = demo.get("train.last_run")["best_ckpt"]
    with Store(vrdndi_home / "vrdndi.sqlite") as own:
        own.upsert_videos([Video("ownvideo001", title="My own upload", published_at=iso(timeutil.now_utc()))])
    own_run = subprocess.run([sys.executable, "predict.py", "ckpt=best", "predict.pull_activitywatch=false"],
                             cwd=REPO, env=env, capture_output=True, text=True, timeout=300)
    assert own_run.returncode == 0, own_run.stderr[-2000:]
    with Store(vrdndi_home / "vrdndi.sqlite") as own:
        run = own.latest_feed_run()
    assert run.mode == "cold-start" and run.checkpoint == "cold-start" and demo_ckpt not in run.checkpoint
    said = own_run.stdout + own_run.stderr
    assert "of other stores" in said and "cold-start" in said
    demo_run = subprocess.run([sys.executable, "predict.py", "paths=demo", "predict=demo", "ckpt=best",
                               "feed.reasons=false"], cwd=REPO, env=env, capture_output=True, text=True, timeout=300)
    assert demo_run.returncode == 0, demo_run.stderr[-2000:]
    with Store(vrdndi_home / "demo.sqlite") as demo:
        assert demo.latest_feed_run().checkpoint == str(Path(demo_ckpt).resolve())
