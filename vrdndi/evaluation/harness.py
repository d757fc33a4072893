"""``vrdndi evaluate``: forward folds on a store, neural models and cheap baselines side by side.

For fold i of k (the ``split=kfold`` blocks of the store's label timeline): the test set is block i + 1;
every model trains only on labels known before the block's first moment minus the context window (the
purge gap). A neural model is trained exactly as ``python train.py <its overrides>`` would, with
``data.train_until`` at that cut, so it picks its checkpoint and decision threshold on its own holdout
*inside* the training period and never sees the test block; the baselines fit on the same training
labels. Every model is then scored on the same test pairs through its public path (the Scorer for
checkpoints), and the table reports productive F1 / AUC / AUC within a moment, interest F1 / AUC and
training time, per fold and as mean ± std. With ``--truth`` (an evaluation world's ``labels_truth.csv``) the
productive numbers are also reported against the noise-free truth, and a ``truth`` row shows the rule itself
scored against the answers: what knowing the rule exactly would score (``evaluation/truth.py``).
"""

from __future__ import annotations

import argparse
import json
import logging
import math
import time
from collections.abc import Iterable, Sequence
from datetime import timedelta
from pathlib import Path

import numpy as np

from vrdndi.data.samples import Sample, known_before, load_samples
from vrdndi.data.splits import time_split
from vrdndi.errors import VrdndiError
from vrdndi.evaluation.baselines import BASELINES, feature_table, fit_predict, zone_setting
from vrdndi.evaluation.metrics import head_metrics
from vrdndi.evaluation.truth import Truth, load_truth, with_truth
from vrdndi.store import INTEREST, PRODUCTIVE, Store
from vrdndi.timeutil import iso, parse_time

log = logging.getLogger(__name__)

# Neural models by name: train.py overrides on top of the defaults ("default" = `python train.py`).
NEURAL = {
    "default": [],
    "two_tower": ["model=two_tower"],
    "hybrid": ["model=hybrid"],
    "base": ["model=base"],
    "two_tower_no_summary": ["model=two_tower", "context.summary.enabled=false"],
    "hybrid_no_summary": ["model=hybrid", "context.summary.enabled=false"],
}
METRICS = ("productive_f1", "productive_auc", "productive_auc_moment", "interest_f1", "interest_auc", "train_s")
TRUTH_METRICS = ("productive_f1_truth", "productive_auc_truth", "productive_auc_moment_truth")


def score_samples(store: Store, scorer, samples: Sequence[Sample]) -> np.ndarray:
    """[n, 2] = (P(interest), P(right moment)) of each sample's video at its moment, via the Scorer."""
    videos = {v.video_id: v for v in store.videos({s.video_id for s in samples}, status=None)}
    return scorer.score(store, [videos[s.video_id] for s in samples], [s.moment for s in samples], progress=False)


def metrics_of(samples: Sequence[Sample], scores: np.ndarray) -> dict[str, float]:
    out: dict[str, float] = {}
    for kind, column in ((PRODUCTIVE, 1), (INTEREST, 0)):
        idx = [i for i, s in enumerate(samples) if s.kind == kind]
        targets = [samples[i].label for i in idx]
        moments = [samples[i].moment for i in idx] if kind == PRODUCTIVE else None
        out.update(head_metrics(kind, targets, scores[idx, column] if idx else [], moments))
    return out


def truth_metrics(truth_samples: Sequence[Sample], samples: Sequence[Sample], scores: np.ndarray) -> dict[str, float]:
    """The productive metrics of ``scores`` (rows of ``samples``) against ``truth_samples`` (``with_truth``)."""
    rows = [i for i, s in enumerate(samples) if s.kind == PRODUCTIVE]
    metrics = head_metrics(PRODUCTIVE, [s.label for s in truth_samples], scores[rows, 1],
                           [s.moment for s in truth_samples])
    return {f"{k}_truth": v for k, v in metrics.items()}


