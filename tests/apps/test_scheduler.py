"""The scheduler's promises: cycles keep coming on an interval, a failing step neither stops the other
steps nor the next cycle, refreshes never overlap (in a process or across processes), quiet hours and
the cron schedule are honoured, and `vrdndi schedule --once` refreshes the feed."""

from __future__ import annotations

import logging
import threading
import time
from datetime import datetime, timedelta

import pytest

from vrdndi.cli import main as vrdndi_main
from vrdndi.config import compose
from vrdndi.errors import VrdndiError
from vrdndi.apps.scheduler import RefreshStep, build_trigger, cron_hours, refresh, run_schedule
from vrdndi.store import Store, Video
from vrdndi.timeutil import iso, now_utc


def settings(home, *overrides):
    return compose("vrdndi", [f"paths.home={home}", "schedule.quiet_hours=[]", "predict.progress=false",
                              *overrides])


class Recorder:
    """Steps that count their runs and the most refreshes ever running at once."""

    def __init__(self, sleep_s: float = 0.0):
        self.sleep_s = sleep_s
        self.runs = 0
        self.running = 0
        self.most_at_once = 0
        self._lock = threading.Lock()

    def step(self, cfg, store) -> str:
        with self._lock:
            self.running += 1
            self.most_at_once = max(self.most_at_once, self.running)
        try:
            time.sleep(self.sleep_s)
            store.set("test.cycles", self.runs + 1)  # the step really has the store
        finally:
            with self._lock:
                self.running -= 1
                self.runs += 1
        return f"run {self.runs}"


def broken_step(cfg, store) -> str:
    raise RuntimeError("boom")


def user_error_step(cfg, store) -> str:
    raise VrdndiError("ActivityWatch server is not reachable")


def test_two_cycles_on_an_interval(vrdndi_home):
    rec = Recorder()
    reports = run_schedule(settings(vrdndi_home), interval_seconds=0.2, max_cycles=2,
                           steps=[RefreshStep("record", rec.step)])
    assert len(reports) == 2 and all(r.ok for r in reports)
    assert rec.runs == 2
    with Store(vrdndi_home / "vrdndi.sqlite") as store:
        assert store.get("test.cycles") == 2


def test_a_failing_step_does_not_stop_the_next_step_or_cycle(vrdndi_home, caplog):
    rec = Recorder()
    steps = [RefreshStep("broken", broken_step), RefreshStep("unreachable", user_error_step),
             RefreshStep("record", rec.step)]
    reports = run_schedule(settings(vrdndi_home), interval_seconds=0.2, max_cycles=2, steps=steps)
    assert len(reports) == 2 and rec.runs == 2
    for report in reports:
        assert report.failed == ["broken", "unreachable"] and not report.ok
        assert [o.status for o in report.outcomes] == ["failed", "failed", "ok"]
    assert "refresh: unreachable failed: ActivityWatch server is not reachable" in caplog.text
    assert "RuntimeError: boom" in caplog.text  # unexpected errors keep their traceback


def test_refreshes_never_overlap_within_a_scheduler(vrdndi_home):
    rec = Recorder(sleep_s=0.6)  # each refresh outlasts the 0.15 s interval several times over
    reports = run_schedule(settings(vrdndi_home), interval_seconds=0.15, max_cycles=2,
                           steps=[RefreshStep("slow", rec.step)])
    assert len(reports) == 2
    assert rec.most_at_once == 1


def test_two_processes_do_not_refresh_together(vrdndi_home):
    rec = Recorder(sleep_s=0.5)
    cfg = settings(vrdndi_home)
    results = []
    threads = [threading.Thread(target=lambda: results.append(refresh(cfg, steps=[RefreshStep("slow", rec.step)])))
               for _ in range(2)]
    for t in threads:
        t.start()
        time.sleep(0.1)
    for t in threads:
        t.join()
    assert rec.most_at_once == 1 and rec.runs == 1
    skipped = [r for r in results if r.skipped_reason]
    assert len(skipped) == 1 and "another refresh is running" in skipped[0].skipped_reason
    # the lock is released afterwards
    assert refresh(cfg, steps=[RefreshStep("slow", rec.step)]).ok and rec.runs == 2


def test_quiet_hours_skip_a_cycle(vrdndi_home):
    rec = Recorder()
    cfg = settings(vrdndi_home, f"schedule.quiet_hours=[{','.join(map(str, range(24)))}]")
    reports = run_schedule(cfg, interval_seconds=0.2, max_cycles=1, steps=[RefreshStep("record", rec.step)])
    assert rec.runs == 0 and reports[0].skipped_reason.startswith("quiet hour")


def test_cron_schedule_leaves_out_quiet_hours(vrdndi_home):
    from zoneinfo import ZoneInfo

    cfg = compose("vrdndi", [f"paths.home={vrdndi_home}", "context.tz=Europe/Berlin"])
    assert cron_hours("*", {0, 1, 2, 3, 4, 5, 6}) == ",".join(map(str, range(7, 24)))
    assert cron_hours("8-18", {0, 1}) == "8-18"
    trigger = build_trigger(cfg)
    berlin = ZoneInfo("Europe/Berlin")
    after_midnight = datetime(2024, 5, 1, 0, 10, tzinfo=berlin)
    assert trigger.get_next_fire_time(None, after_midnight) == datetime(2024, 5, 1, 7, 0, tzinfo=berlin)
    at_nine = datetime(2024, 5, 1, 9, 1, tzinfo=berlin)
    assert trigger.get_next_fire_time(None, at_nine) == datetime(2024, 5, 1, 9, 45, tzinfo=berlin)
    with pytest.raises(VrdndiError, match="schedule.minute"):
        build_trigger(compose("vrdndi", [f"paths.home={vrdndi_home}", "schedule.minute=61"]))
    with pytest.raises(VrdndiError, match="whole day"):
        cron_hours("*", set(range(24)))


def test_schedule_once_ingests_and_writes_the_feed(vrdndi_home, tmp_path, monkeypatch, caplog):
    # aw-client writes under $HOME; keep it in the test folder
    for var, sub in (("HOME", "h"), ("XDG_CONFIG_HOME", "h/.config"), ("XDG_DATA_HOME", "h/.local/share"),
                     ("XDG_CACHE_HOME", "h/.cache")):
        monkeypatch.setenv(var, str(tmp_path / sub))
    with Store(vrdndi_home / "vrdndi.sqlite") as store:
        store.upsert_videos([Video(f"v{i}", title=f"Video {i}", channel_id=f"c{i}",
                                   published_at=iso(now_utc() - timedelta(hours=i + 1)))
                             for i in range(3)])
    caplog.set_level(logging.INFO)
    common = [f"paths.home={vrdndi_home}", "predict.progress=false", "schedule.ingest_youtube=auto"]
    # ActivityWatch on a port where nothing listens: that step fails, predict still writes the feed
    code = vrdndi_main(["schedule", "--once", *common, "sources.activitywatch.port=9",
                        "sources.activitywatch.timeout_s=2"])
    assert code == 1
    assert "refresh: ingest activitywatch failed" in caplog.text
    assert "refresh: ingest youtube skipped: no YouTube token" in caplog.text
    with Store(vrdndi_home / "vrdndi.sqlite") as store:
        run = store.latest_feed_run()
        assert run.mode == "cold-start" and run.n_items == 3
    assert vrdndi_main(["schedule", "--once", *common, "schedule.ingest_activitywatch=false"]) == 0
