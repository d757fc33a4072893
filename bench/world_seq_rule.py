""""The right moment" of the sequence world (``bench/world_seq.py``).

``context`` reads the true timeline up to a moment (never after it) and returns its *temporal structure*:
the current activity, the length of the current focus streak, minutes since the last break of 5+ minutes
away, how often the activity changed in the last 15 minutes, minutes since a call ended, hours spent at a
computer today, the local hour, late-evening fatigue, and whether it is a day off. ``Rule`` scores a
(context, video) pair as a sum of terms, each pairing one of those with a kind group or a length: short
light videos after a long focus streak or a call, long deep videos only when rested in the morning or on
days off, entertainment never in a fragmented work stretch, music while working, and so on. The weight of
each term and the strength of the whole context part are drawn per seed. Standard library only.
"""

from __future__ import annotations

import bisect
import math
import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from world_seq_plan import LEISURE, MIN, WORK, Span

FOCUS = ("code", "write", "read", "mail", "wchat", "music", "away")  # "away" spans are pauses under 3 min
# the weight of each term before the per-seed draw (sign = direction)
BASE = {"music_work": 1.4, "light_after_focus": 1.8, "fresh_focus": -1.6, "after_call": 1.4, "deep_rested": 1.9,
        "deep_tired": -1.1, "ent_fragmented": -2.2, "ent_offwork": 1.2, "sleep_late": 1.3, "news_fresh": 1.3,
        "fitness_sitting": 1.1, "long_late": -0.7, "podcast_stretch": 1.2, "in_call": -2.0,
        "any_after_streak": 1.0, "any_fragmented": -1.0, "any_just_back": 0.8}


@dataclass
class Context:
    act: str
    streak: float  # minutes of continuous work up to now (0 when not working)
    since_break: float  # minutes since the last 5+ minutes away
    switches: int  # activity changes in the last 15 minutes
    since_call: float  # minutes since a call ended (999 when none in the last 3 hours)
    day_active: float  # hours at a computer since 5:00 local
    lh: float  # local hour
    fatigue: float  # hours past 21:30 local
    offday: bool


class Timeline:
    """The person's spans (all hosts, sorted, not overlapping) with look-ups up to a moment."""

    def __init__(self, spans: list[Span], zone: ZoneInfo, offdays: set[int]):
        self.spans, self.zone, self.offdays = spans, zone, offdays
        self.starts = [s.start for s in spans]

    def at(self, m: float) -> Span | None:
        i = bisect.bisect_right(self.starts, m) - 1
        return self.spans[i] if i >= 0 and self.spans[i].end > m else None

    def before(self, m: float) -> list[Span]:
        """The spans that started by ``m``, newest first, clipped at ``m``; stops 16 hours back."""
        i = bisect.bisect_right(self.starts, m) - 1
        out = []
        while i >= 0 and self.spans[i].start > m - 16 * 3600:
            s = self.spans[i]
            out.append(Span(s.start, min(s.end, m), s.host, s.act))
            i -= 1
        return out

    def shares(self, m: float, minutes: float = 60) -> dict[str, float]:
        """Duration-weighted share of each activity in the last ``minutes`` (gaps count as away)."""
        lo, out = m - minutes * MIN, {}
        for s in self.before(m):
            if s.end <= lo:
                break
            out[s.act] = out.get(s.act, 0.0) + (s.end - max(s.start, lo)) / (minutes * MIN)
        out["away"] = out.get("away", 0.0) + max(0.0, 1 - sum(out.values()))
        return out


