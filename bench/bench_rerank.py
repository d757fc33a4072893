"""Re-ranking 10,000 candidate videos for a new moment: two-tower (cached video embeddings, one context
pass, batched fusion heads) against the hybrid path (every video through the encoder with the context).

    python bench/bench_rerank.py                       # MiniLM backbone, 10,000 videos, hybrid on 256
    python bench/bench_rerank.py --backbone tiny --n 10000 --hybrid-n 256

Both checkpoints are trained for a few steps (debug=fast) on a small synthetic labelled store; then
``--n`` synthetic videos are inserted into that (temporary) store. The two-tower scorer embeds them once
(the cache warm-up, timed and printed), then re-ranks all of them at a new moment (timed: goal < 1 s).
The hybrid path cannot cache anything (each score needs the encoder with that moment's context), so it is
timed on ``--hybrid-n`` of the same candidates and its per-video throughput is extrapolated to ``--n``:
the output says so. Everything is written under a temp folder, removed at the end.
"""

from __future__ import annotations

import argparse
import logging
import os
import random
import shutil
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from vrdndi.cli.entry import offline_environment  # noqa: E402  (before torch / transformers load)

offline_environment()

T0 = datetime(2026, 10, 1, tzinfo=timezone.utc)
TOPICS = ["Rust async tutorial", "Funny cat compilation", "Lo-fi beats to study", "Factorio megabase tour",
          "Linear algebra lecture", "Cooking pasta at home", "Kernel debugging deep dive", "Football highlights"]


