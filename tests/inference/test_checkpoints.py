"""ckpt=best | last | <run name> | <path>: registry first, then the newest run folder; a miss lists
every place that was tried."""

from __future__ import annotations

import os

import pytest

from tests.inference.scorer_double import write_double_checkpoint
from tests.inference.support import MOMENT, make_videos, predict_cfg
from vrdndi.errors import NotAvailableError
from vrdndi.inference.checkpoints import LAST_RUN_KEY, CheckpointNotFound, resolve_checkpoint
from vrdndi.store import Store


@pytest.fixture
def store(home):
    with Store(home / "vrdndi.sqlite") as s:
        yield s


def _age(path, seconds_ago):
    t = path.stat().st_mtime - seconds_ago
    os.utime(path, (t, t))


def test_best_and_last_from_the_registry(home, store, trained_run):
    other = home / "runs" / "elsewhere" / "run1"
    write_double_checkpoint(other / "checkpoints" / "best.ckpt")
    write_double_checkpoint(other / "checkpoints" / "last.ckpt")
    store.set(LAST_RUN_KEY, {"run_dir": str(other), "best_ckpt": str(other / "checkpoints" / "best.ckpt"),
                             "last_ckpt": str(other / "checkpoints" / "last.ckpt"), "best_score": 0.7,
                             "finished_at": "2024-05-01T00:00:00.000000+00:00", "task_name": "train"})
    best = resolve_checkpoint("best", runs_dir=home / "runs", store=store)
    assert best.path == (other / "checkpoints" / "best.ckpt").resolve() and "registry" in best.how
    last = resolve_checkpoint("last", runs_dir=home / "runs", store=store)
    assert last.path == (other / "checkpoints" / "last.ckpt").resolve()


def test_registry_naming_a_file_outside_the_runs_folder_is_refused(home, store, trained_run):
    outside = home / "elsewhere" / "run1" / "checkpoints" / "best.ckpt"
    write_double_checkpoint(outside)
    store.set(LAST_RUN_KEY, {"best_ckpt": str(outside)})
    resolved = resolve_checkpoint("best", runs_dir=home / "runs", store=store)
    assert resolved.path == (trained_run / "checkpoints" / "best.ckpt").resolve() and "newest run" in resolved.how
    # the user may still name it
    assert resolve_checkpoint(str(outside), runs_dir=home / "runs", store=store).path == outside.resolve()


def test_without_registry_the_newest_run_wins(home, store, trained_run):
    newer = home / "runs" / "train" / "multirun" / "2024-05-01_08-00-00_000000" / "3"
    write_double_checkpoint(newer / "checkpoints" / "best.ckpt", trained_on=store.path)
    _age(trained_run / "checkpoints" / "best.ckpt", 3600)
    assert resolve_checkpoint("best", runs_dir=home / "runs", store=store).path == \
        (newer / "checkpoints" / "best.ckpt").resolve()
    # the newer run has no last.ckpt: last comes from the older run
    assert resolve_checkpoint("last", runs_dir=home / "runs", store=store).path == \
        (trained_run / "checkpoints" / "last.ckpt").resolve()


def test_registry_pointing_at_a_deleted_file_falls_back_to_the_scan(home, store, trained_run):
    store.set(LAST_RUN_KEY, {"best_ckpt": str(home / "gone" / "best.ckpt")})
    resolved = resolve_checkpoint("best", runs_dir=home / "runs", store=store)
    assert resolved.path == (trained_run / "checkpoints" / "best.ckpt").resolve()


def test_run_name_and_path(home, store, trained_run):
    by_name = resolve_checkpoint(trained_run.name, runs_dir=home / "runs", store=store)
    assert by_name.path == (trained_run / "checkpoints" / "best.ckpt").resolve()
    by_path = resolve_checkpoint(str(trained_run / "checkpoints" / "last.ckpt"), runs_dir=home / "runs")
    assert by_path.path == (trained_run / "checkpoints" / "last.ckpt").resolve()
    by_dir = resolve_checkpoint(str(trained_run), runs_dir=home / "runs")
    assert by_dir.path.name == "best.ckpt"
    job = home / "runs" / "train" / "multirun" / "2024-05-02_08-00-00_000000" / "0"
    write_double_checkpoint(job / "checkpoints" / "best.ckpt")
    assert resolve_checkpoint("2024-05-02_08-00-00_000000/0", runs_dir=home / "runs").path.parent.parent == \
        job.resolve()


