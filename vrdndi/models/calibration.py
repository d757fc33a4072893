"""The productive head's decision threshold, chosen on validation and kept in the checkpoint.

Class-weighted training puts the logit margin's 0 near the balanced point, not where F1 is best for the
person's own share of "right moment" answers. After each validation epoch the margin threshold that
maximises a smoothed F1 on the validation labels is stored; the scorer subtracts it, so P(right moment)
>= 0.5 is the model's decision.
"""

from __future__ import annotations

import numpy as np


def best_f1_threshold(margins: np.ndarray, targets: np.ndarray, *, smooth: float = 0.05,
                      max_abs: float = 4.0) -> tuple[float, float]:
    """Margins (logit 1 - logit 0) [n] and 0/1 targets [n] -> (threshold, F1 at it).

    F1 is evaluated at every cut between sorted margins and smoothed over a window of ``smooth`` x n
    neighbouring cuts (fewer at the two ends), so one lucky validation sample does not move the
    threshold; it is clipped to
    ``[-max_abs, max_abs]``. With one class only, 0 (the untuned decision) is returned.
    """
    margins = np.asarray(margins, dtype=np.float64)
    targets = np.asarray(targets, dtype=np.int64)
    positives = int(targets.sum())
    if len(margins) < 4 or positives == 0 or positives == len(targets):
        return 0.0, float("nan")
    order = np.argsort(-margins, kind="stable")
    sorted_margins, sorted_targets = margins[order], targets[order]
    tp = np.cumsum(sorted_targets)  # predicting the top k+1 as positive
    k = np.arange(1, len(margins) + 1)
    f1 = 2 * tp / (k + positives)
    window = max(1, int(round(smooth * len(margins))))
    kernel = np.ones(2 * window + 1)
    # a moving average that averages only real cuts at the ends (zero padding would pull the F1 of
    # "almost everything is a right moment" down and keep the threshold from the end where F1 is often best)
    smoothed = np.convolve(f1, kernel, mode="same") / np.convolve(np.ones_like(f1), kernel, mode="same")
    best = int(np.argmax(smoothed))
    nxt = sorted_margins[best + 1] if best + 1 < len(sorted_margins) else sorted_margins[best] - 1.0
    threshold = float(np.clip((sorted_margins[best] + nxt) / 2.0, -max_abs, max_abs))
    return threshold, float(f1[best])


def half_f1_threshold(margins: np.ndarray, targets: np.ndarray, *, max_abs: float = 4.0) -> tuple[float, float]:
    """The F1-optimal decision for calibrated probabilities: say yes when P >= F1* / 2, where F1* is the
    best F1 reachable (Lipton, Elkan & Naryanaswamy 2014, "Thresholding classifiers to maximize F1").
    P is a logistic (Platt) fit of the validation targets on the margins; F1* the smoothed best F1 of
    ``best_f1_threshold``. Two fitted numbers and one F1 instead of one arg-max over a noisy F1 curve.
    Returns (margin threshold, F1*)."""
    from sklearn.linear_model import LogisticRegression

    margins = np.asarray(margins, dtype=np.float64)
    targets = np.asarray(targets, dtype=np.int64)
    _, best_f1 = best_f1_threshold(margins, targets, max_abs=max_abs)
    if best_f1 != best_f1:  # NaN: one class only, or too few
        return 0.0, best_f1
    platt = LogisticRegression(C=1e4, max_iter=1000).fit(margins.reshape(-1, 1), targets)
    a, b = float(platt.coef_[0, 0]), float(platt.intercept_[0])
    if a <= 1e-6:  # the margin says nothing (or the opposite): F1 is best saying yes to all
        return -max_abs, best_f1
    target = min(max(best_f1 / 2.0, 1e-4), 1 - 1e-4)
    threshold = (np.log(target / (1 - target)) - b) / a
    return float(np.clip(threshold, -max_abs, max_abs)), best_f1


# model.threshold: how the decision is chosen on validation
THRESHOLD_RULES = {"f1_max": best_f1_threshold, "f1_half": half_f1_threshold}
