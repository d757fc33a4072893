"""A third, independently written evaluation world for vrdndi, where the moment is in the *sequence*.

    python bench/world_seq.py DIR --seed N [--days 60]

Writes the same files as ``vrdndi world`` and ``bench/world_alt.py`` (videos.jsonl, events.json, labels.csv,
labels_truth.csv, test_candidates.csv, test_truth.csv, world.json; ``vrdndi import DIR`` reads the first
three), from its own simulation, written apart from the model and from the other generators' rules:

- ``world_seq_plan.py``: the clock, the person (job, hours, hosts, habits) and their true day as spans of
  activities: focus blocks, fragmented stretches, calls, breaks, evenings, days off, late nights;
- ``world_seq_render.py``: what aw-watcher-window, aw-watcher-web and aw-watcher-afk record of those spans;
- ``world_seq_videos.py``: eighteen kinds of video and their ``videos.list`` resources;
- ``world_seq_rule.py``: "the right moment", mainly from the temporal structure of the activity up to the
  moment (focus streak, time since a break, fragmentation, a call just ended, time at the computer today,
  late-evening fatigue, day off) crossed with the video's kind group and length;
- this module: the calendar, taste, feed openings, answers and likes, the files, the command.

Interest depends on taste only (kind, channel, language). Standard library only; the same seed gives
byte-identical files.
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
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent))  # bench/ is not a package: the modules are siblings

from world_seq_plan import (DAY, HOUR, MIN, ZONES, Person, Planner, dst_changes, iso, local_ts,  # noqa: E402
                            make_person, merge)
from world_seq_render import Renderer, afk_events  # noqa: E402
from world_seq_rule import Context, Rule, Timeline, context  # noqa: E402
from world_seq_videos import GROUPS, LANGS, KINDS, Video, make_videos, resource  # noqa: E402

LATEST_END = date(2026, 11, 30)  # the whole period in the past (labels dated after now are refused)
EARLIEST = datetime(2025, 1, 1, tzinfo=UTC)
OPEN_W = {"code": 0.5, "write": 0.5, "read": 0.9, "mail": 1.0, "wchat": 1.2, "call": 0.08, "browse": 1.6,
          "social": 1.5, "watch": 0.8, "game": 0.3, "pchat": 1.2, "music": 1.0, "away": 0.0}
USERS = ["sam", "alex", "mira", "jo", "nico", "lee", "tess", "ravi"]


@dataclass
class World:
    seed: int
    days: int
    zone: str
    dst: datetime
    start: float
    train_end: float
    end: float
    person: Person
    videos: list[Video]
    renderer: Renderer
    rule: Rule
    labels: list[list[Any]]
    label_truth: list[list[Any]]
    pairs: list[tuple[str, float, int, int, int]]
    train_moments: int
    late: int
    meta: dict[str, Any]


def streams(seed: int) -> dict[str, random.Random]:
    return {k: random.Random(f"vrdndi-world-seq:{seed}:{k}") for k in
            ("cal", "person", "plan", "render", "videos", "res", "rule", "taste", "feed", "answer", "likes")}


def calendar(rng: random.Random, days: int) -> tuple[str, datetime, date]:
    """A zone and a start day such that a DST change falls 30-65% into the period, all before LATEST_END."""
    options = []
    for name in ZONES:
        zone = ZoneInfo(name)
        for change in dst_changes(zone, EARLIEST, datetime(2026, 11, 30, tzinfo=UTC)):
            local = change.astimezone(zone).date()
            lo = max(math.ceil(0.30 * days), days - (LATEST_END - local).days)
            hi = min(math.floor(0.65 * days), (local - EARLIEST.date()).days)
            if lo <= hi:
                options.append((name, change, lo, hi))
    name, change, lo, hi = rng.choice(options)
    return name, change, change.astimezone(ZoneInfo(name)).date() - timedelta(days=rng.randint(lo, hi))


def plan(sub: dict[str, random.Random], person: Person, zone: ZoneInfo, first: date, days: int, t_end: float):
    planner = Planner(person, zone, sub["plan"])
    for d in range(days):
        planner.day(first + timedelta(days=d))
    spans = merge([s for s in planner.spans if s.start < t_end - MIN])
    spans[-1].end = min(spans[-1].end, t_end)
    offdays = {(first + timedelta(days=d)).toordinal() for d in range(-1, days + 1)} - planner.worked
    return spans, offdays


def render(rng: random.Random, person: Person, spans, videos: list[Video]) -> Renderer:
    titles = sorted((v.published, v.vid, v.title) for v in videos)
    renderer = Renderer(rng, person.hosts, person.job, rng.choice(USERS), titles)
    for host in sorted(person.hosts):
        renderer.render(host, [s for s in spans if s.host == host])
    return renderer


def pick_moments(rng: random.Random, spans, lo: float, hi: float, n: int) -> list[float]:
    """``n`` feed openings in [lo, hi) at least 25 minutes apart, at the computer, weighted by activity; a
    fifth right after coming back from 5+ minutes away."""
    cand = [s for s in spans if s.end > lo and s.start < hi and OPEN_W[s.act] > 0]
    weights = [OPEN_W[s.act] * (min(s.end, hi) - max(s.start, lo)) for s in cand]
    returns = [b for a, b in zip(spans, spans[1:]) if lo < b.start < hi - 5 * MIN and b.start - a.end >= 5 * MIN
               and OPEN_W[b.act] > 0]
    out: list[float] = []
    for _ in range(n * 60):
        if len(out) >= n:
            break
        if returns and rng.random() < 0.2:
            s = rng.choice(returns)
            a, b = s.start + 20, min(s.end, s.start + 4 * MIN)
        else:
            s = rng.choices(cand, weights)[0]
            a, b = max(s.start, lo), min(s.end, hi - 5 * MIN)
        if b > a:
            m = round(rng.uniform(a, b), 3)
            if all(abs(m - x) > 25 * MIN for x in out):
                out.append(m)
    return sorted(out)


def taste(rng: random.Random, videos: list[Video]) -> tuple[dict[str, float], float]:
    kind_pref = {k: rng.gauss(0, 1.0) for k in sorted(KINDS)}
    chan_pref = {c: rng.gauss(0, 0.7) for c in sorted({v.channel for v in videos})}
    lang_pref = {lang: rng.gauss(0, 0.5) for lang in LANGS}
    values = {v.vid: kind_pref[v.kind] + chan_pref[v.channel] + lang_pref[v.lang] + rng.gauss(0, 0.6) for v in videos}
    ordered = sorted(values.values())
    return values, ordered[int(len(ordered) * rng.uniform(0.35, 0.5))]


def feeds(rng: random.Random, videos: list[Video], likes: dict[str, float], moments: list[float],
          sizes: tuple[int, int]) -> list[tuple[float, list[Video]]]:
    """What each opening shows: recent uploads, favouring the person's taste a little."""
    by_time = sorted(videos, key=lambda v: (v.published, v.vid))
    times = [v.published for v in by_time]
    out = []
    for m in moments:
        avail = by_time[: bisect.bisect_left(times, m - 10 * MIN)]
        weights = [math.exp(-max(0.0, m - v.published) / (25 * DAY) + 0.3 * likes[v.vid]) + 0.05 for v in avail]
        shown: list[Video] = []
        for _ in range(rng.randint(*sizes)):
            v = rng.choices(avail, weights)[0]
            while v in shown:
                v = rng.choices(avail, weights)[0]
            shown.append(v)
        out.append((m, shown))
    return out


