"""What the site shows a person about their own answers and the feed's reasons, through NiceGUI's simulated
user on the real pages: chosen answers stay selected (also after a reload) and are marked on the card,
reasons are words, thumbnails have a placeholder, and the empty page points to the demo."""

from __future__ import annotations

import pytest
from seeding import seed_feed, video_id

from vrdndi.apps import web
from vrdndi.config import compose
from vrdndi.inference import reasons as why
from vrdndi.store import FeedItem, FeedRun, Store

MOMENT = "2024-05-14T12:00:00.000000+00:00"


def pressed(user, key: str) -> bool:
    [button] = user.find(marker=f"btn-{key}").elements
    return button.props.get("aria-pressed") == "true" and "selected" in button.classes


async def test_chosen_answers_are_selected_and_stay_selected(web_user, store_path):
    run_id = seed_feed(store_path, 5, moment=MOMENT)
    vid = video_id(2)
    await web_user.open(f"/video/{vid}?run={run_id}")
    assert not any(pressed(web_user, b.key) for b in web.BUTTONS)
    web_user.find(marker="btn-interest").click()
    await web_user.should_see("Saved: you are interested in this video")
    assert pressed(web_user, "interest") and not pressed(web_user, "uninterest")
    web_user.find(marker="btn-not_now").click()
    await web_user.should_see("Saved: not the right moment for it")
    assert pressed(web_user, "interest") and pressed(web_user, "not_now")
    web_user.find(marker="btn-uninterest").click()  # changing your mind moves the selection
    await web_user.should_see("Saved: not interested in this video")
    assert pressed(web_user, "uninterest") and not pressed(web_user, "interest") and pressed(web_user, "not_now")

    await web_user.open(f"/video/{vid}?run={run_id}")  # reopened: the page remembers (from the store)
    assert pressed(web_user, "uninterest") and pressed(web_user, "not_now")
    assert not pressed(web_user, "interest") and not pressed(web_user, "correct_timing")

    await web_user.open(f"/?run={run_id}")  # and the card says so
    marks = {e.text for e in web_user.find(marker="answer-interest").elements} | \
        {e.text for e in web_user.find(marker="answer-productive").elements}
    assert marks == {"✓ Uninterest", "✓ Not now"}
    assert len(web_user.find(marker="card-answers").elements) == 1  # only the answered video


async def test_answers_of_another_feed_are_not_shown_as_this_feeds(web_user, store_path):
    old_run = seed_feed(store_path, 3, moment=MOMENT)
    await web_user.open(f"/video/{video_id(1)}?run={old_run}")
    web_user.find(marker="btn-correct_timing").click()
    await web_user.should_see("Saved:")
    new_run = seed_feed(store_path, 3, moment="2024-05-15T12:00:00.000000+00:00")
    await web_user.open(f"/video/{video_id(1)}?run={new_run}")  # a new moment asks the timing question anew
    assert not pressed(web_user, "correct_timing")


async def test_reasons_are_words_that_agree_with_the_scores(web_user, store_path):
    seed_feed(store_path, 2, moment=MOMENT)
    with Store(store_path) as store:  # a feed stored before reasons were words
        items = [FeedItem(video_id=video_id(0), rank=1, score=0.6, p_interest=0.97, p_productive=0.15,
                          reason="blend: interest 0.97, right moment 0.15"),
                 FeedItem(video_id=video_id(1), rank=2, score=0.5, p_interest=0.4, p_productive=0.8,
                          reason="Right moment: you were just in code: main.rs (Work > Programming)")]
        run_id = store.write_feed(FeedRun(moment=MOMENT, checkpoint="/runs/x/best.ckpt", mode="model"), items)
    await web_user.open(f"/?run={run_id}")
    shown = {e.text for e in web_user.find(marker="reason").elements}  # (a set: no page order)
    assert len(shown) == 2 and "Right moment: you were just in code: main.rs (Work > Programming)" in shown
    [old] = shown - {"Right moment: you were just in code: main.rs (Work > Programming)"}
    assert old.startswith(why.WRONG_MOMENT) and not any(ch.isdigit() for ch in old)
    await web_user.open(f"/video/{video_id(0)}?run={run_id}")
    [reason] = web_user.find(marker="video-reason").elements
    assert reason.text.startswith(why.WRONG_MOMENT)


