"""YouTube Data API: replayed responses shaped like the API's own, through the shipped discovery document.

The browser consent flow (InstalledAppFlow.run_local_server) needs a person and Google's servers,
so it is not run here; the token cache and the refresh path are."""

from __future__ import annotations

import json
import stat
from datetime import datetime, timedelta, timezone
from urllib.parse import parse_qs, urlparse

import pytest
from googleapiclient.http import HttpMockSequence

from vrdndi.errors import NotAvailableError
from vrdndi.sources import youtube as yt
from vrdndi.store.schema import INTEREST

NOW = datetime.now(timezone.utc)


def ok(body: dict) -> tuple[dict, str]:
    return {"status": "200", "content-type": "application/json; charset=UTF-8"}, json.dumps(body)


def error(status: int, reason: str, message: str = "") -> tuple[dict, str]:
    body = {"error": {"code": status, "message": message or reason,
                      "errors": [{"message": message or reason, "domain": "youtube.quota" if "uota" in reason else "global",
                                  "reason": reason}]}}
    return {"status": str(status), "content-type": "application/json; charset=UTF-8"}, json.dumps(body)


def video_resource(video_id: str, title: str, duration: str = "PT4M13S", channel: str = "UCaaaaaaaaaaaaaaaaaaaaaa") -> dict:
    return {
        "kind": "youtube#video", "etag": "etag-" + video_id, "id": video_id,
        "snippet": {"publishedAt": "2024-02-29T17:00:02Z", "channelId": channel, "title": title,
                    "description": f"about {title}", "channelTitle": "Chan", "tags": ["a", "b"], "categoryId": "27",
                    "thumbnails": {"default": {"url": f"https://i.ytimg.com/vi/{video_id}/default.jpg", "width": 120, "height": 90},
                                   "high": {"url": f"https://i.ytimg.com/vi/{video_id}/hqdefault.jpg", "width": 480, "height": 360}},
                    "liveBroadcastContent": "none", "localized": {"title": title, "description": ""}},
        "contentDetails": {"duration": duration, "dimension": "2d", "definition": "hd", "caption": "false",
                           "licensedContent": True, "contentRating": {}, "projection": "rectangular"},
    }


def page(kind: str, items: list, next_token: str | None = None) -> dict:
    body = {"kind": kind, "etag": "e", "pageInfo": {"totalResults": len(items), "resultsPerPage": 50}, "items": items}
    if next_token:
        body["nextPageToken"] = next_token
    return body


def subscription(channel_id: str, title: str) -> dict:
    return {"kind": "youtube#subscription", "etag": "e", "id": "sub" + channel_id,
            "snippet": {"publishedAt": "2023-01-01T00:00:00.5Z", "title": title, "description": "",
                        "resourceId": {"kind": "youtube#channel", "channelId": channel_id},
                        "channelId": "UCme", "thumbnails": {}}}


def playlist_item(video_id: str, published: datetime) -> dict:
    return {"kind": "youtube#playlistItem", "etag": "e", "id": "pi" + video_id,
            "contentDetails": {"videoId": video_id, "videoPublishedAt": published.strftime("%Y-%m-%dT%H:%M:%SZ")}}


