"""The person and their true day for the sequence world (``bench/world_seq.py``).

The clock (UTC seconds, local wall-clock time, the zone's DST changes), who the person is (``Person``,
``make_person``) and what they really do, minute by minute (``Planner`` -> a list of ``Span``). A span is
one true activity on one host; time between spans is time away from every computer. Days are planned in
local wall-clock time and stored in UTC. Work days are a chain of *blocks*: long focus blocks (one main
activity with brief glances elsewhere), fragmented stretches (hopping between chat, mail, docs and the
main work every minute or two), calls, short breaks away and the odd slip into leisure. The same app mix
can thus come as one calm stretch or as a jittery one, and breaks fall at varying points of a stretch.
Standard library only.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

MIN = 60.0
HOUR = 3600.0
DAY = 86400.0

# work activities, leisure activities; "music" (picking a song) and "away" are neither
WORK = ("code", "write", "read", "mail", "wchat", "call")
LEISURE = ("browse", "social", "watch", "game", "pchat")
ACTS = (*WORK, *LEISURE, "music", "away")

# zones with a DST change in both hemispheres
ZONES = ("America/Chicago", "Europe/London", "Europe/Madrid", "Australia/Melbourne", "Europe/Warsaw",
         "Pacific/Auckland", "America/New_York")
JOBS = {"dev": {"code": 0.7, "read": 0.3}, "writer": {"write": 0.75, "read": 0.25},
        "analyst": {"code": 0.4, "write": 0.3, "read": 0.3}}
OS_CHOICES = ("linux", "win", "mac")
HOST_SUFFIX = {"work": (["x1", "xps", "fw13"], ["mbp", "air"]), "home": (["tower", "pc", "desk"], ["imac", "mini"]),
               "couch": (["lap", "yoga"], ["air"])}  # role -> (suffixes for Linux/Windows, for macOS)
HOSTNAMES = ("kestrel", "birch", "orca", "lumen", "quill", "harbor", "ember", "falcon", "tundra", "moss")


def iso(t: float) -> str:
    return datetime.fromtimestamp(t, UTC).isoformat(timespec="microseconds")


def local_ts(zone: ZoneInfo, day: date, hours: float) -> float:
    """Wall-clock ``hours`` after local midnight of ``day`` (may pass 24) -> UTC seconds."""
    naive = datetime(day.year, day.month, day.day) + timedelta(seconds=round(hours * HOUR))
    return naive.replace(tzinfo=zone).timestamp()


def dst_changes(zone: ZoneInfo, lo: datetime, hi: datetime) -> list[datetime]:
    """UTC instants in [lo, hi) where the zone's UTC offset changes (scanned hour by hour)."""
    out, t = [], lo
    prev = t.astimezone(zone).utcoffset()
    while t < hi:
        t += timedelta(hours=1)
        off = t.astimezone(zone).utcoffset()
        if off != prev:
            out.append(t)
            prev = off
    return out


@dataclass
class Span:
    start: float
    end: float
    host: str
    act: str


@dataclass
class Person:
    job: str
    wake: float
    work_start: float
    focus_p: float
    meetings: float
    break_rate: float
    evening_p: float
    late_p: float
    gamer: float
    side_p: float
    remote: bool
    hosts: dict[str, tuple[str, str]]  # role -> (hostname, os)
    langs: tuple[str, ...]
    days_off: set[int] = field(default_factory=set)


def make_person(rng: random.Random) -> Person:
    job = rng.choice(sorted(JOBS))
    wake = rng.uniform(6.3, 8.8)
    remote = rng.random() < 0.45
    n_hosts = rng.choice([1, 2, 2, 3])
    hosts = {}
    for role, name in zip(("work", "home", "couch")[:n_hosts], rng.sample(HOSTNAMES, n_hosts)):
        os_ = rng.choice(OS_CHOICES)
        hosts[role] = (f"{name}-{rng.choice(HOST_SUFFIX[role][os_ == 'mac'])}", os_)
    second = rng.choice(["de", "es", "fr", "pt"])
    return Person(job=job, wake=wake, work_start=wake + rng.uniform(1.0, 2.2),
                  focus_p=rng.uniform(0.35, 0.75), meetings=rng.uniform(0.5, 3.5), break_rate=rng.uniform(0.6, 1.6),
                  evening_p=rng.uniform(0.45, 0.9), late_p=rng.uniform(0.08, 0.35), gamer=rng.choice([0.0, 0.3, 0.6]),
                  side_p=rng.uniform(0.05, 0.4), remote=remote, hosts=hosts, langs=("en", second))


