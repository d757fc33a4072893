"""Export then import into an empty store reproduces it exactly; each part imports alone."""

from __future__ import annotations

import json

import pytest

from vrdndi.errors import BadInputError
from vrdndi.sources import transfer
from vrdndi.sources.privacy import PrivacyRules
from vrdndi.store import Store
from vrdndi.store.schema import AppEvent, Channel, Label, Video, Watch

from .test_youtube import video_resource


def fill(store: Store) -> None:
    api = video_resource("apivideo001", "From the API — ✓", "PT1H1S")
    store.upsert_videos([
        Video(video_id="apivideo001", title="From the API — ✓", channel_id="UCaaaaaaaaaaaaaaaaaaaaaa", channel_title="Chan",
              description="about", tags=["a", "b"], category_id="27", published_at="2024-02-29T17:00:02.000000+00:00",
              duration_s=3601.0, thumbnail_url="https://i.ytimg.com/vi/apivideo001/hqdefault.jpg", source="youtube", raw=api),
        Video(video_id="takeout0001", title='Only "title", with comma', channel_title="Kanal ü", source="takeout"),
        Video(video_id="gone0000001", status="unavailable", source="youtube"),
        Video(video_id="short000001", title="s", duration_s=42.5, is_short=True, published_at="2024-01-01T00:00:00.000000+00:00"),
    ])
    store.upsert_channels([Channel("UCaaaaaaaaaaaaaaaaaaaaaa", "Chan, Inc.", "UUaaaaaaaaaaaaaaaaaaaaaa",
                                   "2023-01-01T00:00:00.500000+00:00", "youtube")])
    store.upsert_events([
        AppEvent("desk", "2024-03-10T09:00:00.123456+00:00", "2024-03-10T09:10:00.123456+00:00", 600.0, "Code",
                 "main.py — ü", "", "Work > Programming", "aw-live"),
        AppEvent("desk", "2024-03-10T09:10:00.123456+00:00", "2024-03-10T09:11:00.000000+00:00", 59.876544, "Firefox",
                 "YouTube", "https://www.youtube.com/watch?v=apivideo001", "Media > Video", "aw-export"),
        AppEvent("laptop", "2024-03-10T09:00:00.000000+00:00", "2024-03-10T09:00:30.000000+00:00", 30.0, "Term", "", "", "",
                 "import"),
    ])
    store.upsert_watches([Watch("takeout0001", "2024-05-01T12:34:56.789000+00:00", "takeout")])
    store.add_labels([Label("apivideo001", "interest", 1, "like"),
                      Label("takeout0001", "productive", 0, "web", "2024-03-10T09:30:00.000000+00:00",
                            "2024-03-10T09:31:00.000000+00:00")])
    store.set("sources.activitywatch.last_end:127.0.0.1:5600:desk", "2024-03-10T09:11:00.000000+00:00")


def test_export_then_import_into_an_empty_store_is_exact(tmp_path, store):
    fill(store)
    counts = transfer.export_store(store, tmp_path / "out")
    assert counts == {"videos": 4, "events": 3, "labels": 2, "watches": 1, "channels": 1, "registry": 1}
    lines = (tmp_path / "out" / "videos.jsonl").read_text(encoding="utf-8").splitlines()
    resources = {json.loads(l)["id"]: json.loads(l) for l in lines}
    assert resources["takeout0001"]["kind"] == "youtube#video" and resources["takeout0001"]["snippet"]["title"].startswith("Only")
    assert resources["short000001"]["contentDetails"]["duration"] == "PT42S"
    events = json.loads((tmp_path / "out" / "events.json").read_text(encoding="utf-8"))
    bucket = events["buckets"]["aw-watcher-window_desk"]
    assert bucket["hostname"] == "desk" and bucket["events"][0]["data"]["$category"] == ["Work", "Programming"]
    fresh = Store(tmp_path / "fresh.sqlite")
    transfer.import_store(fresh, tmp_path / "out")
    assert fresh.dump() == store.dump()
    again = transfer.import_store(fresh, tmp_path / "out")
    assert sum(again.written.values()) == 0 and fresh.dump() == store.dump()


def test_export_is_owner_only_and_an_existing_folder_keeps_its_mode(tmp_path, store):
    fill(store)
    transfer.export_store(store, tmp_path / "out")
    assert (tmp_path / "out").stat().st_mode & 0o777 == 0o700
    modes = {p.name: p.stat().st_mode & 0o777 for p in (tmp_path / "out").iterdir()}
    assert set(modes) == set(transfer.FILES.values()) and set(modes.values()) == {0o600}
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o755)
    (shared / "notes.txt").write_text("mine")
    transfer.export_store(store, shared)
    assert shared.stat().st_mode & 0o777 == 0o755 and (shared / "notes.txt").read_text() == "mine"
    assert {p.stat().st_mode & 0o777 for p in shared.iterdir() if p.name != "notes.txt"} == {0o600}
    assert sorted(p.name for p in tmp_path.iterdir() if ".partial-" in p.name) == []


def test_each_part_imports_alone_and_privacy_applies_to_events(tmp_path, store):
    fill(store)
    transfer.export_store(store, tmp_path / "out")
    fresh = Store(tmp_path / "fresh.sqlite")
    transfer.import_part(fresh, "videos", tmp_path / "out" / "videos.jsonl")
    transfer.import_part(fresh, "labels", tmp_path / "out" / "labels.csv")
    report = transfer.import_part(fresh, "events", tmp_path / "out" / "events.json",
                                  privacy=PrivacyRules.from_config({"never_store_apps": ["term"]}))
    assert fresh.dump()["videos"] == store.dump()["videos"] and fresh.dump()["labels"] == store.dump()["labels"]
    assert len(fresh.all_events()) == 2 and "1 events withheld" in report.line()


def test_a_plain_videos_list_resource_line_is_accepted(tmp_path, store):
    path = tmp_path / "videos.jsonl"
    path.write_text(json.dumps(video_resource("plainres001", "Plain", "PT30S")) + "\n")
    transfer.import_part(store, "videos", path)
    video = store.video("plainres001")
    assert video.duration_s == 30 and video.is_short and video.raw["id"] == "plainres001"


@pytest.mark.parametrize("part, content, record", [
    ("videos", '{"kind": "youtube#video", "id": "x"}\n{"kind": "youtube#video"\n', 2),
    ("videos", '["not", "a", "resource"]\n', 1),
    ("watches", "video_id,watched_at,source\nv1,yesterday,takeout\n", 1),
    ("channels", "channel_id,title\nUC1,x\n", None),
    ("events", '{"buckets": {"aw-watcher-window_h": {"client": "vrdndi", "events": [{"duration": 1}]}}}',
     "bucket aw-watcher-window_h event 0"),
])
def test_bad_part_file_is_one_line_and_writes_nothing(tmp_path, store, part, content, record):
    fill(store)
    before = store.dump()
    path = tmp_path / "bad.file"
    path.write_text(content)
    with pytest.raises(BadInputError) as info:
        transfer.import_part(store, part, path)
    assert str(path) in str(info.value) and info.value.record == record
    assert store.dump() == before