def labelled_store(path: Path, *, hours: int = 24 * 8) -> Path:
    """A week of coding/gaming events with interest and right-moment labels (like tests' tiny_store)."""
    from vrdndi.store import AppEvent, Label, Store, Video
    from vrdndi.timeutil import iso

    rng = random.Random(0)
    with Store(path) as store:
        videos = [Video(f"lab{i:04d}", title=f"{TOPICS[i % 2]} #{i}", channel_id=f"ch{i % 3}",
                        channel_title=f"Channel {i % 3}", description="a video", duration_s=600.0 + i,
                        published_at=iso(T0 + timedelta(hours=i))) for i in range(40)]
        store.upsert_videos(videos)
        events, labels = [], []
        for h in range(hours):
            start = T0 + timedelta(hours=h)
            work = (h // 3) % 2 == 0
            events.append(AppEvent("laptop", iso(start), iso(start + timedelta(minutes=50)), 3000.0,
                                   app="code" if work else "steam", title="main.rs" if work else "Factorio",
                                   category="Work > Programming" if work else "Media > Games"))
            if h % 2 == 0:
                video = rng.choice(videos)
                moment = start + timedelta(minutes=55)
                labels.append(Label(video.video_id, "productive", int(("Rust" in video.title) == work), "bench",
                                    moment=iso(moment), labelled_at=iso(moment + timedelta(minutes=1))))
                labels.append(Label(video.video_id, "interest", int("Rust" in video.title), "bench",
                                    labelled_at=iso(moment)))
        store.upsert_events(events)
        store.add_labels(labels)
    return path


def synthetic_candidates(n: int):
    from vrdndi.store import Video
    from vrdndi.timeutil import iso

    rng = random.Random(1)
    return [Video(f"cand{i:06d}", title=f"{rng.choice(TOPICS)} part {i} ({rng.randint(1, 999)})",
                  channel_id=f"UC{i % 97}", channel_title=f"Channel {i % 97}",
                  description=" ".join(rng.choice(TOPICS).lower() for _ in range(rng.randint(1, 6))),
                  duration_s=float(rng.randint(60, 7200)), published_at=iso(T0 + timedelta(minutes=i)))
            for i in range(n)]


def train(home: Path, store: Path, arch: str, backbone: str) -> Path:
    from vrdndi.config import compose_run
    from vrdndi.train import run

    cfg = compose_run("train", [f"paths.home={home}", f"data.store={store}", f"backbone={backbone}", f"model={arch}",
                                "debug=fast", "test_best=false", "logger=csv", "data.max_length=64",
                                "ensemble=[]"],  # one model: the paths compared are per model
                      home / "runs" / arch)
    return Path(run(cfg)["best_ckpt"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000, help="candidate videos to re-rank")
    parser.add_argument("--hybrid-n", type=int, default=256, help="candidates the hybrid path is timed on")
    parser.add_argument("--backbone", default="minilm", choices=["minilm", "tiny"])
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--repeats", type=int, default=3, help="timed re-ranks (the best and the worst print)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    for name in ("lightning", "lightning.pytorch", "vrdndi"):
        logging.getLogger(name).setLevel(logging.ERROR)

    tmp = Path(tempfile.mkdtemp(prefix="vrdndi-rerank-"))
    os.environ["VRDNDI_HOME"] = str(tmp / "home")  # caches (event and video embeddings) go here
    try:
        import torch

        from vrdndi.inference.scorer import load_scorer
        from vrdndi.store import Store
        from vrdndi.timeutil import iso

        store_path = labelled_store(tmp / "bench.sqlite")
        print(f"training two_tower and hybrid checkpoints ({args.backbone}, debug=fast)...", flush=True)
        two_tower_ckpt = train(tmp / "home", store_path, "two_tower", args.backbone)
        hybrid_ckpt = train(tmp / "home", store_path, "hybrid", args.backbone)
        candidates = synthetic_candidates(args.n)
        with Store(store_path) as store:
            store.upsert_videos(candidates)
            scorer = load_scorer(two_tower_ckpt)
            warm_moment = iso(T0 + timedelta(days=7, hours=10))
            started = time.perf_counter()
            scorer.score(store, candidates, [warm_moment] * len(candidates), batch_size=args.batch_size,
                         progress=False)
            t_warm = time.perf_counter() - started

            times = []
            for r in range(args.repeats):  # each a new moment, so no context is reused
                moment = iso(T0 + timedelta(days=7, hours=13 + 3 * r, minutes=17))
                started = time.perf_counter()
                probs = scorer.score(store, candidates, [moment] * len(candidates), batch_size=args.batch_size,
                                     progress=False)
                times.append(time.perf_counter() - started)
            assert probs.shape == (args.n, 2)

            fresh = load_scorer(two_tower_ckpt)  # a new process' scorer: video embeddings from the disk cache
            moment = iso(T0 + timedelta(days=7, hours=23))
            started = time.perf_counter()
            fresh.score(store, candidates, [moment] * len(candidates), batch_size=args.batch_size, progress=False)
            t_disk = time.perf_counter() - started

            hybrid = load_scorer(hybrid_ckpt)
            sub = candidates[:args.hybrid_n]
            hybrid.score(store, sub[:8], [moment] * 8, batch_size=args.batch_size, progress=False)  # warm up
            started = time.perf_counter()
            hybrid.score(store, sub, [moment] * len(sub), batch_size=args.batch_size, progress=False)
            t_hybrid_sub = time.perf_counter() - started
        hybrid_rate = len(sub) / t_hybrid_sub
        t_hybrid_full = args.n / hybrid_rate
        best = min(times)
        print(f"backbone {args.backbone}, {args.n} candidate videos, torch threads {torch.get_num_threads()}, "
              f"batch size {args.batch_size}")
        print(f"two-tower cache warm-up (embed {args.n} videos once per checkpoint): {t_warm:8.2f} s")
        print(f"two-tower re-rank at a new moment, memory cache: best {best:.3f} s, worst {max(times):.3f} s "
              f"of {args.repeats} ({'< 1 s' if max(times) < 1 else 'NOT < 1 s'})")
        print(f"two-tower re-rank at a new moment, fresh scorer + disk cache: {t_disk:.3f} s")
        print(f"hybrid: measured {len(sub)} videos in {t_hybrid_sub:.2f} s ({hybrid_rate:.0f} videos/s); "
              f"extrapolated to {args.n} videos: {t_hybrid_full:.1f} s (not measured on all {args.n})")
        print(f"ratio hybrid / two-tower re-rank: {t_hybrid_full / best:.0f}x "
              f"(disk cache: {t_hybrid_full / t_disk:.0f}x)")
        return 0
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
