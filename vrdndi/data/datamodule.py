"""The LightningDataModule: store -> samples -> time-forward split -> ratio-sampled batches."""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path
from typing import Any

import lightning as L
import numpy as np
from omegaconf import DictConfig, OmegaConf
from torch.utils.data import DataLoader, Dataset, DistributedSampler

from vrdndi.data.samples import Sample, known_before, load_samples, log_moments
from vrdndi.data.splits import Split, time_split
from vrdndi.errors import VrdndiError
from vrdndi.features.batch import BatchBuilder, Item
from vrdndi.features.context import build_context
from vrdndi.features.encoder import load_tokenizer
from vrdndi.features.summary import SummarySpec, fit_topics
from vrdndi.features.video import TEXT_FORMAT, text_format
from vrdndi.store import INTEREST, PRODUCTIVE, Store
from vrdndi.timeutil import iso, parse_time

log = logging.getLogger(__name__)


def _plain(cfg: Any) -> Any:
    return OmegaConf.to_container(cfg, resolve=True) if isinstance(cfg, DictConfig) else (cfg or {})


class ItemDataset(Dataset):
    def __init__(self, items: list[Item]):
        self.items = items

    def __len__(self) -> int:
        return len(self.items)

    def __getitem__(self, index: int) -> Item:
        return self.items[index]


