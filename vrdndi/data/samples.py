"""Labelled (video, moment) pairs from the store.

- interest: the newest label per video (any source); its moment may be unknown.
- productive: one sample per (video, moment), the newest label wins.
Each sample carries one label kind; the other head's target is ``ignore_index``.
``known_at`` is when the label became known (labelled_at, else the moment): the split puts samples on
the timeline by it, so nothing learned after a validation moment reaches training.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from vrdndi.store import INTEREST, PRODUCTIVE, Store

log = logging.getLogger(__name__)


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
