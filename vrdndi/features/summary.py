"""An explicit summary of what the person was doing before a moment, next to the event sequence.

The event sequence (features/context.py) says *what* happened, but recency, how much of the last hour
was spent in which app and whether the person just came back from a break must be inferred from it.
The summary states them directly, for several windows before the moment (default 15 min, 1 h, 6 h):

- per window: the active fraction (seconds of app events / window), the number of events (log),
  duration-weighted shares of the person's most used apps and categories (+ one "other" share each),
  duration-weighted shares of *topics*: clusters of the event-text embeddings (window titles: the
  file, the page, the chat, the game), fitted on the training contexts' texts and kept in the
  checkpoint, so a browser or a terminal is told apart by what was in it and a title never seen in
  training lands in the topic of similar ones (``topics``: K, default 16); optionally (``text``) the
  duration-weighted mean of the event-text embeddings itself;
- once: minutes since the last activity, length of the current session (events less than
  ``afk_gap_min`` apart), local time of day and day of week (sin/cos, in the configured IANA zone,
  so DST is right), weekend, and whether the moment is known at all;
- with ``recency``: *when* things happened, not only how much: per category (+ "other"), the minutes
  since it was last on screen (a call that ended ten minutes ago, mail not opened for hours); the
  minutes the newest category has held the screen (glances under two minutes at something else and
  gaps under ``afk_gap_min`` do not end it: a focus streak); and how often the category changed in the
  last 15 minutes (fragmented work).

Only events *before* the moment count, clipped at it (as in the sequence). The app/category
vocabulary is taken from the events before the training cut and kept in the checkpoint, so predict
computes exactly the same columns.
"""

from __future__ import annotations

import bisect
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta, tzinfo

import numpy as np

from vrdndi.store.schema import AppEvent
from vrdndi.timeutil import parse_time

GLOBAL_FEATURES = ("minutes_since_activity", "session_minutes", "hour_sin", "hour_cos", "weekday_sin",
                   "weekday_cos", "weekend", "has_moment")
STREAK_GLANCE = timedelta(minutes=2)  # something else on screen for less than this does not end a focus streak
SWITCH_WINDOW = timedelta(minutes=15)  # category changes counted over this window


@dataclass(frozen=True)
class SummarySpec:
    """Which columns the summary has: windows (minutes) and the app/category vocabulary (most used first)."""

    windows_min: tuple[float, ...] = (15.0, 60.0, 360.0)
    apps: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    afk_gap_min: float = 10.0
    text: bool = True  # also the duration-weighted mean event-text embedding of each window
    n_topics: int = 0  # topic shares per window (0: none); the centroids are fitted by ``fit_topics``
    topics: tuple[tuple[float, ...], ...] = ()  # [n_topics, E] unit centroids, once fitted
    recency: bool = False  # + minutes since each category, the focus streak and the category switches

    @property
    def keeps_window_texts(self) -> bool:
        """Whether each summary keeps its windows' (text ids, weights): for ``text`` and for topics."""
        return self.text or self.n_topics > 0

    @property
    def topic_dim(self) -> int:
        """Width of the topic shares (all windows), computed at batch time from the text embeddings."""
        return len(self.windows_min) * len(self.topics)

    @property
    def per_window(self) -> int:
        return 2 + (len(self.apps) + 1) + (len(self.categories) + 1)

    @property
    def recency_dim(self) -> int:
        """Width of the recency columns: one per category (+ other), the streak and the switches."""
        return len(self.categories) + 3 if self.recency else 0

    @property
    def numeric_dim(self) -> int:
        """Width of ``MomentSummary.numbers``."""
        return len(self.windows_min) * self.per_window + len(GLOBAL_FEATURES) + self.recency_dim

    def as_config(self) -> dict:
        return {"windows_min": list(self.windows_min), "apps": list(self.apps),
                "categories": list(self.categories), "afk_gap_min": self.afk_gap_min, "text": self.text,
                "n_topics": self.n_topics, "topic_centroids": [list(c) for c in self.topics],
                "recency": self.recency}

    @classmethod
    def from_config(cls, cfg: dict) -> SummarySpec:
        topics = tuple(tuple(float(x) for x in c) for c in (cfg.get("topic_centroids") or ()))
        return cls(windows_min=tuple(float(w) for w in cfg.get("windows_min", (15, 60, 360))),
                   apps=tuple(cfg.get("apps", ())), categories=tuple(cfg.get("categories", ())),
                   afk_gap_min=float(cfg.get("afk_gap_min", 10.0)), text=bool(cfg.get("text", True)),
                   n_topics=int(cfg.get("n_topics", len(topics))), topics=topics,
                   recency=bool(cfg.get("recency", False)))  # False: checkpoints from before it


