"""``vrdndi schedule``: refresh the feed on a timer (ingest, then predict with the best checkpoint).

A refresh is a list of named steps (``REFRESH_STEPS``); a step that fails is logged in one line and
the next steps and the next cycle still run. APScheduler runs the cycles (a cron trigger from
``conf/schedule``, or an interval); ``max_instances=1`` + ``coalesce`` keep one refresh at a time in a
process, and a lock file in the data home keeps two ``vrdndi schedule`` processes (or ``--once`` next to
a running scheduler) from refreshing together. Quiet hours (local time) skip a cycle.
"""

from __future__ import annotations

import argparse
import logging
import os
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from omegaconf import DictConfig

from vrdndi.errors import VrdndiError
from vrdndi.store import Store

log = logging.getLogger(__name__)

LOCK_NAME = "refresh.lock"


class StepSkipped(Exception):
    """A step that is switched off or has nothing to work with (not a failure)."""


@dataclass(frozen=True)
class RefreshStep:
    name: str
    run: Callable[[DictConfig, Store], str]  # returns its one-line summary; raises on failure


@dataclass
class StepOutcome:
    name: str
    status: str  # ok | skipped | failed
    detail: str
    seconds: float


@dataclass
class RefreshReport:
    started_at: str
    outcomes: list[StepOutcome] = field(default_factory=list)
    skipped_reason: str = ""  # the whole refresh did not run (another one holds the lock, quiet hours)

    @property
    def ok(self) -> bool:
        return not self.skipped_reason and all(o.status != "failed" for o in self.outcomes)

    @property
    def failed(self) -> list[str]:
        return [o.name for o in self.outcomes if o.status == "failed"]


# -- the steps ---------------------------------------------------------------------------------------

def ingest_activitywatch(cfg: DictConfig, store: Store) -> str:
    if not cfg.schedule.ingest_activitywatch:
        raise StepSkipped("schedule.ingest_activitywatch=false")
    from vrdndi.sources.activitywatch import LiveSettings, ingest_live
    from vrdndi.sources.privacy import PrivacyRules

    report = ingest_live(store, LiveSettings.from_config(cfg.sources.activitywatch),
                         privacy=PrivacyRules.from_config(cfg.sources.get("privacy")))
    return report.line()


def ingest_youtube(cfg: DictConfig, store: Store) -> str:
    wanted = cfg.schedule.ingest_youtube
    if wanted is False or str(wanted).lower() == "false":
        raise StepSkipped("schedule.ingest_youtube=false")
    from vrdndi.sources import youtube

    yt_cfg = cfg.sources.youtube
    if str(wanted).lower() == "auto" and not youtube.have_credentials(yt_cfg):
        raise StepSkipped(f"no YouTube token at {yt_cfg.get('token')} (run `vrdndi auth youtube` once)")
    # never a browser prompt from a timer; the units count against the day's budget kept in the store
    client = youtube.client_from_config(yt_cfg, interactive=False, store=store)
    report = youtube.ingest_from_config(store, client, cfg.sources)  # incremental: likes/uploads since last time
    return report.line()


def predict(cfg: DictConfig, store: Store) -> str:
    from vrdndi.inference import predict_feed

    run = predict_feed(cfg, store)
    return (f"feed run {run.run_id}: {run.n_items} videos for {run.moment} ({run.mode}, {run.checkpoint})"
            + (f"; {run.note}" if run.note else ""))  # how old the activity it ranked with was


REFRESH_STEPS: tuple[RefreshStep, ...] = (
    RefreshStep("ingest activitywatch", ingest_activitywatch),
    RefreshStep("ingest youtube", ingest_youtube),
    RefreshStep("predict", predict),
)


# -- one refresh -------------------------------------------------------------------------------------

