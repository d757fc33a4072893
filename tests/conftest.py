"""Shared fixtures: every test gets its own data home (VRDNDI_HOME) and HOME, so nothing touches
the user's real data and nothing is downloaded."""

from __future__ import annotations

import os

import pytest

from vrdndi.cli.entry import offline_environment  # noqa: E402

offline_environment()  # what every entry point sets: no hub downloads, no telemetry
os.environ.setdefault("WANDB_MODE", "offline")


@pytest.fixture(autouse=True)
def vrdndi_home(tmp_path, monkeypatch):
    home = tmp_path / "vrdndi_home"
    monkeypatch.setenv("VRDNDI_HOME", str(home))
    return home


@pytest.fixture
def store(vrdndi_home):
    from vrdndi.store import Store

    s = Store(vrdndi_home / "vrdndi.sqlite")
    yield s
    s.close()
