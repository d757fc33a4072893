"""The demo month: deterministic, idempotent, realistic in shape, and its productive labels need context."""

from __future__ import annotations

import bisect
import re
import time
from collections import Counter, defaultdict
from datetime import datetime, timedelta, timezone

import pytest

from vrdndi.sources.demo import (
    LEARNING_TOPICS,
    LEISURE_TOPICS,
    TOPICS,
    build_demo_store,
    productive_truth,
    recent_activity_kind,
    video_topic,
)
from vrdndi.store import Store
from vrdndi.timeutil import get_tz, iso, parse_time

ISO_RE = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00$")
ID_RE = re.compile(r"^[A-Za-z0-9_-]{11}$")


def duration_bucket(seconds: float) -> str:
    if seconds < 60:
        return "short-form"
    if seconds <= 20 * 60:
        return "<=20m"
    if seconds <= 60 * 60:
        return "<=60m"
    return ">60m"


def label_contexts(store: Store, window_h: float = 2.0) -> list[tuple]:
    """(label, video, topic, recent activity kind, seconds of events in the 6 h before) per productive label."""
    events = store.all_events()
    starts = [e.start for e in events]
    videos = {v.video_id: v for v in store.videos(status=None)}
    out = []
    for lab in store.labels("productive"):
        m = parse_time(lab.moment)
        lo6 = iso(m - timedelta(hours=6, minutes=30))
        near = events[bisect.bisect_left(starts, lo6):bisect.bisect_left(starts, lab.moment)]
        kind = recent_activity_kind([e for e in near if e.start >= iso(m - timedelta(hours=window_h, minutes=30))],
                                    m, timedelta(hours=window_h))
        six_h = sum(max(0.0, (min(parse_time(e.end), m) - max(parse_time(e.start), m - timedelta(hours=6)))
                        .total_seconds()) for e in near)
        v = videos[lab.video_id]
        out.append((lab, v, video_topic(v), kind, six_h))
    return out


def _majority(cells: dict) -> tuple[float, float]:
    """Accuracy and F1 (positive class) of predicting each cell's majority label."""
    tp = fp = fn = correct = n = 0
    for counts in cells.values():
        pred = int(counts[1] > counts[0])
        correct += counts[pred]
        n += counts[0] + counts[1]
        if pred:
            tp, fp = tp + counts[1], fp + counts[0]
        else:
            fn += counts[1]
    f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    return correct / n, f1


def measure(store: Store) -> dict[str, float]:
    """Best context-free vs context-aware majority predictors of the productive labels."""
    free: dict = defaultdict(Counter)
    aware: dict = defaultdict(Counter)
    covered = 0
    rows = label_contexts(store)
    for lab, v, topic, kind, six_h in rows:
        cell = (topic, duration_bucket(v.duration_s))
        free[cell][lab.value] += 1
        aware[cell + (kind,)][lab.value] += 1
        covered += six_h > 0
    acc_free, f1_free = _majority(free)
    acc_aware, f1_aware = _majority(aware)
    return {"acc_free": acc_free, "acc_aware": acc_aware, "f1_free": f1_free, "f1_aware": f1_aware,
            "covered_6h": covered / len(rows), "after_work": sum(r[3] == "work" for r in rows) / len(rows)}


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    store = Store(path)
    t0 = time.perf_counter()
    summary = build_demo_store(store)
    seconds = time.perf_counter() - t0
    yield store, summary, seconds
    store.close()


def test_build_is_fast_and_idempotent(demo):
    store, summary, seconds = demo
    assert seconds < 5.0
    before = store.dump()
    again = build_demo_store(store)
    assert again.changed == 0
    assert store.dump() == before
    assert again.productive_labels == summary.productive_labels


def test_same_seed_same_store_other_seed_other_store(demo, tmp_path):
    store, _, _ = demo
    with Store(tmp_path / "b.sqlite") as other:
        build_demo_store(other)
        assert other.dump() == store.dump()
    with Store(tmp_path / "c.sqlite") as third:
        build_demo_store(third, seed=8, days=3, n_videos=60)
        assert third.dump()["videos"] != store.dump()["videos"]


