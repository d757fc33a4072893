"""How other decision rules would have scored on test pairs, without training again.

    .venv/bin/python bench/threshold_sweep.py OUT/runs/default/engineer-s30 OUT/runs/default/student-s31 ...
    .venv/bin/python bench/threshold_sweep.py --store W.sqlite --evaluation EVAL_DIR [--model default] [--n-folds 3]
        [--truth WORLD/labels_truth.csv]

The cases are ``bench/blend_sweep.py``'s: a ``bench/heldout.py`` home (its ``best.ckpt`` scored on its
world's test pairs, against the noise-free truth *and* the person's noisy answers) or a ``vrdndi evaluate
--out`` folder (each fold's checkpoint on its test block, against the person's answers; with ``--truth``
the world's labels_truth.csv, against the noise-free rule and the answers). For each case the
validation pairs that ``python train.py`` chose its threshold on are rebuilt (the labels known before the
run's cut-off, the newest ``split.val_fraction`` as the run's metrics.json says: ``split=holdout``), the checkpoint scores them and the test pairs, and each
rule picks a margin threshold on the validation scores alone:

- ``f1_half`` (the default, ``model.threshold``): a Platt fit, yes at P >= F1* / 2;
- ``f1_max``: the arg-max of the smoothed validation F1;
- ``rate``: say yes as often as the validation answers did;
- ``expected_f1``: the cut that maximises the F1 expected under the Platt probabilities;
- ``platt_half``: P >= 0.5 (accuracy, not F1);
- ``half_and_rate``: the mean of the ``f1_half`` and ``rate`` margins;

and ``best_cut`` is the best test F1 over 99 quantile cuts (hindsight: the ceiling of any rule), ``yes`` says
yes to every pair. The checkpoint's scores already have its own threshold subtracted, so ``f1_half``
reproduces that model's decisions (a check that the validation pairs were rebuilt right). Only the
run's own model is scored: the default ensemble's second model (``checkpoints/member1``) trained on part
of these validation pairs.

This reads test labels, so a rule chosen here is chosen on those persons: check it on new seeds.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from blend_sweep import case_arguments, fold_cases, heldout_cases  # noqa: E402

Rule = Callable[[np.ndarray, np.ndarray], float]


def _platt(margins: np.ndarray, targets: np.ndarray) -> tuple[float, float]:
    from sklearn.linear_model import LogisticRegression

    fit = LogisticRegression(C=1e4, max_iter=1000).fit(margins.reshape(-1, 1), targets)
    return float(fit.coef_[0, 0]), float(fit.intercept_[0])


def rate_threshold(margins: np.ndarray, targets: np.ndarray) -> float:
    return float(np.quantile(margins, 1 - targets.mean()))


def expected_f1_threshold(margins: np.ndarray, targets: np.ndarray) -> float:
    a, b = _platt(margins, targets)
    order = np.argsort(-margins)
    probability = 1 / (1 + np.exp(-(a * margins[order] + b)))
    f1 = 2 * np.cumsum(probability) / (np.arange(1, len(margins) + 1) + probability.sum())
    best = int(np.argmax(f1))
    below = margins[order][best + 1] if best + 1 < len(margins) else margins[order][best] - 1.0
    return float((margins[order][best] + below) / 2)


def platt_half_threshold(margins: np.ndarray, targets: np.ndarray) -> float:
    a, b = _platt(margins, targets)
    return -b / a if a > 1e-6 else float(margins.min()) - 1.0


def rules() -> dict[str, Rule]:
    from vrdndi.models.calibration import best_f1_threshold, half_f1_threshold

    return {
        "f1_half": lambda m, y: half_f1_threshold(m, y)[0],
        "f1_max": lambda m, y: best_f1_threshold(m, y)[0],
        "rate": rate_threshold,
        "expected_f1": expected_f1_threshold,
        "platt_half": platt_half_threshold,
        "half_and_rate": lambda m, y: (half_f1_threshold(m, y)[0] + rate_threshold(m, y)) / 2,
    }


def validation_pairs(store_path: Path, train_until: str | None, checkpoint: Path) -> list[tuple[str, str, int]]:
    """The productive (video id, moment, answer) pairs ``python train.py`` validated on: the newest
    ``split.val_fraction`` (from the run's metrics.json; 0.2 when it is not there) of the labels known
    before ``train_until`` (all labels when None)."""
    from vrdndi.data.samples import known_before, load_samples
    from vrdndi.data.splits import time_split
    from vrdndi.store import PRODUCTIVE, Store

    with Store(store_path, readonly=True) as store:
        samples = load_samples(store)
    if train_until:
        samples = known_before(samples, train_until)
    metrics = checkpoint.parent.parent / "metrics.json"  # <run dir>/checkpoints/best.ckpt
    split_cfg = (json.loads(metrics.read_text()).get("split") or {}) if metrics.is_file() else {}
    split = time_split(samples, kind="holdout", val_fraction=split_cfg.get("val_fraction") or 0.2, purge_hours=6.0)
    return [(samples[i].video_id, samples[i].moment, samples[i].label) for i in split.val
            if samples[i].kind == PRODUCTIVE]


def margins(checkpoint: Path, store_path: Path, pairs: list[tuple[str, str, int]]) -> np.ndarray:
    """The checkpoint's productive logit (its own threshold already subtracted) on ``pairs``."""
    from vrdndi.inference.scorer import load_scorer
    from vrdndi.store import Store

    # the run's own model: an ensemble's second model trained on part of these validation pairs
    scorer = load_scorer(checkpoint, ensemble=False)
    with Store(store_path, readonly=True) as store:
        videos = {v.video_id: v for v in store.videos({vid for vid, _, _ in pairs}, status=None)}
        p = scorer.score(store, [videos[vid] for vid, _, _ in pairs], [m for _, m, _ in pairs], progress=False)[:, 1]
    p = np.clip(p.astype(np.float64), 1e-6, 1 - 1e-6)
    return np.log(p / (1 - p))


def f1(targets: np.ndarray, yes: np.ndarray) -> float:
    tp = float(np.sum(targets * yes))
    return 2 * tp / (float(targets.sum()) + float(yes.sum())) if targets.sum() + yes.sum() else 0.0


def score_case(checkpoint: Path, store_path: Path, val: list, test: list, answers: np.ndarray | None = None
               ) -> dict[str, dict[str, float]]:
    """{rule: {"truth": test F1, "answers": test F1 against the noisy answers (held-out only), "yes_rate": ...}}"""
    if (store_path.parent / "heldout.json").exists():  # a held-out home: its caches, as its predict.py used them
        os.environ["VRDNDI_HOME"] = str(store_path.parent)
    val_margin = margins(checkpoint, store_path, val)
    test_margin = margins(checkpoint, store_path, test)
    val_y = np.array([y for _, _, y in val])
    truth = np.array([y for _, _, y in test])
    out = {}

    def row(yes: np.ndarray) -> dict[str, float]:
        r = {"truth": f1(truth, yes), "yes_rate": float(yes.mean())}
        if answers is not None:
            r["answers"] = f1(answers, yes)
        return r

    for name, rule in rules().items():
        out[name] = row((test_margin >= rule(val_margin, val_y)).astype(np.int64))
    cuts = np.quantile(test_margin, np.linspace(0.01, 0.99, 99))
    best = max(cuts, key=lambda c: f1(truth, (test_margin >= c).astype(np.int64)))
    out["best_cut"] = row((test_margin >= best).astype(np.int64))
    out["yes"] = row(np.ones(len(truth), dtype=np.int64))
    out["_meta"] = {"val_pairs": len(val), "val_yes": float(val_y.mean()), "test_yes": float(truth.mean())}
    return out


def cases(args: argparse.Namespace) -> Iterator[tuple[str, Path, Path, list, list, np.ndarray | None]]:
    from vrdndi.timeutil import iso, parse_time

    for home in args.homes:
        home = home.resolve()
        for name, checkpoint, store, pairs in heldout_cases(home):
            world = Path(json.loads((home / "heldout.json").read_text())["world"])
            with (world / "test_truth.csv").open(encoding="utf-8") as handle:
                noisy = {(t["video_id"], iso(parse_time(t["moment"]))): int(t["productive_noisy"])
                         for t in csv.DictReader(handle)}
            answers = np.array([noisy[(vid, moment)] for vid, moment, _ in pairs])
            yield name, checkpoint, store, validation_pairs(store, None, checkpoint), pairs, answers
    for evaluation, store, truth in zip(args.evaluation, args.store, args.truth):
        evaluation, store = evaluation.resolve(), store.resolve()
        folds = {f"{evaluation.name}/fold{row['fold']}": row["train_until"]
                 for row in json.loads((evaluation / "evaluation.json").read_text())["folds"]}
        said = {name: pairs for name, _, _, pairs in fold_cases(evaluation, store, args.model, args.n_folds)}
        for name, checkpoint, store_path, pairs in fold_cases(evaluation, store, args.model, args.n_folds, truth):
            answers = np.array([label for _, _, label in said[name]]) if truth is not None else None
            yield name, checkpoint, store_path, validation_pairs(store_path, folds[name], checkpoint), pairs, answers


def main() -> None:
    args = case_arguments(__doc__)
    results = {}
    for name, checkpoint, store, val, test, answers in cases(args):
        results[name] = score_case(checkpoint, store, val, test, answers)
    if not results:
        sys.exit("nothing to sweep: give heldout homes or --evaluation/--store")
    names = [k for k in next(iter(results.values())) if not k.startswith("_")]
    print("productive F1 by decision rule: against the truth (held-out, or folds with --truth) or the answers "
          "(folds without it); [against the noisy answers, where the truth was scored]; yes-rate")
    print(f"{'case':<22}{'val n / yes / test yes':>24}" + "".join(f"{n:>22}" for n in names))
    for case, row in results.items():
        meta = row["_meta"]
        cells = "".join((f"{row[n]['truth']:.3f}" + (f" [{row[n]['answers']:.3f}]" if "answers" in row[n] else "")
                         + f" {row[n]['yes_rate']:.2f}").rjust(22) for n in names)
        sizes = f"{meta['val_pairs']} / {meta['val_yes']:.2f} / {meta['test_yes']:.2f}"
        print(f"{case:<22}{sizes:>24}{cells}")
    for column in ("truth", "answers"):
        rows = [r for r in results.values() if column in r[names[0]]]
        if rows:
            print(f"{'mean (' + column + ', ' + str(len(rows)) + ')':<46}"
                  + "".join(f"{np.mean([r[n][column] for r in rows]):.3f}".rjust(22) for n in names))


if __name__ == "__main__":
    main()
