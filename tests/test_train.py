"""Training runs end to end from the real config; checkpoints restore in a fresh process."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import torch

from tests.helpers import compose_train, scores_in_fresh_process, tiny_store
from vrdndi.errors import VrdndiError
from vrdndi.store import Store

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def labelled_store(tmp_path):
    return tiny_store(tmp_path / "tiny.sqlite")


def train(store_path, run_dir, *overrides):
    from vrdndi.train import run

    cfg = compose_train([f"data.store={store_path}", "backbone=tiny", "data.batch_size=8", *overrides], run_dir)
    return cfg, run(cfg)


NETWORKS = {"two_tower": "vrdndi.models.two_tower.TwoTowerNet", "hybrid": "vrdndi.models.network.HybridNet",
            "base": "vrdndi.models.network.TextNet"}


@pytest.mark.parametrize("arch", ["two_tower", "hybrid", "base"])
def test_train_writes_checkpoint_metrics_and_registry(labelled_store, tmp_path, arch):
    cfg, result = train(labelled_store, tmp_path / "run", f"model={arch}", "lora=default")
    ckpt = Path(result["best_ckpt"])
    assert ckpt.is_file() and Path(result["last_ckpt"]).is_file()
    metrics = json.loads((tmp_path / "run" / "metrics.json").read_text())
    assert metrics["network"] == NETWORKS[arch].rsplit(".", 1)[1] and 0.0 <= metrics["best_score"] <= 1.0
    assert {"val/interest_f1", "val/productive_f1", "val/productive_auroc"} <= set(metrics["best_val_metrics"])
    assert (tmp_path / "run" / "csv" / "metrics.csv").is_file()
    with Store(labelled_store) as store:
        assert store.get("train.last_run")["best_ckpt"] == str(ckpt)
    content = torch.load(ckpt, weights_only=False)
    # the model config as composed (module arguments, the network under net with its own _target_), and the
    # sizes that came from the data written into it
    hparams = content["hyper_parameters"]
    assert hparams["net"]["_target_"] == NETWORKS[arch] and "arch" not in hparams
    assert hparams["optimizer"]["lr"] == cfg.optimizer.lr and hparams["text_max_length"] == cfg.data.max_length
    if arch != "base":
        assert hparams["net"]["summary_dim"] > 0 and hparams["net"]["num_out_feature"] == hparams["context"]["event_dim"]
    assert content["hyper_parameters"]["backbone"]["kind"] == "tiny"
    keys = content["state_dict"].keys()
    assert any("interest_head" in k for k in keys) and any("productive_head" in k for k in keys)
    assert any("lora_" in k for k in keys)
    assert any("compressor" in k for k in keys) == (arch != "base")
    assert "productive_logit_offset" in keys  # the validation-chosen decision threshold travels with it




def test_checkpoint_restores_identical_scores_in_fresh_process(labelled_store, tmp_path):
    from vrdndi.inference.scorer import load_scorer

    _, result = train(labelled_store, tmp_path / "run", "model=hybrid", "trainer.max_epochs=2")
    with Store(labelled_store) as store:
        videos = store.videos()[:6]
        moments = ["2026-10-03T10:00:00+00:00", "2026-10-03T13:00:00+00:00", ""] * 2
        here = load_scorer(result["best_ckpt"]).score(store, videos, moments, progress=False)
    there = scores_in_fresh_process(result["best_ckpt"], labelled_store)
    assert here.shape == (6, 2) and ((here >= 0) & (here <= 1)).all()
    assert np.allclose(here, np.asarray(there), atol=1e-6, rtol=0)
    # videos[0] and videos[3] are the same video scored after coding (10:00) and after gaming (13:00)
    # (with the unknown moment of videos[2] in between): the context reaches the productive head
    with Store(labelled_store) as store:
        video = store.videos()[0]
        same = load_scorer(result["best_ckpt"]).score(
            store, [video, video], ["2026-10-03T10:00:00+00:00", "2026-10-03T13:00:00+00:00"], progress=False)
    assert same[0, 1] != pytest.approx(same[1, 1], abs=1e-6)
    assert same[0, 0] == pytest.approx(same[1, 0], abs=0.05)


def test_ensemble_member_trains_beside_the_run_and_scores_with_it(labelled_store, tmp_path):
    """train.py ``ensemble`` (the default has one more member): the member trains with its own seed and
    validation fraction in checkpoints/member1/, the run's best checkpoint names it, ``load_scorer`` of
    that checkpoint averages the two models' logits, and ckpt=best never finds the member alone."""
    from vrdndi.inference.checkpoints import resolve_checkpoint, run_checkpoints
    from vrdndi.inference.embeddings import video_vectors
    from vrdndi.inference.reasons import context_reasons
    from vrdndi.inference.scorer import EnsembleScorer, load_scorer

    cfg, result = train(labelled_store, tmp_path / "runs" / "run", "ensemble=[{seed_offset: 1, val_fraction: 0.1}]",
                        "test_best=false")
    best = Path(result["best_ckpt"])
    member = best.parent / "member1" / "best.ckpt"
    assert member.is_file() and result["ensemble"][0]["best_ckpt"] == str(member)
    assert torch.load(best, weights_only=True)["vrdndi"]["ensemble"] == ["member1/best.ckpt"]
    # its own validation fraction (the newest 10% of the labels, not 20%) and its own seed
    assert result["ensemble"][0]["n_val"] < result["n_val"]
    member_metrics = json.loads((member.parent / "metrics.json").read_text())
    assert member_metrics["record_run"] is False
    assert json.loads((tmp_path / "runs" / "run" / "metrics.json").read_text())["best_ckpt"] == str(best)
    with Store(labelled_store) as store:
        assert store.get("train.last_run")["best_ckpt"] == str(best)
        assert resolve_checkpoint("best", runs_dir=tmp_path / "runs", store=store).path == best.resolve()
        videos = store.videos()[:6]
        moments = ["2026-10-03T10:00:00+00:00", "2026-10-03T13:00:00+00:00", ""] * 2
        scorer = load_scorer(best)
        both = scorer.score(store, videos, moments, progress=False)
        own = load_scorer(best, ensemble=False)
        one = own.score(store, videos, moments, progress=False)
        other = load_scorer(member).score(store, videos, moments, progress=False)
        # what only one model can answer comes from the run's own: the explanations, the diversity directions
        assert context_reasons(scorer, store, videos, moments[0]) == context_reasons(own, store, videos, moments[0])
        assert np.array_equal(video_vectors(videos, scorer=scorer), video_vectors(videos, scorer=own))
    assert isinstance(scorer, EnsembleScorer) and len(scorer.members) == 2 and scorer.network.endswith(" x2")
    assert scorer.checkpoint_path == str(best) and scorer.module is scorer.members[0].module
    logit = lambda p: np.log(p / (1 - p))  # noqa: E731
    assert np.allclose(both, 1 / (1 + np.exp(-(logit(one.astype(np.float64)) + logit(other.astype(np.float64))) / 2)),
                       atol=1e-6)
    assert not np.allclose(one, other, atol=1e-4)  # two different models, not one twice
    assert member not in run_checkpoints(tmp_path / "runs", "best.ckpt")


