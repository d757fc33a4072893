"""The two-tower network: the video and the moment are encoded apart and meet only in small heads.

video tower:   video text -> encoder (LoRA) -> mean pool, + log-duration -> projection -> v [B, D]
               (the video alone)
context tower: app events before the moment -> SequenceCompressor (event-text embeddings + time
               features), + an MLP over the explicit context summary (features/summary.py: app and
               category shares per window, recency, session, local hour/weekday) -> c [B, D]
               (no text encoder)
heads:         interest(v);  productive([v, c, v * c]) (+ wide: a linear term of the summary in the
               productive margin; + wide_video: one of the pooled text in the interest margin; each rides
               along as one more column of c or v, so the split below and the caches carry it)
members:       fitted after training and blended into the margins (models/members.py): boosted trees over
               [PCA(pooled text), duration, category one-hot (``trees.category``), summary] in the productive
               one (``trees``, with their linear video prior ``trees.prior``), a logistic regression on [pooled
               text, duration] in the interest one (``interest_lr``); their inputs / logit ride along as the last
               columns of v and c, so every scoring path adds the same margins

Because v does not depend on the moment and c does not depend on the video, a feed can be re-ranked
for a new moment by encoding the context once and running only the heads over cached video
embeddings (inference/scorer.py does that). The batch format is the hybrid's (features/batch.py).
"""

from __future__ import annotations

from typing import Any

import torch
from torch import nn

from vrdndi.features.video import N_CATEGORIES
from vrdndi.models.backbones import build_encoder, mean_pool
from vrdndi.models.components import SequenceCompressor, interest_head, productive_head
from vrdndi.models.members import InterestLRParams, TreeMember, TreeParams


POOLED_MEMO_MAX = 100_000  # x 384-1024 floats: at most a few hundred MB for a frozen encoder


