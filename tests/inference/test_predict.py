"""predict: the feed for a moment (both heads, the combined score, ranks), the same feed twice,
candidates CSV scoring, one-line errors for bad input, and the cold-start feed."""

from __future__ import annotations

import csv
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.inference.support import DOUBLE, MOMENT, make_videos, predict_cfg
from vrdndi.errors import BadInputError, VrdndiError
from vrdndi.inference import predict_feed, refresh_feed, run
from vrdndi.inference.checkpoints import CheckpointNotFound
from vrdndi.store import Label, Store, Video, Watch

REPO = Path(__file__).resolve().parents[2]


def feed_rows(store: Store, run_id: int):
    return [(item.video_id, item.rank, item.score, item.p_interest, item.p_productive)
            for item, _ in store.feed_page(run_id, limit=1000)]


def test_feed_has_both_heads_and_ranks(home, seeded_store, trained_run, caplog):
    seeded_store.upsert_watches([Watch("v000", "2024-04-30T10:00:00+00:00")])
    seeded_store.add_labels([Label("v001", "interest", 1, "like")])
    seeded_store.upsert_videos([Video("future", title="Tomorrow", published_at="2024-05-02T00:00:00+00:00"),
                                Video("old", title="Old", published_at="2024-04-01T00:00:00+00:00"),
                                Video("gone", title="Gone", published_at="2024-04-30T00:00:00+00:00",
                                      status="deleted")])
    cfg = predict_cfg(home, f"predict.at={MOMENT}", "feed.page_size=10")
    with caplog.at_level(logging.INFO):
        feed_run = predict_feed(cfg, seeded_store)
    assert feed_run.mode == "model"
    assert feed_run.checkpoint == str((trained_run / "checkpoints" / "best.ckpt").resolve())
    assert feed_run.moment == "2024-05-01T09:30:00.000000+00:00"
    rows = feed_rows(seeded_store, feed_run.run_id)
    ids = {r[0] for r in rows}
    # seen (watched, labelled), future, older than predict.days and deleted videos are not candidates
    assert ids == {v.video_id for v in make_videos(24)} - {"v000", "v001"}
    assert [r[1] for r in rows] == list(range(1, len(rows) + 1)) and feed_run.n_items == len(rows)
    for _, _, score, p_interest, p_productive in rows:
        assert 0.0 <= p_interest <= 1.0 and 0.0 <= p_productive <= 1.0
        # 0 productive labels < feed.min_productive_labels: ranked by interest alone
        assert score == pytest.approx(p_interest)
    assert "ranking by interest alone" in caplog.text
    first_page = [r[0] for r in rows[:10]]
    channels = [seeded_store.video(v).channel_id for v in first_page]
    assert max(channels.count(c) for c in set(channels)) <= 3


def test_blend_once_there_are_enough_productive_labels(home, seeded_store, trained_run):
    cfg = predict_cfg(home, f"predict.at={MOMENT}", "feed.min_productive_labels=1", "feed.score=blend",
                      "predict.include_seen=true")
    seeded_store.add_labels([Label("v005", "productive", 1, "web", moment=MOMENT)])
    rows = feed_rows(seeded_store, predict_feed(cfg, seeded_store).run_id)
    assert len(rows) == 24  # include_seen keeps the labelled one
    for _, _, score, p_interest, p_productive in rows:
        assert score == pytest.approx(0.65 * p_productive + 0.35 * p_interest, abs=1e-6)


def test_same_moment_twice_gives_the_same_feed(home, seeded_store, trained_run):
    cfg = predict_cfg(home, "predict.at=2024-05-01T11:30:00+02:00")  # the same instant as MOMENT
    first = predict_feed(cfg, seeded_store)
    rows = feed_rows(seeded_store, first.run_id)
    second = refresh_feed(cfg)
    assert second.run_id == first.run_id and second.moment == first.moment
    assert feed_rows(seeded_store, second.run_id) == rows
    assert seeded_store.counts()["feed_runs"] == 1


def test_naive_moment_is_rejected(home, seeded_store, trained_run):
    cfg = predict_cfg(home, "predict.at=2024-05-01T09:30:00")
    with pytest.raises(VrdndiError, match="without a UTC offset") as err:
        predict_feed(cfg, seeded_store)
    assert "\n" not in str(err.value)


