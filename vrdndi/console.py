"""What the terminal shows: one line per log message, vrdndi's own lines at INFO, everything else from
WARNING up (unless ``verbose``), no third-party Python warnings (unless ``verbose``), and the small table of
the best checkpoint's metrics that ends a training run.

Used by every entry point (``vrdndi.cli.entry``): the four scripts and the ``vrdndi`` command.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import logging
import sys
import warnings
from collections.abc import Mapping
from pathlib import Path
from typing import Any, TextIO

OWN_LOGGERS = ("vrdndi", "__main__")
# Chatty below ERROR even when they warn: aw-transform logs a WARNING per overlapping event
# (hundreds on a real export); the merge itself is what vrdndi wants.
FLOODS = ("aw_transform.flood",)
_PACKAGE_DIR = str(Path(__file__).resolve().parent)
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
_DATEFMT = "%H:%M:%S"


_state = {"verbose": False}
# Libraries that add a console handler of their own at import (Lightning, unconditionally, on a logger that
# also propagates to the root: every line twice) and set their level to INFO.
LOUD_AT_IMPORT = ("lightning",)


class _QuietAfterImport(importlib.abc.MetaPathFinder):
    """Re-applies ``setup_logging`` right after a ``LOUD_AT_IMPORT`` package is imported, whenever that is
    (a sub-command or the website's refresh imports Lightning long after the console was set up)."""

    def find_spec(self, name: str, path: Any, target: Any = None) -> Any:
        if name not in LOUD_AT_IMPORT:
            return None
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        if spec is None or spec.loader is None or not hasattr(spec.loader, "exec_module"):
            return spec
        original = spec.loader.exec_module

        def exec_module(module: Any) -> None:
            original(module)
            setup_logging(verbose=_state["verbose"])

        spec.loader.exec_module = exec_module
        return spec


def _watch_loud_imports() -> None:
    if not any(isinstance(f, _QuietAfterImport) for f in sys.meta_path):
        sys.meta_path.insert(0, _QuietAfterImport())


def setup_logging(*, verbose: bool = False, stream: TextIO | None = None) -> None:
    """Configure logging for a console run. Keeps a handler that is already on the root logger (Hydra's
    job logging: console + the run's log file) and adds one on stderr when there is none.

    - one line per message: a library logger with its own console handler that also propagates to the
      root (Lightning's when it was imported before logging was configured) loses that handler;
    - ``vrdndi`` at INFO (DEBUG when verbose), every other logger at WARNING (DEBUG when verbose);
    - third-party Python warnings are not shown unless verbose (vrdndi's own still are).
    """
    _state["verbose"] = verbose
    _watch_loud_imports()
    root = logging.getLogger()
    if not root.handlers:
        handler = logging.StreamHandler(stream or sys.stderr)
        handler.setFormatter(logging.Formatter(_FORMAT, _DATEFMT))
        root.addHandler(handler)
    root.setLevel(logging.DEBUG if verbose else logging.WARNING)
    for name in OWN_LOGGERS:
        logging.getLogger(name).setLevel(logging.DEBUG if verbose else logging.INFO)
    for name, logger in list(logging.root.manager.loggerDict.items()):
        if not isinstance(logger, logging.Logger) or name.split(".")[0] in OWN_LOGGERS:
            continue
        _drop_duplicate_console_handlers(logger)
        if logger.level != logging.NOTSET:  # libraries that set their own level (Lightning: INFO)
            logger.setLevel(logging.DEBUG if verbose else logging.WARNING)
    for name in FLOODS:
        logging.getLogger(name).setLevel(logging.DEBUG if verbose else logging.ERROR)
    quiet_library_warnings(verbose=verbose)


def _drop_duplicate_console_handlers(logger: logging.Logger) -> None:
    if not logger.propagate or not logging.getLogger().handlers:
        return
    for handler in list(logger.handlers):
        if isinstance(handler, logging.StreamHandler) and not isinstance(handler, logging.FileHandler):
            logger.removeHandler(handler)


def quiet_library_warnings(*, verbose: bool = False) -> None:
    """Show Python warnings raised from vrdndi's own code; log the others at DEBUG (``verbose`` shows all)."""
    if verbose:
        warnings.showwarning = _ORIGINAL_SHOWWARNING
        return
    warnings.showwarning = _show_own_warnings


_ORIGINAL_SHOWWARNING = warnings.showwarning


def _show_own_warnings(message: Any, category: type, filename: str, lineno: int, file: Any = None,
                       line: str | None = None) -> None:
    if str(filename).startswith(_PACKAGE_DIR):
        _ORIGINAL_SHOWWARNING(message, category, filename, lineno, file, line)
    else:
        logging.getLogger("vrdndi.warnings").debug("%s: %s (%s:%s)", category.__name__, message, filename, lineno)


# -- the end of a training run -------------------------------------------------------------------------
METRIC_ROWS = (  # (label, key in the validation metrics)
    ("interest F1", "val/interest_f1"),
    ("interest AUROC", "val/interest_auroc"),
    ("productive F1", "val/productive_f1"),
    ("productive AUROC", "val/productive_auroc"),
    ("validation loss", "val/loss"),
)


def metrics_table(result: Mapping[str, Any]) -> str:
    """A small table of the best checkpoint's validation metrics (``vrdndi.train.run``'s result), or ''
    when the run saved no best checkpoint."""
    best = result.get("best_ckpt")
    if not best:
        return ""
    metrics = dict(result.get("best_val_metrics") or {})
    rows: list[tuple[str, str]] = []
    if result.get("best_score") is not None:
        rows.append(("EMA-F1 (chooses the best)", f"{float(result['best_score']):.3f}"))
    known = set()
    for label, key in METRIC_ROWS:
        value = _metric(metrics, key)
        if value is not None:
            rows.append((label, f"{value:.3f}"))
            known.add(key)
    if not metrics:  # test_best=false: the last epoch's numbers, said so
        last = dict(result.get("last_epoch_metrics") or {})
        for label, key in METRIC_ROWS:
            value = _metric(last, key)
            if value is not None:
                rows.append((f"{label} (last epoch)", f"{value:.3f}"))
    counts = f"{result.get('n_train', '?')} train / {result.get('n_val', '?')} validation labels"
    width = max(len(label) for label, _ in rows) if rows else 10
    lines = [f"best checkpoint (epoch {result.get('best_epoch', '?')}, {counts}):"]
    lines += [f"  {label:<{width}}  {value:>6}" for label, value in rows]
    lines.append(f"  {best}")
    members = [m.get("best_ckpt") for m in result.get("ensemble") or []]
    if members:  # train.py ensemble: scored together with the run's own checkpoint
        lines.append(f"  + {len(members)} more ensemble member{'s' if len(members) > 1 else ''}, scored with it "
                     f"(mean of the logits): {', '.join(map(str, members))}")
    return "\n".join(lines)


def _metric(metrics: Mapping[str, Any], key: str) -> float | None:
    for name in (key, key.replace("/", "_")):
        if name in metrics and metrics[name] is not None:
            return float(metrics[name])
    return None
