"""The feed website, driven through NiceGUI's simulated user (no browser): every button click
ends up as a label row in the store."""

from __future__ import annotations

import sys
import types

import pytest
from nicegui import ui
from seeding import SCRIPT_TITLE, seed_feed, video_id

from vrdndi.apps import web
from vrdndi.store import FeedItem, FeedRun, Label, Store

MOMENT = "2024-05-14T12:00:00.000000+00:00"


def labels_of(store_path, vid):
    with Store(store_path) as store:
        return [label for label in store.labels() if label.video_id == vid]


async def test_feed_shows_first_page_and_feed_moment(web_user, store_path):
    seed_feed(store_path, 30, moment=MOMENT)
    await web_user.open("/")
    await web_user.should_see(marker="feed-moment")
    await web_user.should_see("checkpoint: epoch=3-step=120.ckpt")
    await web_user.should_see("Video number 20: Learning Things")
    await web_user.should_not_see("Video number 21: Learning Things")
    await web_user.should_see("Channel 1")
    await web_user.should_see("1:05")  # duration of video 0
    await web_user.should_not_see(marker="cold-start")
    assert len(web_user.find(marker="title").elements) == 21
    moment_text = web_user.find(marker="feed-moment").elements.pop().text
    assert "2024" in moment_text and "30 videos" in moment_text


async def test_load_more_then_no_more_videos(web_user, store_path):
    seed_feed(store_path, 30)
    await web_user.open("/")
    await web_user.should_not_see("No more videos")
    web_user.find("Load more").click()
    await web_user.should_see("Video number 29: Learning Things")
    assert len(web_user.find(marker="title").elements) == 30
    await web_user.should_see("No more videos")
    await web_user.should_not_see("Load more")


async def test_exactly_one_page_has_no_load_more(web_user, store_path):
    seed_feed(store_path, 21)
    await web_user.open("/")
    await web_user.should_see("No more videos")
    await web_user.should_not_see("Load more")


async def test_pages_are_restored_when_coming_back(web_user, store_path):
    run_id = seed_feed(store_path, 50)
    await web_user.open("/")
    web_user.find("Load more").click()
    await web_user.should_see("Video number 41: Learning Things")
    # the video page's Back to feed keeps the run and brings the clicked video into view
    await web_user.open(f"/video/{video_id(30)}?run={run_id}")
    web_user.find("Back to feed").click()
    await web_user.should_see("Video number 41: Learning Things")  # both pages are back
    assert len(web_user.find(marker="title").elements) == 42
    await web_user.open(f"/?run={run_id}&pages=3")
    assert len(web_user.find(marker="title").elements) == 50
    await web_user.should_see("No more videos")


async def test_cold_start_feed_has_a_badge(web_user, store_path):
    seed_feed(store_path, 3, mode="cold-start", checkpoint="cold-start")
    await web_user.open("/")
    await web_user.should_see(marker="cold-start")
    await web_user.should_see("cold start")
    await web_user.should_see("checkpoint: no model yet (cold start)")


async def test_empty_store_explains_how_to_get_a_feed(web_user, store_path):
    await web_user.open("/")
    await web_user.should_see(marker="empty-feed")
    await web_user.should_see("There is no feed yet.")
    await web_user.should_see("  python train.py experiment=demo")  # the demo first, with paths=demo throughout
    await web_user.should_see("  python serve.py paths=demo predict=demo")
    await web_user.should_see("3. rank the videos:     python predict.py ckpt=best   (or press Refresh feed)")
    await web_user.should_not_see("Load more")
    assert not store_path.exists()  # looking at the page creates no empty store


async def test_feed_run_without_items_explains_too(web_user, store_path):
    with Store(store_path) as store:
        store.write_feed(FeedRun(moment=MOMENT, checkpoint="cold-start", mode="cold-start"), [])
    await web_user.open("/")
    await web_user.should_see(marker="empty-feed")