def test_explicit_missing_checkpoint_is_an_error_not_a_cold_start(home, seeded_store):
    cfg = predict_cfg(home, f"ckpt={home / 'missing.ckpt'}", f"predict.at={MOMENT}")
    with pytest.raises(CheckpointNotFound, match="missing.ckpt"):
        predict_feed(cfg, seeded_store)


def test_candidates_csv_scores_without_touching_the_feed(home, seeded_store, trained_run):
    src, out = home / "cands.csv", home / "out" / "scores.csv"
    src.write_text("video_id,moment\nv003,2024-05-01T09:00:00+00:00\nv004,\n\nv003,2024-05-01T21:00:00Z\n")
    cfg = predict_cfg(home, f"predict.candidates={src}", f"predict.out={out}", f"predict.at={MOMENT}")
    assert run(cfg) == out
    with out.open(newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["video_id"] for r in rows] == ["v003", "v004", "v003"]
    assert [r["moment"] for r in rows] == ["2024-05-01T09:00:00.000000+00:00", "2024-05-01T09:30:00.000000+00:00",
                                           "2024-05-01T21:00:00.000000+00:00"]
    assert list(rows[0]) == ["video_id", "moment", "p_interest", "p_productive", "score"]
    for r in rows:
        assert 0 <= float(r["p_interest"]) <= 1 and 0 <= float(r["p_productive"]) <= 1
    assert rows[0]["p_productive"] != rows[2]["p_productive"]  # the moment matters
    assert seeded_store.counts()["feed_runs"] == 0
    assert not list(out.parent.glob(".*tmp"))


@pytest.mark.parametrize("body, line, problem", [
    ("video_id,moment\nv003,2024-05-01T09:00:00+00:00\nv004,2024-05-01 09:00\n", "line 3", "without a UTC offset"),
    ("video_id\nv003\nnot-in-store\n", "line 3", "not in the store"),
    ("video_id,moment\n,2024-05-01T09:00:00+00:00\n", "line 2", "empty video_id"),
    ("id,moment\nv003,\n", "line 1", "no video_id column"),
])
def test_bad_candidates_row_is_one_line_naming_file_and_line(home, seeded_store, trained_run, body, line, problem):
    src, out = home / "bad.csv", home / "scores.csv"
    src.write_text(body)
    cfg = predict_cfg(home, f"predict.candidates={src}", f"predict.out={out}")
    with pytest.raises(BadInputError) as err:
        run(cfg)
    message = str(err.value)
    assert str(src) in message and line in message and problem in message and "\n" not in message
    assert not out.exists()


def test_cold_start_without_labels_ranks_by_recency(home, seeded_store, caplog):
    cfg = predict_cfg(home, f"predict.at={MOMENT}", "feed.per_channel_cap=0")
    with caplog.at_level(logging.INFO):
        feed_run = predict_feed(cfg, seeded_store)
    assert (feed_run.mode, feed_run.checkpoint) == ("cold-start", "cold-start")
    rows = feed_rows(seeded_store, feed_run.run_id)
    assert [r[0] for r in rows] == [v.video_id for v in make_videos(24)]  # newest first
    assert all(r[3] is None and r[4] is None for r in rows)
    assert "cold-start feed" in caplog.text and "python train.py" in caplog.text


def test_cold_start_with_likes_ranks_similar_videos_first(home, caplog):
    videos = [
        Video("liked", title="Rust ownership and borrowing explained", channel_title="Rust Lang",
              published_at="2024-04-01T00:00:00+00:00"),
        Video("disliked", title="Celebrity gossip roundup of the week", channel_title="Gossip TV",
              published_at="2024-04-01T00:00:00+00:00"),
        Video("rust", title="Lifetimes in Rust: a borrow checker deep dive", channel_title="Systems Code",
              published_at="2024-04-30T09:00:00+00:00"),
        Video("gossip", title="Celebrity gossip: who wore it best this week", channel_title="Star News",
              published_at="2024-05-01T09:00:00+00:00"),
        Video("bread", title="Baking sourdough bread at home", channel_title="Kitchen",
              published_at="2024-05-01T08:00:00+00:00"),
    ]
    with Store(home / "vrdndi.sqlite") as store:
        store.upsert_videos(videos)
        store.add_labels([Label("liked", "interest", 1, "like"), Label("disliked", "interest", 0, "dislike")])
        cfg = predict_cfg(home, f"predict.at={MOMENT}")
        with caplog.at_level(logging.INFO):
            feed_run = predict_feed(cfg, store)
        rows = feed_rows(store, feed_run.run_id)
        assert feed_run.mode == "cold-start"
        assert [r[0] for r in rows][0] == "rust" and [r[0] for r in rows][-1] == "gossip"
        assert "1 liked minus 1 disliked" in caplog.text
        again = feed_rows(store, predict_feed(cfg, store).run_id)
        assert again == rows  # never random