def truth_row(test: Sequence[Sample], truth_samples: Sequence[Sample]) -> dict[str, float]:
    """The noise-free rule read as a model (P = 1 where the truth says yes), scored against the answers
    (and, trivially perfect, against itself); it predicts no interest."""
    rule = np.array([[float("nan"), s.label] for s in truth_samples]).reshape(-1, 2)
    productive = [s for s in test if s.kind == PRODUCTIVE]
    answers = head_metrics(PRODUCTIVE, [s.label for s in productive], rule[:, 1], [s.moment for s in productive])
    return {**answers, "interest_f1": float("nan"), "interest_auc": float("nan"), "train_s": 0.0,
            **truth_metrics(truth_samples, productive, rule)}


def train_neural(store_path: str, overrides: list[str], train_until: str, run_dir: Path) -> tuple[str, float]:
    """Train as ``python train.py`` with ``overrides`` on labels known before ``train_until``:
    (best checkpoint path, seconds)."""
    from vrdndi.config import compose_run
    from vrdndi.train import run

    cfg = compose_run("train", [f"data.store={store_path}", f"data.train_until={train_until}", "logger=none",
                                "task_name=evaluate", "test_best=false", "record_run=false", *overrides],
                      run_dir)
    started = time.perf_counter()
    result = run(cfg)
    seconds = time.perf_counter() - started
    if not result.get("best_ckpt"):
        raise VrdndiError(f"training in {run_dir} saved no checkpoint")
    return result["best_ckpt"], seconds


def evaluate(store_path: str | Path, *, n_folds: int = 3, models: Sequence[str] = ("default",),
             baselines: Sequence[str] = BASELINES, overrides: Sequence[str] = (), out_dir: str | Path,
             purge_hours: float = 6.0, folds: Sequence[int] | None = None,
             truth: str | Path | Truth | None = None) -> dict:
    """Run the evaluation; returns ``{"folds": [...], "summary": {model: {metric: [mean, std]}}}`` and writes
    ``evaluation.json`` (and ``evaluation.png``) into ``out_dir``. ``truth``: a ``labels_truth.csv`` (or its
    loaded dict) to score the productive pairs against the noise-free truth as well."""
    from vrdndi.inference.scorer import load_scorer

    store_path = str(Path(store_path).expanduser())
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    unknown = [m for m in models if m not in NEURAL and "=" not in m]
    if unknown:
        raise VrdndiError(f"unknown model {unknown[0]!r}: use one of {', '.join(NEURAL)} or name=override+override")
    taken = [m.split("=", 1)[0] for m in models if m.split("=", 1)[0] in ("truth", *baselines)]
    if taken:
        raise VrdndiError(f"model name {taken[0]!r} is taken by a row of the table: name it otherwise")
    with Store(store_path) as store:
        samples = load_samples(store)
        videos = {v.video_id: v for v in store.videos({s.video_id for s in samples}, status=None)}
        events = store.all_events()
    if not samples:
        raise VrdndiError(f"{store_path} has no labels to evaluate on")
    truth_source = truth if isinstance(truth, (str, Path)) else "the truth"
    if isinstance(truth, (str, Path)):
        truth = load_truth(truth)
    video_cache: dict = {}
    rows = []
    for fold in (folds if folds is not None else range(n_folds)):
        split = time_split(samples, kind="kfold", fold=fold, n_folds=n_folds, purge_hours=purge_hours)
        until = iso(parse_time(split.cut) - timedelta(hours=purge_hours))
        # the neural models see the labels known before `until` (data.train_until); the split would also
        # give a moment-less label from the purge gap to training: the baselines get exactly the same labels
        train = known_before((samples[i] for i in split.train), until)
        test = [samples[i] for i in split.val]
        n_pairs = sum(s.kind == PRODUCTIVE for s in test)
        log.info("fold %d: train on %d labels known before %s, test on %d (%d productive pairs at %d moments)",
                 fold, len(train), until, len(test), n_pairs, len({s.moment for s in test if s.kind == PRODUCTIVE}))
        fold_rows = {"fold": fold, "train_until": until, "n_train": len(train), "n_test": len(test),
                     "n_test_productive": n_pairs, "models": {}}
        truth_test = with_truth(test, truth, truth_source) if truth else None
        if truth_test is not None:
            fold_rows["truth_positive_rate"] = float(np.mean([s.label for s in truth_test])) if truth_test else None
            fold_rows["models"]["truth"] = truth_row(test, truth_test)
            _log_row(fold, "truth", fold_rows["models"]["truth"])
        if baselines:
            started = time.perf_counter()
            tz = zone_setting(overrides)
            train_x = feature_table(train, videos, events, vocab_until=until, tz=tz, video_cache=video_cache)
            test_x = feature_table(test, videos, events, vocab_until=until, tz=tz, video_cache=video_cache)
            feature_s = time.perf_counter() - started
            for name in baselines:
                started = time.perf_counter()
                scores = fit_predict(name, train, train_x, test, test_x)
                fold_rows["models"][name] = {**metrics_of(test, scores),
                                             "train_s": feature_s + time.perf_counter() - started}
                if truth_test is not None:
                    fold_rows["models"][name].update(truth_metrics(truth_test, test, scores))
                _log_row(fold, name, fold_rows["models"][name])
        for name in models:
            if "=" in name and name.split("=", 1)[0] not in NEURAL:
                name, spec = name.split("=", 1)
                model_overrides = [o for o in spec.split("+") if o]
            else:
                model_overrides = list(NEURAL[name])
            ckpt, seconds = train_neural(store_path, [*model_overrides, *overrides], until,
                                         out_dir / f"fold{fold}" / name)
            scorer = load_scorer(ckpt)
            with Store(store_path) as store:
                scores = score_samples(store, scorer, test)
            fold_rows["models"][name] = {**metrics_of(test, scores), "train_s": seconds, "checkpoint": ckpt}
            if truth_test is not None:
                fold_rows["models"][name].update(truth_metrics(truth_test, test, scores))
            _log_row(fold, name, fold_rows["models"][name])
        rows.append(fold_rows)
        _write(out_dir, rows)
    return _write(out_dir, rows)


