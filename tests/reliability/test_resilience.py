"""Resilience: ActivityWatch down (a closed port), the YouTube quota spent (403 quotaExceeded) and no
network (connection refused): `vrdndi ingest aw`, `vrdndi ingest youtube` and `vrdndi schedule --once`
each say what happened in one line, without a traceback, and predict still writes a feed from the stored
data. (The website rendering from the store after such a refresh: ``tests/apps/test_web.py``.)"""

from __future__ import annotations

import logging
import os
import socket
import subprocess
import sys
from pathlib import Path

import httplib2
import pytest

from vrdndi.cli import main
from vrdndi.sources import youtube
from vrdndi.store import Store

from ..sources.test_youtube import error
from .support import recent_videos, settings
from .test_secrets_and_logs import _credentials


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # closed when the socket is: nothing listens there


def _vrdndi(home: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "VRDNDI_HOME": str(home), "HOME": str(home / "user"), "XDG_DATA_HOME": str(home / "xdg"),
           "XDG_CONFIG_HOME": str(home / "xdg-config"), "XDG_CACHE_HOME": str(home / "xdg-cache")}
    return subprocess.run([sys.executable, "-m", "vrdndi.cli", *args], env=env, capture_output=True, text=True,
                          timeout=120)


def _one_line(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert "Traceback" not in stderr, stderr
    assert len(lines) == 1, stderr
    return lines[0]


def _seed(home: Path) -> None:
    with Store(home / "vrdndi.sqlite") as store:
        store.upsert_videos(recent_videos(12))


def test_ingest_aw_with_activitywatch_down(vrdndi_home):
    _seed(vrdndi_home)
    port = closed_port()
    out = _vrdndi(vrdndi_home, "ingest", "aw", "-o", f"sources.activitywatch.port={port}")
    assert out.returncode == 2
    line = _one_line(out.stderr)
    assert f"127.0.0.1:{port} is not reachable" in line and line.startswith("vrdndi ingest: error:")
    with Store(vrdndi_home / "vrdndi.sqlite") as store:
        assert store.counts()["videos"] == 12 and store.counts()["app_events"] == 0


class NoNetwork(httplib2.Http):
    """What httplib2 meets with the network down: the connection is refused."""

    def request(self, *args, **kwargs):
        raise ConnectionRefusedError(111, "Connection refused")


QUOTA = [error(403, "quotaExceeded", "The request cannot be completed because you have exceeded your quota.")]


@pytest.fixture
def youtube_as(monkeypatch, vrdndi_home):
    """Make every YouTube client of this process talk to ``http`` (a token exists, as after `auth`)."""
    from googleapiclient.http import HttpMockSequence

    youtube.save_credentials(_credentials(), settings(vrdndi_home).sources.youtube.token)
    real_build = youtube.build_service

    def use(kind: str) -> None:
        http = NoNetwork() if kind == "no network" else HttpMockSequence(QUOTA * 3)
        monkeypatch.setattr(youtube, "build_service", lambda **kw: real_build(http=http))

    return use


@pytest.mark.parametrize("kind, says", [("quota", "YouTube API quota exceeded during"),
                                        ("no network", "YouTube API not reachable during")])
def test_ingest_youtube_quota_spent_or_no_network(vrdndi_home, youtube_as, capsys, kind, says):
    _seed(vrdndi_home)
    youtube_as(kind)
    assert main(["ingest", "youtube", "-o", "sources.youtube.max_retries=2"]) == 2
    line = _one_line(capsys.readouterr().err)
    assert line.startswith("vrdndi ingest: error:") and says in line
    with Store(vrdndi_home / "vrdndi.sqlite") as store:
        assert store.counts()["videos"] == 12  # the stored data is untouched


def test_schedule_once_in_a_process_with_activitywatch_down(vrdndi_home):
    """No YouTube token here: that step is skipped; ActivityWatch fails in one line; predict works."""
    _seed(vrdndi_home)
    out = _vrdndi(vrdndi_home, "schedule", "--once", f"sources.activitywatch.port={closed_port()}",
                  "schedule.quiet_hours=[]", "predict.progress=false")
    assert out.returncode == 1  # a step failed
    assert "Traceback" not in out.stderr, out.stderr
    failures = [line for line in out.stderr.splitlines() if " ERROR " in line]
    assert len(failures) == 1 and "refresh: ingest activitywatch failed: ActivityWatch server at" in failures[0]
    assert "refresh: predict ok" in out.stderr
    with Store(vrdndi_home / "vrdndi.sqlite") as store:
        run = store.latest_feed_run()
        assert run is not None and run.n_items == 12 and len(store.feed_page(run.run_id, limit=50)) == 12


@pytest.mark.parametrize("kind", ["quota", "no network"])
def test_schedule_once_with_everything_outside_failing(vrdndi_home, youtube_as, caplog, kind):
    _seed(vrdndi_home)
    youtube_as(kind)
    caplog.set_level(logging.INFO)
    code = main(["schedule", "--once", f"sources.activitywatch.port={closed_port()}", "schedule.quiet_hours=[]",
                 "predict.progress=false", "sources.youtube.max_retries=2"])
    assert code == 1
    failed = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert [r.getMessage().split(":")[0] for r in failed] == ["refresh", "refresh"]
    assert "ingest activitywatch failed" in failed[0].getMessage()
    assert "ingest youtube failed: YouTube API" in failed[1].getMessage()
    for record in failed:  # one line each, and no traceback attached
        assert "\n" not in record.getMessage() and record.exc_info is None
    with Store(vrdndi_home / "vrdndi.sqlite") as store:
        run = store.latest_feed_run()
        assert run is not None and run.n_items == 12
