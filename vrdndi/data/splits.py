"""Time-forward splits on one global timeline (every label kind on the same clock).

holdout: cut at the (1 - val_fraction) quantile of ``known_at``; validate on samples at or after the
cut; train on samples known before ``cut - purge`` (purge = the context window), so no training label
and no training context window reaches into the validation period.

kfold (forward, expanding window): the timed samples form ``n_folds + 1`` consecutive blocks of equal
count; fold i trains on blocks 0..i (minus the purge gap) and validates on block i + 1.

all: every label trains and none validates (the refit after a holdout run, train.py ``refit``); the cut
is the newest ``known_at``, so the summary's vocabulary still comes from events known by then.

Samples with no known time (an imported like) can be placed nowhere on the timeline: they train in
every fold and never validate. Samples with a known time but no moment (a like or a labeller answer:
about the video, not a moment) carry no context window, so the purge gap does not apply to them: known
before the cut, they train.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from vrdndi.data.samples import Sample
from vrdndi.errors import VrdndiError
from vrdndi.timeutil import parse_time


@dataclass
class Split:
    train: list[int]
    val: list[int]
    cut: str  # first validation moment (UTC ISO)
    purge_hours: float


def time_split(samples: list[Sample], *, kind: str = "holdout", val_fraction: float | None = 0.2,
               fold: int = 0, n_folds: int = 5, purge_hours: float = 6.0) -> Split:
    timed = sorted((i for i, s in enumerate(samples) if s.known_at), key=lambda i: samples[i].known_at)
    untimed = [i for i, s in enumerate(samples) if not s.known_at]
    if len(timed) < 2:
        raise VrdndiError(f"only {len(timed)} labels with a known time: label more videos before training "
                          "(vrdndi ingest ..., the labeller, or the website)")
    if kind == "all":
        return Split(train=sorted(timed + untimed), val=[], cut=samples[timed[-1]].known_at,
                     purge_hours=float(purge_hours))
    if kind == "holdout":
        frac = 0.2 if val_fraction is None else float(val_fraction)
        if not 0 < frac < 1:
            raise VrdndiError(f"split.val_fraction must be in (0, 1), not {frac}")
        start = max(1, min(len(timed) - 1, int(round(len(timed) * (1 - frac)))))
        end = len(timed)
    elif kind == "kfold":
        if not 0 <= int(fold) < int(n_folds):
            raise VrdndiError(f"data.fold={fold} is outside 0..{int(n_folds) - 1} (data.n_folds={n_folds})")
        blocks = int(n_folds) + 1
        bounds = [round(len(timed) * b / blocks) for b in range(blocks + 1)]
        start, end = bounds[int(fold) + 1], bounds[int(fold) + 2]
        if start >= end or start == 0:
            raise VrdndiError(f"too few labels ({len(timed)}) for {n_folds} forward folds")
    else:
        raise VrdndiError(f"unknown split kind {kind!r}: use holdout or kfold (or all: no validation)")
    cut_iso = samples[timed[start]].known_at
    limit = parse_time(cut_iso) - timedelta(hours=float(purge_hours))
    val = timed[start:end]
    train = [i for i in timed[:start] if not samples[i].moment or parse_time(samples[i].known_at) < limit] + untimed
    if not train:
        raise VrdndiError("no training labels before the validation period: label more, or lower "
                          "split.val_fraction / context.window_hours")
    return Split(train=sorted(train), val=val, cut=cut_iso, purge_hours=float(purge_hours))
