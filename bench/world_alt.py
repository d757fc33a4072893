"""An alternative, independently written evaluation world for vrdndi.

    python bench/world_alt.py DIR --seed N [--days 60]

Writes the same files as ``vrdndi world`` (videos.jsonl, events.json, labels.csv, test_candidates.csv,
test_truth.csv, world.json, and labels_truth.csv: the noise-free answer behind each productive label, for
``vrdndi evaluate --truth``; ``vrdndi import DIR`` reads the first three), from a different simulation,
written apart from the project's own generator and from the model:

- the person: a zone with a DST change (northern or southern hemisphere) that falls inside the training
  part; days planned in local wall-clock time (wake-up, office or home, lunch, recurring meetings,
  evening sessions) and stored in UTC; inside each session a semi-Markov chain over twelve activities
  whose transition weights depend on the local hour, the phase of the day, the previous activity and
  per-seed habits (early bird or night owl, office or remote, gamer or not, one or two machines);
- the watchers: aw-watcher-window, aw-watcher-afk and aw-watcher-web events rendered from the true
  activities with this module's own apps and titles (Linux, Windows or macOS names), reading pauses and
  breaks that the AFK watcher reports as afk while the window watcher keeps reporting the last window
  (or a lock screen), films and gamepad games that look afk;
- the videos: a catalogue of fifteen kinds with their own channels, languages, titles, tags, categories
  and lengths;
- "the right moment": a per-seed rule, mostly additive in the duration-weighted shares of the true
  activities of the last 60 minutes and a local-hour term, plus interactions with the video's kind and
  length; the strength of the context part varies across seeds. Answers are the truth seen through
  noise, slips and a few careless feed openings. Interest depends on taste only.

Standard library only; the same seed gives byte-identical files.
"""

from __future__ import annotations

import argparse
import bisect
import csv
import json
import math
import random
import sys
import time
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

MIN = 60.0
HOUR = 3600.0
DAY = 86400.0
LATEST_END = datetime(2026, 12, 1, tzinfo=UTC)  # the period must lie in the past (labels after now are refused)
EARLIEST_START = datetime(2025, 1, 6, tzinfo=UTC)
ID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"

ACTS = ["deep", "light", "meeting", "chat", "news", "shop", "game", "film", "music", "docs", "learn", "break"]
CTX = ACTS + ["off"]  # "off": no computer at all in that minute


# ================================================================================================
# time helpers
# ================================================================================================

def iso(t: float) -> str:
    return datetime.fromtimestamp(t, UTC).isoformat(timespec="microseconds")


