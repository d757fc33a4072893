""""Why this video now": every card's reason agrees with its scores (right moment only when P(productive)
>= 0.5, a liked video only when interest ranked it and the videos are alike, never raw numbers), names
something really in the item's context (occlusion of the moment's events) or a liked video, and predict
writes it for every item."""

from __future__ import annotations

import os
import re

import pytest

from tests.helpers import compose_train, tiny_store
from vrdndi.store import INTEREST, Store

MOMENT = "2026-10-03T10:00:00+00:00"  # after gaming, with coding earlier in the window (tiny_store's schedule)


@pytest.fixture(scope="module", params=["two_tower", "hybrid"])
def trained(request, tmp_path_factory):
    from vrdndi.train import run

    root = tmp_path_factory.mktemp(request.param)
    old = os.environ.get("VRDNDI_HOME")
    os.environ["VRDNDI_HOME"] = str(root / "home")
    try:
        store_path = tiny_store(root / "home" / "vrdndi.sqlite")
        cfg = compose_train([f"data.store={store_path}", "backbone=tiny", "data.batch_size=8",
                             f"model={request.param}", "test_best=false"], root / "run")
        result = run(cfg)
    finally:
        os.environ.pop("VRDNDI_HOME") if old is None else os.environ.__setitem__("VRDNDI_HOME", old)
    return root / "home", store_path, result["best_ckpt"]


def test_context_reason_names_an_event_of_the_moment(trained):
    from vrdndi.inference.reasons import context_reasons, describe_event
    from vrdndi.inference.scorer import load_scorer

    _, store_path, ckpt = trained
    scorer = load_scorer(ckpt)
    with Store(store_path) as store:
        videos = store.videos()[:5]
        reasons = context_reasons(scorer, store, videos, MOMENT, k=3, min_drop=-1.0)  # always name the top event
        ctx = scorer.builder(store).context.build(MOMENT)
    present = {describe_event(e) for e, _ in ctx.events}
    assert len(reasons) == 5 and all(reasons)
    for reason in reasons:
        named = re.fullmatch(r"Right moment: you were just in (.+)", reason).group(1)
        assert named in present, (named, present)


def test_occlusion_scores_the_dropped_context(trained):
    from vrdndi.inference.reasons import recent_distinct_events, without_event
    from vrdndi.inference.scorer import load_scorer

    _, store_path, ckpt = trained
    scorer = load_scorer(ckpt)
    with Store(store_path) as store:
        videos = store.videos()[:3]
        builder = scorer.builder(store)
        ctx = builder.context.build(MOMENT)
        events = recent_distinct_events(ctx, 3)
        assert [(e.app, e.title) for e in events] == [("steam", "Factorio"), ("code", "main.rs")]  # newest first
        dropped = without_event(builder.context, MOMENT, ("code", "main.rs"))
        assert len(dropped) < len(ctx) and all(e.app != "code" for e, _ in dropped.events)
        probs = scorer.productive_under(builder, videos, [ctx, dropped])
        full = scorer.score(store, videos, [MOMENT] * 3, progress=False)[:, 1]
    assert probs.shape == (2, 3)
    assert probs[0] == pytest.approx(full, abs=1e-5)  # the unchanged context scores as score() does


def test_similar_reason_names_a_liked_video(trained):
    from vrdndi.inference.reasons import similar_reasons
    from vrdndi.inference.scorer import load_scorer

    _, store_path, ckpt = trained
    with Store(store_path) as store:
        liked = {lab.video_id for lab in store.labels(INTEREST) if lab.value == 1}
        titles = {v.title for v in store.videos(liked, status=None)}
        videos = store.videos()[:4]
        reasons = similar_reasons(load_scorer(ckpt), store, videos)
    for video, reason in zip(videos, reasons):
        if "Rust" in video.title:  # the liked videos are all Rust tutorials: a Rust video is like one of them
            title = re.fullmatch(r"Like '(.+)', which you marked interesting", reason).group(1)
            assert title in titles and title != video.title and "Rust" in title
        else:  # a cat video is like no liked video: no made-up resemblance
            assert reason is None, (video.title, reason)


