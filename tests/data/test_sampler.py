from collections import Counter

import pytest

from vrdndi.data.sampler import RatioSampler


def kinds_of(indices, kinds):
    return Counter(kinds[i] for i in indices)


@pytest.mark.parametrize("ratio", [0.25, 0.5, 0.75])
def test_ratio_is_kept(ratio):
    kinds = ["interest"] * 100 + ["productive"] * 900
    sampler = RatioSampler(kinds, interest_ratio=ratio, num_samples=4000, seed=1)
    counts = kinds_of(list(sampler), kinds)
    assert abs(counts["interest"] / 4000 - ratio) < 0.03
    assert sampler.productive_ratio == pytest.approx(1 - ratio)


def test_missing_kind_gives_its_share_to_the_other():
    kinds = ["productive"] * 10
    assert kinds_of(list(RatioSampler(kinds, interest_ratio=0.9)), kinds) == {"productive": 10}
    with pytest.raises(ValueError):
        RatioSampler([], interest_ratio=0.5)
    with pytest.raises(ValueError):
        RatioSampler(kinds, interest_ratio=1.5)


def test_epochs_differ_and_are_reproducible():
    kinds = ["interest", "productive"] * 50
    a = RatioSampler(kinds, seed=3)
    first = list(a)
    a.set_epoch(1)
    assert list(a) != first
    a.set_epoch(0)
    assert list(a) == first


def test_ranks_draw_distinct_shards_of_one_stream():
    kinds = ["interest", "productive"] * 50
    full = list(RatioSampler(kinds, seed=5, num_samples=100))
    shards = [list(RatioSampler(kinds, seed=5, num_samples=100, num_replicas=2, rank=r)) for r in (0, 1)]
    assert len(shards[0]) == len(shards[1]) == 50
    assert sorted(shards[0] + shards[1]) == sorted(full)
