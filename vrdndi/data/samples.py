"""Labelled (video, moment) pairs from the store.

- interest: the newest label per video (any source); its moment may be unknown.
- productive: one sample per (video, moment), the newest label wins.
Each sample carries one label kind; the other head's target is ``ignore_index``.
``known_at`` is when the label became known (labelled_at, else the moment): the split puts samples on
the timeline by it, so nothing learned after a validation moment reaches training.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import timedelta

from vrdndi.store import INTEREST, PRODUCTIVE, Store
from vrdndi.timeutil import parse_time

log = logging.getLogger(__name__)
MOMENT_GAP = timedelta(minutes=10)  # answers closer than this (one feed opening) share one context
FEW_MOMENTS = 100  # below this many distinct moments the timing head has little to learn from


@dataclass
class Sample:
    video_id: str
    kind: str  # interest | productive
    label: int
    moment: str  # UTC ISO or '' (unknown)
    known_at: str  # UTC ISO or '' (unknown: training only)


def load_samples(store: Store, *, max_labels: int | None = None) -> list[Sample]:
    newest: dict[tuple[str, str, str], tuple[str, Sample]] = {}
    for label in store.labels():
        moment = label.moment if label.kind == PRODUCTIVE else ""
        if label.kind == PRODUCTIVE and not moment:
            continue  # a "right moment" label without its moment says nothing
        known_at = label.labelled_at or label.moment
        key = (label.video_id, label.kind, moment)
        sample = Sample(label.video_id, label.kind, int(label.value), label.moment if label.kind == INTEREST
                        else moment, known_at)
        order = known_at or ""
        if key not in newest or order >= newest[key][0]:
            newest[key] = (order, sample)
    samples = [s for _, s in newest.values()]
    known = {v.video_id for v in store.videos([s.video_id for s in samples], status=None)}
    unknown = sum(s.video_id not in known for s in samples)
    if unknown:  # a label for a video we know nothing about (no title, no duration): nothing to learn from
        log.warning("%d labels are for videos the store does not know; left out of training "
                    "(ingest those videos, e.g. vrdndi ingest youtube, to use them)", unknown)
    samples = [s for s in samples if s.video_id in known]
    samples.sort(key=lambda s: (s.known_at or "", s.video_id, s.kind, s.moment))
    if max_labels is not None and len(samples) > max_labels:
        samples = samples[-int(max_labels):]
    return samples


def known_before(samples: Iterable[Sample], until: str) -> list[Sample]:
    """The samples whose label was known before ``until`` (UTC ISO), and those with no known time (a like
    with no moment trains everywhere): what a model trained "as of" ``until`` may learn from."""
    return [s for s in samples if not s.known_at or s.known_at < until]


def distinct_moments(samples: Iterable[Sample], *, gap: timedelta = MOMENT_GAP) -> int:
    """How many separate moments the productive answers were given at: answers less than ``gap`` after
    the previous one (a few clicks on one feed opening) see the same context and count once.

    The timing is learned per moment (what were you doing, what time is it), so this, more than the number
    of answers, says how much the productive head can learn."""
    times = sorted(parse_time(s.moment) for s in samples if s.kind == PRODUCTIVE and s.moment)
    return sum(1 for i, t in enumerate(times) if i == 0 or t - times[i - 1] >= gap)


def log_moments(samples: Sequence[Sample]) -> int:
    """Log how many productive answers train at how many moments, with a hint when the moments are few."""
    answers = sum(1 for s in samples if s.kind == PRODUCTIVE and s.moment)
    if not answers:
        return 0
    moments = distinct_moments(samples)
    log.info("timing: %d productive answers at %d distinct moments (answers under %d min apart count once)",
             answers, moments, MOMENT_GAP.seconds // 60)
    if moments < FEW_MOMENTS:
        log.warning("timing: only %d distinct moments to learn \"is now the right moment\" from; two or three "
                    "Correct timing / Not now answers each time you open the feed (the top cards ask) teach it "
                    "more than many answers at once", moments)
    return moments