async def test_script_title_is_shown_as_text(web_user, store_path):
    seed_feed(store_path, 2)
    await web_user.open("/")
    await web_user.should_see(SCRIPT_TITLE)
    titles = [e for e in web_user.find(marker="title").elements if isinstance(e, ui.label)]
    assert SCRIPT_TITLE in [t.text for t in titles]
    await web_user.should_not_see(kind=ui.html)
    await web_user.should_not_see(kind=ui.markdown)
    page = (await web_user.http_client.get("/")).text
    assert SCRIPT_TITLE not in page  # the title travels as escaped data, never as a live tag
    await web_user.open(f"/video/{video_id(0)}")
    await web_user.should_see(SCRIPT_TITLE)
    description = web_user.find(marker="description").elements.pop()
    assert "<b>not bold</b>" in description.text


async def test_card_opens_the_video_page(web_user, store_path):
    run_id = seed_feed(store_path, 5)
    await web_user.open("/")
    web_user.find(marker=f"video-{video_id(2)}").click()
    await web_user.should_see(marker="video-title")  # the video page (the card's title is on the feed too)
    await web_user.should_see("Video number 2: Learning Things")
    await web_user.should_see(marker="btn-correct_timing")
    player = web_user.find(marker="player").elements.pop()
    assert player.props["src"] == f"https://www.youtube-nocookie.com/embed/{video_id(2)}"
    assert web_user.back_history[-1] == f"/video/{video_id(2)}?run={run_id}"


@pytest.mark.parametrize("button, kind, value", [
    ("Interest", "interest", 1),
    ("Uninterest", "interest", 0),
    ("Correct timing", "productive", 1),
    ("Not now", "productive", 0),
])
async def test_each_button_stores_a_web_label_at_the_click_time(web_user, store_path, button, kind, value):
    from vrdndi.timeutil import iso, now_utc

    run_id = seed_feed(store_path, 5, moment=MOMENT)
    vid = video_id(3)
    await web_user.open(f"/video/{vid}?run={run_id}")
    before = iso(now_utc())
    web_user.find(marker=f"btn-{web.BUTTONS[[b.text for b in web.BUTTONS].index(button)].key}").click()
    await web_user.should_see("Saved:")
    [label] = labels_of(store_path, vid)
    assert (label.kind, label.value, label.source, label.feed_moment) == (kind, value, "web", MOMENT)
    # the moment is when the person clicked (the context the model learns from), not the feed's moment
    assert label.moment == label.labelled_at and before <= label.moment <= iso(now_utc())


async def test_changing_your_mind_replaces_the_answer(web_user, store_path):
    run_id = seed_feed(store_path, 5, moment=MOMENT)
    vid = video_id(1)
    await web_user.open(f"/video/{vid}?run={run_id}")
    for button in ("Interest", "Not now", "Uninterest", "Correct timing"):
        web_user.find(button).click()
        await web_user.should_see("Saved:")
        web_user.notify.messages.clear()
    got = {(label.kind, label.value) for label in labels_of(store_path, vid)}
    assert got == {("interest", 0), ("productive", 1)}


async def test_feedback_without_a_feed_uses_now(web_user, store_path):
    vid = "unknownvid1"
    await web_user.open(f"/video/{vid}")
    await web_user.should_see("This video is not in the store yet; feedback is still saved.")
    web_user.find("Correct timing").click()
    await web_user.should_see("Saved:")
    [label] = labels_of(store_path, vid)
    assert label.moment and label.moment == label.labelled_at


async def test_opening_a_video_records_a_watch_and_the_next_feed_leaves_it_out(web_user, store_path):
    run_id = seed_feed(store_path, 5, moment=MOMENT)
    vid = video_id(2)
    await web_user.open(f"/video/{vid}?run={run_id}")
    await web_user.should_see(marker="player")
    await web_user.open(f"/video/{vid}?run={run_id}")  # opened again at once: the same watch
    with Store(store_path) as store:
        assert [(w.video_id, w.source) for w in store.watches()] == [(vid, "web")]
        assert vid in store.seen_video_ids()  # predict's candidates leave seen videos out


