"""The real Hydra config composes for every option of every group; the entry script prints it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from omegaconf import OmegaConf

from vrdndi.config import CONF_DIR, compose

ROOT = Path(__file__).resolve().parents[1]
GROUPS = ["data", "split", "backbone", "model", "lora", "sampler", "loss", "optimizer", "lr_scheduler",
          "callbacks", "logger", "trainer", "context", "context_encoder", "paths"]


def options(group: str) -> list[str]:
    return sorted(p.stem for p in (Path(CONF_DIR) / group).glob("*.yaml"))


@pytest.mark.parametrize("group,option", [(g, o) for g in GROUPS for o in options(g)])
def test_every_group_option_composes(group, option):
    cfg = compose("train", [f"{group}={option}"], return_hydra_config=True)
    OmegaConf.to_container(cfg, resolve=False)
    assert cfg.seed == 42


@pytest.mark.parametrize("option", ["demo"])
def test_experiments_compose(option):
    cfg = compose("train", [f"experiment={option}"])
    assert cfg.data.build_demo is True


@pytest.mark.parametrize("name", ["predict", "serve", "label", "vrdndi"])
def test_other_primary_configs_compose(name):
    cfg = compose(name)
    assert cfg.paths.store.endswith("vrdndi.sqlite")


def test_seed_defaults_are_kept_with_trainer_gpu():
    """trainer=gpu trains with the original's sizes; the rest of its settings are the defaults everywhere."""
    c = compose("train", ["backbone=bge_m3", "trainer=gpu"])
    assert c.backbone.name == "BAAI/bge-m3" and c.backbone.max_length == 8192 and c.data.max_length == 8192
    assert (c.seed, c.data.batch_size, c.trainer.max_epochs, c.optimizer.weight_decay) == (42, 4, 10, 1e-3)
    # the encoder's adapters learn at the original's 5e-5; the new heads and towers at optimizer.lr
    assert c.optimizer.lr * c.model.backbone_lr_scale == pytest.approx(5e-5)
    assert c.loss.ignore_index == -100
    assert (c.model.net.productive_out_feature, c.model.net.interest_out_feature) == (2, 2)
    assert (c.model.net.productive_output_layer_dropout, c.model.net.interest_output_layer_dropout) == (0.1, 0.1)
    assert (c.lora.enabled, c.lora.r, c.lora.alpha, c.lora.target_modules) == (True, 8, 16, "all-linear")  # LoRA on a GPU
    assert (c.loss.productive_loss_weight, c.loss.interest_loss_weight) == (1.0, 1.0)
    ema = c.callbacks.ema_f1_checkpoint
    assert (ema.ema_alpha, ema.ema_productive_weight) == (0.6, 0.65)
    h = compose("train", ["model=hybrid"]).model
    assert (h.net.num_in_feature, h.net.num_out_feature, h.net.cond_dim) == (3, 384, 1)
    assert c.trainer.accumulate_grad_batches == 4 and c.sampler.interest_ratio == 0.4  # the original: 0.5 (README)
    assert (c.loss.interest_label_smooth, c.loss.productive_label_smooth) == (0.0, 0.0)
    assert (c.data.train_num_workers, c.data.eval_num_workers) == (0, 0)
    assert c.model.compile_model is True
    assert compose("train", ["trainer=gpu", "lora=none"]).lora.enabled is False  # the command line still wins


def test_default_training_is_the_context_model_at_cpu_sizes():
    """`python train.py` with no override: the two-tower model with the context summary, CPU-sized."""
    c = compose("train")
    assert c.model.net._target_.endswith("TwoTowerNet") and c.context.summary.enabled
    assert c.lora.enabled is False  # a frozen encoder on the CPU: its video features are computed once
    assert (c.trainer.accelerator, c.data.batch_size, c.data.max_length, c.trainer.accumulate_grad_batches) == \
        ("cpu", 16, 96, 1)
    assert c.model.compile_model is False
    # an override on the command line still wins over the trainer's sizes
    assert compose("train", ["data.batch_size=3", "trainer.max_epochs=2"]).data.batch_size == 3


def test_cfg_job_prints_overrides():
    out = subprocess.run([sys.executable, str(ROOT / "train.py"), "--cfg", "job", "model=hybrid",
                          "sampler.interest_ratio=0.75"], capture_output=True, text=True, check=True, cwd=ROOT)
    cfg = OmegaConf.create(out.stdout)
    assert cfg.model.net._target_.endswith("HybridNet") and cfg.sampler.interest_ratio == 0.75
