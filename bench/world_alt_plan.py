"""The true timeline of the alternative evaluation world (``bench/world_alt.py``): ``Planner`` plans
each day of a ``Person`` in local wall-clock time (wake-up, office or home, lunch, meetings, evening
sessions; stored in UTC) and fills each ``Session`` with ``Seg`` segments from a semi-Markov chain over
the activities; ``Timeline`` answers which activity when and the shares over a window (the hidden
context of "the right moment"). What the watchers see of it is rendered in ``world_alt_render.py``.
Standard library only; deterministic in the ``random.Random`` it is given.
"""

from __future__ import annotations

import bisect
import math
import random
from dataclasses import dataclass
from datetime import date
from typing import Any
from zoneinfo import ZoneInfo

from world_alt_person import ACTS, CTX, DUR, MEETINGS, Person
from world_alt_time import HOUR, MIN, local_hour, local_ts


@dataclass
class Seg:
    start: float
    end: float
    act: str
    host: str     # role
    info: dict[str, Any]


@dataclass
class Session:
    start: float
    end: float
    host: str
    phase: str
    leave_on: float = 0.0  # seconds the machine stays on (afk) after the session


class Planner:
    def __init__(self, person: Person, zone: ZoneInfo, rng: random.Random):
        self.p = person
        self.zone = zone
        self.rng = rng
        self.segs: list[Seg] = []
        self.sessions: list[Session] = []
        self.workday: set[int] = set()

    def _host(self, phase: str) -> str:
        if "home" in self.p.hosts and (phase != "work" and self.rng.random() < 0.85):
            return "home"
        return "work"

    def day(self, d: date) -> None:
        p, rng, z = self.p, self.rng, self.zone
        work = d.weekday() < 5 and d.toordinal() not in p.pto
        sessions: list[tuple[float, float, str, str]] = []
        fixed: list[tuple[float, float, str]] = []  # meetings, local hours
        if work:
            self.workday.add(d.toordinal())
            office = rng.random() < p.office_p
            wake = 7.0 + p.chrono + rng.gauss(0, 0.35)
            ws = wake + (1.6 if office else 1.0) + rng.uniform(-0.2, 0.4)
            lunch = 12.0 + p.chrono * 0.4 + rng.gauss(0, 0.3)
            lunch_len = rng.uniform(0.45, 1.1)
            we = ws + rng.uniform(7.8, 9.2) + lunch_len + rng.gauss(0, 0.3)
            if rng.random() < 0.25 and not office:
                sessions.append((wake + 0.2, wake + rng.uniform(0.2, 0.5), "evening", self._host("evening")))
            sessions.append((ws, lunch, "work", "work"))
            sessions.append((lunch + lunch_len, we, "work", "work"))
            if p.standup and ws < p.standup < lunch:
                fixed.append((p.standup, p.standup + 0.25, "Stand-up"))
            for wd, h, mins, title in p.weekly:
                if wd == d.weekday() and rng.random() < 0.9:
                    fixed.append((h, h + mins / 60, title))
            if rng.random() < p.evening_p:
                es = 19.0 + p.chrono * 0.6 + rng.uniform(-0.4, 1.2)
                ee = 22.3 + p.chrono + rng.gauss(0, 0.7)
                if ee - es > 0.4:
                    sessions.append((max(es, we + 0.5), min(ee, 27.5), "evening", self._host("evening")))
        else:
            wake = 8.5 + p.chrono * 1.2 + rng.gauss(0, 0.8)
            t = wake + rng.uniform(0.3, 2.0)
            for slot in range(3):
                if rng.random() < (0.55, 0.5, 0.85)[slot]:
                    s = max(t, (wake + 0.5, 13.5 + p.chrono * 0.5, 18.5 + p.chrono * 0.7)[slot] + rng.uniform(0, 1.0))
                    e = s + rng.uniform(0.8, 3.8)
                    if slot == 2:
                        e = min(e + 0.6, 27.0 + p.chrono * 0.3)
                    if e - s > 0.3:
                        sessions.append((s, e, "free", self._host("free")))
                        t = e + rng.uniform(0.3, 1.5)
        sessions.sort()
        merged: list[tuple[float, float, str, str]] = []
        for s, e, ph, host in sessions:
            if merged and s < merged[-1][1] + 0.1:
                s = merged[-1][1] + 0.1
            if e - s > 0.2:
                merged.append((s, e, ph, host))
        for i, (s, e, ph, host) in enumerate(merged):
            a, b = local_ts(z, d, s), local_ts(z, d, e)
            nxt = local_ts(z, d, merged[i + 1][0]) if i + 1 < len(merged) else b + 8 * HOUR
            leave = 0.0
            if rng.random() < 0.35:
                leave = min(nxt - b - 60, rng.uniform(10, 150) * MIN)
            sess = Session(a, b, host, ph, max(0.0, leave))
            self.sessions.append(sess)
            meets = sorted((local_ts(z, d, fs), local_ts(z, d, fe), title) for fs, fe, title in fixed
                           if s <= fs < e)
            self._chain(sess, meets)

    def _chain(self, sess: Session, meets: list[tuple[float, float, str]]) -> None:
        p, rng = self.p, self.rng
        t, prev = sess.start, "break"
        project = rng.choice(p.projects)
        mi = 0
        while sess.end - t > 60:
            if mi < len(meets) and meets[mi][0] <= t + 60:
                ms, me, title = meets[mi]
                mi += 1
                me = min(me + rng.uniform(-2, 6) * MIN, sess.end)
                if me - t > 60:
                    self._add(max(t, ms), me, "meeting", sess.host, {"title": title, "fixed": True})
                    t, prev = me, "meeting"
                continue
            h = local_hour(self.zone, t)
            weights = []
            for a in ACTS:
                x = p.w[sess.phase][a] * p.follow[prev][a]
                if a == prev:
                    x *= 0.12
                if a in ("deep", "docs", "learn"):
                    x *= math.exp(0.55 * math.cos(2 * math.pi * (h - p.peak) / 24))
                if a in ("game", "film"):
                    x *= math.exp(0.6 * math.cos(2 * math.pi * (h - 22.0) / 24))
                if a == "meeting" and not (9.0 <= h - max(0.0, p.chrono) * 0.5 <= 17.5):
                    x *= 0.05
                weights.append(x)
            act = rng.choices(ACTS, weights)[0]
            med, sig = DUR[act]
            dur = med * p.dur_scale[act] * math.exp(rng.gauss(0, sig)) * MIN
            if act == "meeting":
                dur = rng.choice([15, 25, 30, 30, 45, 60]) * MIN
            end = min(t + max(dur, 90.0), sess.end)
            if mi < len(meets):
                end = min(end, max(meets[mi][0], t + 60))
            info: dict[str, Any] = {}
            if act == "deep":
                if rng.random() < 0.2:
                    project = rng.choice(p.projects)
                info = {"project": project[0], "lang": project[1]}
            elif act == "meeting":
                info = {"title": rng.choice(MEETINGS + ["Quick call", "Pairing"]), "fixed": False}
            elif act == "docs":
                info = {"project": project[0], "lang": project[1]}
            self._add(t, end, act, sess.host, info)
            t, prev = end, act

    def _add(self, a: float, b: float, act: str, host: str, info: dict[str, Any]) -> None:
        if b - a > 1:
            if self.segs and self.segs[-1].act == act and self.segs[-1].host == host and abs(self.segs[-1].end - a) < 1 \
                    and act not in ("meeting",):
                self.segs[-1].end = b
            else:
                self.segs.append(Seg(a, b, act, host, info))


class Timeline:
    """Which true activity when: shares over a window (the hidden context of "the right moment")."""

    def __init__(self, segs: list[Seg]):
        self.segs = sorted(segs, key=lambda s: s.start)
        self.starts = [s.start for s in self.segs]
        self.longest = max((s.end - s.start for s in self.segs), default=0.0)

    def shares(self, t: float, window: float = HOUR) -> dict[str, float]:
        out = {a: 0.0 for a in CTX}
        lo = t - window
        i = bisect.bisect_left(self.starts, lo - self.longest)
        for s in self.segs[i:]:
            if s.start >= t:
                break
            ov = min(s.end, t) - max(s.start, lo)
            if ov > 0:
                out[s.act] += ov
        busy = sum(out.values())
        out["off"] = max(0.0, window - busy)
        return {a: v / window for a, v in out.items()}

    def at(self, t: float) -> Seg | None:
        i = bisect.bisect_right(self.starts, t) - 1
        while i >= 0 and self.segs[i].start > t - self.longest:
            if self.segs[i].start <= t < self.segs[i].end:
                return self.segs[i]
            i -= 1
        return None
