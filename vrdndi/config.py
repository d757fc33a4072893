"""The Hydra config tree and its resolvers.

The tree is ``conf/`` at the repository root (the one place users read and edit); an installed wheel
carries a copy as ``vrdndi/conf`` (pyproject.toml maps it), which is used when present.

Entry scripts use ``@hydra.main(config_path=CONF_DIR, ...)``; the ``vrdndi`` command, the apps and
tests use ``compose("vrdndi", overrides)``, which gives the same config without a Hydra run.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from omegaconf import DictConfig, OmegaConf

from vrdndi import paths

VERSION_BASE = "1.3"
_PACKAGED_CONF = Path(__file__).resolve().parent / "conf"  # inside an installed wheel
CONF_DIR = str(_PACKAGED_CONF if _PACKAGED_CONF.is_dir() else Path(__file__).resolve().parent.parent / "conf")


def _register_resolvers() -> None:
    if not OmegaConf.has_resolver("vrdndi"):
        # ${vrdndi:data_home} -> vrdndi.paths.data_home() (honours $VRDNDI_HOME at resolve time)
        OmegaConf.register_new_resolver("vrdndi", lambda what: str(getattr(paths, what)()))


_register_resolvers()


def compose(config_name: str = "vrdndi", overrides: list[str] | None = None, *,
            return_hydra_config: bool = False) -> DictConfig:
    """Compose ``conf/<config_name>.yaml`` with overrides, outside a Hydra run.

    ``hydra:`` interpolations (the run dir) are not available here; use it for settings only.
    """
    from hydra import compose as hydra_compose
    from hydra import initialize_config_dir
    from hydra.core.global_hydra import GlobalHydra

    if not Path(CONF_DIR).is_dir():
        from vrdndi.errors import VrdndiError
        raise VrdndiError(f"config folder {CONF_DIR} not found: reinstall vrdndi (pip install .) or run it "
                          "from a source checkout (pip install -e .)")
    GlobalHydra.instance().clear()
    with initialize_config_dir(config_dir=CONF_DIR, version_base=VERSION_BASE):
        cfg = hydra_compose(config_name=config_name, overrides=list(overrides or []),
                           return_hydra_config=return_hydra_config)
    return cfg


def compose_checked(config_name: str = "vrdndi", overrides: list[str] | None = None) -> DictConfig:
    """``compose`` and then ``vrdndi.config_checks.check``: typed settings, a bad value is one line."""
    from vrdndi.config_checks import check

    return check(compose(config_name, overrides))


def compose_run(config_name: str, overrides: list[str] | None, run_dir: str | Path) -> DictConfig:
    """Compose a config that reads ``${hydra:runtime.output_dir}`` (train's) for a run in ``run_dir``
    outside ``@hydra.main`` (the evaluation, tests): Hydra's run-time config is set as a Hydra run would."""
    from hydra.core.hydra_config import HydraConfig
    from omegaconf import open_dict

    cfg = compose(config_name, overrides, return_hydra_config=True)
    Path(run_dir).mkdir(parents=True, exist_ok=True)
    with open_dict(cfg):
        cfg.hydra.runtime.output_dir = str(run_dir)
        cfg.hydra.job.num = 0
    HydraConfig.instance().set_config(cfg)
    with open_dict(cfg):
        del cfg["hydra"]
    return cfg


def command_settings(args: Any) -> DictConfig:
    """The settings of a ``vrdndi`` sub-command: ``conf/vrdndi.yaml`` with the command's ``overrides`` (and
    ``--store FILE`` as ``paths.store``), typed and checked; a bad override is one ``VrdndiError`` line."""
    overrides = list(getattr(args, "overrides", None) or [])
    if getattr(args, "store", None):
        overrides.append(f"paths.store={args.store}")
    return compose_or_explain("vrdndi", overrides)


def compose_or_explain(config_name: str, overrides: list[str]) -> Any:
    """``compose`` + ``config_checks.check``, with Hydra's composition errors as a one-line ``VrdndiError``."""
    from hydra.errors import HydraException
    from omegaconf.errors import OmegaConfBaseException

    from vrdndi.errors import VrdndiError

    try:
        return compose_checked(config_name, overrides)
    except (HydraException, OmegaConfBaseException) as exc:
        raise VrdndiError(explain_composition_error(exc)) from exc


def explain_composition_error(exc: BaseException) -> str:
    """Hydra's multi-line message in one line: ``model=hybird``: 'model/hybird' not found; options: ..."""
    from hydra.errors import MissingConfigException

    text = str(exc)
    if isinstance(exc, MissingConfigException) and getattr(exc, "options", None):
        missing = str(getattr(exc, "missing_cfg_file", "") or "").strip()
        group, _, option = missing.rpartition("/")
        what = f"{group}={option}" if group else missing
        return (f"{what}: no such option in config group '{group}'; choose one of "
                f"{', '.join(exc.options)}")
    unknown = re.match(r"Could not override '([^']+)'", text)
    if unknown:
        key = unknown.group(1)
        return f"{key}: no such setting (check its spelling with --cfg job; +{key}=... adds a new key on purpose)"
    first = text.split("\nConfig search path")[0].split("\n\n")[0]
    return " ".join(first.split()) + ("" if "override" in first else " (check the spelling of the override)")