def full_run_responses() -> list:
    recent, old = NOW - timedelta(days=2), NOW - timedelta(days=400)
    return [
        ok(page("youtube#videoListResponse", [video_resource("likedVid001", "Liked one")], "PAGE2")),
        ok(page("youtube#videoListResponse", [video_resource("likedVid002", "Liked two — ü", "PT45S")])),
        ok(page("youtube#videoListResponse", [video_resource("dislikedV01", "Disliked")])),
        ok(page("youtube#SubscriptionListResponse", [subscription("UCchan1xxxxxxxxxxxxxxxxx", "Chan 1")], "S2")),
        ok(page("youtube#SubscriptionListResponse", [subscription("UCchan2xxxxxxxxxxxxxxxxx", "Chan 2")])),
        ok(page("youtube#channelListResponse", [
            {"kind": "youtube#channel", "etag": "e", "id": "UCchan1xxxxxxxxxxxxxxxxx",
             "contentDetails": {"relatedPlaylists": {"likes": "", "uploads": "UUchan1xxxxxxxxxxxxxxxxx"}}},
            {"kind": "youtube#channel", "etag": "e", "id": "UCchan2xxxxxxxxxxxxxxxxx",
             "contentDetails": {"relatedPlaylists": {"likes": "", "uploads": "UUchan2xxxxxxxxxxxxxxxxx"}}}])),
        ok(page("youtube#playlistItemListResponse", [playlist_item("upload00001", recent), playlist_item("gone0000001", recent),
                                                     playlist_item("oldupload01", old)], "NEVER-FOLLOWED")),
        error(500, "backendError", "Backend Error"),  # transient: retried
        ok(page("youtube#playlistItemListResponse", [playlist_item("upload00002", recent), playlist_item("likedVid001", recent)])),
        # details for the 3 new ids; gone0000001 is deleted/private: not returned
        ok(page("youtube#videoListResponse", [video_resource("upload00001", "Upload one", "PT1H2M3S"),
                                              video_resource("upload00002", "Upload two", "PT59S")])),
    ]


def client_for(responses: list, **kwargs) -> tuple[yt.YouTubeClient, HttpMockSequence]:
    """A client over replayed answers; ``store``/``daily_budget``/``clock`` as YouTubeClient takes them."""
    http = HttpMockSequence(responses)
    service = yt.build_service(http=http)
    return yt.YouTubeClient(service, sleep=lambda s: None, **kwargs), http


def test_full_run_pages_retries_and_marks_missing_ids(store):
    client, http = client_for(full_run_responses())
    report = yt.ingest(store, client, uploads_max_age_days=30, uploads_max_per_channel=50, shorts_max_s=60)
    assert client.units == 10  # every call, the failed attempt included, costs one unit
    assert "10 quota units spent" in report.line()
    uris = [urlparse(uri) for uri, *_ in http.request_sequence]
    assert all(u.path.startswith("/youtube/v3/") for u in uris)
    assert parse_qs(uris[1].query)["pageToken"] == ["PAGE2"] and parse_qs(uris[0].query)["myRating"] == ["like"]
    assert parse_qs(uris[9].query)["id"] == ["upload00001,gone0000001,upload00002"]
    video = store.video("upload00001")
    assert video.duration_s == 3723 and video.title == "Upload one" and video.raw["etag"] == "etag-upload00001"
    assert video.published_at == "2024-02-29T17:00:02.000000+00:00" and video.tags == ["a", "b"]
    assert video.thumbnail_url.endswith("hqdefault.jpg") and video.category_id == "27" and not video.is_short
    assert store.video("upload00002").is_short and store.video("likedVid002").is_short
    assert store.video("gone0000001").status == "unavailable"
    assert store.video("oldupload01") is None
    labels = {(l.video_id, l.value, l.source) for l in store.labels(INTEREST)}
    assert labels == {("likedVid001", 1, "like"), ("likedVid002", 1, "like"), ("dislikedV01", 0, "dislike")}
    channels = {c.channel_id: c for c in store.channels()}
    assert channels["UCchan2xxxxxxxxxxxxxxxxx"].uploads_playlist_id == "UUchan2xxxxxxxxxxxxxxxxx"
    # a second identical run changes nothing (details already stored are not fetched again)
    dump = store.dump()
    responses = full_run_responses()
    del responses[7]  # no 500 this time
    responses[-1] = None  # no details call: all known
    client2, http2 = client_for([r for r in responses if r is not None])
    again = yt.ingest(store, client2)
    assert store.dump() == dump and sum(again.written.values()) == 0


def test_quota_budget_stops_cleanly_and_keeps_what_was_fetched(store):
    client, _ = client_for(full_run_responses(), quota_budget=2)
    report = yt.ingest(store, client)
    assert client.units == 2 and "stopped at the quota budget (2 of 2 units)" in report.line()
    assert {v.video_id for v in store.videos()} == {"likedVid001", "likedVid002"}
    assert store.labels() == [] or all(l.source == "like" for l in store.labels())


