"""The dual-head networks.

``base`` (TextNet): video text -> encoder (LoRA) -> mean pool -> heads.
``hybrid`` (HybridNet): the app-event sequence of the moment is compressed to one token that is inserted after
[CLS] among the text tokens *inside* the encoder; the productive head also reads that token's output.
``two_tower``: see two_tower.py (video and context encoded apart, fused late).
"""

from __future__ import annotations

from typing import Any

import torch
from torch import nn

from vrdndi.models.backbones import build_encoder, mean_pool
from vrdndi.models.components import SequenceCompressor, interest_head, productive_head


class VrdndiNet(nn.Module):
    def __init__(self, *, arch: str, backbone: dict[str, Any], lora: dict[str, Any], full_finetune: bool = False,
                 productive_out_feature: int = 2, interest_out_feature: int = 2,
                 productive_output_layer_dropout: float = 0.1, interest_output_layer_dropout: float = 0.1,
                 head_hidden: int = 256, num_in_feature: int = 3, num_out_feature: int = 384, cond_dim: int = 1,
                 compressor_channels: int = 128, compressor_blocks: int = 2, compressor_kernel: int = 3,
                 se_reduction: int = 4, summary_dim: int = 0, summary_dropout: float = 0.1, seed: int = 0):
        super().__init__()
        if arch not in ("base", "hybrid"):
            raise ValueError(f"unknown arch {arch!r}")
        self.arch = arch
        self.backbone, hidden = build_encoder(backbone, lora, full_finetune=full_finetune, seed=seed)
        self.hidden = hidden
        if arch == "hybrid":
            self.compressor = SequenceCompressor(num_out_feature, num_in_feature, hidden,
                                                 channels=compressor_channels, blocks=compressor_blocks,
                                                 kernel=compressor_kernel, cond_dim=cond_dim,
                                                 se_reduction=se_reduction)
        head_in = hidden * 2 if arch == "hybrid" else hidden
        self.summary_dim = int(summary_dim) if arch == "hybrid" else 0
        # the explicit context summary reaches the productive head directly (features/summary.py)
        self.summary_proj = (nn.Sequential(nn.LayerNorm(self.summary_dim), nn.Linear(self.summary_dim, hidden),
                                           nn.SiLU(), nn.Dropout(summary_dropout))
                             if self.summary_dim else None)
        head_in += hidden if self.summary_proj is not None else 0
        self.productive_head = productive_head(head_in, head_hidden, productive_out_feature,
                                               productive_output_layer_dropout)
        self.interest_head = interest_head(hidden, head_hidden, interest_out_feature, interest_output_layer_dropout)

    # capabilities (class-level: training asks before building): see TextNet / HybridNet
    reads_context = False
    has_video_tower = False  # the text encoder also reads the context token: nothing per video to cache

    @property
    def reads_summary(self) -> bool:
        return self.summary_proj is not None

    def input_embeddings(self) -> nn.Module:
        return self.backbone.get_input_embeddings()

    def encode(self, batch: dict[str, torch.Tensor]) -> tuple[torch.Tensor, torch.Tensor | None]:
        """Returns (pooled text [B, H], context-token output [B, H] or None)."""
        input_ids, mask = batch["input_ids"], batch["attention_mask"]
        embeds = self.input_embeddings()(input_ids)
        if self.arch == "hybrid":
            token = self.compressor(batch["ctx_emb"], batch["ctx_num"], batch["ctx_mask"], batch["duration"])
            embeds = torch.cat([embeds[:, :1], token.unsqueeze(1).to(embeds.dtype), embeds[:, 1:]], dim=1)
            mask = torch.cat([mask[:, :1], torch.ones_like(mask[:, :1]), mask[:, 1:]], dim=1)
        hidden = self.backbone(inputs_embeds=embeds, attention_mask=mask).last_hidden_state
        pooled = mean_pool(hidden, mask)
        return pooled, (hidden[:, 1] if self.arch == "hybrid" else None)

    def forward(self, batch: dict[str, torch.Tensor]) -> tuple[torch.Tensor, torch.Tensor]:
        """Returns (interest logits [B, 2], productive logits [B, 2])."""
        pooled, ctx = self.encode(batch)
        parts = [pooled] if ctx is None else [pooled, ctx]
        if self.summary_proj is not None:
            summary = torch.cat([batch["ctx_summary"], batch["ctx_window_emb"].flatten(1)], dim=-1)
            parts.append(self.summary_proj(summary.to(pooled.dtype)))
        productive_in = torch.cat(parts, dim=-1)
        return self.interest_head(pooled), self.productive_head(productive_in)


class TextNet(VrdndiNet):
    """``model=base``: the video text only (no context)."""

    reads_context = False

    def __init__(self, **kwargs: Any):
        super().__init__(arch="base", **kwargs)


class HybridNet(VrdndiNet):
    """``model=hybrid``: a context token inside the encoder, the summary at the productive head."""

    reads_context = True

    def __init__(self, **kwargs: Any):
        super().__init__(arch="hybrid", **kwargs)
