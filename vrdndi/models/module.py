"""The LightningModule: two masked cross-entropy losses, AdamW + warm-up/decay, torchmetrics per stage."""

from __future__ import annotations

import math
from typing import Any

import lightning as L
import torch
from omegaconf import DictConfig, OmegaConf
from torch.nn import functional as F
from torchmetrics import MetricCollection
from torchmetrics.classification import BinaryAUROC, BinaryF1Score, BinaryPrecision, BinaryRecall


HEADS = ("interest", "productive")


def warmup_linear(optimizer: torch.optim.Optimizer, *, total_steps: int, warmup_fraction: float = 0.1,
                  constant: bool = False) -> torch.optim.lr_scheduler.LambdaLR:
    """Linear warm-up over ``warmup_fraction`` of the steps, then linear decay to 0 (or constant)."""
    warmup = max(0, int(total_steps * warmup_fraction))

    def factor(step: int) -> float:
        if warmup and step < warmup:
            return (step + 1) / warmup
        if constant:
            return 1.0
        return max(0.0, (total_steps - step) / max(1, total_steps - warmup))

    return torch.optim.lr_scheduler.LambdaLR(optimizer, factor)


def _plain(cfg: Any) -> Any:
    return OmegaConf.to_container(cfg, resolve=True) if isinstance(cfg, DictConfig) else cfg


def _metrics() -> MetricCollection:
    return MetricCollection({"precision": BinaryPrecision(), "recall": BinaryRecall(), "f1": BinaryF1Score(),
                             "auroc": BinaryAUROC()})


NET_PACKAGE = "vrdndi.models."  # a checkpoint's net._target_ must name a network of ours (it is imported)


def net_class(net: Any) -> type[torch.nn.Module]:
    """The network class a ``model.net`` config names. Only classes under ``vrdndi.models`` are accepted:
    a checkpoint from elsewhere cannot make us import and call something else. Its class attributes
    say what it can do (``reads_context``, ``has_video_tower``) before anything is built."""
    import importlib

    target = str((net or {}).get("_target_", ""))
    module_name, _, name = target.rpartition(".")
    if not target.startswith(NET_PACKAGE) or not module_name:
        raise ValueError(f"model.net._target_ must be a network in {NET_PACKAGE}*, not {target!r}")
    try:
        cls = getattr(importlib.import_module(module_name), name)
    except (ImportError, AttributeError) as exc:
        raise ValueError(f"model.net._target_ {target!r} does not exist") from exc
    if not (isinstance(cls, type) and issubclass(cls, torch.nn.Module)):
        raise ValueError(f"model.net._target_ {target!r} is not a torch module")
    return cls


def build_net(net: dict[str, Any], *, backbone: dict, lora: dict, seed: int) -> torch.nn.Module:
    """The network described by ``net`` (its own ``_target_`` and hyperparameters, conf/model/*.yaml),
    given the text encoder's config."""
    from hydra.utils import instantiate

    net_class(net)
    return instantiate(net, backbone=backbone, lora=lora, seed=seed, _recursive_=False, _convert_="all")


