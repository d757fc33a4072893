"""Shared by the reliability tests: generated inputs, and the four kinds of store writers (web feedback,
labeller, ActivityWatch export ingest, predict) as loops that keep a ledger of what they wrote.

Run as a module (``python -m tests.reliability.support KIND ...``) a writer loops in its own process and
prints its ledger as JSON: the same code, so threads and processes are checked the same way.
"""

from __future__ import annotations

import json
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

T0 = datetime(2024, 3, 10, 8, 0, tzinfo=timezone.utc)
KINDS = ("web", "labeller", "ingest", "predict")


def iso_z(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).isoformat().replace("+00:00", "Z")


def aw_export(host: str, n_events: int, *, title: str = "window", pad: int = 0, start: datetime = T0) -> dict:
    """An ActivityWatch export of one host: ``n_events`` window events of 50 s, one a minute, each with
    its own title (``f"{title} {i}"`` + ``pad`` filler characters), so each becomes exactly one row."""
    events = [{"id": i, "timestamp": iso_z(start + timedelta(minutes=i)), "duration": 50.0,
               "data": {"app": "Code", "title": f"{title} {i} " + "x" * pad}} for i in range(n_events)]
    bucket = f"aw-watcher-window_{host}"
    return {"buckets": {bucket: {"id": bucket, "hostname": host, "client": "aw-watcher-window",
                                 "type": "currentwindow", "created": iso_z(start), "events": events}}}


def write_aw_export(path: Path, host: str, n_events: int, **kwargs: Any) -> Path:
    path.write_text(json.dumps(aw_export(host, n_events, **kwargs)), encoding="utf-8")
    return path


def recent_videos(n: int, *, prefix: str = "rel"):
    """``n`` videos published in the last hours (candidates of a feed for now)."""
    from vrdndi.store import Video
    from vrdndi.timeutil import iso, now_utc

    now = now_utc()
    return [Video(video_id=f"{prefix}{i:08d}", title=f"Video {i} about {'rust' if i % 2 else 'cats'}",
                  channel_id=f"ch{i % 4}", channel_title=f"Channel {i % 4}", description="a video",
                  published_at=iso(now - timedelta(hours=i + 1)), duration_s=300.0 + i, source="test")
            for i in range(n)]


def settings(home: str | Path, *overrides: str):
    from vrdndi.config import compose

    return compose("vrdndi", [f"paths.home={home}", "predict.progress=false", "schedule.quiet_hours=[]",
                              *overrides])


# -- writers: each writes at least once, then loops until ``until`` (time.monotonic); returns its ledger ----------------------

def web_writer(store_path: Path, tag: str, until: float, **_: Any) -> dict:
    from vrdndi.apps.feedback import save_feedback

    buttons = ("interest", "uninterest", "correct_timing", "not_now")
    labels = []
    i = 0
    while i == 0 or time.monotonic() < until:  # at least one write, however slow the machine
        moment = iso_z(T0 + timedelta(seconds=i))
        label = save_feedback(store_path, f"{tag}-v{i % 7}", buttons[i % 4], moment)
        labels.append([label.video_id, label.kind, label.source, label.moment, label.value])
        i += 1
    return {"labels": labels}


def labeller_writer(store_path: Path, tag: str, until: float, **_: Any) -> dict:
    from vrdndi.apps.labeler import save_interest

    labels = []
    i = 0
    while i == 0 or time.monotonic() < until:  # at least one write, however slow the machine
        label = save_interest(store_path, f"{tag}-{i:06d}", i % 2)
        labels.append([label.video_id, label.kind, label.source, label.moment, label.value])
        i += 1
    return {"labels": labels}


def ingest_writer(store_path: Path, tag: str, until: float, *, workdir: Path, n_events: int = 40, **_: Any) -> dict:
    """AW export ingests, each of a new host (so every export's rows are countable on their own)."""
    from vrdndi.sources.activitywatch import import_export
    from vrdndi.store import Store

    hosts: dict[str, int] = {}
    i = 0
    while i == 0 or time.monotonic() < until:  # at least one write, however slow the machine
        host = f"{tag}-host{i}"
        path = write_aw_export(Path(workdir) / f"{host}.json", host, n_events)
        with Store(store_path) as store:
            report = import_export(store, path)
        hosts[host] = report.written["events"]
        i += 1
    return {"hosts": hosts}


def predict_writer(store_path: Path, tag: str, until: float, *, home: Path, offset_s: int = 0, **_: Any) -> dict:
    """``refresh_feed`` for a new moment each time (cold start: nothing is trained here)."""
    from vrdndi.inference import refresh_feed
    from vrdndi.timeutil import iso, now_utc

    cfg = settings(home, f"paths.store={store_path}")
    base = now_utc()
    runs = []
    i = 0
    while i == 0 or time.monotonic() < until:  # at least one write, however slow the machine
        run = refresh_feed(cfg, at=iso(base + timedelta(seconds=offset_s + i)))
        runs.append([run.run_id, run.moment, run.n_items, run.mode])
        i += 1
    return {"runs": runs}


WRITERS = {"web": web_writer, "labeller": labeller_writer, "ingest": ingest_writer, "predict": predict_writer}


def main(argv: list[str]) -> int:
    """``KIND STORE HOME WORKDIR TAG SECONDS``: print "ready", wait for a line on stdin (the start),
    loop for SECONDS, print the ledger as one JSON line."""
    kind, store_path, home, workdir, tag, seconds = argv
    import vrdndi.apps.feedback  # noqa: F401  (imports done before "ready": the clock is for writing)
    import vrdndi.apps.labeler  # noqa: F401
    import vrdndi.inference  # noqa: F401
    import vrdndi.sources.activitywatch  # noqa: F401
    print("ready", flush=True)
    sys.stdin.readline()
    until = time.monotonic() + float(seconds)
    ledger = WRITERS[kind](Path(store_path), tag, until, home=Path(home), workdir=Path(workdir),
                           offset_s=100_000)  # its own moments, still within predict.days
    print(json.dumps(ledger), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
