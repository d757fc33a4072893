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

One module per part:

- ``world_alt_time.py``: the clock (UTC timestamps, local wall-clock time, DST changes);
- ``world_alt_person.py``: who the person is (activities, zones, habits, hosts);
- ``world_alt_plan.py``: the true timeline (``Planner``, ``Timeline``);
- ``world_alt_render.py``: what the watchers see (apps, titles, sites; ``Renderer``, ``afk_events``);
- ``world_alt_videos.py``: the video catalogue and its API resources;
- ``world_alt_rule.py``: "the right moment" (``Rule``, ``make_rule``);
- this module: the world (calendar, taste, feed moments, answers, likes), writing the folder, the command.

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
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent))  # bench/ is not a package: the modules are siblings

from world_alt_person import ZONES, Person, make_person  # noqa: E402
from world_alt_plan import Planner, Session, Timeline  # noqa: E402
from world_alt_render import Renderer, afk_events  # noqa: E402
from world_alt_rule import Rule, make_rule  # noqa: E402
from world_alt_time import DAY, HOUR, MIN, iso, local_hour, local_ts, transitions  # noqa: E402
from world_alt_videos import KINDS, Video, make_videos, resource  # noqa: E402

LATEST_END = datetime(2026, 12, 1, tzinfo=UTC)  # the period must lie in the past (labels after now are refused)
EARLIEST_START = datetime(2025, 1, 6, tzinfo=UTC)


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
