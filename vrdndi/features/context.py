"""The context of a moment: the app events in the hours *before* it, as model inputs.

Each event becomes a token: the sentence embedding of ``"category | app | title"`` (frozen encoder,
cached by content) plus numbers ``[time-of-day sin, time-of-day cos, log-duration z]`` in the
configured time zone. Events are clipped at the moment (an event still running is cut there), so no
information after the moment reaches its features. A final ``now`` token carries the moment's own
time of day. A moment of ``None`` (an interest label whose moment is unknown) has no tokens.
"""

from __future__ import annotations

import bisect
import logging
import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo
from pathlib import Path
from typing import Any

import numpy as np

from vrdndi.errors import VrdndiError
from vrdndi.features.summary import MomentSummary, Summarizer, SummarySpec, vocabulary
from vrdndi.features.zone import ZoneChoice, resolve_for_events
from vrdndi.store import Store
from vrdndi.store.cache import EmbeddingCache, content_key
from vrdndi.store.schema import AppEvent
from vrdndi.timeutil import get_tz, parse_time, time_of_day

log = logging.getLogger(__name__)

NUM_FEATURES = 3
NOW_TEXT = "now"
LOG_EVENT_MEAN = math.log1p(300.0)  # fixed constants (see features/video.py)
LOG_EVENT_STD = 1.5


def event_text(event: AppEvent) -> str:
    return " | ".join([event.category or "Uncategorized", event.app or "", event.title or ""])


@dataclass
class MomentContext:
    """Indices into the builder's text table ``[L]`` and numbers ``[L, 3]`` (oldest first)."""

    text_ids: np.ndarray
    numbers: np.ndarray
    events: list[tuple[AppEvent, float]]  # the clipped events behind the tokens (for explanations)
    summary: MomentSummary | None = None  # the explicit summary (features/summary.py), when configured

    def __len__(self) -> int:
        return len(self.text_ids)


class ContextBuilder:
    """Builds ``MomentContext`` for moments from one in-memory copy of the store's events.

    ``texts`` / ``embeddings()`` hold every distinct token text seen so far; each text is encoded once.
    """

    def __init__(self, events: list[AppEvent], *, window_hours: float = 6, max_events: int = 64,
                 min_event_s: float = 5, tz: str | tzinfo | None = None, encoder=None,
                 cache_path: str | Path | None = None, cache_max_rows: int = 200_000,
                 summary: SummarySpec | None = None):
        self.events = sorted(events, key=lambda e: e.start)
        self._starts = [parse_time(e.start) for e in self.events]
        self._ends = [parse_time(e.end) for e in self.events]
        # events may overlap (several hosts); a running max of ends bounds the backwards scan
        self.window = timedelta(hours=float(window_hours))
        self.max_events = int(max_events)
        self.min_event_s = float(min_event_s)
        self.tz = tz if isinstance(tz, tzinfo) else get_tz(tz)
        self.zone_choice: ZoneChoice | None = None  # how build_context chose ``tz`` (None: given directly)
        self.encoder = encoder
        self.cache = EmbeddingCache(cache_path, max_rows=cache_max_rows) if cache_path else None
        self.texts: list[str] = []
        self._text_index: dict[str, int] = {}
        self._embeddings: np.ndarray | None = None
        self.summarizer = (Summarizer(self.events, summary, self.tz, starts=self._starts, ends=self._ends,
                                      min_event_s=self.min_event_s) if summary is not None else None)

    def __getstate__(self) -> dict:
        # a sqlite connection does not pickle (ddp_spawn pickles the datamodule): the copy keeps the
        # embeddings computed so far and reopens nothing; texts new to it are encoded without the cache
        state = dict(self.__dict__)
        state["cache"] = None
        return state

    def _text_id(self, text: str) -> int:
        idx = self._text_index.get(text)
        if idx is None:
            idx = self._text_index[text] = len(self.texts)
            self.texts.append(text)
            self._embeddings = None
        return idx

    def clipped_events(self, moment: datetime, exclude: Callable[[AppEvent], bool] | None = None
                       ) -> list[tuple[AppEvent, datetime, float]]:
        """Events that started in [moment - window, moment), clipped to end at the moment:
        ``(event, start, clipped seconds)``, oldest first, at most ``max_events`` (the newest)."""
        lo = bisect.bisect_left(self._starts, moment - self.window)
        hi = bisect.bisect_left(self._starts, moment)  # start strictly before the moment
        out = []
        for i in range(lo, hi):
            start, end = self._starts[i], min(self._ends[i], moment)
            seconds = (end - start).total_seconds()
            if seconds >= self.min_event_s and not (exclude and exclude(self.events[i])):
                out.append((self.events[i], start, seconds))
        return out[-self.max_events:] if self.max_events > 0 else out

    def build(self, moment: str | datetime | None, *,
              exclude: Callable[[AppEvent], bool] | None = None) -> MomentContext:
        """The context of ``moment``; ``exclude(event)`` drops events as if they had not happened
        (from the tokens and the summary alike: what-if explanations)."""
        if moment is None or moment == "":
            return MomentContext(np.zeros(0, dtype=np.int64), np.zeros((0, NUM_FEATURES), np.float32), [],
                                 self.summarizer.empty() if self.summarizer is not None else None)
        moment_dt = parse_time(moment)
        ids, rows, used = [], [], []
        for event, start, seconds in self.clipped_events(moment_dt, exclude):
            s, c = time_of_day(start, self.tz)
            ids.append(self._text_id(event_text(event)))
            rows.append((s, c, (math.log1p(seconds) - LOG_EVENT_MEAN) / LOG_EVENT_STD))
            used.append((event, seconds))
        s, c = time_of_day(moment_dt, self.tz)
        ids.append(self._text_id(NOW_TEXT))
        rows.append((s, c, 0.0))
        summary = (self.summarizer.summarize(moment_dt, lambda e: self._text_id(event_text(e)), exclude)
                   if self.summarizer is not None else None)
        return MomentContext(np.asarray(ids, dtype=np.int64), np.asarray(rows, dtype=np.float32), used, summary)

    def embeddings(self) -> np.ndarray:
        """``[n_texts, dim]`` float32 embeddings of ``texts`` (cached by content on disk when configured)."""
        if self._embeddings is not None and len(self._embeddings) == len(self.texts):
            return self._embeddings
        if self.encoder is None:
            raise RuntimeError("ContextBuilder needs an encoder to embed event texts")
        namespace = getattr(self.encoder, "model_dir", "encoder") + "|" + getattr(self.encoder, "prefix", "")
        keys = [content_key(namespace, t) for t in self.texts]
        # `is not None`: an empty cache is falsy (it has __len__) and would never be filled
        known = self.cache.get_many(keys) if self.cache is not None else {}
        missing = [i for i, k in enumerate(keys) if k not in known]
        if missing:
            # rounded as the cache stores them (float16), so a fresh encoding and a cached one give the
            # model bit-identical inputs (scores reproduce whether or not the cache was warm)
            vectors = np.asarray(self.encoder.encode([self.texts[i] for i in missing]))
            vectors = vectors.astype(np.float16).astype(np.float32)
            fresh = {keys[i]: vectors[j] for j, i in enumerate(missing)}
            if self.cache is not None:
                self.cache.put_many(fresh)
            known.update(fresh)
        self._embeddings = np.stack([known[k] for k in keys]).astype(np.float32) if keys else \
            np.zeros((0, self.encoder.dim), np.float32)
        return self._embeddings