class Planner:
    """Appends the true spans of one day at a time (``day``) to ``spans``; ``worked`` holds the ordinals of
    the days worked."""

    def __init__(self, person: Person, zone: ZoneInfo, rng: random.Random):
        self.p, self.zone, self.rng = person, zone, rng
        self.spans: list[Span] = []
        self.worked: set[int] = set()
        self.t = 0.0
        self.since_break = 0.0

    # ---------------------------------------------------------------- primitives
    def add(self, host: str, act: str, seconds: float) -> None:
        seconds = max(20.0, seconds)
        self.spans.append(Span(round(self.t, 3), round(self.t + seconds, 3), host, act))
        self.t += seconds
        self.since_break = 0.0 if act == "away" and seconds >= 5 * MIN else self.since_break + seconds

    def away(self, minutes: float) -> None:
        self.since_break = 0.0 if minutes >= 5 else self.since_break
        self.t += minutes * MIN

    def host_for(self, role: str) -> str:
        return role if role in self.p.hosts else "work"

    def pick(self, weights: dict[str, float]) -> str:
        keys = sorted(weights)
        return self.rng.choices(keys, [weights[k] for k in keys])[0]

    # ---------------------------------------------------------------- blocks
    def focus(self, host: str, until: float) -> None:
        r = self.rng
        end = min(until, self.t + r.lognormvariate(3.8, 0.5) * MIN)
        main = self.pick(JOBS[self.p.job])
        while self.t < end - MIN:
            self.add(host, main, min(end - self.t, r.uniform(4, 28) * MIN))
            u = r.random()
            if u < 0.35:
                self.add(host, self.pick({"wchat": 3, "mail": 2, "music": 1.5, "read": 2}), r.uniform(0.4, 2) * MIN)
            elif u < 0.5:
                self.add(host, "away", r.uniform(1.0, 2.6) * MIN)  # a pause the AFK watcher does not see
            if r.random() < 0.3:
                main = self.pick(JOBS[self.p.job])

    def fragmented(self, host: str, until: float) -> None:
        r = self.rng
        end = min(until, self.t + r.uniform(10, 50) * MIN)
        mix = {"wchat": 3, "mail": 2.5, "read": 2, "browse": 0.6, "music": 0.4, **{k: 2 * v for k, v in
                                                                                 JOBS[self.p.job].items()}}
        prev = ""
        while self.t < end - 0.5 * MIN:
            act = self.pick({k: v for k, v in mix.items() if k != prev})
            self.add(host, act, min(end - self.t, r.uniform(0.4, 4.0) * MIN))
            prev = act

    def call(self, host: str, minutes: float) -> None:
        if self.rng.random() < 0.5:
            self.add(host, "wchat", self.rng.uniform(0.5, 2) * MIN)
        self.add(host, "call", minutes * MIN)

    def leisure(self, host: str, until: float, mix: dict[str, float]) -> None:
        r = self.rng
        lengths = {"browse": (2, 14), "social": (2, 10), "watch": (5, 50), "game": (20, 100), "pchat": (1, 6),
                   "music": (0.5, 2), "code": (10, 40), "read": (3, 15), "mail": (1, 6)}
        while self.t < until - MIN:
            act = self.pick(mix)
            lo, hi = lengths[act]
            self.add(host, act, min(until - self.t, r.uniform(lo, hi) * MIN))
            if r.random() < 0.12:
                self.away(r.uniform(1, 12))

    # ---------------------------------------------------------------- days
    def at(self, d: date, hours: float) -> float:
        return max(self.t + 20 * MIN, local_ts(self.zone, d, hours))

    def work_until(self, host: str, until: float, meetings: list[float], focus_p: float) -> None:
        r = self.rng
        while self.t < until - 2 * MIN:
            nxt = min([m for m in meetings if m >= self.t - 20 * MIN] + [until])  # late for a meeting
            if nxt <= self.t + 2 * MIN and nxt < until:
                meetings.remove(nxt)
                self.call(host, min(r.choice([15, 25, 30, 30, 45, 60]) + r.uniform(-3, 6), (until - self.t) / MIN))
                continue
            p_break = min(0.8, self.p.break_rate * self.since_break / (150 * MIN))
            u = r.random()
            if u < p_break:
                self.away(r.uniform(5, 18))
            elif u < p_break + 0.06:
                self.leisure(host, min(nxt, self.t + r.uniform(4, 15) * MIN), {"browse": 2, "social": 1, "pchat": 1})
            elif r.random() < focus_p:
                self.focus(host, nxt)
            else:
                self.fragmented(host, nxt)

    def evening(self, d: date, late: bool, offday: bool) -> None:
        r = self.rng
        host = self.host_for(r.choice(["home", "home", "couch"]))
        self.t = self.at(d, r.uniform(19.0, 20.5))
        until = local_ts(self.zone, d, r.uniform(24.3, 26.0) if late else r.uniform(21.5, 23.2))
        if r.random() < self.p.side_p:
            self.focus(self.host_for("home"), min(until, self.t + r.uniform(40, 120) * MIN))
            self.away(r.uniform(3, 20))
        mix = {"browse": 3, "social": 2, "watch": 3, "pchat": 1.5, "music": 0.5,
               "game": 6 * self.p.gamer * (1.5 if offday else 1.0)}
        self.leisure(host, until, mix)

    def workday(self, d: date) -> None:
        r, p = self.rng, self.p
        self.worked.add(d.toordinal())
        if "home" in p.hosts and r.random() < 0.35:
            self.t = self.at(d, p.wake + r.uniform(0.2, 0.6))
            self.leisure("home", self.t + r.uniform(8, 25) * MIN, {"browse": 3, "mail": 1, "social": 1, "pchat": 1})
        host = "home" if p.remote and "home" in p.hosts and r.random() < 0.7 else "work"
        self.t = self.at(d, p.work_start + r.gauss(0, 0.3))
        self.since_break = 0.0
        heavy = r.random() < 0.25
        n_meet = min(7, max(0, round(r.gauss(p.meetings * (1.8 if heavy else 1.0), 0.8))))
        meetings = sorted(local_ts(self.zone, d, r.choice(range(18, 35)) / 2) for _ in range(n_meet))
        focus_p = p.focus_p * (0.6 if heavy else 1.0) * r.uniform(0.8, 1.2)
        self.work_until(host, local_ts(self.zone, d, 12.0 + r.gauss(0, 0.3)), meetings, focus_p)
        if r.random() < 0.25:
            self.leisure(host, self.t + r.uniform(15, 35) * MIN, {"browse": 3, "watch": 2, "social": 2, "pchat": 1})
        else:
            self.away(r.uniform(30, 70))
        self.since_break = 0.0
        end_h = p.work_start + 8.5 + r.gauss(0, 0.5) + (0.8 if r.random() < 0.15 else 0.0)
        self.work_until(host, local_ts(self.zone, d, end_h), meetings, focus_p)
        if r.random() < p.evening_p:
            self.evening(d, r.random() < p.late_p, False)

    def offday(self, d: date) -> None:
        r, p = self.rng, self.p
        home = self.host_for("home")
        self.t = self.at(d, p.wake + r.uniform(0.8, 2.5))
        if r.random() < 0.8:
            mix = {"browse": 3, "social": 2, "watch": 2, "pchat": 1, "read": 0.5, "game": 3 * p.gamer}
            self.leisure(home, self.t + r.uniform(30, 120) * MIN, mix)
        if r.random() < p.side_p * 1.5:
            self.away(r.uniform(5, 40))
            self.focus(home, self.t + r.uniform(40, 150) * MIN)
        self.away(r.uniform(90, 360))  # out
        if r.random() < 0.5:
            mix = {"browse": 2, "watch": 3, "social": 1, "game": 4 * p.gamer}
            self.leisure(home, self.t + r.uniform(20, 90) * MIN, mix)
        if r.random() < 0.85:
            self.evening(d, r.random() < p.late_p * 1.8, True)

    def day(self, d: date) -> None:
        if d.weekday() >= 5 or d.toordinal() in self.p.days_off:
            self.offday(d)
        else:
            self.workday(d)


def merge(spans: list[Span]) -> list[Span]:
    """Adjacent spans of the same activity on the same host joined (the planner can split one stretch)."""
    out: list[Span] = []
    for s in spans:
        if out and out[-1].host == s.host and out[-1].act == s.act and abs(out[-1].end - s.start) < 1e-6:
            out[-1].end = s.end
        else:
            out.append(Span(s.start, s.end, s.host, s.act))
    return out
