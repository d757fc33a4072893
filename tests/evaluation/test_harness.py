"""vrdndi evaluate: forward folds, every model trained only on labels known before its test block,
neural models and baselines scored on the same pairs."""

from __future__ import annotations

import json

import pytest

from tests.helpers import tiny_store
from vrdndi.data.samples import load_samples
from vrdndi.evaluation.harness import evaluate, table
from vrdndi.evaluation.metrics import auc_within_moments
from vrdndi.store import Store
from vrdndi.timeutil import parse_time


def test_auc_within_moments_averages_moments_with_both_classes():
    targets = [1, 0, 1, 0, 1, 1]
    scores = [0.9, 0.1, 0.2, 0.8, 0.5, 0.6]
    moments = ["a", "a", "b", "b", "c", "c"]  # a: perfect, b: reversed, c: one class (left out)
    assert auc_within_moments(targets, scores, moments) == pytest.approx(0.5)


@pytest.mark.slow
def test_evaluate_trains_before_each_block_and_scores_everything_on_it(tmp_path, vrdndi_home):
    store_path = tiny_store(tmp_path / "tiny.sqlite")
    result = evaluate(store_path, n_folds=2, models=["tiny_tt=model=two_tower"],
                      overrides=["backbone=tiny", "trainer.max_epochs=1", "data.batch_size=8", "callbacks.progress=null"],
                      out_dir=tmp_path / "eval")
    saved = json.loads((tmp_path / "eval" / "evaluation.json").read_text())
    assert saved["summary"].keys() == result["summary"].keys() == {"lr_video", "lr_context_bag", "gbm_context", "tiny_tt"}
    with Store(store_path) as store:
        samples = load_samples(store)
    for fold in result["folds"]:
        until = parse_time(fold["train_until"])
        known = sorted(parse_time(s.known_at) for s in samples if s.known_at)
        assert fold["n_test"] > 0 and fold["n_train"] == sum(t < until for t in known)
        for name, metrics in fold["models"].items():
            assert 0 <= metrics["productive_auc"] <= 1 and metrics["train_s"] > 0, name
    # the tiny store's rule (rust after coding, cats after gaming) is an interaction of the video and the
    # moment: a linear model cannot see it, the boosted trees over the context summary can
    summary = result["summary"]
    auc = {name: summary[name]["productive_auc"][0] for name in summary}
    assert auc["gbm_context"] > auc["lr_video"] + 0.2, auc
    assert "tiny_tt" in table(result) and (tmp_path / "eval" / "evaluation.png").is_file()