def split_models(text: str) -> list[str]:
    """``--models`` split at its commas, except those inside brackets: ``default,jit=data.x=[5,15]`` is
    two models (a list value of a Hydra override keeps its commas)."""
    parts, depth, start = [], 0, 0
    for i, char in enumerate(text):
        if char in "[{(":
            depth += 1
        elif char in "]})":
            depth -= 1
        elif char == "," and depth <= 0:
            parts.append(text[start:i])
            start, depth = i + 1, 0
    return [*parts, text[start:]]


def shown_metrics(models: Iterable[dict]) -> tuple[str, ...]:
    """METRICS, + TRUTH_METRICS when any of ``models`` (per-model metric dicts) was scored against the truth."""
    return METRICS + (TRUTH_METRICS if any(TRUTH_METRICS[0] in m for m in models) else ())


def summarize(rows: list[dict]) -> dict[str, dict[str, list[float]]]:
    names = list(dict.fromkeys(n for r in rows for n in r["models"]))
    metrics = shown_metrics(m for r in rows for m in r["models"].values())
    out = {}
    for name in names:
        out[name] = {}
        for metric in metrics:
            values = [r["models"][name].get(metric) for r in rows if name in r["models"]]
            values = [v for v in values if v is not None and not math.isnan(v)]
            out[name][metric] = [float(np.mean(values)), float(np.std(values))] if values else [float("nan")] * 2
    return out


def table(result: dict) -> str:
    """A plain-text table: mean ± std over folds, one model per row (+ the truth columns when scored)."""
    shown = shown_metrics(result["summary"].values())
    header = ["model", "prod F1", "prod AUC", "AUC@moment", "int F1", "int AUC", "train s"]
    header += ["F1 truth", "AUC truth", "@moment truth"][:len(shown) - len(METRICS)]
    lines = [" | ".join(f"{h:>14}" if i else f"{h:<22}" for i, h in enumerate(header))]
    for name, metrics in result["summary"].items():
        cells = [f"{name:<22}"]
        for metric in shown:
            mean, std = metrics[metric]
            cells.append(f"{mean:>8.1f} ± {std:<4.0f}" if metric == "train_s" else f"{mean:>7.3f} ± {std:.3f}")
        lines.append(" | ".join(cells))
    return "\n".join(lines)


