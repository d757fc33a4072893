"""EMA checkpointing (named EMA-F1 after the original, which followed the F1).

Each validation epoch: weighted score = (1 - ema_productive_weight) * interest AUC
+ ema_productive_weight * productive AUC (``metric=auroc``, the default: the ranking, which does not
depend on a decision threshold; ``metric=f1``: the same mix of the two F1s, as the original); a kind
with no validation labels drops out and the other takes its weight. The EMA across epochs is ema = ema_alpha * weighted + (1 - ema_alpha) * ema_prev
(the first epoch starts it). ``best.ckpt`` is saved when the EMA improves, ``last.ckpt`` every epoch;
both are written to a temporary file and renamed, so a crash never leaves a half-written checkpoint.
A run refuses to write into a checkpoint folder that already holds another run's checkpoints.
"""

from __future__ import annotations

import math
import os
from pathlib import Path
from typing import Any

import lightning as L
from lightning.pytorch.callbacks import Callback
from lightning.pytorch.trainer.states import TrainerFn

from vrdndi.errors import VrdndiError


class EmaF1Checkpoint(Callback):
    def __init__(self, dirpath: str, *, ema_alpha: float = 0.6, ema_productive_weight: float = 0.65,
                 save_last: bool = True, metric: str = "auroc"):
        if metric not in ("f1", "auroc"):
            raise ValueError(f"callbacks.ema_f1_checkpoint.metric must be f1 or auroc, not {metric!r}")
        self.metric = metric
        self.dirpath = Path(dirpath)
        self.ema_alpha = float(ema_alpha)
        self.ema_productive_weight = float(ema_productive_weight)
        self.save_last = save_last
        self.ema: float | None = None
        self.best_score: float = -math.inf
        self.best_epoch: int | None = None
        self.history: list[dict[str, float]] = []

    @property
    def best_model_path(self) -> str:
        return str(self.dirpath / "best.ckpt")

    @property
    def last_model_path(self) -> str:
        return str(self.dirpath / "last.ckpt")

    def setup(self, trainer: L.Trainer, pl_module: L.LightningModule, stage: str) -> None:
        if stage != "fit" or not trainer.is_global_zero:
            return
        existing = sorted(self.dirpath.glob("*.ckpt")) if self.dirpath.exists() else []
        if existing and trainer.ckpt_path is None:
            raise VrdndiError(f"{self.dirpath} already holds checkpoints of another run ({existing[0].name}); "
                              "refusing to overwrite them: choose another run dir")
        self.dirpath.mkdir(parents=True, exist_ok=True)

    def weighted_f1(self, metrics: dict[str, Any]) -> float | None:
        interest = metrics.get(f"val/interest_{self.metric}")
        productive = metrics.get(f"val/productive_{self.metric}")
        interest = float(interest) if interest is not None else None
        productive = float(productive) if productive is not None else None
        if interest is None and productive is None:
            return None
        if interest is None:
            return productive
        if productive is None:
            return interest
        w = self.ema_productive_weight
        return (1 - w) * interest + w * productive

    def on_validation_end(self, trainer: L.Trainer, pl_module: L.LightningModule) -> None:
        if trainer.sanity_checking or trainer.state.fn != TrainerFn.FITTING:
            return  # trainer.validate() of the best checkpoint after fit must not move the EMA or re-save
        weighted = self.weighted_f1(trainer.callback_metrics)
        if weighted is None:
            return
        self.ema = weighted if self.ema is None else self.ema_alpha * weighted + (1 - self.ema_alpha) * self.ema
        epoch = int(trainer.current_epoch)
        self.history.append({"epoch": epoch, "weighted_f1": weighted, "ema_f1": self.ema})
        for logger in trainer.loggers:
            logger.log_metrics({"val/weighted_f1": weighted, "val/ema_f1": self.ema}, step=trainer.global_step)
        trainer.callback_metrics["val/ema_f1"] = _tensor(self.ema)
        improved = self.ema > self.best_score
        if improved:
            self.best_score, self.best_epoch = self.ema, epoch
            self._save(trainer, self.best_model_path)
        if self.save_last:
            self._save(trainer, self.last_model_path)

    def _save(self, trainer: L.Trainer, path: str) -> None:
        tmp = path + ".tmp"
        trainer.save_checkpoint(tmp)
        if trainer.is_global_zero:
            os.replace(tmp, path)

    def state_dict(self) -> dict[str, Any]:
        return {"ema": self.ema, "best_score": self.best_score, "best_epoch": self.best_epoch,
                "history": self.history, "ema_alpha": self.ema_alpha,
                "ema_productive_weight": self.ema_productive_weight}

    def load_from_checkpoint_file(self, path: str) -> None:
        """Take the EMA state a checkpoint holds (after ``ddp_spawn`` the workers ran this callback,
        not the process that reads the result)."""
        import torch

        ckpt = torch.load(path, map_location="cpu", weights_only=False)
        for key, state in (ckpt.get("callbacks") or {}).items():
            if "EmaF1Checkpoint" in str(key) and isinstance(state, dict):
                self.load_state_dict(state)

    def load_state_dict(self, state_dict: dict[str, Any]) -> None:
        self.ema = state_dict.get("ema")
        self.best_score = state_dict.get("best_score", -math.inf)
        self.best_epoch = state_dict.get("best_epoch")
        self.history = list(state_dict.get("history", []))


