"""vrdndi evaluate: forward folds, every model trained only on labels known before its test block,
neural models and baselines scored on the same pairs."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest

from tests.helpers import tiny_store
from vrdndi.data.samples import load_samples
from vrdndi.evaluation.harness import evaluate, split_models, table
from vrdndi.evaluation.metrics import auc_within_moments
from vrdndi.store import Store
from vrdndi.timeutil import parse_time


def test_models_split_at_commas_outside_a_list_value():
    assert split_models("default,jit=data.moment_jitter_min=[5,15]+model.net.video_dim=32,noprior") == [
        "default", "jit=data.moment_jitter_min=[5,15]+model.net.video_dim=32", "noprior"]
    assert split_models("a=x={k:1,j:2},b") == ["a=x={k:1,j:2}", "b"]
    assert split_models("default") == ["default"] and split_models("a,,b") == ["a", "", "b"]


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
    assert saved["summary"].keys() == result["summary"].keys() == {"always_yes", "lr_video", "lr_context_bag", "gbm_context", "tiny_tt"}
    with Store(store_path) as store:
        samples = load_samples(store)
        assert store.get("train.last_run") is None  # a fold's model never becomes ckpt=best
    for fold in result["folds"]:
        until = parse_time(fold["train_until"])
        known = sorted(parse_time(s.known_at) for s in samples if s.known_at)
        assert fold["n_test"] > 0 and fold["n_train"] == sum(t < until for t in known)
        for name, metrics in fold["models"].items():
            assert 0 <= metrics["productive_auc"] <= 1 and metrics["train_s"] > 0, name
    assert "tiny_tt" in table(result) and (tmp_path / "eval" / "evaluation.png").is_file()


def test_the_context_baselines_see_the_apps_before_the_moment_and_only_gbm_learns_an_interaction():
    """Baselines on frozen features: the tiny store's rule (rust right after coding, cats right after
    gaming) is an interaction of the video and the moment. Trained on the first 70% of the labels and
    scored on the rest: the context-free model cannot see it, the boosted trees over the context
    summary do."""
    import numpy as np

    from vrdndi.evaluation.baselines import feature_table, fit_predict
    from vrdndi.evaluation.metrics import auc
    from vrdndi.store import PRODUCTIVE

    store_path = tiny_store(Path(tempfile.mkdtemp()) / "tiny.sqlite", hours=24 * 24)
    with Store(store_path) as store:
        samples = load_samples(store)
        videos = {v.video_id: v for v in store.videos(status=None)}
        events = store.all_events()
    cut = int(len(samples) * 0.7)
    train, test = samples[:cut], [s for s in samples[cut:] if s.kind == PRODUCTIVE]
    until = train[-1].known_at
    cache: dict = {}
    train_x = feature_table(train, videos, events, vocab_until=until, tz="UTC", video_cache=cache)
    test_x = feature_table(test, videos, events, vocab_until=until, tz="UTC", video_cache=cache)
    assert set(np.unique(test_x.bag[:, :3].round(3))) <= {0.0, 1.0}  # each hour is all code or all steam
    from vrdndi.features.video import category_index  # the trees' category one-hot, one column per YouTube id
    assert test_x.category.sum(axis=1).tolist() == [1.0] * len(test)
    assert test_x.category.argmax(axis=1).tolist() == [category_index(videos[s.video_id]) for s in test]
    y = [s.label for s in test]
    scores = {name: auc(y, fit_predict(name, train, train_x, test, test_x)[:, 1])
              for name in ("lr_video", "gbm_context")}
    assert scores["lr_video"] < 0.7 < 0.9 < scores["gbm_context"], scores


def test_always_yes_is_the_f1_floor():
    """Saying "yes" to every pair scores F1 = 2p / (1 + p) and AUC 0.5: the floor every F1 is read against."""
    from vrdndi.evaluation.baselines import fit_predict
    from vrdndi.evaluation.metrics import auc, binary_f1

    targets = [1, 0, 0, 1, 0, 1, 0, 0, 1, 0]  # p = 0.4
    scores = fit_predict("always_yes", [], None, [object()] * len(targets), None)
    assert scores.shape == (10, 2)
    assert binary_f1(targets, scores[:, 1]) == pytest.approx(2 * 0.4 / 1.4)
    assert auc(targets, scores[:, 1]) == pytest.approx(0.5)


def _write_truth(path: Path, samples, flip_every: int = 0) -> Path:
    """A labels_truth.csv for the store's productive labels: the answers, every ``flip_every``-th one flipped."""
    lines = ["video_id,moment,productive"]
    productive = [s for s in samples if s.kind == "productive"]
    for i, s in enumerate(productive):
        value = 1 - s.label if flip_every and i % flip_every == 0 else s.label
        lines.append(f"{s.video_id},{s.moment},{value}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_evaluate_scores_against_the_truth_beside_the_answers(tmp_path):
    """--truth: every model's productive numbers against the noise-free rule too, and a ``truth`` row (the rule
    as a model, against the answers). Truth equal to the answers gives the same numbers twice and a perfect
    truth row; a truth that differs moves only the truth columns (``always_yes`` then scores 2p / (1 + p) at
    the *truth's* positive rate)."""
    from vrdndi.data.splits import time_split
    from vrdndi.evaluation.metrics import binary_f1
    from vrdndi.evaluation.truth import load_truth

    store_path = tiny_store(tmp_path / "tiny.sqlite")
    with Store(store_path) as store:
        samples = load_samples(store)
    kwargs = dict(n_folds=2, models=[], baselines=["always_yes", "lr_context_bag"])
    same = evaluate(store_path, out_dir=tmp_path / "same", truth=_write_truth(tmp_path / "same.csv", samples), **kwargs)
    for fold in same["folds"]:
        assert fold["models"]["truth"]["productive_f1"] == fold["models"]["truth"]["productive_auc"] == 1.0
        for name in kwargs["baselines"]:
            m = fold["models"][name]
            for metric in ("productive_f1", "productive_auc", "productive_auc_moment"):
                assert m[f"{metric}_truth"] == pytest.approx(m[metric], nan_ok=True), (name, metric)

    flipped = evaluate(store_path, out_dir=tmp_path / "flipped",
                       truth=_write_truth(tmp_path / "flipped.csv", samples, flip_every=4), **kwargs)
    for fold, base in zip(flipped["folds"], same["folds"]):
        p = fold["truth_positive_rate"]
        assert fold["models"]["always_yes"]["productive_f1_truth"] == pytest.approx(2 * p / (1 + p))
        assert fold["models"]["always_yes"]["productive_f1"] == base["models"]["always_yes"]["productive_f1"]
        test = [samples[i] for i in time_split(samples, kind="kfold", fold=fold["fold"], n_folds=2,
                                                 purge_hours=6.0).val if samples[i].kind == "productive"]
        truth = load_truth(tmp_path / "flipped.csv")
        predicted = [float(truth[(s.video_id, s.moment)]) for s in test]
        assert fold["models"]["truth"]["productive_f1"] == pytest.approx(binary_f1([s.label for s in test], predicted))
        assert 0.5 < fold["models"]["truth"]["productive_f1"] < 1.0
    assert "F1 truth" in table(flipped) and "truth" in flipped["summary"]


def test_a_truth_file_of_another_store_or_a_bad_row_is_a_one_line_error(tmp_path):
    from vrdndi.errors import VrdndiError
    from vrdndi.evaluation.truth import load_truth, with_truth

    store_path = tiny_store(tmp_path / "tiny.sqlite")
    with Store(store_path) as store:
        samples = load_samples(store)
    path = _write_truth(tmp_path / "truth.csv", samples)
    truth = load_truth(path)
    assert len(with_truth(samples, truth, path)) == sum(s.kind == "productive" for s in samples)
    first = next(s for s in samples if s.kind == "productive")
    del truth[(first.video_id, first.moment)]
    with pytest.raises(VrdndiError, match=f"truth.csv: no truth for the productive label of {first.video_id}"):
        with_truth(samples, truth, path)
    bad = tmp_path / "bad.csv"
    bad.write_text("video_id,moment,productive\nvid0001,2026-01-01T00:00:00+00:00,yes\n", encoding="utf-8")
    with pytest.raises(VrdndiError, match="bad.csv line 2: productive must be 0 or 1, not 'yes'"):
        load_truth(bad)
    bad.write_text("video_id,moment,productive\nvid0001,yesterday,1\n", encoding="utf-8")
    with pytest.raises(VrdndiError, match="bad.csv line 2: bad moment 'yesterday'"):
        load_truth(bad)
    bad.write_text("video_id,when,productive\n", encoding="utf-8")
    with pytest.raises(VrdndiError, match="bad.csv: missing column 'moment'"):
        load_truth(bad)
    bad.write_text("\ufeffvideo_id,moment,productive\nvid0001,2026-01-01T00:00:00Z,1\n", encoding="utf-8")
    assert load_truth(bad) == {("vid0001", "2026-01-01T00:00:00.000000+00:00"): 1}  # a spreadsheet's BOM is fine
    with pytest.raises(VrdndiError, match="no such truth file"):
        load_truth(tmp_path / "absent.csv")
    with pytest.raises(VrdndiError, match="model name 'truth' is taken"):  # the truth row keeps its name
        evaluate(store_path, models=["truth=model=two_tower"], out_dir=tmp_path / "eval", truth=path)