class VrdndiDataModule(L.LightningDataModule):
    def __init__(self, *, store: str, build_demo: bool = False, demo: dict | None = None, batch_size: int = 4,
                 train_num_workers: int = 0, eval_num_workers: int = 0, max_length: int = 256, fold: int = 0,
                 n_folds: int = 5, max_labels: int | None = None, split: Any = None, context: Any = None,
                 backbone: Any = None, sampler: Any = None, with_context: bool = False, seed: int = 42,
                 ignore_index: int = -100, train_until: str | None = None, video_text: Any = None):
        super().__init__()
        # labels known at or after this moment are left out (the evaluation trains "as of" a date)
        self.train_until = iso(parse_time(str(train_until))) if train_until else None
        self.store_path = store
        self.video_text = text_format(_plain(video_text) if video_text is not None else TEXT_FORMAT)
        self.build_demo, self.demo = build_demo, _plain(demo)
        self.batch_size, self.max_length = int(batch_size), int(max_length)
        self.train_num_workers, self.eval_num_workers = int(train_num_workers), int(eval_num_workers)
        self.fold, self.n_folds, self.max_labels = int(fold), int(n_folds), max_labels
        self.split_cfg, self.context_cfg = _plain(split) or {"kind": "holdout"}, _plain(context)
        self.backbone_cfg, self.sampler_factory = _plain(backbone), sampler
        self.with_context, self.seed, self.ignore_index = bool(with_context), int(seed), ignore_index
        self.samples: list[Sample] = []
        self.split: Split | None = None
        self.builder: BatchBuilder | None = None
        self.event_dim: int | None = None  # width of the event embeddings (the model's num_out_feature)
        self.summary_spec: SummarySpec | None = None  # the context summary's columns (kept in the checkpoint)
        self.summary_dim = 0  # width of [ctx_summary, flattened ctx_window_emb]
        self.zone_choice = None  # the time-of-day zone and why (features.zone.ZoneChoice), context models
        self._train: list[Item] = []
        self._val: list[Item] = []

    def prepare_data(self) -> None:
        if self.build_demo:
            from vrdndi.sources.demo import build_demo_store

            with Store(self.store_path) as store:
                if not store.counts()["labels"]:
                    log.info("building the demo store at %s", self.store_path)
                    build_demo_store(store, **(self.demo or {}))

    def setup(self, stage: str | None = None) -> None:
        if self.builder is not None:
            return
        if not Path(self.store_path).is_file():  # reading must not create an empty store
            raise VrdndiError(f"{self.store_path} does not exist: bring your data in first (vrdndi ingest aw, "
                              "vrdndi ingest youtube, vrdndi import DIR) or train on the demo "
                              "(python train.py experiment=demo)")
        with Store(self.store_path) as store:
            self.samples = load_samples(store, max_labels=self.max_labels)
            if self.train_until:
                self.samples = known_before(self.samples, self.train_until)
            if not self.samples:
                raise VrdndiError(f"{self.store_path} has no labels to train on: ingest likes/watch history, "
                                  "label videos, or train on the demo (python train.py experiment=demo)")
            self.split = time_split(self.samples, kind=self.split_cfg.get("kind", "holdout"),
                                    val_fraction=self.split_cfg.get("val_fraction"), fold=self.fold,
                                    n_folds=self.n_folds, purge_hours=self.context_cfg.get("window_hours", 6))
            videos = {v.video_id: v for v in store.videos({s.video_id for s in self.samples}, status=None)}
            # the summary's app/category columns come from events before the validation period
            context = (build_context(store, self.context_cfg, vocab_until=self.split.cut)
                       if self.with_context else None)
        self.builder = BatchBuilder(load_tokenizer(self.backbone_cfg), max_length=self.max_length,
                                    context=context, ignore_index=self.ignore_index, text=self.video_text)

        def item(sample: Sample) -> Item:
            target = {"interest": sample.label} if sample.kind == INTEREST else {"productive": sample.label}
            return self.builder.item(videos[sample.video_id], sample.moment or None, **target)

        self._train = [item(self.samples[i]) for i in self.split.train]
        self._val = [item(self.samples[i]) for i in self.split.val]
        if context is not None:
            self.zone_choice = context.zone_choice
            table = context.embeddings()  # encode every distinct event text once, before the first batch
            self.event_dim = int(context.encoder.dim)
            spec = context.summarizer.spec if context.summarizer is not None else None
            if spec is not None and spec.n_topics and not spec.topics:
                spec = context.summarizer.spec = self._fit_topics(spec, table)
            self.summary_spec = spec
            if spec is not None:
                self.summary_dim = (spec.numeric_dim + spec.topic_dim
                                    + (len(spec.windows_min) * self.event_dim if spec.text else 0))
        log.info("data: %d samples (%d train, %d val; cut %s), %d distinct event texts", len(self.samples),
                 len(self._train), len(self._val), self.split.cut, len(context.texts) if context else 0)
        if self.with_context:
            log_moments([self.samples[i] for i in self.split.train])

    def _fit_topics(self, spec: SummarySpec, table: np.ndarray) -> SummarySpec:
        """The summary's topics, fitted on the event texts of the *training* contexts only (weighted by
        their seconds in the widest window), so validation texts shape nothing the model learns from."""
        weights = np.zeros(len(table), np.float32)
        for item in self._train:
            summary = item.context.summary if item.context is not None else None
            if summary is not None and summary.window_text:
                ids, seconds = summary.window_text[-1]  # windows are ordered; the last is the widest
                np.add.at(weights, ids, seconds)
        used = np.flatnonzero(weights > 0)
        centres = fit_topics(table[used], weights[used], spec.n_topics, seed=self.seed)
        log.info("context summary: %d topics fitted on %d event texts of the training contexts", len(centres),
                 len(used))
        return replace(spec, topics=tuple(tuple(float(x) for x in c) for c in centres))

    def items(self, part: str) -> list[Item]:
        """The built items of the ``train`` or ``val`` split (after ``setup``), in split order."""
        if part not in ("train", "val"):
            raise ValueError(f"part must be train or val, not {part!r}")
        return list(self._train if part == "train" else self._val)

    # -- statistics of the training split --------------------------------------------------
    def train_kinds(self) -> list[str]:
        return [self.samples[i].kind for i in self.split.train]

    def class_weights(self) -> tuple[list[float] | None, list[float] | None]:
        """Inverse-frequency class weights per head, from the training split only."""
        out = []
        for kind in (INTEREST, PRODUCTIVE):
            labels = [self.samples[i].label for i in self.split.train if self.samples[i].kind == kind]
            if not labels or len(set(labels)) < 2:
                out.append(None)
                continue
            n = len(labels)
            counts = [labels.count(0), labels.count(1)]
            out.append([n / (2 * c) for c in counts])
        return out[0], out[1]

    # -- loaders -----------------------------------------------------------------------------
    def _replicas(self) -> tuple[int, int]:
        """(world size, global rank) of the attached trainer; (1, 0) outside a distributed run."""
        if self.trainer is None:
            return 1, 0
        return int(self.trainer.world_size), int(self.trainer.global_rank)

    def train_dataloader(self) -> DataLoader:
        # The samplers shard by rank themselves (the trainer configs set use_distributed_sampler: false,
        # so Lightning does not wrap them in a second DistributedSampler): each rank draws a distinct
        # shard of one ratio-sampled stream. Validation is not sharded: every rank evaluates the whole
        # (small) validation split, so synced metrics equal single-process ones.
        world, rank = self._replicas()
        dataset = ItemDataset(self._train)
        sampler = None
        if self.sampler_factory is not None:
            try:
                sampler = self.sampler_factory(self.train_kinds(), seed=self.seed, num_replicas=world, rank=rank)
            except TypeError:  # torch samplers take the dataset
                sampler = self.sampler_factory(dataset)
                if world > 1:
                    sampler = DistributedSampler(dataset, num_replicas=world, rank=rank, shuffle=True, seed=self.seed)
        elif world > 1:
            sampler = DistributedSampler(dataset, num_replicas=world, rank=rank, shuffle=True, seed=self.seed)
        return DataLoader(dataset, batch_size=self.batch_size, sampler=sampler,
                          shuffle=sampler is None, collate_fn=self.builder.collate,
                          num_workers=self.train_num_workers, persistent_workers=self.train_num_workers > 0)

    def val_dataloader(self) -> DataLoader:
        return DataLoader(ItemDataset(self._val), batch_size=max(self.batch_size, 16), shuffle=False,
                          collate_fn=self.builder.collate, num_workers=self.eval_num_workers)