def test_quota_exceeded_is_one_line_and_store_is_consistent(store):
    client, _ = client_for([ok(page("youtube#videoListResponse", [video_resource("likedVid001", "Liked")])),
                            error(403, "quotaExceeded", "The request cannot be completed because you have exceeded your quota.")])
    with pytest.raises(NotAvailableError) as info:
        yt.ingest(store, client)
    message = str(info.value)
    assert "quota exceeded" in message and "\n" not in message and "after 2 units" in message
    assert store.video("likedVid001") is not None  # fetched before the stop: kept, labels with it
    assert [l.video_id for l in store.labels()] == ["likedVid001"]


def test_rate_limit_429_is_retried_then_gives_up_with_one_line(store):
    client, _ = client_for([error(429, "rateLimitExceeded")] * 3, max_retries=3)
    with pytest.raises(NotAvailableError, match="HTTP 429"):
        client.rated("like")
    assert client.units == 3


def test_unlisted_like_is_removed_after_a_complete_listing(store):
    client, _ = client_for([ok(page("youtube#videoListResponse", [video_resource("likedVid001", "Liked")])),
                            ok(page("youtube#videoListResponse", [])),
                            ok(page("youtube#SubscriptionListResponse", []))])
    yt.ingest(store, client)
    client, _ = client_for([ok(page("youtube#videoListResponse", [])), ok(page("youtube#videoListResponse", [])),
                            ok(page("youtube#SubscriptionListResponse", []))])
    report = yt.ingest(store, client)
    assert store.labels() == [] and report.written["labels removed"] == 1


def test_unknown_method_parameter_is_rejected_by_the_discovery_document():
    service = yt.build_service(http=HttpMockSequence([]))
    with pytest.raises(TypeError):
        service.videos().list(part="snippet", notAParameter=1)


class FakeTokenEndpoint:
    """A ``google.auth.transport.Request`` answering Google's token endpoint."""

    def __init__(self, status=200, body=None):
        self.calls = []
        self.status = status
        self.body = body if body is not None else {"access_token": "fresh-token", "expires_in": 3600,
                                                   "token_type": "Bearer", "scope": yt.SCOPES[0]}

    def __call__(self, url, method="GET", body=None, headers=None, timeout=None, **kwargs):
        from google.auth import transport

        self.calls.append((url, method, body))
        status, payload = self.status, json.dumps(self.body).encode()

        class Response(transport.Response):
            @property
            def status(self):
                return status

            @property
            def headers(self):
                return {"content-type": "application/json"}

            @property
            def data(self):
                return payload

        return Response()


def expired_token(path):
    path.write_text(json.dumps({"token": "old", "refresh_token": "refresh-me", "client_id": "cid.apps.googleusercontent.com",
                                "client_secret": "sec", "token_uri": "https://oauth2.googleapis.com/token",
                                "scopes": yt.SCOPES, "expiry": "2020-01-01T00:00:00Z"}))


def test_token_cache_is_refreshed_and_written_owner_only(tmp_path):
    token = tmp_path / "secrets" / "youtube_token.json"
    token.parent.mkdir()
    expired_token(token)
    endpoint = FakeTokenEndpoint()
    credentials = yt.load_credentials(token, None, request=endpoint)
    assert credentials.token == "fresh-token" and credentials.valid
    assert endpoint.calls[0][0] == "https://oauth2.googleapis.com/token"
    assert stat.S_IMODE(token.stat().st_mode) == 0o600
    cached = json.loads(token.read_text())
    assert cached["token"] == "fresh-token" and cached["refresh_token"] == "refresh-me"
    # a valid cached token is used as is: no call to the endpoint
    again = FakeTokenEndpoint()
    assert yt.load_credentials(token, None, request=again).token == "fresh-token" and again.calls == []