def build(seed: int, days: int = 60) -> World:
    if days < 10:
        raise ValueError("days must be at least 10")
    sub = streams(seed)
    zone_name, change, first = calendar(sub["cal"], days)
    zone = ZoneInfo(zone_name)
    t0, t_end = local_ts(zone, first, 0), local_ts(zone, first + timedelta(days=days), 0)
    train_end = local_ts(zone, first + timedelta(days=round(days * sub["cal"].uniform(0.70, 0.75))), 0)
    person = make_person(sub["person"])
    person.days_off = {(first + timedelta(days=sub["person"].randrange(days))).toordinal()
                       for _ in range(sub["person"].randint(1, 3))}
    spans, offdays = plan(sub, person, zone, first, days, t_end)
    timeline = Timeline(spans, zone, offdays)
    n_videos = int(round(sub["videos"].uniform(900, 1150) * min(1.4, max(0.4, days / 60))))
    videos = make_videos(sub["videos"], n_videos, t0, t_end, person.langs[1])
    renderer = render(sub["render"], person, spans, videos)

    rule = Rule(sub["rule"], GROUPS)
    effect = {v.vid: sub["rule"].gauss(0, 0.25) for v in videos}
    likes, threshold = taste(sub["taste"], videos)
    interest = {vid: int(x > threshold) for vid, x in likes.items()}

    rf, scale = sub["feed"], days / 60
    train_m = pick_moments(rf, spans, t0 + DAY, train_end, int(round(rf.randint(140, 160) * scale)))
    test_m = pick_moments(rf, spans, train_end, t_end, int(round(rf.randint(132, 146) * scale)))
    shows = feeds(rf, videos, likes, train_m, (6, 10)) + feeds(rf, videos, likes, test_m, (7, 9))
    ctx = {m: context(timeline, m) for m, _ in shows}
    raws = [rule.raw(ctx[m], v.group, v.duration / 60, effect[v.vid]) for m, vs in shows for v in vs]
    rule.c0 = -sorted(raws)[int(len(raws) * (1 - sub["rule"].uniform(0.38, 0.52)))]
    sd = math.sqrt(sum((x - sum(raws) / len(raws)) ** 2 for x in raws) / len(raws))

    ra = sub["answer"]
    sigma, flip = ra.uniform(0.15, 0.35) * sd, ra.uniform(0.05, 0.10)

    def answers(c: Context, vs: list[Video]) -> list[tuple[int, int]]:
        mode, out = ra.random(), []
        for v in vs:
            score = rule.c0 + rule.raw(c, v.group, v.duration / 60, effect[v.vid])
            noisy = int(score + ra.gauss(0, sigma) > 0)
            noisy = 1 - noisy if ra.random() < flip else noisy
            out.append((int(score > 0), 1 if mode < 0.025 else 0 if mode < 0.05 else noisy))
        return out

    labels, label_truth, late, used = [], [], 0, 0
    for m, vs in shows[: len(train_m)]:
        given = 0
        for v, (truth, noisy) in zip(vs, answers(ctx[m], vs)):
            if ra.random() < 0.06:
                continue  # scrolled past
            u = ra.random()
            at = m + (ra.uniform(15, 600) if u < 0.65 else ra.uniform(10, 600) * MIN if u < 0.85
                      else ra.uniform(12, 168) * HOUR)
            if at > train_end:
                late += 1  # not answered by the end of training
                continue
            labels.append([v.vid, "productive", noisy, iso(m), "web", iso(at)])
            label_truth.append([v.vid, iso(m), truth])
            given += 1
        used += given > 0
    pairs = [(v.vid, m, truth, interest[v.vid], noisy) for m, vs in shows[len(train_m):]
             for v, (truth, noisy) in zip(vs, answers(ctx[m], vs))]
    labels += like_labels(sub["likes"], spans, videos, likes, threshold, train_end, days)
    meta = {"context_strength": round(rule.alpha, 3), "answer_noise_sd": round(sigma, 3),
            "answer_flip_p": round(flip, 3), "job": person.job, "remote": person.remote,
            "focus_share": round(person.focus_p, 2), "late_night_p": round(person.late_p, 2)}
    return World(seed, days, zone_name, change, t0, train_end, t_end, person, videos, renderer, rule, labels,
                 label_truth, pairs, used, late, {"person": meta, "timeline": timeline, "contexts": ctx})


