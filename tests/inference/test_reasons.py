""""Why this video now": the reason names something really in the item's context (occlusion of the
moment's events) or a liked video (nearest in embedding space), and predict writes it for page one."""

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
    from vrdndi.inference.reasons import context_reasons
    from vrdndi.inference.scorer import load_scorer

    _, store_path, ckpt = trained
    scorer = load_scorer(ckpt)
    with Store(store_path) as store:
        videos = store.videos()[:5]
        reasons = context_reasons(scorer, store, videos, MOMENT, k=3, min_drop=-1.0)  # always name the top event
        ctx = scorer.builder(store).context.build(MOMENT)
    present = {f"{e.app}: {e.title} ({e.category})" for e, _ in ctx.events}
    assert len(reasons) == 5 and all(reasons)
    for reason in reasons:
        named = re.fullmatch(r"you were just in (.+)", reason).group(1)
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
        title = re.fullmatch(r"like '(.+)' you marked interesting", reason).group(1)
        assert title in titles and title != video.title


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
    model_made = re.compile(r"you were just in .+|like '.+' you marked interesting")
    assert all(model_made.fullmatch(item.reason) for item, _ in rows[:4])
    assert not any(model_made.fullmatch(item.reason) for item, _ in rows[4:])
