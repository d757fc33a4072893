"""Ranking promises: the combined score, the interest-only fallback, a stable order,
near-duplicates removed, a channel cap on the first page that pushes down and never drops."""

from __future__ import annotations

import numpy as np
import pytest

from vrdndi.errors import VrdndiError
from vrdndi.inference.ranking import (
    Candidate,
    cap_channels_on_first_page,
    choose_score_mode,
    combine,
    drop_near_duplicates,
    normalise_title,
    rank_feed,
    sort_candidates,
)


def cand(vid, score=0.5, *, channel="c", title=None, published="2024-05-01T00:00:00.000000+00:00"):
    return Candidate(video_id=vid, title=title if title is not None else f"title {vid}", channel=channel,
                     published_at=published, score=score)


def test_combine_modes():
    pi, pp = np.array([0.2, 0.9]), np.array([0.8, 0.1])
    assert combine(pi, pp, mode="interest", productive_weight=0.65).tolist() == [0.2, 0.9]
    assert combine(pi, pp, mode="productive", productive_weight=0.65).tolist() == [0.8, 0.1]
    np.testing.assert_allclose(combine(pi, pp, mode="blend", productive_weight=0.65),
                               [0.65 * 0.8 + 0.35 * 0.2, 0.65 * 0.1 + 0.35 * 0.9])
    with pytest.raises(VrdndiError, match="feed.score"):
        combine(pi, pp, mode="random", productive_weight=0.5)
    with pytest.raises(VrdndiError, match="productive_weight"):
        combine(pi, pp, mode="blend", productive_weight=1.5)


def test_too_few_productive_labels_ranks_by_interest_and_says_so():
    mode, note = choose_score_mode("blend", 3, 20)
    assert mode == "interest" and "interest alone" in note and "3" in note
    assert choose_score_mode("productive", 3, 20)[0] == "interest"
    assert choose_score_mode("blend", 20, 20)[0] == "blend"
    assert choose_score_mode("productive", 25, 20)[0] == "productive"
    with pytest.raises(VrdndiError):
        choose_score_mode("best", 25, 20)


def test_ties_break_by_newer_then_video_id_whatever_the_input_order():
    items = [cand("b", 0.5, published="2024-05-01T00:00:00.000000+00:00"),
             cand("a", 0.5, published="2024-05-01T00:00:00.000000+00:00"),
             cand("z", 0.5, published="2024-05-02T00:00:00.000000+00:00"),
             cand("y", 0.9, published=""),
             cand("x", 0.5, published="")]
    expected = ["y", "z", "a", "b", "x"]
    assert [c.video_id for c in sort_candidates(items)] == expected
    assert [c.video_id for c in sort_candidates(list(reversed(items)))] == expected


def test_normalised_title_ignores_case_accents_punctuation():
    assert normalise_title("Café  TALK!! (part 1)") == normalise_title("cafe talk part 1") == "cafe talk part 1"


def test_near_duplicates_keep_only_the_best_ranked():
    ranked = [cand("a", 0.9, channel="c1", title="Rust in 2024: what changed"),
              cand("b", 0.8, channel="c2", title="RUST in 2024 — what changed?"),  # same normalised title
              cand("c", 0.7, channel="c1", title="Rust in 2024 what changed 4K"),  # same channel, Jaccard 6/7
              cand("d", 0.6, channel="c3", title="Rust in 2024 what changed 4K"),  # other channel: kept
              cand("e", 0.5, channel="c1", title="Cooking pasta")]
    assert [c.video_id for c in drop_near_duplicates(ranked, 0.8)] == ["a", "d", "e"]
    # below the threshold c stays, and then d is an exact (normalised) copy of c
    assert [c.video_id for c in drop_near_duplicates(ranked, 0.95)] == ["a", "c", "e"]


def test_channel_cap_pushes_down_never_drops():
    ranked = [cand(f"a{i}", channel="A") for i in range(5)] + [cand(f"b{i}", channel="B") for i in range(3)]
    out = cap_channels_on_first_page(ranked, page_size=4, cap=2)
    assert [c.video_id for c in out] == ["a0", "a1", "b0", "b1", "a2", "a3", "a4", "b2"]
    assert sorted(c.video_id for c in out) == sorted(c.video_id for c in ranked)


def test_channel_cap_with_too_few_channels_still_lists_everything():
    ranked = [cand(f"a{i}", channel="A") for i in range(5)]
    out = cap_channels_on_first_page(ranked, page_size=4, cap=2)
    assert [c.video_id for c in out] == ["a0", "a1", "a2", "a3", "a4"]


def test_rank_feed_gives_ranks_one_to_n():
    items = rank_feed([cand(f"v{i}", score=i / 10, channel=f"c{i % 2}") for i in range(8)],
                      page_size=4, per_channel_cap=1, near_duplicate_threshold=0.95)
    assert [it.rank for it in items] == list(range(1, 9))
    assert [it.video_id for it in items][:2] == ["v7", "v6"]
    assert len({it.video_id for it in items}) == 8