def test_revoked_refresh_token_and_missing_credentials_are_one_line(tmp_path):
    token = tmp_path / "token.json"
    expired_token(token)
    with pytest.raises(NotAvailableError, match="vrdndi auth youtube"):
        yt.load_credentials(token, None, request=FakeTokenEndpoint(400, {"error": "invalid_grant",
                                                                         "error_description": "Token has been expired or revoked."}))
    with pytest.raises(NotAvailableError, match="client_secret"):
        yt.load_credentials(tmp_path / "none.json", None)
    with pytest.raises(NotAvailableError, match="Desktop app"):
        yt.load_credentials(tmp_path / "none.json", tmp_path / "missing_secret.json", interactive=True)


def test_quota_day_is_the_pacific_date():
    assert yt.quota_day(datetime(2026, 7, 1, 6, 59, tzinfo=timezone.utc)) == "2026-06-30"  # 23:59 PDT
    assert yt.quota_day(datetime(2026, 7, 1, 7, 0, tzinfo=timezone.utc)) == "2026-07-01"
    assert yt.quota_day(datetime(2026, 1, 15, 7, 59, tzinfo=timezone.utc)) == "2026-01-14"  # 23:59 PST
    assert yt.quota_day(datetime(2026, 1, 15, 8, 0, tzinfo=timezone.utc)) == "2026-01-15"


def test_the_daily_budget_counts_every_run_of_the_day_in_the_store(store):
    """Units are added up per Pacific day in the store: a second run (another process, the scheduler)
    stops at the day's budget, cleanly, keeping what it fetched; the next Pacific day starts at 0."""
    evening = datetime(2026, 3, 10, 6, 0, tzinfo=timezone.utc)  # 23:00 PDT on March 9
    client, _ = client_for(full_run_responses(), quota_budget=100, store=store, daily_budget=6, clock=lambda: evening)
    report = yt.ingest(store, client)
    assert client.units == 6 and store.quota_spent("2026-03-09") == 6
    assert "stopped at the daily budget (6 of 6 units spent on 2026-03-09, Pacific time" in report.line()
    assert "6 today, Pacific time, of 6" in report.line()
    again, http = client_for(full_run_responses(), quota_budget=100, store=store, daily_budget=6, clock=lambda: evening)
    report = yt.ingest(store, again)
    assert again.units == 0 and http.request_sequence == [] and "daily budget" in report.line()
    assert {v.video_id for v in store.videos()} >= {"likedVid001", "likedVid002", "dislikedV01"}
    morning = evening + timedelta(hours=2)  # 01:00 PDT on March 10: a new quota day
    fresh, _ = client_for(full_run_responses(), quota_budget=100, store=store, daily_budget=6, clock=lambda: morning)
    yt.ingest(store, fresh)
    assert fresh.units == 6 and store.quota_spent("2026-03-10") == 6 and store.quota_spent("2026-03-09") == 6


N_CHANNELS, N_LIKES = 120, 130


def _day_world_responses(run: int, at: datetime, *, full: bool, uploads: bool) -> list:
    """The API's answers, in the order an incremental run asks, for a person with N_CHANNELS
    subscriptions and N_LIKES likes; every channel has uploaded one new video since each check."""
    likes = [video_resource(f"like{i:07d}", f"Liked {i}") for i in range(N_LIKES)]
    out = []
    pages = [likes[i:i + 50] for i in range(0, N_LIKES, 50)]
    for number, items in enumerate(pages if full else pages[:1]):
        out.append(ok(page("youtube#videoListResponse", items, f"L{number + 1}" if number + 1 < len(pages) else None)))
    out.append(ok(page("youtube#videoListResponse", [video_resource("dislike0001", "Disliked")])))
    channels = [f"UCchan{i:03d}xxxxxxxxxxxxxx" for i in range(N_CHANNELS)]
    if run == 0:  # subscriptions and the uploads playlists of new channels: once a day
        subs = [subscription(c, f"Channel {c[6:9]}") for c in channels]
        for i in range(0, N_CHANNELS, 50):
            out.append(ok(page("youtube#SubscriptionListResponse", subs[i:i + 50], f"S{i}" if i + 50 < N_CHANNELS else None)))
        for i in range(0, N_CHANNELS, 50):
            out.append(ok(page("youtube#channelListResponse", [
                {"kind": "youtube#channel", "etag": "e", "id": c,
                 "contentDetails": {"relatedPlaylists": {"uploads": "UU" + c[2:]}}} for c in channels[i:i + 50]])))
    if uploads:
        new = [f"up{run:02d}{i:03d}xxxx"[:11] for i in range(N_CHANNELS)]
        for c, video_id in zip(channels, new):
            out.append(ok(page("youtube#playlistItemListResponse", [
                playlist_item(video_id, at - timedelta(hours=1)), playlist_item("old" + c[6:14], at - timedelta(days=40))])))
        for i in range(0, N_CHANNELS, 50):
            out.append(ok(page("youtube#videoListResponse", [video_resource(v, f"Upload {v}") for v in new[i:i + 50]])))
    return out


