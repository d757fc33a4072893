"""Two-tower vs hybrid on the demo data's forward folds: productive (right-moment) F1 of each.

    python bench/compare_two_tower.py                                  # n_folds=3, folds 1,2, 2 epochs, MiniLM
    python bench/compare_two_tower.py --n-folds 5 --folds 0,1,2,3,4 --epochs 4 --backbone minilm

Each (arch, fold) is one real `python train.py experiment=demo model=<arch> split=kfold ...` run in its own
process, on the same demo store (built once under a temp data home, removed at the end unless --keep).
The number reported per run is the best checkpoint's (EMA-F1 selection) val/productive_f1, as train.py
writes it to metrics.json; the last epoch's is printed beside it. Goal: two-tower within 0.03 of hybrid.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ARCHS = ("hybrid", "two_tower")


def train_once(home: Path, arch: str, fold: int, args: argparse.Namespace) -> dict:
    run_dir = home / "runs" / "compare" / f"{arch}_fold{fold}"
    cmd = [sys.executable, str(ROOT / "train.py"), "experiment=demo", f"model={arch}", "split=kfold",
           f"data.n_folds={args.n_folds}", f"data.fold={fold}", f"trainer.max_epochs={args.epochs}",
           f"backbone={args.backbone}", f"paths.home={home}", f"hydra.run.dir={run_dir}", "logger=csv",
           *args.override]
    started = time.perf_counter()
    out = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT,
                         env=os.environ)  # train.py sets the offline environment itself
    if out.returncode != 0:
        raise SystemExit(f"{arch} fold {fold} failed:\n{out.stderr[-3000:]}")
    metrics = json.loads((run_dir / "metrics.json").read_text())
    best = metrics.get("best_val_metrics", {})
    last = metrics.get("last_epoch_metrics", {})
    return {"arch": arch, "fold": fold, "seconds": time.perf_counter() - started,
            "n_train": metrics["n_train"], "n_val": metrics["n_val"],
            "best_productive_f1": best.get("val/productive_f1"), "best_productive_auroc": best.get("val/productive_auroc"),
            "best_interest_f1": best.get("val/interest_f1"), "last_productive_f1": last.get("val/productive_f1")}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n-folds", type=int, default=3)
    parser.add_argument("--folds", default="1,2")
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--backbone", default="minilm")
    parser.add_argument("--home", help="data home to use (kept); default: a temp folder, removed")
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--json", help="also write the rows here")
    parser.add_argument("override", nargs="*", help="extra Hydra overrides for every run")
    args = parser.parse_args()
    folds = [int(f) for f in args.folds.split(",")]
    home = Path(args.home) if args.home else Path(tempfile.mkdtemp(prefix="vrdndi-compare-"))
    print(f"settings: experiment=demo split=kfold data.n_folds={args.n_folds} folds={folds} "
          f"trainer.max_epochs={args.epochs} backbone={args.backbone} {' '.join(args.override)}", flush=True)
    rows = []
    try:
        for fold in folds:
            for arch in ARCHS:
                row = train_once(home, arch, fold, args)
                rows.append(row)
                print(f"  {arch:9s} fold {fold}: productive F1 {row['best_productive_f1']:.4f} (best ckpt), "
                      f"{row['last_productive_f1']:.4f} (last epoch), AUROC {row['best_productive_auroc']:.4f}, "
                      f"interest F1 {row['best_interest_f1']:.4f}; {row['n_train']} train / {row['n_val']} val "
                      f"labels; {row['seconds']:.0f} s", flush=True)
    finally:
        if not args.home and not args.keep:
            shutil.rmtree(home, ignore_errors=True)
    mean = {a: sum(r["best_productive_f1"] for r in rows if r["arch"] == a) / len(folds) for a in ARCHS}
    gap = mean["two_tower"] - mean["hybrid"]
    print(f"mean productive F1 over folds {folds}: hybrid {mean['hybrid']:.4f}, two_tower {mean['two_tower']:.4f}; "
          f"two_tower - hybrid = {gap:+.4f} ({'within' if gap >= -0.03 else 'NOT within'} 0.03)")
    if args.json:
        Path(args.json).write_text(json.dumps({"rows": rows, "mean": mean, "gap": gap}, indent=2))


if __name__ == "__main__":
    main()
