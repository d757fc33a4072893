"""The settings the entry points read, typed and range-checked before anything runs.

Each checked config section has a dataclass schema below. ``check(cfg)`` merges every section present in
``cfg`` into its schema (an OmegaConf structured config: ``web.allow_remote=no`` becomes ``False``,
``data.batch_size=2.5`` is refused), checks each value's range from the field's metadata, writes the
typed values back into ``cfg`` and returns it. A wrong type or value is one ``ConfigError`` line naming
the key, the value and what is allowed; the entry points print it and exit 2.

Only the keys a schema lists are checked; a section's other keys (``_target_``, interpolations, keys of
other variants) pass untouched. Every field defaults to ``MISSING``: the yaml files stay the one place
that holds the defaults.

Called by ``train.py``, ``predict.py``, ``vrdndi.apps.web.run`` (``serve.py``) and the ``vrdndi`` command.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, fields
from typing import Any, List, Optional

from omegaconf import MISSING, DictConfig, OmegaConf
from omegaconf.errors import OmegaConfBaseException

from vrdndi.errors import VrdndiError


class ConfigError(VrdndiError):
    """A setting has the wrong type or is out of range."""


def _setting(*, ge: float | None = None, gt: float | None = None, le: float | None = None,
             choices: tuple[str, ...] | None = None, why: str = "") -> Any:
    """A schema field (no default of its own) with its allowed range or choices."""
    return field(default=MISSING, metadata={"ge": ge, "gt": gt, "le": le, "choices": choices, "why": why})


# -- the schemas (one per config section; field names are the yaml keys) --------------------------------
@dataclass
class DataSchema:
    batch_size: int = _setting(ge=1)
    train_num_workers: int = _setting(ge=0)
    eval_num_workers: int = _setting(ge=0)
    n_folds: int = _setting(ge=1)
    fold: int = _setting(ge=0)
    max_labels: Optional[int] = _setting(ge=1, why="or null for all")


@dataclass
class SamplerSchema:
    interest_ratio: float = _setting(ge=0, le=1, why="the share of interest-labelled samples per batch")
    num_samples: Optional[int] = _setting(ge=1, why="or null for the number of training samples")


@dataclass
class TrainerSchema:
    max_epochs: int = _setting(ge=1, why="-1 would train forever")
    accumulate_grad_batches: int = _setting(ge=1)
    gradient_clip_val: Optional[float] = _setting(ge=0)
    log_every_n_steps: int = _setting(ge=1)


@dataclass
class ContextSchema:
    window_hours: float = _setting(gt=0, le=24 * 366, why="hours of app events before the moment")
    max_events: int = _setting(ge=1)
    min_event_s: float = _setting(ge=0)


@dataclass
class PredictSchema:
    days: float = _setting(gt=0, le=3660, why="days of uploads before the moment")
    batch_size: int = _setting(ge=1)
    include_seen: bool = _setting()
    progress: bool = _setting()
    at: Optional[str] = _setting()


@dataclass
class FeedSchema:
    page_size: int = _setting(ge=1, le=1000)
    per_channel_cap: int = _setting(ge=1)
    score: str = _setting(choices=("productive", "interest", "blend"))
    productive_weight: float = _setting(ge=0, le=1)
    min_productive_labels: int = _setting(ge=0)
    near_duplicate_threshold: float = _setting(gt=0, le=1)
    diversity: str = _setting(choices=("none", "mmr"))
    mmr_lambda: float = _setting(ge=0, le=1)
    reasons: bool = _setting()
    reason_events: int = _setting(ge=0)


@dataclass
class WebSchema:
    host: str = _setting()
    port: int = _setting(ge=1, le=65535)
    allow_remote: bool = _setting()
    allowed_hosts: List[str] = _setting()
    show: bool = _setting()
    title: str = _setting()
    warm_up: bool = _setting()
    quick_timing: int = _setting(ge=0, le=50)


SCHEMAS: dict[str, type] = {"data": DataSchema, "sampler": SamplerSchema, "trainer": TrainerSchema,
                            "context": ContextSchema, "predict": PredictSchema, "feed": FeedSchema,
                            "web": WebSchema}


# -- checking ---------------------------------------------------------------------------------------------
def check(cfg: DictConfig) -> DictConfig:
    """Type and range-check every known section of ``cfg``; write the typed values back; return ``cfg``.

    Raises ``ConfigError`` (one line) on the first bad value."""
    for section, schema in SCHEMAS.items():
        node = cfg.get(section) if isinstance(cfg, DictConfig) else None
        if not isinstance(node, DictConfig):
            continue
        typed = check_section(section, node, schema)
        for key, value in typed.items():
            if OmegaConf.is_interpolation(node, key) or (node[key] == value and not isinstance(node[key], str)):
                continue  # kept as written (an int 6 for a float field stays 6)
            node[key] = value
    return cfg


def check_section(section: str, node: DictConfig, schema: type) -> dict[str, Any]:
    """The keys of ``node`` that ``schema`` lists, converted to their types and range-checked."""
    present = {}
    for spec in fields(schema):
        if spec.name not in node:
            continue
        try:
            present[spec.name] = node[spec.name]
        except OmegaConfBaseException as exc:  # an interpolation that does not resolve
            raise ConfigError(f"{section}.{spec.name}: {_first_line(exc)}") from exc
    try:
        merged = OmegaConf.merge(OmegaConf.structured(schema), present)
    except OmegaConfBaseException as exc:
        key = str(getattr(exc, "full_key", "") or "")
        value = present.get(key.split(".")[-1], "?")
        raise ConfigError(f"{section}.{key}={value!r}: {_first_line(exc)}") from exc
    out = {}
    for spec in fields(schema):
        if spec.name in present:
            value = merged[spec.name]
            _check_range(f"{section}.{spec.name}", value, spec.metadata)
            out[spec.name] = value
    return out


def _check_range(key: str, value: Any, rule: Any) -> None:
    if value is None:
        return
    why = f" ({rule['why']})" if rule.get("why") else ""
    if rule.get("choices") and value not in rule["choices"]:
        raise ConfigError(f"{key}={value!r}: must be one of {', '.join(rule['choices'])}{why}")
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return
    if isinstance(value, float) and not math.isfinite(value):
        raise ConfigError(f"{key}={value}: must be a finite number{why}")
    ge, gt, le = rule.get("ge"), rule.get("gt"), rule.get("le")
    if ge is not None and value < ge:
        raise ConfigError(f"{key}={value}: must be at least {_num(ge)}{why}")
    if gt is not None and value <= gt:
        raise ConfigError(f"{key}={value}: must be more than {_num(gt)}{why}")
    if le is not None and value > le:
        raise ConfigError(f"{key}={value}: must be at most {_num(le)}{why}")


def _num(bound: float) -> str:
    return str(int(bound)) if float(bound).is_integer() else str(bound)


def _first_line(exc: BaseException) -> str:
    return (getattr(exc, "msg", None) or str(exc)).strip().splitlines()[0]
