"""Building blocks of the context compressor and the heads."""

from __future__ import annotations

import torch
from torch import nn
from torch.nn import functional as F


class AdaLN(nn.Module):
    """LayerNorm over channels whose scale/shift come from a condition (zero-initialised, so it starts
    as a plain LayerNorm). x: [B, C, L], cond: [B, cond_dim]."""

    def __init__(self, channels: int, cond_dim: int):
        super().__init__()
        self.norm = nn.LayerNorm(channels, elementwise_affine=False)
        self.to_scale_shift = nn.Linear(cond_dim, 2 * channels)
        nn.init.zeros_(self.to_scale_shift.weight)
        nn.init.zeros_(self.to_scale_shift.bias)

    def forward(self, x: torch.Tensor, cond: torch.Tensor) -> torch.Tensor:
        scale, shift = self.to_scale_shift(cond).unsqueeze(-1).chunk(2, dim=1)
        x = self.norm(x.transpose(1, 2)).transpose(1, 2)
        return x * (1 + scale) + shift


class SqueezeExcite(nn.Module):
    """Channel gating from the masked mean over the sequence. x: [B, C, L], mask: [B, 1, L]."""

    def __init__(self, channels: int, reduction: int = 4):
        super().__init__()
        hidden = max(4, channels // reduction)
        self.fc1 = nn.Linear(channels, hidden)
        self.fc2 = nn.Linear(hidden, channels)

    def forward(self, x: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        pooled = (x * mask).sum(-1) / mask.sum(-1).clamp(min=1.0)
        gate = torch.sigmoid(self.fc2(F.silu(self.fc1(pooled))))
        return x * gate.unsqueeze(-1)


class ResBlock1d(nn.Module):
    """Pre-activation residual block: AdaLN -> SiLU -> conv -> AdaLN -> SiLU -> conv -> SE, + skip.
    Padding positions are zeroed before every conv so they never leak into real ones."""

    def __init__(self, channels: int, cond_dim: int, kernel: int = 3, se_reduction: int = 4):
        super().__init__()
        self.norm1 = AdaLN(channels, cond_dim)
        self.conv1 = nn.Conv1d(channels, channels, kernel, padding=kernel // 2)
        self.norm2 = AdaLN(channels, cond_dim)
        self.conv2 = nn.Conv1d(channels, channels, kernel, padding=kernel // 2)
        self.se = SqueezeExcite(channels, se_reduction)

    def forward(self, x: torch.Tensor, cond: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        h = self.conv1(F.silu(self.norm1(x, cond)) * mask)
        h = self.conv2(F.silu(self.norm2(h, cond)) * mask)
        return (x + self.se(h, mask)) * mask


class SequenceCompressor(nn.Module):
    """App-event sequence -> one token of the encoder's width.

    emb: [B, L, E] event-text embeddings, num: [B, L, 3] numbers, mask: [B, L] (1 = real event),
    cond: [B, cond_dim] (log video duration z). Returns [B, hidden]. A moment with no events gets a
    learned "no context" token. Pooling is attention over real positions only (padding masked out).
    """

    def __init__(self, embed_dim: int, num_features: int, hidden: int, *, channels: int = 128,
                 blocks: int = 2, kernel: int = 3, cond_dim: int = 1, se_reduction: int = 4):
        super().__init__()
        self.text_proj = nn.Linear(embed_dim, channels)
        self.num_proj = nn.Linear(num_features, channels)
        self.blocks = nn.ModuleList(ResBlock1d(channels, cond_dim, kernel, se_reduction) for _ in range(blocks))
        self.out_norm = nn.LayerNorm(channels)
        self.pool_score = nn.Linear(channels, 1)
        self.projector = nn.Linear(channels, hidden)
        self.empty = nn.Parameter(torch.zeros(channels))

    def forward(self, emb: torch.Tensor, num: torch.Tensor, mask: torch.Tensor, cond: torch.Tensor) -> torch.Tensor:
        m = mask.to(emb.dtype)
        x = (self.text_proj(emb) + self.num_proj(num)).transpose(1, 2) * m.unsqueeze(1)  # [B, C, L]
        for block in self.blocks:
            x = block(x, cond, m.unsqueeze(1))
        x = self.out_norm(x.transpose(1, 2))  # [B, L, C]
        scores = self.pool_score(x).squeeze(-1).masked_fill(m == 0, float("-inf"))
        has_any = m.sum(-1, keepdim=True) > 0
        weights = torch.softmax(torch.where(has_any, scores, torch.zeros_like(scores)), dim=-1) * m
        pooled = (weights.unsqueeze(-1) * x).sum(1)
        pooled = torch.where(has_any, pooled, self.empty.expand_as(pooled))
        return self.projector(pooled)


class SwiGLU(nn.Module):
    def __init__(self, dim_in: int, hidden: int):
        super().__init__()
        self.gate = nn.Linear(dim_in, hidden)
        self.up = nn.Linear(dim_in, hidden)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return F.silu(self.gate(x)) * self.up(x)


def productive_head(dim_in: int, hidden: int, out: int, dropout: float) -> nn.Module:
    """Linear - ReLU - Dropout - Linear."""
    return nn.Sequential(nn.Linear(dim_in, hidden), nn.ReLU(), nn.Dropout(dropout), nn.Linear(hidden, out))


def interest_head(dim_in: int, hidden: int, out: int, dropout: float) -> nn.Module:
    """SwiGLU - Dropout - Linear."""
    return nn.Sequential(SwiGLU(dim_in, hidden), nn.Dropout(dropout), nn.Linear(hidden, out))