def test_counts_in_range(demo):
    store, summary, _ = demo
    counts = store.counts()
    assert counts["videos"] == summary.videos == 600
    assert 30 <= counts["channels"] == summary.channels <= 50
    assert counts["app_events"] == summary.app_events
    labels = store.labels()
    interest = [lab for lab in labels if lab.kind == "interest"]
    productive = [lab for lab in labels if lab.kind == "productive"]
    assert 0.5 * 600 <= len(interest) <= 0.7 * 600
    assert 1300 <= len(productive) <= 1700
    assert {lab.source for lab in interest} == {"demo-like", "demo-dislike"}
    assert all((lab.source == "demo-like") == (lab.value == 1) for lab in interest)
    assert {lab.source for lab in productive} == {"demo-web"}
    assert counts["watches"] == sum(lab.value for lab in productive)
    # the same video gets both answers at different moments
    values = defaultdict(set)
    for lab in productive:
        values[lab.video_id].add(lab.value)
    assert sum(1 for v in values.values() if v == {0, 1}) >= 100

    # window events per local day (full days only)
    tz = get_tz("Europe/Berlin")
    per_day = Counter(parse_time(e.start).astimezone(tz).date() for e in store.all_events())
    full_days = sorted(per_day)[1:-1]
    assert len(full_days) >= 27
    assert all(40 <= per_day[d] <= 120 for d in full_days), {d: per_day[d] for d in full_days}
    assert {e.host for e in store.all_events()} == {"demo-laptop"}
    cats = Counter(e.category for e in store.all_events())
    for cat in ("Work > Programming", "Work > Writing", "Work > Meetings", "Media > Games",
                "Media > Social Media", "Media > Music"):
        assert cats[cat] > 20, cat
    titles = Counter(e.title for e in store.all_events())
    assert len(titles) < len(store.all_events()) / 5  # titles repeat (an embedding cache pays off)


def test_videos_are_realistic(demo):
    store, summary, _ = demo
    videos = store.videos()
    assert len({v.video_id for v in videos}) == len(videos)
    assert all(ID_RE.match(v.video_id) for v in videos)
    by_topic = defaultdict(list)
    for v in videos:
        by_topic[video_topic(v)].append(v)
        assert v.status == "ok" and v.source == "demo" and v.thumbnail_url == ""
        assert v.title and len(re.findall(r"[.!?](?: |$)", v.description)) >= 2 and v.channel_id and v.channel_title
        assert v.category_id in {"28", "27", "20", "10", "26", "25", "23"}
        assert v.is_short == (v.duration_s < 60)
    assert set(by_topic) == {t.name for t in TOPICS}
    assert all(3 <= len({v.channel_id for v in vs}) <= 5 for vs in by_topic.values())
    mixes = [v.duration_s for v in by_topic["music"] if not v.is_short]
    assert sum(d >= 3600 for d in mixes) / len(mixes) > 0.7 and max(mixes) <= 3 * 3600
    assert all(v.duration_s <= 15 * 60 for v in by_topic["comedy"])
    assert summary.shorts == sum(v.is_short for v in videos) > 10
    assert len({v.title for v in videos}) > 0.9 * len(videos)
    end = parse_time(summary.end)
    fresh = [v for v in videos if parse_time(v.published_at) >= end - timedelta(days=7)]
    assert len(fresh) >= 60
    assert all(parse_time(v.published_at) <= end for v in videos)
    assert summary.fresh_candidates >= 20


def test_all_times_canonical_utc(demo):
    store, summary, _ = demo
    dump = store.dump()
    stamps = [v["published_at"] for v in dump["videos"]]
    stamps += [c["subscribed_at"] for c in dump["channels"] if c["subscribed_at"]]
    stamps += [w["watched_at"] for w in dump["watches"]]
    stamps += [lab["labelled_at"] for lab in dump["labels"]] + [lab["moment"] for lab in dump["labels"] if lab["moment"]]
    for e in dump["app_events"]:
        stamps += [e["start"], e["end"]]
        assert e["duration_s"] == (parse_time(e["end"]) - parse_time(e["start"])).total_seconds() > 0
    assert all(ISO_RE.match(s) and iso(parse_time(s)) == s for s in stamps)
    assert all(s <= summary.end for s in stamps if not s.startswith("2026-0") and s >= summary.start)
    events = dump["app_events"]
    assert all(a["end"] <= b["start"] for a, b in zip(events, events[1:]))  # no overlaps
    assert summary.start <= events[0]["start"] and events[-1]["end"] <= summary.end
    for lab in dump["labels"]:
        if lab["kind"] == "productive":
            assert summary.start <= lab["moment"] < lab["labelled_at"] <= summary.end