def test_a_member_that_cannot_train_leaves_the_runs_own_model_serving(labelled_store, tmp_path):
    """A member whose split is impossible (a validation fraction over 1) is skipped with a warning; the run is
    recorded and its checkpoint scores alone."""
    from vrdndi.inference.scorer import Scorer, load_scorer

    _, result = train(labelled_store, tmp_path / "run", "ensemble=[{val_fraction: 1.5}]", "test_best=false")
    assert result["ensemble"] == [] and "ensemble" not in torch.load(result["best_ckpt"], weights_only=True).get("vrdndi", {})
    with Store(labelled_store) as store:
        assert store.get("train.last_run")["best_ckpt"] == result["best_ckpt"]
    assert isinstance(load_scorer(result["best_ckpt"]), Scorer)


def test_an_ensemble_member_outside_the_checkpoint_folder_is_refused(labelled_store, tmp_path):
    from vrdndi.inference.scorer import Scorer, load_scorer

    _, result = train(labelled_store, tmp_path / "run", "test_best=false")
    best = Path(result["best_ckpt"])
    content = torch.load(best, weights_only=False)
    content.setdefault("vrdndi", {})["ensemble"] = ["../../elsewhere.ckpt"]
    torch.save(content, best)
    with pytest.raises(VrdndiError, match="not a file inside"):
        load_scorer(best)
    content["vrdndi"]["ensemble"] = "member1/best.ckpt"  # a string, not a list: not read letter by letter
    torch.save(content, best)
    with pytest.raises(VrdndiError, match="must be a list"):
        load_scorer(best)
    content["vrdndi"]["ensemble"] = ["member1/best.ckpt"]  # named, but not there: the run's model alone
    torch.save(content, best)
    assert isinstance(load_scorer(best), Scorer)


