"""The context of a moment is built only from what happened before it: nothing at or after the
moment reaches its features, a running event is cut at the moment, and only the newest events stay."""

from __future__ import annotations

import math
from datetime import datetime, timedelta, timezone

import numpy as np
import pytest

from vrdndi.features.context import ContextBuilder
from vrdndi.store import AppEvent
from vrdndi.timeutil import iso

MOMENT = datetime(2026, 10, 2, 12, 0, tzinfo=timezone.utc)


def event(title: str, start: datetime, minutes: float, *, app: str = "code") -> AppEvent:
    return AppEvent("laptop", iso(start), iso(start + timedelta(minutes=minutes)), minutes * 60.0, app=app,
                    title=title, category="Work > Programming")


def builder(events: list[AppEvent], **kwargs) -> ContextBuilder:
    return ContextBuilder(events, tz="UTC", **{"window_hours": 6, "max_events": 64, "min_event_s": 5, **kwargs})


def titles(ctx) -> list[str]:
    return [e.title for e, _ in ctx.events]


def tokens(b: ContextBuilder, ctx) -> tuple[list[str], np.ndarray]:
    """What the model reads: the token texts (oldest first, ``now`` last) and their numbers [L, 3]."""
    return [b.texts[i] for i in ctx.text_ids], ctx.numbers


@pytest.mark.parametrize("min_event_s", [5, 0])  # 0: an event clipped to nothing is not dropped as too short
def test_events_at_or_after_the_moment_are_never_read(min_event_s):
    events = [event("before", MOMENT - timedelta(hours=1), 30),
              event("at the moment", MOMENT, 30),
              event("after", MOMENT + timedelta(minutes=1), 30),
              event("tomorrow", MOMENT + timedelta(days=1), 30)]
    b = builder(events, min_event_s=min_event_s)
    ctx = b.build(iso(MOMENT))
    assert titles(ctx) == ["before"]
    texts, _ = tokens(b, ctx)
    assert texts == ["Work > Programming | code | before", "now"]  # the moment's own token comes last


def test_whatever_happens_after_the_moment_leaves_its_features_unchanged():
    past = [event("main.rs", MOMENT - timedelta(hours=3), 50), event("lib.rs", MOMENT - timedelta(hours=2), 50),
            event("running", MOMENT - timedelta(minutes=20), 20)]  # ends exactly at the moment
    future = [AppEvent("laptop", past[2].start, iso(MOMENT + timedelta(hours=2)), 8400.0, app="code",
                       title="running", category="Work > Programming"),  # the same event, still running
              event("Factorio", MOMENT, 60, app="steam"), event("later", MOMENT + timedelta(hours=1), 60)]
    seen_then = builder(past)
    seen_later = builder(past[:2] + future)
    then = tokens(seen_then, seen_then.build(iso(MOMENT)))
    later = tokens(seen_later, seen_later.build(iso(MOMENT)))
    assert then[0] == later[0]
    assert np.array_equal(then[1], later[1])


def test_a_running_event_is_clipped_at_the_moment():
    # started 10 minutes before the moment, runs on for 50 more: it counts as 10 minutes
    b = builder([event("running", MOMENT - timedelta(minutes=10), 60)])
    ctx = b.build(iso(MOMENT))
    assert [seconds for _, seconds in ctx.events] == [600.0]
    # the token's numbers: time of day of its start (11:50 UTC) and the clipped log-duration z
    angle = 2 * math.pi * (11 * 3600 + 50 * 60) / 86400
    expected = [math.sin(angle), math.cos(angle), (math.log1p(600.0) - math.log1p(300.0)) / 1.5]
    np.testing.assert_allclose(ctx.numbers[0], expected, rtol=0, atol=1e-6)
    now = 2 * math.pi * 12 / 24
    np.testing.assert_allclose(ctx.numbers[-1], [math.sin(now), math.cos(now), 0.0], rtol=0, atol=1e-6)


def test_only_events_that_started_inside_the_window_are_read():
    events = [event("too old", MOMENT - timedelta(hours=6, minutes=1), 30),
              event("window start", MOMENT - timedelta(hours=6), 30),
              event("recent", MOMENT - timedelta(hours=1), 30)]
    assert titles(builder(events).build(iso(MOMENT))) == ["window start", "recent"]


@pytest.mark.parametrize("min_event_s", [5, 0])
def test_keeps_the_newest_max_events_oldest_first(min_event_s):
    events = [event(f"e{i}", MOMENT - timedelta(minutes=10 * (10 - i)), 5) for i in range(10)]  # e9 is newest
    b = builder(list(reversed(events)), max_events=4, min_event_s=min_event_s)  # the store's order does not matter
    ctx = b.build(iso(MOMENT))
    assert titles(ctx) == ["e6", "e7", "e8", "e9"]
    assert len(ctx) == 5  # four events and the moment's own token
    # what is dropped is the oldest, never one after the moment
    with_future = builder(events + [event("future", MOMENT, 5)], max_events=4, min_event_s=min_event_s)
    assert titles(with_future.build(iso(MOMENT))) == ["e6", "e7", "e8", "e9"]


def test_an_unknown_moment_has_no_context():
    ctx = builder([event("before", MOMENT - timedelta(hours=1), 30)]).build(None)
    assert len(ctx) == 0 and ctx.numbers.shape == (0, 3)


class FixedEncoder:
    """Deterministic float32 vectors whose values float16 cannot hold exactly."""

    model_dir, prefix, dim = "fixed-encoder", "", 4

    def encode(self, texts: list[str]) -> np.ndarray:
        return np.array([[0.1234567, 1 / 3, len(t) / 7, -0.987654321] for t in texts], dtype=np.float32)


def test_a_warm_embedding_cache_gives_the_embeddings_of_a_cold_one(tmp_path):
    """The cache may store rounded vectors (float16): a first run (cold cache) must read exactly what the
    runs after it read, or a seeded run and a predict see other event embeddings than training did."""
    events = [event("main.rs", MOMENT - timedelta(hours=1), 30)]

    def embeddings() -> np.ndarray:
        b = builder(events, encoder=FixedEncoder(), cache_path=tmp_path / "event_embeddings.sqlite")
        b.build(iso(MOMENT))
        return b.embeddings()

    cold, warm = embeddings(), embeddings()
    assert np.array_equal(cold, warm)


def test_the_summary_config_chooses_the_columns_and_a_checkpoints_spec_is_read_back():
    from vrdndi.features.context import summary_spec

    events = [AppEvent("h", iso(MOMENT), iso(MOMENT + timedelta(minutes=5)), 300.0, app="code", title="a",
                       category="Work")]
    fresh = summary_spec({"summary": {"enabled": True, "windows_min": [15, 60], "recency": True, "text": False}},
                         events)
    assert fresh.recency and fresh.categories == ("Work",) and fresh.recency_dim == 4  # Work, other, streak, switches
    stored = summary_spec({"summary": fresh.as_config() | {"enabled": True}}, [])
    assert stored == fresh
    assert summary_spec({"summary": {"enabled": True}}, events).recency is False
    assert summary_spec({"summary": {"enabled": False, "recency": True}}, events) is None
