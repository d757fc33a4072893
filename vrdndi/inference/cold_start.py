"""The feed before any model is trained: content similarity to what the user liked, else recency.

Never random: the same store and moment give the same feed. Scores are not probabilities, so the
feed rows leave ``p_interest`` / ``p_productive`` empty and the run is labelled ``cold-start``.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from vrdndi.store import INTEREST, Store, Video
from vrdndi.timeutil import parse_time

log = logging.getLogger(__name__)

DESCRIPTION_CHARS = 300


def cold_start_text(video: Video) -> str:
    """``title | channel | description[:300]``: what the sentence encoder compares."""
    description = " ".join((video.description or "").split())[:DESCRIPTION_CHARS]
    return f"{video.title or ''} | {video.channel_title or ''} | {description}"


@dataclass(frozen=True)
class ColdStartScores:
    scores: np.ndarray  # float64 [n]
    reasons: list[str]
    basis: str  # "similarity" | "recency"
    n_liked: int
    n_disliked: int


def interest_examples(store: Store) -> tuple[list[Video], list[Video]]:
    """(liked, disliked) videos from interest labels; a video with both keeps its latest label."""
    latest: dict[str, int] = {}
    for label in store.labels(INTEREST):  # oldest first, so the last one wins
        latest[label.video_id] = label.value
    videos = {v.video_id: v for v in store.videos(latest, status=None)}
    liked = [videos[i] for i in sorted(latest) if latest[i] == 1 and i in videos]
    disliked = [videos[i] for i in sorted(latest) if latest[i] == 0 and i in videos]
    return liked, disliked


def recency_scores(videos: Sequence[Video], moments: Sequence[str], days: float) -> np.ndarray:
    """1 for a video published at its moment, falling linearly to 0 at ``days`` before it."""
    window = max(float(days), 1e-9) * 86400.0
    ages = np.array([(parse_time(m) - parse_time(v.published_at)).total_seconds() if v.published_at else window
                     for v, m in zip(videos, moments, strict=True)], dtype=np.float64)
    return np.clip(1.0 - ages / window, 0.0, 1.0)


def cold_start_scores(store: Store, videos: Sequence[Video], moments: Sequence[str], *, days: float,
                      encoder_name: str = "minilm", batch_size: int = 64,
                      progress: bool = True) -> ColdStartScores:
    """Score ``videos`` by max cosine similarity to liked videos minus max similarity to disliked ones
    (SentenceEncoder over ``cold_start_text``); with no interest labels at all, by recency as of
    ``moments[i]``. Returns scores [n] in [-1, 1] (similarity) or [0, 1] (recency)."""
    liked, disliked = interest_examples(store)
    if not videos:
        return ColdStartScores(np.zeros(0), [], "similarity" if liked or disliked else "recency",
                               len(liked), len(disliked))
    if not liked and not disliked:
        scores = recency_scores(videos, moments, days)
        return ColdStartScores(scores, ["cold start: recent upload"] * len(videos), "recency", 0, 0)

    from vrdndi.features.encoder import SentenceEncoder

    encoder = SentenceEncoder.load(encoder_name)
    cand = _encode(encoder, [cold_start_text(v) for v in videos], batch_size, progress, "cold start: encode")
    scores = np.zeros(len(videos), dtype=np.float64)
    reasons = ["cold start"] * len(videos)
    if liked:
        like_sim = cand @ _encode(encoder, [cold_start_text(v) for v in liked], batch_size, False, "").T
        nearest = like_sim.argmax(axis=1)
        scores += like_sim.max(axis=1)
        reasons = [f"cold start: like {liked[j].title or liked[j].video_id!s}"[:200] for j in nearest]
    if disliked:
        dislike_sim = cand @ _encode(encoder, [cold_start_text(v) for v in disliked], batch_size, False, "").T
        scores -= dislike_sim.max(axis=1)
        if not liked:
            reasons = ["cold start: unlike what you disliked"] * len(videos)
    return ColdStartScores(np.round(scores, 6), reasons, "similarity", len(liked), len(disliked))


def _encode(encoder, texts: list[str], batch_size: int, progress: bool, desc: str) -> np.ndarray:
    from tqdm.auto import tqdm

    parts = []
    for i in tqdm(range(0, len(texts), batch_size), desc=desc, disable=not progress, unit="batch"):
        parts.append(encoder.encode(texts[i:i + batch_size], batch_size=batch_size))
    return np.concatenate(parts).astype(np.float64) if parts else np.zeros((0, encoder.dim))
