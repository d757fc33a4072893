"""A demo feed for the browser tests and the README's screenshots: the real demo store (``vrdndi demo``:
its videos, channels, app events and watch history) and a feed of its last week ranked for a weekday
afternoon. The scores are seeded (a trained model would take minutes); the reasons are made from them by
``vrdndi.inference.reasons`` as predict makes them, naming the moment's real recent activity."""

from __future__ import annotations

import hashlib
from datetime import timedelta
from pathlib import Path

from vrdndi.sources.demo import build_demo_store
from vrdndi.inference import reasons as why
from vrdndi.inference.ranking import Candidate, rank_feed
from vrdndi.store import FeedRun, Store
from vrdndi.timeutil import iso, parse_time

MOMENT = "2026-10-29T14:30:00.000000+00:00"  # a Thursday afternoon of the demo month
PAGE_SIZE = 21
WORK_WORDS = ("compiler", "zig", "rust", "python", "gradient", "autoencoder", "dns", "podman", "nix", "systemd",
              "kernel", "linux", "scheduler", "oom", "memory", "debugging", "sql", "git", "llm", "transformer")


def _unit(text: str) -> float:
    return int(hashlib.sha1(text.encode()).hexdigest()[:8], 16) / 0xFFFFFFFF


def seed_showcase(home: Path) -> tuple[Path, int]:
    """Build ``home/demo.sqlite`` with a ranked feed at ``MOMENT``; returns (store path, feed run id)."""
    path = home / "demo.sqlite"
    with Store(path) as store:
        build_demo_store(store)
        moment = parse_time(MOMENT)
        since = iso(moment - timedelta(days=7))
        seen = store.seen_video_ids()
        videos = [v for v in store.videos(published_since=since) if v.video_id not in seen
                  and (v.published_at or "") <= MOMENT][:60]
        events = store.events_between(iso(moment - timedelta(hours=2)), MOMENT)
        coding = next((e for e in reversed(events) if e.category.startswith("Work")), None)
        candidates = []
        for v in videos:
            p_interest = 0.3 + 0.65 * _unit("i" + v.video_id)
            # a plausible model at this moment (just coding): work-shaped videos fit, the rest waits
            work = any(w in (v.title or "").lower() for w in WORK_WORDS)
            p_productive = (0.62 if work else 0.08) + 0.3 * _unit("p" + v.video_id)
            candidates.append(Candidate.of(v, 0.65 * p_productive + 0.35 * p_interest, p_interest=p_interest,
                                           p_productive=p_productive))
        items = rank_feed(candidates, page_size=PAGE_SIZE, per_channel_cap=3, near_duplicate_threshold=0.95)
        out = []
        for i, item in enumerate(items):
            scores = why.Scores(item.p_interest, item.p_productive, "blend")
            reason = why.from_scores(scores)
            if i < PAGE_SIZE and coding and scores.right_moment and i % 3 != 2:
                reason = f"{why.MOMENT}: you were just in {why.describe_event(coding)}"
            elif i < PAGE_SIZE and coding and scores.interesting and not scores.right_moment and i % 2:
                reason = f"{why.WRONG_MOMENT}: not while you are in {why.describe_event(coding)}"
            out.append(item.__class__(**{**item.__dict__, "reason": reason}))
        run_id = store.write_feed(FeedRun(moment=MOMENT, checkpoint=str(home / "runs/demo/best.ckpt"), mode="model"),
                                  out)
    return path, run_id
