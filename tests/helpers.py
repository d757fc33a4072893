"""Test helpers: compose the real config for a run in tmp_path, a tiny labelled store."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import numpy as np
from omegaconf import DictConfig

from vrdndi.config import compose_run
from vrdndi.store import AppEvent, Label, Store, Video
from vrdndi.timeutil import iso

T0 = datetime(2026, 10, 1, tzinfo=timezone.utc)


def compose_train(overrides: list[str], run_dir: Path) -> DictConfig:
    """The real train config, shrunk for a test and pointed at ``run_dir`` (as Hydra would): one epoch, one
    model (the ensemble's further members are tested in tests/test_train.py)."""
    return compose_run("train", ["trainer.max_epochs=1", "logger=csv", "ensemble=[]", *overrides], run_dir)


def tiny_store(path: Path, *, hours: int = 24 * 8, seed: int = 0) -> Path:
    """Videos about rust or cats; the right moment for rust is after coding, for cats after gaming."""
    rng = random.Random(seed)
    with Store(path) as store:
        videos = [Video(f"vid{i:04d}", title=("Rust async tutorial" if i % 2 else "Funny cat compilation") + f" #{i}",
                        channel_id=f"ch{i % 3}", channel_title=f"Channel {i % 3}", description="a video",
                        duration_s=600.0 + i, published_at=iso(T0 + timedelta(hours=i))) for i in range(40)]
        store.upsert_videos(videos)
        events, labels = [], []
        for h in range(hours):
            start = T0 + timedelta(hours=h)
            work = (h // 3) % 2 == 0
            events.append(AppEvent("laptop", iso(start), iso(start + timedelta(minutes=50)), 3000.0,
                                   app="code" if work else "steam", title="main.rs" if work else "Factorio",
                                   category="Work > Programming" if work else "Media > Games"))
            if h % 2 == 0:
                video = rng.choice(videos)
                moment = start + timedelta(minutes=55)
                truth = int(("Rust" in video.title) == work)
                labels.append(Label(video.video_id, "productive", truth, "test", moment=iso(moment),
                                    labelled_at=iso(moment + timedelta(minutes=1))))
                labels.append(Label(video.video_id, "interest", int("Rust" in video.title), "test",
                                    labelled_at=iso(moment)))
        store.upsert_events(events)
        store.add_labels(labels)
    return path


_SCORE_SCRIPT = """
import sys, json
from vrdndi.inference.scorer import load_scorer
from vrdndi.store import Store
scorer = load_scorer(sys.argv[1])
with Store(sys.argv[2]) as store:
    videos = store.videos()[:6]
    moments = ["2026-10-03T10:00:00+00:00", "2026-10-03T13:00:00+00:00", ""] * 2
    print(json.dumps(scorer.score(store, videos, moments, progress=False).tolist()))
"""
FRESH_PROCESS_MOMENTS = ["2026-10-03T10:00:00+00:00", "2026-10-03T13:00:00+00:00", ""] * 2


def scores_in_fresh_process(ckpt: str | Path, store_path: str | Path) -> np.ndarray:
    """Scores [6, 2] of the store's first 6 videos at FRESH_PROCESS_MOMENTS, from a new Python process."""
    out = subprocess.run([sys.executable, "-c", _SCORE_SCRIPT, str(ckpt), str(store_path)],
                         capture_output=True, text=True, check=True)
    return np.asarray(json.loads(out.stdout.strip().splitlines()[-1]))
