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