async def test_thumbnails_come_from_the_site_with_a_placeholder(web_user, store_path, monkeypatch):
    from vrdndi.apps import thumbnails

    monkeypatch.setattr(thumbnails, "_fetch", lambda url: None)  # offline
    monkeypatch.setattr(thumbnails, "_failed", {})
    seed_feed(store_path, 2, moment=MOMENT)
    await web_user.open("/")
    images = [e for e in web_user.find(kind=web.ui.element).elements if e.tag == "img"]
    assert {img.props["src"] for img in images} == {f"/thumb/{video_id(0)}", f"/thumb/{video_id(1)}"}
    response = await web_user.http_client.get(f"/thumb/{video_id(1)}")
    assert response.headers["content-type"].startswith("image/svg+xml") and b"<svg" in response.content
    assert b"Channel 1" in response.content  # the placeholder names the channel
    # once fetched, a thumbnail is served from the local cache
    cached = thumbnails.cached_path(store_path.parent / "cache", video_id(0))
    cached.parent.mkdir(parents=True, exist_ok=True)
    cached.write_bytes(b"\xff\xd8\xff jpeg bytes")
    response = await web_user.http_client.get(f"/thumb/{video_id(0)}")
    assert response.headers["content-type"] == "image/jpeg" and response.content == b"\xff\xd8\xff jpeg bytes"


def test_a_fetched_thumbnail_is_cached_and_a_failure_is_not_retried_at_once(tmp_path, monkeypatch):
    from vrdndi.apps import thumbnails

    monkeypatch.setattr(thumbnails, "_failed", {})
    calls: list[str] = []
    assert thumbnails.thumbnail_bytes(tmp_path, "abcdefghijk", fetch=lambda url: calls.append(url)) is None
    assert thumbnails.thumbnail_bytes(tmp_path, "abcdefghijk", fetch=lambda url: calls.append(url)) is None
    assert calls == ["https://i.ytimg.com/vi/abcdefghijk/mqdefault.jpg"]  # offline: asked once, not per page view
    got = thumbnails.thumbnail_bytes(tmp_path, "zyxwvutsrqp", "https://tracker.example/p.gif",
                                     fetch=lambda url: calls.append(url) or b"JPEG")
    assert got == b"JPEG" and calls[-1] == "https://i.ytimg.com/vi/zyxwvutsrqp/mqdefault.jpg"
    assert thumbnails.thumbnail_bytes(tmp_path, "zyxwvutsrqp", fetch=lambda url: b"other") == b"JPEG"  # the cache
    assert thumbnails._fetch("https://tracker.example/p.gif") is None  # the fetcher itself refuses other hosts


async def test_the_empty_page_points_to_the_demo_once_it_exists(web_user, store_path):
    with Store(store_path.parent / "demo.sqlite"):
        pass
    await web_user.open("/")
    await web_user.should_see("The demo store is ready. See its feed:")
    await web_user.should_see("  python serve.py paths=demo predict=demo")
    assert not store_path.exists()


def test_the_site_loads_the_model_before_the_first_refresh(tmp_path, monkeypatch, caplog):
    """``warm_up`` (run in the background when the site starts) loads the scorer and fills the caches: the
    first Refresh feed then loads nothing, and warm-up itself writes no feed."""
    import logging

    from tests.helpers import compose_train, tiny_store
    from vrdndi.config import compose
    from vrdndi.inference import refresh_feed
    from vrdndi.train import run as train

    home = tmp_path / "home"
    monkeypatch.setenv("VRDNDI_HOME", str(home))
    store = tiny_store(home / "vrdndi.sqlite")
    train(compose_train([f"data.store={store}", "backbone=tiny", "data.batch_size=8", "test_best=false"],
                        home / "runs" / "train" / "2026-10-01_00-00-00_000000"))
    cfg = compose("serve", [f"paths.home={home}", "predict.at=2026-10-03T10:00:00+00:00", "predict.include_seen=true",
                            "predict.progress=false"])
    caplog.set_level(logging.INFO, logger="vrdndi")
    assert web.warm_up(cfg) == "warm"
    with Store(store) as s:
        assert s.latest_feed_run() is None  # warming writes nothing
    loads = [r for r in caplog.records if r.getMessage().startswith("model loaded in")]
    assert len(loads) == 1
    run = refresh_feed(cfg)
    assert run.n_items > 0
    assert len([r for r in caplog.records if r.getMessage().startswith("model loaded in")]) == 1  # not again