def test_ambiguous_run_name_says_which(home, store):
    for ts in ("2024-05-02_08-00-00_000000", "2024-05-03_08-00-00_000000"):
        write_double_checkpoint(home / "runs" / "train" / "multirun" / ts / "0" / "checkpoints" / "best.ckpt")
    with pytest.raises(NotAvailableError, match="matches 2 runs"):
        resolve_checkpoint("0", runs_dir=home / "runs", store=store)


def test_nothing_trained_is_one_helpful_line(home, store):
    with pytest.raises(CheckpointNotFound) as err:
        resolve_checkpoint("best", runs_dir=home / "runs", store=store)
    message = str(err.value)
    assert "\n" not in message
    assert LAST_RUN_KEY in message and "checkpoints/best.ckpt" in message and "python train.py" in message
    with pytest.raises(CheckpointNotFound, match="missing"):
        resolve_checkpoint(str(home / "nope.ckpt"), runs_dir=home / "runs", store=store)
    with pytest.raises(CheckpointNotFound, match="a run named 'my-run'"):
        resolve_checkpoint("my-run", runs_dir=home / "runs", store=store)


def test_a_run_of_another_store_never_serves_this_one(home, store):
    """The demo's run (trained on demo.sqlite) is the only run under runs/: ckpt=best on a person's own
    store does not take it; the miss names why in one line, and predict gives the cold-start feed."""
    demo_run = home / "runs" / "demo" / "2024-04-30_10-00-00_000000"
    write_double_checkpoint(demo_run / "checkpoints" / "best.ckpt", trained_on=home / "demo.sqlite")
    write_double_checkpoint(demo_run / "checkpoints" / "last.ckpt", trained_on=home / "demo.sqlite")
    for spec in ("best", "last"):
        with pytest.raises(CheckpointNotFound) as err:
            resolve_checkpoint(spec, runs_dir=home / "runs", store=store)
        assert "\n" not in str(err.value) and "1 of other stores" in str(err.value)
    with Store(home / "demo.sqlite") as demo:  # the demo store itself still finds its own run
        assert resolve_checkpoint("best", runs_dir=home / "runs", store=demo).path.parent.parent == demo_run.resolve()
    # a run that says nothing about its store is not taken for this one either
    write_double_checkpoint(home / "runs" / "train" / "anon" / "checkpoints" / "best.ckpt")
    with pytest.raises(CheckpointNotFound, match="2 of other stores"):
        resolve_checkpoint("best", runs_dir=home / "runs", store=store)
    from vrdndi.inference import predict_feed

    store.upsert_videos(make_videos(5))
    feed_run = predict_feed(predict_cfg(home, f"predict.at={MOMENT}"), store)
    assert feed_run.mode == "cold-start" and feed_run.checkpoint == "cold-start"


def test_a_run_from_before_the_identity_is_matched_by_its_hydra_config(home, store):
    run_dir = home / "runs" / "train" / "2024-04-01_10-00-00_000000"
    write_double_checkpoint(run_dir / "checkpoints" / "best.ckpt")
    (run_dir / ".hydra").mkdir()
    (run_dir / ".hydra" / "config.yaml").write_text(
        "paths:\n  home: ${vrdndi:data_home}\n  store: ${paths.home}/vrdndi.sqlite\ndata:\n  store: ${paths.store}\n")
    assert resolve_checkpoint("best", runs_dir=home / "runs", store=store).path.parent.parent == run_dir.resolve()
    (run_dir / ".hydra" / "config.yaml").write_text(f"data:\n  store: {home / 'demo.sqlite'}\n")
    with pytest.raises(CheckpointNotFound):
        resolve_checkpoint("best", runs_dir=home / "runs", store=store)


def test_a_fold_model_of_vrdndi_evaluate_is_never_taken_for_ckpt_best(home, store):
    """vrdndi evaluate trains on part of the labels (record_run=false) under runs/evaluate: even though
    it was trained on this store, the scan never takes it."""
    import json

    fold = home / "runs" / "evaluate" / "20240501-100000" / "fold1" / "default"
    write_double_checkpoint(fold / "checkpoints" / "best.ckpt", trained_on=store.path)
    metrics = json.loads((fold / "metrics.json").read_text())
    (fold / "metrics.json").write_text(json.dumps({**metrics, "task_name": "evaluate"}))
    with pytest.raises(CheckpointNotFound):
        resolve_checkpoint("best", runs_dir=home / "runs", store=store)
