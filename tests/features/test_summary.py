"""The context summary states what the person was doing before a moment: shares, recency, session
and the local clock, computed only from what happened before the moment."""

from __future__ import annotations

import math
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import numpy as np
import pytest

from vrdndi.features.summary import GLOBAL_FEATURES, Summarizer, SummarySpec, vocabulary
from vrdndi.store import AppEvent
from vrdndi.timeutil import iso

MOMENT = datetime(2026, 10, 2, 12, 0, tzinfo=timezone.utc)
SPEC = SummarySpec(windows_min=(15.0, 60.0), apps=("code", "slack"), categories=("Work",))


def event(app: str, start: datetime, minutes: float, *, category: str = "Work", title: str = "t") -> AppEvent:
    return AppEvent("laptop", iso(start), iso(start + timedelta(minutes=minutes)), minutes * 60.0, app=app,
                    title=title, category=category)


def summarize(events, moment=MOMENT, spec=SPEC, tz=timezone.utc, **kwargs):
    events = sorted(events, key=lambda e: e.start)
    return Summarizer(events, spec, tz).summarize(moment, lambda e: 0, **kwargs)


def window(summary, w: int, spec=SPEC) -> dict[str, np.ndarray]:
    """The columns of window ``w``: active fraction, event count, app shares, category shares."""
    row = summary.numbers[w * spec.per_window:(w + 1) * spec.per_window]
    apps = len(spec.apps) + 1
    return {"active": row[0], "count": row[1], "apps": row[2:2 + apps], "categories": row[2 + apps:]}


def glob(summary, name: str, spec=SPEC) -> float:
    return float(summary.numbers[len(spec.windows_min) * spec.per_window + GLOBAL_FEATURES.index(name)])


def test_shares_are_duration_weighted_within_each_window():
    events = [event("code", MOMENT - timedelta(minutes=60), 40),          # 11:00-11:40: in the 60-min window only
              event("slack", MOMENT - timedelta(minutes=10), 5),          # in both
              event("spotify", MOMENT - timedelta(minutes=5), 5, category="Media")]
    s = summarize(events)
    last15, last60 = window(s, 0), window(s, 1)
    assert last15["apps"] == pytest.approx([0.0, 0.5, 0.5])              # code, slack, other
    assert last60["apps"] == pytest.approx([40 / 50, 5 / 50, 5 / 50])
    assert last60["categories"] == pytest.approx([45 / 50, 5 / 50])       # Work, other
    assert last15["active"] == pytest.approx(10 / 15) and last60["active"] == pytest.approx(50 / 60)
    assert s.numbers.shape == (SPEC.numeric_dim,)
    ids, weights = s.window_text[1]
    assert weights.sum() == pytest.approx(1.0)


def test_nothing_at_or_after_the_moment_changes_the_summary():
    before = [event("code", MOMENT - timedelta(minutes=40), 20)]
    running = event("code", MOMENT - timedelta(minutes=5), 60)  # still running at the moment: clipped there
    future = [event("slack", MOMENT, 10), event("slack", MOMENT + timedelta(minutes=1), 10)]
    base = summarize(before + [running])
    assert np.array_equal(base.numbers, summarize(before + [running] + future).numbers)
    longer = event("code", MOMENT - timedelta(minutes=5), 600)
    assert np.array_equal(base.numbers, summarize(before + [longer]).numbers)
    assert window(base, 0)["active"] == pytest.approx(5 / 15)


def test_recency_and_session_length():
    # a session 11:00-11:40 after a 30-minute break from one that ended at 10:30; then 20 minutes idle
    events = [event("code", MOMENT - timedelta(minutes=120), 30),
              event("code", MOMENT - timedelta(minutes=60), 25), event("slack", MOMENT - timedelta(minutes=33), 13)]
    s = summarize(events)
    assert glob(s, "minutes_since_activity") == pytest.approx(math.log1p(20) / 6)
    assert glob(s, "session_minutes") == pytest.approx(math.log1p(40) / 6)
    assert glob(s, "has_moment") == 1.0


def test_the_clock_is_local_and_follows_dst():
    zone = ZoneInfo("America/New_York")
    # 13:00 UTC is 09:00 local before the change (EDT) and 08:00 after it (EST)
    before, after = datetime(2026, 10, 30, 13, tzinfo=timezone.utc), datetime(2026, 11, 2, 13, tzinfo=timezone.utc)
    for moment, hour in ((before, 9), (after, 8)):
        s = summarize([], moment=moment, tz=zone)
        angle = 2 * math.pi * hour / 24
        assert (glob(s, "hour_sin"), glob(s, "hour_cos")) == pytest.approx((math.sin(angle), math.cos(angle)), abs=1e-6)
    assert glob(summarize([], moment=datetime(2026, 10, 31, 13, tzinfo=timezone.utc), tz=zone), "weekend") == 1.0


def test_an_unknown_moment_is_all_zero():
    s = Summarizer([], SPEC, timezone.utc).empty()
    assert not s.numbers.any() and len(s.window_text) == len(SPEC.windows_min)


def test_vocabulary_is_the_most_used_before_the_cut():
    events = [event("code", MOMENT - timedelta(hours=3), 60), event("slack", MOMENT - timedelta(hours=2), 10),
              event("zoom", MOMENT + timedelta(hours=1), 300, category="Meetings")]
    apps, categories = vocabulary(events, until=iso(MOMENT))
    assert apps == ("code", "slack") and categories == ("Work",)  # zoom only after the cut: unknown
    assert vocabulary(events)[0][0] == "zoom"


def test_excluded_events_are_gone_from_the_summary():
    events = [event("code", MOMENT - timedelta(minutes=10), 5), event("slack", MOMENT - timedelta(minutes=4), 4)]
    s = summarize(events, exclude=lambda e: e.app == "slack")
    assert window(s, 0)["apps"] == pytest.approx([1.0, 0.0, 0.0])


