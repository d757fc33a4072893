"""What the evaluation world's person wants, and when: the moment is read from the true timeline
(only what came before it), and a person's rule turns (moment, video) into "the right moment"."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from vrdndi.sources.world_moment import HOUR, MIN, RULES, Seg, Timeline, WVideo

ZONE = ZoneInfo("America/New_York")
# a Tuesday, 10:00 local time
T = datetime(2026, 10, 6, 10, 0, tzinfo=ZONE).timestamp()
WORKDAYS = {datetime(2026, 10, 6).toordinal()}


def seg(start_min: float, end_min: float, act: str, **info) -> Seg:
    return Seg(T + start_min * MIN, T + end_min * MIN, "laptop", act, info)


def video(kind: str, minutes: float = 4.0) -> WVideo:
    return WVideo(video_id="v", kind=kind, title="t", channel="c", channel_id="UCc", description="", tags=[],
                  category_id="22", duration_s=int(minutes * 60), published=T - 30 * 86400)


def test_the_moment_is_read_from_the_hour_before_it_only():
    segs = [seg(-120, -60, "away"), seg(-60, -20, "code", tech="rust", focus=0.9), seg(-20, 0, "chat"),
            seg(0, 90, "gaming", game=0)]  # the gaming after the moment must not count
    ctx = Timeline(segs, [T + 3 * HOUR], ZONE, WORKDAYS).ctx(T - 1)
    assert ctx.share["code"] == pytest.approx(40 / 60, abs=1e-3)
    assert ctx.share["chat"] == pytest.approx(20 / 60, abs=1e-3)
    assert ctx.share["gaming"] == 0.0 and ctx.game == ""
    assert ctx.cur == "chat" and ctx.tech == "rust"
    assert ctx.since_return == pytest.approx(60, abs=0.1)  # back from an hour away at 09:00
    assert ctx.next_commit == pytest.approx(180, abs=0.1)
    assert ctx.workday and not ctx.weekend and ctx.hour == pytest.approx(10.0, abs=0.02)


def test_deep_work_wants_background_music_and_not_a_sitcom():
    segs = [seg(-60, 60, "code", tech="go", focus=0.9)]
    ctx = Timeline(segs, [], ZONE, WORKDAYS).ctx(T)
    engineer = RULES["engineer"]
    assert engineer(ctx, video("lofi", 60)) > 0 > engineer(ctx, video("comedy", 10))


def test_every_person_has_a_rule_that_depends_on_the_moment():
    deep = Timeline([seg(-60, 60, "code", tech="go", focus=0.9)], [], ZONE, WORKDAYS).ctx(T)
    late = datetime(2026, 10, 6, 23, 55, tzinfo=ZONE).timestamp()
    evening = Timeline([Seg(late - HOUR, late + HOUR, "home", "watch", {})], [], ZONE, WORKDAYS).ctx(late)
    assert set(RULES) == {"engineer", "student", "manager", "nightowl", "analyst"}
    for name, rule in RULES.items():
        scores = {(moment, kind): rule(ctx, video(kind, 20)) for moment, ctx in (("deep", deep), ("late", evening))
                  for kind in ("lofi", "comedy", "tutorial", "sleep")}
        assert any(scores[("deep", k)] != scores[("late", k)] for k in ("lofi", "comedy", "tutorial", "sleep")), name
