"""The productive decision threshold is chosen on validation, kept in the checkpoint, and makes
P(right moment) >= 0.5 the model's decision."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from vrdndi.models.calibration import best_f1_threshold


def test_threshold_maximises_f1_between_the_classes():
    rng = np.random.default_rng(0)
    # positives around +1, negatives around -1, both shifted by +2: the untuned 0 would call everything positive
    margins = np.concatenate([rng.normal(3, 0.3, 200), rng.normal(1, 0.3, 200)])
    targets = np.array([1] * 200 + [0] * 200)
    threshold, f1 = best_f1_threshold(margins, targets)
    assert 1.5 < threshold < 2.5 and f1 > 0.95
    untuned = 2 * 200 / (400 + 200)  # everything positive
    assert f1 > untuned


def test_one_class_or_too_few_keeps_the_untuned_decision():
    assert best_f1_threshold(np.array([0.1, 0.2, 0.3, 0.4]), np.array([1, 1, 1, 1]))[0] == 0.0
    assert best_f1_threshold(np.array([0.1, 0.2]), np.array([0, 1]))[0] == 0.0


def test_threshold_is_clipped():
    margins = np.concatenate([np.full(50, 20.0), np.full(50, 10.0)])
    assert best_f1_threshold(margins, np.array([1] * 50 + [0] * 50))[0] == 4.0


def test_the_module_applies_its_offset():
    from vrdndi.models.module import VrdndiModule

    module = VrdndiModule.__new__(VrdndiModule)
    torch.nn.Module.__init__(module)
    module.register_buffer("productive_logit_offset", torch.tensor(1.5))
    logits = torch.tensor([[0.0, 1.5], [0.0, 3.0], [1.0, 0.0]])
    p = module.productive_probability(logits)
    assert p[0] == pytest.approx(0.5) and p[1] > 0.5 and p[2] < 0.5


def test_with_no_signal_the_threshold_says_yes_to_all_as_f1_would():
    """Margins that carry nothing: F1 is best when every pair is a right moment (2p / (1 + p)). The smoothing
    must not pull the threshold away from that end (a zero-padded moving average did: 95% yes, F1 0.607 vs 0.628)."""
    rng = np.random.default_rng(1)
    margins = rng.normal(0, 1, 400)
    targets = (rng.random(400) < 0.45).astype(int)
    threshold, _ = best_f1_threshold(margins, targets)
    p = targets.mean()
    predicted = margins > threshold
    tp = int((predicted & (targets == 1)).sum())
    f1 = 2 * tp / (predicted.sum() + targets.sum())
    assert predicted.mean() > 0.97 and f1 >= 0.99 * (2 * p / (1 + p))


def test_half_f1_threshold_says_yes_at_half_the_best_f1_of_a_platt_fit():
    """model.threshold=f1_half: P(yes) = sigmoid(a * margin + b) fitted on validation; the decision is
    P >= F1* / 2 (the F1-optimal rule for calibrated probabilities)."""
    from vrdndi.models.calibration import THRESHOLD_RULES, half_f1_threshold

    rng = np.random.default_rng(0)
    margins = rng.normal(0, 1.5, 2000)
    targets = (rng.random(2000) < 1 / (1 + np.exp(-(margins - 0.5)))).astype(int)  # calibrated: a = 1, b = -0.5
    threshold, best = half_f1_threshold(margins, targets)
    expected = np.log((best / 2) / (1 - best / 2)) + 0.5
    assert 0.6 < best < 0.9 and threshold == pytest.approx(expected, abs=0.25)
    noise = rng.normal(0, 1, 400)  # a margin that says nothing: yes to all
    assert half_f1_threshold(noise, (rng.random(400) < 0.45).astype(int))[0] <= -3.9
    assert set(THRESHOLD_RULES) == {"f1_max", "f1_half"}