def test_minilm_checkpoint_omits_frozen_backbone_and_restores(labelled_store, tmp_path):
    from vrdndi.inference.scorer import load_scorer

    _, result = train(labelled_store, tmp_path / "run", "backbone=minilm", "model=base", "data.max_length=24",
                      "data.max_labels=40", "test_best=false")
    ckpt = Path(result["best_ckpt"])
    content = torch.load(ckpt, weights_only=False)
    assert content["vrdndi"]["frozen_backbone_keys_omitted"] > 50
    assert ckpt.stat().st_size < 10_000_000  # MiniLM itself is ~90 MB
    with Store(labelled_store) as store:
        scores = load_scorer(ckpt).score(store, store.videos()[:2], ["", ""], progress=False)
    assert scores.shape == (2, 2)


def test_run_refuses_to_overwrite_another_runs_checkpoints(labelled_store, tmp_path):
    train(labelled_store, tmp_path / "run")
    with pytest.raises(VrdndiError, match="refusing to overwrite"):
        train(labelled_store, tmp_path / "run")


def test_no_labels_is_one_clear_error(tmp_path):
    Store(tmp_path / "empty.sqlite").close()
    with pytest.raises(VrdndiError, match="no labels"):
        train(tmp_path / "empty.sqlite", tmp_path / "run")


