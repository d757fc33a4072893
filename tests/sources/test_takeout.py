"""Google Takeout watch-history.json, written here in the real format, awkward cases included."""

from __future__ import annotations

import json

import pytest
from googleapiclient.http import HttpMockSequence

from vrdndi.errors import BadInputError
from vrdndi.sources import takeout
from vrdndi.sources import youtube as yt

from .test_youtube import ok, page, video_resource


def entry(video_id, title, time, channel=("Chan", "https://www.youtube.com/channel/UCchan1xxxxxxxxxxxxxxxxx"), ads=False):
    e = {"header": "YouTube", "title": f"Watched {title}", "titleUrl": f"https://www.youtube.com/watch?v\u003d{video_id}",
         "time": time, "products": ["YouTube"], "activityControls": ["YouTube watch history"]}
    if channel:
        e["subtitles"] = [{"name": channel[0], "url": channel[1]}]
    if ads:
        e["details"] = [{"name": "From Google Ads"}]
    return e


HISTORY = [
    entry("aaaaaaaaaa1", "Ünïcödé — 日本語のタイトル", "2024-05-01T12:34:56.789Z"),
    entry("aaaaaaaaaa1", "Ünïcödé — 日本語のタイトル", "2024-04-30T08:00:00Z"),
    entry("shortsvid01", "My short video about shorts", "2024-04-29T08:00:00.1Z", channel=None),
    entry("adadadadad1", "Buy this", "2024-04-29T07:00:00Z", ads=True),
    {"header": "YouTube", "title": "Watched a video that has been removed", "time": "2024-04-28T07:00:00Z",
     "products": ["YouTube"]},
    {"header": "YouTube", "title": "Watched https://www.youtube.com/watch?v=gonegonego1", "time": "2024-04-27T07:00:00Z",
     "products": ["YouTube"]},
    {"header": "YouTube", "title": "Viewed Community post", "titleUrl": "https://www.youtube.com/post/Ugk", "time": "2024-04-26T07:00:00Z"},
]


@pytest.fixture
def history_file(tmp_path):
    path = tmp_path / "watch-history.json"
    path.write_text(json.dumps(HISTORY, ensure_ascii=False), encoding="utf-8")
    return path


def test_parse_drops_ads_and_removed_and_keeps_watch_times(history_file, store):
    report = takeout.ingest(store, history_file)
    watches = [(w.video_id, w.watched_at) for w in store.watches()]
    assert watches == [("shortsvid01", "2024-04-29T08:00:00.100000+00:00"),
                       ("aaaaaaaaaa1", "2024-04-30T08:00:00.000000+00:00"),
                       ("aaaaaaaaaa1", "2024-05-01T12:34:56.789000+00:00")]
    video = store.video("aaaaaaaaaa1")
    assert video.title == "Ünïcödé — 日本語のタイトル" and video.channel_title == "Chan"
    assert video.channel_id == "UCchan1xxxxxxxxxxxxxxxxx" and video.source == "takeout"
    short = store.video("shortsvid01")
    assert short.channel_title == "" and not short.is_short  # the word "short" in a title means nothing
    assert store.video("adadadadad1") is None
    assert report.skipped == {"ads": 1, "removed videos": 2, "not a video": 1}
    dump = store.dump()
    again = takeout.ingest(store, history_file)
    assert store.dump() == dump and sum(again.written.values()) == 0


def test_details_fill_in_and_shorts_by_duration_and_takeout_never_blanks_them(history_file, store):
    details = ok(page("youtube#videoListResponse", [video_resource("aaaaaaaaaa1", "API title", "PT10M"),
                                                    video_resource("shortsvid01", "Short", "PT42S")]))
    client = yt.YouTubeClient(yt.build_service(http=HttpMockSequence([details])), sleep=lambda s: None)
    report = takeout.ingest(store, history_file, client=client, shorts_max_s=60)
    assert "1 quota units spent" in report.line()
    assert store.video("shortsvid01").is_short and store.video("shortsvid01").duration_s == 42
    assert not store.video("aaaaaaaaaa1").is_short and store.video("aaaaaaaaaa1").raw["id"] == "aaaaaaaaaa1"
    dump = store.dump()
    # again, with or without credentials: nothing changes, no API call (details already known)
    takeout.ingest(store, history_file, client=yt.YouTubeClient(yt.build_service(http=HttpMockSequence([]))))
    takeout.ingest(store, history_file)
    assert store.dump() == dump


