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

from vrdndi.models.network import build_network

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


class VrdndiModule(L.LightningModule):
    def __init__(self, *, arch: str = "base", backbone: dict, lora: dict, loss: dict, optimizer: Any = None,
                 lr_scheduler: Any = None, context: dict | None = None, compile_model: bool = False, seed: int = 42,
                 productive_out_feature: int = 2, interest_out_feature: int = 2,
                 productive_output_layer_dropout: float = 0.1, interest_output_layer_dropout: float = 0.1,
                 head_hidden: int = 256, full_finetune: bool = False, num_in_feature: int = 3,
                 num_out_feature: int = 384, cond_dim: int = 1, compressor_channels: int = 128,
                 compressor_blocks: int = 2, compressor_kernel: int = 3, se_reduction: int = 4,
                 text_max_length: int = 256, video_dim: int = 256):
        super().__init__()
        backbone, lora, loss, context = _plain(backbone), _plain(lora), _plain(loss), _plain(context) or {}
        optimizer, lr_scheduler = _plain(optimizer), _plain(lr_scheduler)
        # everything needed to rebuild the model goes into the checkpoint (hyper_parameters)
        self.save_hyperparameters({
            "arch": arch, "backbone": backbone, "lora": lora, "loss": loss, "optimizer": optimizer,
            "lr_scheduler": lr_scheduler, "context": context, "compile_model": compile_model, "seed": seed,
            "productive_out_feature": productive_out_feature, "interest_out_feature": interest_out_feature,
            "productive_output_layer_dropout": productive_output_layer_dropout,
            "interest_output_layer_dropout": interest_output_layer_dropout, "head_hidden": head_hidden,
            "full_finetune": full_finetune, "num_in_feature": num_in_feature, "num_out_feature": num_out_feature,
            "cond_dim": cond_dim, "compressor_channels": compressor_channels,
            "compressor_blocks": compressor_blocks, "compressor_kernel": compressor_kernel,
            "se_reduction": se_reduction, "text_max_length": text_max_length, "video_dim": video_dim})
        self.net = build_network(arch=arch, backbone=backbone, lora=lora, full_finetune=full_finetune,
                                 productive_out_feature=productive_out_feature, interest_out_feature=interest_out_feature,
                                 productive_output_layer_dropout=productive_output_layer_dropout,
                                 interest_output_layer_dropout=interest_output_layer_dropout, head_hidden=head_hidden,
                                 num_in_feature=num_in_feature, num_out_feature=num_out_feature, cond_dim=cond_dim,
                                 compressor_channels=compressor_channels, compressor_blocks=compressor_blocks,
                                 compressor_kernel=compressor_kernel, se_reduction=se_reduction, seed=seed,
                                 video_dim=video_dim)
        self.loss_cfg = loss
        self.register_buffer("interest_class_weight", torch.ones(interest_out_feature))
        self.register_buffer("productive_class_weight", torch.ones(productive_out_feature))
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

    # -- optimisation ----------------------------------------------------------------------
    def configure_optimizers(self) -> Any:
        from hydra.utils import instantiate

        params = [p for p in self.parameters() if p.requires_grad]
        opt_cfg = self.hparams.optimizer or {"_target_": "torch.optim.AdamW", "_partial_": True,
                                             "lr": 5e-5, "weight_decay": 1e-3}
        optimizer = instantiate(opt_cfg)(params)  # _partial_: built here, with the parameters
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