def test_bge_m3_without_network_is_one_line(labelled_store, tmp_path):
    out = subprocess.run([sys.executable, str(ROOT / "train.py"), "backbone=bge_m3", f"data.store={labelled_store}"],
                         capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 2
    assert "Traceback" not in out.stderr
    error_lines = [line for line in out.stderr.splitlines() if line.startswith("train.py: error:")]
    assert len(error_lines) == 1 and "BAAI/bge-m3" in error_lines[0] and "huggingface-cli download" in error_lines[0]


@pytest.mark.slow
def test_multirun_sweep_over_folds_writes_summary(labelled_store, tmp_path):
    out = subprocess.run([sys.executable, str(ROOT / "train.py"), "-m", "backbone=tiny", "split=kfold",
                          "data.n_folds=3", "data.fold=0,1", f"data.store={labelled_store}", "trainer.max_epochs=1",
                          f"paths.runs={tmp_path / 'runs'}"], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr[-2000:]
    summaries = list((tmp_path / "runs").glob("train/multirun/*/fold_summary.json"))
    assert len(summaries) == 1
    summary = json.loads(summaries[0].read_text())
    assert [r["fold"] for r in summary["runs"]] == [0, 1]
    assert summary["stats"]["val/productive_f1"]["n"] == 2
    assert summaries[0].with_suffix(".png").is_file()


def test_tensorboard_logger_writes_events(labelled_store, tmp_path):
    train(labelled_store, tmp_path / "run", "logger=tensorboard", "test_best=false")
    assert list((tmp_path / "run" / "tensorboard").rglob("events.out.tfevents.*"))


def test_missing_logger_package_is_one_line(labelled_store, tmp_path, monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_wandb(name, *args, **kwargs):
        if name == "wandb" or name.startswith("wandb."):
            raise ModuleNotFoundError("No module named 'wandb'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_wandb)
    with pytest.raises(VrdndiError, match="logger=wandb needs its package: pip install wandb"):
        train(labelled_store, tmp_path / "run", "logger=wandb")


def test_validating_the_best_checkpoint_leaves_last_and_the_ema_alone(labelled_store, tmp_path):
    _, result = train(labelled_store, tmp_path / "run", "trainer.max_epochs=2", "test_best=true")
    assert [h["epoch"] for h in result["ema_history"]] == [0, 1]
    assert torch.load(result["last_ckpt"], weights_only=False)["epoch"] == 1


def test_two_runs_with_the_same_seed_give_the_same_metrics_and_weights(labelled_store, tmp_path, monkeypatch):
    shrink = ["model=hybrid", "trainer.max_epochs=2", "trainer.limit_train_batches=4", "test_best=false"]

    def seeded_run(name, *extra):
        # each run in a data home of its own, so this pins the seeding alone; that a warm event-embedding
        # cache gives what a cold one does is tests/features/test_context.py's to pin
        monkeypatch.setenv("VRDNDI_HOME", str(tmp_path / name / "home"))
        return train(labelled_store, tmp_path / name / "run", *shrink, *extra)[1]

    first, again, other_seed = seeded_run("first"), seeded_run("again"), seeded_run("other", "seed=7")
    assert first["last_epoch_metrics"] == again["last_epoch_metrics"]  # exactly: deterministic on CPU
    assert first["ema_history"] == again["ema_history"]
    weights = [torch.load(r["last_ckpt"], weights_only=False)["state_dict"] for r in (first, again, other_seed)]
    assert weights[0].keys() == weights[1].keys()
    assert all(torch.equal(weights[0][k], weights[1][k]) for k in weights[0])
    # the seed is what makes them equal: another seed trains (and scores) differently
    assert first["last_epoch_metrics"]["train/loss_epoch"] != other_seed["last_epoch_metrics"]["train/loss_epoch"]
    assert not all(torch.equal(weights[0][k], weights[2][k]) for k in weights[0])


def test_refit_trains_on_every_label_for_the_best_epochs_and_serves_that_model(labelled_store, tmp_path):
    """refit=true: a second model is trained on the validation labels too, for the validation run's best
    number of epochs, with its decision threshold; ckpt=best now names it, the validation checkpoint stays."""
    from datetime import timedelta

    from vrdndi.store import AppEvent
    from vrdndi.timeutil import iso, parse_time

    with Store(labelled_store) as store:  # an app first used in the validation period
        last = max(parse_time(e.end) for e in store.all_events())
        store.upsert_events([AppEvent("laptop", iso(last - timedelta(hours=h, minutes=5)),
                                      iso(last - timedelta(hours=h)), 300.0, app="zed", title="lib.rs",
                                      category="Work > Programming") for h in range(6)])
    _, result = train(labelled_store, tmp_path / "run", "trainer.max_epochs=3", "refit=true")
    refit, val_best = Path(result["best_ckpt"]), Path(result["val_best_ckpt"])
    assert refit.name == "refit.ckpt" and refit.is_file() and val_best.is_file()
    assert result["refit_epochs"] == result["best_epoch"] + 1
    with Store(labelled_store) as store:
        assert store.get("train.last_run")["best_ckpt"] == str(refit)
    refitted, validated = (torch.load(p, weights_only=False) for p in (refit, val_best))
    assert refitted["epoch"] == result["refit_epochs"]  # Lightning counts the epochs it finished
    assert torch.equal(refitted["state_dict"]["productive_logit_offset"],
                       validated["state_dict"]["productive_logit_offset"])
    assert not torch.equal(refitted["state_dict"]["net.video_proj.0.weight"],
                           validated["state_dict"]["net.video_proj.0.weight"])
    # its summary columns are the validation run's (the members copied from that run read them by position,
    # and the threshold was chosen on them), although apps first seen in the validation period exist
    summary = refitted["hyper_parameters"]["context"]["summary"]
    assert summary == validated["hyper_parameters"]["context"]["summary"]
    assert refitted["hyper_parameters"]["net"]["summary_dim"] == validated["hyper_parameters"]["net"]["summary_dim"]
    with Store(labelled_store) as store:
        from vrdndi.features.summary import vocabulary

        every_app, _ = vocabulary(store.all_events(), until=None, max_apps=10_000)
    assert "zed" in every_app and "zed" not in summary["apps"]
    if "trees" in validated.get("vrdndi", {}):
        assert refitted["vrdndi"]["trees"] == validated["vrdndi"]["trees"]
    # it restores and scores like any checkpoint
    from vrdndi.inference.scorer import load_scorer

    with Store(labelled_store) as store:
        videos = store.videos()[:3]
        scores = load_scorer(refit).score(store, videos, ["2026-10-03T10:00:00+00:00"] * 3, progress=False)
    assert scores.shape == (3, 2) and ((scores >= 0) & (scores <= 1)).all()


def test_the_checkpoint_records_its_video_text_and_predict_builds_that_text(labelled_store, tmp_path):
    """data.video_text is written into the checkpoint; a checkpoint without it (trained before the format
    was recorded) is scored on the legacy text, title | channel | description."""
    from vrdndi.features.video import LEGACY_TEXT, TEXT_FORMAT
    from vrdndi.inference.scorer import load_scorer
    from vrdndi.store import Video

    _, result = train(labelled_store, tmp_path / "run", "trainer.max_epochs=1", "data.video_text.max_tags=2")
    content = torch.load(result["best_ckpt"], weights_only=False)
    assert content["hyper_parameters"]["video_text"] == {**TEXT_FORMAT, "max_tags": 2}
    video = Video("v", title="t", channel_title="c", category_id="27", tags=["a", "b", "c"], description="d")
    scorer = load_scorer(result["best_ckpt"])
    assert scorer.text == {**TEXT_FORMAT, "max_tags": 2}
    with Store(labelled_store) as store:
        assert scorer.builder(store).item(video, None).text == "t | c | Education | a, b | d"
    del content["hyper_parameters"]["video_text"]
    old = tmp_path / "old.ckpt"
    torch.save(content, old)
    legacy = load_scorer(old)
    assert legacy.text == LEGACY_TEXT
    with Store(labelled_store) as store:
        assert legacy.builder(store).item(video, None).text == "t | c | d"
        assert legacy.score(store, [video], ["2026-10-03T10:00:00+00:00"], progress=False).shape == (1, 2)


def test_refit_is_skipped_for_forward_folds(labelled_store, tmp_path):
    _, result = train(labelled_store, tmp_path / "run", "trainer.max_epochs=1", "refit=true", "split=kfold",
                      "data.n_folds=2")
    assert Path(result["best_ckpt"]).name == "best.ckpt" and "val_best_ckpt" not in result


def test_on_a_utc_system_the_guessed_zone_travels_in_the_checkpoint(labelled_store, tmp_path, monkeypatch):
    """context.tz=auto on a server or container in UTC: the zone is guessed from the training events (here a
    desk whose owner keeps New York hours across the November DST change), written into the checkpoint, and
    predict reads the time of day in it, not in its own system's zone nor by guessing again."""
    from datetime import date

    from tests.features.test_zone import at, habits, offset_h
    from vrdndi.inference.scorer import load_scorer
    from vrdndi.store import AppEvent
    from vrdndi.timeutil import iso

    monkeypatch.setenv("TZ", "UTC")
    with Store(labelled_store) as store:
        store.upsert_events([AppEvent("desk", iso(s), iso(e), (e - s).total_seconds(), app="code", title="a.py",
                                      category="Work") for s, e in habits("America/New_York", date(2026, 9, 20), 30)])
    _, result = train(labelled_store, tmp_path / "run", "trainer.max_epochs=1", "context.hosts=[desk]")
    zone = torch.load(result["best_ckpt"], weights_only=False)["hyper_parameters"]["context"]["tz"]
    assert zone != "auto" and offset_h(zone, at("2026-10-20")) == offset_h(zone, at("2026-11-03")) + 1
    monkeypatch.setenv("TZ", "Asia/Tokyo")  # predict on another machine: the checkpoint's zone still
    with Store(labelled_store) as store:
        assert load_scorer(result["best_ckpt"]).builder(store).context.tz.key == zone