def _tensor(value: float):
    import torch

    return torch.tensor(value)


class WeightEma(Callback):
    """Validate, checkpoint and predict with an exponential moving average of the trainable weights.

    After each optimiser step ``avg = decay * avg + (1 - decay) * w`` over every parameter that trains
    (the frozen encoder is left out), with ``decay`` ramped up as ``min(decay, (1 + t) / (warmup + t))``
    so the first steps do not pin the average to the random start (``decay: 0`` turns it off). Each validation epoch swaps the
    average in, so the validation metrics, the decision threshold the module chooses there and the
    checkpoints written in ``on_validation_end`` all belong to the averaged model; the next training
    epoch swaps the live weights back. Training ends with the average in the model. The weights not in
    the model are kept in the callback's state, so a run resumed from ``last.ckpt`` goes on from both.
    (Lightning's own ``WeightAveraging`` averages buffers too and writes its average into the checkpoint
    after the module has chosen its threshold on other weights, so it does not fit here.)
    """

    def __init__(self, decay: float = 0.99, warmup: int = 10):
        if not 0.0 <= float(decay) < 1.0:
            raise ValueError(f"callbacks.weight_ema.decay must be in [0, 1), not {decay!r}")
        self.decay = float(decay)
        self.warmup = max(1, int(warmup))
        self.other: dict[str, Any] | None = None  # the weights that are not in the model right now
        self.swapped = False  # True while the average is in the model
        self.updates = 0
        self._step = -1

    @staticmethod
    def _trained(pl_module: L.LightningModule) -> dict[str, Any]:
        return {name: p for name, p in pl_module.named_parameters() if p.requires_grad}

    def on_train_start(self, trainer: L.Trainer, pl_module: L.LightningModule) -> None:
        if self.other:  # resumed: the state was loaded on the CPU
            params = self._trained(pl_module)
            self.other = {k: v.to(params[k].device) if k in params else v for k, v in self.other.items()}

    def on_train_batch_end(self, trainer: L.Trainer, pl_module: L.LightningModule, outputs: Any, batch: Any,
                           batch_idx: int) -> None:
        if not self.decay or trainer.global_step == self._step:  # off, or accumulating: no optimiser step yet
            return
        self._step = trainer.global_step
        params = self._trained(pl_module)
        if self.other is None or self.other.keys() != params.keys():
            self.other = {name: p.detach().clone() for name, p in params.items()}
            self.updates = 1
            return
        decay = min(self.decay, (1 + self.updates) / (self.warmup + self.updates))
        import torch

        with torch.no_grad():
            for name, p in params.items():
                self.other[name].lerp_(p.detach(), 1.0 - decay)
        self.updates += 1

    def _swap(self, pl_module: L.LightningModule) -> None:
        import torch

        assert self.other is not None
        with torch.no_grad():
            for name, p in self._trained(pl_module).items():
                live = p.detach().clone()
                p.copy_(self.other[name])
                self.other[name].copy_(live)
        self.swapped = not self.swapped

    def on_validation_epoch_start(self, trainer: L.Trainer, pl_module: L.LightningModule) -> None:
        if (trainer.state.fn == TrainerFn.FITTING and not trainer.sanity_checking and self.other is not None
                and not self.swapped):
            self._swap(pl_module)

    def on_train_epoch_start(self, trainer: L.Trainer, pl_module: L.LightningModule) -> None:
        if self.swapped:
            self._swap(pl_module)

    def on_train_end(self, trainer: L.Trainer, pl_module: L.LightningModule) -> None:
        if self.other is not None and not self.swapped:
            self._swap(pl_module)

    def state_dict(self) -> dict[str, Any]:
        return {"decay": self.decay, "warmup": self.warmup, "updates": self.updates, "swapped": self.swapped,
                "other": {k: v.detach().cpu() for k, v in (self.other or {}).items()}}

    def load_state_dict(self, state_dict: dict[str, Any]) -> None:
        self.updates = int(state_dict.get("updates", 0))
        self.swapped = bool(state_dict.get("swapped", False))
        self.other = dict(state_dict.get("other") or {}) or None
        if self.other is None:
            self.swapped = False