async def test_the_page_says_how_old_the_activity_of_the_feed_was(web_user, store_path):
    run_id = seed_feed(store_path, 3, moment=MOMENT)
    with Store(store_path) as store:
        run = store.feed_run(run_id)
        run.note = "no new ActivityWatch events (not reachable); ranked with what is stored: newest activity 3 hours old"
        store.write_feed(run, [FeedItem(video_id=video_id(1), rank=1, score=1.0)])
    await web_user.open(f"/?run={run_id}")
    await web_user.should_see("newest activity 3 hours old")
    await web_user.should_see(marker="feed-activity")


async def test_bad_video_id_is_refused(web_user):
    await web_user.open("/video/not%20an%20id")
    await web_user.should_see("That is not a YouTube video id.")


async def test_refresh_without_inference_is_one_line(web_user, store_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "vrdndi.inference", None)  # import fails
    seed_feed(store_path, 3)
    await web_user.open("/")
    web_user.find("Refresh feed").click()
    await web_user.should_see("Refresh is not available in this install")


async def test_refresh_ranks_for_now_and_shows_the_new_feed(web_user, store_path, monkeypatch):
    seed_feed(store_path, 3)
    calls = []

    def refresh_feed(cfg, *, at=None):
        calls.append(cfg)
        run = FeedRun(moment="2024-06-01T08:00:00.000000+00:00", checkpoint="cold-start", mode="cold-start")
        with Store(cfg.paths.store) as store:
            run.run_id = store.write_feed(run, [FeedItem(video_id=video_id(1), rank=0, score=1.0)])
        run.n_items = 1
        return run

    monkeypatch.setitem(sys.modules, "vrdndi.inference", types.SimpleNamespace(refresh_feed=refresh_feed))
    await web_user.open("/")
    web_user.find("Refresh feed").click()
    await web_user.should_see("cold start", retries=20)
    assert calls and calls[0].feed.page_size == 21
    assert len(web_user.find(marker="title").elements) == 1


def test_feedback_label_rules():
    from vrdndi.apps.feedback import feedback_label

    label = feedback_label("abc", "not_now", MOMENT, clicked_at="2024-05-15T08:10:00+02:00")
    assert isinstance(label, Label)
    assert (label.kind, label.value, label.source, label.feed_moment) == ("productive", 0, "web", MOMENT)
    assert label.moment == label.labelled_at == "2024-05-15T06:10:00.000000+00:00"


async def test_refresh_with_the_real_predict_makes_a_cold_start_feed(web_user, store_path):
    from seeding import make_videos

    with Store(store_path) as store:
        store.upsert_videos(make_videos(8))  # published in the last day; no model trained yet
    await web_user.open("/")
    await web_user.should_see(marker="empty-feed")
    web_user.find("Refresh feed").click()
    await web_user.should_see(marker="cold-start", retries=300)
    with Store(store_path) as store:
        run = store.latest_feed_run()
    assert run.mode == "cold-start" and run.n_items == 8
    assert len(web_user.find(marker="title").elements) == 8


async def test_page_renders_from_the_store_after_a_refresh_whose_sources_failed(web_user, store_path, vrdndi_home):
    """ActivityWatch down and no YouTube token: `vrdndi schedule --once` (its own process, as it runs
    beside the site) fails those steps in one line each, and the site shows the feed predict wrote."""
    import os
    import socket
    import subprocess

    from seeding import make_videos

    with Store(store_path) as store:
        store.upsert_videos(make_videos(8))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        closed_port = s.getsockname()[1]
    env = {**os.environ, "VRDNDI_HOME": str(vrdndi_home), "HOME": str(vrdndi_home / "user")}
    out = subprocess.run([sys.executable, "-m", "vrdndi.cli", "schedule", "--once", "schedule.quiet_hours=[]",
                          f"sources.activitywatch.port={closed_port}", "predict.progress=false"],
                         env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 1 and "Traceback" not in out.stderr, out.stderr
    assert "refresh: ingest activitywatch failed: ActivityWatch server at" in out.stderr
    await web_user.open("/")
    await web_user.should_see(marker="cold-start")
    assert len(web_user.find(marker="title").elements) == 8
