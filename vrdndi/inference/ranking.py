"""From per-video scores to a feed: the combined score, a stable order, near-duplicate removal, optional
diversity (MMR over video embeddings) and a per-channel cap on the first page. Pure functions over
``Candidate`` rows (no store, no model).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from vrdndi.errors import VrdndiError
from vrdndi.store.schema import FeedItem, Video

SCORE_MODES = ("productive", "interest", "blend")


@dataclass(frozen=True)
class Candidate:
    """One video with its scores, as ranking sees it."""

    video_id: str
    title: str
    channel: str  # channel_id, or the channel title when the id is unknown; '' = no channel
    published_at: str  # UTC ISO ('' = unknown: sorts last among equal scores)
    score: float
    p_interest: float | None = None
    p_productive: float | None = None
    reason: str = ""

    @classmethod
    def of(cls, video: Video, score: float, *, p_interest: float | None = None,
           p_productive: float | None = None, reason: str = "") -> Candidate:
        return cls(video_id=video.video_id, title=video.title or "",
                   channel=video.channel_id or video.channel_title or "",
                   published_at=video.published_at or "", score=float(score),
                   p_interest=None if p_interest is None else float(p_interest),
                   p_productive=None if p_productive is None else float(p_productive), reason=reason)


def choose_score_mode(requested: str, n_productive_labels: int, min_productive_labels: int) -> tuple[str, str]:
    """The score to rank by and a one-line note saying why.

    With fewer productive ("right moment") labels than ``min_productive_labels`` the productive head
    has not learnt much yet, so ``productive`` and ``blend`` fall back to interest alone.
    """
    if requested not in SCORE_MODES:
        raise VrdndiError(f"feed.score={requested!r}: use one of {', '.join(SCORE_MODES)}")
    if requested != "interest" and n_productive_labels < min_productive_labels:
        return "interest", (f"ranking by interest alone: {n_productive_labels} productive labels, "
                            f"fewer than feed.min_productive_labels={min_productive_labels} "
                            f"(give 'right moment' / 'not now' feedback in the web feed)")
    if requested == "blend":
        return "blend", f"ranking by blend of interest and productive ({n_productive_labels} productive labels)"
    return requested, f"ranking by {requested} ({n_productive_labels} productive labels)"


def combine(p_interest: np.ndarray, p_productive: np.ndarray, *, mode: str,
            productive_weight: float) -> np.ndarray:
    """Combined score [n] from the two heads [n]: productive | interest | blend, where
    blend = productive_weight * p_productive + (1 - productive_weight) * p_interest."""
    p_interest = np.asarray(p_interest, dtype=np.float64)
    p_productive = np.asarray(p_productive, dtype=np.float64)
    if mode == "interest":
        return p_interest.copy()
    if mode == "productive":
        return p_productive.copy()
    if mode == "blend":
        if not 0.0 <= productive_weight <= 1.0:
            raise VrdndiError(f"feed.productive_weight={productive_weight}: must be between 0 and 1")
        return productive_weight * p_productive + (1.0 - productive_weight) * p_interest
    raise VrdndiError(f"feed.score={mode!r}: use one of {', '.join(SCORE_MODES)}")


def sort_candidates(candidates: Sequence[Candidate]) -> list[Candidate]:
    """Score descending, then newer first, then video id: the same input always gives the same order."""
    by_id = sorted(candidates, key=lambda c: c.video_id)
    by_date = sorted(by_id, key=lambda c: c.published_at, reverse=True)
    return sorted(by_date, key=lambda c: -c.score)  # sorted() is stable: ties keep the order above


def normalise_title(title: str) -> str:
    """Case-, accent- and punctuation-insensitive title: ``"Rust  2024!"`` -> ``"rust 2024"``."""
    text = unicodedata.normalize("NFKD", title or "")
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    return " ".join(re.findall(r"\w+", text))


def title_tokens(title: str) -> frozenset[str]:
    return frozenset(normalise_title(title).split())


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a and not b:
        return 0.0
    return len(a & b) / len(a | b)


def drop_near_duplicates(ranked: Sequence[Candidate], threshold: float) -> list[Candidate]:
    """Keep the first (best-ranked) of near-duplicates: the same normalised title anywhere, or the same
    channel and title-token Jaccard >= ``threshold`` (re-uploads, "(4K)" / "[remastered]" copies)."""
    kept: list[Candidate] = []
    seen_titles: set[str] = set()
    tokens_by_channel: dict[str, list[frozenset[str]]] = {}
    for cand in ranked:
        norm = normalise_title(cand.title)
        if norm and norm in seen_titles:
            continue
        tokens = frozenset(norm.split())
        if cand.channel and tokens and any(jaccard(tokens, other) >= threshold
                                           for other in tokens_by_channel.get(cand.channel, ())):
            continue
        kept.append(cand)
        if norm:
            seen_titles.add(norm)
        if cand.channel:
            tokens_by_channel.setdefault(cand.channel, []).append(tokens)
    return kept


def cap_channels_on_first_page(ranked: Sequence[Candidate], *, page_size: int, cap: int) -> list[Candidate]:
    """At most ``cap`` videos per channel among the first ``page_size``; the rest move down (in their
    order), never out. When too few channels exist to fill the page, the moved-down ones follow at once."""
    if cap <= 0 or page_size <= 0:
        return list(ranked)
    page: list[Candidate] = []
    later: list[Candidate] = []
    per_channel: Counter[str] = Counter()
    for cand in ranked:
        if len(page) < page_size and (not cand.channel or per_channel[cand.channel] < cap):
            page.append(cand)
            per_channel[cand.channel] += 1
        else:
            later.append(cand)
    return page + later


DIVERSITY_MODES = ("none", "mmr")


def mmr_order(ranked: Sequence[Candidate], vectors: dict[str, np.ndarray], *, mmr_lambda: float,
              pool: int = 500) -> list[Candidate]:
    """Maximal marginal relevance over the first ``pool`` of ``ranked`` (the rest follow unchanged).

    Each next pick maximises ``lambda * relevance - (1 - lambda) * max cosine similarity to the picks so
    far``, where relevance is the candidate's score (a probability for model feeds; not rescaled, so small
    score gaps stay small) and ``vectors`` are unit video embeddings by video id (a candidate without one
    is never penalised). Ties go to the earlier candidate, so ``mmr_lambda=1`` is exactly the input order.
    """
    if not 0.0 <= mmr_lambda <= 1.0:
        raise VrdndiError(f"feed.mmr_lambda={mmr_lambda}: must be between 0 and 1")
    head, tail = list(ranked[:pool]), list(ranked[pool:])
    if len(head) < 3 or mmr_lambda == 1.0:
        return head + tail
    relevance = np.array([c.score for c in head], dtype=np.float64)
    dim = next((len(v) for v in vectors.values()), 0)
    emb = np.zeros((len(head), max(dim, 1)), dtype=np.float64)
    for i, c in enumerate(head):
        if c.video_id in vectors:
            emb[i] = vectors[c.video_id]
    max_sim = np.zeros(len(head))
    chosen = np.zeros(len(head), dtype=bool)
    order: list[int] = []
    for _ in range(len(head)):
        gain = np.where(chosen, -np.inf, mmr_lambda * relevance - (1.0 - mmr_lambda) * max_sim)
        pick = int(np.argmax(gain))  # the first maximum: ties keep the ranked order
        order.append(pick)
        chosen[pick] = True
        max_sim = np.maximum(max_sim, emb @ emb[pick])
    return [head[i] for i in order] + tail


def rank_feed(candidates: Sequence[Candidate], *, page_size: int, per_channel_cap: int,
              near_duplicate_threshold: float, diversity: str = "none", mmr_lambda: float = 0.7,
              vectors: dict[str, np.ndarray] | None = None) -> list[FeedItem]:
    """Candidates -> feed items with ranks 1..n: sort, drop near-duplicates, diversify (``mmr``: see
    ``mmr_order``; needs ``vectors``), cap channels on page one."""
    if diversity not in DIVERSITY_MODES:
        raise VrdndiError(f"feed.diversity={diversity!r}: use one of {', '.join(DIVERSITY_MODES)}")
    ordered = sort_candidates(candidates)
    unique = drop_near_duplicates(ordered, near_duplicate_threshold)
    if diversity == "mmr":
        unique = mmr_order(unique, vectors or {}, mmr_lambda=mmr_lambda)
    final = cap_channels_on_first_page(unique, page_size=page_size, cap=per_channel_cap)
    return [FeedItem(video_id=c.video_id, rank=i, score=c.score, p_interest=c.p_interest,
                     p_productive=c.p_productive, reason=c.reason) for i, c in enumerate(final, start=1)]
