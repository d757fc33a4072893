"""Which checkpoint ``ckpt=...`` means: ``best`` | ``last`` | a run name | a path to a ``.ckpt``.

Training records its latest run in the store registry (``train.last_run``); when that entry is
missing or points at a deleted file, the run folders under ``paths.runs`` are scanned (each run dir
holds ``checkpoints/best.ckpt`` and ``checkpoints/last.ckpt``), and only runs trained on *this* store
count: the run's ``metrics.json`` names the store's identity (``store_id``, ``Store.store_id``), or, for
a run from before that, its ``.hydra/config.yaml`` names the store file. A run of another store (the
demo's, next to a person's own) never serves this one; with none left, ``best``/``last`` are a miss and
predict falls back to the cold-start feed, saying so in one line. A miss lists what was tried.
The registry is data (``vrdndi import`` brings one in), so a file it names is taken only inside
``paths.runs``; a path given as ``ckpt=PATH`` is the user's own choice. Either way the file is loaded
with ``torch.load(weights_only=True)`` (``vrdndi.models.restore``): no code in it runs.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path

from vrdndi.errors import NotAvailableError
from vrdndi.store import Store

log = logging.getLogger(__name__)

LAST_RUN_KEY = "train.last_run"
ALIASES = {"best": "best.ckpt", "last": "last.ckpt"}
COLD_START = "cold-start"
EVALUATE_TASK = "evaluate"  # vrdndi evaluate's fold runs (trained on part of the labels, record_run=false)


class CheckpointNotFound(NotAvailableError):
    """No checkpoint matches ``ckpt=...``; the message lists every place that was tried."""

    def __init__(self, spec: str, tried: list[str]):
        self.spec = spec
        self.tried = tried
        super().__init__(f"no checkpoint for ckpt={spec}: tried {'; '.join(tried)}. "
                         f"Train one with `python train.py`, or pass ckpt=PATH/TO/file.ckpt")


@dataclass(frozen=True)
class ResolvedCheckpoint:
    path: Path  # absolute
    how: str  # where it came from, for the log line


def resolve_checkpoint(spec: str, *, runs_dir: str | Path, store: Store | None = None) -> ResolvedCheckpoint:
    """``spec`` -> an existing checkpoint file, or ``CheckpointNotFound`` naming what was tried."""
    spec = str(spec).strip()
    runs = Path(runs_dir).expanduser()
    tried: list[str] = []
    if spec in ALIASES:
        which = spec
        entry = store.get(LAST_RUN_KEY) if store is not None else None
        if isinstance(entry, dict) and entry.get(f"{which}_ckpt"):
            path = Path(str(entry[f"{which}_ckpt"])).expanduser()
            if not _inside(path, runs):
                # the registry is data (an imported export carries one): it may only name our own runs
                tried.append(f"registry {LAST_RUN_KEY}.{which}_ckpt={path} (outside {runs}: refused; "
                             f"pass ckpt={path} to use it)")
            elif path.is_file():
                return ResolvedCheckpoint(path.resolve(), f"registry {LAST_RUN_KEY}.{which}_ckpt")
            else:
                tried.append(f"registry {LAST_RUN_KEY}.{which}_ckpt={path} (file missing)")
        elif store is not None:
            tried.append(f"registry {LAST_RUN_KEY} in {store.path} (no entry)")
        found = run_checkpoints(runs, ALIASES[which])
        own = [p for p in found if store is None or trained_on(p, store)]
        newest = _newest(own)
        if newest is not None:
            return ResolvedCheckpoint(newest.resolve(), f"newest run of this store under {runs}")
        others = len(found) - len(own)
        tried.append(f"{runs}/**/checkpoints/{ALIASES[which]} (" + (
            f"{others} of other stores, e.g. the demo's, not used for {store.path.name}" if others else "none") + ")")
        raise CheckpointNotFound(spec, tried)

    as_path = Path(spec).expanduser()
    if as_path.is_file():
        return ResolvedCheckpoint(as_path.resolve(), "path")
    if as_path.is_dir() and (as_path / "checkpoints" / "best.ckpt").is_file():
        return ResolvedCheckpoint((as_path / "checkpoints" / "best.ckpt").resolve(), "run folder")
    tried.append(f"file {as_path}" + (" (no checkpoints/best.ckpt inside)" if as_path.is_dir() else " (missing)"))
    if spec.endswith(".ckpt"):
        raise CheckpointNotFound(spec, tried)

    matches = runs_named(runs, spec)
    if len(matches) == 1:
        return ResolvedCheckpoint(matches[0].resolve(), f"run {spec!r} under {runs}")
    if len(matches) > 1:
        names = ", ".join(str(m.parent.parent.relative_to(runs)) for m in matches[:5])
        raise NotAvailableError(f"ckpt={spec} matches {len(matches)} runs under {runs} ({names}); "
                                "name one of them, e.g. ckpt=<timestamp>/<job num>, or pass a path")
    tried.append(f"a run named {spec!r} under {runs} (none)")
    raise CheckpointNotFound(spec, tried)


def _inside(path: Path, folder: Path) -> bool:
    """True when ``path`` (links resolved) lies inside ``folder``."""
    return path.resolve().is_relative_to(folder.resolve())


def run_checkpoints(runs_dir: Path, filename: str) -> list[Path]:
    """Every ``<run dir>/checkpoints/<filename>`` under ``runs_dir`` (any depth: multirun job dirs too)."""
    if not runs_dir.is_dir():
        return []
    return sorted(p for p in runs_dir.glob(f"**/checkpoints/{filename}") if p.is_file())


def newest_run_checkpoint(runs_dir: Path, filename: str) -> Path | None:
    """The ``filename`` of the most recently written run (by file time, then path for a stable tie)."""
    return _newest(run_checkpoints(runs_dir, filename))


def _newest(found: list[Path]) -> Path | None:
    if not found:
        return None
    return max(found, key=lambda p: (p.stat().st_mtime_ns, str(p)))


def run_store(run_dir: Path) -> tuple[str, str]:
    """(store identity, store file) a run says it was trained on; '' where it does not say.

    ``metrics.json``'s ``store_id`` (training writes it); else the store file of the run's Hydra config
    (``.hydra/config.yaml``, ``data.store``), for runs from before the identity was recorded."""
    store_id = ""
    try:
        metrics = json.loads((run_dir / "metrics.json").read_text(encoding="utf-8"))
        if isinstance(metrics, dict):
            if metrics.get("record_run") is False or metrics.get("task_name") == EVALUATE_TASK:
                return "", ""  # a fold model of `vrdndi evaluate` (part of the labels) never serves the feed
            store_id = str(metrics.get("store_id") or "")
    except (OSError, ValueError):
        pass
    store_file = ""
    config = run_dir / ".hydra" / "config.yaml"
    if not store_id and config.is_file():
        try:
            from omegaconf import OmegaConf

            import vrdndi.config  # noqa: F401  (registers the ${vrdndi:...} resolver the paths use)

            value = OmegaConf.select(OmegaConf.load(config), "data.store", default=None)
            store_file = str(value or "")
        except Exception:  # an unreadable or unresolvable config says nothing about the store
            store_file = ""
    return store_id, store_file


def trained_on(checkpoint: Path, store: Store) -> bool:
    """True when the run of ``checkpoint`` (``<run dir>/checkpoints/x.ckpt``) was trained on ``store``."""
    store_id, store_file = run_store(checkpoint.parent.parent)
    if store_id:
        return store_id == store.store_id
    if store_file:
        try:
            return Path(store_file).expanduser().resolve() == Path(store.path).expanduser().resolve()
        except OSError:
            return False
    return False


def runs_named(runs_dir: Path, name: str) -> list[Path]:
    """``best.ckpt`` (else ``last.ckpt``) of runs whose folder is ``name`` or whose path ends with it
    (``2024-05-01_10-00-00_000000`` or ``multirun/2024-.../3``)."""
    wanted = Path(name).parts
    if not wanted:
        return []
    out = []
    for ckpt_dir in sorted(p for p in runs_dir.glob("**/checkpoints") if p.is_dir()) if runs_dir.is_dir() else []:
        run_dir = ckpt_dir.parent
        if run_dir.relative_to(runs_dir).parts[-len(wanted):] != wanted:
            continue
        for filename in ("best.ckpt", "last.ckpt"):
            if (ckpt_dir / filename).is_file():
                out.append(ckpt_dir / filename)
                break
    return out