def fit_topics(embeddings: np.ndarray, weights: np.ndarray, k: int, *, seed: int = 0) -> np.ndarray:
    """``k`` topic centroids [k, E] (unit length) of event-text embeddings [n, E], each text weighted by
    the seconds it was on screen: k-means on the unit sphere (scikit-learn, deterministic for a seed).
    Fewer distinct texts than ``k`` give that many topics."""
    from sklearn.cluster import KMeans

    embeddings = np.asarray(embeddings, np.float32)
    if len(embeddings) == 0 or k <= 0:
        return np.zeros((0, embeddings.shape[1] if embeddings.ndim == 2 else 0), np.float32)
    unit = embeddings / np.clip(np.linalg.norm(embeddings, axis=1, keepdims=True), 1e-12, None)
    k = min(int(k), len(unit))
    model = KMeans(n_clusters=k, n_init=4, random_state=seed).fit(unit, sample_weight=np.maximum(weights, 1e-6))
    centres = model.cluster_centers_.astype(np.float32)
    return centres / np.clip(np.linalg.norm(centres, axis=1, keepdims=True), 1e-12, None)


def topic_shares(window_text: Sequence[tuple[np.ndarray, np.ndarray]], topic_of: np.ndarray,
                 n_topics: int) -> np.ndarray:
    """Per window, the duration-weighted share of each topic: [W * n_topics] (zeros for an empty window).
    ``topic_of[text id]`` is the topic of each text of the caller's table."""
    out = np.zeros((len(window_text), n_topics), np.float32)
    for w, (ids, weights) in enumerate(window_text):
        if len(ids):
            np.add.at(out[w], topic_of[ids], weights)
    return out.reshape(-1)


def vocabulary(events: Sequence[AppEvent], *, until: str | None = None, max_apps: int = 24,
               max_categories: int = 16) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The most used apps and categories by total duration, from events that started before ``until``
    (UTC ISO; None = all): the columns of the summary's shares."""
    apps: Counter[str] = Counter()
    categories: Counter[str] = Counter()
    for event in events:
        if until and event.start >= until:
            continue
        apps[event.app or ""] += float(event.duration_s)
        categories[event.category or "Uncategorized"] += float(event.duration_s)
    top_apps = tuple(sorted(apps, key=lambda a: (-apps[a], a))[:max_apps])
    top_categories = tuple(sorted(categories, key=lambda c: (-categories[c], c))[:max_categories])
    return top_apps, top_categories


@dataclass
class MomentSummary:
    """``numbers`` [spec.numeric_dim]; ``window_text``: per window, (text indices, weights summing to 1)."""

    numbers: np.ndarray
    window_text: list[tuple[np.ndarray, np.ndarray]] = field(default_factory=list)


