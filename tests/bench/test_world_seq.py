"""bench/world_seq.py: the same seed gives the same files, the files have the columns of the other
generators, labels_truth.csv lines up with the productive labels, every moment lies inside the recorded
activity, and the truth at a moment does not depend on what happens after it."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"
sys.path.insert(0, str(BENCH))

import world_seq  # noqa: E402
from world_seq_plan import ACTS, Span  # noqa: E402
from world_seq_rule import Timeline, context  # noqa: E402

FILES = ("videos.jsonl", "events.json", "labels.csv", "labels_truth.csv", "test_candidates.csv", "test_truth.csv",
         "world.json")


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def worlds(tmp_path_factory) -> tuple[Path, Path, Path]:
    base = tmp_path_factory.mktemp("seq")
    for name, seed in (("a", 5), ("b", 5), ("c", 6)):
        subprocess.run([sys.executable, str(BENCH / "world_seq.py"), str(base / name), "--seed", str(seed),
                        "--days", "12"], check=True, capture_output=True)
    return base / "a", base / "b", base / "c"


def test_same_seed_same_bytes_other_seed_other_files(worlds):
    a, b, c = worlds
    for name in FILES:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name
    assert (a / "labels.csv").read_bytes() != (c / "labels.csv").read_bytes()


def test_columns(worlds):
    a = worlds[0]
    headers = {"labels.csv": "video_id,kind,value,moment,source,labelled_at",
               "labels_truth.csv": "video_id,moment,productive", "test_candidates.csv": "video_id,moment",
               "test_truth.csv": "video_id,moment,productive,interest,productive_noisy,kind,duration_s"}
    for name, header in headers.items():
        assert (a / name).read_text(encoding="utf-8").splitlines()[0] == header
    video = json.loads((a / "videos.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert {"title", "channelTitle", "channelId", "tags", "categoryId", "publishedAt"} <= set(video["snippet"])
    assert video["contentDetails"]["duration"].startswith("PT")
    meta = json.loads((a / "world.json").read_text(encoding="utf-8"))
    assert meta["variant"] == "seq" and meta["zone"]


def test_truth_lines_up_with_the_productive_labels(worlds):
    a = worlds[0]
    productive = [r for r in rows(a / "labels.csv") if r["kind"] == "productive"]
    truth = rows(a / "labels_truth.csv")
    assert productive and [(r["video_id"], r["moment"]) for r in productive] == [
        (r["video_id"], r["moment"]) for r in truth]
    assert all(r["labelled_at"] >= r["moment"] for r in productive)
    candidates = rows(a / "test_candidates.csv")
    assert [(r["video_id"], r["moment"]) for r in candidates] == [
        (r["video_id"], r["moment"]) for r in rows(a / "test_truth.csv")]


def test_moments_inside_the_events(worlds):
    a = worlds[0]
    buckets = json.loads((a / "events.json").read_text(encoding="utf-8"))["buckets"]
    times = [datetime.fromisoformat(e["timestamp"]).timestamp() for b in buckets.values() for e in b["events"]]
    lo, hi = min(times), max(times)
    moments = [r["moment"] for r in rows(a / "labels.csv") if r["moment"]]
    moments += [r["moment"] for r in rows(a / "test_candidates.csv")]
    assert moments and all(lo <= datetime.fromisoformat(m).timestamp() <= hi for m in moments)


def test_context_uses_only_the_past():
    world = world_seq.build(7, days=12)
    timeline = world.meta["timeline"]
    assert {s.act for s in timeline.spans} <= set(ACTS)
    for m, expected in list(world.meta["contexts"].items())[::10]:
        past = [Span(s.start, min(s.end, m + 1), s.host, s.act) for s in timeline.spans if s.start <= m]
        assert context(Timeline(past, timeline.zone, timeline.offdays), m) == expected
