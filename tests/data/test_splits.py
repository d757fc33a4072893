"""No future leaks into a validation fold: every training label (and its context window) ends before
every validation moment of the same fold."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from vrdndi.data.samples import Sample, load_samples
from vrdndi.data.splits import time_split
from vrdndi.errors import VrdndiError
from vrdndi.store import Label, Video
from vrdndi.timeutil import iso, parse_time

T0 = datetime(2026, 10, 1, tzinfo=timezone.utc)


def make_samples(n: int = 300) -> list[Sample]:
    out = []
    for i in range(n):
        moment = T0 + timedelta(hours=3 * i)
        known = iso(moment + timedelta(minutes=5))
        if i % 3 == 0:
            out.append(Sample(f"v{i}", "interest", i % 2, "", known))
        else:
            out.append(Sample(f"v{i}", "productive", i % 2, iso(moment), known))
    out.append(Sample("liked-long-ago", "interest", 1, "", ""))  # unknown time
    return out


def assert_no_leak(samples, split, purge_hours):
    val_start = min(parse_time(samples[i].moment or samples[i].known_at) for i in split.val)
    for i in split.train:
        s = samples[i]
        if not s.known_at:
            continue
        known = parse_time(s.known_at)
        if not s.moment:  # about the video, not a moment: no context window, known before the cut is enough
            assert known <= val_start
            continue
        # the label was known, and its context window ended, a purge gap before any validation moment
        assert known + timedelta(hours=purge_hours) <= val_start
        assert parse_time(s.moment) < val_start


def test_holdout_purges_context_window():
    samples = make_samples()
    split = time_split(samples, kind="holdout", val_fraction=0.2, purge_hours=6)
    assert split.val and split.train
    assert_no_leak(samples, split, 6)
    assert samples.index(next(s for s in samples if s.video_id == "liked-long-ago")) in split.train
    assert not set(split.train) & set(split.val)


@pytest.mark.parametrize("fold", range(5))
def test_forward_folds_expand_and_never_leak(fold):
    samples = make_samples()
    split = time_split(samples, kind="kfold", fold=fold, n_folds=5, purge_hours=6)
    assert_no_leak(samples, split, 6)
    if fold:
        previous = time_split(samples, kind="kfold", fold=fold - 1, n_folds=5, purge_hours=6)
        assert len(split.train) > len(previous.train)  # expanding window
        assert min(split.val) > min(previous.val) or split.cut > previous.cut


def test_moment_less_labels_known_just_before_the_cut_still_train():
    """A like or a labeller answer known an hour before the cut has no context window to leak: the
    purge gap (12 h here) drops only labels with a moment."""
    samples = make_samples()
    split = time_split(samples, kind="holdout", val_fraction=0.2, purge_hours=12)
    cut = parse_time(split.cut)
    in_gap = [i for i, s in enumerate(samples) if s.known_at and cut - timedelta(hours=12) <= parse_time(s.known_at) < cut]
    assert any(not samples[i].moment for i in in_gap) and any(samples[i].moment for i in in_gap)
    for i in in_gap:
        assert (i in split.train) == (not samples[i].moment)
    assert_no_leak(samples, split, 12)


def test_bad_fold_and_too_few_labels_are_user_errors():
    with pytest.raises(VrdndiError, match="data.fold"):
        time_split(make_samples(), kind="kfold", fold=5, n_folds=5)
    with pytest.raises(VrdndiError, match="labels"):
        time_split(make_samples(1)[:1], kind="holdout")


def test_load_samples_newest_label_wins_and_unknown_videos_dropped(store):
    store.upsert_videos([Video("a", title="A"), Video("b", title="B")])
    store.add_labels([
        Label("a", "interest", 1, "like", labelled_at="2026-10-01T00:00:00.000000+00:00"),
        Label("a", "interest", 0, "web", labelled_at="2026-10-02T00:00:00.000000+00:00"),
        Label("b", "productive", 1, "web", moment="2026-10-03T00:00:00.000000+00:00",
              labelled_at="2026-10-03T00:01:00.000000+00:00"),
        Label("b", "productive", 1, "web", moment=""),  # no moment: says nothing about timing
        Label("ghost", "interest", 1, "like"),
    ])
    samples = load_samples(store)
    assert [(s.video_id, s.kind, s.label) for s in samples] == [("a", "interest", 0), ("b", "productive", 1)]


def test_split_all_trains_on_every_label_and_validates_on_none():
    samples = make_samples()
    split = time_split(samples, kind="all")
    assert split.train == list(range(len(samples))) and split.val == []
    assert split.cut == max(s.known_at for s in samples if s.known_at)
