"""What the simulated person of the evaluation world (``vrdndi.sources.world``) wants, and when.

From the person's TRUE timeline (not from what the watchers saw), ``Timeline.ctx(t)`` states the
moment: the last hour's share of each activity, the current one and how long it has run, minutes since
the person came back, meetings in the last two hours, minutes to the next commitment, the language of
the code, the game, the local clock. One rule set per person (``RULES``: engineer, student, manager,
nightowl, analyst) turns (moment, video) into a score whose sign is "the right moment". Written apart
from the model code; the simulator (``world_plan.py`` planning, ``world_render.py`` rendering,
``world.py`` export, ``world_persona.py`` the persons and their taste, on which interest alone depends)
imports these, and nothing here knows about rendering or export.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from vrdndi.sources import world_vocab as V

MIN = 60.0   # the simulated clock counts seconds
HOUR = 3600.0
# the activities of the true timeline (Ctx.share has one share per activity)
ACTS = ("code", "art", "shallow", "chat", "meeting", "study", "browse", "watch", "gaming", "away")


# a span of the true timeline (the simulator's planner writes them, ``Timeline`` reads them)
@dataclass
class Seg:
    start: float
    end: float
    host: str  # role
    act: str
    info: dict[str, Any] = field(default_factory=dict)


# a video of the world: its metadata and what the person's rules read (kind, length, tech, game, calm)
@dataclass
class WVideo:
    video_id: str
    kind: str
    title: str
    channel: str
    channel_id: str
    description: str
    tags: list[str]
    category_id: str
    duration_s: int
    published: float
    tech: str = ""
    game: str = ""
    calm: bool = True
    quality: float = 0.0


# -- context of a moment (from the TRUE timeline) ---------------------------------------------------

@dataclass
class Ctx:
    t: float
    hour: float
    weekday: int
    weekend: bool
    workday: bool
    cur: str
    share: dict[str, float]
    run_min: float
    since_return: float
    meeting_2h: float
    next_commit: float
    tech: str
    side: bool
    focus: float
    game: str
    winding_down: bool
    lunch: bool


class Timeline:
    def __init__(self, segs: list[Seg], commitments: list[float], zone: ZoneInfo, workdays: set[int]):
        self.segs = segs
        self.starts = [s.start for s in segs]
        self.commit = sorted(commitments)
        self.zone = zone
        self.workdays = workdays

    def _window(self, a: float, b: float) -> list[tuple[Seg, float]]:
        import bisect
        i = max(0, bisect.bisect_right(self.starts, a) - 2)
        out = []
        while i < len(self.segs) and self.segs[i].start < b:
            s = self.segs[i]
            overlap = min(b, s.end) - max(a, s.start)
            if overlap > 0:
                out.append((s, overlap))
            i += 1
        return out

    def at(self, t: float) -> Seg | None:
        for s, _ in self._window(t - 1, t + 1):
            if s.start <= t < s.end:
                return s
        return None

    def ctx(self, t: float) -> Ctx:
        import bisect
        local = datetime.fromtimestamp(t, self.zone)
        hour = local.hour + local.minute / 60
        win = self._window(t - HOUR, t)
        share = {a: 0.0 for a in ACTS}
        for s, o in win:
            share[s.act] += o / HOUR
        share["away"] += max(0.0, 1.0 - sum(share.values()))  # computer off counts as away
        cur_seg = self.at(t)
        cur = cur_seg.act if cur_seg else "off"
        j = bisect.bisect_right(self.starts, t) - 1
        # how long the current activity has run (consecutive spans of the same act)
        run = 0.0
        if cur_seg is not None and j >= 0:
            run = t - self.segs[j].start
            k = j - 1
            while k >= 0 and self.segs[k].act == cur and self.segs[k + 1].start - self.segs[k].end < 120:
                run += self.segs[k].end - self.segs[k].start
                k -= 1
        # minutes since the person came back from an absence of 15+ minutes (away, or computer off)
        since = 600.0
        k = j
        while k >= 0:
            s = self.segs[k]
            nxt = self.segs[k + 1].start if k + 1 < len(self.segs) and self.segs[k + 1].start <= t else t
            if s.act == "away" and s.end - s.start >= 15 * MIN and s.end <= t:
                since = (t - s.end) / MIN
                break
            if nxt - s.end >= 15 * MIN:
                since = (t - nxt) / MIN
                break
            if t - s.end > 600 * MIN:
                break
            k -= 1
        since = max(0.0, since)
        meet2 = sum(o for s, o in self._window(t - 2 * HOUR, t) if s.act == "meeting") / MIN
        c = bisect.bisect_right(self.commit, t)
        next_commit = (self.commit[c] - t) / MIN if c < len(self.commit) else 600.0
        next_commit = min(next_commit, 600.0)
        code = [(s, o) for s, o in win if s.act in ("code", "art")]
        tech, side, focus = "", False, 0.0
        if code:
            best = max(code, key=lambda so: so[1])[0]
            tech, side = best.info.get("tech", ""), bool(best.info.get("side"))
            focus = sum(s.info.get("focus", 0.5) * o for s, o in code) / sum(o for _, o in code)
        games = [s for s, o in self._window(t - 2 * HOUR, t) if s.act == "gaming"]
        game = V.GAMES[games[-1].info["game"]][2] if games else ""
        weekday = local.weekday()
        return Ctx(t=t, hour=hour, weekday=weekday, weekend=weekday >= 5,
                   workday=local.date().toordinal() in self.workdays, cur=cur, share=share, run_min=run / MIN,
                   since_return=since, meeting_2h=meet2, next_commit=next_commit, tech=tech, side=side, focus=focus,
                   game=game, winding_down=bool(cur_seg and cur_seg.info.get("winding_down")),
                   lunch=bool(cur_seg and cur_seg.info.get("lunch")) or (11.3 <= hour <= 14.5 and since < 20))


# -- "the right moment": one rule set per person -------------------------------------------------

BACKGROUND = {"lofi", "music_mix", "sleep", "podcast"}
BIAS = {"engineer": 0.45, "student": 0.3, "manager": 0.35, "nightowl": 0.45, "analyst": 0.25}  # sets the base rate near 0.4
TRACE: list[str] | None = None  # set to a list to record the situation of every scored pair (diagnostics)


def _trace(sit: str) -> None:
    if TRACE is not None:
        TRACE.append(sit)


def _length_term(ctx: Ctx, v: WVideo, slack: float = 1.1) -> float:
    minutes = v.duration_s / MIN
    if v.kind in BACKGROUND and ctx.cur in ("code", "art", "shallow", "study"):
        return 0.0  # background: it runs beside the work
    budget = max(3.0, ctx.next_commit)
    if minutes <= budget * slack:
        return 0.0
    return -min(2.5, 0.8 + 0.9 * math.log2(minutes / (budget * slack)))


def _engineer(ctx: Ctx, v: WVideo) -> float:
    k, sh, h = v.kind, ctx.share, ctx.hour
    code = sh["code"] + sh["art"]
    if h >= 23.5 or h < 5:
        sit = "late"
    elif ctx.workday and 8.5 <= h < 18.5 and ctx.next_commit <= 20 and sh["meeting"] < 0.9:
        sit = "meeting_soon"
    elif sh["meeting"] >= 0.45 or ctx.meeting_2h >= 75:
        sit = "meetings"
    elif ctx.cur in ("code", "art") and code >= 0.55 and ctx.focus >= 0.55:
        sit = "deep"
    elif ctx.lunch and ctx.workday:
        sit = "lunch"
    elif code >= 0.35 and ctx.cur in ("browse", "chat", "away", "watch", "off"):
        sit = "code_break"
    elif sh["gaming"] >= 0.4 or ctx.cur == "gaming":
        sit = "gaming"
    elif ctx.workday and 8.5 <= h < 17.8:
        sit = "work_shallow"
    elif ctx.weekend and 9 <= h < 18:
        sit = "weekend_day"
    elif h < 9.5:
        sit = "morning"
    else:
        sit = "evening"
    _trace(sit)
    table = {
        "deep": {"lofi": 2.0, "music_mix": 1.0 if v.calm else -0.6},
        "code_break": {"tutorial": 0.7, "talk": 0.1, "short": 1.0, "comedy": 0.4, "tech_review": 0.5,
                       "science": 0.5, "news": 0.0, "lofi": 0.4, "gaming_news": -0.3},
        "meetings": {"short": 1.2, "comedy": 0.7, "news": 0.2, "lofi": -0.4},
        "meeting_soon": {"short": 1.0, "news": 0.4, "comedy": 0.2},
        "lunch": {"news": 1.2, "cooking": 1.0, "vlog": 0.8, "sports": 0.8, "tech_review": 0.6, "comedy": 0.6,
                  "science": 0.7, "short": 0.4, "gaming_news": 0.3, "podcast": -0.3},
        "work_shallow": {"podcast": 1.0, "lofi": 1.0, "music_mix": 0.8, "talk": 0.3, "tutorial": 0.0,
                         "news": 0.6 if h < 11 else -0.6},
        "gaming": {"lets_play": 0.8, "gaming_news": 1.0, "music_mix": 0.5, "comedy": 0.4, "short": 0.3,
                   "standup": 0.2},
        "evening": {"comedy": 1.2, "standup": 1.0, "vlog": 0.8, "lets_play": 0.8, "gaming_news": 0.6,
                    "cooking": 0.7 if h < 20 else -0.6, "sports": 0.7, "documentary": 1.0 if ctx.weekday in (4, 5) else 0.1,
                    "science": 0.8, "tech_review": 0.6, "tutorial": -0.5, "podcast": -0.4,
                    "fitness": 1.0 if h < 20.5 else -1.0, "music_mix": 0.2, "news": -0.4,
                    "sleep": 0.6 if h >= 22.5 else -1.5, "lofi": -0.3, "talk": -0.2},
        "late": {"sleep": 2.0, "lofi": 1.0, "podcast": 0.3,
                 "documentary": 0.8 if ctx.weekday in (4, 5, 6) and h < 2 else -0.6,
                 "comedy": 0.8 if ctx.weekday in (5, 6) and h < 2 else -0.4, "short": -0.3},
        "weekend_day": {"documentary": 1.0, "cooking": 1.0 if (11 <= h < 13 or 16.5 <= h < 19) else -0.2,
                        "vlog": 1.0, "lets_play": 0.6, "science": 1.0, "fitness": 1.2 if h < 12 else -0.5,
                        "tutorial": 0.3, "talk": 0.5, "lecture": -0.3, "podcast": 0.5, "sports": 0.8, "comedy": 0.6,
                        "music_mix": 0.5, "short": 0.0, "tech_review": 0.6},
        "morning": {"news": 1.5, "podcast": 0.5, "fitness": 1.0, "tech_review": 0.4, "short": 0.2, "lofi": 0.3},
    }[sit]
    s = table.get(k, -1.2) + BIAS["engineer"]
    if k in ("tutorial", "talk") and sit in ("code_break", "evening", "weekend_day", "work_shallow"):
        if ctx.tech and v.tech == ctx.tech:
            s += 1.3
        elif ctx.tech:
            s -= 0.4
    if k in ("tutorial", "talk", "lecture") and h >= 21.5:
        s -= 0.9  # tired
    if ctx.winding_down and sit in ("evening", "late"):
        s += {"sleep": 1.0, "lofi": 0.6, "comedy": -0.4, "lets_play": -0.6, "gaming_news": -0.4}.get(k, 0.0)
    if k in ("lets_play", "gaming_news") and ctx.game and v.game == ctx.game:
        s += 1.0
    if ctx.since_return < 10 and k in ("news", "short", "vlog") and sit != "deep":
        s += 0.5
    return s + _length_term(ctx, v)


def _student(ctx: Ctx, v: WVideo) -> float:
    k, sh, h = v.kind, ctx.share, ctx.hour
    if 2.5 <= h < 7:
        sit = "late"
    elif sh["meeting"] >= 0.5 or ctx.cur == "meeting":
        sit = "class"
    elif sh["study"] + sh["code"] >= 0.5 and ctx.cur in ("study", "code"):
        sit = "studying"
    elif sh["study"] + sh["code"] >= 0.3:
        sit = "study_break"
    elif sh["gaming"] >= 0.35 or ctx.cur == "gaming":
        sit = "gaming"
    elif h < 11:
        sit = "morning"
    elif ctx.weekend and h < 18:
        sit = "weekend_day"
    else:
        sit = "evening"
    _trace(sit)
    table = {
        "studying": {"lofi": 2.0, "music_mix": 0.8 if v.calm else -0.8, "lecture": 0.6},
        "class": {"short": 0.3},
        "study_break": {"short": 1.5, "comedy": 0.8, "vlog": 0.5, "tutorial": 0.5, "science": 0.7, "lofi": 0.5,
                        "cooking": 0.3, "lets_play": -0.6},
        "gaming": {"lets_play": 1.2, "gaming_news": 1.0, "comedy": 0.6, "music_mix": 0.4, "short": 0.5},
        "morning": {"news": 0.5, "fitness": 0.8, "short": 0.2, "vlog": 0.2, "lofi": 0.6},
        "weekend_day": {"lets_play": 1.0, "vlog": 1.0, "cooking": 1.0, "documentary": 0.5, "comedy": 0.8,
                        "science": 0.6, "gaming_news": 0.6, "fitness": 0.4,
                        "lecture": 1.0 if ctx.weekday == 6 and h >= 13 else -1.5,
                        "tutorial": 0.6 if ctx.weekday == 6 and h >= 13 else -0.8},
        "evening": {"comedy": 1.0, "standup": 1.0, "vlog": 0.8, "lets_play": 0.9, "gaming_news": 0.6,
                    "documentary": 0.8, "podcast": 0.5 if h >= 22 else -0.5, "cooking": 0.7 if h < 20.5 else -0.4,
                    "science": 0.8, "short": 0.4, "music_mix": 0.5, "sleep": 1.0 if h >= 1 and h < 2.5 else -1.0,
                    "lecture": -1.0, "tutorial": 0.0, "news": -0.8},
        "late": {"sleep": 2.0, "lofi": 1.0, "comedy": 0.3, "short": 0.2},
    }[sit]
    s = table.get(k, -1.2) + BIAS["student"]
    if k in ("tutorial", "talk") and ctx.tech and v.tech == ctx.tech and sit in ("study_break", "evening", "studying"):
        s += 1.5
    if k in ("lets_play", "gaming_news") and ctx.game and v.game == ctx.game:
        s += 1.0
    if k == "short" and sit == "studying":
        s -= 1.0
    return s + _length_term(ctx, v, slack=1.5)


def _manager(ctx: Ctx, v: WVideo) -> float:
    k, sh, h = v.kind, ctx.share, ctx.hour
    meet90 = ctx.meeting_2h
    if h >= 22.5 or h < 5:
        sit = "late"
    elif h < 8.3:
        sit = "early"
    elif ctx.workday and h < 18.3 and (meet90 >= 60 or sh["meeting"] >= 0.5) and ctx.next_commit <= 30:
        sit = "back_to_back"
    elif ctx.workday and h < 18.3 and meet90 >= 60:
        sit = "decompress"
    elif ctx.workday and h < 18.3 and ctx.next_commit <= 15:
        sit = "back_to_back"
    elif ctx.workday and h < 18.3:
        sit = "admin"
    elif ctx.weekend and h < 18:
        sit = "weekend_day"
    else:
        sit = "evening"
    _trace(sit)
    table = {
        "back_to_back": {"short": 1.5, "comedy": 0.8, "news": 0.5},
        "decompress": {"comedy": 1.2, "podcast": 1.0, "vlog": 0.8, "music_mix": 0.8, "talk": 0.8, "standup": 0.4,
                       "science": 0.5, "lofi": -0.5, "short": 0.3},
        "admin": {"podcast": 1.2, "music_mix": 1.0, "lofi": 0.3, "news": 0.5 if h < 12 else -0.3, "talk": 0.6},
        "early": {"news": 1.5, "fitness": 1.5 if ctx.workday else 0.3, "podcast": 0.8, "science": 0.2},
        "evening": {"cooking": 1.2 if h < 20 else -0.2, "documentary": 1.0, "sports": 1.2, "comedy": 0.5,
                    "standup": 0.8, "science": 0.6, "vlog": 0.4, "news": 0.3, "sleep": 1.0 if h >= 22 else -1.2,
                    "podcast": 0.2, "talk": -0.3},
        "late": {"sleep": 2.0, "documentary": 0.0, "podcast": 0.3},
        "weekend_day": {"cooking": 1.5, "fitness": 1.0 if h < 11.5 else -0.3, "documentary": 1.2,
                        "sports": 1.5 if ctx.weekday == 5 and 12 <= h < 18 else 0.2, "vlog": 0.8, "news": 0.3,
                        "science": 0.8, "podcast": 0.7, "comedy": 0.4, "tutorial": -1.0, "talk": -0.5},
    }[sit]
    s = table.get(k, -1.2) + BIAS["manager"]
    if k in ("podcast", "talk") and v.tech and v.tech in ("data", "ml") and sit in ("admin", "decompress"):
        s += 0.6
    if ctx.since_return < 15 and sit == "admin" and k == "news":
        s += 0.6
    return s + _length_term(ctx, v, slack=1.0)


def _nightowl(ctx: Ctx, v: WVideo) -> float:
    k, sh, h = v.kind, ctx.share, ctx.hour
    h2 = h if h >= 7 else h + 24  # the night belongs to the previous day
    making = sh["code"] + sh["art"]
    if h2 >= 26.5 and h2 < 31:
        sit = "late"
    elif making >= 0.55 and ctx.cur in ("code", "art"):
        sit = "making_art" if sh["art"] > sh["code"] else "making_code"
    elif making >= 0.3:
        sit = "break"
    elif sh["gaming"] >= 0.4 or ctx.cur == "gaming":
        sit = "gaming"
    elif h2 >= 22:
        sit = "night"
    elif h2 < 11.5:
        sit = "morning"
    else:
        sit = "afternoon"
    _trace(sit)
    table = {
        "making_code": {"music_mix": 1.5 if not v.calm else 0.6, "lofi": 0.4},
        "making_art": {"podcast": 1.2, "talk": 1.0, "music_mix": 1.2, "lofi": 0.8, "lets_play": 0.3,
                       "documentary": 0.5, "standup": 0.2},
        "break": {"gaming_news": 1.0, "lets_play": 0.4, "tutorial": 0.5, "short": 0.8, "comedy": 0.5,
                  "tech_review": 0.4, "science": 0.3},
        "gaming": {"lets_play": 0.3, "music_mix": 0.5, "gaming_news": 0.4, "short": 0.2},
        "night": {"lets_play": 1.0, "comedy": 1.0, "standup": 1.0, "documentary": 1.0, "podcast": 0.5, "vlog": 0.5,
                  "science": 0.8, "gaming_news": 0.7, "music_mix": 0.3},
        "late": {"sleep": 2.0, "lofi": 1.0, "documentary": 0.2},
        "morning": {"podcast": 1.0, "fitness": 0.5, "tutorial": 0.5, "talk": 0.5, "news": -1.5, "tech_review": 0.5},
        "afternoon": {"documentary": 0.5, "cooking": 0.5, "fitness": 1.0 if 14 <= h < 17 else -0.5, "science": 1.0,
                      "vlog": 1.0, "tutorial": 0.4, "lets_play": 0.5, "comedy": 0.4},
    }[sit]
    s = table.get(k, -1.2) + BIAS["nightowl"]
    if k == "lets_play" and ctx.game and sit in ("gaming", "break", "night"):
        s += 1.4 if v.game == ctx.game else -0.3
    if k in ("tutorial", "talk") and ctx.tech and v.tech == ctx.tech and sit in ("break", "morning", "afternoon"):
        s += 1.3
    return s + _length_term(ctx, v, slack=1.3)


def _analyst(ctx: Ctx, v: WVideo) -> float:
    """Unlike the other persons (a situation, then a table of kinds), an additive rule: how much of the
    last hour was work against leisure counts for every video, and the kind, the length and the clock
    shift it. Most of it can be read off the last hour's app shares and the local hour alone."""
    k, sh, h = v.kind, ctx.share, ctx.hour
    work = sh["code"] + sh["art"] + sh["study"] + 0.8 * sh["meeting"] + 0.6 * sh["shallow"]
    leisure = sh["browse"] + sh["watch"] + sh["gaming"] + 0.3 * sh["chat"]
    minutes = v.duration_s / MIN
    s = BIAS["analyst"] - 2.4 * work + 1.3 * leisure
    _trace("work" if work >= 0.5 else ("leisure" if leisure >= 0.4 else "mixed"))
    if 11.8 <= h < 13.5:
        s += 0.6  # lunch
    if 19 <= h < 22.5:
        s += 0.5
    if h >= 23.5 or h < 5.5:
        s -= 1.6 if k not in ("sleep", "lofi") else -0.4
    if ctx.workday and 9 <= h < 17:
        s -= 0.4
    if k in BACKGROUND - {"sleep"}:
        s += 2.2 * work  # it plays beside the work
    if k == "short":
        s += 1.2 * (sh["meeting"] + sh["chat"]) + (0.4 if ctx.since_return < 10 else 0.0)
    if minutes > 20 and k not in BACKGROUND:
        s -= 1.4 * work + (0.6 if ctx.workday and h < 18 else 0.0)
    if k == "sleep":
        s += 1.5 if h >= 22.5 or h < 3 else -1.8
    if k == "news":
        s += 0.9 if h < 10 else -0.3
    if k in ("comedy", "standup", "lets_play", "vlog"):
        s += 0.8 * leisure - 0.3
    if k in ("tutorial", "talk", "lecture"):
        s += (1.0 if ctx.tech and v.tech == ctx.tech else -0.2) - (0.8 if h >= 21.5 else 0.0)
    if k == "fitness":
        s += 0.8 if (6 <= h < 8.5 or 17.5 <= h < 19.5) else -1.0
    return s + _length_term(ctx, v, slack=1.2)


RULES = {"engineer": _engineer, "student": _student, "manager": _manager, "nightowl": _nightowl,
         "analyst": _analyst}
