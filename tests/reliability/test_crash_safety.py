"""Crash safety: a process killed (SIGKILL, no clean-up of any kind) in the middle of an ingest or of a
checkpoint save leaves a store that passes ``PRAGMA integrity_check`` and holds all or none of the batch,
and a checkpoint folder whose checkpoints all load; a leftover ``.tmp`` is never taken for a checkpoint."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import torch

from vrdndi.inference.checkpoints import CheckpointNotFound, resolve_checkpoint, run_checkpoints
from vrdndi.sources.activitywatch import import_export
from vrdndi.store import Store

from .support import write_aw_export

N_EVENTS = 1500
PAD = 4000  # ~6 MB of rows: far more than SQLite's page cache, so pages reach the WAL before the commit


def _wait_for(predicate, proc: subprocess.Popen, timeout_s: float = 60.0, step_s: float = 0.002) -> bool:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if predicate():
            return True
        if proc.poll() is not None:
            return False
        time.sleep(step_s)
    return False


def _kill(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)


def _store_state(path: Path) -> tuple[str, int]:
    with Store(path) as store:
        return store.conn.execute("PRAGMA integrity_check").fetchone()[0], store.counts()["app_events"]


def test_killed_ingest_leaves_all_or_none_of_the_batch(tmp_path):
    export = write_aw_export(tmp_path / "export.json", "bighost", N_EVENTS, pad=PAD)
    store_path = tmp_path / "vrdndi.sqlite"
    Store(store_path).close()  # created and migrated; closing checkpoints and removes the WAL
    wal = Path(f"{store_path}-wal")
    rng = random.Random(8)
    outcomes = []
    for trial, extra_delay_s in enumerate([0.0, rng.uniform(0.0, 0.4)]):
        proc = subprocess.Popen([sys.executable, "-m", "vrdndi.cli", "--store", str(store_path), "ingest", "aw",
                                 str(export)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        # the ingest parses the whole export first; its one write transaction starts filling the WAL
        began = _wait_for(lambda: wal.exists() and wal.stat().st_size > 0, proc)
        assert began, f"trial {trial}: the ingest ended before writing: {proc.communicate()[1][-2000:]!r}"
        time.sleep(extra_delay_s)
        _kill(proc)
        integrity, n_events = _store_state(store_path)
        assert integrity == "ok"
        assert n_events in (0, N_EVENTS), f"trial {trial}: partial batch, {n_events} of {N_EVENTS} rows"
        outcomes.append(n_events)
    # killed as soon as its first pages reached the WAL, long before the commit: nothing of it is visible
    assert outcomes[0] == 0
    # the store is still fine to use: the same ingest, uninterrupted, writes the whole batch
    with Store(store_path) as store:
        report = import_export(store, export)
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert store.counts()["app_events"] == N_EVENTS
    assert report.written["events"] == N_EVENTS - outcomes[-1]
    print(f"killed ingests left {outcomes} of {N_EVENTS} rows")


SAVE_LOOP = r"""
import sys, torch
from pathlib import Path
from vrdndi.models.callbacks import EmaF1Checkpoint

class Trainer:  # what EmaF1Checkpoint._save needs of a Lightning Trainer
    is_global_zero = True
    epoch = 0
    def save_checkpoint(self, path):
        weights = torch.full((4_000_000,), float(self.epoch))  # 16 MB: a save takes a while
        torch.save({"epoch": self.epoch, "hyper_parameters": {"arch": "base"},
                    "state_dict": {"w": weights}, "check": float(weights.sum())}, path)

callback = EmaF1Checkpoint(sys.argv[1])
callback.dirpath.mkdir(parents=True, exist_ok=True)
trainer = Trainer()
while True:
    callback._save(trainer, callback.best_model_path)
    callback._save(trainer, callback.last_model_path)
    print("saved", trainer.epoch, flush=True)
    trainer.epoch += 1
"""


def _assert_loadable(path: Path) -> int:
    ckpt = torch.load(path, map_location="cpu", weights_only=False)
    weights = ckpt["state_dict"]["w"]
    assert weights.numel() == 4_000_000 and float(weights.sum()) == ckpt["check"]
    assert bool((weights == ckpt["epoch"]).all())
    return int(ckpt["epoch"])


@pytest.mark.parametrize("after_saves", [0, 2])
def test_killed_checkpoint_save_leaves_only_complete_checkpoints(tmp_path, after_saves):
    runs = tmp_path / "runs"
    ckpt_dir = runs / "2024-05-01_10-00-00" / "checkpoints"
    proc = subprocess.Popen([sys.executable, "-c", SAVE_LOOP, str(ckpt_dir)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    try:
        if after_saves == 0:  # killed while the very first best.ckpt.tmp is being written
            assert _wait_for(lambda: (ckpt_dir / "best.ckpt.tmp").exists(), proc), proc.communicate()[1][-2000:]
        else:
            for _ in range(after_saves):
                assert proc.stdout.readline().startswith("saved"), proc.communicate()[1][-2000:]
            time.sleep(random.Random(after_saves).uniform(0.0, 0.3))  # somewhere in the next saves
    finally:
        _kill(proc)
    names = sorted(p.name for p in ckpt_dir.iterdir())
    complete = [ckpt_dir / n for n in names if n.endswith(".ckpt")]
    assert all(n in ("best.ckpt", "last.ckpt", "best.ckpt.tmp", "last.ckpt.tmp") for n in names), names
    for path in complete:  # whatever carries a checkpoint's name is whole
        _assert_loadable(path)
    assert [p.name for p in run_checkpoints(runs, "best.ckpt")] == (["best.ckpt"] if after_saves else [])
    if after_saves:
        resolved = resolve_checkpoint("best", runs_dir=runs)
        assert resolved.path.name == "best.ckpt"
        assert _assert_loadable(resolved.path) >= after_saves - 1
        assert resolve_checkpoint(str(ckpt_dir.parent), runs_dir=runs).path.name == "best.ckpt"
    else:  # only a half-written .tmp: no checkpoint, said in one line, and the .tmp is never picked
        assert names == ["best.ckpt.tmp"]
        with pytest.raises(CheckpointNotFound) as err:
            resolve_checkpoint("best", runs_dir=runs)
        assert "\n" not in str(err.value)
        with pytest.raises(CheckpointNotFound):
            resolve_checkpoint(str(ckpt_dir.parent), runs_dir=runs)
    print(f"killed after {after_saves} saves: {names}")
