"""Labels CSV: our columns and the original Vrdndi shape."""

from __future__ import annotations

import pytest

from vrdndi.errors import BadInputError
from vrdndi.sources import labels
from vrdndi.store.schema import Label


def test_our_csv_round_trips_and_is_idempotent(tmp_path, store):
    path = tmp_path / "labels.csv"
    path.write_text("video_id,kind,value,moment,source,labelled_at\n"
                    "vid00000001,interest,1,,labeler,2024-05-01T10:00:00Z\n"
                    'vid00000002,productive,0,2024-05-01T09:00:00+09:00,web,\n'
                    "vid00000003,interest,0,,,\n", encoding="utf-8")
    report = labels.import_labels(store, path)
    assert report.written["labels"] == 3
    got = {(l.video_id, l.kind, l.value, l.moment, l.source) for l in store.labels()}
    assert ("vid00000002", "productive", 0, "2024-05-01T00:00:00.000000+00:00", "web") in got
    assert ("vid00000003", "interest", 0, "", "import") in got
    dump = store.dump()
    assert labels.import_labels(store, path).written["labels"] == 0 and store.dump() == dump
    out = tmp_path / "out.csv"
    labels.export_labels(store, out)
    assert labels.load(out) and sorted(map(repr, labels.load(out))) == sorted(map(repr, store.labels()))


def test_original_vrdndi_csv_is_accepted(tmp_path, store):
    path = tmp_path / "interest_data.csv"
    path.write_text("youtuber,description,title,videoId,data_state,duration,date,tag,interest\n"
                    '陈 一枝,"a, b",工作 中,vR4D8UvbzqU,youtube#video,PT22M24S,2025-09-06T04:19:39Z,,1\n'
                    "x,,y,SQaidxf298s,youtube#video,PT30M15S,2025-02-23T04:53:01Z,,0\n"
                    "x,,y,unlabelled1,youtube#video,PT30M15S,2025-02-23T04:53:01Z,,\n", encoding="utf-8")
    labels.import_labels(store, path)
    assert {(l.video_id, l.kind, l.value, l.source) for l in store.labels()} == {
        ("vR4D8UvbzqU", "interest", 1, "vrdndi"), ("SQaidxf298s", "interest", 0, "vrdndi")}


@pytest.mark.parametrize("content, record", [
    ("video_id,kind,value,moment,source\nv1,interest,2,,web\n", 1),
    ("video_id,kind,value,moment,source\nv1,interest,1,,web\nv2,boredom,1,,web\n", 2),
    ("video_id,kind,value,moment,source\nv1,productive,1,2024-05-01 10:00,web\n", 1),
    ("video_id,kind,value,moment,source\nv1,interest,1\n", 1),
    ("name,score\nx,1\n", None),
    ("", None),
])
def test_bad_csv_value_is_one_line_and_writes_nothing(tmp_path, store, content, record):
    store.add_labels([Label("keep0000001", "interest", 1, "web")])
    before = store.dump()
    path = tmp_path / "bad.csv"
    path.write_text(content)
    with pytest.raises(BadInputError) as info:
        labels.import_labels(store, path)
    assert str(path) in str(info.value) and info.value.record == record and "\n" not in str(info.value)
    assert store.dump() == before


@pytest.mark.parametrize("row, column", [
    ("vid00000002,productive,1,2099-01-01T09:00:00Z,web,", "moment"),
    ("vid00000002,interest,1,,labeler,2099-05-01T10:00:00+02:00", "labelled_at"),
])
def test_a_label_dated_in_the_future_is_refused_in_one_line(tmp_path, store, row, column):
    """A label dated 2099 would become the whole validation set: refused, the record named, nothing stored."""
    store.add_labels([Label("keep0000001", "interest", 1, "web")])
    before = store.dump()
    path = tmp_path / "labels.csv"
    path.write_text("video_id,kind,value,moment,source,labelled_at\n"
                    "vid00000001,interest,1,,labeler,2024-05-01T10:00:00Z\n" + row + "\n", encoding="utf-8")
    with pytest.raises(BadInputError) as info:
        labels.import_labels(store, path)
    message = str(info.value)
    assert "\n" not in message and str(path) in message and info.value.record == 2
    assert column in message and "2099" in message and "future" in message
    assert store.dump() == before
    # the original Vrdndi shape is checked the same way, and so is `vrdndi import labels` (the command)
    original = tmp_path / "original.csv"
    original.write_text("videoId,productive,timestamp\nabc,1,2099-01-01T00:00:00Z\n", encoding="utf-8")
    with pytest.raises(BadInputError, match="future"):
        labels.import_labels(store, original)
    from vrdndi.cli import main

    assert main(["--store", str(store.path), "import", "labels", str(path)]) == 2
    assert store.dump() == before


def test_import_counts_labels_for_videos_it_does_not_know(tmp_path, store):
    from vrdndi.store import Video

    store.upsert_videos([Video("vid00000001", title="known")])
    path = tmp_path / "labels.csv"
    path.write_text("video_id,kind,value,moment,source,labelled_at\n"
                    "vid00000001,interest,1,,labeler,2024-05-01T10:00:00Z\n"
                    "unknown0001,interest,0,,labeler,2024-05-01T10:00:00Z\n"
                    "unknown0001,productive,1,2024-05-01T09:00:00Z,web,\n"
                    "unknown0002,interest,1,,labeler,\n", encoding="utf-8")
    report = labels.import_labels(store, path)
    assert report.written["labels"] == 4  # kept: they train once the videos are ingested
    assert "3 labels name 2 videos the store does not know" in report.line()
    store.upsert_videos([Video("unknown0001"), Video("unknown0002")])
    assert "does not know" not in labels.import_labels(store, path).line()


def test_feed_moment_round_trips_through_the_csv(tmp_path, store):
    label = Label("vid00000001", "productive", 1, "web", moment="2024-05-01T09:00:00.000000+00:00",
                  labelled_at="2024-05-01T09:00:00.000000+00:00", feed_moment="2024-05-01T07:45:00.000000+00:00")
    store.add_labels([label])
    out = tmp_path / "out.csv"
    labels.export_labels(store, out)
    assert labels.load(out) == [label]
