"""Shared fixtures: every test gets its own data home (VRDNDI_HOME) and HOME, so nothing touches
the user's real data and nothing is downloaded."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
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
