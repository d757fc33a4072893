""""Why this video now": a short reason per feed item, computed from the model, for the first page only.

Two kinds, tried in this order:
- context (hybrid / two_tower, when the feed ranks with the productive head): occlusion of the moment's
  context. The ``k`` most recent distinct (app, title) events are each dropped from the context in turn
  and P(productive) is re-scored; the event whose removal lowers it most (by at least ``min_drop``) is
  named: "you were just in code: main.rs (Work > Programming)". Work: (k + 1) contexts x page videos
  (two-tower: one compressor pass and the heads; hybrid: one encoder pass per pair).
- similar: the nearest liked video in embedding space (two-tower video embeddings, else MiniLM):
  "like 'X' you marked interesting". At most ``max_liked`` liked videos (the newest) are compared.
Items without either keep the reason they came with (the scores).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import numpy as np

from vrdndi.features.context import MomentContext
from vrdndi.inference.cold_start import interest_examples
from vrdndi.inference.embeddings import video_vectors
from vrdndi.store import FeedItem, Store, Video

MAX_REASON_CHARS = 160


def _event_key(event) -> tuple[str, str]:
    return (event.app or "", event.title or "")


def without_event(context, moment: str, key: tuple[str, str]) -> MomentContext:
    """The context of ``moment`` built by ``context`` (a ContextBuilder) as if no event with this
    (app, title) had happened: its tokens and its share of the summary are gone; 'now' stays."""
    return context.build(moment, exclude=lambda event: _event_key(event) == key)


def recent_distinct_events(ctx: MomentContext, k: int) -> list:
    """The newest event of each of the ``k`` most recent distinct (app, title) pairs, newest first."""
    seen: dict[tuple[str, str], Any] = {}
    for event, _ in reversed(ctx.events):
        if _event_key(event) not in seen:
            seen[_event_key(event)] = event
            if len(seen) == k:
                break
    return list(seen.values())


def describe_event(event) -> str:
    what = ": ".join(p for p in (event.app, event.title) if p) or "an app"
    category = f" ({event.category})" if event.category else ""
    return f"you were just in {what}{category}"[:MAX_REASON_CHARS]


def context_reasons(scorer: Any, store: Store, videos: Sequence[Video], moment: str, *, k: int = 4,
                    min_drop: float = 0.01) -> list[str | None]:
    """Occlusion reasons (or None per video where no event matters by ``min_drop``)."""
    if not videos or getattr(scorer, "arch", "base") == "base" or not hasattr(scorer, "productive_under"):
        return [None] * len(videos)
    builder = scorer.builder(store)
    ctx = builder.context.build(moment)
    events = recent_distinct_events(ctx, k)
    if not events:
        return [None] * len(videos)
    variants = [ctx] + [without_event(builder.context, moment, _event_key(e)) for e in events]
    probs = scorer.productive_under(builder, list(videos), variants)  # [1 + K, n]
    drops = probs[0][None, :] - probs[1:]  # how much P(productive) falls without each event
    best = drops.argmax(axis=0)
    return [describe_event(events[best[i]]) if drops[best[i], i] >= min_drop else None for i in range(len(videos))]


def similar_reasons(scorer: Any, store: Store, videos: Sequence[Video], *, max_liked: int = 200,
                    encoder_name: str = "minilm") -> list[str | None]:
    """"like 'X' you marked interesting" with X the nearest liked video (never the video itself)."""
    liked, _ = interest_examples(store)
    liked = sorted(liked, key=lambda v: v.published_at or "", reverse=True)[:max_liked]
    if not videos or not liked:
        return [None] * len(videos)
    page = video_vectors(videos, scorer=scorer, encoder_name=encoder_name)
    examples = video_vectors(liked, scorer=scorer, encoder_name=encoder_name)
    sim = page @ examples.T
    for i, video in enumerate(videos):
        for j, example in enumerate(liked):
            if example.video_id == video.video_id:
                sim[i, j] = -np.inf
    out: list[str | None] = []
    for i in range(len(videos)):
        j = int(np.argmax(sim[i]))
        title = liked[j].title or liked[j].video_id
        out.append(f"like '{title}' you marked interesting"[:MAX_REASON_CHARS] if np.isfinite(sim[i, j]) else None)
    return out


def explain_feed(scorer: Any, store: Store, items: Sequence[FeedItem], videos: dict[str, Video], moment: str, *,
                 mode: str, page_size: int, k_events: int = 4, min_drop: float = 0.01,
                 encoder_name: str = "minilm") -> list[FeedItem]:
    """``items`` with a model-made reason on the first ``page_size`` (the rest unchanged)."""
    page = list(items[:page_size])
    page_videos = [videos[it.video_id] for it in page]
    reasons: list[str | None] = [None] * len(page)
    if mode != "interest":
        reasons = context_reasons(scorer, store, page_videos, moment, k=k_events, min_drop=min_drop)
    if any(r is None for r in reasons):
        todo = [i for i, r in enumerate(reasons) if r is None]
        for i, reason in zip(todo, similar_reasons(scorer, store, [page_videos[i] for i in todo],
                                                   encoder_name=encoder_name)):
            reasons[i] = reason
    explained = [replace(it, reason=r) if r else it for it, r in zip(page, reasons)]
    return explained + list(items[page_size:])
