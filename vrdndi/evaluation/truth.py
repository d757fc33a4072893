"""Scoring forward folds against what the person *meant*, not only what they said.

A person's "right moment" answers are noisy (moods, slips, careless feed openings), so an F1 against the
answers mixes two things: how well a model learnt the person's rule and how often the person contradicts
it. An evaluation world knows the rule: ``vrdndi world`` and ``bench/world_alt.py`` write
``labels_truth.csv`` (``video_id,moment,productive``), the noise-free answer behind every productive label.
``vrdndi evaluate --truth FILE`` then reports the productive metrics twice (against the answers and against
the truth) and adds a ``truth`` row: the rule itself read as a model, scored against the answers, i.e. what
knowing the rule exactly would score (about the most F1 any model can reach against them; its AUC is a
yes/no answer's, full of ties, so a model's AUC can pass it). The truth is only ever read for the test
block's pairs; no model sees it.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from vrdndi.data.samples import Sample
from vrdndi.errors import VrdndiError
from vrdndi.store import PRODUCTIVE
from vrdndi.timeutil import TimeParseError, iso, parse_time

Truth = dict[tuple[str, str], int]
COLUMNS = ("video_id", "moment", "productive")


def load_truth(path: str | Path) -> Truth:
    """``{(video_id, UTC ISO moment): 0 | 1}`` from a ``labels_truth.csv``; a bad file or row is a one-line error."""
    path = Path(path).expanduser()
    if not path.is_file():
        raise VrdndiError(f"{path}: no such truth file (an evaluation world writes labels_truth.csv)")
    truth: Truth = {}
    with path.open(encoding="utf-8-sig", newline="") as f:  # -sig: a file saved by a spreadsheet starts with a BOM
        reader = csv.DictReader(f)
        missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise VrdndiError(f"{path}: missing column {missing[0]!r} (expected {','.join(COLUMNS)})")
        for line, row in enumerate(reader, start=2):
            value = (row["productive"] or "").strip()
            if value not in ("0", "1"):
                raise VrdndiError(f"{path} line {line}: productive must be 0 or 1, not {value!r}")
            try:
                moment = iso(parse_time(row["moment"]))
            except (TimeParseError, TypeError, ValueError) as exc:
                raise VrdndiError(f"{path} line {line}: bad moment {row['moment']!r} ({exc})") from exc
            truth[(row["video_id"], moment)] = int(value)
    if not truth:
        raise VrdndiError(f"{path}: no rows")
    return truth


def with_truth(samples: Sequence[Sample], truth: Truth, source: str | Path = "the truth file") -> list[Sample]:
    """The productive ``samples`` with their label replaced by the truth (interest samples dropped).
    Every productive sample must have a truth row: a missing one means the file belongs to another store."""
    out = []
    for s in samples:
        if s.kind != PRODUCTIVE:
            continue
        key = (s.video_id, iso(parse_time(s.moment)))
        if key not in truth:
            raise VrdndiError(f"{source}: no truth for the productive label of {s.video_id} at {s.moment} "
                              "(is it the labels_truth.csv of this store's world?)")
        out.append(replace(s, label=truth[key]))
    return out
