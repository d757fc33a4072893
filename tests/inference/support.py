"""Helpers for inference tests: the real composed config pointed at a test's data home, and a week
of uploads."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from vrdndi.config import compose
from vrdndi.store import Video
from vrdndi.timeutil import iso, parse_time

MOMENT = "2024-05-01T09:30:00+00:00"
DOUBLE = "tests.inference.scorer_double.load_scorer_double"


def predict_cfg(home: Path, *overrides: str, config: str = "predict"):
    """The predict config for a test's home. A feed for now does not pull ActivityWatch here (an aw-server
    on this machine's default port must not leak into a test store); the pull has its own tests."""
    return compose(config, [f"paths.home={home}", f"predict.scorer._target_={DOUBLE}",
                            "predict.progress=false", "predict.pull_activitywatch=false", *overrides])


def make_videos(n: int, *, moment: str = MOMENT, channels: int = 5, prefix: str = "v") -> list[Video]:
    """``n`` uploads spread over the 6 days before ``moment``, round-robin over ``channels`` channels."""
    end = parse_time(moment)
    return [Video(video_id=f"{prefix}{i:03d}", title=f"Video number {i} about topic {i % 7}",
                  channel_id=f"UC{i % channels}", channel_title=f"Channel {i % channels}",
                  description=f"description {i}", published_at=iso(end - timedelta(hours=3 + 5 * i)),
                  source="test")
            for i in range(n)]
