"""The numbers an evaluation reports: F1 at the model's own decision (P >= 0.5), ROC AUC, and the AUC
*within a moment* (does the model order the videos shown at one moment correctly: the feed's job)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

import numpy as np
from sklearn.metrics import f1_score, roc_auc_score


def auc(targets: Sequence[int], scores: Sequence[float]) -> float:
    """ROC AUC, NaN when only one class is present."""
    targets = np.asarray(targets)
    if len(set(targets.tolist())) < 2:
        return float("nan")
    return float(roc_auc_score(targets, np.asarray(scores, dtype=np.float64)))


def auc_within_moments(targets: Sequence[int], scores: Sequence[float], moments: Sequence[str]) -> float:
    """Mean over moments that have both classes of the AUC among that moment's videos (NaN if none)."""
    groups: dict[str, list[int]] = defaultdict(list)
    for i, moment in enumerate(moments):
        groups[moment].append(i)
    targets, scores = np.asarray(targets), np.asarray(scores, dtype=np.float64)
    values = [auc(targets[idx], scores[idx]) for idx in groups.values() if len(set(targets[idx].tolist())) == 2]
    return float(np.mean(values)) if values else float("nan")


def binary_f1(targets: Sequence[int], probabilities: Sequence[float], threshold: float = 0.5) -> float:
    targets = np.asarray(targets)
    if not len(targets):
        return float("nan")
    return float(f1_score(targets, (np.asarray(probabilities) >= threshold).astype(int), zero_division=0))


def head_metrics(kind: str, targets: Sequence[int], probabilities: Sequence[float],
                 moments: Sequence[str] | None = None) -> dict[str, float]:
    """``{kind}_f1``, ``{kind}_auc`` (+ ``{kind}_auc_moment`` when moments are given)."""
    out = {f"{kind}_f1": binary_f1(targets, probabilities), f"{kind}_auc": auc(targets, probabilities)}
    if moments is not None:
        out[f"{kind}_auc_moment"] = auc_within_moments(targets, probabilities, moments)
    return out