def like_labels(rng: random.Random, spans, videos: list[Video], likes: dict[str, float], threshold: float,
                train_end: float, days: int) -> list[list[Any]]:
    """About 700 likes/dislikes (no moment) while browsing or watching before the end of training; people rate
    what moves them, so mostly likes."""
    weights = {"watch": 3.0, "browse": 1.0, "social": 1.0, "pchat": 0.4, "read": 0.4, "music": 1.0}
    cand = [s for s in spans if s.act in weights and s.end < train_end]
    cw = [weights[s.act] * (s.end - s.start) for s in cand]
    by_time = sorted(videos, key=lambda v: (v.published, v.vid))
    times = [v.published for v in by_time]
    n, rated, out = int(round(rng.randint(640, 760) * days / 60)), set(), []
    for _ in range(n * 40):
        if len(out) >= n:
            break
        s = rng.choices(cand, cw)[0]
        at = round(rng.uniform(s.start, s.end), 3)
        avail = by_time[: bisect.bisect_left(times, at - 30 * MIN)]
        if not avail:
            continue
        v = avail[-1 - min(len(avail) - 1, int(rng.expovariate(1 / 150)))] if rng.random() < 0.6 else rng.choice(avail)
        p_rate = 1 / (1 + math.exp(-(likes[v.vid] - threshold) * 2.5))
        if v.vid in rated or rng.random() > 0.08 + 0.92 * p_rate:
            continue
        rated.add(v.vid)
        value = int(likes[v.vid] > threshold) if rng.random() > 0.05 else int(likes[v.vid] <= threshold)
        out.append((at, v.vid, value))
    return [[vid, "interest", value, "", "like" if value else "dislike", iso(at)] for at, vid, value in sorted(out)]


