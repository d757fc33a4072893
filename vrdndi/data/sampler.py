"""Ratio sampling: each draw is an interest sample with probability ``interest_ratio`` and a productive
sample otherwise (productive ratio = 1 - interest_ratio, always derived). A kind with no samples gives
its share to the other. Under distributed training each rank draws a distinct shard of the stream."""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence

import torch
from torch.utils.data import Sampler


class RatioSampler(Sampler[int]):
    def __init__(self, kinds: Sequence[str], *, interest_ratio: float = 0.5, num_samples: int | None = None,
                 seed: int = 42, num_replicas: int = 1, rank: int = 0):
        if not 0.0 <= float(interest_ratio) <= 1.0:
            raise ValueError(f"sampler.interest_ratio must be in [0, 1], not {interest_ratio}")
        self.interest = [i for i, k in enumerate(kinds) if k == "interest"]
        self.productive = [i for i, k in enumerate(kinds) if k == "productive"]
        if not self.interest and not self.productive:
            raise ValueError("RatioSampler needs at least one sample")
        self.interest_ratio = float(interest_ratio)
        self.total = int(num_samples) if num_samples else len(kinds)
        self.seed = int(seed)
        self.epoch = 0
        self.num_replicas = max(1, int(num_replicas))
        self.rank = int(rank)
        if torch.distributed.is_available() and torch.distributed.is_initialized() and num_replicas == 1:
            self.num_replicas = torch.distributed.get_world_size()
            self.rank = torch.distributed.get_rank()

    @property
    def productive_ratio(self) -> float:
        return 1.0 - self.interest_ratio

    def set_epoch(self, epoch: int) -> None:
        self.epoch = int(epoch)

    def __len__(self) -> int:
        return -(-self.total // self.num_replicas)

    def __iter__(self) -> Iterator[int]:
        rng = random.Random(self.seed * 1_000_003 + self.epoch)
        pools = {"interest": list(self.interest), "productive": list(self.productive)}
        cursors = {k: len(v) for k, v in pools.items()}  # exhausted: reshuffle on first use

        def draw(kind: str) -> int:
            pool = pools[kind]
            if cursors[kind] >= len(pool):
                rng.shuffle(pool)
                cursors[kind] = 0
            cursors[kind] += 1
            return pool[cursors[kind] - 1]

        stream = []
        per_rank = len(self)
        for _ in range(per_rank * self.num_replicas):
            want_interest = rng.random() < self.interest_ratio
            kind = "interest" if want_interest else "productive"
            if not pools[kind]:
                kind = "productive" if kind == "interest" else "interest"
            stream.append(draw(kind))
        return iter(stream[self.rank::self.num_replicas])