def test_topic_shares_follow_the_titles_not_the_app():
    """Two browsers' worth of pages: the topics (clusters of title embeddings) tell the docs from the
    games although the app is the same, and the shares are duration-weighted per window."""
    from dataclasses import replace

    from vrdndi.features.summary import fit_topics, topic_shares

    rng = np.random.default_rng(0)
    docs, games = rng.normal(size=(1, 8)) * 3, rng.normal(size=(1, 8)) * 3
    table = np.concatenate([docs + rng.normal(size=(5, 8)) * 0.1, games + rng.normal(size=(5, 8)) * 0.1])
    centres = fit_topics(table, np.ones(len(table)), 2)
    assert centres.shape == (2, 8) and np.allclose(np.linalg.norm(centres, axis=1), 1.0)
    topic_of = np.argmax(table @ centres.T, axis=1)
    assert len(set(topic_of[:5])) == 1 and len(set(topic_of[5:])) == 1 and topic_of[0] != topic_of[5]

    spec = replace(SPEC, n_topics=2, text=False)
    assert spec.keeps_window_texts and spec.topic_dim == 0  # no centroids yet
    titles = {f"doc{i}": i for i in range(5)} | {f"game{i}": 5 + i for i in range(5)}
    events = [event("firefox", MOMENT - timedelta(minutes=50), 30, title="doc1"),   # 60-min window only
              event("firefox", MOMENT - timedelta(minutes=12), 9, title="game2"),   # both windows
              event("firefox", MOMENT - timedelta(minutes=3), 3, title="doc4")]
    s = Summarizer(sorted(events, key=lambda e: e.start), spec, timezone.utc).summarize(
        MOMENT, lambda e: titles[e.title])
    shares = topic_shares(s.window_text, topic_of, 2).reshape(2, 2)
    doc, game = topic_of[0], topic_of[5]
    assert shares[0, doc] == pytest.approx(3 / 12) and shares[0, game] == pytest.approx(9 / 12)
    assert shares[1, doc] == pytest.approx(33 / 42) and shares[1, game] == pytest.approx(9 / 42)
    fitted = replace(spec, topics=tuple(map(tuple, centres)))
    assert SummarySpec.from_config(fitted.as_config()) == fitted and fitted.topic_dim == 4


RECENCY = SummarySpec(windows_min=(15.0, 60.0), apps=("code",), categories=("Work", "Meeting"), recency=True)


def recency(summary, spec=RECENCY) -> dict[str, float]:
    """The recency columns back in minutes / counts: since Work, Meeting, other; the streak; the switches."""
    cols = summary.numbers[-spec.recency_dim:]
    since = [math.expm1(6 * float(x)) for x in cols[:len(spec.categories) + 1]]
    return {"work": since[0], "meeting": since[1], "other": since[2], "streak": math.expm1(6 * float(cols[-2])),
            "switches": math.expm1(3 * float(cols[-1]))}


def test_recency_says_when_each_category_was_last_on_screen_and_how_long_the_focus_has_held():
    # a call 10:30-11:00, then coding 11:05-11:25, a one-minute glance at chat, coding 11:26-11:56 (moment 12:00)
    events = [event("zoom", MOMENT - timedelta(minutes=90), 30, category="Meeting"),
              event("code", MOMENT - timedelta(minutes=55), 20), event("slack", MOMENT - timedelta(minutes=35), 1,
                                                                         category="Chat"),
              event("code", MOMENT - timedelta(minutes=34), 30)]
    s = summarize(events, spec=RECENCY)
    assert s.numbers.shape == (RECENCY.numeric_dim,) and RECENCY.recency_dim == 5
    r = recency(s)
    assert (r["work"], r["meeting"], r["other"]) == pytest.approx((4, 60, 34), abs=1e-3)
    assert r["streak"] == pytest.approx(50, abs=1e-3)  # the glance does not end it; the 30-minute call does
    assert r["switches"] == pytest.approx(0, abs=1e-6)  # one category in the last 15 minutes
    # the columns before the recency ones are the summary without it
    assert np.array_equal(s.numbers[:-RECENCY.recency_dim],
                          summarize(events, spec=SummarySpec(windows_min=(15.0, 60.0), apps=("code",),
                                                             categories=("Work", "Meeting"))).numbers)


def test_recency_counts_switches_and_never_reads_after_the_moment():
    # fragmented: a new category every two minutes for the last 12 minutes, then the future
    events = [event("code" if k % 2 else "zoom", MOMENT - timedelta(minutes=12 - 2 * k), 2,
                    category="Work" if k % 2 else "Meeting") for k in range(6)]
    future = [event("zoom", MOMENT, 30, category="Meeting"), event("game", MOMENT + timedelta(minutes=5), 9,
                                                                     category="Games")]
    s = summarize(events, spec=RECENCY)
    r = recency(s)
    assert r["switches"] == pytest.approx(5, abs=1e-3) and r["streak"] == pytest.approx(2, abs=1e-3)
    assert r["other"] == pytest.approx(60, abs=1e-3)  # never seen in the window: the horizon
    assert np.array_equal(s.numbers, summarize(events + future, spec=RECENCY).numbers)
    assert not np.any(summarize([], spec=RECENCY).numbers[-2:])  # nothing before: no streak, no switch


def test_a_spec_without_recency_reads_back_without_it():
    assert SummarySpec.from_config(RECENCY.as_config()) == RECENCY
    old = {k: v for k, v in SummarySpec(apps=("a",)).as_config().items() if k != "recency"}  # before recency
    assert SummarySpec.from_config(old).recency is False and SummarySpec.from_config(old).recency_dim == 0
