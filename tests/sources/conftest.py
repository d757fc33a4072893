"""Fixtures for the sources tests: a real aw-server for the session, aw-client isolated under a temp
HOME, and small helpers to fill buckets."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

HERE = Path(__file__).resolve().parent
AW_ENV = ("HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def aw_home(tmp_path_factory) -> dict[str, str]:
    root = tmp_path_factory.mktemp("aw_home")
    env = {"HOME": str(root)}
    for name, sub in (("XDG_DATA_HOME", "data"), ("XDG_CONFIG_HOME", "config"), ("XDG_CACHE_HOME", "cache")):
        (root / sub).mkdir()
        env[name] = str(root / sub)
    return env


@pytest.fixture(autouse=True)
def _aw_client_home(aw_home, monkeypatch):
    """aw-client writes its config and lock files under $HOME/XDG dirs: keep them in the temp HOME."""
    for name, value in aw_home.items():
        monkeypatch.setenv(name, value)


@pytest.fixture(scope="session")
def aw_server(aw_home):
    """A real aw-server (``--testing --storage memory``) on a free port; yields (host, port)."""
    exe = Path(sys.executable).parent / "aw-server"
    assert exe.exists(), f"aw-server not installed next to {sys.executable}"
    port = _free_port()
    env = {**os.environ, **aw_home}
    log = open(Path(aw_home["HOME"]) / "aw-server.log", "wb")
    # the launcher runs the installed aw-server's own main(); see its docstring for the settings route
    proc = subprocess.Popen([sys.executable, str(HERE / "aw_server_launcher.py"), "--testing",
                             "--host", "127.0.0.1", "--port", str(port), "--storage", "memory"],
                            env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/api/0/info"
    deadline = time.monotonic() + 30
    while True:
        try:
            if requests.get(url, timeout=1).ok:
                break
        except requests.RequestException:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            raise RuntimeError(f"aw-server did not start; see {log.name}")
        time.sleep(0.1)
    yield "127.0.0.1", port
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
    log.close()


@pytest.fixture
def aw_url(aw_server) -> str:
    host, port = aw_server
    return f"http://{host}:{port}"
