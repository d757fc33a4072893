"""The evaluation world: deterministic, imports cleanly, forward-split, crosses DST, varied, and its
productive answers depend on the moment (not only on the video)."""

from __future__ import annotations

import csv
import json
import statistics
from collections import defaultdict
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from vrdndi.sources.world import VARIANTS, write_world
from vrdndi.sources import transfer
from vrdndi.timeutil import parse_time

FILES = ["videos.jsonl", "events.json", "labels.csv", "test_candidates.csv", "test_truth.csv", "labels_truth.csv",
         "world.json"]


def rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def default_world(tmp_path_factory):
    out = tmp_path_factory.mktemp("world") / "default"
    return out, write_world(out, seed=0)


@pytest.fixture(scope="module")
def small_world(tmp_path_factory):
    out = tmp_path_factory.mktemp("world") / "small"
    return out, write_world(out, seed=5, days=7)


def test_same_seed_same_files_other_seed_differs(tmp_path):
    a, b, c = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    write_world(a, seed=3, days=7)
    write_world(b, seed=3, days=7)
    write_world(c, seed=4, days=7)
    for name in FILES:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name
    assert (a / "labels.csv").read_bytes() != (c / "labels.csv").read_bytes()


def test_imports_into_a_real_store_with_the_expected_counts(small_world, store):
    out, summary = small_world
    report = transfer.import_store(store, out)
    counts = store.counts()
    assert counts["videos"] == summary.videos
    assert counts["labels"] == sum(summary.labels.values()) == len(rows(out / "labels.csv"))
    assert report.written["labels"] == counts["labels"]
    # the AFK filter drops away time and browser tabs split window events: some, not all, survive
    assert 0.3 * summary.window_events < counts["app_events"] < 3 * summary.window_events
    hosts = {e.host for e in store.all_events()}
    assert len(hosts) >= 2 and hosts <= set(summary.hosts)
    assert any(e.url for e in store.all_events()), "browser buckets give URLs"
    video_ids = {v.video_id for v in store.videos(status=None)}
    assert {l.video_id for l in store.labels()} <= video_ids
    assert {r["video_id"] for r in rows(out / "test_candidates.csv")} <= video_ids
    assert any(v.is_short for v in store.videos(status=None))


