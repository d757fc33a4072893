"""Restore a trained LightningModule from its checkpoint in a fresh process.

The checkpoint holds the config it was trained with (``hyper_parameters``: the module's arguments, the
network under ``net`` with its own ``_target_``), the trained weights (adapters, heads, compressor,
projector; the frozen pretrained backbone weights are reloaded from the backbone id), and the EMA-F1
state. Scoring with it is inference's job (vrdndi/inference/scorer.py).
"""

from __future__ import annotations

import inspect
import pickle
from pathlib import Path
from typing import Any

import torch

from vrdndi.errors import NotAvailableError, VrdndiError
from vrdndi.models.module import VrdndiModule


def merge_adapters(module: VrdndiModule) -> None:
    """Fold LoRA adapters into the backbone weights for inference: the same function, without the
    extra low-rank matmuls on every linear layer (measured: scoring 0.72x -> 1.0x the raw backbone)."""
    backbone = module.net.backbone
    if hasattr(backbone, "merge_and_unload"):
        module.net.backbone = backbone.merge_and_unload()


# the network classes of the checkpoints written before model configs had their own net._target_
_LEGACY_NETS = {"base": "vrdndi.models.network.TextNet", "hybrid": "vrdndi.models.network.HybridNet",
                "two_tower": "vrdndi.models.two_tower.TwoTowerNet"}
# the module's own arguments (everything else in a flat checkpoint belongs to the network)
_MODULE_ARGS = frozenset(inspect.signature(VrdndiModule.__init__).parameters) - {"self", "net"}


def upgrade_hparams(hparams: dict[str, Any]) -> dict[str, Any]:
    """A checkpoint's hyper_parameters as today's VrdndiModule takes them. Checkpoints from before the
    nested model config are flat (``arch`` plus the network's keys next to the module's): their network
    keys move under ``net`` with the class ``arch`` named."""
    if "net" in hparams or "arch" not in hparams:
        return hparams
    arch = hparams.pop("arch")
    if arch not in _LEGACY_NETS:
        raise VrdndiError(f"checkpoint names an unknown model {arch!r}")
    net = {"_target_": _LEGACY_NETS[arch]}
    for key in [k for k in hparams if k not in _MODULE_ARGS]:
        net[key] = hparams.pop(key)
    if arch != "two_tower":
        net.pop("video_dim", None)
        net.pop("use_sequence", None)
    return {**hparams, "net": net}


def load_module(path: str | Path, *, device: str = "cpu") -> tuple[VrdndiModule, dict[str, Any]]:
    path = Path(path)
    if not path.is_file():
        raise VrdndiError(f"checkpoint {path} does not exist")
    try:  # weights_only: unpickling a file from elsewhere (an imported export) must not run its code
        ckpt = torch.load(path, map_location=device, weights_only=True)
    except pickle.UnpicklingError as exc:
        raise VrdndiError(f"checkpoint {path} holds objects other than tensors and plain values; refused "
                          "(vrdndi's training never writes those)") from exc
    except Exception as exc:  # truncated or not a checkpoint
        raise VrdndiError(f"checkpoint {path} cannot be read ({type(exc).__name__}: {exc})") from exc
    if not isinstance(ckpt, dict) or "hyper_parameters" not in ckpt or "state_dict" not in ckpt:
        raise VrdndiError(f"{path} is not a vrdndi checkpoint (no hyper_parameters/state_dict)")
    hparams = upgrade_hparams(dict(ckpt["hyper_parameters"]))
    hparams["compile_model"] = False
    try:
        module = VrdndiModule(**hparams)
    except NotAvailableError:
        raise
    except ValueError as exc:  # e.g. a net._target_ outside vrdndi.models
        raise VrdndiError(f"checkpoint {path}: {exc}") from exc
    try:
        module.on_load_checkpoint(ckpt)  # the boosted-tree member, when the checkpoint has one
    except ValueError as exc:
        raise VrdndiError(f"checkpoint {path}: {exc}") from exc
    missing, unexpected = module.load_state_dict(ckpt["state_dict"], strict=False)
    frozen = module.frozen_backbone_keys()
    # a checkpoint from before the validation-chosen threshold decides at the untuned 0 (the buffer's default)
    really_missing = [k for k in missing if k not in frozen and k != "productive_logit_offset"]
    if really_missing or unexpected:
        raise VrdndiError(f"checkpoint {path} does not match its model: missing {really_missing[:3]}, "
                          f"unexpected {list(unexpected)[:3]}")
    module.eval().to(device)
    return module, ckpt


def best_score(ckpt: dict[str, Any]) -> float | None:
    for key, state in (ckpt.get("callbacks") or {}).items():
        if "EmaF1Checkpoint" in str(key) and isinstance(state, dict):
            return state.get("best_score")
    return None