async def test_refresh_shows_that_it_is_working_and_the_page_stays_live(web_user, store_path, monkeypatch):
    import sys
    import threading
    import types

    seed_feed(store_path, 3, moment=MOMENT)
    release = threading.Event()

    def refresh_feed(cfg, *, at=None):  # the real signature; waits until the test lets it finish
        release.wait(timeout=30)
        run = FeedRun(moment="2024-06-01T08:00:00.000000+00:00", checkpoint="cold-start", mode="cold-start")
        with Store(cfg.paths.store) as store:
            run.run_id = store.write_feed(run, [FeedItem(video_id=video_id(1), rank=0, score=1.0)])
        run.n_items = 1
        return run

    monkeypatch.setitem(sys.modules, "vrdndi.inference", types.SimpleNamespace(refresh_feed=refresh_feed))
    await web_user.open("/")
    await web_user.should_not_see(marker="refresh-progress")
    web_user.find("Refresh feed").click()
    await web_user.should_see(marker="refresh-progress")  # a spinner beside the button while it ranks
    await web_user.should_see("Ranking videos for now…")
    [button] = web_user.find(marker="refresh").elements
    assert not button.enabled and button.props.get("loading") is True
    await web_user.should_see("Video number 2: Learning Things")  # the page still answers meanwhile
    release.set()
    await web_user.should_see("cold start", retries=40)


# -- quick timing answers on the feed's first cards ------------------------------------------------------
def quick(user, key: str, vid: str):
    [button] = user.find(marker=f"quick-{key}-{vid}").elements
    return button


def quick_pressed(user, key: str, vid: str) -> bool:
    button = quick(user, key, vid)
    return button.props.get("aria-pressed") == "true" and "selected" in button.classes


async def test_the_first_cards_ask_the_timing_on_the_card(web_user, store_path):
    """web.quick_timing (3): the top three cards carry Correct timing / Not now; an answer there is the same
    label as on the video page (at the click time, the feed's moment kept) and shows as chosen at once and
    after a reload; the other cards keep the question on the video page."""
    from vrdndi.timeutil import iso, now_utc

    run_id = seed_feed(store_path, 30, moment=MOMENT)
    await web_user.open(f"/?run={run_id}")
    await web_user.should_see(marker="quick-hint")
    assert len(web_user.find(marker="quick").elements) == 3
    assert all(len(web_user.find(marker=f"quick-{video_id(i)}").elements) == 1 for i in range(3))  # the top three
    assert not quick_pressed(web_user, "not_now", video_id(1))

    before = iso(now_utc())
    web_user.find(marker=f"quick-not_now-{video_id(1)}").click()
    await web_user.should_see("Saved: not the right moment for it")
    assert quick_pressed(web_user, "not_now", video_id(1)) and not quick_pressed(web_user, "correct_timing", video_id(1))
    with Store(store_path) as store:
        [label] = [lab for lab in store.labels() if lab.video_id == video_id(1)]
    assert (label.kind, label.value, label.source, label.feed_moment) == ("productive", 0, "web", MOMENT)
    assert before <= label.moment == label.labelled_at <= iso(now_utc())

    web_user.notify.messages.clear()
    web_user.find(marker=f"quick-correct_timing-{video_id(1)}").click()  # changing your mind moves the selection
    await web_user.should_see("Saved: this was the right moment for it")
    assert quick_pressed(web_user, "correct_timing", video_id(1)) and not quick_pressed(web_user, "not_now", video_id(1))
    with Store(store_path) as store:
        assert [(lab.kind, lab.value) for lab in store.labels() if lab.video_id == video_id(1)] == [("productive", 1)]

    await web_user.open(f"/?run={run_id}")  # reloaded: remembered, and the video page agrees
    assert quick_pressed(web_user, "correct_timing", video_id(1)) and not quick_pressed(web_user, "correct_timing", video_id(0))
    await web_user.open(f"/video/{video_id(1)}?run={run_id}")
    assert pressed(web_user, "correct_timing")


async def test_load_more_never_adds_quick_questions(web_user, store_path):
    run_id = seed_feed(store_path, 30, moment=MOMENT)
    await web_user.open(f"/?run={run_id}")
    web_user.find("Load more").click()
    await web_user.should_see("Video number 29: Learning Things")
    assert len(web_user.find(marker="quick").elements) == 3


class TestQuickTimingOff:
    @pytest.fixture
    def serve_cfg(self, vrdndi_home):
        return compose("serve", [f"paths.home={vrdndi_home}", "web.quick_timing=0"])

    async def test_zero_keeps_the_question_on_the_video_page_only(self, web_user, store_path):
        run_id = seed_feed(store_path, 5, moment=MOMENT)
        await web_user.open(f"/?run={run_id}")
        await web_user.should_see("Video number 4: Learning Things")
        await web_user.should_not_see(marker="quick-hint")
        await web_user.should_not_see(marker="quick")
