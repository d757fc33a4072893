"""A deterministic stand-in for ``vrdndi.inference.scorer.load_scorer`` (same interface), so the
inference pipeline is tested before / apart from the real model.

The "checkpoint" is a JSON file ``{"arch": ..., "salt": ...}``; scores come from the video's fields
and the hour of its moment, so they change with the moment like the real model's do.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Sequence

import numpy as np

from vrdndi.errors import VrdndiError
from vrdndi.timeutil import parse_time


def write_double_checkpoint(path: Path, *, salt: str = "s", arch: str = "base", trained_on: Path | None = None) -> Path:
    """A checkpoint file of the double; ``trained_on``: the store its run says it was trained on (the
    run's ``metrics.json`` names that store's identity, as train.py writes it)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"arch": arch, "salt": salt}))
    if trained_on is not None:
        from vrdndi.store import Store

        (path.parent.parent / "metrics.json").write_text(json.dumps({"store_id": Store.id_of(trained_on)}))
    return path


def load_scorer_double(path, *, device: str = "cpu") -> "ScorerDouble":
    try:
        meta = json.loads(Path(path).read_text())
    except (OSError, ValueError) as exc:
        raise VrdndiError(f"{path}: not a checkpoint ({exc})") from exc
    return ScorerDouble(str(path), meta.get("arch", "base"), meta.get("salt", ""))


def _unit(text: str) -> float:
    return int(hashlib.sha256(text.encode()).hexdigest()[:8], 16) / 0xFFFFFFFF


class ScorerDouble:
    """A ``FeedScorer`` (vrdndi/inference/scorer.py) whose scores depend on the hour, not on the apps."""

    reads_context = False
    has_video_tower = False

    def __init__(self, checkpoint_path: str, arch: str, salt: str):
        self.checkpoint_path = checkpoint_path
        self.arch = arch
        self.salt = salt
        self.calls: list[int] = []

    def score(self, store, videos: Sequence, moments: Sequence[str], *, batch_size: int = 32,
              progress: bool = True) -> np.ndarray:
        assert len(videos) == len(moments)
        self.calls.append(len(videos))
        out = np.zeros((len(videos), 2), dtype=np.float32)
        for i, (video, moment) in enumerate(zip(videos, moments)):
            hour = parse_time(moment).hour
            out[i, 0] = _unit(f"{self.salt}|{video.video_id}|{video.title}")
            out[i, 1] = _unit(f"{self.salt}|{video.channel_id}|{hour}")
        return out