def iso_z(t: float) -> str:
    return datetime.fromtimestamp(int(t), UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def local_ts(zone: ZoneInfo, day: date, hours: float) -> float:
    """A wall-clock time (hours after local midnight of ``day``, may exceed 24) -> UTC seconds."""
    naive = datetime(day.year, day.month, day.day) + timedelta(seconds=round(hours * HOUR))
    return naive.replace(tzinfo=zone).timestamp()


def local_hour(zone: ZoneInfo, t: float) -> float:
    d = datetime.fromtimestamp(t, zone)
    return d.hour + d.minute / 60 + d.second / 3600


def transitions(zone: ZoneInfo) -> list[datetime]:
    """UTC instants where the zone's offset changes, 2025-01 .. 2026-12."""
    out = []
    t = datetime(2025, 1, 1, tzinfo=UTC)
    prev = t.astimezone(zone).utcoffset()
    while t < datetime(2026, 12, 31, tzinfo=UTC):
        t += timedelta(hours=1)
        off = t.astimezone(zone).utcoffset()
        if off != prev:
            out.append(t)
            prev = off
    return out


# ================================================================================================
# the person
# ================================================================================================

ZONES = {
    "Europe/Paris": {"lang": "fr", "hosts": ["pc-maison", "lenovo-bureau", "margaux-x1"], "second": "fr"},
    "Europe/Helsinki": {"lang": "fi", "hosts": ["kotikone", "työläppäri", "aino-tp"], "second": "fi"},
    "Europe/Lisbon": {"lang": "pt", "hosts": ["casa-desktop", "portatil-trabalho", "joao-xps"], "second": "pt"},
    "America/Toronto": {"lang": "en", "hosts": ["maple-tower", "corp-lt-0419", "devon-fw13"], "second": "fr"},
    "America/Denver": {"lang": "en", "hosts": ["basement-rig", "WS-DEN-22817", "riley-mbp"], "second": "es"},
    "Australia/Sydney": {"lang": "en", "hosts": ["bondi-box", "SYD-NB-3391", "mia-air"], "second": "ja"},
    "Pacific/Auckland": {"lang": "en", "hosts": ["kauri", "akl-lt-557", "tane-zenbook"], "second": "ja"},
    "America/Santiago": {"lang": "es", "hosts": ["escritorio-casa", "notebook-oficina", "vale-ideapad"], "second": "es"},
}


@dataclass
class Person:
    zone: str
    lang: str
    chrono: float            # hours later than a 7:00 wake-up (negative: early bird)
    office_p: float          # share of workdays at the office
    gamer: float             # 0 .. 1.5
    evening_p: float         # chance of an evening session on a workday
    peak: float              # local hour of best focus
    hosts: dict[str, tuple[str, str, str]]  # role -> (hostname, os, browser app)
    w: dict[str, dict[str, float]]   # phase -> activity -> weight
    follow: dict[str, dict[str, float]]  # prev -> next -> multiplier
    dur_scale: dict[str, float]
    lock_after: float        # seconds until the screen locks (0: never)
    standup: float           # local hour of the daily stand-up (0: none)
    weekly: list[tuple[int, float, float, str]]  # (weekday, local hour, minutes, title)
    projects: list[tuple[str, str]]  # (project, language)
    pto: set[int] = field(default_factory=set)


PHASE_W = {  # template weights of the next activity by phase of the day
    "work": {"deep": 3.0, "light": 2.4, "meeting": 0.9, "chat": 1.3, "news": 0.6, "shop": 0.12, "game": 0.02,
             "film": 0.03, "music": 0.35, "docs": 1.3, "learn": 0.35, "break": 1.0},
    "evening": {"deep": 0.35, "light": 0.4, "meeting": 0.02, "chat": 1.2, "news": 1.4, "shop": 0.6, "game": 1.2,
                "film": 1.2, "music": 0.6, "docs": 0.2, "learn": 0.6, "break": 0.7},
    "free": {"deep": 0.4, "light": 0.3, "meeting": 0.01, "chat": 1.0, "news": 1.2, "shop": 0.8, "game": 1.3,
             "film": 1.0, "music": 0.7, "docs": 0.25, "learn": 0.7, "break": 0.9},
}
FOLLOW = {  # structural affinities prev -> next
    "deep": {"break": 1.6, "chat": 1.2, "docs": 1.4, "news": 1.1},
    "meeting": {"chat": 1.6, "light": 1.5, "deep": 0.7},
    "chat": {"light": 1.2, "deep": 1.1},
    "news": {"shop": 1.5, "chat": 1.2, "film": 1.3},
    "game": {"chat": 1.8, "game": 1.0, "film": 0.8, "deep": 0.3},
    "film": {"news": 1.3, "break": 1.4, "game": 0.9},
    "docs": {"deep": 2.0, "learn": 1.3},
    "learn": {"docs": 1.4, "deep": 1.2},
    "break": {"deep": 1.3, "light": 1.2, "news": 1.2},
    "music": {"deep": 1.5, "light": 1.3},
    "light": {"meeting": 1.2, "chat": 1.3},
    "shop": {"news": 1.3, "chat": 1.1},
}
DUR = {  # median minutes, lognormal sigma
    "deep": (42, 0.5), "light": (16, 0.6), "meeting": (30, 0.3), "chat": (6, 0.7), "news": (12, 0.7),
    "shop": (10, 0.6), "game": (55, 0.6), "film": (48, 0.5), "music": (7, 0.6), "docs": (14, 0.6),
    "learn": (25, 0.5), "break": (9, 0.8),
}
LANGS = ["python", "rust", "typescript", "go", "kotlin", "c++", "elixir", "sql"]
PROJECTS = ["tidepool", "quarry", "larkspur", "gantry", "osprey", "marmot", "fjord", "cobalt-api", "sundial",
            "pebble-ui", "ledgerline", "kiln", "wayfinder", "brisk", "hearth", "parsnip"]
MEETINGS = ["Weekly sync", "1:1", "Roadmap review", "Design crit", "Sprint planning", "Retro", "Customer call",
            "Incident review", "Hiring loop", "All hands", "Architecture forum", "Demo day prep"]


def make_person(rng: random.Random, zone: str) -> Person:
    info = ZONES[zone]
    chrono = max(-2.0, min(3.0, rng.gauss(0.2, 1.2)))
    gamer = rng.choice([0.0, 0.05, 0.4, 0.9, 1.4])
    two = rng.random() < 0.6
    os_work = rng.choice(["linux", "win", "win", "mac"])
    hosts: dict[str, tuple[str, str, str]] = {}
    names = info["hosts"]

    def browser(os_: str) -> str:
        if os_ == "linux":
            return rng.choice(["firefox", "firefox", "Chromium"])
        if os_ == "win":
            return rng.choice(["msedge.exe", "firefox.exe", "chrome.exe"])
        return rng.choice(["Firefox", "Google Chrome"])

    hosts["work"] = (names[1] if os_work == "win" else names[2], os_work, browser(os_work))
    if two:
        os_home = rng.choice(["win", "linux"]) if gamer > 0.3 else rng.choice(["linux", "mac", "win"])
        if os_home == os_work and hosts["work"][0] == names[0]:
            os_home = "linux"
        hosts["home"] = (names[0], os_home, browser(os_home))
    w = {ph: {a: v * math.exp(rng.gauss(0, 0.45)) for a, v in tab.items()} for ph, tab in PHASE_W.items()}
    for ph in ("evening", "free"):
        w[ph]["game"] *= gamer
    follow = {p: {n: FOLLOW.get(p, {}).get(n, 1.0) * math.exp(rng.gauss(0, 0.35)) for n in ACTS} for p in ACTS}
    n_proj = rng.randint(2, 4)
    projects = [(p, rng.choice(LANGS)) for p in rng.sample(PROJECTS, n_proj)]
    weekly = []
    for _ in range(rng.randint(2, 5)):
        weekly.append((rng.randrange(5), rng.choice([10.0, 11.0, 13.5, 14.0, 15.0, 16.0]) + max(0.0, chrono) * 0.5,
                       rng.choice([30.0, 30.0, 45.0, 60.0]), rng.choice(MEETINGS)))
    return Person(
        zone=zone, lang=info["lang"], chrono=chrono, office_p=rng.choice([0.0, 0.2, 0.4, 0.6, 0.9]), gamer=gamer,
        evening_p=rng.uniform(0.35, 0.9), peak=rng.choice([10.0, 11.0, 15.0, 21.0]) + chrono * 0.5, hosts=hosts,
        w=w, follow=follow, dur_scale={a: math.exp(rng.gauss(0, 0.25)) for a in ACTS},
        lock_after=rng.choice([0.0, 300.0, 600.0, 900.0]),
        standup=rng.choice([0.0, 9.25, 9.5, 10.0]) + (max(0.0, chrono) * 0.75 if chrono > 0.5 else 0.0),
        weekly=weekly, projects=projects)


# ================================================================================================
# the true timeline
# ================================================================================================

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


# ================================================================================================
# what the watchers see
# ================================================================================================

APPS = {
    "linux": {"term": "kitty", "notes": "obsidian", "mail": "thunderbird",
              "chat": "signal-desktop", "matrix": "Element", "teams": "teams-for-linux", "video": "mpv",
              "music": "spotify", "steam": "steam", "office": "libreoffice-calc", "writer": "libreoffice-writer",
              "pdf": "org.pwmt.zathura", "files": "org.gnome.Nautilus", "lock": "", "discord": "vesktop",
              "zoom": "zoom", "anki": "anki"},
    "win": {"term": "WindowsTerminal.exe", "notes": "Notion.exe", "mail": "olk.exe",
            "chat": "WhatsApp.exe", "matrix": "Element.exe", "teams": "ms-teams.exe", "video": "vlc.exe",
            "music": "Spotify.exe", "steam": "steamwebhelper.exe", "office": "EXCEL.EXE", "writer": "WINWORD.EXE",
            "pdf": "SumatraPDF.exe", "files": "explorer.exe", "lock": "LockApp.exe", "discord": "Discord.exe",
            "zoom": "Zoom.exe", "anki": "anki.exe"},
    "mac": {"term": "Ghostty", "notes": "Obsidian", "mail": "Mail", "chat": "Signal",
            "matrix": "Element", "teams": "Microsoft Teams", "video": "IINA", "music": "Music", "steam": "Steam",
            "office": "Numbers", "writer": "Pages", "pdf": "Preview", "files": "Finder", "lock": "loginwindow",
            "discord": "Discord", "zoom": "zoom.us", "anki": "Anki"},
}
EXT = {"python": ["py", "pyi", "toml"], "rust": ["rs", "toml"], "typescript": ["ts", "tsx", "json"],
       "go": ["go", "mod"], "kotlin": ["kt", "kts", "gradle"], "c++": ["cpp", "hpp", "cmake"],
       "elixir": ["ex", "exs"], "sql": ["sql", "yaml"]}
STEMS = ["router", "scheduler", "cache", "parser", "ingest", "billing", "session", "retry", "auth", "schema",
         "metrics", "queue", "export", "planner", "render", "config", "worker", "migrate", "indexer", "batch",
         "tokenizer", "ledger", "webhook", "snapshot", "health", "limits", "audit", "search", "feed", "layout"]
SUFFIX = ["", "_test", "_utils", "_v2", "_handler", "_client", "_store", "s", "_impl", "_spec", "_old"]
CMDS = ["cargo test -q", "git rebase -i HEAD~4", "make -j8", "pytest -x -k {s}", "go test ./...", "htop",
        "docker compose up", "git log --oneline", "npm run dev", "kubectl get pods -n {p}", "ssh bastion",
        "tail -f logs/{s}.log", "just lint", "uv sync", "psql {p}_dev", "journalctl -fu {p}", "rg {s}",
        "nvim src/{s}.{e}", "lazygit", "bat {s}.{e}", "gradle build", "mix test", "terraform plan"]
DOC_SITES = {
    "python": ("docs.python.org", ["asyncio — Asynchronous I/O", "dataclasses — Data Classes", "typing — Support for type hints",
                                   "functools — Higher-order functions", "sqlite3 — DB-API 2.0 interface"]),
    "rust": ("doc.rust-lang.org", ["Vec in std::vec - Rust", "Traits: Defining Shared Behavior - The Rust Programming Language",
                                   "Iterator in std::iter - Rust", "tokio::sync - Rust", "serde_json - Rust"]),
    "typescript": ("developer.mozilla.org", ["Promise.allSettled() - JavaScript | MDN", "Fetch API - Web APIs | MDN",
                                             "TypeScript: Documentation - Generics", "CSS grid layout - CSS | MDN"]),
    "go": ("pkg.go.dev", ["context package - context - Go Packages", "sync package - sync - Go Packages",
                          "net/http package - net/http - Go Packages", "Effective Go - The Go Programming Language"]),
    "kotlin": ("kotlinlang.org", ["Coroutines basics | Kotlin Documentation", "Collections overview | Kotlin Documentation",
                                  "Sealed classes and interfaces | Kotlin Documentation"]),
    "c++": ("en.cppreference.com", ["std::unique_ptr - cppreference.com", "std::vector - cppreference.com",
                                    "Templates - cppreference.com", "std::ranges::sort - cppreference.com"]),
    "elixir": ("hexdocs.pm", ["GenServer — Elixir v1.17", "Ecto.Query — Ecto v3.12", "Phoenix.LiveView — Phoenix LiveView"]),
    "sql": ("www.postgresql.org", ["PostgreSQL: Documentation: 16: CREATE INDEX", "PostgreSQL: Documentation: 16: 7.8. WITH Queries",
                                   "PostgreSQL: Documentation: 16: EXPLAIN"]),
}
SO_Q = ["How to {v} a {n} without {x}", "Why does {n} {v2} when {x}?", "{n} {v2} after upgrading to {ver}",
        "Best way to {v} nested {n}s", "Is it safe to {v} a {n} from another thread?"]
SO_V = ["flatten", "serialize", "cancel", "memoize", "stream", "mock", "deduplicate", "paginate", "borrow", "cast"]
SO_N = ["iterator", "future", "struct", "dataframe", "enum", "closure", "generic", "channel", "mutex", "query"]
SO_X = ["copying", "blocking", "a lock", "unsafe", "recursion", "an extra allocation", "losing precision"]
SO_V2 = ["hangs", "panics", "leaks memory", "returns None", "deadlocks", "is slow", "fails to compile"]
MAIL_SUBJ = ["Re: {m} timeline", "Fwd: invoice {n}", "Q{q} planning notes", "Re: access request for {p}",
             "Your expense report #{n}", "Action needed: {m} review", "Re: offsite logistics", "Reminder: {m}",
             "Vendor contract renewal", "Re: Re: {p} outage follow-up", "Welcome aboard!", "Training: security basics",
             "Out of office: Re: {m}", "Notes from {m}"]
NOTION = ["{m} — meeting notes", "Q{q} OKRs", "{p} roadmap", "Onboarding checklist", "Decision log: {p}",
          "Weekly update {n}", "Runbook: {p} on-call", "Interview rubric", "Reading list", "Retro {n} actions"]
SHEETS = ["budget_{q}_{n}.xlsx", "capacity-plan-{p}.xlsx", "headcount Q{q}.xlsx", "{p}-costs.ods", "timesheet-w{n}.xlsx"]
PEOPLE = ["Ana Sousa", "Mikko Laine", "Chloé Martin", "Priya Raman", "Tom Becker", "Sofía Rojas", "Kenji Mori",
          "Noah Tremblay", "Aroha Ngata", "Liam O'Brien", "Emma Virtanen", "Lucas Pereira", "Hana Sato", "Zoe Clarke"]
WORK_CHANNELS = ["#general", "#eng-backend", "#incidents", "#random", "#releases", "#design", "#support-escalations",
                 "#data-platform", "#watercooler", "#deploys", "#code-review", "#hiring"]
FRIEND_GROUPS = ["Family 🏡", "Climbing crew", "Board game night", "Uni friends", "Flat 3B", "Running club",
                 "Book club 📚", "Fantasy football", "Neighbourhood", "Cousins"]
MATRIX_ROOMS = ["#rust:matrix.org", "#nixos:nixos.org", "#synapse:matrix.org", "#homelab:example.org",
                "#python:matrix.org", "#fediverse:example.org"]
DISCORD_SERVERS = ["Factory Enjoyers", "Cozy Corner", "Raid Night", "Speedrun Lounge", "Indie Devs", "Synth Nerds"]
DISCORD_CH = ["#general", "#lfg", "#memes", "#screenshots", "#voice-chat", "#off-topic", "#builds"]
NEWS = [("www.theguardian.com", "The Guardian"), ("www.lemonde.fr", "Le Monde"), ("yle.fi", "Yle Uutiset"),
        ("www.cbc.ca", "CBC News"), ("www.abc.net.au", "ABC News"), ("www.stuff.co.nz", "Stuff"),
        ("www.publico.pt", "PÚBLICO"), ("www.latercera.com", "La Tercera"), ("arstechnica.com", "Ars Technica"),
        ("lwn.net", "LWN.net"), ("www.reuters.com", "Reuters")]
HEAD_S = ["Central bank", "City council", "Storm", "Court", "Researchers", "Rail strike", "Election", "Wildfire",
          "Tech giant", "Housing market", "Open-source project", "Minister", "Heatwave", "Space agency"]
HEAD_V = ["delays", "rejects", "approves", "warns over", "reveals", "cuts", "hits", "expands", "investigates", "ends"]
HEAD_O = ["rate decision", "new budget", "transit plan", "data leak", "record prices", "climate target",
          "school reform", "launch window", "merger", "new rules for AI", "price cap", "strike talks"]
SOCIAL = [("mastodon.social", "Home | Mastodon"), ("bsky.app", "Home — Bluesky"), ("lobste.rs", "Lobsters"),
          ("www.reddit.com", "r/{sub}"), ("news.ycombinator.com", "Hacker News"), ("tildes.net", "~tech - Tildes")]
SUBS = ["selfhosted", "rust", "climbing", "MechanicalKeyboards", "cooking", "factorio", "AskEurope", "homelab",
        "running", "Suomi", "france", "chile", "newzealand", "toronto", "sydney", "Denver", "portugal"]
SHOPS = [("www.ikea.com", "IKEA"), ("www.zalando.fr", "Zalando"), ("www.amazon.com", "Amazon.com"),
         ("www.verkkokauppa.com", "Verkkokauppa.com"), ("www.mercadolibre.cl", "Mercado Libre"),
         ("www.bestbuy.ca", "Best Buy"), ("www.jbhifi.com.au", "JB Hi-Fi"), ("www.decathlon.pt", "Decathlon"),
         ("www.bandcamp.com", "Bandcamp")]
PRODUCTS = ["standing desk", "trail running shoes", "mechanical keyboard", "rice cooker", "USB-C dock",
            "rain jacket", "espresso grinder", "noise-cancelling headphones", "bookshelf", "climbing harness",
            "27\" monitor", "winter boots", "air purifier", "board game", "ergonomic mouse", "camping stove"]
ARTISTS = ["Floating Points", "Khruangbin", "Nils Frahm", "Phoebe Bridgers", "Bonobo", "Sault", "Jungle",
           "Ólafur Arnalds", "Little Simz", "Tame Impala", "Caribou", "Mitski", "Rosalía", "Nujabes", "Stromae",
           "Apulanta", "Mon Laferte", "Dead Combo", "Lorde", "Arlo Parks"]
SONGS = ["Midnight", "Glasshouse", "Slow Tide", "Kite", "Northern Line", "Paper Moon", "Holding On", "Ritual",
         "Silver", "Wander", "Home Again", "Afterglow", "Static", "Low Light", "Cascade", "Open Water"]
PLAYLISTS = ["Deep Focus", "Discover Weekly", "Release Radar", "Lo-fi Beats", "Daily Mix {n}", "Liked Songs",
             "Peaceful Piano", "Brain Food", "Running 160 BPM"]
GAMES = [("Factorio", "factorio.exe", 427520, False), ("Baldur's Gate 3", "bg3.exe", 1086940, True),
         ("Stardew Valley", "Stardew Valley.exe", 413150, False), ("Counter-Strike 2", "cs2.exe", 730, False),
         ("Dota 2", "dota2.exe", 570, False), ("Celeste", "Celeste.exe", 504230, True),
         ("Satisfactory", "FactoryGame-Win64-Shipping.exe", 526870, False), ("Hades II", "Hades2.exe", 1145350, True),
         ("Civilization VI", "CivilizationVI.exe", 289070, False), ("Deep Rock Galactic", "FSD-Win64-Shipping.exe", 548430, False),
         ("Balatro", "Balatro.exe", 2379780, False), ("RimWorld", "RimWorldWin64.exe", 294100, False),
         ("Outer Wilds", "OuterWilds.exe", 753640, True), ("Forza Horizon 5", "ForzaHorizon5.exe", 1551360, True)]
FILMS = ["Perfect.Days.2023.1080p.mkv", "Dune.Part.Two.2024.mkv", "Anatomy.of.a.Fall.mkv", "The.Zone.of.Interest.mkv",
         "Past.Lives.2023.mkv", "Fallen.Leaves.2023.mkv", "Severance.S02E0{k}.mkv", "Shogun.S01E0{k}.mkv",
         "The.Bear.S03E0{k}.mkv", "Slow.Horses.S04E0{k}.mkv", "Arcane.S02E0{k}.mkv", "Taskmaster.S17E0{k}.mkv"]
STREAMS = [("www.netflix.com", "Netflix"), ("www.arte.tv", "ARTE"), ("areena.yle.fi", "Yle Areena"),
           ("www.primevideo.com", "Prime Video"), ("www.twitch.tv", "{who} - Twitch"), ("tv.apple.com", "Apple TV+"),
           ("www.disneyplus.com", "Disney+"), ("www.crunchyroll.com", "Crunchyroll")]
LEARN_SITES = [("www.coursera.org", "{c} | Coursera"), ("www.khanacademy.org", "{c} | Khan Academy"),
               ("www.duolingo.com", "Duolingo"), ("exercism.org", "{l} on Exercism"),
               ("arxiv.org", "[{n}] {c}: a survey"), ("ocw.mit.edu", "{c} | MIT OpenCourseWare"),
               ("www.edx.org", "{c} | edX")]
COURSES = ["Linear Algebra", "Distributed Systems", "Machine Learning", "Statistics 101", "Compilers",
           "Operating Systems", "Spanish A2", "Japanese N4", "Music Theory", "Database Internals", "Negotiation"]
READING = ["designing-data-intensive-apps.pdf", "rfc9110.pdf", "paper_{n}.pdf", "ostep-ch{n}.pdf",
           "spec-{p}-v{n}.pdf", "whitepaper_{s}.pdf", "architecture-review-{p}.pdf"]


class Renderer:
    def __init__(self, person: Person, rng: random.Random, video_titles: list[tuple[str, str]]):
        self.p = person
        self.rng = rng
        self.vt = video_titles
        self.win: dict[str, list[list[Any]]] = {r: [] for r in person.hosts}   # [t, d, app, title]
        self.web: dict[str, list[list[Any]]] = {r: [] for r in person.hosts}   # [t, d, url, title, audible]
        self.afk: dict[str, list[tuple[float, float, bool]]] = {r: [] for r in person.hosts}
        self.songs: list[str] = []
        self.zone = ZoneInfo(person.zone)
        self.user = {"fr": "margaux", "fi": "aino", "pt": "joao", "es": "vale"}.get(person.lang, "riley")

    # -- words ----------------------------------------------------------------------------------
    def fmt(self, s: str) -> str:
        r = self.rng
        return s.format(m=r.choice(MEETINGS), n=r.randint(2, 9999), k=r.randint(1, 9),
                        q=r.randint(1, 4), p=r.choice(self.p.projects)[0], s=r.choice(STEMS), e=r.choice(["rs", "py", "ts"]),
                        v=r.choice(SO_V), v2=r.choice(SO_V2), x=r.choice(SO_X), ver=f"{r.randint(1, 5)}.{r.randint(0, 30)}",
                        c=r.choice(COURSES), l=r.choice(LANGS).title(), sub=r.choice(SUBS),
                        who=r.choice(["shroud", "aimsey", "zentreya", "northernlion", "baalorlord"]))

    def browser_title(self, role: str, page: str) -> str:
        _, os_, app = self.p.hosts[role]
        if app.startswith("msedge"):
            return f"{page} and {self.rng.randint(1, 12)} more pages - Personal - Microsoft\u200b Edge" \
                if self.rng.random() < 0.4 else f"{page} - Personal - Microsoft\u200b Edge"
        if "irefox" in app:
            return f"{page} — Mozilla Firefox" if os_ != "mac" else page
        return f"{page} - Google Chrome" if os_ != "mac" else page

    # -- emitting -------------------------------------------------------------------------------
    def emit(self, role: str, t: float, d: float, app: str, title: str, url: str = "", audible: bool = False) -> float:
        t0, t1 = round(t, 3), round(t + d, 3)
        if t1 - t0 < 0.5:
            return t
        w = self.win[role]
        if w and w[-1][2] == app and w[-1][3] == title and abs(w[-1][0] + w[-1][1] - t0) < 2:
            w[-1][1] = round(t1 - w[-1][0], 3)
        else:
            w.append([t0, round(t1 - t0, 3), app, title])
        if url:
            lag = round(self.rng.uniform(0.02, 0.9), 3)
            if t1 - t0 > lag + 0.3:
                self.web[role].append([round(t0 + lag, 3), round(t1 - t0 - lag, 3), url, self._page_of(title), audible])
        return t1

    @staticmethod
    def _page_of(title: str) -> str:
        for tail in (" — Mozilla Firefox", " - Google Chrome", " - Personal - Microsoft\u200b Edge"):
            if title.endswith(tail):
                title = title[: -len(tail)]
        if " more pages" in title:
            title = title.rsplit(" and ", 1)[0]
        return title

    def browse(self, role: str, t: float, end: float, page: str, url: str, mu: float, audible: bool = False,
               dur: float | None = None) -> float:
        d = dur if dur is not None else math.exp(self.rng.gauss(mu, 0.9))
        app = self.p.hosts[role][2]
        return self.emit(role, t, min(end - t, d), app, self.browser_title(role, page), url, audible)

    def pause(self, role: str, t: float, end: float, share: float) -> float:
        """Reading or thinking without input: the AFK watcher says afk (it backdates to the last input)."""
        if self.rng.random() < share and end - t > 240:
            p = min(end - t, self.rng.uniform(3.2, 9) * MIN)
            w = self.win[role]
            if w:
                self.emit(role, t, p, w[-1][2], w[-1][3])
                self.afk[role].append((t, t + p, True))
                return t + p
        return t

    # -- page makers ------------------------------------------------------------------------------
    def page_code(self, lang: str, project: str) -> tuple[str, str]:
        r = self.rng.random()
        rng = self.rng
        if r < 0.3:
            host, pages = DOC_SITES[lang]
            pg = rng.choice(pages)
            return pg, f"https://{host}/{pages.index(pg)}/{rng.randint(1, 40)}"
        if r < 0.55:
            q = self.fmt(rng.choice(SO_Q))
            return f"{q} - Stack Overflow", f"https://stackoverflow.com/questions/{rng.randint(7_000_000, 79_000_000)}"
        if r < 0.75:
            n = rng.randint(3, 2400)
            title = f"{rng.choice(['Fix', 'Add', 'Refactor', 'Speed up', 'Remove'])} {rng.choice(STEMS)} {rng.choice(['handling', 'tests', 'cache', 'errors', 'flag'])}"
            site = rng.choice(["codeberg.org", "gitlab.com", "github.com"])
            return f"{title} (!{n}) · Merge requests · {project} · GitLab" if site == "gitlab.com" else \
                f"{title} #{n} - {project} - {site}", f"https://{site}/{self.user}/{project}/pulls/{n}"
        if r < 0.87:
            n = rng.randint(10, 900)
            return f"{project.upper()[:3]}-{n} {rng.choice(STEMS)} {rng.choice(SO_V2)} | Linear", f"https://linear.app/acme/issue/{project[:3]}-{n}"
        q = f"{lang} {rng.choice(SO_V)} {rng.choice(SO_N)}"
        return f"{q} - DuckDuckGo", "https://duckduckgo.com/?q=" + q.replace(" ", "+")

    def page_fun(self, kinds: str = "nsy") -> tuple[str, str, bool]:
        rng = self.rng
        k = rng.choice(kinds)
        if k == "n":
            host, site = rng.choice(NEWS)
            head = f"{rng.choice(HEAD_S)} {rng.choice(HEAD_V)} {rng.choice(HEAD_O)}"
            return f"{head} | {site}", f"https://{host}/{rng.randint(10_000, 999_999)}", False
        if k == "s":
            host, site = rng.choice(SOCIAL)
            page = self.fmt(site)
            if rng.random() < 0.4 and host == "www.reddit.com":
                page = f"{rng.choice(['Anyone else with a', 'PSA: check your', 'Finally finished my', 'What is your favourite'])} {rng.choice(PRODUCTS)}{rng.choice(['?', '!', ''])} : {page}"
            return page, f"https://{host}/{rng.randint(1, 99999)}", False
        if k == "p":
            host, shop = rng.choice(SHOPS)
            prod = rng.choice(PRODUCTS)
            page = rng.choice([f"{prod} | {shop}", f"Search: {prod} - {shop}", f"Cart - {shop}", f"{shop} – compare {prod}s"])
            return page, f"https://{host}/p/{rng.randint(1000, 99999)}", False
        vid, title = rng.choice(self.vt)
        return f"{title} - YouTube", f"https://www.youtube.com/watch?v={vid}", True

    def chat_event(self, role: str, t: float, end: float, work: bool) -> float:
        rng = self.rng
        apps = APPS[self.p.hosts[role][1]]
        r = rng.random()
        if work:
            if r < 0.65:
                title = f"{rng.choice(WORK_CHANNELS)} | Acme | Microsoft Teams" if rng.random() < 0.5 else \
                    f"Chat | {rng.choice(PEOPLE)} | Microsoft Teams"
                return self.emit(role, t, min(end - t, math.exp(rng.gauss(3.5, 0.8))), apps["teams"], title)
            if r < 0.85:
                return self.emit(role, t, min(end - t, math.exp(rng.gauss(3.3, 0.8))), apps["matrix"],
                                 f"Element | {rng.choice(MATRIX_ROOMS)}")
        if r < 0.45:
            title = rng.choice(["Signal", f"Signal ({rng.randint(1, 9)})", f"{rng.choice(FRIEND_GROUPS)} - Signal"]) \
                if apps["chat"] != "WhatsApp.exe" else rng.choice(["WhatsApp", f"({rng.randint(1, 12)}) WhatsApp"])
            return self.emit(role, t, min(end - t, math.exp(rng.gauss(3.4, 0.8))), apps["chat"], title)
        if r < 0.75 or self.p.gamer < 0.3:
            page = f"{rng.choice(FRIEND_GROUPS)} | Messenger" if rng.random() < 0.3 else f"{rng.choice(PEOPLE)} - Messages"
            return self.browse(role, t, end, page, "https://www.messenger.com/t/" + str(rng.randint(10**6, 10**7)), 3.4)
        title = f"{rng.choice(DISCORD_CH)} | {rng.choice(DISCORD_SERVERS)} - Discord"
        return self.emit(role, t, min(end - t, math.exp(rng.gauss(3.6, 0.8))), apps["discord"], title)

    def song(self) -> str:
        rng = self.rng
        if self.songs and rng.random() < 0.55:
            return rng.choice(self.songs)
        s = f"{rng.choice(ARTISTS)} - {rng.choice(SONGS)}"
        self.songs.append(s)
        return s

    # -- one segment ----------------------------------------------------------------------------
    def render(self, seg: Seg) -> None:
        rng, role = self.rng, seg.host
        os_ = self.p.hosts[role][1]
        apps = APPS[os_]
        t, end, act, info = seg.start, seg.end, seg.act, seg.info
        if act == "break":
            w = self.win[role]
            last_app, last_title = (w[-1][2], w[-1][3]) if w else (apps["files"], "Desktop")
            lock = self.p.lock_after
            if lock and end - t > lock and apps["lock"]:
                self.emit(role, t, lock, last_app, last_title)
                self.emit(role, t + lock, end - t - lock, apps["lock"],
                          "Windows Default Lock Screen" if os_ == "win" else "")
            else:
                self.emit(role, t, end - t, last_app, last_title)
            self.afk[role].append((t, end, True))
            return
        self.afk[role].append((t, end, False))
        while end - t > 1:
            r = rng.random()
            if act == "deep":
                proj, lang = info["project"], info["lang"]
                if r < 0.45:
                    fname = rng.choice(STEMS) + rng.choice(SUFFIX) + "." + rng.choice(EXT[lang])
                    if os_ == "linux" and rng.random() < 0.5:
                        t = self.emit(role, t, min(end - t, math.exp(rng.gauss(4.8, 0.9))), apps["term"],
                                      f"nvim {fname} (~/code/{proj}/src) - NVIM")
                    else:
                        ide = {"python": "PyCharm", "rust": "RustRover", "go": "GoLand", "typescript": "WebStorm",
                               "c++": "CLion", "kotlin": "IntelliJ IDEA", "elixir": "IntelliJ IDEA", "sql": "DataGrip"}[lang]
                        exe = ide.lower().replace(" ", "").replace("intellijidea", "idea")
                        app = {"win": exe + "64.exe", "mac": ide, "linux": "jetbrains-" + exe}[os_]
                        t = self.emit(role, t, min(end - t, math.exp(rng.gauss(4.9, 0.9))), app,
                                      f"{proj} – {fname}" if os_ != "win" else f"{proj} – {fname} [{proj}] - {ide}")
                    t = self.pause(role, t, end, 0.12)
                elif r < 0.65:
                    cmd = self.fmt(rng.choice(CMDS))
                    title = f"{cmd} — {self.user}@{self.p.hosts[role][0]}" if os_ != "win" else f"{cmd} - PowerShell"
                    t = self.emit(role, t, min(end - t, math.exp(rng.gauss(3.6, 0.9))), apps["term"], title)
                elif r < 0.88:
                    page, url = self.page_code(lang, proj)
                    t = self.browse(role, t, end, page, url, 3.9)
                    t = self.pause(role, t, end, 0.08)
                elif r < 0.95:
                    t = self.emit(role, t, min(end - t, rng.uniform(4, 25)), apps["music"], self.song())
                else:
                    t = self.chat_event(role, t, end, work=True)
            elif act == "light":
                if r < 0.3:
                    t = self.emit(role, t, min(end - t, math.exp(rng.gauss(4.2, 0.8))), apps["mail"],
                                  f"{self.fmt(rng.choice(MAIL_SUBJ))} - Inbox" + (" - Mozilla Thunderbird" if os_ == "linux" else ""))
                elif r < 0.5:
                    t = self.emit(role, t, min(end - t, math.exp(rng.gauss(4.4, 0.8))), apps["notes"],
                                  self.fmt(rng.choice(NOTION)))
                elif r < 0.62:
                    t = self.emit(role, t, min(end - t, math.exp(rng.gauss(4.5, 0.8))), apps["office"],
                                  self.fmt(rng.choice(SHEETS)))
                elif r < 0.75:
                    page = rng.choice([f"{self.fmt(rng.choice(NOTION))} - Confluence", f"Calendar - Week {rng.randint(1, 52)}",
                                       f"Expenses - {rng.choice(['Pending', 'Approved'])} | Concur", "Workday - Home",
                                       f"{self.fmt(rng.choice(NOTION))} - Google Docs"])
                    t = self.browse(role, t, end, page, f"https://intranet.acme.example/{rng.randint(1, 9999)}", 4.0)
                elif r < 0.92:
                    t = self.chat_event(role, t, end, work=True)
                else:
                    page, url, aud = self.page_fun("ns")
                    t = self.browse(role, t, end, page, url, 3.4, aud)
                t = self.pause(role, t, end, 0.05)
            elif act == "meeting":
                title = info["title"]
                kind = (hash_str(title) % 3)
                if r < 0.85:
                    d = min(end - t, rng.uniform(3, 20) * MIN)
                    if kind == 0:
                        t = self.emit(role, t, d, apps["teams"], f"{title} | Microsoft Teams")
                    elif kind == 1:
                        t = self.emit(role, t, d, apps["zoom"], rng.choice(["Zoom Meeting", "Zoom Workplace"]))
                    else:
                        room = f"{title.replace(' ', '')}{rng.randint(100, 999)}"
                        t = self.browse(role, t, end, f"{room} | Jitsi Meet", f"https://meet.jit.si/{room}", 0, True, d)
                    if rng.random() < 0.3:  # listening, not typing
                        a = t - d
                        if d > 300:
                            self.afk[role].append((a + rng.uniform(0, d / 2), a + d, True))
                else:
                    t = self.chat_event(role, t, end, work=True) if rng.random() < 0.6 else \
                        self.emit(role, t, min(end - t, rng.uniform(15, 90)), apps["mail"], "Inbox")
            elif act == "chat":
                t = self.chat_event(role, t, end, work=(r < 0.4 and local_hour(self.zone, t) < 17.5))
            elif act in ("news", "shop"):
                if r < 0.9:
                    page, url, aud = self.page_fun("nnssy" if act == "news" else "ppppn")
                    dur = rng.uniform(60, 600) if aud else None
                    t = self.browse(role, t, end, page, url, 3.7, aud, dur)
                else:
                    t = self.chat_event(role, t, end, work=False)
            elif act == "game":
                name, exe, appid, pad = info.setdefault("game", rng.choice(GAMES[: 6 + int(self.p.gamer * 6)]))
                if r < 0.08:
                    t = self.emit(role, t, min(end - t, rng.uniform(20, 180)), apps["steam"],
                                  rng.choice(["Steam", "Friends List", name, "Steam Big Picture Mode"]))
                elif r < 0.2:
                    t = self.emit(role, t, min(end - t, rng.uniform(15, 120)), apps["discord"],
                                  f"{rng.choice(DISCORD_CH)} | {rng.choice(DISCORD_SERVERS)} - Discord")
                else:
                    app = exe if os_ == "win" else (f"steam_app_{appid}" if os_ == "linux" else name)
                    d = min(end - t, rng.uniform(10, 50) * MIN)
                    self.emit(role, t, d, app, name)
                    if pad and d > 240:
                        self.afk[role].append((t + rng.uniform(10, 60), t + d, True))
                    t += d
            elif act == "film":
                if r < 0.35:
                    d = min(end - t, rng.uniform(25, 70) * MIN)
                    f = self.fmt(rng.choice(FILMS))
                    self.emit(role, t, d, apps["video"], f"{f} - mpv" if apps["video"] == "mpv" else
                              (f"{f} - VLC media player" if os_ == "win" else f))
                    if d > 240:
                        self.afk[role].append((t + rng.uniform(5, 40), t + d, True))
                    t += d
                elif r < 0.65:
                    host, page = rng.choice(STREAMS)
                    d = min(end - t, rng.uniform(20, 60) * MIN)
                    self.browse(role, t, end, self.fmt(page), f"https://{host}/watch/{rng.randint(10**5, 10**6)}", 0, True, d)
                    if d > 240:
                        self.afk[role].append((t + rng.uniform(5, 40), t + d, True))
                    t += d
                else:
                    vid, title = rng.choice(self.vt)
                    d = min(end - t, rng.uniform(2, 25) * MIN)
                    self.browse(role, t, end, f"{title} - YouTube", f"https://www.youtube.com/watch?v={vid}", 0, True, d)
                    if d > 240 and rng.random() < 0.6:
                        self.afk[role].append((t + rng.uniform(5, 60), t + d, True))
                    t += d
            elif act == "music":
                if r < 0.5:
                    t = self.emit(role, t, min(end - t, math.exp(rng.gauss(3.5, 0.8))), apps["music"],
                                  self.song() if rng.random() < 0.6 else self.fmt(rng.choice(PLAYLISTS)))
                elif r < 0.7:
                    host = rng.choice(["bandcamp.com", "www.discogs.com", "pitchfork.com", "www.last.fm"])
                    a = rng.choice(ARTISTS)
                    t = self.browse(role, t, end, f"{a} | {host.split('.')[-2].title()}", f"https://{host}/{a.replace(' ', '-').lower()}", 3.6)
                else:
                    page, url, aud = self.page_fun("sn")
                    t = self.browse(role, t, end, page, url, 3.2, aud)
            elif act == "docs":
                lang, proj = info["lang"], info["project"]
                if r < 0.35:
                    t = self.emit(role, t, min(end - t, math.exp(rng.gauss(5.0, 0.8))), apps["pdf"],
                                  self.fmt(rng.choice(READING)))
                    t = self.pause(role, t, end, 0.3)
                elif r < 0.8:
                    page, url = self.page_code(lang, proj)
                    t = self.browse(role, t, end, page, url, 4.3)
                    t = self.pause(role, t, end, 0.2)
                else:
                    t = self.emit(role, t, min(end - t, math.exp(rng.gauss(4.4, 0.8))), apps["notes"],
                                  f"{proj} — {rng.choice(['design notes', 'reading notes', 'ADR ' + str(rng.randint(1, 40)), 'questions'])}")
            elif act == "learn":
                if r < 0.4:
                    host, page = rng.choice(LEARN_SITES)
                    t = self.browse(role, t, end, self.fmt(page), f"https://{host}/learn/{rng.randint(1, 5000)}", 4.8,
                                    host == "www.coursera.org")
                    t = self.pause(role, t, end, 0.2)
                elif r < 0.7:
                    vid, title = rng.choice(self.vt)
                    d = min(end - t, rng.uniform(3, 20) * MIN)
                    t = self.browse(role, t, end, f"{title} - YouTube", f"https://www.youtube.com/watch?v={vid}", 0, True, d)
                elif r < 0.85:
                    t = self.emit(role, t, min(end - t, math.exp(rng.gauss(4.5, 0.7))), apps["anki"],
                                  f"{rng.choice(COURSES)} - Anki")
                else:
                    t = self.emit(role, t, min(end - t, math.exp(rng.gauss(4.6, 0.7))), apps["notes"],
                                  f"{rng.choice(COURSES)} — week {rng.randint(1, 12)}")
            else:
                raise ValueError(act)

    def leave_on(self, role: str, a: float, b: float) -> None:
        """A machine left on after the session: the last window, then the lock screen; afk throughout."""
        if b - a < 60:
            return
        self.render(Seg(a, b, "break", role, {}))


def hash_str(s: str) -> int:
    h = 0
    for ch in s:
        h = (h * 131 + ord(ch)) % 1_000_003
    return h


def afk_events(spans: list[tuple[float, float, bool]]) -> list[dict[str, Any]]:
    """Spans -> aw-watcher-afk events: afk wins where it overlaps active; nothing where the machine is off."""
    points = sorted({round(p, 3) for s, e, _ in spans for p in (s, e)})
    act = sorted((round(s, 3), round(e, 3)) for s, e, a in spans if not a)
    afk = sorted((round(s, 3), round(e, 3)) for s, e, a in spans if a)

    def cover(lst: list[tuple[float, float]]) -> list[tuple[float, float]]:
        out: list[list[float]] = []
        for s, e in lst:
            if out and s <= out[-1][1]:
                out[-1][1] = max(out[-1][1], e)
            else:
                out.append([s, e])
        return [(s, e) for s, e in out]

    act, afk = cover(act), cover(afk)
    a_st, f_st = [s for s, _ in act], [s for s, _ in afk]

    def inside(lst: list[tuple[float, float]], st: list[float], x: float) -> bool:
        i = bisect.bisect_right(st, x) - 1
        return i >= 0 and lst[i][0] <= x < lst[i][1]

    out: list[dict[str, Any]] = []
    for a, b in zip(points, points[1:]):
        mid = (a + b) / 2
        status = "afk" if inside(afk, f_st, mid) else ("not-afk" if inside(act, a_st, mid) else None)
        if status is None:
            continue
        if out and out[-1]["status"] == status and abs(out[-1]["t"] + out[-1]["d"] - a) < 1e-6:
            out[-1]["d"] = b - out[-1]["t"]
        else:
            out.append({"t": a, "d": b - a, "status": status})
    return out


# ================================================================================================
# videos
# ================================================================================================

KINDS: dict[str, dict[str, Any]] = {
    "tutorial": {"cat": "28", "group": "focus", "dur": (900, 0.7, 120, 7200), "w": 1.3,
                 "ch": [("Byte Harbor", "en"), ("CodeWithMarta", "en"), ("The Pragmatic Shell", "en"),
                        ("Le Code Simple", "fr"), ("Kodikoulu", "fi"), ("Programando com Rita", "pt"),
                        ("DevCafé ES", "es")],
                 "t": {"en": ["{L} {topic} in {n} minutes", "Build a {thing} with {L} (full course)",
                              "{L} {topic} explained — no magic", "STOP writing {L} like this ❌",
                              "I rewrote our {thing} in {L}. Here's what happened", "{L} tips I wish I knew earlier 🔥",
                              "Understanding {topic} ({L}, part {k})"],
                       "fr": ["Apprendre {L} : {topic} en {n} minutes", "Tuto {L} — créer un {thing}"],
                       "fi": ["{L}-ohjelmointi: {topic} osa {k}", "Tee oma {thing} {L}-kielellä"],
                       "pt": ["Curso de {L}: {topic} (aula {k})", "Como criar um {thing} em {L}"],
                       "es": ["{L} desde cero: {topic}", "Cómo hacer un {thing} con {L} 🚀"]},
                 "tags": ["programming", "tutorial", "coding", "{L}", "{topic}"]},
    "talk": {"cat": "28", "group": "focus", "dur": (2400, 0.35, 900, 5400), "w": 0.8,
             "ch": [("NordConf", "en"), ("PyData Harbour", "en"), ("SysConf Talks", "en"), ("Lambda Days Live", "en"),
                    ("FOSS Forum", "en"), ("Journées du Code", "fr")],
             "t": {"en": ["{Topic} at scale: lessons from {n} outages", "Keynote: the future of {L}",
                          "\"{Topic} considered harmful\" — {speaker}", "{speaker}: What we got wrong about {topic}",
                          "Lightning talk: {thing} in {L}"],
                   "fr": ["{speaker} — {Topic} en production"]},
             "tags": ["conference", "talk", "{topic}", "software engineering"]},
    "news": {"cat": "25", "group": "info", "dur": (300, 0.6, 60, 2400), "w": 1.1,
             "ch": [("Daily Ledger News", "en"), ("Global Wire", "en"), ("Le Journal 20h", "fr"), ("Uutiset Nyt", "fi"),
                    ("Noticias Hoy", "es"), ("Jornal Aberto", "pt"), ("Morning Brief", "en")],
             "t": {"en": ["{Head} — what it means for you", "BREAKING: {HEAD}", "{Head} | Evening Bulletin",
                          "Explained: {head}", "LIVE: {head}"],
                   "fr": ["{Head} : ce qu'il faut savoir", "Le 20h : {head}"],
                   "fi": ["{Head} – illan uutiset", "Uutisanalyysi: {head}"],
                   "es": ["{Head}: lo que debes saber", "EN VIVO: {head}"],
                   "pt": ["{Head}: o que muda", "Jornal da noite: {head}"]},
             "tags": ["news", "politics", "world"]},
    "music": {"cat": "10", "group": "background", "dur": (2400, 1.0, 150, 14400), "w": 1.0,
              "ch": [("Lo-Fi Lantern", "en"), ("Deep Focus Radio", "en"), ("Synthwave Motel", "en"),
                     ("Classical Hour", "en"), ("Indie Attic Sessions", "en"), ("Jazz Nocturne", "en")],
              "t": {"en": ["{mood} lofi beats to {verb} to 📚", "{n} hours of {mood} piano", "{artist} — live at {place}",
                           "{artist} - {song} (Official Video)", "DARK SYNTHWAVE MIX 🌃 {mood} drive", "{mood} jazz for {verb}ing ☕"]},
              "tags": ["music", "playlist", "{mood}", "focus music"]},
    "gaming": {"cat": "20", "group": "fun", "dur": (1300, 0.7, 180, 10800), "w": 1.0,
               "ch": [("PixelPioneer", "en"), ("Nerd Crate", "en"), ("Speedrun Shelf", "en"), ("CozyQuest", "en"),
                      ("GrindHouse Gaming", "en"), ("Jugando con Nico", "es")],
               "t": {"en": ["I played {game} for 100 hours", "{game} but every {thing} is random 😂",
                            "{GAME} WORLD RECORD ({n}:{k}0)", "The PERFECT {game} base", "{game} - Part {k} (blind)"],
                     "es": ["{game} pero es imposible 😱", "Jugando {game} por primera vez"]},
               "tags": ["gaming", "{game}", "lets play"]},
    "comedy": {"cat": "23", "group": "fun", "dur": (420, 0.7, 60, 3600), "w": 0.8,
               "ch": [("Sketchbook Comedy", "en"), ("Late Late Laughs", "en"), ("Les Parodistes", "fr"),
                      ("Tuplakomedia", "fi"), ("Humor a la Chilena", "es")],
               "t": {"en": ["When your {thing} {verb}s at 3am", "{Job}s be like 😂", "If {thing}s had feelings",
                            "STAND-UP: {speaker} on {topic}", "The {thing} meeting that never ends"],
                     "fr": ["Quand ton {thing} plante 😂", "Sketch : le {thing} du lundi"],
                     "fi": ["Kun {thing} ei toimi 😂"], "es": ["Cuando tu {thing} no funciona 😂"]},
               "tags": ["comedy", "sketch", "funny"]},
    "documentary": {"cat": "27", "group": "info", "dur": (3000, 0.4, 900, 7200), "w": 0.7,
                    "ch": [("Deep Time Docs", "en"), ("Atlas Stories", "en"), ("Culture Doc", "fr"),
                           ("Engineering Long Reads", "en")],
                    "t": {"en": ["The rise and fall of {place}", "Inside the world's biggest {thing} factory",
                                 "How {place} built a {thing} (full documentary)", "{Topic}: the untold story"],
                          "fr": ["{place} : l'histoire oubliée (documentaire)"]},
                    "tags": ["documentary", "history", "{place}"]},
    "cooking": {"cat": "26", "group": "fun", "dur": (720, 0.5, 120, 3000), "w": 0.8,
                "ch": [("Pan & Pantry", "en"), ("Nonna's Table", "en"), ("Ramen Lab", "en"), ("Cocina Rápida", "es"),
                       ("Keittiössä", "fi")],
                "t": {"en": ["The only {dish} recipe you need", "{dish} in {n} minutes 🍜", "I tried {place} {dish}",
                             "ONE-PAN {DISH} (weeknight)"],
                      "es": ["{dish} fácil y rápido"], "fi": ["Helppo {dish} – resepti"]},
                "tags": ["cooking", "recipe", "{dish}"]},
    "sports": {"cat": "17", "group": "fun", "dur": (540, 0.5, 60, 6000), "w": 0.7,
               "ch": [("Highlights Hub", "en"), ("Trail & Summit", "en"), ("Paddock Recap", "en"),
                      ("Tactics Board", "en"), ("Fútbol al Día", "es")],
               "t": {"en": ["{team} vs {team2} | HIGHLIGHTS", "{team} {n}-{k} {team2}: every goal",
                            "Race recap: {place} GP", "Climbing {place}'s hardest route"],
                     "es": ["{team} vs {team2} | RESUMEN"]},
               "tags": ["sports", "highlights", "{team}"]},
    "podcast": {"cat": "22", "group": "background", "dur": (4200, 0.4, 1500, 12000), "w": 0.8,
                "ch": [("The Long Pause Podcast", "en"), ("Two Devs One Mic", "en"), ("Hard Questions Pod", "en"),
                       ("Tiedepodi", "fi"), ("Podcast Sem Pressa", "pt")],
                "t": {"en": ["#{n} — {speaker} on {topic}", "Ep. {n}: why {topic} is broken", "{speaker} | {Topic} & {topic2}"],
                      "fi": ["Jakso {n}: {topic}"], "pt": ["Ep. {n} — {topic} com {speaker}"]},
                "tags": ["podcast", "interview", "{topic}"]},
    "short": {"cat": "24", "group": "fun", "dur": (35, 0.4, 8, 59), "w": 1.0,
              "ch": [("QuickBits", "en"), ("60 Second Science", "en"), ("Daily Dose Shorts", "en"), ("Cat Loops", "en")],
              "t": {"en": ["wait for it… 😳 #shorts", "{thing} hack you NEED #shorts", "POV: {job} on a Monday",
                           "this {animal} 😂", "{L} in 30 seconds #shorts"]},
              "tags": ["shorts", "viral"]},
    "language": {"cat": "27", "group": "focus", "dur": (780, 0.5, 180, 3600), "w": 0.6,
                 "ch": [("Easy Spanish Street", "es"), ("Français Facile", "fr"), ("Suomea Helposti", "fi"),
                        ("Nihongo Now", "ja"), ("Português Já", "pt")],
                 "t": {"en": ["{n} {langname} phrases for beginners", "{langname} listening practice (slow)",
                              "Learn {langname} while you sleep 😴"],
                       "ja": ["日本語の聞き取り練習 #{n}", "JLPT N{k} 文法まとめ"],
                       "es": ["Español lento: {topic}"], "fr": ["Français lent : {topic}"], "fi": ["Selkosuomea: {topic}"],
                       "pt": ["Português devagar: {topic}"]},
                 "tags": ["language learning", "{langname}"]},
    "productivity": {"cat": "26", "group": "focus", "dur": (660, 0.5, 120, 2700), "w": 0.6,
                     "ch": [("Deep Work Dan", "en"), ("Notes Architect", "en"), ("Calendar Monk", "en"), ("Study With Ana", "pt")],
                     "t": {"en": ["My {n}-step weekly review", "How I take notes in {app}", "STUDY WITH ME {k} HOURS (pomodoro)",
                                  "Stop multitasking: the science", "I tried {app} for 30 days"],
                           "pt": ["Estude comigo {k} horas 📖"]},
                     "tags": ["productivity", "{app}", "study"]},
    "asmr": {"cat": "24", "group": "background", "dur": (2700, 0.6, 600, 10800), "w": 0.4,
             "ch": [("Whisper Woods", "en"), ("Tingle Lab", "en"), ("Soft Rain Room", "en")],
             "t": {"en": ["ASMR {asmr} (no talking)", "{n} hours of rain on a {place} window 🌧", "ASMR {asmr} for sleep"]},
             "tags": ["asmr", "sleep", "relax"]},
    "science": {"cat": "28", "group": "info", "dur": (960, 0.5, 240, 3600), "w": 0.8,
                "ch": [("Orbital Mechanic", "en"), ("Molecule Minute", "en"), ("Curious Quanta", "en"), ("Astro Café", "fr")],
                "t": {"en": ["Why {sci} is weirder than you think", "The {sci} problem nobody solved",
                             "What happens if {sci}?", "{SCI}, explained"], "fr": ["Pourquoi {sci} ? (vulgarisation)"]},
                "tags": ["science", "{sci}", "education"]},
}
FILL = {
    "L": ["Rust", "Python", "TypeScript", "Go", "Kotlin", "C++", "Elixir", "SQL", "Zig", "Haskell"],
    "topic": ["async", "lifetimes", "generics", "testing", "caching", "concurrency", "parsers", "type inference",
              "observability", "CRDTs", "databases", "memory layout", "error handling", "build systems"],
    "thing": ["router", "database", "compiler", "chat app", "game engine", "text editor", "bot", "scheduler",
              "printer", "keyboard", "standup", "spreadsheet", "deploy"],
    "speaker": ["Dr. Ines Alves", "Marcus Hill", "Yuki Tanaka", "Sara Lindqvist", "Omar Haddad", "Léa Fontaine"],
    "head": ["central bank holds rates", "rail strike enters day three", "heatwave warning extended",
             "election result contested", "new housing law passes", "storm cuts power to thousands",
             "AI rules agreed", "budget talks collapse"],
    "mood": ["chill", "rainy", "late night", "sunday", "cozy", "dark", "focus", "autumn"],
    "verb": ["study", "code", "relax", "work", "sleep", "read"],
    "artist": ARTISTS, "song": SONGS,
    "place": ["Lisbon", "Helsinki", "Patagonia", "Tokyo", "Lagos", "Venice", "Oaxaca", "Detroit", "Ulaanbaatar", "Tasmania"],
    "game": [g[0] for g in GAMES] + ["Minecraft", "Zelda", "Elden Ring"],
    "Job": ["Developer", "Manager", "Designer", "Intern", "Barista"], "job": ["developer", "manager", "intern"],
    "dish": ["ramen", "carbonara", "empanadas", "lohikeitto", "bacalhau", "curry", "sourdough", "tacos", "pho"],
    "team": ["Lyon", "HJK", "Benfica", "Colo-Colo", "Toronto FC", "Sydney FC", "Auckland City", "Colorado Rapids"],
    "langname": ["Spanish", "French", "Finnish", "Japanese", "Portuguese", "German"],
    "app": ["Obsidian", "Notion", "Logseq", "paper", "Things", "Emacs"],
    "asmr": ["keyboard typing", "page turning", "brushing", "tapping", "cozy library"],
    "animal": ["cat", "dog", "parrot", "goat", "otter"],
    "sci": ["quantum tunnelling", "dark matter", "entropy", "black holes", "CRISPR", "plate tectonics", "superconductors"],
}


@dataclass
class Video:
    vid: str
    kind: str
    group: str
    channel: str
    channel_id: str
    lang: str
    title: str
    description: str
    tags: list[str]
    category: str
    duration: int
    published: float
    topic: str


def rand_id(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(ID_CHARS) for _ in range(n))


def fill(rng: random.Random, tpl: str) -> tuple[str, dict[str, str]]:
    picked: dict[str, str] = {}

    def val(key: str) -> str:
        if key == "n":
            return str(rng.choice([3, 5, 7, 10, 12, 15, 20, 42, 100, 137, 250]))
        if key == "k":
            return str(rng.randint(1, 9))
        base = key.lower() if key.lower() in FILL else key
        if base == "topic2":
            base = "topic"
        if base == "team2":
            base = "team"
        if key not in picked:
            picked[key] = rng.choice(FILL[base])
        v = picked[key]
        if key.isupper() and len(key) > 1:
            return v.upper()
        if key[0].isupper() and key not in ("L", "Job"):
            return v[:1].upper() + v[1:]
        return v

    out, i = [], 0
    while i < len(tpl):
        j = tpl.find("{", i)
        if j < 0:
            out.append(tpl[i:])
            break
        k = tpl.find("}", j)
        out.append(tpl[i:j])
        out.append(val(tpl[j + 1:k]))
        i = k + 1
    return "".join(out), picked


DESCS = {"en": ["New video every week.", "Timestamps below. Thanks for watching!", "Support the channel on Patreon.",
                "Sources and links in the pinned comment.", "Subscribe for more."],
         "fr": ["Nouvelle vidéo chaque semaine.", "Abonnez-vous !"], "fi": ["Uusi video joka viikko.", "Tilaa kanava!"],
         "es": ["¡Suscríbete para más!", "Nuevo video cada semana."], "pt": ["Inscreva-se!", "Vídeo novo toda semana."],
         "ja": ["チャンネル登録よろしくお願いします！"]}


def make_videos(rng: random.Random, n: int, t0: float, t1: float, home_lang: str, second: str) -> list[Video]:
    mix = {k: spec["w"] * math.exp(rng.gauss(0, 0.35)) for k, spec in KINDS.items()}
    kinds = sorted(mix)
    chan_ids: dict[str, str] = {}
    videos: list[Video] = []
    used: set[str] = set()
    for _ in range(n):
        kind = rng.choices(kinds, [mix[k] for k in kinds])[0]
        spec = KINDS[kind]
        chans = spec["ch"]
        cw = [3.0 if lang in (home_lang, second) and lang != "en" else (1.0 if lang == "en" else 0.25) for _, lang in chans]
        channel, lang = rng.choices(chans, cw)[0]
        if channel not in chan_ids:
            chan_ids[channel] = "UC" + rand_id(rng, 22)
        tpls = spec["t"].get(lang) or spec["t"]["en"]
        if lang != "en" and rng.random() < 0.2:
            tpls = spec["t"]["en"]
        title, picked = fill(rng, rng.choice(tpls))
        med, sig, lo, hi = spec["dur"]
        dur = int(max(lo, min(hi, med * math.exp(rng.gauss(0, sig)))))
        if kind == "music" and rng.random() < 0.3:
            dur = int(rng.uniform(150, 330))  # a single song
        tags = []
        for tg in spec["tags"]:
            if "{" in tg:
                key = tg[1:-1]
                tt = picked.get(key) or picked.get(key.upper()) or picked.get(key[:1].upper() + key[1:]) \
                    or rng.choice(FILL[key.lower()])
                tags.append(tt.lower())
            else:
                tags.append(tg)
        tags = [x for i, x in enumerate(tags) if x not in tags[:i]]
        topic = next(iter(picked.values()), kind)
        desc = f"{title}\n\n" + rng.choice(DESCS.get(lang, DESCS["en"]))
        if rng.random() < 0.15:
            published = t0 - rng.uniform(2, 600) * DAY
        else:
            published = rng.uniform(t0 - 10 * DAY, t1 - HOUR)
        vid = rand_id(rng, 11)
        while vid in used:
            vid = rand_id(rng, 11)
        used.add(vid)
        videos.append(Video(vid, kind, spec["group"], channel, chan_ids[channel], lang, title, desc, tags,
                            spec["cat"], dur, published, topic))
    return videos


def resource(v: Video, rng: random.Random) -> dict[str, Any]:
    views = int(math.exp(rng.uniform(5, 15.5)))
    snippet: dict[str, Any] = {
        "publishedAt": iso_z(v.published), "channelId": v.channel_id, "title": v.title, "description": v.description,
        "thumbnails": {"default": {"url": f"https://i.ytimg.com/vi/{v.vid}/default.jpg", "width": 120, "height": 90},
                       "medium": {"url": f"https://i.ytimg.com/vi/{v.vid}/mqdefault.jpg", "width": 320, "height": 180}},
        "channelTitle": v.channel, "categoryId": v.category, "liveBroadcastContent": "none",
        "defaultAudioLanguage": v.lang}
    if v.tags and rng.random() < 0.85:  # some uploads have no tags: the API then omits the key
        snippet["tags"] = v.tags
    h, rem = divmod(v.duration, 3600)
    m, s = divmod(rem, 60)
    dur = "PT" + (f"{h}H" if h else "") + (f"{m}M" if m else "") + (f"{s}S" if s or not (h or m) else "")
    return {"kind": "youtube#video", "etag": rand_id(rng, 27), "id": v.vid, "snippet": snippet,
            "contentDetails": {"duration": dur, "dimension": "2d", "definition": rng.choice(["hd", "hd", "sd"]),
                               "caption": rng.choice(["false", "true"]), "licensedContent": rng.random() < 0.7,
                               "contentRating": {}, "projection": "rectangular"},
            "statistics": {"viewCount": str(views), "likeCount": str(views // rng.randint(15, 90)),
                           "favoriteCount": "0", "commentCount": str(views // rng.randint(150, 1200))}}


# ================================================================================================
# "the right moment" and taste
# ================================================================================================

GROUPS = ["focus", "background", "fun", "info"]
ADD_W = {"deep": -1.1, "light": -0.4, "meeting": -0.8, "chat": 0.2, "news": 0.6, "shop": 0.3, "game": 0.8,
         "film": 0.6, "music": 0.3, "docs": -0.5, "learn": 0.0, "break": 0.4, "off": 0.3}
INTER = {
    "focus": {"deep": 0.5, "docs": 0.9, "learn": 1.3, "light": 0.2, "game": -0.9, "film": -0.6, "news": -0.2},
    "background": {"deep": 1.6, "docs": 0.8, "light": 0.9, "meeting": -1.2, "game": -0.6, "film": -1.1, "music": 0.6},
    "fun": {"deep": -1.6, "meeting": -1.1, "light": -0.8, "docs": -0.9, "learn": -0.5, "game": 1.3, "news": 0.8,
            "film": 0.7, "chat": 0.5, "shop": 0.5},
    "info": {"news": 1.0, "break": 0.6, "deep": -0.6, "meeting": -0.5, "off": 0.3},
}
KIND_BASE = {"tutorial": 0.5, "talk": 0.2, "productivity": 0.3, "language": 0.4, "science": 0.3, "news": 0.0,
             "documentary": 0.0, "podcast": 0.2, "music": 0.3, "asmr": -0.2, "cooking": -0.3, "comedy": -0.6,
             "gaming": -0.7, "sports": -0.5, "short": -0.9}


def bump(h: float, center: float, width: float) -> float:
    d = (h - center + 12) % 24 - 12
    return math.exp(-0.5 * (d / width) ** 2)


@dataclass
class Rule:
    alpha: float
    add: dict[str, float]
    inter: dict[str, dict[str, float]]
    kind: dict[str, float]
    hour_amp: float
    hour_phase: float
    evening_fun: float
    morning_focus: float
    morning_info: float
    weekend_fun: float
    long_pen: float
    short_pen: float
    evening_long: float
    c0: float = 0.0

    def raw(self, sh: dict[str, float], h: float, workday: bool, v: Video, vfx: float) -> float:
        ctx = sum(self.add[a] * sh[a] for a in CTX) + sum(self.inter[v.group].get(a, 0.0) * sh[a] for a in CTX)
        L = math.log(v.duration / 600.0)
        work_share = sh["deep"] + sh["meeting"] + sh["docs"] + 0.5 * sh["light"]
        if workday:
            ctx -= self.long_pen * max(0.0, L) * work_share * (v.group != "background")
            ctx -= self.short_pen * (v.duration < 60) * work_share
        ctx += self.evening_long * max(0.0, L) * (sh["film"] + sh["game"] + sh["news"]) * bump(h, 21.0, 2.5)
        hour = self.hour_amp * math.cos(2 * math.pi * (h - self.hour_phase) / 24)
        if v.group == "fun":
            hour += self.evening_fun * bump(h, 20.5, 2.5) + (0.0 if workday else self.weekend_fun)
        elif v.group == "focus":
            hour += self.morning_focus * bump(h, 10.0, 2.5)
        elif v.group == "info":
            hour += self.morning_info * bump(h, 8.0, 2.0)
        return self.c0 + self.alpha * (ctx + hour) + self.kind[v.kind] + vfx


def make_rule(rng: random.Random) -> Rule:
    return Rule(
        alpha=rng.uniform(0.55, 1.5),
        add={a: w + rng.gauss(0, 0.35) for a, w in ADD_W.items()},
        inter={g: {a: w + rng.gauss(0, 0.3) for a, w in INTER[g].items()} for g in GROUPS},
        kind={k: b + rng.gauss(0, 0.45) for k, b in KIND_BASE.items()},
        hour_amp=rng.uniform(0.1, 0.5), hour_phase=rng.uniform(17, 24),
        evening_fun=rng.uniform(0.3, 1.2), morning_focus=rng.uniform(0.0, 0.8), morning_info=rng.uniform(0.0, 0.6),
        weekend_fun=rng.uniform(0.0, 0.8), long_pen=rng.uniform(0.4, 1.2), short_pen=rng.uniform(0.0, 1.0),
        evening_long=rng.uniform(0.0, 0.6))


# ================================================================================================
# the world
# ================================================================================================

@dataclass
class World:
    seed: int
    days: int
    zone: str
    person: Person
    start: float
    train_end: float
    end: float
    dst: datetime
    videos: list[Video]
    timeline: Timeline
    renderer: Renderer
    labels: list[list[Any]]
    pairs: list[tuple[str, float, int, int, int]]
    train_moments: int
    late: int
    workdays: set[int]
    rule: Rule
    meta_extra: dict[str, Any]


def build(seed: int, days: int = 60) -> World:
    if days < 10:
        raise ValueError("days must be at least 10")
    root = random.Random(f"vrdndi-world-alt:{seed}")
    sub = {k: random.Random(f"vrdndi-world-alt:{seed}:{k}:{root.random()}") for k in
           ("cal", "person", "plan", "render", "videos", "res", "rule", "taste", "feed", "answer", "likes")}

    # calendar: a DST change 35-70% into the period, the whole period in the past
    rc = sub["cal"]
    zone_name = rc.choice(sorted(ZONES))
    zone = ZoneInfo(zone_name)
    options = []
    for tr in transitions(zone):
        d_local = tr.astimezone(zone).date()
        lo_k = max(math.ceil(0.35 * days), days - (LATEST_END.date() - d_local).days)
        hi_k = min(math.floor(0.70 * days), (d_local - EARLIEST_START.date()).days)
        if lo_k <= hi_k:
            options.append((tr, lo_k, hi_k))
    if not options:
        raise ValueError(f"no DST change of {zone_name} fits a {days}-day period before {LATEST_END.date()}")
    dst, lo_k, hi_k = rc.choice(options)
    start_day = dst.astimezone(zone).date() - timedelta(days=rc.randint(lo_k, hi_k))
    train_days = int(round(days * rc.uniform(0.75, 0.80)))
    t0 = local_ts(zone, start_day, 0)
    t_end = local_ts(zone, start_day + timedelta(days=days), 0)
    train_end = local_ts(zone, start_day + timedelta(days=train_days), 0)

    person = make_person(sub["person"], zone_name)
    for _ in range(sub["person"].randint(1, 3)):
        person.pto.add((start_day + timedelta(days=sub["person"].randrange(days))).toordinal())

    planner = Planner(person, zone, sub["plan"])
    for d in range(days):
        planner.day(start_day + timedelta(days=d))
    planner.segs = [s for s in planner.segs if s.start < t_end]
    for s in planner.segs:
        s.end = min(s.end, t_end)
    timeline = Timeline(planner.segs)

    n_videos = int(round(sub["videos"].uniform(900, 1200) * min(1.5, max(0.5, days / 60))))
    videos = make_videos(sub["videos"], n_videos, t0, t_end, person.lang, ZONES[zone_name]["second"])
    by_id = {v.vid: v for v in videos}
    renderer = Renderer(person, sub["render"], [(v.vid, v.title) for v in videos if v.published < t_end])
    sess_by_host: dict[str, list[Session]] = {}
    for s in planner.sessions:
        sess_by_host.setdefault(s.host, []).append(s)
    for seg in sorted(planner.segs, key=lambda s: (s.host, s.start)):
        renderer.render(seg)
    for role, ss in sorted(sess_by_host.items()):
        for s in ss:
            if s.leave_on > 60 and s.end < t_end:
                # rendered after the sessions: the last window of the session stays
                w = [e for e in renderer.win[role] if e[0] < s.end]
                if w:
                    last = w[-1]
                    renderer.win[role].append([round(s.end, 3), round(min(s.leave_on, t_end - s.end), 3), last[2], last[3]])
                    renderer.afk[role].append((s.end, min(s.end + s.leave_on, t_end), True))

    # the rule, taste
    rule = make_rule(sub["rule"])
    rt = sub["taste"]
    kind_pref = {k: rt.gauss(0, 1.0) for k in sorted(KINDS)}
    chan_pref = {c: rt.gauss(0, 0.7) for c in sorted({v.channel for v in videos})}
    lang_pref = {lang: rt.gauss(0, 0.5) for lang in ["en", "fr", "fi", "es", "pt", "ja"]}
    taste = {v.vid: kind_pref[v.kind] + chan_pref[v.channel] + lang_pref[v.lang] + rt.gauss(0, 0.6) for v in videos}
    tq = sorted(taste.values())
    thr = tq[int(len(tq) * rt.uniform(0.4, 0.55))]
    interest = {vid: int(x > thr) for vid, x in taste.items()}
    vfx = {v.vid: rt.gauss(0, 0.25) for v in videos}

    # feed openings: at the computer, not in a break
    rf = sub["feed"]
    open_w = {"deep": 0.5, "light": 1.2, "meeting": 0.15, "chat": 1.4, "news": 1.6, "shop": 1.0, "game": 0.5,
              "film": 0.8, "music": 1.4, "docs": 0.7, "learn": 1.0, "break": 0.0}
    active = [s for s in timeline.segs if s.act != "break"]

    def pick_moments(lo: float, hi: float, n: int) -> list[float]:
        cand = [s for s in active if s.end > lo + 2 * HOUR and s.start < hi]
        wts = [open_w[s.act] * (min(s.end, hi) - max(s.start, lo)) for s in cand]
        out: list[float] = []
        tries = 0
        while len(out) < n and tries < n * 50:
            tries += 1
            s = rf.choices(cand, wts)[0]
            a, b = max(s.start, lo + 2 * HOUR), min(s.end, hi - 5 * MIN)
            if b <= a:
                continue
            m = round(rf.uniform(a, b), 3)
            if all(abs(m - x) > 25 * MIN for x in out):
                out.append(m)
        return sorted(out)

    def workday_of(t: float) -> bool:
        return datetime.fromtimestamp(t, zone).date().toordinal() in planner.workday

    pub_sorted = sorted(videos, key=lambda v: v.published)
    pub_times = [v.published for v in pub_sorted]

    def feed(m: float, k: int) -> list[Video]:
        avail = pub_sorted[: bisect.bisect_left(pub_times, m - 10 * MIN)]
        wts = [math.exp(-max(0.0, m - v.published) / (25 * DAY)) * math.exp(0.35 * taste[v.vid]) + 0.05 for v in avail]
        chosen: list[Video] = []
        seen: set[str] = set()
        while len(chosen) < k:
            v = rf.choices(avail, wts)[0]
            if v.vid not in seen:
                seen.add(v.vid)
                chosen.append(v)
        return chosen

    scale = days / 60  # the counts are for 60 days
    n_train = int(round(rf.randint(140, 170) * scale))
    n_test = int(round(rf.randint(130, 150) * scale))
    train_m = pick_moments(t0, train_end, n_train)
    test_m = pick_moments(train_end, t_end, n_test)
    shows = [(m, feed(m, rf.randint(6, 10))) for m in train_m] + [(m, feed(m, rf.randint(7, 9))) for m in test_m]

    ctx_cache = {m: (timeline.shares(m), local_hour(zone, m), workday_of(m)) for m, _ in shows}
    raws = [rule.raw(*ctx_cache[m], v, vfx[v.vid]) for m, vs in shows for v in vs]
    target = sub["rule"].uniform(0.38, 0.55)
    rule.c0 = -sorted(raws)[int(len(raws) * (1 - target))]
    mean = sum(raws) / len(raws)
    sd = math.sqrt(sum((x - mean) ** 2 for x in raws) / len(raws))
    ra = sub["answer"]
    sigma = ra.uniform(0.3, 0.55) * sd
    flip = ra.uniform(0.05, 0.10)

    def answers(m: float, vs: list[Video]) -> list[tuple[int, int]]:
        mode = ra.random()
        out = []
        for v in vs:
            s = rule.raw(*ctx_cache[m], v, vfx[v.vid])
            truth = int(s > 0)
            noisy = int(s + ra.gauss(0, sigma) > 0)
            if ra.random() < flip:
                noisy = 1 - noisy
            if mode < 0.025:
                noisy = 1
            elif mode < 0.05:
                noisy = 0
            out.append((truth, noisy))
        return out

    labels: list[list[Any]] = []
    label_truth: list[list[Any]] = []  # the noise-free answer of every productive label (labels_truth.csv)
    late = 0
    used_train = 0
    for m, vs in shows[: len(train_m)]:
        ans = answers(m, vs)
        any_label = False
        for v, (truth, noisy) in zip(vs, ans):
            if ra.random() < 0.06:
                continue  # scrolled past
            r = ra.random()
            delay = ra.uniform(15, 600) if r < 0.65 else (ra.uniform(10, 600) * MIN if r < 0.85 else ra.uniform(12, 168) * HOUR)
            at = m + delay
            if at > train_end:
                late += 1
                continue
            labels.append([v.vid, "productive", noisy, iso(m), "web", iso(at)])
            label_truth.append([v.vid, iso(m), truth])
            any_label = True
        used_train += any_label
    pairs: list[tuple[str, float, int, int, int]] = []
    for m, vs in shows[len(train_m):]:
        for v, (truth, noisy) in zip(vs, answers(m, vs)):
            pairs.append((v.vid, m, truth, interest[v.vid], noisy))

    # likes / dislikes: while watching or browsing, about videos already out
    rl = sub["likes"]
    n_likes = int(round(rl.randint(650, 760) * days / 60))
    like_w = {"film": 3.0, "learn": 2.0, "news": 1.5, "music": 1.5, "chat": 0.6, "light": 0.4, "game": 0.5,
              "shop": 0.5, "deep": 0.2, "docs": 0.4, "meeting": 0.0, "break": 0.0}
    cand = [s for s in active if s.start < train_end - HOUR and like_w[s.act] > 0]
    cw = [like_w[s.act] * (min(s.end, train_end) - s.start) for s in cand]
    liked: set[str] = set()
    likes: list[tuple[float, str, int]] = []
    tries = 0
    while len(likes) < n_likes and tries < n_likes * 40:
        tries += 1
        s = rl.choices(cand, cw)[0]
        at = round(rl.uniform(s.start, min(s.end, train_end - MIN)), 3)
        avail = pub_sorted[: bisect.bisect_left(pub_times, at - 30 * MIN)]
        if not avail:
            continue
        v = avail[-1 - min(len(avail) - 1, int(rl.expovariate(1 / 120)))] if rl.random() < 0.6 else rl.choice(avail)
        if v.vid in liked:
            continue
        p_rate = 1 / (1 + math.exp(-(taste[v.vid] - thr) * 2.5))  # people rate what moves them: mostly likes
        if rl.random() > 0.08 + 0.92 * p_rate:
            continue
        liked.add(v.vid)
        val = interest[v.vid] if rl.random() > 0.05 else 1 - interest[v.vid]
        likes.append((at, v.vid, val))
    for at, vid, val in sorted(likes):
        labels.append([vid, "interest", val, "", "like" if val else "dislike", iso(at)])

    person_meta = {"chronotype_h": round(person.chrono, 2), "office_share": person.office_p,
                   "gamer": person.gamer, "evening_session_p": round(person.evening_p, 2),
                   "context_strength": round(rule.alpha, 3), "answer_noise_sd": round(sigma, 3),
                   "answer_flip_p": round(flip, 3)}
    return World(seed, days, zone_name, person, t0, train_end, t_end, dst, videos, timeline, renderer, labels,
                 pairs, used_train, late, planner.workday, rule, {"person": person_meta, "by_id": by_id,
                                                                    "label_truth": label_truth})


def write(world: World, out_dir: str | Path) -> dict[str, Any]:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    rr = random.Random(f"vrdndi-world-alt-res:{world.seed}")
    with open(out / "videos.jsonl", "w", encoding="utf-8", newline="\n") as f:
        for v in world.videos:
            f.write(json.dumps(resource(v, rr), ensure_ascii=False) + "\n")
    rend = world.renderer
    buckets: dict[str, Any] = {}
    n_win = n_afk = n_web = 0
    titles: set[str] = set()
    for role, (hostname, os_, browser) in world.person.hosts.items():
        wev = sorted(rend.win[role], key=lambda e: e[0])
        if not wev:
            continue
        created = iso(wev[0][0])
        buckets[f"aw-watcher-window_{hostname}"] = {
            "id": f"aw-watcher-window_{hostname}", "created": created, "name": None, "type": "currentwindow",
            "client": "aw-watcher-window", "hostname": hostname, "data": {},
            "events": [{"id": i + 1, "timestamp": iso(e[0]), "duration": e[1], "data": {"app": e[2], "title": e[3]}}
                       for i, e in enumerate(wev)]}
        n_win += len(wev)
        titles.update(e[3] for e in wev)
        aev = afk_events(rend.afk[role])
        buckets[f"aw-watcher-afk_{hostname}"] = {
            "id": f"aw-watcher-afk_{hostname}", "created": created, "name": None, "type": "afkstatus",
            "client": "aw-watcher-afk", "hostname": hostname, "data": {},
            "events": [{"id": i + 1, "timestamp": iso(e["t"]), "duration": round(e["d"], 3),
                        "data": {"status": e["status"]}} for i, e in enumerate(aev)]}
        n_afk += len(aev)
        web = sorted(rend.web[role], key=lambda e: e[0])
        if web:
            bname = "edge" if browser.startswith("msedge") else ("firefox" if "irefox" in browser else "chrome")
            bid = f"aw-watcher-web-{bname}_{hostname}"
            buckets[bid] = {
                "id": bid, "created": created, "name": None, "type": "web.tab.current", "client": "aw-client-web",
                "hostname": hostname, "data": {},
                "events": [{"id": i + 1, "timestamp": iso(e[0]), "duration": e[1],
                            "data": {"url": e[2], "title": e[3], "audible": e[4], "incognito": False,
                                     "tabCount": 2 + (i * 5 + len(e[3])) % 19}} for i, e in enumerate(web)]}
            n_web += len(web)
    (out / "events.json").write_text(json.dumps({"buckets": buckets}, ensure_ascii=False), encoding="utf-8")
    with open(out / "labels.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["video_id", "kind", "value", "moment", "source", "labelled_at"])
        w.writerows(world.labels)
    with open(out / "labels_truth.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["video_id", "moment", "productive"])
        w.writerows(world.meta_extra["label_truth"])
    by_id = world.meta_extra["by_id"]
    with open(out / "test_candidates.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["video_id", "moment"])
        w.writerows([[vid, iso(m)] for vid, m, *_ in world.pairs])
    with open(out / "test_truth.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["video_id", "moment", "productive", "interest", "productive_noisy", "kind", "duration_s"])
        w.writerows([[vid, iso(m), p, i, pn, by_id[vid].kind, by_id[vid].duration] for vid, m, p, i, pn in world.pairs])

    counts = {"productive": 0, "interest": 0}
    pos = {"productive": 0, "interest": 0}
    for row in world.labels:
        counts[row[1]] += 1
        pos[row[1]] += int(row[2])
    pairs = world.pairs
    n_pos = sum(p[2] for p in pairs)
    groups: dict[tuple[str, int], list[int]] = {}
    for vid, _, p, _, _ in pairs:
        v = by_id[vid]
        groups.setdefault((v.kind, sum(v.duration >= b * 60 for b in (1, 5, 15, 40, 90))), []).append(p)
    ceiling = sum(max(sum(g), len(g) - sum(g)) for g in groups.values()) / max(1, len(pairs))
    zone = ZoneInfo(world.zone)
    meta = {
        "variant": "alt", "seed": world.seed, "zone": world.zone, "days": world.days,
        "start": iso(world.start), "train_end": iso(world.train_end), "end": iso(world.end),
        "dst_change": world.dst.astimezone(zone).isoformat(),
        "hosts": [h for h, _, _ in world.person.hosts.values()],
        "videos": len(world.videos), "window_events": n_win, "afk_events": n_afk, "web_events": n_web,
        "distinct_titles": len(titles), "labels": counts,
        "label_positive_rate": {k: pos[k] / max(1, counts[k]) for k in counts},
        "train_moments": world.train_moments, "late_labels": world.late,
        "test_moments": len({m for _, m, *_ in pairs}), "test_pairs": len(pairs),
        "test_positive_rate": {"productive": n_pos / max(1, len(pairs)),
                               "interest": sum(p[3] for p in pairs) / max(1, len(pairs))},
        "productive_context_free_ceiling": ceiling,
        "productive_majority": max(n_pos, len(pairs) - n_pos) / max(1, len(pairs)),
        "hosts_os": {h: os_ for h, os_, _ in world.person.hosts.values()},
        "person": world.meta_extra["person"],
        "files": {"test_truth.csv": "productive, interest: noise-free truth from the hidden timeline and taste; "
                                    "productive_noisy: what the person would have answered (noise, slips)",
                  "labels_truth.csv": "the noise-free answer behind each productive label of labels.csv "
                                      "(vrdndi evaluate --truth)"},
    }
    (out / "world.json").write_text(json.dumps(meta, indent=1, ensure_ascii=False), encoding="utf-8")
    return meta


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Write an alternative evaluation world (vrdndi world format).")
    ap.add_argument("dir")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--days", type=int, default=60)
    args = ap.parse_args(argv)
    t = time.perf_counter()
    meta = write(build(args.seed, args.days), args.dir)
    print(f"world alt (seed {meta['seed']}) in {args.dir}: {meta['days']} days from {meta['start'][:10]} in "
          f"{meta['zone']} (DST change {meta['dst_change']}), hosts {', '.join(meta['hosts'])}; {meta['videos']} videos, "
          f"{meta['window_events']} window events ({meta['distinct_titles']} distinct titles), {meta['afk_events']} AFK, "
          f"{meta['web_events']} web; labels {meta['labels']['productive']} productive "
          f"(positive {meta['label_positive_rate']['productive']:.2f}, {meta['train_moments']} moments, "
          f"{meta['late_labels']} late) + {meta['labels']['interest']} interest "
          f"(positive {meta['label_positive_rate']['interest']:.2f}); test {meta['test_pairs']} pairs at "
          f"{meta['test_moments']} moments (truth positive {meta['test_positive_rate']['productive']:.2f}); "
          f"{time.perf_counter() - t:.1f}s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