def buckets(world: World) -> tuple[dict[str, Any], dict[str, int]]:
    """The ActivityWatch export's buckets and the counts of events and distinct titles."""
    rend, out = world.renderer, {}
    counts = {"window": 0, "afk": 0, "web": 0}
    titles: set[str] = set()
    for role, (hostname, os_) in sorted(world.person.hosts.items()):
        win = sorted(rend.win[role], key=lambda e: e[0])
        if not win:
            continue
        head = {"created": iso(win[0][0]), "name": None, "hostname": hostname, "data": {}}
        parts = [("aw-watcher-window", "currentwindow", "aw-watcher-window",
                  [{"timestamp": iso(a), "duration": d, "data": {"app": app, "title": title}}
                   for a, d, app, title in win]),
                 ("aw-watcher-afk", "afkstatus", "aw-watcher-afk",
                  [{"timestamp": iso(a), "duration": d, "data": {"status": st}} for a, d, st in
                   afk_events(sorted(rend.afk[role]))])]
        web = sorted(rend.web[role], key=lambda e: e[0])
        if web:
            browser = {"linux": "firefox", "win": "chrome", "mac": "chrome"}[os_]
            parts.append((f"aw-watcher-web-{browser}", "web.tab.current", "aw-client-web",
                          [{"timestamp": iso(a), "duration": d, "data": {"url": url, "title": title, "audible": audible,
                                                                         "incognito": False, "tabCount": 3 + i % 17}}
                           for i, (a, d, url, title, audible) in enumerate(web)]))
        for prefix, kind, client, events in parts:
            bid = f"{prefix}_{hostname}"
            out[bid] = {"id": bid, **head, "type": kind, "client": client,
                        "events": [{"id": i + 1, **e} for i, e in enumerate(events)]}
        counts["window"] += len(win)
        counts["afk"] += len(parts[1][3])
        counts["web"] += len(web)
        titles.update(e[3] for e in win)
    counts["titles"] = len(titles)
    return out, counts


