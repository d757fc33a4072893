"""A second, independent evaluation world: one simulated person, written apart from the model.

``write_world(out_dir, seed=0, days=60, variant=None)`` writes an export folder that
``vrdndi import DIR`` reads:

- ``videos.jsonl``: plain YouTube ``videos.list`` resources (no ``vrdndi`` key: read like an API answer)
- ``events.json``: a plain ActivityWatch export: ``aw-watcher-window_<host>``, ``aw-watcher-afk_<host>``
  and ``aw-watcher-web-<browser>_<host>`` buckets per host (the importer floods them, drops AFK time
  unless a browser tab was audible, and categorises them with the user's/aw-client's rules)
- ``labels.csv``: productive labels from feed moments of the training period (late answers included,
  none known after the end of training) and interest likes/dislikes
- ``test_candidates.csv`` (``video_id,moment``) and ``test_truth.csv`` for the forward test period
- ``world.json``: what was simulated (variant, zone, DST change, periods, counts)

The person's hidden state is a timeline of true activities (coding on a project in some language,
meetings, chat, shallow work, browsing, watching, gaming, studying, away). Window titles, AFK status
and browser tabs are rendered from it the way the watchers would see them: a locked laptop keeps
reporting a lock-screen window, a gamepad game or a film looks AFK, a laptop left open at home reports
Slack for an hour of afk time. "The right moment" is computed from the true timeline (last hour of
activity, time to the next commitment, local clock, weekday) and the video's kind, length and topic,
by one of several rule sets (``VARIANTS``; the rules are in ``world_moment.py``). Interest depends on taste
only. See ``bench/worlds.md``.
Standard library only; deterministic in the seed.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import random
from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from vrdndi.sources import world_vocab as V
from vrdndi.sources.world_moment import HOUR, MIN, RULES, Seg, Timeline, WVideo

UTC = timezone.utc
DAY = 86400.0
ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
TEST_MOMENTS_PER_DAY = 11.5


# -- the persons --------------------------------------------------------------------------------

@dataclass
class Persona:
    name: str
    zone: str
    season: str  # "spring" | "fall": which DST change the data crosses
    hosts: dict[str, tuple[str, str]]  # role -> (hostname, os)
    projects: list[tuple[str, str]]  # work projects (name, tech)
    side_projects: list[tuple[str, str]]
    wake: float  # local hour, weekdays
    work_start: float
    work_end: float
    lunch: float
    bed: float  # weekday bedtime (local hour, may exceed 24)
    late_night_p: float
    meetings_per_day: float  # ad-hoc, on top of the recurring ones
    recurring: list[tuple[tuple[int, ...], float, float, str]]  # (weekdays, local hour, minutes, title)
    meeting_heavy_p: float
    deep_share: float  # share of work blocks that are coding (the rest: shallow/chat)
    art_share: float  # share of coding blocks that are art (Aseprite/Blender) instead
    study: bool
    evening: dict[str, float]  # evening block kind -> weight
    weekend: dict[str, float]
    games: list[int]  # indexes into V.GAMES the person plays
    taste_kind: dict[str, float]
    taste_tech: dict[str, float]
    flip_p: float
    mood_sd: float
    office_days: tuple[int, ...] = (0, 1, 2, 3, 4)


VARIANTS: dict[str, Persona] = {
    "engineer": Persona(
        name="engineer", zone="America/New_York", season="fall",
        hosts={"work": ("acme-mbp-jd", "mac"), "home": ("DESKTOP-7Q2K9LM", "win"), "spare": ("jd-thinkpad", "linux")},
        projects=[("billing-service", "go"), ("ledger-db", "postgres"), ("infra-live", "terraform"),
                  ("web-dashboard", "typescript")],
        side_projects=[("raytracer-rs", "rust"), ("dotfiles", "linux")],
        wake=7.1, work_start=9.0, work_end=17.6, lunch=12.3, bed=23.3, late_night_p=0.15,
        meetings_per_day=1.1,
        recurring=[((0, 1, 2, 3, 4), 9.75, 15, "Daily standup"), ((1,), 14.0, 30, "1:1 with {p}"),
                   ((2,), 11.0, 60, "Team sync"), ((3,), 16.0, 45, "Demo day"), ((0,), 13.5, 60, "Sprint planning")],
        meeting_heavy_p=0.15, deep_share=0.62, art_share=0.0, study=False,
        evening={"gaming": 0.35, "side": 0.2, "browse": 0.25, "watch": 0.2},
        weekend={"gaming": 0.3, "side": 0.15, "browse": 0.25, "watch": 0.3},
        games=[0, 1, 3, 5, 12],
        taste_kind={"tutorial": 0.8, "talk": 0.7, "science": 1.0, "tech_review": 0.4, "comedy": 0.5, "standup": 0.3,
                    "lets_play": 0.2, "cooking": 0.4, "podcast": 0.3, "lofi": 0.4, "news": -0.6, "sports": -1.0,
                    "sleep": -0.4, "fitness": -0.3, "short": -0.5, "vlog": -0.3, "documentary": 0.6,
                    "lecture": 0.0, "music_mix": 0.2, "gaming_news": 0.1},
        taste_tech={"rust": 1.0, "go": 0.7, "postgres": 0.8, "linux": 0.5, "typescript": -0.8, "ml": -0.3,
                    "cpp": -0.4},
        flip_p=0.08, mood_sd=0.45),
    "student": Persona(
        name="student", zone="Europe/Berlin", season="spring",
        hosts={"work": ("lena-macbook-air", "mac"), "home": ("lena-gaming-pc", "win")},
        projects=[("ml-assignment-3", "ml"), ("thesis-code", "python"), ("os-homework", "cpp")],
        side_projects=[("discord-bot", "typescript"), ("godot-jam", "gamedev")],
        wake=8.6, work_start=10.0, work_end=17.0, lunch=13.0, bed=24.6, late_night_p=0.35,
        meetings_per_day=0.3,
        recurring=[((0, 2), 10.25, 90, "Lecture: Machine Learning"), ((1, 3), 12.25, 90, "Lecture: Operating Systems"),
                   ((3,), 16.0, 60, "Thesis meeting with {p}"), ((4,), 10.25, 90, "Tutorial: Algorithms")],
        meeting_heavy_p=0.05, deep_share=0.45, art_share=0.0, study=True,
        evening={"gaming": 0.45, "side": 0.1, "browse": 0.25, "watch": 0.2},
        weekend={"gaming": 0.45, "side": 0.1, "browse": 0.2, "watch": 0.25},
        games=[2, 4, 6, 8, 13],
        taste_kind={"lecture": 0.7, "science": 0.8, "lets_play": 0.8, "comedy": 0.6, "vlog": 0.6, "short": 0.3,
                    "lofi": 0.9, "music_mix": 0.4, "cooking": 0.5, "documentary": 0.4, "news": -0.8,
                    "podcast": -0.4, "talk": -0.3, "tutorial": 0.2, "sports": -0.6, "sleep": 0.3,
                    "fitness": 0.2, "standup": 0.5, "gaming_news": 0.5, "tech_review": -0.2},
        taste_tech={"ml": 0.9, "python": 0.6, "gamedev": 0.8, "cpp": -0.7, "kubernetes": -0.9, "terraform": -1.0},
        flip_p=0.09, mood_sd=0.5),
    "manager": Persona(
        name="manager", zone="Europe/London", season="fall",
        hosts={"work": ("MBP-SRINGER", "mac"), "home": ("sam-imac", "mac")},
        projects=[("platform-roadmap", "data"), ("hiring-pipeline", "python")],
        side_projects=[("home-automation", "linux")],
        wake=6.3, work_start=8.4, work_end=17.9, lunch=12.6, bed=22.7, late_night_p=0.06,
        meetings_per_day=3.2,
        recurring=[((0, 1, 2, 3, 4), 9.5, 15, "Daily standup"), ((0,), 10.0, 60, "Leadership sync"),
                   ((1, 3), 15.0, 30, "1:1 with {p}"), ((2,), 14.0, 90, "Roadmap planning"),
                   ((4,), 16.0, 60, "All hands")],
        meeting_heavy_p=0.35, deep_share=0.15, art_share=0.0, study=False,
        evening={"gaming": 0.05, "side": 0.1, "browse": 0.45, "watch": 0.4},
        weekend={"gaming": 0.05, "side": 0.15, "browse": 0.4, "watch": 0.4},
        games=[6, 4],
        taste_kind={"podcast": 1.0, "documentary": 1.0, "news": 0.6, "cooking": 0.9, "sports": 0.7, "talk": 0.5,
                    "comedy": 0.3, "standup": 0.5, "fitness": 0.5, "science": 0.5, "lets_play": -1.2,
                    "gaming_news": -1.0, "short": -0.7, "lofi": -0.6, "sleep": 0.0, "tutorial": -0.3,
                    "lecture": 0.2, "vlog": 0.2, "music_mix": 0.3, "tech_review": 0.1},
        taste_tech={"data": 0.6, "kubernetes": -0.4, "ml": 0.5, "cpp": -1.0},
        flip_p=0.06, mood_sd=0.35),
    "nightowl": Persona(
        name="nightowl", zone="America/Los_Angeles", season="spring",
        hosts={"home": ("KAI-WORKSTATION", "win"), "spare": ("kai-mbp", "mac")},
        projects=[("tiny-dungeon", "gamedev"), ("shader-lab", "cpp")],
        side_projects=[("synth-plugin", "rust")],
        wake=10.2, work_start=11.3, work_end=19.0, lunch=14.5, bed=26.2, late_night_p=0.4,
        meetings_per_day=0.25,
        recurring=[((1,), 12.0, 45, "Client call"), ((3,), 17.0, 30, "Playtest review with {p}")],
        meeting_heavy_p=0.02, deep_share=0.7, art_share=0.4, study=False,
        evening={"gaming": 0.5, "side": 0.15, "browse": 0.15, "watch": 0.2},
        weekend={"gaming": 0.45, "side": 0.2, "browse": 0.15, "watch": 0.2},
        games=[7, 9, 10, 11, 5, 1],
        taste_kind={"lets_play": 1.0, "gaming_news": 0.8, "tutorial": 0.5, "music_mix": 0.8, "documentary": 0.7,
                    "comedy": 0.6, "standup": 0.6, "science": 0.4, "news": -1.0, "sports": -0.8,
                    "podcast": 0.3, "talk": 0.3, "short": 0.0, "sleep": 0.2, "lofi": 0.0, "vlog": -0.2,
                    "cooking": -0.2, "fitness": -0.5, "lecture": -0.6, "tech_review": 0.3},
        taste_tech={"gamedev": 1.2, "cpp": 0.6, "rust": 0.5, "typescript": -0.6, "kubernetes": -1.0,
                    "terraform": -1.0, "data": -0.6},
        flip_p=0.09, mood_sd=0.5, office_days=()),
    "analyst": Persona(
        name="analyst", zone="America/Chicago", season="fall",
        hosts={"work": ("NW-LT-4471", "win"), "home": ("rosa-macbook", "mac")},
        projects=[("churn-dashboard", "data"), ("forecast-models", "python"), ("etl-pipelines", "data")],
        side_projects=[("fantasy-league-bot", "python")],
        wake=6.8, work_start=8.5, work_end=17.2, lunch=12.0, bed=23.0, late_night_p=0.12,
        meetings_per_day=1.6,
        recurring=[((0, 2, 4), 9.0, 15, "Analytics standup"), ((1,), 10.0, 60, "Metrics review"),
                   ((3,), 15.0, 30, "1:1 with {p}"), ((4,), 14.0, 45, "Stakeholder demo")],
        meeting_heavy_p=0.2, deep_share=0.45, art_share=0.0, study=False,
        evening={"gaming": 0.2, "side": 0.15, "browse": 0.35, "watch": 0.3},
        weekend={"gaming": 0.15, "side": 0.1, "browse": 0.35, "watch": 0.4},
        games=[4, 6, 13],
        taste_kind={"science": 0.8, "documentary": 0.9, "podcast": 0.6, "cooking": 0.7, "sports": 0.8, "comedy": 0.6,
                    "talk": 0.4, "tutorial": 0.3, "lecture": 0.2, "news": 0.3, "lofi": 0.5, "music_mix": 0.2,
                    "lets_play": -0.8, "gaming_news": -0.6, "short": -0.2, "vlog": 0.1, "standup": 0.4,
                    "sleep": -0.5, "fitness": 0.3, "tech_review": 0.0},
        taste_tech={"data": 0.9, "python": 0.7, "ml": 0.5, "rust": -0.6, "cpp": -0.9, "kubernetes": -0.5},
        flip_p=0.07, mood_sd=0.4),
}
DEFAULT_VARIANT = "engineer"
# public holidays inside the simulated windows (planned like a weekend day)
HOLIDAYS = {"America/New_York": ["2026-09-07", "2026-11-26", "2026-11-27", "2026-12-25"],
            "America/Los_Angeles": ["2026-02-16", "2026-05-25"],
            "Europe/Berlin": ["2026-04-03", "2026-04-06", "2026-05-01"],
            "Europe/London": ["2026-08-31", "2026-12-25"],
            "America/Chicago": ["2026-09-07", "2026-11-26", "2026-11-27"]}


def variant_of(seed: int, variant: str | None) -> str:
    """The named variant, else the default; ``variant="auto"`` picks one from the seed."""
    if variant in (None, ""):
        return DEFAULT_VARIANT
    if variant == "auto":
        return sorted(VARIANTS)[seed % len(VARIANTS)]
    if variant not in VARIANTS:
        raise ValueError(f"unknown world variant {variant!r}: use one of {', '.join(sorted(VARIANTS))} or auto")
    return variant


# -- small helpers ------------------------------------------------------------------------------

def _iso(t: float) -> str:
    return datetime.fromtimestamp(t, UTC).isoformat(timespec="microseconds")


def _iso_z(t: float) -> str:
    return datetime.fromtimestamp(int(t), UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _dst_change(zone: ZoneInfo, year: int, season: str) -> datetime:
    t = datetime(year, 1, 1, tzinfo=UTC)
    prev = t.astimezone(zone).utcoffset()
    changes = []
    while t.year == year:
        off = t.astimezone(zone).utcoffset()
        if off != prev:
            changes.append(t)
            prev = off
        t += timedelta(hours=1)
    if len(changes) < 2:
        raise ValueError(f"{zone} has no DST change in {year}")
    return changes[0] if season == "spring" else changes[1]


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


# -- videos -------------------------------------------------------------------------------------

def _fill(rng: random.Random, template: str, extra: dict[str, str]) -> str:
    out = template
    for _ in range(4):
        if "{" not in out:
            break
        keys = [k.split("}")[0] for k in out.split("{")[1:]]
        for key in keys:
            if key in extra:
                value = extra[key]
            elif key in V.FILL:
                value = rng.choice(V.FILL[key])
            elif key == "n":
                value = str(rng.choice([3, 5, 7, 10, 12, 15, 20, 42, 100, 2, 4, 8]))
            elif key == "y":
                value = str(rng.choice([2024, 2025, 2026]))
            else:
                value = key
            out = out.replace("{" + key + "}", value, 1)
    return out


def _make_videos(rng: random.Random, n: int, t0: float, t1: float) -> list[WVideo]:
    kinds = list(V.KIND_INFO)
    weights = {"tutorial": 1.4, "talk": 0.7, "lecture": 0.5, "news": 1.2, "music_mix": 0.6, "lofi": 0.5,
               "lets_play": 1.2, "gaming_news": 0.8, "comedy": 1.1, "standup": 0.5, "vlog": 0.8, "podcast": 0.8,
               "cooking": 0.8, "sports": 0.8, "short": 1.2, "documentary": 0.6, "sleep": 0.4, "fitness": 0.5,
               "science": 0.8, "tech_review": 0.7}
    channel_ids: dict[str, str] = {}
    used: set[str] = set()
    out: list[WVideo] = []
    techs = sorted(V.TECHS)
    while len(out) < n:
        kind = rng.choices(kinds, weights=[weights[k] for k in kinds])[0]
        info = V.KIND_INFO[kind]
        channel = rng.choice(V.CHANNELS[kind])
        if channel not in channel_ids:
            channel_ids[channel] = "UC" + "".join(rng.choice(ALPHABET) for _ in range(22))
        tech = rng.choice(techs) if kind in ("tutorial", "talk") or (kind == "podcast" and rng.random() < 0.3) else ""
        game_t = rng.choice(V.GAMES) if kind in ("lets_play", "gaming_news") else None
        game = game_t[2] if game_t else ""
        extra = {}
        if tech:
            word = rng.choice(V.TECHS[tech]["words"])
            extra = {"w": word, "T": tech.capitalize() if tech not in ("cpp", "ml") else {"cpp": "C++", "ml": "ML"}[tech],
                     "t": tech, "m": rng.choice(V.MODULE_WORDS)}
        if game:
            extra["g"] = game
        extra.update({"ns": rng.choice(V.NEWS_SUBJ), "nv": rng.choice(V.NEWS_VERB), "no": rng.choice(V.NEWS_OBJ),
                      "no2": rng.choice(V.NEWS_OBJ)})
        template = rng.choice(V.TITLES[kind])
        title = _fill(rng, template, extra)
        if title[:1].islower() and kind not in ("lofi", "short"):  # "drift Without Fear" -> "Drift Without Fear"
            title = title[0].upper() + title[1:]
        lo, hi = info["min"]
        minutes = math.exp(rng.uniform(math.log(lo), math.log(hi)))
        if kind == "podcast" and rng.random() < 0.15:
            minutes = rng.uniform(8, 20)  # a clip
        duration = max(8, int(minutes * 60))
        calm = kind in ("lofi", "sleep") or (kind == "music_mix" and rng.random() < 0.5) or kind == "documentary"
        description = _fill(rng, rng.choice(V.DESCRIPTIONS[kind]), extra)
        if rng.random() < 0.5:
            description += "\n\n0:00 Intro\n" + f"{rng.randint(1, 9)}:{rng.randint(10, 59)} " + title.split(" ")[0]
        tags = list(V.TAGS[kind])
        rng.shuffle(tags)
        tags = tags[:rng.randint(1, len(tags))]
        if tech:
            tags += [tech, extra["w"].lower()]
        if game:
            tags += [game.lower(), game.lower().replace(" ", "")]
        if rng.random() < 0.15:
            tags = []
        while True:
            vid = "".join(rng.choice(ALPHABET) for _ in range(11))
            if vid not in used:
                used.add(vid)
                break
        # uploads: a back catalogue before the period, then a steady stream through it
        published = t0 - rng.uniform(1, 400) * DAY if rng.random() < 0.18 else rng.uniform(t0 - 7 * DAY, t1)
        out.append(WVideo(video_id=vid, kind=kind, title=title, channel=channel, channel_id=channel_ids[channel],
                          description=description, tags=tags, category_id=info["cat"], duration_s=duration,
                          published=published, tech=tech, game=game, calm=calm, quality=rng.gauss(0, 0.6)))
    return out


def _length_bucket(seconds: float) -> int:
    """<1 min, <5, <15, <40, <90, longer."""
    return sum(seconds >= b * 60 for b in (1, 5, 15, 40, 90))


def _iso_duration(seconds: int) -> str:
    h, rem = divmod(int(seconds), 3600)
    m, s = divmod(rem, 60)
    return "PT" + (f"{h}H" if h else "") + (f"{m}M" if m else "") + (f"{s}S" if s or not (h or m) else "")


def _resource(v: WVideo, rng: random.Random) -> dict[str, Any]:
    views = int(math.exp(rng.uniform(6, 15)))
    return {"kind": "youtube#video", "etag": "".join(rng.choice(ALPHABET) for _ in range(27)), "id": v.video_id,
            "snippet": {"publishedAt": _iso_z(v.published), "channelId": v.channel_id, "title": v.title,
                        "description": v.description,
                        "thumbnails": {"default": {"url": f"https://i.ytimg.com/vi/{v.video_id}/default.jpg",
                                                   "width": 120, "height": 90},
                                       "high": {"url": f"https://i.ytimg.com/vi/{v.video_id}/hqdefault.jpg",
                                                "width": 480, "height": 360}},
                        "channelTitle": v.channel, "tags": v.tags, "categoryId": v.category_id,
                        "liveBroadcastContent": "none", "defaultAudioLanguage": "en"},
            "contentDetails": {"duration": _iso_duration(v.duration_s), "dimension": "2d", "definition": "hd",
                               "caption": "false", "licensedContent": True, "projection": "rectangular"},
            "statistics": {"viewCount": str(views), "likeCount": str(views // rng.randint(20, 80)),
                           "favoriteCount": "0", "commentCount": str(views // rng.randint(200, 900))}}


# -- rendering windows ---------------------------------------------------------------------------

APPS = {
    "mac": {"browser": "Google Chrome", "editor": "Code", "terminal": "iTerm2", "slack": "Slack", "zoom": "zoom.us",
            "teams": "Microsoft Teams", "mail": "Microsoft Outlook", "excel": "Microsoft Excel",
            "word": "Microsoft Word", "spotify": "Spotify", "files": "Finder", "notes": "Notion",
            "lock": "loginwindow", "pdf": "Preview", "vlc": "VLC", "telegram": "Telegram", "discord": "Discord",
            "art": "Aseprite", "steam": "Steam"},
    "win": {"browser": "firefox.exe", "editor": "Code.exe", "terminal": "WindowsTerminal.exe", "slack": "slack.exe",
            "zoom": "Zoom.exe", "teams": "ms-teams.exe", "mail": "OUTLOOK.EXE", "excel": "EXCEL.EXE",
            "word": "WINWORD.EXE", "spotify": "Spotify.exe", "files": "explorer.exe", "notes": "Obsidian.exe",
            "lock": "LockApp.exe", "pdf": "Acrobat.exe", "vlc": "vlc.exe", "telegram": "Telegram.exe",
            "discord": "Discord.exe", "art": "blender.exe", "steam": "steam.exe"},
    "linux": {"browser": "firefox", "editor": "code", "terminal": "Alacritty", "slack": "Slack", "zoom": "zoom",
              "teams": "teams-for-linux", "mail": "thunderbird", "excel": "libreoffice-calc",
              "word": "libreoffice-writer", "spotify": "Spotify", "files": "org.gnome.Nautilus", "notes": "obsidian",
              "lock": "", "pdf": "org.gnome.Evince", "vlc": "mpv", "telegram": "org.telegram.desktop",
              "discord": "discord", "art": "krita", "steam": "steam"},
}
STUDY_GROUPS = ["ml-study-group", "os-tutorial", "algo-exam-prep", "thesis-buddies", "erstis-2025", "mensa-crew"]
STUDY_DOCS = ["Exercise sheet {n} solutions", "Lab report {n}", "Thesis proposal draft", "Seminar paper: {c}",
              "Re: Abgabe Blatt {n}", "Summary {c}", "Exam prep {c}", "Group project plan", "Bewerbung Werkstudent",
              "Lecture notes {c}"]
GAMEPAD_GAMES = {"ELDEN RING™", "Hades II", "Hollow Knight: Silksong", "Rocket League", "Cyberpunk 2077"}


class Renderer:
    """Segments -> what aw-watcher-window / -afk / -web would have recorded on each host."""

    def __init__(self, persona: Persona, rng: random.Random, videos: list[WVideo]):
        self.p = persona
        self.rng = rng
        self.videos = videos
        self.window: dict[str, list[dict[str, Any]]] = {r: [] for r in persona.hosts}
        self.afk: dict[str, list[tuple[float, float, bool]]] = {r: [] for r in persona.hosts}
        self.web: dict[str, list[dict[str, Any]]] = {r: [] for r in persona.hosts}
        self.user = {"engineer": "jd", "student": "lena", "manager": "sam", "nightowl": "kai", "analyst": "rosa"}.get(persona.name, "me")
        self.company = {"engineer": "Acme Corp", "student": "TU Students", "manager": "Northwind",
                        "nightowl": "Tiny Dungeon Games", "analyst": "Northwind Retail"}.get(persona.name, "Work")
        self.song_cache: list[str] = []

    # titles ------------------------------------------------------------------------------------

    def _browser_title(self, os_: str, page: str) -> str:
        if os_ == "mac":
            return page
        return f"{page} — Mozilla Firefox"

    def _page_work(self, tech: str, project: str) -> tuple[str, str]:
        rng = self.rng
        r = rng.random()
        words = V.TECHS.get(tech, V.TECHS["python"])["words"]
        w, w2 = rng.choice(words), rng.choice(words)
        if r < 0.22:
            q = rng.choice(V.STACK_Q).format(w=w, w2=w2, t=tech, x=rng.choice(V.STACK_X), v=rng.choice(V.STACK_V),
                                            c=rng.choice(V.STACK_C), r=rng.choice(V.STACK_R), a=rng.choice(V.STACK_A))
            qid = rng.randint(60_000_000, 79_999_999)
            return f"{tech} - {q} - Stack Overflow", f"https://stackoverflow.com/questions/{qid}"
        if r < 0.42:
            m, m2 = rng.choice(V.MODULE_WORDS), rng.choice(V.MODULE_WORDS)
            num = rng.randint(12, 4800)
            org = rng.choice(V.ORGS)
            title = rng.choice(V.ISSUE_TITLES).format(m=m, m2=m2)
            kind = rng.choice(["issues", "pull"])
            label = "Issue" if kind == "issues" else "Pull Request"
            return f"{title} · {label} #{num} · {org}/{project}", f"https://github.com/{org}/{project}/{kind}/{num}"
        if r < 0.55:
            page = rng.choice(V.DOC_PAGES.get(tech, V.DOC_PAGES["python"]))
            return page, f"https://docs.example.org/{tech}/{abs(len(page) * 7919) % 1000}"
        if r < 0.68 and self.p.name != "student":
            key = rng.choice(V.JIRA_KEYS)
            title = rng.choice(V.ISSUE_TITLES).format(m=rng.choice(V.MODULE_WORDS), m2=rng.choice(V.MODULE_WORDS))
            n = rng.randint(100, 2900)
            return f"[{key}-{n}] {title} - Jira", f"https://acme.atlassian.net/browse/{key}-{n}"
        if r < 0.78:
            q = f"{tech} {w} {rng.choice(V.STACK_V)}"
            return f"{q} - Google Search", "https://www.google.com/search?q=" + q.replace(" ", "+")
        if r < 0.86:
            tool = rng.choice(V.WORK_TOOLS)
            return f"{project} {rng.choice(['overview', 'errors', 'latency', 'deploys', 'dashboard'])} | {tool}", \
                f"https://{tool.lower().replace(' ', '')}.example.com/{project}"
        if r < 0.93:
            return rng.choice(["ChatGPT", "Claude", "Perplexity"]), "https://chat.example.com/c/" + str(rng.randint(1, 10**6))
        return f"{self.user}/{project}: {rng.choice(V.MODULE_WORDS)} — GitHub", f"https://github.com/{self.user}/{project}"

    def _page_fun(self) -> tuple[str, str, bool]:
        rng = self.rng
        r = rng.random()
        if r < 0.22:
            sub = rng.choice(V.SUBREDDITS)
            post = rng.choice(V.REDDIT_POST).format(x=rng.choice(V.REDDIT_X))
            return f"{post} : r/{sub}", f"https://www.reddit.com/r/{sub}/comments/{rng.randint(10**5, 10**6):x}", False
        if r < 0.38:
            site, host = rng.choice(V.NEWS_SITES)
            head = f"{rng.choice(V.NEWS_SUBJ)} {rng.choice(V.NEWS_VERB)} {rng.choice(V.NEWS_OBJ)}"
            return f"{head} | {site}", f"https://www.{host}/{rng.randint(1000, 99999)}", False
        if r < 0.48:
            return "Hacker News", "https://news.ycombinator.com/", False
        if r < 0.56:
            art = rng.choice(V.WIKI)
            return f"{art} - Wikipedia", "https://en.wikipedia.org/wiki/" + art.replace(" ", "_"), False
        if r < 0.63:
            shop, host = rng.choice(V.SHOP)
            prod = rng.choice(V.PRODUCTS)
            return f"{shop}: {prod} : Electronics", f"https://www.{host}/s?k={prod.replace(' ', '+')}", False
        if r < 0.70:
            return rng.choice(["Home / X", "Notifications / X", "Instagram", "Facebook", "(3) LinkedIn"]), \
                "https://x.com/home", False
        if r < 0.74:
            return rng.choice(["Inbox (4) - personal@gmail.com - Gmail", "Google Calendar - Week of " +
                               str(rng.randint(1, 28))]), "https://mail.google.com/mail/u/0/", False
        v = rng.choice(self.videos)
        return f"{v.title} - YouTube", f"https://www.youtube.com/watch?v={v.video_id}", True

    def _song(self) -> str:
        rng = self.rng
        if self.song_cache and rng.random() < 0.5:
            return rng.choice(self.song_cache)
        song = f"{rng.choice(V.ARTISTS)} - {rng.choice(V.SONG_A)} {rng.choice(V.SONG_B)}"
        self.song_cache.append(song)
        return song

    def _file(self, project: str, tech: str) -> str:
        rng = self.rng
        exts = V.TECHS.get(tech, V.TECHS["python"])["ext"]
        name = rng.choice(V.MODULE_WORDS) + rng.choice(V.FILE_SUFFIX) + "." + rng.choice(exts)
        if rng.random() < 0.1:
            name = rng.choice(["README.md", "Makefile", "Dockerfile", ".gitignore", "CHANGELOG.md", "config.yaml",
                               "docker-compose.yml", ".env.example", "pyproject.toml", "go.mod", "Cargo.toml"])
        return name

    # events ------------------------------------------------------------------------------------

    def _emit(self, role: str, t: float, dur: float, app: str, title: str, url: str = "", audible: bool = False) -> float:
        """One window event on the millisecond grid (as aw-server stores them); a browser tab's event
        starts a little after the window got focus (the web watcher notices later)."""
        t0, t1 = round(t, 3), round(t + dur, 3)
        if t1 - t0 < 0.001:
            return t
        self.window[role].append({"t": t0, "d": round(t1 - t0, 3), "app": app, "title": title})
        if url:
            lag = round(self.rng.uniform(0.05, 0.6), 3) if self.rng.random() < 0.5 else 0.0
            if t1 - t0 > lag + 0.5:
                self.web[role].append({"t": round(t0 + lag, 3), "d": round(t1 - t0 - lag, 3), "url": url,
                                       "title": title.replace(" — Mozilla Firefox", ""), "audible": audible})
        return t1

    def render(self, seg: Seg) -> None:
        rng, role = self.rng, seg.host
        os_ = self.p.hosts[role][1]
        apps = APPS[os_]
        host = self.p.hosts[role][0]
        info = seg.info
        t, end = seg.start, seg.end
        if seg.act == "away":
            # the window stays as it was (or the lock screen); the AFK watcher notices after 3 minutes
            last = self.window[role][-1] if self.window[role] else {"app": apps["files"], "title": "Desktop"}
            if info.get("lock") and apps["lock"]:
                self._emit(role, t, end - t, apps["lock"], "")
            else:
                self._emit(role, t, end - t, last["app"], last["title"])
            self._afk(role, t, min(end, t + 180), False)
            if end - t > 180:
                self._afk(role, t + 180, end, True)
            return
        while end - t > 1:
            if seg.act in ("code", "art"):
                focus = info.get("focus", 0.7)
                r = rng.random()
                if r < 0.55:
                    if seg.act == "art":
                        art = "Aseprite" if os_ == "mac" else apps["art"]
                        asset = f"{rng.choice(['hero', 'slime', 'tileset', 'boss', 'ui', 'chest', 'torch'])}_{rng.choice(['idle', 'walk', 'attack', 'v2', 'final'])}"
                        title = f"{asset}.aseprite - Aseprite" if art == "Aseprite" else f"Blender [{asset}.blend]"
                        t = self._emit(role, t, min(end - t, rng.lognormvariate(5.0, 0.8)), art, title)
                    else:
                        sep = " — " if os_ == "mac" else " - "
                        title = f"{self._file(info['project'], info['tech'])}{sep}{info['project']}{sep}Visual Studio Code"
                        t = self._emit(role, t, min(end - t, rng.lognormvariate(4.1, 1.0)), apps["editor"], title)
                elif r < 0.72:
                    cmd = rng.choice(V.COMMANDS)
                    title = f"{self.user}@{host}: ~/src/{info['project']} — {cmd}" if os_ != "win" else \
                        f"{cmd} - {info['project']} - Windows Terminal"
                    t = self._emit(role, t, min(end - t, rng.lognormvariate(3.4, 0.9)), apps["terminal"], title)
                elif r < 0.72 + 0.2 * (1.2 - focus):
                    page, url = self._page_work(info["tech"], info["project"])
                    t = self._emit(role, t, min(end - t, rng.lognormvariate(3.7, 0.9)), apps["browser"],
                                   self._browser_title(os_, page), url)
                elif r < 0.9:
                    if rng.random() < 0.5:
                        t = self._emit(role, t, min(end - t, rng.uniform(3, 15)), apps["spotify"], self._song())
                    else:
                        t = self._chat_event(role, t, end, os_, work=not info.get("side"))
                else:
                    page, url, audible = self._page_fun()
                    t = self._emit(role, t, min(end - t, rng.lognormvariate(3.3, 0.8)), apps["browser"],
                                   self._browser_title(os_, page), url, audible)
            elif seg.act == "study":
                r = rng.random()
                course = info.get("course", "Notes")
                if r < 0.35:
                    doc = f"{course.replace(' ', '_')}_slides_{rng.randint(1, 14)}.pdf"
                    t = self._emit(role, t, min(end - t, rng.lognormvariate(5.0, 0.8)), apps["pdf"], doc)
                elif r < 0.6:
                    t = self._emit(role, t, min(end - t, rng.lognormvariate(4.7, 0.8)), apps["notes"],
                                   f"{course} — notes week {rng.randint(1, 14)}")
                elif r < 0.8:
                    page = rng.choice([f"Overleaf - thesis - {rng.choice(['Introduction', 'Method', 'Results'])}",
                                       f"Moodle: {course}", f"{course} - Wikipedia",
                                       f"Exercise sheet {rng.randint(1, 12)} - {course}"])
                    t = self._emit(role, t, min(end - t, rng.lognormvariate(4.3, 0.9)), apps["browser"],
                                   self._browser_title(os_, page), "https://moodle.example.edu/course/" + str(rng.randint(1, 99)))
                else:
                    t = self._chat_event(role, t, end, os_, work=False)
            elif seg.act == "shallow":
                r = rng.random()
                d = {"q": f"Q{rng.randint(1, 4)}", "m": rng.choice(V.MODULE_WORDS), "d": f"{rng.randint(1, 28)}.{rng.randint(1, 12)}",
                     "mt": rng.choice(V.MEETINGS).format(p=rng.choice(V.PEOPLE)), "shop": rng.choice(V.SHOP)[0],
                     "t": rng.choice(list(V.TECHS))}
                if self.p.study and r < 0.72:
                    doc = rng.choice(STUDY_DOCS).format(n=rng.randint(1, 12), c=rng.choice(V.FILL["lt"]))
                    if r < 0.2:
                        t = self._emit(role, t, min(end - t, rng.lognormvariate(3.8, 0.8)), apps["mail"],
                                       f"{doc} - lena.k@campus.tu-berlin.de")
                    elif r < 0.5:
                        t = self._emit(role, t, min(end - t, rng.lognormvariate(4.6, 0.8)), apps["browser"],
                                       self._browser_title(os_, f"{doc} - Google Docs"),
                                       "https://docs.google.com/document/d/" + "".join(rng.choice(ALPHABET) for _ in range(12)))
                    else:
                        t = self._emit(role, t, min(end - t, rng.lognormvariate(4.5, 0.8)), apps["word"], f"{doc}.docx")
                elif r < 0.3:
                    subj = rng.choice(V.EMAIL_SUBJ).format(**d)
                    t = self._emit(role, t, min(end - t, rng.lognormvariate(4.0, 0.8)), apps["mail"],
                                   f"{subj} - {self.user}@{self.company.split()[0].lower()}.com")
                elif r < 0.5:
                    doc = rng.choice(V.DOC_NAMES).format(**d)
                    t = self._emit(role, t, min(end - t, rng.lognormvariate(4.8, 0.8)), apps["browser"],
                                   self._browser_title(os_, f"{doc} - Google Docs"),
                                   "https://docs.google.com/document/d/" + "".join(rng.choice(ALPHABET) for _ in range(12)))
                elif r < 0.62:
                    sheet = rng.choice(V.SHEETS).format(**d)
                    t = self._emit(role, t, min(end - t, rng.lognormvariate(4.5, 0.8)), apps["excel"], sheet)
                elif r < 0.72:
                    doc = rng.choice(V.DOC_NAMES).format(**d)
                    t = self._emit(role, t, min(end - t, rng.lognormvariate(4.5, 0.8)), apps["word"], f"{doc}.docx")
                elif r < 0.88:
                    t = self._chat_event(role, t, end, os_, work=True)
                else:
                    project, tech = rng.choice(self.p.projects)
                    page, url = self._page_work(tech, project)
                    t = self._emit(role, t, min(end - t, rng.lognormvariate(3.7, 0.8)), apps["browser"],
                                   self._browser_title(os_, page), url)
            elif seg.act == "chat":
                if rng.random() < 0.8:
                    t = self._chat_event(role, t, end, os_, work=bool(info.get("work")))
                else:
                    page, url, audible = self._page_fun()
                    t = self._emit(role, t, min(end - t, rng.lognormvariate(3.2, 0.8)), apps["browser"],
                                   self._browser_title(os_, page), url, audible)
            elif seg.act == "meeting":
                title = info["title"]
                app = info.get("app", "zoom")
                if app == "zoom":
                    wapp, wtitle, url = apps["zoom"], rng.choice(["Zoom Meeting", "Zoom Workplace", "Zoom"]), ""
                elif app == "teams":
                    wapp, wtitle, url = apps["teams"], f"{title} | Microsoft Teams", ""
                else:
                    code = "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(10))
                    wapp = apps["browser"]
                    wtitle = self._browser_title(os_, f"Meet - {code[:3]}-{code[3:7]}-{code[7:]}")
                    url = f"https://meet.google.com/{code[:3]}-{code[3:7]}-{code[7:]}"
                if rng.random() < 0.8:
                    t = self._emit(role, t, min(end - t, rng.uniform(2, 15) * MIN), wapp, wtitle, url, bool(url))
                else:  # alt-tab during the meeting
                    t = self._chat_event(role, t, end, os_, work=True) if rng.random() < 0.6 else \
                        self._emit(role, t, min(end - t, rng.uniform(20, 120)), apps["mail"], f"Inbox - {self.user}")
            elif seg.act == "browse":
                if rng.random() < 0.015:  # a private window: the product's privacy rules withhold these
                    page, url, _ = self._page_fun()
                    title = f"{page} — Mozilla Firefox Private Browsing" if os_ != "mac" else f"{page} (Incognito)"
                    t = self._emit(role, t, min(end - t, rng.lognormvariate(4.0, 0.8)), apps["browser"], title)
                elif rng.random() < 0.85:
                    page, url, audible = self._page_fun()
                    dur = rng.lognormvariate(3.4, 1.0) if not audible else rng.uniform(60, 900)
                    t = self._emit(role, t, min(end - t, dur), apps["browser"], self._browser_title(os_, page), url, audible)
                else:
                    t = self._chat_event(role, t, end, os_, work=False)
            elif seg.act == "watch":
                if info.get("film") and rng.random() < 0.6:
                    if rng.random() < 0.5:
                        title = f"{rng.choice(V.MOVIES)}.mkv - VLC media player"
                        dur = min(end - t, rng.uniform(20, 60) * MIN)
                        self._emit(role, t, dur, apps["vlc"], title)
                        self._passive(role, t, t + dur)
                        t += dur
                    else:
                        name, site = rng.choice(V.STREAMING)
                        page = name if name != "Twitch" else f"{rng.choice(V.PEOPLE).split()[0].lower()}{rng.randint(1, 99)} - {rng.choice(V.TWITCH)} - Twitch"
                        dur = min(end - t, rng.uniform(15, 50) * MIN)
                        self._emit(role, t, dur, apps["browser"], self._browser_title(os_, page), f"https://www.{site}/", True)
                        self._passive(role, t, t + dur)
                        t += dur
                else:
                    v = rng.choice(self.videos)
                    dur = min(end - t, min(v.duration_s, rng.uniform(60, 1500)))
                    self._emit(role, t, dur, apps["browser"], self._browser_title(os_, f"{v.title} - YouTube"),
                               f"https://www.youtube.com/watch?v={v.video_id}", True)
                    self._passive(role, t, t + dur)
                    t += dur
                    if end - t > 30 and rng.random() < 0.4:
                        page, url, audible = self._page_fun()
                        t = self._emit(role, t, min(end - t, rng.uniform(10, 90)), apps["browser"],
                                       self._browser_title(os_, page), url, audible)
            elif seg.act == "gaming":
                game = V.GAMES[info["game"]]
                r = rng.random()
                if r < 0.08:
                    t = self._emit(role, t, min(end - t, rng.uniform(20, 200)), apps["steam"],
                                   rng.choice(["Steam", "Friends List", f"{game[0]} - Steam", "Steam Store"]))
                elif r < 0.2:
                    server = rng.choice(V.DISCORD_SERVERS)
                    t = self._emit(role, t, min(end - t, rng.uniform(10, 120)), apps["discord"],
                                   f"{rng.choice(V.DISCORD_CHANNELS)} | {server} - Discord")
                else:
                    exe = game[1] if os_ == "win" else game[0]
                    dur = min(end - t, rng.uniform(8, 45) * MIN)
                    self._emit(role, t, dur, exe, game[0])
                    if game[0] in GAMEPAD_GAMES:
                        self._passive(role, t, t + dur, share=0.7)
                    t += dur
            else:
                raise ValueError(seg.act)
        self._afk(role, seg.start, seg.end, False)
        if seg.act in ("code", "shallow", "study", "browse", "meeting"):
            # reading, thinking or listening without touching anything: afk to the watcher, not to the person
            for _ in range(int((seg.end - seg.start) / (30 * MIN))):
                if rng.random() < 0.25:
                    a = rng.uniform(seg.start, seg.end)
                    self._afk(role, a, min(seg.end, a + rng.uniform(0.5, 5) * MIN), True)

    def _passive(self, role: str, start: float, end: float, share: float = 1.0) -> None:
        """No keyboard or mouse: the AFK watcher says afk after 3 minutes (films, gamepads)."""
        if end - start > 240 and self.rng.random() < share:
            self._afk(role, start + 180, end, True)

    def _chat_event(self, role: str, t: float, end: float, os_: str, work: bool) -> float:
        rng = self.rng
        apps = APPS[os_]
        if work and self.p.study:  # a student's "work chat": study groups, not Slack
            title = rng.choice([f"#{rng.choice(STUDY_GROUPS)} | TU Informatik - Discord", "WhatsApp",
                                f"{rng.choice(STUDY_GROUPS)} (group) - WhatsApp", f"{rng.choice(V.PEOPLE)} - WhatsApp"])
            app = apps["discord"] if "Discord" in title else "WhatsApp"
            return self._emit(role, t, min(end - t, rng.lognormvariate(3.2, 0.9)), app, title)
        if work:
            if rng.random() < 0.6:
                title = f"{rng.choice(V.SLACK_CHANNELS)} (Channel) - {self.company} - Slack"
            else:
                title = f"{rng.choice(V.PEOPLE)} (DM) - {self.company} - Slack"
            return self._emit(role, t, min(end - t, rng.lognormvariate(3.2, 0.9)), apps["slack"], title)
        if rng.random() < 0.6:
            title = f"{rng.choice(V.DISCORD_CHANNELS)} | {rng.choice(V.DISCORD_SERVERS)} - Discord"
            return self._emit(role, t, min(end - t, rng.lognormvariate(3.5, 0.9)), apps["discord"], title)
        title = rng.choice([f"{rng.choice(V.PEOPLE)}", "Telegram", f"Telegram ({rng.randint(1, 30)})",
                            f"{rng.choice(V.DISCORD_SERVERS)} – (group)"])
        return self._emit(role, t, min(end - t, rng.lognormvariate(3.0, 0.8)), apps["telegram"], title)

    def _afk(self, role: str, start: float, end: float, afk: bool) -> None:
        if end > start:
            self.afk[role].append((start, end, afk))


def _afk_events(spans: list[tuple[float, float, bool]]) -> list[dict[str, Any]]:
    """Spans -> AFK watcher events: afk wins where a passive span overlaps an active one; no events
    where the machine was off."""
    import bisect

    afk_spans = sorted((s, e) for s, e, a in spans if a)
    active = sorted((s, e) for s, e, a in spans if not a)

    def covered(spans_sorted: list[tuple[float, float]], starts: list[float], t: float) -> bool:
        i = bisect.bisect_right(starts, t) - 1
        return any(spans_sorted[j][0] <= t < spans_sorted[j][1] for j in range(max(0, i - 3), i + 1))

    afk_starts = [s for s, _ in afk_spans]
    act_starts = [s for s, _ in active]
    points = sorted({p for s, e, _ in spans for p in (s, e)})
    out: list[dict[str, Any]] = []
    for a, b in zip(points, points[1:]):
        mid = (a + b) / 2
        status = "afk" if covered(afk_spans, afk_starts, mid) else (
            "not-afk" if covered(active, act_starts, mid) else None)
        if status is None:
            continue
        if out and out[-1]["status"] == status and abs(out[-1]["t"] + out[-1]["d"] - a) < 1e-6:
            out[-1]["d"] = b - out[-1]["t"]
        else:
            out.append({"t": a, "d": b - a, "status": status})
    return out


def taste(persona: Persona, v: WVideo, channel_bias: dict[str, float]) -> float:
    s = persona.taste_kind.get(v.kind, 0.0) + v.quality + channel_bias.get(v.channel, 0.0)
    if v.tech:
        s += persona.taste_tech.get(v.tech, 0.0)
    if persona.name in ("engineer", "manager") and any(w in v.title for w in ("Stop ", "Don't", "INSANE", "😂")):
        s -= 0.6
    return s + 0.1


# -- the world ----------------------------------------------------------------------------------

@dataclass
class WorldSummary:
    out_dir: str
    variant: str
    seed: int
    zone: str
    days: int
    start: str
    train_end: str
    end: str
    dst_change: str
    hosts: list[str]
    videos: int
    window_events: int
    afk_events: int
    web_events: int
    distinct_titles: int
    labels: dict[str, int]
    label_positive_rate: dict[str, float]
    train_moments: int
    late_labels: int
    test_moments: int
    test_pairs: int
    test_positive_rate: dict[str, float]
    productive_context_free_ceiling: float  # best accuracy of one answer per (video kind, length) on the test truth
    productive_majority: float  # accuracy of always giving the commoner answer
    productive_mixed_videos: float  # share of videos labelled productive both 1 and 0 (of those seen twice)

    def text(self) -> str:
        return (f"world {self.variant} (seed {self.seed}) in {self.out_dir}: {self.days} days from {self.start[:10]} "
                f"in {self.zone} (DST change {self.dst_change}), hosts {', '.join(self.hosts)}; "
                f"{self.videos} videos, {self.window_events} window events ({self.distinct_titles} distinct titles), "
                f"{self.afk_events} AFK and {self.web_events} browser events; labels "
                f"{self.labels.get('productive', 0)} productive (positive {self.label_positive_rate.get('productive', 0):.2f}, "
                f"{self.train_moments} moments, {self.late_labels} late) + {self.labels.get('interest', 0)} interest "
                f"(positive {self.label_positive_rate.get('interest', 0):.2f}), all known by {self.train_end}; "
                f"test: {self.test_pairs} pairs at {self.test_moments} moments after it (truth positive: productive "
                f"{self.test_positive_rate['productive']:.2f}, interest {self.test_positive_rate['interest']:.2f}); "
                f"knowing only each video's kind and length reaches at most {self.productive_context_free_ceiling:.2f} "
                f"accuracy on the productive truth (always the commoner answer: {self.productive_majority:.2f}); {self.productive_mixed_videos:.0%} of videos labelled productive more than once got both answers.")


def write_world(out_dir: str | Path, *, seed: int = 0, days: int = 60, variant: str | None = None,
                n_videos: int | None = None, test_days: int | None = None,
                train_moments_per_day: float = 3.4, interest_labels: int | None = None,
                feed_size: tuple[int, int] = (6, 10)) -> WorldSummary:
    """Simulate one person and write the export folder plus the forward test files. Deterministic.
    ``train_moments_per_day`` feed openings per day in the training period, each showing between
    ``feed_size`` videos (inclusive) that get a "right moment" answer (or are scrolled past)."""
    lo_feed, hi_feed = (int(x) for x in feed_size)
    if not 1 <= lo_feed <= hi_feed:
        raise ValueError(f"feed_size must be 1 <= lo <= hi, not {feed_size!r}")
    if train_moments_per_day <= 0:
        raise ValueError(f"train_moments_per_day must be > 0, not {train_moments_per_day!r}")
    if days < 6:
        raise ValueError("days must be at least 6")
    name = variant_of(seed, variant)
    persona = VARIANTS[name]
    zone = ZoneInfo(persona.zone)
    rng = random.Random(f"vrdndi-world:{name}:{seed}")
    dst = _dst_change(zone, 2026, persona.season)
    dst_local = dst.astimezone(zone).date()
    start_day = dst_local - timedelta(days=int(round(days * 0.55)))
    test_days = test_days if test_days is not None else max(2, int(round(days * 0.2)))
    train_days = days - test_days
    planner = Planner(persona, zone, rng)
    # a few days off (holidays, PTO): planned like a weekend
    for _ in range(max(1, days // 25)):
        planner.days_off.add((start_day + timedelta(days=rng.randrange(days))).toordinal())
    planner.days_off.update(date.fromisoformat(d).toordinal() for d in HOLIDAYS.get(persona.zone, []))
    t0 = planner.at(start_day, 0)
    t_end = planner.at(start_day + timedelta(days=days), 0)
    train_end = planner.at(start_day + timedelta(days=train_days), 0)
    n_videos = n_videos if n_videos is not None else int(round(min(1300, max(400, 1100 * days / 60))))
    videos = _make_videos(rng, n_videos, t0, t_end)
    for d in range(days):
        planner.day(start_day + timedelta(days=d))
    segs = planner.segs
    workdays = {(start_day + timedelta(days=d)).toordinal() for d in range(days)
                if (start_day + timedelta(days=d)).weekday() < 5
                and (start_day + timedelta(days=d)).toordinal() not in planner.days_off}
    timeline = Timeline(segs, planner.commitments, zone, workdays)

    # a machine left on (afk) ends when the person next sits down at it
    by_host: dict[str, list[float]] = {}
    for seg in segs:
        by_host.setdefault(seg.host, []).append(seg.start)
    for extra in planner.host_only:
        starts = by_host.get(extra.host, [])
        later = [x for x in starts if x > extra.start]
        if later:
            extra.end = min(extra.end, min(later) - 60)
    planner.host_only = [x for x in planner.host_only if x.end - x.start > 300]
    renderer = Renderer(persona, rng, videos)
    for seg in sorted(segs + planner.host_only, key=lambda s: (s.host, s.start)):
        renderer.render(seg)

    rules = RULES[name]
    channel_bias = {c: rng.gauss(0, 0.8) for c in sorted({v.channel for v in videos})}
    interest_true = {v.video_id: taste(persona, v, channel_bias) > 0 for v in videos}
    by_id = {v.video_id: v for v in videos}
    mood = {d: rng.gauss(0, persona.mood_sd) for d in range(days + 1)}

    def pick_moments(lo: float, hi: float, per_day: float) -> list[float]:
        weights = {"browse": 3.0, "chat": 1.6, "watch": 1.2, "code": 0.8, "art": 0.8, "shallow": 1.2,
                   "study": 0.9, "meeting": 0.15, "gaming": 0.3, "away": 0.0}
        pool = [s for s in segs if s.end > lo and s.start < hi and s.act != "away"]
        total = sum(weights[s.act] * (min(hi, s.end) - max(lo, s.start)) for s in pool)
        n = int(round(per_day * (hi - lo) / DAY))
        out = []
        # people open the feed when they come back (from lunch, a break, the commute): a fifth of the moments
        returns = [s.end + rng.uniform(1, 12) * MIN for s in segs if s.act == "away" and s.end - s.start >= 15 * MIN
                   and lo <= s.end < hi - 15 * MIN]
        returns = [r for r in returns if (timeline.at(r) or Seg(0, 0, "", "away")).act != "away"]
        rng.shuffle(returns)
        out += returns[: n // 5]
        for _ in range(n - len(out)):
            x = rng.uniform(0, total)
            for s in pool:
                w = weights[s.act] * (min(hi, s.end) - max(lo, s.start))
                if x <= w:
                    a, b = max(lo, s.start), min(hi, s.end)
                    out.append(rng.uniform(a, b))
                    break
                x -= w
        return sorted(set(round(m, 3) for m in out))

    def feed_at(m: float, k: int, recent: list[str]) -> list[str]:
        fresh = [v.video_id for v in videos if m - 10 * DAY <= v.published <= m]
        older = [v.video_id for v in videos if v.published < m - 10 * DAY]
        shown: list[str] = []
        sticky = [r for r in recent if by_id[r].published <= m]
        while len(shown) < k:
            r = rng.random()
            src = sticky if (r < 0.45 and sticky) else (fresh if (r < 0.85 and fresh) else older)
            vid = rng.choice(src)
            if vid not in shown:
                shown.append(vid)
        return shown

    def day_index(t: float) -> int:
        return (datetime.fromtimestamp(t, zone).date() - start_day).days

    # training: feed moments with productive answers; likes and dislikes
    labels: list[list[str]] = []
    late = 0
    train_moments = pick_moments(t0 + 6 * HOUR, train_end, train_moments_per_day)
    recent: list[str] = []
    used_moments = 0
    for m in train_moments:
        ctx = timeline.ctx(m)
        shown = feed_at(m, rng.randint(lo_feed, hi_feed), recent)
        recent = (shown[: rng.randint(2, 5)] + recent)[:24]
        blanket = rng.random() < 0.05
        blanket_value = rng.random() < 0.3
        any_label = False
        for vid in shown:
            if rng.random() < 0.1:
                continue  # scrolled past
            v = by_id[vid]
            score = rules(ctx, v)
            noisy = score + mood[day_index(m)] + rng.gauss(0, 0.35)
            value = int(noisy > 0)
            if rng.random() < persona.flip_p:
                value = 1 - value
            if blanket:
                value = int(blanket_value)
            r = rng.random()
            delay = rng.uniform(5, 600) if r < 0.8 else (rng.uniform(1, 10) * HOUR if r < 0.95 else rng.uniform(1, 4) * DAY)
            labelled = m + delay
            if labelled >= train_end:
                continue  # not known yet when training data is cut
            late += delay > HOUR
            labels.append([vid, "productive", str(value), _iso(m), "web", _iso(labelled)])
            any_label = True
            if rng.random() < 0.04 and labelled + 2 < train_end:  # liked from the feed: interest with a moment
                iv = int(interest_true[vid]) if rng.random() > 0.06 else 1 - int(interest_true[vid])
                labels.append([vid, "interest", str(iv), _iso(m), "web", _iso(labelled + 2)])
        used_moments += any_label
    n_interest = interest_labels if interest_labels is not None else int(round(720 * train_days / 48))
    candidates = [v for v in videos if v.published < train_end - HOUR]
    rng.shuffle(candidates)
    liked = 0
    have_interest = {row[0] for row in labels if row[1] == "interest"}
    active_segs = [s for s in segs if s.act in ("browse", "watch", "chat") and s.end < train_end]
    for v in candidates:
        if liked >= n_interest:
            break
        if v.video_id in have_interest:
            continue
        truth = interest_true[v.video_id]
        if not truth and rng.random() < 0.45:
            continue  # people like more than they dislike
        value = int(truth) if rng.random() > 0.06 else int(not truth)
        after = [s for s in active_segs if s.end > v.published]
        if not after:
            continue
        s = after[min(len(after) - 1, int(rng.expovariate(1 / 12)))] if rng.random() < 0.6 else rng.choice(after)
        when = rng.uniform(max(s.start, v.published), s.end)
        labels.append([v.video_id, "interest", str(value), "", "like" if value else "dislike", _iso(when)])
        liked += 1

    # forward test: many moments, candidates, truth from the hidden state
    test_moments = pick_moments(train_end, t_end, TEST_MOMENTS_PER_DAY)
    pairs: list[tuple[str, float, int, int, int]] = []
    recent_test: list[str] = recent[:]
    for m in test_moments:
        ctx = timeline.ctx(m)
        shown = feed_at(m, 8, recent_test)
        recent_test = (shown[:4] + recent_test)[:30]
        for vid in shown:
            v = by_id[vid]
            score = rules(ctx, v)
            noisy = int((score + mood[day_index(m)] + rng.gauss(0, 0.35) > 0) != (rng.random() < persona.flip_p))
            pairs.append((vid, m, int(score > 0), int(interest_true[vid]), noisy))

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    vrng = random.Random(f"vrdndi-world-resources:{seed}")
    with open(out / "videos.jsonl", "w", encoding="utf-8", newline="\n") as f:
        for v in videos:
            f.write(json.dumps(_resource(v, vrng), ensure_ascii=False) + "\n")
    buckets: dict[str, Any] = {}
    n_window = n_afk = n_web = 0
    titles: set[str] = set()
    for role, (hostname, os_) in persona.hosts.items():
        wev = sorted(renderer.window[role], key=lambda e: e["t"])
        if not wev:
            continue
        created = _iso(wev[0]["t"])
        buckets[f"aw-watcher-window_{hostname}"] = {
            "id": f"aw-watcher-window_{hostname}", "created": created, "name": None, "type": "currentwindow",
            "client": "aw-watcher-window", "hostname": hostname, "data": {},
            "events": [{"id": i + 1, "timestamp": _iso(e["t"]), "duration": round(e["d"], 3),
                        "data": {"app": e["app"], "title": e["title"]}} for i, e in enumerate(wev)]}
        n_window += len(wev)
        titles.update(e["title"] for e in wev)
        aev = _afk_events(renderer.afk[role])
        buckets[f"aw-watcher-afk_{hostname}"] = {
            "id": f"aw-watcher-afk_{hostname}", "created": created, "name": None, "type": "afkstatus",
            "client": "aw-watcher-afk", "hostname": hostname, "data": {},
            "events": [{"id": i + 1, "timestamp": _iso(e["t"]), "duration": round(e["d"], 3),
                        "data": {"status": e["status"]}} for i, e in enumerate(aev)]}
        n_afk += len(aev)
        web = sorted(renderer.web[role], key=lambda e: e["t"])
        if web:
            browser = "chrome" if os_ == "mac" else "firefox"
            bid = f"aw-watcher-web-{browser}_{hostname}"
            buckets[bid] = {
                "id": bid, "created": created, "name": None, "type": "web.tab.current", "client": "aw-client-web",
                "hostname": hostname, "data": {},
                "events": [{"id": i + 1, "timestamp": _iso(e["t"]), "duration": round(e["d"], 3),
                            "data": {"url": e["url"], "title": e["title"], "audible": e["audible"],
                                     "incognito": False, "tabCount": 3 + (i * 7) % 23}} for i, e in enumerate(web)]}
            n_web += len(web)
    (out / "events.json").write_text(json.dumps({"buckets": buckets}, ensure_ascii=False), encoding="utf-8")
    with open(out / "labels.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["video_id", "kind", "value", "moment", "source", "labelled_at"])
        w.writerows(labels)
    with open(out / "test_candidates.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["video_id", "moment"])
        w.writerows([[vid, _iso(m)] for vid, m, *_ in pairs])
    with open(out / "test_truth.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["video_id", "moment", "productive", "interest", "productive_noisy", "kind", "duration_s"])
        w.writerows([[vid, _iso(m), p, i, pn, by_id[vid].kind, by_id[vid].duration_s] for vid, m, p, i, pn in pairs])

    # summary numbers
    counts = {"productive": 0, "interest": 0}
    pos = {"productive": 0, "interest": 0}
    per_video: dict[str, set[str]] = {}
    for vid, kind, value, *_ in labels:
        counts[kind] += 1
        pos[kind] += int(value)
        if kind == "productive":
            per_video.setdefault(vid, set()).add(value)
    seen_twice = [vid for vid in per_video if sum(1 for r in labels if r[0] == vid and r[1] == "productive") > 1]
    mixed = sum(1 for vid in seen_twice if len(per_video[vid]) == 2) / max(1, len(seen_twice))
    groups: dict[tuple[str, int], list[int]] = {}
    for vid, _, p, _, _ in pairs:  # what a context-free model could know: the kind and the length
        v = by_id[vid]
        groups.setdefault((v.kind, _length_bucket(v.duration_s)), []).append(p)
    ceiling = sum(max(sum(g), len(g) - sum(g)) for g in groups.values()) / max(1, len(pairs))
    n_pos = sum(p[2] for p in pairs)
    majority = max(n_pos, len(pairs) - n_pos) / max(1, len(pairs))
    summary = WorldSummary(
        out_dir=str(out), variant=name, seed=seed, zone=persona.zone, days=days, start=_iso(t0),
        train_end=_iso(train_end), end=_iso(t_end), dst_change=dst.astimezone(zone).isoformat(),
        hosts=[h for h, _ in persona.hosts.values()], videos=len(videos), window_events=n_window, afk_events=n_afk,
        web_events=n_web, distinct_titles=len(titles), labels=counts,
        label_positive_rate={k: pos[k] / max(1, counts[k]) for k in counts}, train_moments=used_moments,
        late_labels=late, test_moments=len(test_moments), test_pairs=len(pairs),
        test_positive_rate={"productive": sum(p[2] for p in pairs) / max(1, len(pairs)),
                            "interest": sum(p[3] for p in pairs) / max(1, len(pairs))},
        productive_context_free_ceiling=ceiling, productive_majority=majority, productive_mixed_videos=mixed)
    meta = {k: v for k, v in asdict(summary).items() if k != "out_dir"}  # the same bytes wherever it is written
    meta["hosts_os"] = {h: os_ for h, os_ in persona.hosts.values()}
    meta["files"] = {"test_truth.csv": "productive, interest: noise-free truth from the hidden state; "
                                       "productive_noisy: what the person would have answered (mood, slips)"}
    (out / "world.json").write_text(json.dumps(meta, indent=1, ensure_ascii=False), encoding="utf-8")
    return summary


# -- command line -------------------------------------------------------------------------------

def cmd_world(args: argparse.Namespace) -> int:
    from vrdndi.errors import VrdndiError

    try:
        lo, _, hi = str(args.feed_size).partition("-")
        if not (lo.strip().isdigit() and hi.strip().isdigit()):
            raise ValueError(f"--feed-size must be LO-HI (for example 6-10), not {args.feed_size!r}")
        feed = (int(lo), int(hi))
        summary = write_world(args.dir, seed=args.seed, days=args.days, variant=args.variant,
                              train_moments_per_day=args.moments_per_day, feed_size=feed)
    except ValueError as exc:
        raise VrdndiError(str(exc)) from exc
    print(summary.text())
    print(f"import it: vrdndi import {args.dir}; features in {summary.zone}: context.tz={summary.zone}; "
          f"score the test pairs: python predict.py predict.candidates={Path(args.dir) / 'test_candidates.csv'} "
          f"predict.out=scores.csv; compare with {Path(args.dir) / 'test_truth.csv'}")
    return 0


def register(subparsers) -> None:
    p = subparsers.add_parser("world", help="write a simulated person's export folder (evaluation world)",
                              description="Write an evaluation world: videos.jsonl, events.json, labels.csv for "
                                          "`vrdndi import DIR`, plus test_candidates.csv and test_truth.csv.")
    p.add_argument("dir", help="folder to write (created)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--days", type=int, default=60)
    p.add_argument("--variant", default=None, choices=sorted(VARIANTS) + ["auto"], help=f"one of {', '.join(sorted(VARIANTS))}, or auto (from the seed); "
                                                   f"default {DEFAULT_VARIANT}")
    p.add_argument("--moments-per-day", type=float, default=3.4,
                   help="feed openings with answers per day of the training period (default 3.4)")
    p.add_argument("--feed-size", default="6-10",
                   help="videos answered per feed opening, LO-HI (default 6-10): fewer videos at more moments "
                        "keep the label count and teach more contexts")
    p.set_defaults(func=cmd_world)