class TwoTowerNet(nn.Module):
    arch = "two_tower"
    # capabilities (what inference asks, instead of comparing names): it reads the moment's context, and
    # its video side (video_embedding, video_static) does not depend on the moment, so it can be cached
    reads_context = True
    has_video_tower = True

    def __init__(self, *, backbone: dict[str, Any], lora: dict[str, Any], full_finetune: bool = False,
                 productive_out_feature: int = 2, interest_out_feature: int = 2,
                 productive_output_layer_dropout: float = 0.1, interest_output_layer_dropout: float = 0.1,
                 head_hidden: int = 256, num_in_feature: int = 3, num_out_feature: int = 384, cond_dim: int = 1,
                 compressor_channels: int = 128, compressor_blocks: int = 2, compressor_kernel: int = 3,
                 se_reduction: int = 4, video_dim: int = 256, summary_dim: int = 0,
                 summary_dropout: float = 0.1, use_sequence: bool = True, wide: bool = False, wide_video: bool = False,
                 trees: Any = None, interest_lr: Any = None, seed: int = 0):
        super().__init__()
        self.backbone, hidden = build_encoder(backbone, lora, full_finetune=full_finetune, seed=seed)
        self.hidden = hidden
        self.video_dim = int(video_dim)
        self.cond_dim = int(cond_dim)
        # + 1: the log-duration z (a 40-minute talk and a 40-second short differ most in length)
        self.video_proj = nn.Sequential(nn.Linear(hidden + 1, self.video_dim), nn.LayerNorm(self.video_dim))
        # wide_video=true: + a linear term of the encoder's pooled text and the duration in the interest margin
        # (a logistic regression on the frozen embedding beside the interest head; zero at the start)
        self.wide_video = nn.Linear(hidden + 1, 1) if wide_video else None
        if self.wide_video is not None:
            nn.init.zeros_(self.wide_video.weight)
            nn.init.zeros_(self.wide_video.bias)
        # use_sequence=false: the context tower reads the summary only (the compressor is kept but unused)
        self.use_sequence = bool(use_sequence) or not summary_dim
        self.summary_dim = int(summary_dim)
        self.summary_mlp = (nn.Sequential(nn.LayerNorm(self.summary_dim), nn.Linear(self.summary_dim, self.video_dim),
                                          nn.SiLU(), nn.Dropout(summary_dropout),
                                          nn.Linear(self.video_dim, self.video_dim))
                            if self.summary_dim else None)
        # the AdaLN condition of the hybrid is the video's duration; here the context must not depend on the
        # video, so the condition is a constant (the AdaLN layers learn a plain affine from their bias)
        self.compressor = SequenceCompressor(num_out_feature, num_in_feature, self.video_dim,
                                             channels=compressor_channels, blocks=compressor_blocks,
                                             kernel=compressor_kernel, cond_dim=self.cond_dim,
                                             se_reduction=se_reduction)
        self.context_norm = nn.LayerNorm(self.video_dim)
        # wide=true: + a linear term of the summary straight into the productive margin (a logistic
        # regression on the context beside the deep heads); it starts at zero, so it adds only what it learns
        self.wide = nn.Linear(self.summary_dim, 1) if (wide and self.summary_dim) else None
        if self.wide is not None:
            nn.init.zeros_(self.wide.weight)
            nn.init.zeros_(self.wide.bias)
        # trees.enabled: the boosted-tree member's video inputs (a PCA of the pooled text, fitted with the
        # trees after training; zeros until then) and, once fitted, the member itself (models/members.py)
        self.tree_params = TreeParams.from_config(trees)
        self.trees: TreeMember | None = None
        if self.tree_params.enabled:
            self.register_buffer("tree_pca_mean", torch.zeros(hidden))
            self.register_buffer("tree_pca_components", torch.zeros(self.tree_params.pca, hidden))
        # interest_lr.enabled: the interest member's linear layer on [pooled text, duration] and its blend
        # weight (zero until fitted after training, so it changes nothing before)
        self.interest_lr_params = InterestLRParams.from_config(interest_lr)
        if self.interest_lr_params.enabled:
            self.register_buffer("interest_lr_weight", torch.zeros(hidden + 1))
            self.register_buffer("interest_lr_bias", torch.zeros(()))
            self.register_buffer("interest_lr_mix", torch.zeros(()))
        self._pooled_memo: dict[bytes, torch.Tensor] = {}  # frozen encoder: text tokens -> pooled output
        self.interest_head = interest_head(self.video_dim, head_hidden, interest_out_feature,
                                           interest_output_layer_dropout)
        self.productive_head = productive_head(3 * self.video_dim, head_hidden, productive_out_feature,
                                               productive_output_layer_dropout)

    def input_embeddings(self) -> nn.Module:
        return self.backbone.get_input_embeddings()

    @property
    def tree_video_dim(self) -> int:
        """Columns of the tree member's video inputs riding along in the video embedding (PCA + duration
        + the category one-hot with ``trees.category``)."""
        if not self.tree_params.enabled:
            return 0
        return self.tree_params.pca + 1 + (N_CATEGORIES if self.tree_params.category else 0)

    def category_columns(self, category: torch.Tensor | None, n: int) -> torch.Tensor:
        """The tree member's category inputs [n, C]: a one-hot of ``category`` [n] (features/video.py
        ``category_index``) with ``trees.category``, else [n, 0]."""
        if not (self.tree_params.enabled and self.tree_params.category):
            return torch.zeros((n, 0))
        if category is None:
            raise ValueError("these trees read the video's category: pass category (features/video.py category_index)")
        return torch.nn.functional.one_hot(category.long().reshape(-1), N_CATEGORIES).float()

    @property
    def _extra_video(self) -> int:
        """Columns after the embedding and before the tree inputs: the wide logit, the interest member's logit."""
        return (1 if self.wide_video is not None else 0) + (1 if self.interest_lr_params.enabled else 0)

    @property
    def video_width(self) -> int:
        """Width of what ``video_embedding`` returns: the embedding (``video_dim``) + the wide interest logit
        + the interest member's logit + the tree member's video inputs."""
        return self.video_dim + self._extra_video + self.tree_video_dim

    def set_interest_lr(self, weight: Any, bias: float, mix: float) -> None:
        """Blend a fitted interest regression (weight [H + 1] on [pooled, duration], bias) with weight ``mix``."""
        if not self.interest_lr_params.enabled:
            raise ValueError("this network was built without the interest member (model.net.interest_lr.enabled=false)")
        self.interest_lr_weight.copy_(torch.as_tensor(weight, dtype=torch.float32))
        self.interest_lr_bias.fill_(float(bias))
        self.interest_lr_mix.fill_(float(mix))

    def clear_interest_lr(self) -> None:
        if self.interest_lr_params.enabled:
            self.interest_lr_weight.zero_()
            self.interest_lr_bias.zero_()
            self.interest_lr_mix.zero_()

    def attach_trees(self, trees: TreeMember | None) -> None:
        """Blend a fitted tree member into the productive margin from now on (None: the network alone)."""
        if trees is not None and not self.tree_params.enabled:
            raise ValueError("this network was built without trees (model.net.trees.enabled=false)")
        self.trees = trees

    @property
    def reads_summary(self) -> bool:
        return self.summary_mlp is not None

    @property
    def encoder_trainable(self) -> bool:
        return any(p.requires_grad for p in self.backbone.parameters())

    def pooled_text(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        """Mean-pooled encoder output [B, H]. A frozen encoder (``lora=none``) is a fixed feature
        extractor: it runs in eval mode (no dropout) and each distinct text is encoded once per process
        (bounded memo), so an epoch after the first costs only the towers and heads."""
        if self.encoder_trainable:
            hidden = self.backbone(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
            return mean_pool(hidden, attention_mask)
        lengths = attention_mask.sum(1).tolist()
        keys = [input_ids[i, :int(n)].cpu().numpy().tobytes() for i, n in enumerate(lengths)]
        first = {k: i for i, k in reversed(list(enumerate(keys)))}  # the first row of each distinct text
        rows = [first[k] for k in dict.fromkeys(keys) if k not in self._pooled_memo]
        if rows:
            was_training = self.backbone.training
            self.backbone.eval()
            # outside inference mode: a memo filled during validation must serve the next training step
            with torch.inference_mode(False), torch.no_grad():
                ids, mask = input_ids[rows].clone(), attention_mask[rows].clone()
                pooled = mean_pool(self.backbone(input_ids=ids, attention_mask=mask).last_hidden_state, mask)
            self.backbone.train(was_training)
            for row, vector in zip(rows, pooled):
                self._pooled_memo[keys[row]] = vector.detach()
            while len(self._pooled_memo) > POOLED_MEMO_MAX:
                self._pooled_memo.pop(next(iter(self._pooled_memo)))
        return torch.stack([self._pooled_memo[k] for k in keys])

    def video_embedding(self, input_ids: torch.Tensor, attention_mask: torch.Tensor,
                        duration: torch.Tensor, category: torch.Tensor | None = None) -> torch.Tensor:
        """Token ids / mask [B, T], log-duration z [B, 1], category index [B] (read only by trees with
        ``category``) -> video embeddings [B, video_width] (the video alone; see ``_split_video``)."""
        pooled = self.pooled_text(input_ids, attention_mask)
        features = torch.cat([pooled, duration.to(pooled.dtype)], dim=-1)
        video = self.video_proj(features)
        if self.wide_video is not None:
            video = torch.cat([video, self.wide_video(features)], dim=-1)
        if self.interest_lr_params.enabled:
            logit = features.float() @ self.interest_lr_weight + self.interest_lr_bias
            video = torch.cat([video, logit.unsqueeze(-1).to(video.dtype)], dim=-1)
        if self.tree_params.enabled:
            projected = (pooled.float() - self.tree_pca_mean) @ self.tree_pca_components.T
            categories = self.category_columns(category, len(pooled)).to(video.device, video.dtype)
            video = torch.cat([video, projected.to(video.dtype), duration.to(video.dtype), categories], dim=-1)
        return video

    def context_embedding(self, ctx_emb: torch.Tensor, ctx_num: torch.Tensor, ctx_mask: torch.Tensor,
                          ctx_summary: torch.Tensor | None = None,
                          ctx_window_emb: torch.Tensor | None = None) -> torch.Tensor:
        """Event embeddings [B, L, E], numbers [B, L, 3], mask [B, L], summary [B, S] and window
        embeddings [B, W, E] (when the model reads the summary) -> context embeddings [B, D]."""
        cond = ctx_emb.new_zeros((ctx_emb.shape[0], self.cond_dim))
        context = (self.compressor(ctx_emb, ctx_num, ctx_mask, cond) if self.use_sequence
                   else ctx_emb.new_zeros((ctx_emb.shape[0], self.video_dim)))
        if self.summary_mlp is not None:
            if ctx_summary is None or ctx_window_emb is None:
                raise ValueError("this model reads the context summary: build contexts with context.summary")
            summary = torch.cat([ctx_summary, ctx_window_emb.flatten(1)], dim=-1).to(context.dtype)
            context = context + self.summary_mlp(summary)
        context = self.context_norm(context)
        if self.wide is not None:  # its logit rides along as one more column ([B, D + 1]), read by the heads
            context = torch.cat([context, self.wide(summary)], dim=-1)
        if self.tree_params.enabled and ctx_summary is not None:  # the tree member's context inputs
            context = torch.cat([context, ctx_summary.to(context.dtype)], dim=-1)
        return context

    def _split_video(self, video: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor | None, torch.Tensor | None,
                                                         torch.Tensor | None]:
        """[v (D) | wide interest logit (1)? | interest member logit (1)? | tree inputs (k + 1 (+ C))?] ->
        (v, wide logit, interest member logit, tree inputs)."""
        d = self.video_dim
        wide_end = d + (1 if self.wide_video is not None else 0)
        lr_end = wide_end + (1 if self.interest_lr_params.enabled else 0)
        return (video[..., :d], video[..., d:wide_end] if wide_end > d else None,
                video[..., wide_end:lr_end] if lr_end > wide_end else None,
                video[..., lr_end:] if self.tree_params.enabled else None)

    def _interest(self, video: torch.Tensor, wide_video: torch.Tensor | None,
                  member: torch.Tensor | None) -> torch.Tensor:
        """Interest logits: the head (+ the wide logit), blended with the interest member when fitted."""
        logits = self._add_wide(self.interest_head(video), wide_video)
        if member is None:
            return logits
        return self._blend(logits, member[..., 0], self.interest_lr_mix.to(logits.dtype))

    def _split_context(self, context: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor | None, torch.Tensor | None]:
        """[c (D) | wide productive logit (1)? | summary (S)?] -> (c, wide logit, tree inputs)."""
        d = self.video_dim
        wide_end = d + (1 if self.wide is not None else 0)
        return (context[..., :d], context[..., d:wide_end] if wide_end > d else None,
                context[..., wide_end:] if self.tree_params.enabled else None)

    def _add_trees(self, productive: torch.Tensor, video_in: torch.Tensor | None,
                   context_in: torch.Tensor | None) -> torch.Tensor:
        """Productive logits -> the blended ones: margin (1 - w) * network + w * trees (+ the video prior), when
        fitted."""
        if self.trees is None or video_in is None or context_in is None:
            return productive
        if len(context_in) != len(video_in):
            context_in = context_in.expand(len(video_in), -1)
        features = torch.cat([video_in, context_in], dim=-1).detach().float().cpu().numpy()
        margin = torch.from_numpy(self.trees.margin(features)).to(productive.device, productive.dtype)
        blended = self._blend(productive, margin, self.trees.weight)
        if self.trees.prior is None:
            return blended
        prior = torch.from_numpy(self.trees.prior_margin(features[:, :video_in.shape[-1]]))
        return blended + torch.stack([torch.zeros_like(prior), prior], dim=-1).to(blended.device, blended.dtype)

    @staticmethod
    def _blend(logits: torch.Tensor, margin: torch.Tensor, weight) -> torch.Tensor:
        """Two-class logits [B, 2] whose margin becomes (1 - weight) * theirs + weight * ``margin`` [B]."""
        member = torch.stack([torch.zeros_like(margin), margin.to(logits.dtype)], dim=-1)
        return logits * (1.0 - weight) + weight * member

    @staticmethod
    def _add_wide(productive: torch.Tensor, wide: torch.Tensor | None) -> torch.Tensor:
        if wide is None:
            return productive
        return productive + torch.cat([torch.zeros_like(wide), wide], dim=-1).to(productive.dtype)

    def heads(self, video: torch.Tensor, context: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """Late fusion: video [B, D], context [B, D] (+ the wide logit) -> (interest logits [B, 2], productive
        logits [B, 2])."""
        video, wide_video, member, video_in = self._split_video(video)
        context, wide, context_in = self._split_context(context)
        fused = torch.cat([video, context, video * context], dim=-1)
        return (self._interest(video, wide_video, member),
                self._add_trees(self._add_wide(self.productive_head(fused), wide), video_in, context_in))

    # The same heads split into a per-video part (computed once per video list) and a per-pair part, for
    # re-ranking: productive_head[0] is Linear(3D -> hidden) over [v, c, v*c] = W_v v + W_c c + W_vc (v*c) + b.
    def video_static(self, video: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """video [n, D] -> (interest logits [n, 2], productive pre-activation video part [n, hidden])."""
        video, wide_video, member, _ = self._split_video(video)
        first = self.productive_head[0]
        d = self.video_dim
        return self._interest(video, wide_video, member), video @ first.weight[:, :d].T + first.bias

    def productive_from_static(self, video_part: torch.Tensor, video: torch.Tensor,
                               context: torch.Tensor) -> torch.Tensor:
        """``heads(video, context)[1]`` from ``video_static``'s part: context [n, D] or [1, D] -> logits [n, 2]."""
        video, _, _, video_in = self._split_video(video)
        context, wide, context_in = self._split_context(context)
        first = self.productive_head[0]
        d = self.video_dim
        hidden = video_part + context @ first.weight[:, d:2 * d].T + (video * context) @ first.weight[:, 2 * d:].T
        for layer in list(self.productive_head)[1:]:  # ReLU, Dropout (eval: identity), Linear
            hidden = layer(hidden)
        return self._add_trees(self._add_wide(hidden, wide), video_in, context_in)

    def forward(self, batch: dict[str, torch.Tensor]) -> tuple[torch.Tensor, torch.Tensor]:
        video = self.video_embedding(batch["input_ids"], batch["attention_mask"], batch["duration"],
                                     batch.get("category"))
        context = self.context_embedding(batch["ctx_emb"], batch["ctx_num"], batch["ctx_mask"],
                                         batch.get("ctx_summary"), batch.get("ctx_window_emb"))
        return self.heads(video, context)