def summary_spec(context: dict[str, Any], events: list, *, vocab_until: str | None = None) -> SummarySpec | None:
    """The context summary's columns: as stored in a checkpoint's context config (``apps`` present), or,
    for a new training run, with the app/category vocabulary of the events before ``vocab_until``."""
    cfg = dict(context.get("summary") or {})
    if not cfg.get("enabled", False):
        return None
    if "apps" in cfg:
        return SummarySpec.from_config(cfg)
    apps, categories = vocabulary(events, until=vocab_until, max_apps=int(cfg.get("max_apps", 24)),
                                  max_categories=int(cfg.get("max_categories", 16)))
    return SummarySpec(windows_min=tuple(float(w) for w in cfg.get("windows_min", (15, 60, 360))), apps=apps,
                       categories=categories, afk_gap_min=float(cfg.get("afk_gap_min", 10.0)),
                       text=bool(cfg.get("text", True)), n_topics=int(cfg.get("topics", 0) or 0),
                       recency=bool(cfg.get("recency", False)))


def build_context(store: Store, context: dict[str, Any], *, vocab_until: str | None = None) -> ContextBuilder:
    """A ContextBuilder over every stored event, with the configured frozen encoder and bounded cache.

    ``context["event_dim"]`` (set by training in the checkpoint's context config): the event-embedding
    width the trained model reads; a different encoder is a one-line error, not a shape mismatch deep
    in the compressor.
    """
    from vrdndi import paths
    from vrdndi.features.encoder import SentenceEncoder

    name = context.get("event_encoder", "minilm")
    encoder = SentenceEncoder.load(name, prefix=context.get("event_encoder_prefix", "") or "")
    expected_dim = context.get("event_dim")
    if expected_dim and int(expected_dim) != encoder.dim:
        raise VrdndiError(f"context.event_encoder {name!r} gives {encoder.dim}-d embeddings but the model reads "
                          f"{int(expected_dim)}-d ones (model.net.num_out_feature): use the event encoder it was "
                          "trained with")
    hosts = context.get("hosts")
    events = [e for e in store.all_events() if not hosts or e.host in hosts]
    # the person's zone: context.tz, or (auto) the system's, guessed from the activity before the
    # training cut when the system runs in UTC (a server, a container)
    choice = resolve_for_events(context.get("tz", "auto"), events, until=vocab_until)
    log.info("time of day in %s", choice.reason)
    builder = ContextBuilder(events, summary=summary_spec(context, events, vocab_until=vocab_until),
                             window_hours=context.get("window_hours", 6),
                             max_events=context.get("max_events", 64), min_event_s=context.get("min_event_s", 5),
                             tz=choice.zone, encoder=encoder,
                             cache_path=paths.cache_dir() / "event_embeddings.sqlite",
                             cache_max_rows=context.get("embed_cache_max_rows", 200_000))
    builder.zone_choice = choice
    return builder
