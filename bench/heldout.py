"""A held-out evaluation run the way a new user (or an outside evaluator) would run vrdndi:

    vrdndi world WORLD --variant engineer             # or any folder with the same files
    .venv/bin/python bench/heldout.py WORLD [-- train.py overrides...]

In a fresh VRDNDI_HOME it runs, as separate processes, exactly
    vrdndi import DIR
    python train.py [overrides]                          (timed: the default model, CPU sizes)
    python predict.py ckpt=best predict.candidates=DIR/test_candidates.csv predict.out=scores.csv
and compares the scores with DIR/test_truth.csv (noise-free truth and, where present, the noisy
answers). In the same run the cheap baselines of vrdndi.evaluation.baselines are fitted on the same
imported labels and scored on the same candidates. On a machine in UTC the default ``context.tz=auto``
guesses the person's zone from the activity (``vrdndi.features.zone``); set TZ (or pass
context.tz=...) to give it, as their own machine would have it.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(cmd: list[str], env: dict, log) -> float:
    started = time.perf_counter()
    out = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True)
    log.write(f"$ {' '.join(cmd)}\n{out.stdout}\n{out.stderr}\n")
    if out.returncode:
        sys.exit(f"failed ({out.returncode}): {' '.join(cmd)}\n{out.stderr[-2000:]}")
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("world", help="folder with videos.jsonl, events.json, labels.csv, test_candidates.csv, test_truth.csv")
    parser.add_argument("--home", help="VRDNDI_HOME to use (default: a new temporary folder)")
    parser.add_argument("--no-baselines", action="store_true")
    parser.add_argument("overrides", nargs="*", help="train.py overrides (default: none: the default model)")
    args = parser.parse_intermixed_args()  # options may come after the world
    world = Path(args.world).resolve()
    home = Path(args.home or tempfile.mkdtemp(prefix="vrdndi-heldout-"))
    home.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "VRDNDI_HOME": str(home)}
    bin_dir = Path(sys.executable).parent
    log = (home / "heldout.log").open("w")
    scores_csv = home / "scores.csv"
    timings = {"import_s": run([str(bin_dir / "vrdndi"), "import", str(world)], env, log)}
    timings["train_s"] = run([sys.executable, "train.py", *args.overrides], env, log)
    timings["predict_s"] = run([sys.executable, "predict.py", "ckpt=best",
                                f"predict.candidates={world / 'test_candidates.csv'}", f"predict.out={scores_csv}"],
                               env, log)
    os.environ["VRDNDI_HOME"] = str(home)
    from vrdndi.evaluation.metrics import head_metrics

    truth = list(csv.DictReader((world / "test_truth.csv").open(encoding="utf-8")))
    from vrdndi.timeutil import iso, parse_time

    def key(row):
        return row["video_id"], iso(parse_time(row["moment"]))

    scored = {key(r): r for r in csv.DictReader(scores_csv.open(encoding="utf-8"))}
    results = {"vrdndi": _metrics(truth, [float(scored[key(t)]["p_productive"]) for t in truth],
                                  [float(scored[key(t)]["p_interest"]) for t in truth], head_metrics)}
    if not args.no_baselines:
        results.update(_baselines(home, truth, head_metrics, args.overrides))
    report = {"world": str(world), "home": str(home), "overrides": args.overrides, **timings, "results": results}
    (home / "heldout.json").write_text(json.dumps(report, indent=2))
    print(f"train.py {timings['train_s']:.0f} s, predict.py {timings['predict_s']:.0f} s ({home})")
    cols = ["productive_f1", "productive_auc", "productive_auc_moment", "interest_f1", "interest_auc"]
    print(f"{'model':<16}" + "".join(f"{c:>24}" for c in cols))
    for name, metrics in results.items():
        for truth_kind, values in metrics.items():
            print(f"{name:<16}" + "".join(f"{values.get(c, float('nan')):>24.3f}" for c in cols) + f"  ({truth_kind})")


def _metrics(truth, p_productive, p_interest, head_metrics) -> dict:
    moments = [t["moment"] for t in truth]
    out = {}
    for column in ("productive", "productive_noisy"):
        if column in truth[0]:
            targets = [int(t[column]) for t in truth]
            values = head_metrics("productive", targets, p_productive, moments)
            values.update(head_metrics("interest", [int(t["interest"]) for t in truth], p_interest))
            out["truth" if column == "productive" else "noisy"] = values
    return out


def _baselines(home: Path, truth, head_metrics, overrides) -> dict:
    from vrdndi import paths
    from vrdndi.data.samples import Sample, load_samples
    from vrdndi.evaluation.baselines import BASELINES, feature_table, fit_predict, zone_setting
    from vrdndi.store import PRODUCTIVE, Store
    from vrdndi.timeutil import iso, parse_time

    with Store(paths.store_path()) as store:
        samples = load_samples(store)
        test = [Sample(t["video_id"], PRODUCTIVE, int(t["productive"]), iso(parse_time(t["moment"])), "")
                for t in truth]
        videos = {v.video_id: v for v in store.videos({s.video_id for s in samples + test}, status=None)}
        events = store.all_events()
    until = max(s.known_at for s in samples if s.known_at)
    cache: dict = {}
    tz = zone_setting(overrides)
    train_x = feature_table(samples, videos, events, vocab_until=until, tz=tz, video_cache=cache)
    test_x = feature_table(test, videos, events, vocab_until=until, tz=tz, video_cache=cache)
    out = {}
    for name in BASELINES:
        scores = fit_predict(name, samples, train_x, test, test_x)
        out[name] = _metrics(truth, scores[:, 1].tolist(), scores[:, 0].tolist(), head_metrics)
    return out


if __name__ == "__main__":
    main()
