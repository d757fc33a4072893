"""Predict: score the candidates for a moment and write the feed (or score a CSV for evaluation).

Reads like a recipe: the moment, the checkpoint (or the cold-start fallback), the candidates, the
scores, the ranking, one write. Writes nothing but the feed rows of that moment (and the CSV when asked),
and, for a feed for *now*, the newest ActivityWatch events it pulled first (``predict.pull_activitywatch``:
"now" means the last minutes, not whatever was ingested hours ago). When ActivityWatch cannot be reached
it still ranks, and says in the log and in the feed run's ``note`` (shown on the page) how old the newest
activity is.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
from omegaconf import DictConfig

from vrdndi.errors import NotAvailableError, VrdndiError
from vrdndi.inference.candidates import (
    CandidateRow,
    moment_of,
    read_candidates_csv,
    recent_uploads,
    write_scores_csv,
)
from vrdndi.inference.checkpoints import ALIASES, COLD_START, CheckpointNotFound, resolve_checkpoint
from vrdndi.inference.cold_start import cold_start_scores
from vrdndi.inference.ranking import Candidate, choose_score_mode, combine, rank_feed
from vrdndi.store import PRODUCTIVE, FeedRun, Store, Video

log = logging.getLogger(__name__)

MMR_POOL = 500  # diversity reorders at most this many of the best candidates (ranking.mmr_order's pool)
COLD_START_HINT = ("this is a cold-start feed (no trained model): label some videos "
                   "(python label_app.py or the web feed), then `python train.py`")


# -- entry points ----------------------------------------------------------------------------------

def run(cfg: DictConfig) -> FeedRun | Path:
    """``python predict.py``: the feed for ``predict.at`` (default now), or with ``predict.candidates``
    the scores of a CSV written to ``predict.out``. Returns the feed run or the CSV path."""
    with Store(cfg.paths.store) as store:
        if cfg.predict.get("candidates"):
            return score_candidates_csv(cfg, store)
        return predict_feed(cfg, store)


def refresh_feed(cfg: DictConfig, *, at: str | None = None) -> FeedRun:
    """Rank the feed for ``at`` (default ``predict.at``, else now) and write it; the website's
    "refresh feed" button and the scheduler call this."""
    with Store(cfg.paths.store) as store:
        return predict_feed(cfg, store, at=at)


def predict_feed(cfg: DictConfig, store: Store, *, at: str | None = None) -> FeedRun:
    """Score the recent uploads for one moment and replace that moment's feed. Same store, same
    moment, same checkpoint -> the same feed."""
    pcfg, fcfg = cfg.predict, cfg.feed
    requested = at if at is not None else pcfg.get("at")
    pulled = pull_activity(cfg, store) if requested is None or str(requested).strip() == "" else None
    moment = moment_of(requested)  # after the pull: the events of the last minutes are before it
    log.info("moment: %s", moment)
    activity_until, activity = activity_note(store, moment, pulled)
    (log.warning if pulled is not None and not pulled[0] else log.info)("activity: %s", activity)

    scorer = load_scorer_for(cfg, store, allow_cold_start=True)

    include_shorts = bool(fcfg.get("include_shorts", False))
    pool = recent_uploads(store, moment, days=float(pcfg.days), include_seen=bool(pcfg.include_seen),
                          include_shorts=include_shorts)
    log.info("candidates: %d videos published since %s (%d already watched or labelled left out%s; "
             "%d Shorts left out%s)", len(pool.videos), pool.since, pool.n_seen_excluded,
             "" if not pcfg.include_seen else "; predict.include_seen=true", pool.n_shorts_excluded,
             "" if not include_shorts else "; feed.include_shorts=true")
    if not pool.videos:
        log.warning("no candidate videos for %s: ingest recent uploads first (vrdndi ingest youtube), "
                    "or widen predict.days", moment)

    if scorer is None:
        candidates = _cold_start_candidates(cfg, store, pool.videos, moment)
        run = FeedRun(moment=moment, checkpoint=COLD_START, mode="cold-start", activity_until=activity_until,
                      note=activity)
    else:
        probs = score_videos(scorer, store, pool.videos, [moment] * len(pool.videos), cfg)
        mode, note = choose_score_mode(str(fcfg.score), len(store.labels(PRODUCTIVE)),
                                       int(fcfg.min_productive_labels))
        log.info(note)
        combined = combine(probs[:, 0], probs[:, 1], mode=mode, productive_weight=float(fcfg.productive_weight))
        candidates = [Candidate.of(v, s, p_interest=pi, p_productive=pp,
                                   reason=f"{mode}: interest {pi:.2f}, right moment {pp:.2f}")
                      for v, s, pi, pp in zip(pool.videos, combined, probs[:, 0], probs[:, 1], strict=True)]
        run = FeedRun(moment=moment, checkpoint=scorer.checkpoint_path, mode="model",
                      activity_until=activity_until, note=activity)

    diversity = str(fcfg.get("diversity", "none"))
    vectors = _diversity_vectors(cfg, scorer, candidates, pool.videos) if diversity == "mmr" else None
    items = rank_feed(candidates, page_size=int(fcfg.page_size), per_channel_cap=int(fcfg.per_channel_cap),
                      near_duplicate_threshold=float(fcfg.near_duplicate_threshold), diversity=diversity,
                      mmr_lambda=float(fcfg.get("mmr_lambda", 0.7)), vectors=vectors)
    if scorer is not None and bool(fcfg.get("reasons", True)) and items:
        from vrdndi.inference.reasons import explain_feed

        started = time.perf_counter()
        items = explain_feed(scorer, store, items, {v.video_id: v for v in pool.videos}, moment, mode=mode,
                             page_size=int(fcfg.page_size), k_events=int(fcfg.get("reason_events", 4)),
                             encoder_name=str(pcfg.get("text_encoder", "minilm")))
        log.info("reasons for the first %d videos in %.1f s", min(len(items), int(fcfg.page_size)),
                 time.perf_counter() - started)
    run_id = store.write_feed(run, items)
    log.info("feed written: run %d, %d videos (%d near-duplicates dropped), mode %s, checkpoint %s",
             run_id, len(items), len(candidates) - len(items), run.mode, run.checkpoint)
    return store.feed_run(run_id) or replace(run, run_id=run_id, n_items=len(items))


def pull_activity(cfg: DictConfig, store: Store) -> tuple[bool, str] | None:
    """Before a feed for now: the newest ActivityWatch events (``sources.activitywatch``), incremental and
    bounded by ``predict.pull_timeout_s``. Returns (ok, one line), or None when switched off."""
    sources = cfg.get("sources") or {}
    if not bool(cfg.predict.get("pull_activitywatch", True)) or not sources.get("activitywatch"):
        return None
    from vrdndi.sources.activitywatch import LiveSettings, pull_for_now
    from vrdndi.sources.privacy import PrivacyRules

    started = time.perf_counter()
    try:
        report = pull_for_now(store, LiveSettings.from_config(sources.activitywatch),
                              privacy=PrivacyRules.from_config(sources.get("privacy")),
                              window_hours=float(cfg.context.get("window_hours", 6)),
                              timeout_s=float(cfg.predict.get("pull_timeout_s", 3)))
    except VrdndiError as err:
        return False, str(err)
    line = f"pulled in {time.perf_counter() - started:.2f} s: {report.line()}"
    log.info("activitywatch: %s", line)
    return True, line


def activity_note(store: Store, moment: str, pulled: tuple[bool, str] | None) -> tuple[str, str]:
    """(end of the newest stored app event, or '', one line saying how old it is at ``moment``)."""
    from vrdndi.timeutil import humanize_age, parse_time

    newest = store.latest_event_end(before=moment) or ""
    if newest:
        age = humanize_age(parse_time(newest), parse_time(moment)).replace(" ago", " old")
        seen = f"newest activity {age} (until {newest[:16]}Z)"
    else:
        seen = "no activity stored yet (vrdndi ingest aw)"
    if pulled is None:
        return newest, seen
    ok, detail = pulled
    if ok:
        return newest, f"ActivityWatch pulled just now; {seen}"
    return newest, f"no new ActivityWatch events ({detail}); ranked with what is stored: {seen}"


def score_candidates_csv(cfg: DictConfig, store: Store) -> Path:
    """Score the rows of ``predict.candidates`` (``video_id[,moment]``) into ``predict.out``
    (``video_id, moment, p_interest, p_productive, score``) without touching the feed."""
    pcfg, fcfg = cfg.predict, cfg.feed
    if not pcfg.get("out"):
        raise VrdndiError("predict.candidates needs predict.out=FILE.csv to write the scores to")
    default_moment = moment_of(pcfg.get("at"))
    rows = read_candidates_csv(pcfg.candidates, store, default_moment=default_moment)
    log.info("candidates: %d rows from %s", len(rows), pcfg.candidates)
    # evaluation must say which model it evaluates: no silent cold-start here, ask for it by name
    scorer = load_scorer_for(cfg, store, allow_cold_start=False)
    videos = [r.video for r in rows]
    moments = [r.moment for r in rows]
    if scorer is None:
        cold = cold_start_scores(store, videos, moments, days=float(pcfg.days), progress=_progress(cfg))
        p_interest: Sequence[float | None] = [None] * len(rows)
        p_productive: Sequence[float | None] = [None] * len(rows)
        score = cold.scores
    else:
        probs = score_videos(scorer, store, videos, moments, cfg)
        mode, note = choose_score_mode(str(fcfg.score), len(store.labels(PRODUCTIVE)),
                                       int(fcfg.min_productive_labels))
        log.info(note)
        p_interest, p_productive = probs[:, 0].tolist(), probs[:, 1].tolist()
        score = combine(probs[:, 0], probs[:, 1], mode=mode, productive_weight=float(fcfg.productive_weight))
    out = write_scores_csv(pcfg.out, rows, p_interest, p_productive, score)
    log.info("scores written: %d rows to %s", len(rows), out)
    return out


# -- the model -------------------------------------------------------------------------------------

def load_scorer_for(cfg: DictConfig, store: Store, *, allow_cold_start: bool) -> Any | None:
    """The scorer for ``ckpt=...``, or None for the cold-start feed (``ckpt=cold-start``, or
    ``best``/``last`` when nothing is trained yet and ``allow_cold_start``)."""
    spec = str(cfg.get("ckpt", "best"))
    if spec == COLD_START:
        log.info("checkpoint: none (ckpt=cold-start); %s", COLD_START_HINT)
        return None
    try:
        resolved = resolve_checkpoint(spec, runs_dir=cfg.paths.runs, store=store)
    except CheckpointNotFound as exc:
        if allow_cold_start and spec in ALIASES:
            log.warning("checkpoint: none found (%s); %s", "; ".join(exc.tried), COLD_START_HINT)
            return None
        raise
    log.info("checkpoint: %s (%s)", resolved.path, resolved.how)
    return _cached_scorer(cfg, resolved.path)


_SCORER_LOCK = threading.Lock()
_SCORER_SLOT: dict[tuple, Any] = {}  # one loaded model at most (the website refreshes repeatedly)


def _cached_scorer(cfg: DictConfig, path: Path) -> Any:
    device = _device(str(cfg.predict.get("device", "auto")))
    stat = path.stat()
    key = (str(path), stat.st_mtime_ns, stat.st_size, device, str(cfg.predict.scorer.get("_target_")))
    with _SCORER_LOCK:
        if key not in _SCORER_SLOT:
            _SCORER_SLOT.clear()
            loader = _scorer_loader(cfg)
            started = time.perf_counter()
            _SCORER_SLOT[key] = loader(path, device=device)
            log.info("model loaded in %.1f s on %s", time.perf_counter() - started, device)
        return _SCORER_SLOT[key]


def _scorer_loader(cfg: DictConfig):
    """``predict.scorer`` (a partial ``_target_``, default ``vrdndi.inference.scorer.load_scorer``)."""
    from hydra.errors import InstantiationException
    from hydra.utils import instantiate

    target = cfg.predict.scorer.get("_target_")
    try:
        return instantiate(cfg.predict.scorer)
    except InstantiationException as exc:
        raise NotAvailableError(f"predict.scorer: cannot load {target} ({exc.__cause__ or exc}); "
                                "is vrdndi installed completely (pip install -e .)?") from exc


def _device(requested: str) -> str:
    if requested != "auto":
        return requested
    import torch

    return "cuda" if torch.cuda.is_available() else "cpu"


def score_videos(scorer: Any, store: Store, videos: Sequence[Video], moments: Sequence[str],
                 cfg: DictConfig) -> np.ndarray:
    """``Scorer.score`` with checks: float64 [n, 2] of probabilities (interest, productive)."""
    if not videos:
        return np.zeros((0, 2), dtype=np.float64)
    started = time.perf_counter()
    probs = np.asarray(scorer.score(store, list(videos), list(moments), batch_size=int(cfg.predict.batch_size),
                                    progress=_progress(cfg)), dtype=np.float64)
    if probs.shape != (len(videos), 2):
        raise VrdndiError(f"{scorer.checkpoint_path}: the model returned scores of shape {probs.shape}, "
                          f"expected ({len(videos)}, 2); is the checkpoint from this vrdndi version?")
    bad = ~np.isfinite(probs).all(axis=1)
    if bad.any():
        raise VrdndiError(f"{scorer.checkpoint_path}: the model returned NaN/inf for {int(bad.sum())} videos "
                          f"(first {videos[int(np.argmax(bad))].video_id}); retrain or pick another ckpt")
    elapsed = time.perf_counter() - started
    log.info("scored %d videos in %.1f s (%.0f videos/s) with %s model", len(videos), elapsed,
             len(videos) / max(elapsed, 1e-9), getattr(scorer, "network", type(scorer).__name__))
    return np.clip(probs, 0.0, 1.0)


def _diversity_vectors(cfg: DictConfig, scorer: Any, candidates: Sequence[Candidate],
                       videos: Sequence[Video]) -> dict[str, np.ndarray]:
    """Unit video embeddings of the candidates MMR will reorder (the best-scored ``MMR_POOL``)."""
    from vrdndi.inference.embeddings import video_vectors
    from vrdndi.inference.ranking import sort_candidates

    by_id = {v.video_id: v for v in videos}
    top = [by_id[c.video_id] for c in sort_candidates(candidates)[:MMR_POOL] if c.video_id in by_id]
    vectors = video_vectors(top, scorer=scorer, encoder_name=str(cfg.predict.get("text_encoder", "minilm")))
    return {v.video_id: vec for v, vec in zip(top, vectors, strict=True)}


def _cold_start_candidates(cfg: DictConfig, store: Store, videos: list[Video], moment: str) -> list[Candidate]:
    cold = cold_start_scores(store, videos, [moment] * len(videos), days=float(cfg.predict.days),
                             encoder_name=str(cfg.predict.get("text_encoder", "minilm")),
                             progress=_progress(cfg))
    if cold.basis == "recency":
        log.info("cold start: no interest labels yet, ranking by recency")
    else:
        log.info("cold start: ranking by similarity to %d liked minus %d disliked videos",
                 cold.n_liked, cold.n_disliked)
    return [Candidate.of(v, s, reason=r) for v, s, r in zip(videos, cold.scores, cold.reasons, strict=True)]


def _progress(cfg: DictConfig) -> bool:
    return bool(cfg.predict.get("progress", True))


__all__ = ["run", "refresh_feed", "predict_feed", "score_candidates_csv", "load_scorer_for", "score_videos",
           "CandidateRow"]