class VrdndiModule(L.LightningModule):
    """Training of one network (``net``, built from its config) with two masked cross-entropy heads.

    Every argument is a plain config (conf/model/*.yaml with the backbone, lora, loss, optimizer and
    lr_scheduler groups interpolated in), so Lightning's ``save_hyperparameters`` records the whole
    model in the checkpoint and ``VrdndiModule(**hyper_parameters)`` rebuilds it.
    """

    def __init__(self, *, net: dict, backbone: dict, lora: dict, loss: dict, optimizer: Any = None,
                 lr_scheduler: Any = None, context: dict | None = None, compile_model: bool = False, seed: int = 42,
                 text_max_length: int = 256, backbone_lr_scale: float = 1.0, threshold: str = "f1_max",
                 video_text: dict | None = None):
        super().__init__()
        net, backbone, lora, loss, context = _plain(net), _plain(backbone), _plain(lora), _plain(loss), _plain(context) or {}
        optimizer, lr_scheduler = _plain(optimizer), _plain(lr_scheduler)
        video_text = _plain(video_text)  # what the video text holds (features/video.py; None: the legacy format)
        # Lightning records every constructor argument (as converted above) in the checkpoint's
        # hyper_parameters: everything needed to rebuild the model, one place per hyperparameter
        self.save_hyperparameters(logger=False)
        from vrdndi.models.calibration import THRESHOLD_RULES

        if threshold not in THRESHOLD_RULES:
            raise ValueError(f"model.threshold must be one of {', '.join(THRESHOLD_RULES)}, not {threshold!r}")
        self.net = build_net(net, backbone=backbone, lora=lora, seed=seed)
        self.loss_cfg = loss
        self.register_buffer("interest_class_weight", torch.ones(self.net.interest_head[-1].out_features))
        self.register_buffer("productive_class_weight", torch.ones(self.net.productive_head[-1].out_features))
        # decision threshold on the productive margin, chosen on validation (models/calibration.py)
        self.register_buffer("productive_logit_offset", torch.zeros(()))
        self._val_margins: list[torch.Tensor] = []
        self._val_targets: list[torch.Tensor] = []
        self.metrics = torch.nn.ModuleDict({f"{stage}_{head}": _metrics()
                                            for stage in ("train", "val") for head in HEADS})
        self._seen = {k: 0 for k in self.metrics}
        # frozen pretrained weights are not in our checkpoints (see on_save_checkpoint); restore.py
        # checks that nothing else is missing
        self.strict_loading = False

    # -- data-dependent set-up -------------------------------------------------------------
    def set_class_weights(self, interest: list[float] | None, productive: list[float] | None) -> None:
        """Inverse-frequency weights computed on the training split (kept in the checkpoint)."""
        if interest is not None:
            self.interest_class_weight.copy_(torch.tensor(interest, dtype=torch.float32))
        if productive is not None:
            self.productive_class_weight.copy_(torch.tensor(productive, dtype=torch.float32))

    def setup(self, stage: str) -> None:
        if stage == "fit" and self.hparams.compile_model:
            self.net.compile()  # in place: state_dict keys stay the same

    def forward(self, batch: dict[str, torch.Tensor]) -> tuple[torch.Tensor, torch.Tensor]:
        return self.net(batch)

    def productive_probability(self, logits: torch.Tensor) -> torch.Tensor:
        """Productive logits [B, 2] -> P(right moment) [B], with the validation-chosen threshold at 0.5."""
        margin = logits[..., 1].float() - logits[..., 0].float()
        return torch.sigmoid(margin - self.productive_logit_offset.float())

    @staticmethod
    def interest_probability(logits: torch.Tensor) -> torch.Tensor:
        """Interest logits [B, 2] -> P(interest) [B]."""
        return torch.softmax(logits.float(), dim=-1)[..., 1]

    # -- loss and metrics --------------------------------------------------------------------
    def _head_loss(self, logits: torch.Tensor, target: torch.Tensor, head: str) -> torch.Tensor:
        ignore = int(self.loss_cfg.get("ignore_index", -100))
        if not bool((target != ignore).any()):
            return logits.sum() * 0.0  # no label of this kind in the batch: keep the graph, add nothing
        weight = getattr(self, f"{head}_class_weight") if self.loss_cfg.get("class_weights", True) else None
        return F.cross_entropy(logits.float(), target, weight=weight, ignore_index=ignore,
                               label_smoothing=float(self.loss_cfg.get(f"{head}_label_smooth", 0.0)))

    def _step(self, batch: dict[str, torch.Tensor], stage: str) -> torch.Tensor:
        interest_logits, productive_logits = self(batch)
        ignore = int(self.loss_cfg.get("ignore_index", -100))
        losses = {"interest": self._head_loss(interest_logits, batch["interest"], "interest"),
                  "productive": self._head_loss(productive_logits, batch["productive"], "productive")}
        loss = (float(self.loss_cfg.get("interest_loss_weight", 1.0)) * losses["interest"]
                + float(self.loss_cfg.get("productive_loss_weight", 1.0)) * losses["productive"])
        batch_size = int(batch["input_ids"].shape[0])
        # Under DDP the validation losses are means over all ranks (sync_dist; a no-op in one process).
        # Training losses stay per rank: rank 0's progress bar reads them at epoch end while the other
        # ranks do not, and a synced value there is a collective only one rank joins (a hang). The
        # precision/recall/F1/AUROC of both stages are torchmetrics objects and always sync in compute().
        sync = stage != "train"
        for head, logits in (("interest", interest_logits), ("productive", productive_logits)):
            target = batch[head]
            valid = target != ignore
            if bool(valid.any()):
                probs = torch.softmax(logits.detach().float(), dim=-1)[:, 1]
                self.metrics[f"{stage}_{head}"].update(probs[valid], target[valid])
                if stage == "val" and head == "productive":
                    margin = (logits[:, 1] - logits[:, 0]).detach().float()
                    self._val_margins.append(margin[valid].cpu())
                    self._val_targets.append(target[valid].cpu())
                self._seen[f"{stage}_{head}"] += int(valid.sum())
                self.log(f"{stage}/{head}_loss", losses[head].detach(), batch_size=batch_size,
                         on_step=False, on_epoch=True, sync_dist=sync)
        self.log(f"{stage}/loss", loss.detach(), batch_size=batch_size, on_step=stage == "train",
                 on_epoch=True, prog_bar=True, sync_dist=sync)
        return loss

    def training_step(self, batch: dict[str, torch.Tensor], batch_idx: int) -> torch.Tensor:
        return self._step(batch, "train")

    def validation_step(self, batch: dict[str, torch.Tensor], batch_idx: int) -> None:
        self._step(batch, "val")

    def _log_epoch_metrics(self, stage: str) -> None:
        for head in HEADS:
            key = f"{stage}_{head}"
            if self._seen_on_any_rank(key):  # torchmetrics' compute() syncs states across ranks itself
                for name, value in self.metrics[key].compute().items():
                    self.log(f"{stage}/{head}_{name}", value, prog_bar=(name == "f1" and stage == "val"))
            self.metrics[key].reset()
            self._seen[key] = 0

    def _seen_on_any_rank(self, key: str) -> int:
        """Labels seen by all ranks: every rank must take the same branch, compute() is collective."""
        seen = self._seen[key]
        if self._trainer is not None and self.trainer.world_size > 1:
            total = self.trainer.strategy.reduce(torch.tensor(float(seen), device=self.device), reduce_op="sum")
            seen = int(total.item())
        return seen

    def on_train_start(self) -> None:
        for key in self.metrics:  # the sanity check must not pollute the first epoch
            self.metrics[key].reset()
            self._seen[key] = 0

    def on_train_epoch_end(self) -> None:
        self._log_epoch_metrics("train")

    def on_validation_epoch_end(self) -> None:
        self._log_epoch_metrics("val")
        margins, targets = self._val_margins, self._val_targets
        self._val_margins, self._val_targets = [], []
        fitting = self._trainer is not None and self.trainer.state.fn == "fit" and not self.trainer.sanity_checking
        if fitting and margins and self.trainer.world_size == 1:
            from vrdndi.models.calibration import THRESHOLD_RULES

            rule = THRESHOLD_RULES[self.hparams.threshold]
            threshold, f1 = rule(torch.cat(margins).numpy(), torch.cat(targets).numpy())
            self.productive_logit_offset.fill_(threshold)
            self.log("val/productive_threshold", threshold)
            if f1 == f1:  # not NaN
                self.log("val/productive_f1_tuned", f1)

    # -- optimisation ----------------------------------------------------------------------
    def configure_optimizers(self) -> Any:
        from hydra.utils import instantiate

        opt_cfg = self.hparams.optimizer or {"_target_": "torch.optim.AdamW", "_partial_": True,
                                             "lr": 5e-5, "weight_decay": 1e-3}
        # the text encoder's adapters learn at lr x backbone_lr_scale, the new parts (heads, compressor,
        # summary MLP, projections) at lr
        backbone = [p for n, p in self.named_parameters() if p.requires_grad and n.startswith("net.backbone.")]
        rest = [p for n, p in self.named_parameters() if p.requires_grad and not n.startswith("net.backbone.")]
        groups = [{"params": rest}]
        if backbone:
            groups.append({"params": backbone, "lr": float(opt_cfg.get("lr", 5e-5)) * float(self.hparams.backbone_lr_scale)})
        optimizer = instantiate(opt_cfg)(groups)  # _partial_: built here, with the parameter groups
        sched_cfg = self.hparams.lr_scheduler or {"_target_": f"{__name__}.warmup_linear", "_partial_": True}
        total = self.trainer.estimated_stepping_batches if self._trainer is not None else 1000
        total = int(total) if total and math.isfinite(total) else 1000
        scheduler = instantiate(sched_cfg)(optimizer, total_steps=total)
        return {"optimizer": optimizer, "lr_scheduler": {"scheduler": scheduler, "interval": "step"}}

    # -- checkpoint contents -------------------------------------------------------------------
    def frozen_backbone_keys(self) -> set[str]:
        """State-dict keys of frozen pretrained weights: reloaded from the backbone id, not saved.
        (A random ``tiny`` backbone has no source to reload from, so everything is saved.)"""
        if self.hparams.backbone.get("kind") == "tiny":
            return set()
        return {f"net.backbone.{name}" for name, p in self.net.backbone.named_parameters() if not p.requires_grad}

    def on_save_checkpoint(self, checkpoint: dict[str, Any]) -> None:
        frozen = self.frozen_backbone_keys()
        checkpoint["state_dict"] = {k: v for k, v in checkpoint["state_dict"].items() if k not in frozen}
        checkpoint["vrdndi"] = {"format": 1, "frozen_backbone_keys_omitted": len(frozen),
                                "backbone": self.hparams.backbone}
        trees = getattr(self.net, "trees", None)
        if trees is not None:  # the boosted-tree member (models/members.py): LightGBM's text format, no pickle
            checkpoint["vrdndi"]["trees"] = trees.as_config()

    def on_load_checkpoint(self, checkpoint: dict[str, Any]) -> None:
        """Lightning calls this before loading the weights (and restore.load_module does too)."""
        trees = (checkpoint.get("vrdndi") or {}).get("trees")
        if hasattr(self.net, "attach_trees"):
            from vrdndi.models.members import TreeMember

            self.net.attach_trees(TreeMember.from_config(trees) if trees else None)
