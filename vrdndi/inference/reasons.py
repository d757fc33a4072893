""""Why this video now": a short, true reason for every feed item, in words (never raw numbers).

The reason follows the scores the feed was ranked by (``p_interest``, ``p_productive``; ``p >= 0.5`` is the
model's own decision, its threshold is already subtracted) and the score mode (``interest`` when the feed
ranks by interest alone, else ``productive`` / ``blend``):

- **moment**: the model says it is the right moment (``p_productive >= 0.5``) and the scorer reads the
  context: occlusion names the activity that raised the score. The ``k`` most recent distinct (app, title)
  events are each dropped from the context in turn and P(productive) re-scored; the event whose removal
  lowers it most (by at least ``min_drop``) is named: "Right moment: you were just in code: main.rs
  (Work > Programming)". No single event matters that much: "Right moment for it, by your recent activity
  and the time of day".
- **wrong moment**: a video you would like (``p_interest >= 0.5``) at the wrong time
  (``p_productive < 0.5``): "Good video, wrong moment: ...", naming the activity that lowered the score most
  when one did.
- **interest**: only when interest is what ranked it (the feed ranks by interest alone, or the scorer has no
  view of the moment): the most similar video you liked when it really is similar (MiniLM cosine
  >= ``min_similarity``): "Like 'X', which you marked interesting"; else "Close to what you marked interesting".
- **weak**: neither head is for it: "A weaker match, shown because few new videos fit better".

The first ``page_size`` items get the model-made kinds (occlusion, nearest liked video); the rest get the
same words from their scores alone (no model call), so a card after **Load more** is as honest.
Work for page one: (k + 1) contexts x page videos (two-tower: one compressor pass and the heads; hybrid:
one encoder pass per pair), and one MiniLM pass over videos not in the text-embedding cache.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from vrdndi.features.context import MomentContext
from vrdndi.store import FeedItem, Store, Video

MAX_REASON_CHARS = 160
DECISION = 0.5  # p >= 0.5 is the model's decision (its validation-chosen threshold is already subtracted)
MIN_SIMILARITY = 0.6  # MiniLM cosine below this is not "like X" (a ramen recipe is not like a DnB mix)

# the words each kind opens with (the web page styles by kind; tests check the kind against the scores)
MOMENT = "Right moment"
WRONG_MOMENT = "Good video, wrong moment"
LIKE = "Like '"
CLOSE = "Close to what you marked interesting"
WEAK = "A weaker match"

_RAW = re.compile(r"^(?P<mode>blend|productive|interest): interest (?P<pi>[0-9.]+), right moment (?P<pp>[0-9.]+)$")


@dataclass(frozen=True)
class Scores:
    """What a reason must agree with."""

    p_interest: float | None
    p_productive: float | None
    mode: str  # interest | productive | blend
    reads_context: bool = True  # the scorer's "right moment" depends on the moment's activity

    @property
    def ranks_by_moment(self) -> bool:
        return self.mode != "interest" and self.p_productive is not None

    @property
    def right_moment(self) -> bool:
        return self.ranks_by_moment and float(self.p_productive) >= DECISION

    @property
    def interesting(self) -> bool:
        return self.p_interest is not None and float(self.p_interest) >= DECISION


def reason_kind(reason: str) -> str:
    """``moment`` | ``wrong_moment`` | ``interest`` | ``weak`` | ``other`` (cold start's own words)."""
    if reason.startswith(MOMENT):
        return "moment"
    if reason.startswith(WRONG_MOMENT):
        return "wrong_moment"
    if reason.startswith(LIKE) or reason.startswith(CLOSE):
        return "interest"
    if reason.startswith(WEAK):
        return "weak"
    return "other"


def agrees(reason: str, scores: Scores) -> bool:
    """Does ``reason`` say what ``scores`` say? (The promise the tests check for every card.)"""
    kind = reason_kind(reason)
    if kind == "moment":
        return scores.right_moment
    if kind == "wrong_moment":
        return scores.ranks_by_moment and not scores.right_moment and scores.interesting
    if kind == "interest":
        return scores.interesting and not scores.ranks_by_moment
    if kind == "weak":
        return not scores.interesting and not scores.right_moment
    return False


def from_scores(scores: Scores) -> str:
    """The reason in words from the scores alone (no model call)."""
    if scores.right_moment:
        if not scores.reads_context:
            return f"{MOMENT} for it, by your answers for videos like it"
        return f"{MOMENT} for it, by your recent activity and the time of day"
    if scores.ranks_by_moment and scores.interesting:
        return f"{WRONG_MOMENT}: worth keeping for later"
    if scores.interesting:
        return CLOSE
    return f"{WEAK}, shown because few new videos fit better"


def readable(reason: str, *, p_interest: float | None = None, p_productive: float | None = None) -> str:
    """A stored reason for people: a raw score line (``blend: interest 0.97, right moment 0.15``, as older
    feeds stored it) becomes words that agree with it; anything else is returned as it is."""
    match = _RAW.match(reason or "")
    if not match:
        return reason or ""
    return from_scores(Scores(float(match["pi"]), float(match["pp"]), match["mode"]))


# -- occlusion: which activity of the moment moved the "right moment" score --------------------------
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


MAX_EVENT_TITLE = 40  # a window title is often long ("test_db.py - vrdndi - Visual Studio Code"): its start says it


def describe_event(event) -> str:
    """``code: main.rs (Work > Programming)``; a long title is cut at a word with "…"."""
    title = (event.title or "").strip()
    if len(title) > MAX_EVENT_TITLE:
        title = title[:MAX_EVENT_TITLE].rsplit(" ", 1)[0].rstrip(" -—|:") + "…"
    what = ": ".join(p for p in (event.app, title) if p) or "an app"
    category = f" ({event.category})" if event.category and event.category != "Uncategorized" else ""
    return f"{what}{category}"


def occlusion(scorer: Any, store: Store, videos: Sequence[Video], moment: str, *,
              k: int = 4) -> tuple[list, np.ndarray] | None:
    """(events, drops [len(events), len(videos)]): how much P(productive) falls when each of the ``k``
    most recent distinct events is left out of the context (negative: the event lowered the score).
    None when the scorer does not read the context or the moment has no events."""
    if not videos or not getattr(scorer, "reads_context", False) or not hasattr(scorer, "productive_under"):
        return None
    builder = scorer.builder(store)
    ctx = builder.context.build(moment)
    events = recent_distinct_events(ctx, k)
    if not events:
        return None
    variants = [ctx] + [without_event(builder.context, moment, _event_key(e)) for e in events]
    probs = scorer.productive_under(builder, list(videos), variants)  # [1 + K, n]
    return events, probs[0][None, :] - probs[1:]


def context_reasons(scorer: Any, store: Store, videos: Sequence[Video], moment: str, *, k: int = 4,
                    min_drop: float = 0.01) -> list[str | None]:
    """"Right moment: you were just in X" per video, naming the event whose removal lowers P(productive)
    most (by at least ``min_drop``); None where no event matters that much."""
    found = occlusion(scorer, store, videos, moment, k=k)
    if found is None:
        return [None] * len(videos)
    events, drops = found
    best = drops.argmax(axis=0)
    return [f"{MOMENT}: you were just in {describe_event(events[best[i]])}"[:MAX_REASON_CHARS]
            if drops[best[i], i] >= min_drop else None for i in range(len(videos))]


def similar_reasons(scorer: Any, store: Store, videos: Sequence[Video], *, max_liked: int = 200,
                    encoder_name: str = "minilm", min_similarity: float = MIN_SIMILARITY) -> list[str | None]:
    """"Like 'X', which you marked interesting" with X the liked video nearest in MiniLM space (never the
    video itself), or None where no liked video is at least ``min_similarity`` alike."""
    from vrdndi.inference.cold_start import interest_examples
    from vrdndi.inference.embeddings import text_vectors

    del scorer  # similarity of content, in the sentence encoder's space (the model's own space is not cosine-calibrated)
    liked, _ = interest_examples(store)
    liked = sorted(liked, key=lambda v: v.published_at or "", reverse=True)[:max_liked]
    if not videos or not liked:
        return [None] * len(videos)
    vectors = text_vectors([*videos, *liked], encoder_name=encoder_name)
    page, examples = vectors[:len(videos)], vectors[len(videos):]
    sim = page @ examples.T
    for i, video in enumerate(videos):
        for j, example in enumerate(liked):
            if example.video_id == video.video_id or (example.title and example.title == video.title):
                sim[i, j] = -np.inf
    out: list[str | None] = []
    for i in range(len(videos)):
        j = int(np.argmax(sim[i]))
        title = liked[j].title or liked[j].video_id
        ok = np.isfinite(sim[i, j]) and sim[i, j] >= min_similarity
        out.append(f"{LIKE}{title}', which you marked interesting"[:MAX_REASON_CHARS] if ok else None)
    return out


def explain_feed(scorer: Any, store: Store, items: Sequence[FeedItem], videos: dict[str, Video], moment: str, *,
                 mode: str, page_size: int, k_events: int = 4, min_drop: float = 0.01,
                 encoder_name: str = "minilm") -> list[FeedItem]:
    """``items`` with a reason that agrees with their scores: model-made on the first ``page_size``
    (occlusion of the moment's context, nearest liked video), from the scores alone on the rest."""
    reads_context = bool(getattr(scorer, "reads_context", False))
    scores = [Scores(it.p_interest, it.p_productive, mode, reads_context) for it in items]
    reasons = [from_scores(s) for s in scores]
    page = list(range(min(page_size, len(items))))
    page_videos = [videos[items[i].video_id] for i in page]

    moment_rows = [i for i in page if scores[i].right_moment]
    wrong_rows = [i for i in page if scores[i].ranks_by_moment and not scores[i].right_moment
                  and scores[i].interesting]
    found = occlusion(scorer, store, page_videos, moment, k=k_events) if (moment_rows or wrong_rows) else None
    if found is not None:
        events, drops = found
        for i in moment_rows:
            best = int(drops[:, i].argmax())
            if drops[best, i] >= min_drop:
                reasons[i] = f"{MOMENT}: you were just in {describe_event(events[best])}"[:MAX_REASON_CHARS]
        for i in wrong_rows:
            worst = int(drops[:, i].argmin())
            if -drops[worst, i] >= min_drop:
                reasons[i] = f"{WRONG_MOMENT}: not while you are in {describe_event(events[worst])}"[
                    :MAX_REASON_CHARS]

    interest_rows = [i for i in page if scores[i].interesting and not scores[i].ranks_by_moment]
    if interest_rows:
        similar = similar_reasons(scorer, store, [page_videos[i] for i in interest_rows], encoder_name=encoder_name)
        for i, reason in zip(interest_rows, similar):
            if reason:
                reasons[i] = reason
    return [replace(it, reason=r) for it, r in zip(items, reasons)]