def test_predict_py_end_to_end_writes_nothing_but_the_store(home, seeded_store, trained_run, tmp_path):
    work = tmp_path / "cwd"
    work.mkdir()
    env = dict(os.environ, PYTHONPATH=str(REPO))
    args = [sys.executable, str(REPO / "predict.py"), f"paths.home={home}", "predict.progress=false",
            f"predict.scorer._target_={DOUBLE}"]
    before = sorted(p.relative_to(home) for p in home.rglob("*") if "vrdndi.sqlite" not in p.name)
    done = subprocess.run(args + [f"predict.at={MOMENT}", "ckpt=last"], cwd=work, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "feed written" in done.stdout + done.stderr
    assert list(work.iterdir()) == []
    assert sorted(p.relative_to(home) for p in home.rglob("*") if "vrdndi.sqlite" not in p.name) == before
    latest = seeded_store.latest_feed_run()
    assert latest.checkpoint.endswith("last.ckpt") and latest.n_items == 24

    bad = subprocess.run(args + ["predict.at=2024-05-01 09:30"], cwd=work, env=env, capture_output=True,
                         text=True, timeout=120)
    assert bad.returncode == 2
    assert bad.stderr.strip().splitlines()[-1].startswith("predict.py: error: predict.at=")
    assert "Traceback" not in bad.stderr


def test_shorts_are_left_out_of_the_feed_unless_asked_for(home, seeded_store, caplog):
    seeded_store.upsert_videos([Video("short000001", title="A Short", channel_id="UCs", duration_s=45.0,
                                      is_short=True, published_at="2024-05-01T08:00:00+00:00")])
    cfg = predict_cfg(home, f"predict.at={MOMENT}", "ckpt=cold-start", "predict.pull_activitywatch=false")
    with caplog.at_level(logging.INFO):
        feed_run = predict_feed(cfg, seeded_store)
    ids = {row[0] for row in feed_rows(seeded_store, feed_run.run_id)}
    assert "short000001" not in ids and len(ids) == 24 and "1 Shorts left out" in caplog.text
    with_shorts = predict_feed(predict_cfg(home, f"predict.at={MOMENT}", "ckpt=cold-start", "feed.include_shorts=true"),
                               seeded_store)
    assert "short000001" in {row[0] for row in feed_rows(seeded_store, with_shorts.run_id)}


def test_a_feed_says_how_old_the_activity_before_its_moment_is(home, seeded_store):
    from vrdndi.store import AppEvent

    seeded_store.upsert_events([
        AppEvent("desk", "2024-05-01T06:00:00.000000+00:00", "2024-05-01T06:30:00.000000+00:00", 1800.0, app="code"),
        AppEvent("desk", "2024-05-01T12:00:00.000000+00:00", "2024-05-01T12:30:00.000000+00:00", 1800.0, app="steam")])
    run = predict_feed(predict_cfg(home, f"predict.at={MOMENT}", "ckpt=cold-start"), seeded_store)
    # the moment is 09:30: the 12:00 event comes after it; the newest activity it saw ended at 06:30
    assert run.activity_until == "2024-05-01T06:30:00.000000+00:00"
    assert "newest activity 3 hours old" in run.note
    with Store(seeded_store.path) as again:
        assert again.feed_run(run.run_id).note == run.note


def test_the_scorer_double_has_the_feed_scorer_interface():
    """Inference needs only FeedScorer of a scorer (the model's is checked in tests/models/test_two_tower.py)."""
    from tests.inference.scorer_double import ScorerDouble
    from vrdndi.inference.scorer import FeedScorer

    assert isinstance(ScorerDouble("x", "base", "s"), FeedScorer)