class Summarizer:
    """Computes ``MomentSummary`` for moments over one sorted in-memory copy of the events."""

    def __init__(self, events: Sequence[AppEvent], spec: SummarySpec, tz: tzinfo, *,
                 starts: Sequence[datetime] | None = None, ends: Sequence[datetime] | None = None,
                 min_event_s: float = 5.0):
        self.events = list(events)  # sorted by start (the ContextBuilder's order)
        self.starts = list(starts) if starts is not None else [parse_time(e.start) for e in self.events]
        self.ends = list(ends) if ends is not None else [parse_time(e.end) for e in self.events]
        self.spec = spec
        self.tz = tz
        self.min_event_s = float(min_event_s)
        self._app_index = {a: i for i, a in enumerate(spec.apps)}
        self._category_index = {c: i for i, c in enumerate(spec.categories)}
        longest = max(((e - s).total_seconds() for s, e in zip(self.starts, self.ends)), default=0.0)
        self._lookback = timedelta(minutes=max(spec.windows_min, default=60.0)) + timedelta(seconds=longest)

    def empty(self) -> MomentSummary:
        """The summary of an unknown moment (an interest label): zeros, ``has_moment`` = 0."""
        return MomentSummary(np.zeros(self.spec.numeric_dim, np.float32),
                             [(np.zeros(0, np.int64), np.zeros(0, np.float32))
                              for _ in (self.spec.windows_min if self.spec.keeps_window_texts else ())])

    def summarize(self, moment: datetime, text_id, exclude=None) -> MomentSummary:
        """``text_id(event) -> int`` maps an event to its row in the caller's text-embedding table;
        events for which ``exclude(event)`` is true are left out."""
        spec = self.spec
        lo = bisect.bisect_left(self.starts, moment - self._lookback)
        hi = bisect.bisect_left(self.starts, moment)  # started strictly before the moment
        spans = []  # (index, start, end clipped at the moment)
        for i in range(lo, hi):
            end = min(self.ends[i], moment)
            if (end - self.starts[i]).total_seconds() >= self.min_event_s and not (exclude and exclude(self.events[i])):
                spans.append((i, self.starts[i], end))
        numbers: list[float] = []
        window_text = []
        for minutes in spec.windows_min:
            begin = moment - timedelta(minutes=minutes)
            seconds_by_text: dict[int, float] = {}
            app_share = np.zeros(len(spec.apps) + 1, np.float32)
            category_share = np.zeros(len(spec.categories) + 1, np.float32)
            active = 0.0
            count = 0
            for i, start, end in spans:
                seconds = (end - max(start, begin)).total_seconds()
                if seconds <= 0:
                    continue
                event = self.events[i]
                active += seconds
                count += 1
                app_share[self._app_index.get(event.app or "", len(spec.apps))] += seconds
                category_share[self._category(i)] += seconds
                key = text_id(event)
                seconds_by_text[key] = seconds_by_text.get(key, 0.0) + seconds
            if active > 0:
                app_share /= active
                category_share /= active
            # several hosts can overlap in time: the fraction is capped at 1
            numbers += [min(1.0, active / (minutes * 60.0)), math.log1p(count) / 3.0]
            numbers += app_share.tolist() + category_share.tolist()
            ids = np.fromiter(seconds_by_text, dtype=np.int64, count=len(seconds_by_text))
            weights = np.fromiter(seconds_by_text.values(), dtype=np.float32, count=len(seconds_by_text))
            if spec.keeps_window_texts:
                window_text.append((ids, weights / weights.sum() if len(weights) else weights))
        numbers += self._globals(moment, spans)
        if spec.recency:
            numbers += self._recency(moment, spans)
        return MomentSummary(np.asarray(numbers, np.float32), window_text)

    def _category(self, index: int) -> int:
        """The column of event ``index``'s category in the shares and recency (the last one: "other")."""
        return self._category_index.get(self.events[index].category or "Uncategorized", len(self.spec.categories))

    def _recency(self, moment: datetime, spans: list[tuple[int, datetime, datetime]]) -> list[float]:
        """Minutes since each category was on screen, the newest category's streak and the category changes
        of the last 15 minutes, each as log1p(minutes or count), scaled like the globals."""
        horizon = max(self.spec.windows_min, default=60.0)
        since = np.full(len(self.spec.categories) + 1, horizon, np.float64)
        for i, _, end in spans:
            c = self._category(i)
            since[c] = min(since[c], max(0.0, (moment - end).total_seconds() / 60.0))
        newest = sorted(spans, key=lambda s: s[2], reverse=True)
        streak = 0.0
        if newest:
            focus, frontier = self._category(newest[0][0]), newest[0][2]
            gap = timedelta(minutes=self.spec.afk_gap_min)
            for i, start, end in newest:
                if end < frontier - gap:
                    break
                if self._category(i) == focus:
                    streak += (end - start).total_seconds() / 60.0
                elif end - start >= STREAK_GLANCE:
                    break
                frontier = min(frontier, start)
        recent = sorted((start, self._category(i)) for i, start, end in spans if end > moment - SWITCH_WINDOW)
        switches = sum(a[1] != b[1] for a, b in zip(recent, recent[1:]))
        return ([math.log1p(float(m)) / 6.0 for m in since]
                + [math.log1p(min(streak, horizon)) / 6.0, math.log1p(switches) / 3.0])

    def _globals(self, moment: datetime, spans: list[tuple[int, datetime, datetime]]) -> list[float]:
        horizon = max(self.spec.windows_min, default=60.0)
        if spans:
            last_end = max(end for _, _, end in spans)
            since = max(0.0, (moment - last_end).total_seconds() / 60.0)
            # the session: walk back from the newest activity while the gaps stay under afk_gap_min
            gap = timedelta(minutes=self.spec.afk_gap_min)
            session_start, frontier = last_end, last_end
            for _, start, end in sorted(spans, key=lambda s: s[2], reverse=True):
                if end < frontier - gap:
                    break
                session_start = min(session_start, start)
                frontier = min(frontier, start)
            session = (last_end - session_start).total_seconds() / 60.0
        else:
            since, session = horizon, 0.0
        local = moment.astimezone(self.tz)
        day = (local.hour * 3600 + local.minute * 60 + local.second) / 86400.0
        week = (local.weekday() + day) / 7.0
        return [math.log1p(min(since, horizon)) / 6.0, math.log1p(min(session, horizon)) / 6.0,
                math.sin(2 * math.pi * day), math.cos(2 * math.pi * day),
                math.sin(2 * math.pi * week), math.cos(2 * math.pi * week),
                1.0 if local.weekday() >= 5 else 0.0, 1.0]