def test_export_is_a_plain_activitywatch_export(small_world):
    out, summary = small_world
    buckets = json.loads((out / "events.json").read_text(encoding="utf-8"))["buckets"]
    for host in summary.hosts[:2]:
        assert f"aw-watcher-window_{host}" in buckets and f"aw-watcher-afk_{host}" in buckets
    assert any(b.startswith("aw-watcher-web-") for b in buckets)
    assert all(b["client"] != "vrdndi" for b in buckets.values())
    statuses = {e["data"]["status"] for b in buckets.values() if b["type"] == "afkstatus" for e in b["events"]}
    assert statuses == {"afk", "not-afk"}
    first = json.loads((out / "videos.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert "vrdndi" not in first and first["contentDetails"]["duration"].startswith("PT")
    assert {"title", "channelTitle", "description", "tags", "categoryId", "publishedAt"} <= set(first["snippet"])


def test_labels_only_from_training_and_test_pairs_only_after_it(default_world):
    out, summary = default_world
    train_end, end = parse_time(summary.train_end), parse_time(summary.end)
    labels = rows(out / "labels.csv")
    assert labels and all(parse_time(r["labelled_at"]) < train_end for r in labels)
    assert all(parse_time(r["moment"]) < train_end for r in labels if r["moment"])
    truth = rows(out / "test_truth.csv")
    candidates = rows(out / "test_candidates.csv")
    assert [(r["video_id"], r["moment"]) for r in candidates] == [(r["video_id"], r["moment"]) for r in truth]
    assert all(train_end <= parse_time(r["moment"]) < end for r in truth)
    assert list(candidates[0]) == ["video_id", "moment"]
    assert len({(r["video_id"], r["moment"]) for r in truth}) == len(truth)
    # late answers exist: some labels arrive hours after their moment
    late = [r for r in labels if r["moment"] and (parse_time(r["labelled_at"]) - parse_time(r["moment"])).total_seconds() > 3600]
    assert len(late) > 20


def test_labels_truth_is_the_rule_behind_each_productive_answer(default_world):
    """labels_truth.csv holds one noise-free answer per productive label, in the same order; the answers
    disagree with it now and then (mood, slips, careless openings), as the test pairs' noisy answers do."""
    out, _ = default_world
    answers = [r for r in rows(out / "labels.csv") if r["kind"] == "productive"]
    truth = rows(out / "labels_truth.csv")
    assert [(r["video_id"], r["moment"]) for r in answers] == [(r["video_id"], r["moment"]) for r in truth]
    agree = statistics.mean(a["value"] == t["productive"] for a, t in zip(answers, truth))
    test = rows(out / "test_truth.csv")
    test_agree = statistics.mean(r["productive"] == r["productive_noisy"] for r in test)
    assert 0.7 < agree < 0.97 and abs(agree - test_agree) < 0.08, (agree, test_agree)


def test_default_world_sizes(default_world):
    _, s = default_world
    assert 600 <= s.videos <= 1500
    assert s.distinct_titles > 1000
    assert 900 <= s.labels["productive"] <= 1500 and 500 <= s.labels["interest"] <= 900
    assert 130 <= s.train_moments <= 200
    assert 800 <= s.test_pairs <= 1500 and 100 <= s.test_moments <= 200
    assert 0.2 < s.label_positive_rate["productive"] < 0.6
    assert 0.45 < s.label_positive_rate["interest"] < 0.85


def test_crosses_a_dst_change_and_the_day_follows_the_local_clock(default_world):
    out, s = default_world
    zone = ZoneInfo(s.zone)
    assert parse_time(s.start) < parse_time(s.dst_change) < parse_time(s.train_end)
    assert parse_time(s.start).astimezone(zone).utcoffset() != parse_time(s.end).astimezone(zone).utcoffset()
    buckets = json.loads((out / "events.json").read_text(encoding="utf-8"))["buckets"]
    work = buckets[f"aw-watcher-window_{s.hosts[0]}"]["events"]
    first_by_day: dict = {}
    for e in work:
        t = parse_time(e["timestamp"])
        local = t.astimezone(zone)
        if local.weekday() < 5 and local.hour >= 6:
            first_by_day.setdefault(local.date(), t)
    change = parse_time(s.dst_change)
    before = [t for t in first_by_day.values() if t < change]
    after = [t for t in first_by_day.values() if t > change]

    def median_hour(ts, tz):
        return statistics.median(t.astimezone(tz).hour + t.astimezone(tz).minute / 60 for t in ts)

    assert abs(median_hour(before, zone) - median_hour(after, zone)) < 0.6  # same local start of work
    utc = ZoneInfo("UTC")
    assert 0.4 < abs(median_hour(before, utc) - median_hour(after, utc)) < 1.6  # the UTC clock moved


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_each_variant_gives_both_answers(tmp_path, variant):
    s = write_world(tmp_path / variant, seed=1, days=14, variant=variant)
    labels = rows(tmp_path / variant / "labels.csv")
    for kind in ("productive", "interest"):
        assert {r["value"] for r in labels if r["kind"] == kind} == {"0", "1"}, kind
    truth = rows(tmp_path / variant / "test_truth.csv")
    assert {r["productive"] for r in truth} == {"0", "1"} and {r["interest"] for r in truth} == {"0", "1"}
    assert s.variant == variant and s.zone == VARIANTS[variant].zone


def test_productive_depends_on_the_moment_not_only_the_video(default_world):
    out, s = default_world
    answers = defaultdict(set)
    counts = defaultdict(int)
    for r in rows(out / "labels.csv"):
        if r["kind"] == "productive":
            answers[r["video_id"]].add(r["value"])
            counts[r["video_id"]] += 1
    repeated = [v for v in counts if counts[v] >= 2]
    assert len(repeated) >= 100
    assert sum(len(answers[v]) == 2 for v in repeated) / len(repeated) >= 0.4
    # a context-free model that knew each video's kind and length exactly would still be close to
    # always giving the commoner answer
    assert s.productive_context_free_ceiling - s.productive_majority < 0.12
    # interest does not depend on the moment: one truth per video
    per_video = defaultdict(set)
    for r in rows(out / "test_truth.csv"):
        per_video[r["video_id"]].add(r["interest"])
    assert all(len(v) == 1 for v in per_video.values())


def test_videos_are_varied(default_world):
    out, _ = default_world
    videos = [json.loads(line) for line in (out / "videos.jsonl").read_text(encoding="utf-8").splitlines()]
    titles = [v["snippet"]["title"] for v in videos]
    assert len(set(titles)) > 0.85 * len(titles)
    assert len({v["snippet"]["categoryId"] for v in videos}) >= 9
    assert len({v["snippet"]["channelTitle"] for v in videos}) >= 120
    assert len({v["id"] for v in videos}) == len(videos)


def run_world_command(argv: list[str]) -> int:
    """The `vrdndi world` parser alone: vrdndi.cli.main would import every command module (torch...)."""
    import argparse

    from vrdndi import cli
    from vrdndi.sources import world

    assert "vrdndi.sources.world" in cli.COMMAND_MODULES
    parser = argparse.ArgumentParser(prog="vrdndi")
    world.register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(argv)
    return args.func(args)


def test_cli_subcommand(tmp_path, capsys):
    assert run_world_command(["world", str(tmp_path / "w"), "--days", "8", "--seed", "2", "--variant", "student"]) == 0
    out = capsys.readouterr().out
    assert "world student" in out and "test:" in out and "DST change" in out
    assert (tmp_path / "w" / "labels.csv").exists()


def test_cli_bad_days_is_a_user_error(tmp_path):
    from vrdndi.errors import VrdndiError

    with pytest.raises(VrdndiError, match="^days must be at least 6$"):
        run_world_command(["world", str(tmp_path / "w"), "--days", "3"])
    assert not (tmp_path / "w").exists()


def test_fewer_videos_at_more_moments_changes_only_how_the_person_was_asked(tmp_path):
    narrow = write_world(tmp_path / "narrow", seed=5, days=14)
    wide = write_world(tmp_path / "wide", seed=5, days=14, train_moments_per_day=10.2, feed_size=(2, 3))
    assert (tmp_path / "narrow" / "events.json").read_bytes() == (tmp_path / "wide" / "events.json").read_bytes()
    assert wide.train_moments > 2.5 * narrow.train_moments
    per_moment = defaultdict(int)
    for r in rows(tmp_path / "wide" / "labels.csv"):
        if r["kind"] == "productive":
            per_moment[r["moment"]] += 1
    assert max(per_moment.values()) <= 3 and len(per_moment) > 2.5 * narrow.train_moments * 0.8
    assert 0.7 < wide.labels["productive"] / narrow.labels["productive"] < 1.4


def test_cli_bad_feed_size_is_a_user_error(tmp_path):
    from vrdndi.errors import VrdndiError

    with pytest.raises(VrdndiError, match="^--feed-size must be LO-HI"):
        run_world_command(["world", str(tmp_path / "w"), "--feed-size", "7"])
    with pytest.raises(VrdndiError, match=r"^feed_size must be 1 <= lo <= hi, not \(5, 2\)$"):
        run_world_command(["world", str(tmp_path / "w"), "--feed-size", "5-2"])
    with pytest.raises(VrdndiError, match=r"^train_moments_per_day must be > 0, not 0.0$"):
        run_world_command(["world", str(tmp_path / "w"), "--moments-per-day", "0"])
    assert not (tmp_path / "w").exists()
