"""Fixtures for inference tests: a store with a week of uploads, and checkpoints of the scorer double
under paths.runs."""

from __future__ import annotations

import pytest

from tests.inference.scorer_double import write_double_checkpoint
from tests.inference.support import make_videos
from vrdndi.store import Store


@pytest.fixture
def home(vrdndi_home):
    vrdndi_home.mkdir(parents=True, exist_ok=True)
    return vrdndi_home


@pytest.fixture
def seeded_store(home):
    with Store(home / "vrdndi.sqlite") as store:
        store.upsert_videos(make_videos(24))
        yield store


@pytest.fixture
def trained_run(home):
    """A training run folder as train.py leaves it: runs/train/<timestamp>/checkpoints/{best,last}.ckpt."""
    run_dir = home / "runs" / "train" / "2024-04-30_10-00-00_000000"
    store = home / "vrdndi.sqlite"
    write_double_checkpoint(run_dir / "checkpoints" / "best.ckpt", salt="best", trained_on=store)
    write_double_checkpoint(run_dir / "checkpoints" / "last.ckpt", salt="last", trained_on=store)
    return run_dir
