"""The website, the labeller, a feed writer and another process write one store at once:
every click is kept and nobody sees "database is locked"."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from datetime import datetime, timedelta, timezone

from seeding import make_videos

from vrdndi.apps.feedback import save_feedback
from vrdndi.apps.labeler import save_interest
from vrdndi.store import FeedItem, FeedRun, Store
from vrdndi.timeutil import iso

RUN_FOR_S = 2.0
OTHER_PROCESS = """
import sys, time
from vrdndi.apps.feedback import save_feedback
store, until = sys.argv[1], time.monotonic() + float(sys.argv[2])
print("ready", flush=True)
n = 0
while time.monotonic() < until:
    save_feedback(store, f"proc{n:07d}", "not_now", "2024-01-01T00:00:00.000000+00:00")
    n += 1
print(n)
"""


def moment(i: int) -> str:
    return iso(datetime(2024, 1, 1, tzinfo=timezone.utc) + timedelta(seconds=i))


def test_concurrent_writers_lose_nothing(store_path):
    videos = make_videos(40)
    with Store(store_path) as store:
        store.upsert_videos(videos)
    other = subprocess.Popen([sys.executable, "-c", OTHER_PROCESS, str(store_path), str(RUN_FOR_S)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert other.stdout.readline().strip() == "ready"  # its writes overlap the threads' writes
    stop = time.monotonic() + RUN_FOR_S
    written: dict[str, list[tuple]] = {}
    errors: list[BaseException] = []

    def web_clicks(name: str) -> None:
        keys = written.setdefault(name, [])
        offset = 1_000_000 * (name == "web-b")  # each thread its own moments: no overwrites
        i = 0
        while time.monotonic() < stop:
            button = ("interest", "uninterest", "correct_timing", "not_now")[i % 4]
            label = save_feedback(store_path, videos[i % 40].video_id, button, moment(offset + i))
            keys.append((label.video_id, label.kind, label.source, label.moment, label.value))
            i += 1

    def labeller_clicks(name: str) -> None:
        keys = written.setdefault(name, [])
        i = 0
        while time.monotonic() < stop:
            label = save_interest(store_path, f"{name}-{i:06d}", i % 2)
            keys.append((label.video_id, label.kind, label.source, label.moment, label.value))
            i += 1

    def feed_writer(name: str) -> None:
        runs = written.setdefault(name, [])
        i = 0
        with Store(store_path) as store:  # one long-lived connection, as a scheduler would hold
            while time.monotonic() < stop:
                items = [FeedItem(video_id=v.video_id, rank=r, score=1.0 / (r + 1)) for r, v in enumerate(videos)]
                store.write_feed(FeedRun(moment=moment(10_000 + i), checkpoint="cold-start", mode="cold-start"),
                                 items)
                runs.append(("run", moment(10_000 + i)))
                i += 1

    def guarded(target, name):
        def body():
            try:
                target(name)
            except BaseException as exc:  # noqa: BLE001 - reported below
                errors.append(exc)
        return threading.Thread(target=body, name=name)

    threads = [guarded(web_clicks, "web-a"), guarded(web_clicks, "web-b"), guarded(labeller_clicks, "lab-a"),
               guarded(labeller_clicks, "lab-b"), guarded(feed_writer, "feed")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    out, err = other.communicate(timeout=120)
    assert other.returncode == 0, err
    assert not errors, errors
    assert "database is locked" not in err

    with Store(store_path) as store:
        stored = {(lb.video_id, lb.kind, lb.source, lb.moment, lb.value) for lb in store.labels()}
        # a click is labelled at the click time; the moment the other process passed is its feed_moment
        by_feed = {(lb.video_id, lb.kind, lb.source, lb.feed_moment, lb.value) for lb in store.labels()}
        n_runs = store.counts()["feed_runs"]
    expected = set()
    for name, keys in written.items():
        if name != "feed":
            expected.update(keys)
    assert expected <= stored
    n_proc = int(out.split()[-1])
    assert n_proc > 0
    assert {(f"proc{n:07d}", "productive", "web", "2024-01-01T00:00:00.000000+00:00", 0)
            for n in range(n_proc)} <= by_feed
    assert n_runs == len(written["feed"]) > 0
    for name in ("web-a", "web-b", "lab-a", "lab-b"):
        assert written[name], f"{name} never got to write"
