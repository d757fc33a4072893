"""Summary of a sweep (e.g. the forward folds ``-m split=kfold data.fold=0,1,2,3,4``): mean and std of
every validation metric of the best checkpoints, written as JSON and a plot into the sweep dir."""

from __future__ import annotations

import json
import logging
import math
from pathlib import Path
from typing import Any

from hydra.experimental.callback import Callback
from omegaconf import DictConfig

log = logging.getLogger(__name__)


def summarize(sweep_dir: str | Path) -> dict[str, Any] | None:
    sweep_dir = Path(sweep_dir)
    runs = []
    for path in sorted(sweep_dir.glob("*/metrics.json")):
        data = json.loads(path.read_text())
        metrics = dict(data.get("best_val_metrics") or data.get("last_epoch_metrics") or {})
        if data.get("best_score") is not None:
            metrics["val/ema_f1_best"] = data["best_score"]
        runs.append({"job": path.parent.name, "fold": data.get("fold"), "metrics": metrics})
    if not runs:
        return None
    keys = sorted({k for r in runs for k in r["metrics"] if k.startswith("val/")})
    stats = {}
    for key in keys:
        values = [r["metrics"][key] for r in runs if key in r["metrics"] and math.isfinite(r["metrics"][key])]
        if values:
            mean = sum(values) / len(values)
            std = math.sqrt(sum((v - mean) ** 2 for v in values) / len(values))
            stats[key] = {"mean": mean, "std": std, "n": len(values)}
    summary = {"sweep_dir": str(sweep_dir), "runs": runs, "stats": stats}
    (sweep_dir / "fold_summary.json").write_text(json.dumps(summary, indent=2, sort_keys=True))
    _plot(summary, sweep_dir / "fold_summary.png")
    return summary


def _plot(summary: dict[str, Any], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    keys = [k for k in ("val/interest_f1", "val/productive_f1", "val/interest_auroc", "val/productive_auroc",
                        "val/ema_f1_best") if k in summary["stats"]]
    if not keys:
        return
    fig, ax = plt.subplots(figsize=(7, 3.5))
    for offset, run in enumerate(summary["runs"]):
        ax.scatter(range(len(keys)), [run["metrics"].get(k, float("nan")) for k in keys], s=18, alpha=0.6,
                   label=f"job {run['job']} (fold {run['fold']})")
    means = [summary["stats"][k]["mean"] for k in keys]
    stds = [summary["stats"][k]["std"] for k in keys]
    ax.errorbar(range(len(keys)), means, yerr=stds, fmt="D", color="black", capsize=4, label="mean ± std")
    ax.set_xticks(range(len(keys)), [k.removeprefix("val/") for k in keys], rotation=15)
    ax.set_ylim(0, 1.05)
    ax.set_title(f"{len(summary['runs'])} runs")
    ax.legend(fontsize=7, loc="lower right")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


class FoldSummary(Callback):
    """Hydra callback: after a multirun, summarise its jobs' metrics.json files."""

    def on_multirun_end(self, config: DictConfig, **kwargs: Any) -> None:
        summary = summarize(config.hydra.sweep.dir)
        if summary:
            for key in ("val/interest_f1", "val/productive_f1"):
                if key in summary["stats"]:
                    s = summary["stats"][key]
                    log.info("%s over %d runs: %.4f ± %.4f", key, s["n"], s["mean"], s["std"])
            log.info("summary: %s", Path(config.hydra.sweep.dir) / "fold_summary.json")
