"""Who the simulated person of the alternative evaluation world (``bench/world_alt.py``) is.

``ACTS``: the twelve true activities (``CTX`` adds "off"); ``ZONES``: the zones with their language and
hostnames; ``Person``: one person's zone, habits (chronotype, office share, gaming, evening sessions, focus
peak), hosts, activity weights by phase of the day and after each activity, durations, lock screen,
meetings and projects; ``make_person`` draws one. Their day is planned in ``world_alt_plan.py``.
Standard library only; deterministic in the ``random.Random`` it is given.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field

ACTS = ["deep", "light", "meeting", "chat", "news", "shop", "game", "film", "music", "docs", "learn", "break"]
CTX = ACTS + ["off"]  # "off": no computer at all in that minute


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
