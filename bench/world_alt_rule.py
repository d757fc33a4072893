"""What "the right moment" is in the alternative evaluation world (``bench/world_alt.py``): ``Rule`` scores a
video at a moment from the shares of the true activities of the last hour, the local hour, the day and the
video's kind, group and length; ``make_rule`` draws one rule per seed (the strength of the context part
varies). Standard library only; deterministic in the ``random.Random`` it is given.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

from world_alt_person import CTX
from world_alt_videos import Video


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
