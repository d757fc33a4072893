"""How the trees' blend weight would have scored on test pairs, without training again.

    .venv/bin/python bench/blend_sweep.py OUT/runs/default/engineer-s30 OUT/runs/default/student-s31 ...
    .venv/bin/python bench/blend_sweep.py --store W.sqlite --evaluation EVAL_DIR [--model default] [--n-folds 3]
        [--truth WORLD/labels_truth.csv]

A positional argument is a ``bench/heldout.py`` home (``bench/persons.py`` writes them under
``OUT/runs/<label>/``): its ``heldout.json`` names the world, whose ``test_truth.csv`` (noise-free) is
scored, and its ``runs/`` hold the ``best.ckpt`` that ``python train.py`` wrote. ``--evaluation`` is a
``vrdndi evaluate --out`` folder instead: each fold's checkpoint of ``--model`` is scored on that fold's test
block of ``--store`` (the person's answers, as ``vrdndi evaluate`` scored them; with ``--truth`` the world's
``labels_truth.csv``, the noise-free rule behind them).

The run's own model is scored (not the default ensemble's second one); its network and fitted members
are fixed, so only the mix changes: for each weight w of the grid the
productive margin is ``(1 - w) * network + w * trees``; the script prints the productive AUC and the AUC
within a moment per case and as the mean, with the checkpoint's own weight marked. F1 is left out: the
decision threshold was chosen for the checkpoint's own weight.

This reads test labels, so a weight chosen here is chosen on those persons: check it on new seeds.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path

GRID = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 1.0)


def sweep(checkpoint: Path, store_path: Path, pairs: list[tuple[str, str, int]],
          grid: tuple[float, ...]) -> tuple[float, dict[float, tuple[float, float]]]:
    """(the checkpoint's own weight, {weight: (productive AUC, AUC within a moment)}) on ``pairs`` of
    (video id, moment, right-moment truth)."""
    from vrdndi.evaluation.metrics import auc, auc_within_moments
    from vrdndi.inference.scorer import load_scorer
    from vrdndi.store import Store

    if (store_path.parent / "heldout.json").exists():  # a held-out home: its caches, as its predict.py used them
        os.environ["VRDNDI_HOME"] = str(store_path.parent)
    scorer = load_scorer(checkpoint, ensemble=False)  # the run's own model (its members are what is mixed)
    trees = scorer.module.net.trees
    if trees is None:
        sys.exit(f"{checkpoint}: the checkpoint has no trees to blend")
    own = trees.weight
    moments = [moment for _, moment, _ in pairs]
    targets = [truth for _, _, truth in pairs]
    out = {}
    with Store(store_path, readonly=True) as store:
        videos = {v.video_id: v for v in store.videos({vid for vid, _, _ in pairs}, status=None)}
        for weight in grid:
            trees.weight = float(weight)
            scores = scorer.score(store, [videos[vid] for vid, _, _ in pairs], moments, progress=False)[:, 1]
            out[weight] = (auc(targets, scores), auc_within_moments(targets, scores, moments))
    trees.weight = own
    return own, out


def heldout_cases(home: Path) -> Iterator[tuple[str, Path, Path, list]]:
    from vrdndi.timeutil import iso, parse_time

    report = json.loads((home / "heldout.json").read_text())
    checkpoints = sorted(home.glob("runs/**/checkpoints/best.ckpt"))
    if len(checkpoints) != 1:
        sys.exit(f"{home}: expected one runs/**/best.ckpt, found {len(checkpoints)}")
    with (Path(report["world"]) / "test_truth.csv").open(encoding="utf-8") as handle:
        pairs = [(t["video_id"], iso(parse_time(t["moment"])), int(t["productive"])) for t in csv.DictReader(handle)]
    yield home.name, checkpoints[0], home / "vrdndi.sqlite", pairs


def fold_cases(evaluation: Path, store_path: Path, model: str, n_folds: int,
               truth: Path | None = None) -> Iterator[tuple[str, Path, Path, list]]:
    """Each fold's checkpoint and test pairs, labelled by the answers or (``truth``: a world's
    labels_truth.csv) by the noise-free rule."""
    from vrdndi.data.samples import load_samples
    from vrdndi.data.splits import time_split
    from vrdndi.evaluation.truth import load_truth, with_truth
    from vrdndi.store import PRODUCTIVE, Store

    with Store(store_path, readonly=True) as store:
        samples = load_samples(store)
    rule = load_truth(truth) if truth is not None else None
    for row in json.loads((evaluation / "evaluation.json").read_text())["folds"]:
        split = time_split(samples, kind="kfold", fold=row["fold"], n_folds=n_folds, purge_hours=6.0)
        test = [samples[i] for i in split.val if samples[i].kind == PRODUCTIVE]
        if rule is not None:
            test = with_truth(test, rule, truth)
        yield (f"{evaluation.name}/fold{row['fold']}", Path(row["models"][model]["checkpoint"]), store_path,
               [(s.video_id, s.moment, s.label) for s in test])


def case_arguments(doc: str) -> argparse.Namespace:
    """The command line of a sweep over fixed checkpoints: held-out homes and/or evaluation folders."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("homes", nargs="*", type=Path, help="bench/heldout.py homes")
    parser.add_argument("--evaluation", type=Path, action="append", default=[], help="vrdndi evaluate --out folder")
    parser.add_argument("--store", type=Path, action="append", default=[], help="the store of each --evaluation")
    parser.add_argument("--model", default="default", help="the neural model of the evaluation (default: default)")
    parser.add_argument("--n-folds", type=int, default=3, help="the evaluation's --n-folds (default 3)")
    parser.add_argument("--truth", type=Path, action="append", default=[],
                        help="the world's labels_truth.csv of each --evaluation: score against the noise-free rule")
    args = parser.parse_args()
    if len(args.evaluation) != len(args.store):
        sys.exit("give one --store for each --evaluation")
    if args.truth and len(args.truth) != len(args.evaluation):
        sys.exit("give one --truth for each --evaluation, or none")
    args.truth = args.truth or [None] * len(args.evaluation)
    return args


def main() -> None:
    args = case_arguments(__doc__)
    cases = [case for home in args.homes for case in heldout_cases(home.resolve())]
    for evaluation, store, truth in zip(args.evaluation, args.store, args.truth):
        cases += list(fold_cases(evaluation.resolve(), store.resolve(), args.model, args.n_folds, truth))
    if not cases:
        sys.exit("nothing to sweep: give heldout homes or --evaluation/--store")
    results = {name: sweep(ckpt, store, pairs, GRID) for name, ckpt, store, pairs in cases}
    print("productive AUC / AUC within a moment by the trees' blend weight (* the checkpoint's own)")
    print(f"{'case':<24}" + "".join(f"{w:>14}" for w in GRID))
    for name, (own, by_weight) in results.items():
        print(f"{name:<24}" + "".join(f"{by_weight[w][0]:.3f}/{by_weight[w][1]:.3f}{'*' if w == own else ' '}"
                                      .rjust(14) for w in GRID))
    means = {w: [sum(r[1][w][i] for r in results.values()) / len(results) for i in (0, 1)] for w in GRID}
    print(f"{'mean':<24}" + "".join(f"{means[w][0]:.3f}/{means[w][1]:.3f} ".rjust(14) for w in GRID))


if __name__ == "__main__":
    main()
