"""The simulated person's true timeline (``vrdndi.sources.world``): ``Planner`` plans one day at a time
in local wall-clock time (DST-correct) from a ``Persona``'s habits and keeps the segments in UTC:
work blocks that drift into browsing or chat, meetings, lunch, coffee, evenings, weekends, late nights,
and machines left on while the person is elsewhere. What the watchers record of it is rendered in
``world_render.py``. Standard library only; deterministic in the ``random.Random`` it is given.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from vrdndi.sources import world_vocab as V
from vrdndi.sources.world_moment import HOUR, MIN, Seg
from vrdndi.sources.world_persona import Persona


def _pick(rng: random.Random, weights: dict[str, float]) -> str:
    keys = list(weights)
    return rng.choices(keys, weights=[weights[k] for k in keys])[0]


# -- the true timeline --------------------------------------------------------------------------

class Planner:
    """One day at a time: local wall-clock anchors -> UTC seconds; segments in order, never overlapping."""

    def __init__(self, persona: Persona, zone: ZoneInfo, rng: random.Random):
        self.p = persona
        self.zone = zone
        self.rng = rng
        self.segs: list[Seg] = []
        self.host_only: list[Seg] = []  # a machine left on while the person is elsewhere
        self.commitments: list[float] = []  # meeting starts, work starts, bedtimes (UTC s)
        self.meetings: list[tuple[float, float, str]] = []
        self.game = rng.choice(persona.games)
        self.days_off: set[int] = set()
        self.project: tuple[str, str] | None = None

    def at(self, day: date, hour: float) -> float:
        naive = datetime(day.year, day.month, day.day) + timedelta(hours=hour)
        return naive.replace(tzinfo=self.zone).timestamp()

    def add(self, start: float, end: float, host: str, act: str, **info: Any) -> float:
        if self.segs and start < self.segs[-1].end:
            start = self.segs[-1].end
        if end - start >= 20:
            self.segs.append(Seg(start, end, host, act, info))
        return max(end, start)

    # -- building blocks ------------------------------------------------------------------------

    def _code_block(self, start: float, end: float, host: str, projects: list[tuple[str, str]], side: bool) -> None:
        rng, p = self.rng, self.p
        if not side and self.project is not None and rng.random() < 0.75:
            name, tech = self.project  # most blocks go to this week's project
        else:
            name, tech = rng.choice(projects)
        act = "art" if (p.art_share and rng.random() < p.art_share) else "code"
        focus = min(1.0, max(0.2, rng.gauss(0.78, 0.15)))
        drift_at = start + rng.expovariate(1 / (55 * MIN * focus))
        if drift_at < end - 10 * MIN and rng.random() < 0.55:
            self.add(start, drift_at, host, act, project=name, tech=tech, focus=focus, side=side)
            drift_end = min(end, drift_at + rng.uniform(8, 35) * MIN)
            self.add(drift_at, drift_end, host, rng.choice(["browse", "browse", "watch", "chat"]), drift=True)
            if end - drift_end > 10 * MIN:
                self.add(drift_end, end, host, act, project=name, tech=tech, focus=focus * 0.8, side=side)
        else:
            self.add(start, end, host, act, project=name, tech=tech, focus=focus, side=side)

    def _work_interval(self, start: float, end: float, host: str) -> None:
        rng, p = self.rng, self.p
        t = start
        while end - t > 4 * MIN:
            if rng.random() < 0.12 and end - t > 20 * MIN:
                t = self.add(t, t + rng.uniform(4, 14) * MIN, host, "away", why="coffee")
                continue
            r = rng.random()
            if r < p.deep_share:
                length = rng.uniform(25, 120) * MIN
                stop = min(end, t + length)
                if p.study and rng.random() < 0.5:
                    self.add(t, stop, host, "study", course=rng.choice(V.FILL["lt"]), focus=rng.uniform(0.4, 1.0))
                else:
                    self._code_block(t, stop, host, p.projects, side=False)
            elif r < p.deep_share + (1 - p.deep_share) * 0.6:
                stop = min(end, t + rng.uniform(10, 45) * MIN)
                self.add(t, stop, host, "study" if p.study and rng.random() < 0.5 else "shallow")
            else:
                stop = min(end, t + rng.uniform(5, 20) * MIN)
                self.add(t, stop, host, "chat", work=True)
            t = max(stop, self.segs[-1].end if self.segs else stop)

    def _leisure(self, start: float, end: float, host: str, weights: dict[str, float]) -> None:
        rng = self.rng
        t = start
        while end - t > 5 * MIN:
            kind = _pick(rng, weights)
            if kind == "gaming":
                if rng.random() < 0.1:
                    self.game = rng.choice(self.p.games)
                stop = min(end, t + rng.uniform(40, 170) * MIN)
                self.add(t, stop, host, "gaming", game=self.game)
            elif kind == "side":
                stop = min(end, t + rng.uniform(30, 120) * MIN)
                self._code_block(t, stop, host, self.p.side_projects, side=True)
            elif kind == "watch":
                stop = min(end, t + rng.uniform(15, 110) * MIN)
                self.add(t, stop, host, "watch", film=rng.random() < 0.4)
            else:
                stop = min(end, t + rng.uniform(10, 50) * MIN)
                self.add(t, stop, host, "browse" if rng.random() < 0.75 else "chat")
            if rng.random() < 0.25 and end - stop > 20 * MIN:
                stop = self.add(stop, stop + rng.uniform(5, 25) * MIN, host, "away", why="break")
            t = max(stop, self.segs[-1].end if self.segs else stop)

    # -- days -----------------------------------------------------------------------------------

    def day(self, day: date) -> None:
        rng, p = self.rng, self.p
        weekday = day.weekday()
        workday = weekday < 5 and day.toordinal() not in self.days_off
        if self.project is None or rng.random() < 0.2:
            self.project = rng.choice(p.projects)
        home = "home" if "home" in p.hosts else "work"
        spare = "spare" if "spare" in p.hosts else home
        bed_mean = p.bed + (1.0 if weekday in (4, 5) else 0.0)
        bed = bed_mean + rng.gauss(0, 0.45) + (rng.uniform(1.2, 2.8) if rng.random() < p.late_night_p else 0)
        if workday:
            wake = p.wake + rng.gauss(0, 0.35)
            work_host = "work" if (weekday in p.office_days or "home" not in p.hosts) else (
                "home" if p.office_days == () else "work")
            if rng.random() < 0.35:
                s = self.at(day, wake + rng.uniform(0.2, 0.6))
                self.add(s, s + rng.uniform(8, 30) * MIN, home, rng.choice(["browse", "browse", "chat"]), morning=True)
            ws = self.at(day, p.work_start + rng.gauss(0, 0.25))
            we = self.at(day, p.work_end + rng.gauss(0, 0.35) + (rng.uniform(0.5, 1.8) if rng.random() < 0.12 else 0))
            self.commitments.append(ws)
            fixed: list[tuple[float, float, str, str]] = []
            for weekdays, hour, minutes, title in p.recurring:
                if weekday in weekdays and rng.random() < 0.93:
                    s = self.at(day, hour) + rng.choice([0, 0, 0, 60, 120])
                    fixed.append((s, s + minutes * MIN, "meeting", title.format(p=rng.choice(V.PEOPLE))))
            n_adhoc = self._poisson(p.meetings_per_day + (2.5 if rng.random() < p.meeting_heavy_p else 0))
            for _ in range(n_adhoc):
                hour = rng.choice([h / 2 for h in range(int(p.work_start * 2) + 1, int(p.work_end * 2) - 1)])
                minutes = rng.choice([25, 30, 30, 45, 50, 60, 60, 90])
                s = self.at(day, hour)
                fixed.append((s, s + minutes * MIN, "meeting", rng.choice(V.MEETINGS).format(p=rng.choice(V.PEOPLE))))
            lunch_s = self.at(day, p.lunch + rng.gauss(0, 0.3))
            lunch_len = rng.uniform(30, 65) * MIN
            fixed.append((lunch_s, lunch_s + lunch_len, "lunch", ""))
            fixed.sort()
            merged: list[tuple[float, float, str, str]] = []
            for item in fixed:  # drop clashes: the earlier item wins
                if merged and item[0] < merged[-1][1]:
                    continue
                if item[0] >= ws and item[1] <= we + 30 * MIN:
                    merged.append(item)
            t = ws
            for s, e, kind, title in merged:
                if s - t > 3 * MIN:
                    self._work_interval(t, s - (rng.uniform(0, 3) * MIN if kind == "meeting" else 0), work_host)
                if kind == "meeting":
                    self.add(s, e, work_host, "meeting", title=title, app=rng.choice(["zoom", "zoom", "teams", "meet"]))
                    self.commitments.append(s)
                    self.meetings.append((s, e, title))
                elif rng.random() < 0.25:  # lunch at the desk
                    self.add(s, e, work_host, rng.choice(["browse", "watch"]), lunch=True)
                else:
                    self.add(s, e, work_host, "away", why="lunch", lock=rng.random() < 0.7)
                t = max(t, e)
            if we - t > 3 * MIN:
                self._work_interval(t, we, work_host)
            we = max(we, self.segs[-1].end if self.segs else we)
            if work_host == "work" and home != "work" and rng.random() < 0.3:  # laptop left open at home
                self.host_only.append(Seg(we, we + rng.uniform(30, 120) * MIN, "work", "away", {"why": "left on"}))
            eve = we + rng.uniform(50, 130) * MIN
            self._evening(day, eve, bed, home, spare, p.evening)
        else:
            wake = p.wake + rng.uniform(1.0, 2.6)
            s = self.at(day, wake + rng.uniform(0.2, 0.8))
            mid = s + rng.uniform(30, 100) * MIN
            self._leisure(s, mid, home, {"browse": 0.5, "watch": 0.3, "side": 0.1, "gaming": 0.1})
            if rng.random() < 0.7:  # out of the house
                mid += rng.uniform(1.5, 5.5) * HOUR
            aft_end = min(self.at(day, 18.5 + rng.gauss(0, 0.5)), mid + rng.uniform(1.5, 4.0) * HOUR)
            if aft_end - mid > 20 * MIN:
                self._leisure(mid, aft_end, home, p.weekend)
            if weekday == 6 and rng.random() < 0.2 and "work" in p.hosts:  # Sunday evening catch-up
                s2 = aft_end + rng.uniform(10, 40) * MIN
                self.add(s2, s2 + rng.uniform(15, 40) * MIN, "work", "shallow", catchup=True)
                aft_end = s2
            eve = max(aft_end, self.segs[-1].end if self.segs else aft_end) + rng.uniform(40, 100) * MIN
            self._evening(day, eve, bed, home, spare, p.weekend)

    def _evening(self, day: date, start: float, bed: float, home: str, spare: str, weights: dict[str, float]) -> None:
        rng = self.rng
        bed_t = self.at(day, bed)
        self.commitments.append(bed_t)
        wind = bed_t - rng.uniform(15, 45) * MIN
        if wind - start > 20 * MIN:
            self._leisure(start, wind, home, weights)
        host = spare if rng.random() < 0.3 else home
        self.add(max(wind, self.segs[-1].end if self.segs else wind), bed_t, host,
                 rng.choice(["watch", "browse", "watch"]), winding_down=True)
        if host == home and rng.random() < 0.15:  # the desktop stays on overnight: locked, afk
            self.host_only.append(Seg(bed_t, bed_t + rng.uniform(4, 7) * HOUR, home, "away",
                                      {"why": "overnight", "lock": True}))

    def _poisson(self, lam: float) -> int:
        n, t = 0, self.rng.expovariate(1.0)
        while t < lam:
            n += 1
            t += self.rng.expovariate(1.0)
        return n