@pytest.mark.parametrize("content, record", [
    ('[{"header": "YouTube", "title": "Watched x", "titleUrl": "https://www.youtube.com/watch?v=aaaaaaaaaa1", "ti', None),
    ('{"items": []}', None),
    ('[{"header": "YouTube", "title": "Watched x", "titleUrl": "https://www.youtube.com/watch?v=aaaaaaaaaa1"}]', 0),
    ('[{"header": "YouTube", "title": "Watched x", "titleUrl": "https://www.youtube.com/watch?v=aaaaaaaaaa1", "time": "2024-05-01T12:00:00Z"},'
     ' {"title": "Watched y", "time": "yesterday"}]', 1),
])
def test_bad_takeout_is_one_line_naming_file_and_record_and_nothing_is_written(tmp_path, store, history_file, content, record):
    takeout.ingest(store, history_file)
    before = store.dump()
    bad = tmp_path / "bad.json"
    bad.write_text(content)
    with pytest.raises(BadInputError) as info:
        takeout.ingest(store, bad)
    assert str(bad) in str(info.value) and "\n" not in str(info.value) and info.value.record == record
    assert store.dump() == before


@pytest.mark.parametrize("raw, title", [
    ("Watched Rust in 100 seconds", "Rust in 100 seconds"),
    ("Angesehen: Rust in 100 Sekunden", "Rust in 100 Sekunden"),
    ("Rust in 100 Sekunden angesehen", "Rust in 100 Sekunden"),
    ("Vous avez regardé Rust en 100 secondes", "Rust en 100 secondes"),
    ("Regardé : Rust en 100 secondes", "Rust en 100 secondes"),
    ("Has visto Rust en 100 segundos", "Rust en 100 segundos"),
    ("Hai guardato Rust in 100 secondi", "Rust in 100 secondi"),
    ("Assistiu a Rust em 100 segundos", "Rust em 100 segundos"),
    ("Rust in 100 seconden bekeken", "Rust in 100 seconden"),
    ("100秒でわかるRust を視聴しました", "100秒でわかるRust"),
    ("100초 Rust 을(를) 시청했습니다.", "100초 Rust"),
    ("已观看 100秒了解Rust", "100秒了解Rust"),
    ("Watched Watched: the documentary", "Watched: the documentary"),  # one sentence, not every "Watched"
])
def test_the_watched_sentence_of_any_language_is_not_part_of_the_title(tmp_path, store, raw, title):
    e = entry("aaaaaaaaaa1", "x", "2024-05-01T12:00:00Z")
    e["title"] = raw
    path = tmp_path / "watch-history.json"
    path.write_text(json.dumps([e], ensure_ascii=False), encoding="utf-8")
    takeout.ingest(store, path)
    assert store.video("aaaaaaaaaa1").title == title


def test_a_deleted_video_whose_title_is_its_url_has_no_title(tmp_path, store):
    url = "https://www.youtube.com/watch?v=gonegonego1"
    path = tmp_path / "watch-history.json"
    path.write_text(json.dumps([{"header": "YouTube", "title": f"Watched {url}", "titleUrl": url,
                                 "time": "2024-05-01T12:00:00Z", "products": ["YouTube"]}]), encoding="utf-8")
    takeout.ingest(store, path)
    assert [w.video_id for w in store.watches()] == ["gonegonego1"]  # the watch happened
    assert store.video("gonegonego1").title == ""  # unknown, not the URL (shown as the id, filled by the API)
