"""(video, moment) -> model input tensors. Used by training and by inference alike, so both see the
same features.

A batch is a dict: ``input_ids``/``attention_mask`` [B, T]; ``duration`` [B, 1] (log-duration z, the
AdaLN condition); ``category`` [B] (the YouTube category's index, features/video.py ``category_index``);
``interest``/``productive`` [B] targets (``ignore_index`` where unknown); with context: ``ctx_emb``
[B, L, E], ``ctx_num`` [B, L, 3], ``ctx_mask`` [B, L]; with the context summary (features/summary.py):
``ctx_summary`` [B, S] and ``ctx_window_emb`` [B, W, E].
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch

from vrdndi.features.context import NUM_FEATURES, ContextBuilder, MomentContext
from vrdndi.features.summary import topic_shares
from vrdndi.features.video import TEXT_FORMAT, category_index, duration_z, video_text
from vrdndi.store.schema import Video


@dataclass
class Item:
    text: str
    duration: float
    context: MomentContext | None
    interest: int = -100
    productive: int = -100
    category: int = 0  # features/video.py category_index (0: none)


class BatchBuilder:
    def __init__(self, tokenizer, *, max_length: int, context: ContextBuilder | None = None,
                 ignore_index: int = -100, text: dict | None = None):
        self.tokenizer = tokenizer
        self.text = dict(TEXT_FORMAT if text is None else text)  # video_text's options (data.video_text)
        self.max_length = int(max_length)
        self.context = context
        self.ignore_index = ignore_index
        self._topic_cache: tuple | None = None  # (text table, centroids, topic of each text)

    def item(self, video: Video, moment: str | None, *, interest: int | None = None,
             productive: int | None = None) -> Item:
        ctx = self.context.build(moment) if self.context is not None else None
        return Item(self.video_text(video), duration_z(video.duration_s), ctx,
                    self.ignore_index if interest is None else int(interest),
                    self.ignore_index if productive is None else int(productive), category_index(video))

    def video_text(self, video: Video) -> str:
        return video_text(video, **self.text)

    def collate(self, items: list[Item]) -> dict[str, torch.Tensor]:
        enc = self.tokenizer([it.text for it in items], padding=True, truncation=True,
                             max_length=self.max_length, return_tensors="pt")
        batch = {"input_ids": enc["input_ids"], "attention_mask": enc["attention_mask"],
                 "duration": torch.tensor([[it.duration] for it in items], dtype=torch.float32),
                 "category": torch.tensor([it.category for it in items], dtype=torch.long),
                 "interest": torch.tensor([it.interest for it in items], dtype=torch.long),
                 "productive": torch.tensor([it.productive for it in items], dtype=torch.long)}
        if self.context is not None:
            batch.update(self.context_batch([it.context for it in items]))
        return batch

    def context_batch(self, contexts: list[MomentContext]) -> dict[str, torch.Tensor]:
        """Contexts -> ``ctx_emb`` [B, L, E], ``ctx_num`` [B, L, 3], ``ctx_mask`` [B, L] (zero-padded)."""
        table = self.context.embeddings()
        length = max(1, max(len(c) for c in contexts))
        emb = np.zeros((len(contexts), length, table.shape[1]), dtype=np.float32)
        num = np.zeros((len(contexts), length, NUM_FEATURES), dtype=np.float32)
        mask = np.zeros((len(contexts), length), dtype=np.float32)
        for row, ctx in enumerate(contexts):
            n = len(ctx)
            if n:
                emb[row, :n] = table[ctx.text_ids]
                num[row, :n] = ctx.numbers
                mask[row, :n] = 1.0
        out = {"ctx_emb": torch.from_numpy(emb), "ctx_num": torch.from_numpy(num),
               "ctx_mask": torch.from_numpy(mask)}
        if contexts and contexts[0].summary is not None:
            out.update(self.summary_batch([c.summary for c in contexts], table))
        return out

    def summary_batch(self, summaries: list, table: np.ndarray) -> dict[str, torch.Tensor]:
        """Summaries -> ``ctx_summary`` [B, S + W * K] (the numbers, then each window's topic shares when
        the spec has topics) and ``ctx_window_emb`` [B, W, E] (duration-weighted mean event-text
        embedding of each window when ``spec.text``, else W = 0; zeros for an empty window)."""
        spec = self.context.summarizer.spec
        numbers = np.stack([s.numbers for s in summaries]).astype(np.float32)
        if spec.topics:
            topic_of = self._topics_of(table, spec)
            shares = np.stack([topic_shares(s.window_text, topic_of, len(spec.topics)) for s in summaries])
            numbers = np.concatenate([numbers, shares], axis=1)
        windows = len(spec.windows_min) if spec.text else 0
        emb = np.zeros((len(summaries), windows, table.shape[1]), dtype=np.float32)
        for row, summary in enumerate(summaries if windows else ()):
            for w, (ids, weights) in enumerate(summary.window_text):
                if len(ids):
                    emb[row, w] = weights @ table[ids]
        return {"ctx_summary": torch.from_numpy(numbers), "ctx_window_emb": torch.from_numpy(emb)}

    def _topics_of(self, table: np.ndarray, spec) -> np.ndarray:
        """The topic (nearest centroid by cosine) of every text of the table, computed once per table."""
        cached = self._topic_cache
        if cached is not None and cached[0] is table and cached[1] is spec.topics:
            return cached[2]
        centres = np.asarray(spec.topics, np.float32)
        topic_of = np.argmax(table @ centres.T, axis=1) if len(table) else np.zeros(0, np.int64)
        self._topic_cache = (table, spec.topics, topic_of)
        return topic_of
