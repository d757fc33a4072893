"""Sweeps beyond one process: the launcher options compose with the installed Hydra plugins, a real
2-job sweep runs through the joblib launcher, and the Optuna search space names real config keys."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from omegaconf import OmegaConf

from tests.helpers import tiny_store
from vrdndi.config import CONF_DIR, compose

ROOT = Path(__file__).resolve().parents[1]
LAUNCHERS = {"joblib": "hydra_plugins.hydra_joblib_launcher.joblib_launcher.JoblibLauncher",
             "slurm": "hydra_plugins.hydra_submitit_launcher.submitit_launcher.SlurmLauncher",
             "slurm_local": "hydra_plugins.hydra_submitit_launcher.submitit_launcher.LocalLauncher"}


@pytest.mark.parametrize("option", sorted(LAUNCHERS))
def test_launcher_options_compose(option):
    cfg = compose("train", [f"launcher={option}", "trainer=ddp"], return_hydra_config=True)
    launcher = cfg.hydra.launcher
    assert launcher._target_ == LAUNCHERS[option]
    if option == "joblib":
        assert (launcher.n_jobs, launcher.backend) == (2, "loky")
    else:
        assert launcher.timeout_min > 0 and launcher.submitit_folder.endswith(".submitit/%j")
        resolved = OmegaConf.to_container(launcher, resolve=False)
        assert "${hydra.sweep.dir}" in resolved["submitit_folder"]
    # the sweep itself is unchanged: same sweep dir, same summary callback
    assert "fold_summary" in cfg.hydra.callbacks


def test_optuna_search_space_names_real_config_keys():
    search = OmegaConf.load(Path(CONF_DIR) / "hparams_search" / "optuna.yaml")
    assert search.hydra.sweeper.direction == "maximize" and search.hydra.sweeper.n_jobs == 1
    train = compose("train")
    for key in search.hydra.sweeper.params:
        assert OmegaConf.select(train, key) is not None, key


@pytest.mark.slow
def test_joblib_launcher_runs_two_jobs(tmp_path):
    store = tiny_store(tmp_path / "tiny.sqlite", hours=24 * 4)
    env = {**os.environ, "OMP_NUM_THREADS": "1"}
    out = subprocess.run([sys.executable, str(ROOT / "train.py"), "-m", "launcher=joblib", "backbone=tiny",
                          "model=base", "split=kfold", "data.n_folds=3", "data.fold=0,1", f"data.store={store}",
                          "trainer.max_epochs=1", "trainer.limit_train_batches=2", "trainer.limit_val_batches=1",
                          "test_best=false", f"paths.runs={tmp_path / 'runs'}"],
                         capture_output=True, text=True, cwd=ROOT, env=env, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    assert "Joblib.Parallel(n_jobs=2" in out.stderr + out.stdout
    sweep = next((tmp_path / "runs").glob("train/multirun/*"))
    assert sorted(p.parent.name for p in sweep.glob("*/metrics.json")) == ["0", "1"]
    assert all((sweep / job / "checkpoints" / "best.ckpt").is_file() for job in ("0", "1"))
    summary = json.loads((sweep / "fold_summary.json").read_text())
    assert [r["fold"] for r in summary["runs"]] == [0, 1]