def test_productive_labels_need_context(demo):
    store, _, _ = demo
    m = measure(store)
    assert m["acc_aware"] - m["acc_free"] >= 0.15, m
    assert m["f1_free"] <= 0.75 and m["f1_aware"] >= 0.85, m
    assert 0.35 <= m["after_work"] <= 0.65, m
    assert m["covered_6h"] >= 0.9, m

    # per topic: short learning videos are right after work, leisure topics after leisure
    rate = defaultdict(Counter)
    agree = 0
    rows = label_contexts(store)
    for lab, v, topic, kind, _ in rows:
        group = ("learning-short" if topic in LEARNING_TOPICS and v.duration_s <= 1200
                 else "leisure" if topic in LEISURE_TOPICS else "other")
        rate[(group, kind)][lab.value] += 1
        agree += lab.value == productive_truth(topic, kind, v.duration_s)

    def p1(group, kind):
        c = rate[(group, kind)]
        return c[1] / (c[0] + c[1])

    assert p1("learning-short", "work") > 0.75 and p1("learning-short", "leisure") < 0.25
    assert p1("leisure", "leisure") > 0.75 and p1("leisure", "work") < 0.25
    assert p1("other", "work") < 0.25 and p1("other", "leisure") < 0.25
    assert 0.86 <= agree / len(rows) <= 0.97  # 8% noise


def test_interest_labels_follow_taste(demo):
    store, _, _ = demo
    videos = {v.video_id: v for v in store.videos()}
    liked = {"programming", "machine_learning", "systems", "gaming", "speedruns", "music", "science"}
    labels = store.labels("interest")
    agree = sum(lab.value == int(video_topic(videos[lab.video_id]) in liked) for lab in labels)
    assert 0.84 <= agree / len(labels) <= 0.96
    first_watch: dict[str, str] = {}
    for w in store.watches():  # oldest first
        first_watch.setdefault(w.video_id, w.watched_at)
    for lab in labels:
        assert lab.moment == first_watch.get(lab.video_id, "")
        assert lab.labelled_at


def test_productive_truth_rule():
    assert productive_truth("programming", "work", 600) == 1
    assert productive_truth("programming", "work", 3600) == 0
    assert productive_truth("machine_learning", "work", 45) == 1
    assert productive_truth("systems", "leisure", 600) == 0
    assert productive_truth("gaming", "work", 600) == 0
    assert productive_truth("gaming", "leisure", 3600) == 1
    assert productive_truth("music", "leisure", 7200) == 1
    assert productive_truth("news", "leisure", 300) == 0
    assert productive_truth("cooking", "work", 300) == 0
    assert productive_truth("programming", "work") == 1  # unknown length counts as short


def test_times_follow_end(tmp_path):
    end = datetime(2026, 3, 29, 14, 37, 12, tzinfo=timezone.utc)  # a DST switch inside the range
    with Store(tmp_path / "d.sqlite") as store:
        summary = build_demo_store(store, seed=3, days=5, n_videos=120, end=end)
        assert summary.end == iso(end)
        dump = store.dump()
        assert max(e["end"] for e in dump["app_events"]) <= iso(end)
        assert min(e["start"] for e in dump["app_events"]) >= iso(end - timedelta(days=5))
        assert max(v["published_at"] for v in dump["videos"]) <= iso(end)
        assert sum(v["published_at"] >= iso(end - timedelta(days=7)) for v in dump["videos"]) >= 15
        assert 5 * 30 <= summary.productive_labels <= 5 * 70
