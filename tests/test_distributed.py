"""Multi-process training: each rank draws a distinct shard of the ratio-sampled stream (no second
DistributedSampler from Lightning), metrics are synced, and a real 2-process ddp_spawn run on CPU
finishes with a checkpoint that restores."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import pytest
from lightning.pytorch.callbacks import Callback
from torch.utils.data import DistributedSampler

from tests.helpers import compose_train, tiny_store
from vrdndi.config import compose
from vrdndi.data.sampler import RatioSampler


class RecordShard(Callback):
    """Writes the sample indices this rank's train loader draws in epoch 0 to ``<folder>/rank<r>.json``."""

    def __init__(self, folder: str):
        self.folder = folder

    def on_train_epoch_start(self, trainer, pl_module) -> None:
        sampler = trainer.train_dataloader.sampler
        record = {"rank": trainer.global_rank, "world_size": trainer.world_size, "sampler": type(sampler).__name__,
                  "num_replicas": getattr(sampler, "num_replicas", None), "indices": [int(i) for i in sampler],
                  "interest": list(getattr(sampler, "interest", [])),
                  "productive": list(getattr(sampler, "productive", []))}
        Path(self.folder).mkdir(parents=True, exist_ok=True)
        (Path(self.folder) / f"rank{trainer.global_rank}.json").write_text(json.dumps(record))


@pytest.fixture
def labelled_store(tmp_path):
    return tiny_store(tmp_path / "tiny.sqlite", hours=24 * 4)


def datamodule_for(store, sampler: str):
    from hydra.utils import instantiate

    cfg = compose("train", [f"data.store={store}", "backbone=tiny", f"sampler={sampler}"])
    dm = instantiate(cfg.data, split=cfg.split, context=cfg.context, backbone=cfg.backbone,
                     sampler=instantiate(cfg.sampler), with_context=False, _recursive_=False)
    dm.setup("fit")
    return dm


@pytest.mark.parametrize("sampler", ["ratio", "shuffle"])
def test_each_rank_gets_a_distinct_shard_from_the_datamodule(labelled_store, sampler):
    dm = datamodule_for(labelled_store, sampler)
    shards = []
    for rank in (0, 1):
        dm.trainer = SimpleNamespace(world_size=2, global_rank=rank)
        loader_sampler = dm.train_dataloader().sampler
        assert isinstance(loader_sampler, RatioSampler if sampler == "ratio" else DistributedSampler)
        assert loader_sampler.num_replicas == 2 and loader_sampler.rank == rank
        shards.append(list(loader_sampler))
    n = len(dm._train)
    assert abs(len(shards[0]) - n / 2) <= 1 and len(shards[0]) == len(shards[1])
    if sampler == "shuffle":  # a permutation split in two: no index on both ranks (up to padding)
        assert len(set(shards[0]) & set(shards[1])) <= 1
    # the ratio sampler draws with replacement from one stream: the ranks take alternate positions
    dm.trainer = None
    assert len(dm.train_dataloader().sampler) == n


def test_trainer_configs_keep_lightning_from_wrapping_the_sampler():
    for option in ("cpu", "gpu", "ddp"):
        assert compose("train", [f"trainer={option}"]).trainer.use_distributed_sampler is False
    ddp = compose("train", ["trainer=ddp"]).trainer
    assert (ddp.strategy, ddp.devices, ddp.precision, ddp.sync_batchnorm) == ("ddp", "auto", "bf16-mixed", False)


@pytest.mark.slow
def test_ddp_spawn_on_two_cpu_processes_trains_and_checkpoints(labelled_store, tmp_path):
    from vrdndi.inference.scorer import load_scorer
    from vrdndi.store import Store
    from vrdndi.train import run

    shards = tmp_path / "shards"
    cfg = compose_train([f"data.store={labelled_store}", "backbone=tiny", "model=hybrid", "data.batch_size=8",
                         "trainer=ddp", "trainer.accelerator=cpu", "trainer.strategy=ddp_spawn", "trainer.devices=2",
                         "trainer.precision=32-true", "model.compile_model=false", "trainer.limit_train_batches=3",
                         "trainer.limit_val_batches=2", "test_best=false",
                         "+callbacks.record_shard._target_=tests.test_distributed.RecordShard",
                         f"+callbacks.record_shard.folder={shards}"], tmp_path / "run")
    result = run(cfg)
    assert Path(result["best_ckpt"]).is_file() and Path(result["last_ckpt"]).is_file()
    assert result["best_epoch"] == 0 and 0.0 <= result["best_score"] <= 1.0  # state taken from the workers
    assert json.loads((tmp_path / "run" / "metrics.json").read_text())["best_ckpt"] == result["best_ckpt"]
    ranks = [json.loads((shards / f"rank{r}.json").read_text()) for r in (0, 1)]
    assert [(r["rank"], r["world_size"], r["sampler"], r["num_replicas"]) for r in ranks] == \
        [(0, 2, "RatioSampler", 2), (1, 2, "RatioSampler", 2)]
    # the two shards are the even and odd positions of the one stream a single process would draw:
    # distinct draws, none repeated across ranks, none lost
    n_train = result["n_train"]
    kinds = ["interest" if i in set(ranks[0]["interest"]) else "productive" for i in range(n_train)]
    stream = list(RatioSampler(kinds, interest_ratio=cfg.sampler.interest_ratio, seed=cfg.seed,
                               num_samples=2 * -(-n_train // 2)))
    assert ranks[0]["indices"] == stream[0::2] and ranks[1]["indices"] == stream[1::2]
    assert ranks[0]["indices"] != ranks[1]["indices"]
    with Store(labelled_store) as store:
        scores = load_scorer(result["best_ckpt"]).score(store, store.videos()[:2], ["", ""], progress=False)
    assert scores.shape == (2, 2)
