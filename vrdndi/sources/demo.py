"""A deterministic month of one person's life: videos, computer activity, likes and "right moment" labels.

``build_demo_store(store)`` fills a store with what vrdndi would have collected after a month of use by
one (fictional) developer who lives in ``tz`` (Europe/Berlin by default):

- **videos** (``n_videos``) over ten topics, 3-5 channels each, with realistic titles, descriptions,
  tags, YouTube category ids and durations (talks 20-90 min, mixes 1-3 h, comedy 3-15 min, some Shorts
  under 60 s). Each video's topic is stored as a tag ``topic:<name>`` (``video_topic`` reads it back).
  Publication dates are spread over the ``days`` + 14 days before ``end``, so the last 7 days hold
  fresh feed candidates (a few dozen of them neither watched nor labelled).
- **app events**: ActivityWatch-style window events (host ``demo-laptop``, source ``demo``), already
  AFK-filtered (lunch, dinner and nights have no events), following a weekday / weekend schedule in
  local time: a morning browse, work blocks (coding, docs, writing, meetings, chat) with a lunch break,
  evenings of games, social media and music, the occasional evening or weekend side project.
- **interest labels** (likes / dislikes, sources ``demo-like`` / ``demo-dislike``) for ~60-65% of the
  videos, mostly ones older than a week (``moment`` = the first watch, or '' when not watched): the
  person likes programming, machine learning, systems, gaming, speedruns, music and science and
  dislikes news, cooking and comedy, with 10% label noise.
- **productive labels** (source ``demo-web``): ~50 a day, given in feed sessions (3-7 videos
  published in the 14 days before, chosen without looking at the context) at moments spread over the
  time at the computer; ``moment`` is when the video was shown, ``labelled_at`` a few minutes later.
  Videos labelled "right moment" are also stored as watches at that moment.
- **channels** for every channel (subscriptions for the liked topics).

The truth rule for productive labels (``productive_truth``) needs BOTH the video and the context:

    recent activity = the category group with the most seconds of app events in the 2 hours before
                      the moment: "work" (any ``Work > ...`` category) or "leisure" (anything else);
                      no events at all counts as leisure (free time).
    after work:     right moment (1) only for short (<= 20 min) programming / machine-learning /
                    systems videos (a learning break); everything else, long talks included, is 0.
    after leisure:  right moment (1) for gaming, speedruns, music, comedy and science videos of any
                    length; technical videos (long or short), news and cooking are 0.
    noise:          8% of productive labels are flipped.

Which videos are shown at a moment does not depend on the context, so the same videos collect both
1s and 0s: a model that sees only the video can at best learn "maybe" for most topics (accuracy around
0.6, F1 around 0.65), one that also sees the preceding activity can reach ~0.9.

Determinism: only ``random.Random(seed)`` draws and no wall clock; ``end`` defaults to a fixed date
and every time is relative to it, so the same arguments give the same store byte for byte, and
building twice into the same store changes nothing. Pass ``end=now`` for a fresh-looking feed.

The parts: ``demo_rules.py`` the constants and the truth, ``demo_videos.py`` the topics and videos,
``demo_day.py`` the computer days; this module builds the store and the labels from them.
"""

from __future__ import annotations

import bisect
import random
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from typing import Any

from vrdndi.sources.demo_day import _activity_at, _make_events
from vrdndi.sources.demo_rules import (
    DEFAULT_END,
    DISLIKE_SOURCE,
    FEED_WINDOW,
    HOST,
    INTEREST_NOISE,
    LABELS_PER_DAY,
    LEARNING_TOPICS,
    LEISURE_TOPICS,
    LIKE_SOURCE,
    LIKED_TOPICS,
    PRODUCTIVE_NOISE,
    SHOWN_WINDOW,
    SOURCE,
    TRUTH_RULES,
    WEB_SOURCE,
    WORK,
    WORK_BREAK_WEIGHT,
    interest_truth,
    productive_truth,
    recent_activity_kind,
    video_topic,
)
from vrdndi.sources.demo_videos import TOPICS, _make_videos
from vrdndi.store import Label, Store, Video, Watch
from vrdndi.store.schema import INTEREST, PRODUCTIVE
from vrdndi.timeutil import get_tz, iso, parse_time

