"""Diversity: MMR moves near-identical videos apart, mmr_lambda=1 is the plain ranking, and it composes
with the per-channel cap."""

from __future__ import annotations

import numpy as np
import pytest

from vrdndi.errors import VrdndiError
from vrdndi.inference.ranking import Candidate, mmr_order, rank_feed


def cand(vid, score, channel="c"):
    return Candidate(video_id=vid, title=f"title {vid}", channel=channel, published_at="2024-05-01T00:00:00+00:00",
                     score=score)


def unit(*xs):
    v = np.asarray(xs, dtype=np.float64)
    return v / np.linalg.norm(v)


VECTORS = {"a1": unit(1, 0, 0), "a2": unit(1, 0.01, 0), "a3": unit(1, 0, 0.01), "b": unit(0, 1, 0),
           "c": unit(0, 0, 1)}
CANDS = [cand("a1", 0.95, "x"), cand("a2", 0.94, "y"), cand("a3", 0.93, "z"), cand("b", 0.80, "w"),
         cand("c", 0.70, "v")]


def ids(items):
    return [getattr(i, "video_id") for i in items]


def test_mmr_moves_near_identical_items_apart():
    plain = rank_feed(CANDS, page_size=5, per_channel_cap=3, near_duplicate_threshold=0.95)
    mmr = rank_feed(CANDS, page_size=5, per_channel_cap=3, near_duplicate_threshold=0.95, diversity="mmr",
                    mmr_lambda=0.7, vectors=VECTORS)
    assert ids(plain) == ["a1", "a2", "a3", "b", "c"]
    assert ids(mmr)[:3] == ["a1", "b", "c"]  # the near-copies of a1 wait until the others are shown
    assert sorted(ids(mmr)) == sorted(ids(plain)) and [i.rank for i in mmr] == [1, 2, 3, 4, 5]


def test_mmr_lambda_one_is_the_plain_ranking():
    rng = np.random.default_rng(0)
    cands = [cand(f"v{i:02d}", float(rng.choice([0.1, 0.5, 0.9])), f"ch{i % 4}") for i in range(30)]
    vectors = {c.video_id: unit(*rng.normal(size=8)) for c in cands}
    plain = rank_feed(cands, page_size=10, per_channel_cap=2, near_duplicate_threshold=0.95)
    same = rank_feed(cands, page_size=10, per_channel_cap=2, near_duplicate_threshold=0.95, diversity="mmr",
                     mmr_lambda=1.0, vectors=vectors)
    assert plain == same
    assert mmr_order(cands, vectors, mmr_lambda=1.0) == cands


def test_channel_cap_still_applies_after_mmr():
    cands = [cand(f"s{i}", 0.9 - i * 0.01, "same") for i in range(5)] + [cand("o", 0.1, "other")]
    vectors = {c.video_id: unit(1, i * 0.5, 0) for i, c in enumerate(cands)}
    items = rank_feed(cands, page_size=3, per_channel_cap=2, near_duplicate_threshold=0.95, diversity="mmr",
                      mmr_lambda=0.5, vectors=vectors)
    page = ids(items)[:3]
    assert sum(v.startswith("s") for v in page) == 2 and "o" in page


def test_bad_settings_are_one_clear_error():
    with pytest.raises(VrdndiError, match="feed.diversity"):
        rank_feed(CANDS, page_size=5, per_channel_cap=3, near_duplicate_threshold=0.95, diversity="shuffle")
    with pytest.raises(VrdndiError, match="feed.mmr_lambda"):
        mmr_order(CANDS, VECTORS, mmr_lambda=1.5)