def write_csv(path: Path, header: list[str], rows: list[list[Any]]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def write(world: World, out_dir: str | Path) -> dict[str, Any]:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    rr = random.Random(f"vrdndi-world-seq-res:{world.seed}")
    with open(out / "videos.jsonl", "w", encoding="utf-8", newline="\n") as f:
        for v in world.videos:
            f.write(json.dumps(resource(v, rr), ensure_ascii=False) + "\n")
    aw, counts = buckets(world)
    (out / "events.json").write_text(json.dumps({"buckets": aw}, ensure_ascii=False), encoding="utf-8")
    write_csv(out / "labels.csv", ["video_id", "kind", "value", "moment", "source", "labelled_at"], world.labels)
    write_csv(out / "labels_truth.csv", ["video_id", "moment", "productive"], world.label_truth)
    by_id = {v.vid: v for v in world.videos}
    write_csv(out / "test_candidates.csv", ["video_id", "moment"], [[vid, iso(m)] for vid, m, *_ in world.pairs])
    write_csv(out / "test_truth.csv",
              ["video_id", "moment", "productive", "interest", "productive_noisy", "kind", "duration_s"],
              [[vid, iso(m), p, i, pn, by_id[vid].kind, by_id[vid].duration] for vid, m, p, i, pn in world.pairs])
    meta = summary(world, counts)
    (out / "world.json").write_text(json.dumps(meta, indent=1, ensure_ascii=False), encoding="utf-8")
    return meta


def summary(world: World, counts: dict[str, int]) -> dict[str, Any]:
    n = {"productive": 0, "interest": 0}
    pos = {"productive": 0, "interest": 0}
    for row in world.labels:
        n[row[1]] += 1
        pos[row[1]] += int(row[2])
    pairs = world.pairs
    return {
        "variant": "seq", "seed": world.seed, "zone": world.zone, "days": world.days,
        "start": iso(world.start), "train_end": iso(world.train_end), "end": iso(world.end),
        "dst_change": world.dst.astimezone(ZoneInfo(world.zone)).isoformat(),
        "hosts": [h for h, _ in world.person.hosts.values()],
        "hosts_os": {h: os_ for h, os_ in world.person.hosts.values()},
        "videos": len(world.videos), "window_events": counts["window"], "afk_events": counts["afk"],
        "web_events": counts["web"], "distinct_titles": counts["titles"], "labels": n,
        "label_positive_rate": {k: pos[k] / max(1, n[k]) for k in n},
        "train_moments": world.train_moments, "late_labels": world.late,
        "test_moments": len({m for _, m, *_ in pairs}), "test_pairs": len(pairs),
        "test_positive_rate": {"productive": sum(p[2] for p in pairs) / max(1, len(pairs)),
                               "interest": sum(p[3] for p in pairs) / max(1, len(pairs))},
        "person": world.meta["person"],
        "files": {"test_truth.csv": "productive, interest: noise-free truth from the hidden timeline and taste; "
                                    "productive_noisy: what the person would have answered (noise, slips)",
                  "labels_truth.csv": "the noise-free answer behind each productive label of labels.csv "
                                      "(vrdndi evaluate --truth)"},
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Write the sequence evaluation world (vrdndi world format).")
    ap.add_argument("dir")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--days", type=int, default=60)
    args = ap.parse_args(argv)
    t = time.perf_counter()
    meta = write(build(args.seed, args.days), args.dir)
    print(f"world seq (seed {meta['seed']}) in {args.dir}: {meta['days']} days from {meta['start'][:10]} in "
          f"{meta['zone']} (DST change {meta['dst_change']}), hosts {', '.join(meta['hosts'])}; {meta['videos']} "
          f"videos, {meta['window_events']} window events ({meta['distinct_titles']} distinct titles), "
          f"{meta['afk_events']} AFK, {meta['web_events']} web; labels {meta['labels']['productive']} productive "
          f"(positive {meta['label_positive_rate']['productive']:.2f}, {meta['train_moments']} moments, "
          f"{meta['late_labels']} late) + {meta['labels']['interest']} interest "
          f"(positive {meta['label_positive_rate']['interest']:.2f}); test {meta['test_pairs']} pairs at "
          f"{meta['test_moments']} moments (truth positive {meta['test_positive_rate']['productive']:.2f}); "
          f"{time.perf_counter() - t:.1f}s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