# the rules and the vocabulary live in demo_rules.py / demo_videos.py; these are read from here too
__all__ = ["DEFAULT_END", "HOST", "LEARNING_TOPICS", "LEISURE_TOPICS", "SOURCE", "TOPICS", "TRUTH_RULES",
           "DemoSummary", "build_demo_store", "interest_truth", "productive_truth", "recent_activity_kind",
           "summary_dict", "video_topic"]

# ---------------------------------------------------------------------------------------------
# The build
# ---------------------------------------------------------------------------------------------
@dataclass
class DemoSummary:
    seed: int
    days: int
    tz: str
    start: str  # UTC ISO: first moment covered
    end: str  # UTC ISO: last moment covered
    videos: int = 0
    shorts: int = 0
    channels: int = 0
    app_events: int = 0
    interest_labels: int = 0
    productive_labels: int = 0
    productive_positive: int = 0
    productive_after_work: int = 0
    watches: int = 0
    fresh_candidates: int = 0  # videos published in the last 7 days before `end`, not watched/labelled
    changed: int = 0  # rows inserted or changed in the store by this build (0 on a rebuild)
    truth_rules: str = TRUTH_RULES
    topics: dict[str, int] = field(default_factory=dict)


def build_demo_store(store: Store, *, seed: int = 7, days: int = 30, n_videos: int = 600,
                     tz: str = "Europe/Berlin", end: datetime | str | None = None) -> DemoSummary:
    """Fill ``store`` with the demo month ending at ``end`` (default: a fixed date); see the module doc.

    Deterministic in its arguments; idempotent (a second call with the same arguments changes nothing).
    All rows are written in one transaction."""
    if days < 1 or n_videos < len(TOPICS):
        raise ValueError(f"need days >= 1 and n_videos >= {len(TOPICS)}")
    zone = get_tz(tz)
    end_dt = parse_time(end) if end is not None else DEFAULT_END
    end_dt = end_dt.replace(microsecond=0)
    start_dt = end_dt - timedelta(days=days)
    rng = random.Random(seed)
    ids: set[str] = set()

    videos, channels = _make_videos(rng, n_videos, start_dt - SHOWN_WINDOW, end_dt, ids)
    events, spans = _make_events(random.Random(rng.random()), start_dt, end_dt, zone)
    starts = [s for s, _, _ in spans]

    # -- productive labels: feed sessions at moments while the person is at the computer ---------
    prng = random.Random(rng.random())
    by_published = sorted(videos, key=lambda v: (v.published_at, v.video_id))
    pub_times = [parse_time(v.published_at) for v in by_published]
    topic_of = {v.video_id: video_topic(v) or "" for v in videos}
    feed_weight = [3.0 if topic_of[v.video_id] in LIKED_TOPICS else 1.0 for v in by_published]
    cum_weights: list[float] = []
    acc = 0.0
    for w in feed_weight:
        acc += w
        cum_weights.append(acc)

    # moments: spread over the time at the computer (a little more often in work breaks), so each
    # has recent activity and both contexts are about equally common
    total_active = sum((e - s).total_seconds() * WORK_BREAK_WEIGHT.get(g, 1.0) for s, e, g in spans)
    n_sessions = max(1, round(LABELS_PER_DAY * days / 5))
    offsets = sorted(prng.uniform(0, total_active) for _ in range(n_sessions))
    moments: list[datetime] = []
    k, passed = 0, 0.0
    for s, e, g in spans:
        w = WORK_BREAK_WEIGHT.get(g, 1.0)
        length = (e - s).total_seconds() * w
        while k < len(offsets) and offsets[k] <= passed + length:
            moments.append(s + timedelta(seconds=int((offsets[k] - passed) / w)))
            k += 1
        passed += length
    moments = sorted(set(moments))

    productive: list[Label] = []
    watches: list[Watch] = []
    watched_first: dict[str, datetime] = {}
    for moment in moments:
        kind = _activity_at(spans, starts, moment)
        lo_i = bisect.bisect_left(pub_times, moment - SHOWN_WINDOW)
        hi_i = bisect.bisect_left(pub_times, moment)
        if hi_i - lo_i < 1:
            continue
        base = cum_weights[lo_i - 1] if lo_i else 0.0
        want = min(hi_i - lo_i, prng.randint(3, 7))
        shown: list[Video] = []
        seen: set[int] = set()
        tries = 0
        while len(shown) < want and tries < 50:
            tries += 1
            x = base + prng.random() * (cum_weights[hi_i - 1] - base)
            idx = min(bisect.bisect_left(cum_weights, x, lo_i, hi_i), hi_i - 1)
            if idx not in seen:
                seen.add(idx)
                shown.append(by_published[idx])
        for v in shown:
            truth = productive_truth(topic_of[v.video_id], kind, v.duration_s)
            value = truth ^ int(prng.random() < PRODUCTIVE_NOISE)
            labelled = moment + timedelta(seconds=prng.randint(60, 600))
            productive.append(Label(v.video_id, PRODUCTIVE, value, WEB_SOURCE, moment=iso(moment),
                                    labelled_at=iso(min(labelled, end_dt))))
            if value:
                watched = moment + timedelta(seconds=prng.randint(5, 90))
                watches.append(Watch(v.video_id, iso(min(watched, end_dt)), source=SOURCE))
                watched_first.setdefault(v.video_id, min(watched, end_dt))

    # -- interest labels: likes and dislikes, mostly on videos that are not brand new -------------
    irng = random.Random(rng.random())
    interest: list[Label] = []
    for v in videos:
        published = parse_time(v.published_at)
        age_days = (end_dt - published).total_seconds() / 86400
        if irng.random() >= (0.75 if age_days > 7 else 0.2):
            continue
        value = interest_truth(topic_of[v.video_id]) ^ int(irng.random() < INTEREST_NOISE)
        if v.video_id in watched_first:
            moment_dt = watched_first[v.video_id]
            moment = iso(moment_dt)
            labelled_dt = moment_dt + timedelta(seconds=irng.randint(60, 1800))
        else:
            moment = ""
            room = max(0.0, (end_dt - published).total_seconds() - 300)
            labelled_dt = published + timedelta(seconds=300 + int(irng.uniform(0, room)))
        interest.append(Label(v.video_id, INTEREST, value, LIKE_SOURCE if value else DISLIKE_SOURCE,
                              moment=moment, labelled_at=iso(min(labelled_dt, end_dt))))

    with store.transaction():
        changed = store.upsert_channels(channels)
        changed += store.upsert_videos(videos)
        changed += store.upsert_events(events)
        changed += store.add_labels(productive + interest)
        changed += store.upsert_watches(watches)
        store.set("demo", {"seed": seed, "days": days, "n_videos": n_videos, "tz": tz, "end": iso(end_dt)})

    seen_ids = {lab.video_id for lab in productive + interest} | {w.video_id for w in watches}
    fresh_since = end_dt - FEED_WINDOW
    topics: dict[str, int] = {}
    for v in videos:
        topics[topic_of[v.video_id]] = topics.get(topic_of[v.video_id], 0) + 1
    after_work = sum(1 for lab in productive if _activity_at(spans, starts, parse_time(lab.moment)) == WORK)
    return DemoSummary(
        seed=seed, days=days, tz=tz, start=iso(start_dt), end=iso(end_dt), videos=len(videos),
        shorts=sum(v.is_short for v in videos), channels=len(channels), app_events=len(events),
        interest_labels=len(interest), productive_labels=len(productive),
        productive_positive=sum(lab.value for lab in productive), productive_after_work=after_work,
        watches=len(watches),
        fresh_candidates=sum(1 for v in videos if parse_time(v.published_at) >= fresh_since
                             and v.video_id not in seen_ids),
        changed=changed, topics=dict(sorted(topics.items())))


def summary_dict(summary: DemoSummary) -> dict[str, Any]:
    """The summary as a plain dict (for the CLI and logs)."""
    return asdict(summary)
