"""Who the simulated person of the evaluation world (``vrdndi.sources.world``) is.

``Persona``: one person's zone, hosts, projects, daily habits (wake, work, meetings, evenings, bed) and
taste; ``VARIANTS``: the five persons (``vrdndi world --variant``); ``HOLIDAYS``: the public holidays of
their zones, planned like weekends; ``taste``: how much the person likes a video, whatever the moment.
What they do hour by hour is planned in ``world_plan.py``, what they want when in ``world_moment.py``.
Standard library only.
"""

from __future__ import annotations

from dataclasses import dataclass

from vrdndi.sources.world_moment import WVideo

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


def taste(persona: Persona, v: WVideo, channel_bias: dict[str, float]) -> float:
    s = persona.taste_kind.get(v.kind, 0.0) + v.quality + channel_bias.get(v.channel, 0.0)
    if v.tech:
        s += persona.taste_tech.get(v.tech, 0.0)
    if persona.name in ("engineer", "manager") and any(w in v.title for w in ("Stop ", "Don't", "INSANE", "😂")):
        s -= 0.6
    return s + 0.1