def context(tl: Timeline, m: float) -> Context:
    back = tl.before(m)
    cur = tl.at(m)
    act = cur.act if cur else "away"
    local = datetime.fromtimestamp(m, tl.zone)
    lh = local.hour + local.minute / 60
    day0 = (local - timedelta(days=1 if lh < 5 else 0)).replace(hour=5, minute=0, second=0, microsecond=0)
    return Context(act=act, streak=_streak(back, m) if act in WORK and act != "call" else 0.0,
                   since_break=_since_break(back, m), switches=_switches(back, m),
                   since_call=next(((m - s.end) / MIN for s in back if s.act == "call" and s.end < m
                                    and m - s.end < 3 * 3600), 999.0),
                   day_active=sum(max(0.0, s.end - max(s.start, day0.timestamp())) for s in back
                                  if s.act != "away") / 3600,
                   lh=lh, fatigue=lh - 21.5 if lh >= 21.5 else (lh + 2.5 if lh < 5 else 0.0),
                   offday=(day0.date().toordinal() in tl.offdays))


def _streak(back: list[Span], m: float) -> float:
    total, edge = 0.0, m
    for s in back:
        if edge - s.end >= 3 * MIN or s.act == "call" or (s.act in LEISURE and s.end - s.start >= 2 * MIN):
            break
        total += (s.end - s.start) if s.act in FOCUS else 0.0
        edge = s.start
    return total / MIN


def _since_break(back: list[Span], m: float) -> float:
    edge = m
    for s in back:
        if edge - s.end >= 5 * MIN:
            return (m - edge) / MIN
        edge = s.start
    return (m - edge) / MIN


def _switches(back: list[Span], m: float) -> int:
    acts = [s.act for s in back if s.end > m - 15 * MIN and s.act != "away"]
    return sum(a != b for a, b in zip(acts, acts[1:]))


def _clip(x: float, lo: float = 0.0, hi: float = 1.0) -> float:
    return max(lo, min(hi, x))


def terms(c: Context, group: str, minutes: float) -> dict[str, float]:
    """The value of every term of the rule for one pair (the kind enters only through its group)."""
    work = c.act in WORK and c.act != "call"
    light, ent = group == "light", group == "ent"
    deep_long = group == "deep" and minutes > 20
    rested = (c.since_break < 75) * (1.0 if c.lh < 12.5 or c.offday else 0.35) * (c.day_active < 4)
    return {
        "music_work": (group == "music") * (1.0 if work else 0.3),
        "light_after_focus": light / (1 + math.exp(-(c.streak - 45) / 10)),
        "fresh_focus": (light or ent) * work * max(0.0, 1 - c.streak / 25),
        "after_call": (light or group == "podcast") * (0 < c.since_call <= 20),
        "deep_rested": deep_long * rested,
        "deep_tired": deep_long * (c.fatigue + (c.day_active > 7)),
        "ent_fragmented": ent * work * _clip((c.switches - 3) / 6),
        "ent_offwork": ent * (not work) * (c.offday or c.lh >= 18),
        "sleep_late": (group == "sleep") * (c.fatigue - 0.6),
        "news_fresh": (group == "news") * ((c.day_active < 0.75) - 0.5),
        "fitness_sitting": (group == "fitness") * _clip((c.since_break - 90) / 60, -1.0) * (c.lh < 21),
        "long_late": (minutes > 40 and group != "sleep") * c.fatigue,
        "podcast_stretch": (group == "podcast") * (c.since_break > 100) * (c.act != "call"),
        "in_call": (c.act == "call") * (group != "music"),
        "any_after_streak": (group != "deep") / (1 + math.exp(-(c.streak - 60) / 12)),
        "any_fragmented": (group != "music") * _clip((c.switches - 2) / 6),
        "any_just_back": float(c.since_break < 10),
    }


class Rule:
    """score = c0 + bias[group] + video effect + alpha * sum(weight * term); the truth is score > 0."""

    def __init__(self, rng: random.Random, groups: list[str]):
        self.alpha = rng.uniform(0.8, 1.3)
        self.weights = {k: v * rng.uniform(0.6, 1.4) for k, v in BASE.items()}
        self.bias = {g: rng.gauss(0, 0.25) for g in sorted(groups)}
        self.c0 = 0.0

    def raw(self, c: Context, group: str, minutes: float, effect: float) -> float:
        t = terms(c, group, minutes)
        return self.bias[group] + effect + self.alpha * sum(self.weights[k] * v for k, v in t.items())
