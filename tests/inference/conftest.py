"""Fixtures for inference tests: the real composed config pointed at the test's data home, a store
with a week of uploads, and checkpoints of the scorer double under paths.runs."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from scorer_double import write_double_checkpoint

from vrdndi.config import compose
from vrdndi.store import Store, Video
from vrdndi.timeutil import iso, parse_time

MOMENT = "2024-05-01T09:30:00+00:00"
DOUBLE = "scorer_double.load_scorer_double"


def predict_cfg(home: Path, *overrides: str, config: str = "predict"):
    return compose(config, [f"paths.home={home}", f"predict.scorer._target_={DOUBLE}",
                            "predict.progress=false", *overrides])


def make_videos(n: int, *, moment: str = MOMENT, channels: int = 5, prefix: str = "v") -> list[Video]:
    """``n`` uploads spread over the 6 days before ``moment``, round-robin over ``channels`` channels."""
    end = parse_time(moment)
    return [Video(video_id=f"{prefix}{i:03d}", title=f"Video number {i} about topic {i % 7}",
                  channel_id=f"UC{i % channels}", channel_title=f"Channel {i % channels}",
                  description=f"description {i}", published_at=iso(end - timedelta(hours=3 + 5 * i)),
                  source="test")
            for i in range(n)]


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
    write_double_checkpoint(run_dir / "checkpoints" / "best.ckpt", salt="best")
    write_double_checkpoint(run_dir / "checkpoints" / "last.ckpt", salt="last")
    return run_dir