class RefreshLock:
    """An exclusive, non-blocking lock on ``<data home>/refresh.lock`` (released by the OS if the process
    dies, so a crash never leaves it stuck). The file stays; it holds the pid of the last holder."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self._fd: int | None = None

    def acquire(self) -> bool:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            _lock_fd(fd)
        except OSError:
            os.close(fd)
            return False
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        self._fd = fd
        return True

    def holder(self) -> str:
        try:
            return self.path.read_text().strip() or "?"
        except OSError:
            return "?"

    def release(self) -> None:
        if self._fd is not None:
            _unlock_fd(self._fd)
            os.close(self._fd)
            self._fd = None


def _lock_fd(fd: int) -> None:
    try:
        import fcntl
    except ImportError:  # Windows
        import msvcrt

        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        return
    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)


def _unlock_fd(fd: int) -> None:
    try:
        import fcntl
    except ImportError:  # Windows
        import msvcrt

        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        return
    fcntl.flock(fd, fcntl.LOCK_UN)


def refresh(cfg: DictConfig, *, steps: Sequence[RefreshStep] = REFRESH_STEPS) -> RefreshReport:
    """Run ``steps`` in order against the store, each failure logged and survived. Skipped as a whole
    (``skipped_reason``) when another refresh holds the lock."""
    from vrdndi.timeutil import iso, now_utc

    report = RefreshReport(started_at=iso(now_utc()))
    lock = RefreshLock(Path(cfg.paths.home) / LOCK_NAME)
    if not lock.acquire():
        report.skipped_reason = f"another refresh is running (pid {lock.holder()}, lock {lock.path})"
        log.warning("refresh skipped: %s", report.skipped_reason)
        return report
    try:
        with Store(cfg.paths.store) as store:
            for step in steps:
                report.outcomes.append(_run_step(step, cfg, store))
    finally:
        lock.release()
    failed = report.failed
    log.info("refresh done: %d steps, %s", len(report.outcomes),
             f"failed: {', '.join(failed)}" if failed else "all ok")
    return report


def _run_step(step: RefreshStep, cfg: DictConfig, store: Store) -> StepOutcome:
    started = time.perf_counter()
    try:
        detail = step.run(cfg, store)
    except StepSkipped as why:
        outcome = StepOutcome(step.name, "skipped", str(why), time.perf_counter() - started)
        log.info("refresh: %s skipped: %s", step.name, why)
        return outcome
    except VrdndiError as err:  # a problem the user can fix: one line
        outcome = StepOutcome(step.name, "failed", str(err), time.perf_counter() - started)
        log.error("refresh: %s failed: %s", step.name, err)
        return outcome
    except Exception as exc:  # unexpected: keep the traceback, but the refresh goes on
        outcome = StepOutcome(step.name, "failed", f"{type(exc).__name__}: {exc}", time.perf_counter() - started)
        log.exception("refresh: %s failed unexpectedly", step.name)
        return outcome
    outcome = StepOutcome(step.name, "ok", str(detail or ""), time.perf_counter() - started)
    log.info("refresh: %s ok in %.1f s: %s", step.name, outcome.seconds, outcome.detail)
    return outcome


# -- the schedule --------------------------------------------------------------------------------------

def quiet_hours(cfg: DictConfig) -> set[int]:
    hours = set()
    for h in cfg.schedule.get("quiet_hours") or []:
        if not 0 <= int(h) <= 23:
            raise VrdndiError(f"schedule.quiet_hours: {h} is not an hour (0-23)")
        hours.add(int(h))
    return hours


def cron_hours(hour: str, quiet: set[int]) -> str:
    """The cron ``hour`` field with quiet hours taken out when it is ``*`` (so the next run time shown
    is real); other expressions are kept and quiet hours are checked when a cycle fires."""
    if str(hour).strip() != "*" or not quiet:
        return str(hour)
    allowed = [h for h in range(24) if h not in quiet]
    if not allowed:
        raise VrdndiError("schedule.quiet_hours covers the whole day: no refresh would ever run")
    return ",".join(map(str, allowed))


def _scheduler_tz(cfg: DictConfig) -> Any:
    """The zone of the cron fields and quiet hours: ``context.tz``; local = the system's IANA zone
    (DST-aware); auto = that, or on a UTC system the person's zone guessed from the store's activity: the
    zone the features and the web page use (guessed the same way training guesses it)."""
    from vrdndi.features.zone import zone_of_config

    return zone_of_config(cfg).zone


def build_trigger(cfg: DictConfig, *, interval_seconds: float | None = None):
    from apscheduler.triggers.cron import CronTrigger
    from apscheduler.triggers.interval import IntervalTrigger

    tz = _scheduler_tz(cfg)
    if interval_seconds is not None:
        if interval_seconds <= 0:
            raise VrdndiError(f"--interval-seconds {interval_seconds}: must be more than 0")
        return IntervalTrigger(seconds=float(interval_seconds), timezone=tz)
    hour = cron_hours(cfg.schedule.hour, quiet_hours(cfg))
    try:
        return CronTrigger(minute=str(cfg.schedule.minute), hour=hour, timezone=tz)
    except ValueError as exc:
        raise VrdndiError(f"schedule.minute={cfg.schedule.minute!r} / schedule.hour={cfg.schedule.hour!r}: "
                          f"not a cron expression ({exc})") from exc


def run_schedule(cfg: DictConfig, *, interval_seconds: float | None = None, max_cycles: int | None = None,
                 steps: Sequence[RefreshStep] = REFRESH_STEPS) -> list[RefreshReport]:
    """Refresh on the schedule until interrupted (or after ``max_cycles`` cycles); returns the reports.

    With an interval the first cycle runs at once; with the cron schedule at the next matching time."""
    from apscheduler.schedulers.blocking import BlockingScheduler

    trigger = build_trigger(cfg, interval_seconds=interval_seconds)
    quiet = quiet_hours(cfg)
    tz = _scheduler_tz(cfg)
    scheduler = BlockingScheduler(timezone=tz)
    reports: list[RefreshReport] = []
    cycles_lock = threading.Lock()

    def cycle() -> None:
        hour = datetime.now(tz).hour
        if hour in quiet:
            from vrdndi.timeutil import iso, now_utc

            report = RefreshReport(started_at=iso(now_utc()), skipped_reason=f"quiet hour {hour}")
            log.info("refresh skipped: %s (schedule.quiet_hours)", hour)
        else:
            report = refresh(cfg, steps=steps)
        with cycles_lock:
            reports.append(report)
            done = max_cycles is not None and len(reports) >= max_cycles
        if done:
            scheduler.shutdown(wait=False)

    grace = max(1, int(interval_seconds)) if interval_seconds is not None else 15 * 60
    extra = {"next_run_time": datetime.now(tz)} if interval_seconds is not None else {}
    # max_instances=1: a cycle that fires while the last one still runs is skipped (APScheduler logs it);
    # coalesce: cycles missed while the machine slept run once, not once per missed time
    job = scheduler.add_job(cycle, trigger, id="vrdndi-refresh", name="vrdndi refresh", max_instances=1,
                            coalesce=True, misfire_grace_time=grace, **extra)
    log.info("schedule: %s; quiet hours %s; first refresh at %s",
             f"every {interval_seconds:g} s" if interval_seconds is not None
             else f"cron minute={cfg.schedule.minute} hour={cfg.schedule.hour}",
             sorted(quiet) or "none", getattr(job, "next_run_time", None) or "when started")
    try:
        scheduler.start()
    except (KeyboardInterrupt, SystemExit):
        log.info("schedule: stopped")
    finally:
        if scheduler.running:
            scheduler.shutdown(wait=True)
    return reports


# -- the command ---------------------------------------------------------------------------------------

def cmd_schedule(args: argparse.Namespace) -> int:
    from vrdndi.config import command_settings

    cfg = command_settings(args)
    if args.once:
        report = refresh(cfg)  # asked for explicitly: quiet hours do not apply
        return 0 if report.ok else 1
    run_schedule(cfg, interval_seconds=args.interval_seconds, max_cycles=args.cycles)
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("schedule", help="refresh the feed on a schedule (ingest + predict)",
                       description="Ingest (ActivityWatch, YouTube when a token exists) and predict with the "
                                   "best checkpoint on the cron schedule of conf/schedule (default :00 and :45, "
                                   "outside quiet hours). Ctrl-C stops it.")
    p.add_argument("--once", action="store_true", help="run one refresh now and exit (1 if a step failed)")
    p.add_argument("--interval-seconds", type=float, default=None, metavar="N",
                   help="refresh every N seconds instead of the cron schedule (first one at once)")
    p.add_argument("--cycles", type=int, default=None, metavar="N", help="stop after N cycles")
    p.add_argument("overrides", nargs="*", help="config overrides, e.g. schedule.minute=*/30 ckpt=last")
    p.set_defaults(func=cmd_schedule)
