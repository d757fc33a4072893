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
- ``labels_truth.csv`` (``video_id,moment,productive``): the noise-free answer behind each productive label,
  so ``vrdndi evaluate --truth`` can score forward folds against what the person meant, not only what they said
- ``world.json``: what was simulated (variant, zone, DST change, periods, counts)

The person's hidden state is a timeline of true activities (coding on a project in some language,
meetings, chat, shallow work, browsing, watching, gaming, studying, away). Window titles, AFK status
and browser tabs are rendered from it the way the watchers would see them: a locked laptop keeps
reporting a lock-screen window, a gamepad game or a film looks AFK, a laptop left open at home reports
Slack for an hour of afk time. "The right moment" is computed from the true timeline (last hour of
activity, time to the next commitment, local clock, weekday) and the video's kind, length and topic,
by one of several rule sets (``VARIANTS``; the rules are in ``world_moment.py``). Interest depends on taste
only. See ``bench/worlds.md``.

One module per part: ``world_persona.py`` who the person is (habits, hosts, taste), ``world_plan.py``
their true timeline, ``world_render.py`` what the watchers record of it, ``world_moment.py`` what they
want when, ``world_vocab.py`` the words; this module makes the videos, asks the questions and writes
the folder.
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
from vrdndi.sources.world_persona import DEFAULT_VARIANT, HOLIDAYS, VARIANTS, Persona, taste, variant_of
from vrdndi.sources.world_plan import Planner
from vrdndi.sources.world_render import Renderer, _afk_events
from vrdndi.sources.world_vocab import ALPHABET

__all__ = ["DEFAULT_VARIANT", "VARIANTS", "Persona", "WorldSummary", "variant_of", "write_world"]

UTC = timezone.utc
DAY = 86400.0
TEST_MOMENTS_PER_DAY = 11.5


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
    label_truth: list[list[str]] = []  # the noise-free answer of each productive label (labels_truth.csv)
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
            label_truth.append([vid, _iso(m), str(int(score > 0))])
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
    with open(out / "labels_truth.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["video_id", "moment", "productive"])
        w.writerows(label_truth)
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
                                       "productive_noisy: what the person would have answered (mood, slips)",
                     "labels_truth.csv": "the noise-free answer behind each productive label of labels.csv "
                                         "(vrdndi evaluate --truth)"}
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
                                          "`vrdndi import DIR`, plus test_candidates.csv, test_truth.csv and "
                                          "labels_truth.csv (the truth behind the labels).")
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
