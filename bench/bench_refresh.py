"""The website's **Refresh feed** on the demo, cold (first refresh after the site starts) and warm (the
scorer already loaded), with a breakdown per stage, all in one process, one thing at a time.

    python bench/bench_refresh.py [--home DIR] [--repeats 3]

It builds the demo store in ``DIR`` (default: a temporary folder), trains the default model shape on it
briefly (``python train.py experiment=demo debug=fast``: the same network and MiniLM backbone as a full
run, so inference costs the same; its quality does not matter here), then times ``refresh_feed`` (what the
button calls) and each of its stages: load the model, pick candidates, score, rank, reasons, write.
"before" re-times the reasons stage with the reasons module of ``--before`` (a git revision, default the
one before issue 15) on the same scorer and items. Prints seconds and ratios; the goal is a warm refresh
under 3 s on 2 cores.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BEFORE = "6ad41d7"  # main before issue 15's reasons


def _old_reasons(revision: str):
    source = subprocess.run(["git", "show", f"{revision}:vrdndi/inference/reasons.py"], cwd=REPO,
                            capture_output=True, text=True, check=True).stdout
    spec = importlib.util.spec_from_loader("old_reasons", loader=None)
    module = importlib.util.module_from_spec(spec)
    exec(compile(source, "old_reasons.py", "exec"), module.__dict__)
    return module


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--home", type=Path, default=None)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--before", default=BEFORE)
    args = parser.parse_args()
    home = args.home or Path(tempfile.mkdtemp(prefix="vrdndi-bench-refresh-"))
    os.environ["VRDNDI_HOME"] = str(home)
    from vrdndi.cli.entry import offline_environment

    offline_environment()
    if not list((home / "runs" / "demo").glob("*/checkpoints/best.ckpt")):
        print(f"training a demo model in {home} (debug=fast)...", flush=True)
        subprocess.run([sys.executable, str(REPO / "train.py"), "experiment=demo", "debug=fast"], check=True,
                       env=dict(os.environ), cwd=REPO, stdout=subprocess.DEVNULL)

    from vrdndi.config import compose
    from vrdndi.inference import feed
    from vrdndi.inference.candidates import moment_of, recent_uploads
    from vrdndi.inference.ranking import Candidate, choose_score_mode, combine, rank_feed
    from vrdndi.inference.reasons import explain_feed
    from vrdndi.store import PRODUCTIVE, FeedRun, Store

    cfg = compose("predict", ["paths=demo", "predict=demo", "ckpt=best", "predict.progress=false"])

    started = time.perf_counter()
    feed.refresh_feed(cfg)
    cold = time.perf_counter() - started

    warm = []
    for _ in range(args.repeats):
        started = time.perf_counter()
        feed.refresh_feed(cfg)
        warm.append(time.perf_counter() - started)

    # the stages of one warm refresh, as predict_feed runs them
    stages: dict[str, float] = {}

    def timed(name, fn, *a, **kw):
        t0 = time.perf_counter()
        out = fn(*a, **kw)
        stages[name] = stages.get(name, 0.0) + time.perf_counter() - t0
        return out

    feed._SCORER_SLOT.clear()
    with Store(cfg.paths.store) as store:
        scorer = timed("load model (cold only)", feed.load_scorer_for, cfg, store, allow_cold_start=False)
        moment = moment_of(cfg.predict.at)
        pool = timed("candidates", recent_uploads, store, moment, days=float(cfg.predict.days),
                     include_seen=bool(cfg.predict.include_seen))
        feed.score_videos(scorer, store, pool.videos, [moment] * len(pool.videos), cfg)  # warm the caches
        probs = timed("score", feed.score_videos, scorer, store, pool.videos, [moment] * len(pool.videos), cfg)
        mode, _ = choose_score_mode(str(cfg.feed.score), len(store.labels(PRODUCTIVE)),
                                    int(cfg.feed.min_productive_labels))
        combined = combine(probs[:, 0], probs[:, 1], mode=mode, productive_weight=float(cfg.feed.productive_weight))
        candidates = [Candidate.of(v, s, p_interest=pi, p_productive=pp)
                      for v, s, pi, pp in zip(pool.videos, combined, probs[:, 0], probs[:, 1])]
        items = timed("rank", rank_feed, candidates, page_size=int(cfg.feed.page_size),
                      per_channel_cap=int(cfg.feed.per_channel_cap),
                      near_duplicate_threshold=float(cfg.feed.near_duplicate_threshold))
        videos = {v.video_id: v for v in pool.videos}
        kw = dict(mode=mode, page_size=int(cfg.feed.page_size), k_events=int(cfg.feed.reason_events),
                  encoder_name=str(cfg.predict.text_encoder))
        explained = timed("reasons", explain_feed, scorer, store, items, videos, moment, **kw)
        timed("write", store.write_feed, FeedRun(moment=moment, checkpoint=scorer.checkpoint_path, mode="model"),
              explained)
        old = _old_reasons(args.before)
        t0 = time.perf_counter()
        old.explain_feed(scorer, store, items, videos, moment, **kw)
        old_reasons_s = time.perf_counter() - t0

    warm_median = statistics.median(warm)
    print(f"\ndemo: {len(pool.videos)} candidates, page of {cfg.feed.page_size}, scorer {type(scorer).__name__}, "
          f"{os.cpu_count()} CPUs")
    print(f"refresh, cold (loads the model): {cold:6.2f} s")
    print(f"refresh, warm (median of {len(warm)}): {warm_median:6.2f} s   warm/cold = {warm_median / cold:.2f}   "
          f"goal < 3 s: {'met' if warm_median < 3 else 'NOT met'}")
    print("warm stages:")
    for name, seconds in stages.items():
        print(f"  {name:<24} {seconds:6.2f} s")
    print(f"reasons with {args.before}'s module on the same items: {old_reasons_s:6.2f} s "
          f"(now/before = {stages['reasons'] / max(old_reasons_s, 1e-9):.2f})")
    before = warm_median - stages["reasons"] + old_reasons_s
    print(f"warm refresh with those reasons (estimate): {before:6.2f} s   now/before = {warm_median / before:.2f}")


if __name__ == "__main__":
    main()