def test_a_scheduler_day_stays_well_inside_the_quota(store):
    """The scheduler's day (conf/schedule: :00 and :45 from 07:00 to 23:45, 34 runs) for a person with 120
    subscriptions and 130 likes, incremental: likes since the last run, subscriptions once a day, each
    channel's uploads every 6 hours. Every answer is replayed in the order the runs ask for them."""
    start = datetime(2026, 3, 10, 7, 0, tzinfo=timezone.utc)  # 00:00 PDT: the whole day is one quota day
    times = [start + timedelta(hours=h, minutes=m) for h in range(17) for m in (0, 45)]
    inc = yt.Incremental(full_refresh_hours=24, uploads_check_hours=6)
    spent = []
    for run, at in enumerate(times):
        uploads = (at - start) % timedelta(hours=6) == timedelta(0)
        client, http = client_for(_day_world_responses(run, at, full=run == 0, uploads=uploads),
                                  quota_budget=2000, store=store, daily_budget=8000, clock=lambda at=at: at)
        report = yt.ingest(store, client, incremental=inc)
        assert not http._iterable, f"run {run} at {at:%H:%M} left {len(http._iterable)} answers unasked"
        spent.append(client.units)
    assert len(times) == 34
    first = spent[0]  # what every run cost before: all likes, all subscriptions, a page per channel
    assert first == 3 + 1 + 3 + 3 + N_CHANNELS + 3
    day = sum(spent)
    assert store.quota_spent("2026-03-10") == day
    assert day == first + 2 * (N_CHANNELS + 3 + 2) + 31 * 2  # 445 units, 4.5% of the daily quota
    assert day < 0.1 * len(times) * first
    assert len([v for v in store.videos() if v.video_id.startswith("up")]) == 3 * N_CHANNELS
    assert len([l for l in store.labels() if l.source == "like"]) == N_LIKES
    assert "quota units spent" in report.line()


def test_incremental_runs_remove_a_like_only_after_the_daily_full_listing(store):
    inc = yt.Incremental(full_refresh_hours=24, uploads_check_hours=6)
    t0 = datetime(2026, 3, 10, 15, 0, tzinfo=timezone.utc)
    liked = ok(page("youtube#videoListResponse", [video_resource("likedVid001", "Liked")]))
    empty_videos, empty_subs = ok(page("youtube#videoListResponse", [])), ok(page("youtube#SubscriptionListResponse", []))
    for hours, likes, removed in ((0, liked, 0), (1, empty_videos, 0), (25, empty_videos, 1)):
        client, http = client_for([likes, empty_videos, empty_subs], store=store, clock=lambda h=hours: t0 + timedelta(hours=h))
        report = yt.ingest(store, client, incremental=inc)
        assert not http._iterable and report.written.get("labels removed", 0) == removed
        # between the daily full listings a like missing from the first page is not taken as removed
        assert [lb.video_id for lb in store.labels()] == ([] if removed else ["likedVid001"])
