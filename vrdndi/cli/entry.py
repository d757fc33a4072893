"""The one entry module: what ``train.py``, ``predict.py``, ``serve.py``, ``label_app.py`` and the ``vrdndi``
command share.

- ``offline_environment()``: never reach for a model hub at run time (every model is packaged or cached);
  applied by every entry point before anything imports transformers.
- ``user_errors(prog)``: the one guard. A ``VrdndiError`` (a problem the user can fix) is one line on stderr
  and exit 2; anything else keeps its traceback.
- ``hydra_script(...)``: a Hydra script. Its settings are composed once first (``vrdndi.config.compose``),
  so a bad override (``model=hybird``, ``web.port=abc``) is that one line too, not Hydra's message and
  exit 1. Scripts that write no run folder (predict, serve) get no Hydra output dir, ``.hydra/`` or log
  file; a failed training run removes the run folder Hydra made for it when it holds no checkpoint.
- ``verbose=true`` (any script; ``vrdndi -v``): third-party log lines and warnings are shown.
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from vrdndi.errors import VrdndiError

OFFLINE_ENV = {
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "TOKENIZERS_PARALLELISM": "false",
    "HF_HUB_DISABLE_TELEMETRY": "1",
}
# Hydra outputs for scripts that keep nothing of their own: no run folder, no .hydra/, no log file.
NO_HYDRA_OUTPUTS = ("hydra.run.dir=.", "hydra.output_subdir=null", "hydra/job_logging=stdout")
# Hydra flags that do not run the task (they print and exit): Hydra answers them itself.
_HYDRA_ONLY = {"help", "hydra_help", "version", "cfg", "info", "shell_completion", "experimental_rerun"}
VERBOSE_ARGS = ("verbose=true", "verbose=True", "verbose=1", "verbose=yes")
QUIET_ARGS = ("verbose=false", "verbose=False", "verbose=0", "verbose=no")

log = logging.getLogger(__name__)


def offline_environment() -> None:
    """Set the offline/no-telemetry environment (``setdefault``: an explicit user setting wins)."""
    for key, value in OFFLINE_ENV.items():
        os.environ.setdefault(key, value)


def user_error_line(prog: str, err: BaseException) -> str:
    return f"{prog}: error: {' '.join(str(err).split())}"


@contextmanager
def user_errors(prog: str) -> Iterator[None]:
    """The one guard: a ``VrdndiError`` inside is one line ``<prog>: error: ...`` on stderr and exit 2."""
    try:
        yield
    except VrdndiError as err:
        log.debug("user error", exc_info=True)
        print(user_error_line(prog, err), file=sys.stderr, flush=True)
        raise SystemExit(2) from None


def guarded(fn: Callable[..., Any], *args: Any, prog: str = "vrdndi", **kwargs: Any) -> Any:
    """``fn(*args, **kwargs)`` inside ``user_errors(prog)``."""
    with user_errors(prog):
        return fn(*args, **kwargs)


def take_verbose(argv: list[str]) -> tuple[list[str], bool]:
    """``verbose=true`` is the console's setting, not the config's: remove it from the overrides."""
    verbose = False
    rest = []
    for arg in argv:
        if arg in VERBOSE_ARGS:
            verbose = True
        elif arg not in QUIET_ARGS:
            rest.append(arg)
    return rest, verbose


# -- Hydra scripts ----------------------------------------------------------------------------------
def check_overrides(prog: str, config_name: str, argv: list[str]) -> None:
    """Compose ``config_name`` with the command line's overrides once, before Hydra runs: a bad override
    (unknown option, typo in a group, a value of the wrong type or range) is one line and exit 2."""
    from hydra._internal.utils import get_args_parser

    try:
        args = get_args_parser().parse_args(argv)
    except SystemExit:
        raise SystemExit(2) from None  # argparse printed its one-line usage error
    if any(getattr(args, flag, None) for flag in _HYDRA_ONLY) or args.multirun:
        return  # Hydra prints help/config itself; a sweep's overrides are lists that compose cannot take
    from vrdndi.config import compose_or_explain

    with user_errors(prog):
        compose_or_explain(config_name, list(args.overrides))


def hydra_script(prog: str, config_name: str, task: Callable[[Any], Any], *, writes_run_dir: bool = True,
                 after: Callable[[Any, Any], None] | None = None, returns: Callable[[Any], Any] | None = None,
                 imports: tuple[str, ...] = (), argv: list[str] | None = None) -> None:
    """Run ``task(cfg)`` as a Hydra app on ``conf/<config_name>.yaml`` with the one guard, the offline
    environment and the quiet console. ``writes_run_dir=False``: Hydra writes nothing (predict, serve).
    ``after(cfg, result)`` runs when the task succeeded (train prints its metrics table); ``returns(result)``
    is what Hydra gets back (a sweeper's objective: train's best score). ``imports``: libraries the task
    uses that add their own log handlers and levels at import (Lightning): imported before the console is
    set up, so that their lines are shown once, and only from WARNING up."""
    import hydra

    from vrdndi.config import CONF_DIR, VERSION_BASE

    offline_environment()
    argv = list(sys.argv[1:] if argv is None else argv)
    argv, verbose = take_verbose(argv)
    from vrdndi.console import quiet_library_warnings

    quiet_library_warnings(verbose=verbose)
    check_overrides(prog, config_name, argv)
    # the job is named after the script (its log file: train.log), not this module
    # (appended: argparse takes overrides after the flags; one the user gave himself wins)
    given = {a.split("=", 1)[0] for a in argv if "=" in a}
    extra = [f"hydra.job.name={Path(prog).stem}"]
    if (Path(CONF_DIR) / "hydra" / "help" / f"{Path(prog).stem}.yaml").is_file():
        extra.append(f"hydra/help={Path(prog).stem}")  # --help names this script's groups only
    if not writes_run_dir and "-m" not in argv and "--multirun" not in argv:
        extra += NO_HYDRA_OUTPUTS
    argv = [*argv, *(a for a in extra if a.split("=", 1)[0] not in given)]

    def main(cfg: Any) -> Any:
        import importlib

        from vrdndi.console import setup_logging

        try:
            with user_errors(prog):
                from vrdndi.config_checks import check

                check(cfg)  # typed settings (before torch is even imported)
                for name in imports:
                    importlib.import_module(name)
                setup_logging(verbose=verbose)
                result = task(cfg)
        except BaseException:
            if writes_run_dir:
                remove_failed_run_dir()
            raise
        if after is not None:
            after(cfg, result)
        return returns(result) if returns is not None else result

    main.__module__ = "__main__"
    sys.argv = [sys.argv[0], *argv]
    hydra.main(version_base=VERSION_BASE, config_path=CONF_DIR, config_name=config_name)(main)()


def remove_failed_run_dir() -> Path | None:
    """After a failed job: remove the Hydra run folder when it holds nothing but Hydra's own files (no
    checkpoint, no metrics). Returns the removed folder, or None."""
    try:
        from hydra.core.hydra_config import HydraConfig

        out = Path(HydraConfig.get().runtime.output_dir)
    except Exception:  # not inside a Hydra run
        return None
    if not out.is_dir() or out.resolve() == Path.cwd().resolve():
        return None
    keep = [p for p in out.rglob("*") if p.is_file() and p.suffix in (".ckpt", ".json", ".csv")
            and ".hydra" not in p.parts]
    if keep:
        return None
    logging.shutdown()  # the run's log file handler lets go of train.log
    shutil.rmtree(out, ignore_errors=True)
    for parent in (out.parent, out.parent.parent):  # runs/train/, runs/ when this was their only run
        try:
            parent.rmdir()
        except OSError:
            break
    return out


# -- the four scripts ---------------------------------------------------------------------------------
def train_main() -> None:
    """``python train.py``."""
    def task(cfg: Any) -> Any:
        from vrdndi.train import run

        return run(cfg)

    def after(cfg: Any, result: Any) -> None:
        from vrdndi.console import metrics_table

        table = metrics_table(result) if isinstance(result, dict) else ""
        if table:
            print(table, flush=True)

    # Lightning's model summary is printed, not logged: shown with verbose=true only
    extra = [] if take_verbose(sys.argv[1:])[1] else ["++trainer.enable_model_summary=false"]
    hydra_script("train.py", "train", task, after=after, returns=_best_score,
                 imports=("lightning.pytorch", "transformers"), argv=[*sys.argv[1:], *extra])


def _best_score(result: Any) -> Any:
    return result.get("best_score") if isinstance(result, dict) else None


def predict_main() -> None:
    """``python predict.py``."""
    def task(cfg: Any) -> Any:
        from vrdndi.inference import run

        return run(cfg)

    hydra_script("predict.py", "predict", task, writes_run_dir=False, imports=("lightning.pytorch",))


def serve_main() -> None:
    """``python serve.py``."""
    def task(cfg: Any) -> Any:
        from vrdndi.apps import web

        return web.run(cfg)

    hydra_script("serve.py", "serve", task, writes_run_dir=False)


LABEL_HELP = """python label_app.py [paths=demo] [paths.store=FILE] [port=8501] [verbose=true]

Starts the interest labeller on http://127.0.0.1:8501/ (loopback only, no usage statistics, no file
watcher): it walks through your watch history and liked/disliked videos, newest first; answer Interest or
Uninterest (or Skip); Previous, Undo and Load data do what they say. Answers are interest labels in the
store (source labeler), used by the next python train.py. Settings: conf/label.yaml.
From the repository folder, streamlit run label_app.py [-- overrides] works too.
A bad setting is one line, exit 2."""


def label_main(script: str) -> None:
    """``python label_app.py``: starts Streamlit's server on 127.0.0.1 (``vrdndi.apps.labeler.launch``)."""
    offline_environment()
    argv, verbose = take_verbose(sys.argv[1:])
    if any(a in ("-h", "--help") for a in argv):
        print(LABEL_HELP)
        raise SystemExit(0)
    from vrdndi.console import setup_logging

    setup_logging(verbose=verbose)
    from vrdndi.config import compose_or_explain

    with user_errors("label_app.py"):
        compose_or_explain("label", argv)
    from vrdndi.apps import labeler

    raise SystemExit(labeler.launch(script, argv))