def test_predict_writes_reasons_for_the_first_page_only(trained, monkeypatch):
    from vrdndi.config import compose
    from vrdndi.inference.feed import predict_feed

    home, store_path, ckpt = trained
    monkeypatch.setenv("VRDNDI_HOME", str(home))
    cfg = compose("predict", [f"paths.home={home}", f"ckpt={ckpt}", f"predict.at={MOMENT}",
                              "predict.include_seen=true", "predict.progress=false", "feed.page_size=4",
                              "feed.min_productive_labels=1"])
    with Store(store_path) as store:
        run = predict_feed(cfg, store)
        rows = store.feed_page(run.run_id, limit=100)
        assert store.feed_item(run.run_id, rows[0][0].video_id).reason == rows[0][0].reason
    assert len(rows) > 4
    model_made = re.compile(r"Right moment: you were just in .+|Good video, wrong moment: not while you are in .+|"
                            r"Like '.+', which you marked interesting")
    assert all(item.reason for item, _ in rows)  # every card says why, after Load more too
    assert not any(model_made.fullmatch(item.reason) for item, _ in rows[4:])  # no model call past page one


@pytest.mark.parametrize("score", ["blend", "interest"])
def test_every_reason_agrees_with_the_scores(trained, monkeypatch, score):
    """The promise of the feed's reasons, checked on every item of a real model's feed: the reason's kind
    follows the scores it was ranked by, no reason is a number, and an activity named as the reason for
    "right moment" really raised that video's P(productive) (leaving it out lowers it)."""
    from hydra.utils import instantiate

    from vrdndi.config import compose
    from vrdndi.inference.feed import predict_feed
    from vrdndi.inference.reasons import (
        MIN_SIMILARITY, Scores, agrees, describe_event, reason_kind, recent_distinct_events, without_event)

    home, store_path, ckpt = trained
    monkeypatch.setenv("VRDNDI_HOME", str(home))
    cfg = compose("predict", [f"paths.home={home}", f"ckpt={ckpt}", f"predict.at={MOMENT}",
                              "predict.include_seen=true", "predict.progress=false", "feed.page_size=12",
                              "feed.min_productive_labels=1", f"feed.score={score}"])
    scorer = instantiate(cfg.predict.scorer)(ckpt)
    with Store(store_path) as store:
        run = predict_feed(cfg, store)
        rows = store.feed_page(run.run_id, limit=100)
        builder = scorer.builder(store)
        ctx = builder.context.build(MOMENT)
        events = {describe_event(e): e for e in recent_distinct_events(ctx, 4)}
        kinds = set()
        for item, video in rows:
            scores = Scores(item.p_interest, item.p_productive, score, scorer.reads_context)
            kinds.add(reason_kind(item.reason))
            assert agrees(item.reason, scores), (item.reason, item.p_interest, item.p_productive)
            assert not re.search(r"\d\.\d", item.reason), item.reason  # words, never raw scores
            named = re.fullmatch(r"Right moment: you were just in (.+)", item.reason)
            if named:
                event = events[named.group(1)]
                dropped = without_event(builder.context, MOMENT, (event.app, event.title))
                with_it, without_it = scorer.productive_under(builder, [video], [ctx, dropped])[:, 0]
                assert with_it - without_it >= 0.01, (item.reason, with_it, without_it)
            liked = re.fullmatch(r"Like '(.+)', which you marked interesting", item.reason)
            if liked:
                from vrdndi.inference.embeddings import text_vectors

                example = next(v for v in store.videos(status=None) if v.title == liked.group(1))
                a, b = text_vectors([video, example])
                assert float(a @ b) >= MIN_SIMILARITY
    if score == "interest":  # ranking by interest alone: no claim about the moment
        assert kinds <= {"interest", "weak"}, kinds
    else:
        assert kinds & {"moment", "wrong_moment"}, kinds


def test_a_raw_score_line_is_shown_as_words_that_agree_with_it():
    """Feeds stored before the reasons were words ("blend: interest 0.97, right moment 0.15") read as words."""
    from vrdndi.inference.reasons import Scores, agrees, readable, reason_kind

    wrong_time = readable("blend: interest 0.97, right moment 0.15")
    assert reason_kind(wrong_time) == "wrong_moment" and agrees(wrong_time, Scores(0.97, 0.15, "blend"))
    right_time = readable("productive: interest 0.20, right moment 0.81")
    assert reason_kind(right_time) == "moment" and not agrees(right_time, Scores(0.2, 0.3, "productive"))
    assert reason_kind(readable("interest: interest 0.30, right moment 0.90")) == "weak"
    assert readable("you liked 'X' (cold start)") == "you liked 'X' (cold start)"
    assert not agrees("Right moment: you were just in code", Scores(0.9, 0.2, "blend"))
    assert not agrees("Like 'X', which you marked interesting", Scores(0.9, 0.9, "blend"))