def _log_row(fold: int, name: str, metrics: dict) -> None:
    log.info("fold %d %-22s productive F1 %.3f AUC %.3f AUC@moment %.3f | interest F1 %.3f AUC %.3f | %.0f s",
             fold, name, metrics["productive_f1"], metrics["productive_auc"], metrics["productive_auc_moment"],
             metrics["interest_f1"], metrics["interest_auc"], metrics["train_s"])


def _write(out_dir: Path, rows: list[dict]) -> dict:
    result = {"folds": rows, "summary": summarize(rows)}
    (out_dir / "evaluation.json").write_text(json.dumps(result, indent=2, sort_keys=True))
    try:
        _plot(out_dir / "evaluation.png", result)
    except Exception as exc:  # a plot is a convenience; the JSON and the table are the record
        log.warning("could not draw %s: %s", out_dir / "evaluation.png", exc)
    return result


def _plot(path: Path, result: dict) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    names = list(result["summary"])
    shown = tuple(m for m in shown_metrics(result["summary"].values()) if m != "train_s")
    fig, ax = plt.subplots(figsize=(max(6, 1.3 * len(names) * len(shown) / 3), 4))
    width = 0.8 / max(1, len(names))
    for j, name in enumerate(names):
        means = [result["summary"][name][m][0] for m in shown]
        stds = [result["summary"][name][m][1] for m in shown]
        ax.bar(np.arange(len(shown)) + j * width, means, width, yerr=stds, label=name, capsize=2)
    ax.set_xticks(np.arange(len(shown)) + width * (len(names) - 1) / 2)
    ax.set_xticklabels([m.replace("_", " ") for m in shown])
    ax.set_ylim(0, 1)
    ax.set_title(f"forward folds (n={len(result['folds'])}): mean ± std")
    ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.0, 1.0))  # beside the bars, not over them
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def cmd_evaluate(args: argparse.Namespace) -> int:
    from vrdndi import paths
    from vrdndi.timeutil import now_utc

    store = args.store_file or args.store or str(paths.store_path())
    out = Path(args.out) if args.out else paths.data_home() / "runs" / "evaluate" / now_utc().strftime("%Y%m%d-%H%M%S")
    models = [m for m in split_models(args.models or "") if m]
    baselines = [b for b in (args.baselines or "").split(",") if b]
    bad = [b for b in baselines if b not in BASELINES]
    if bad:
        raise VrdndiError(f"unknown baseline {bad[0]!r}: use {', '.join(BASELINES)}")
    folds = [int(f) for f in args.folds.split(",")] if args.folds else None
    result = evaluate(store, n_folds=args.n_folds, models=models, baselines=baselines, overrides=args.override or [],
                      out_dir=out, folds=folds, truth=args.truth)
    print(table(result))
    if args.truth:
        print("(truth: the world's noise-free rule read as a model and scored against the answers, what knowing "
              "the rule exactly would score; the '... truth' columns score each model against that rule)")
    print(f"(forward folds of {store}; details in {out / 'evaluation.json'}, plot {out / 'evaluation.png'})")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("evaluate", help="forward-fold evaluation of neural models and cheap baselines on a store",
                       description="Trains each model on the labels before each forward fold and scores the fold: "
                                   "productive F1 / AUC / AUC within a moment, interest F1 / AUC, training time.")
    p.add_argument("store_file", nargs="?", help="store to evaluate (default: --store or your store)")
    p.add_argument("--n-folds", type=int, default=3, help="forward folds (default 3)")
    p.add_argument("--folds", help="only these folds, e.g. 0,2")
    p.add_argument("--models", default="default",
                   help=f"comma-separated neural models: {', '.join(NEURAL)}, or name=override+override "
                        "(a list value keeps its commas: big=data.x=[5,15]; default: default = what "
                        "`python train.py` trains); empty for baselines only")
    p.add_argument("--baselines", default=",".join(BASELINES), help="comma-separated baselines (empty for none)")
    p.add_argument("-o", "--override", action="append", help="train.py override for every neural model, repeatable")
    p.add_argument("--out", help="folder for evaluation.json/png and the fold checkpoints")
    p.add_argument("--truth", help="an evaluation world's labels_truth.csv: also score the productive pairs against "
                                   "the noise-free truth, and show that truth's own score against the answers")
    p.set_defaults(func=cmd_evaluate)
