"""Training, as a recipe: seed, data, model, callbacks, loggers, trainer, fit, evaluate best, record."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

import lightning as L
from lightning.pytorch.callbacks import LearningRateMonitor
from hydra.core.hydra_config import HydraConfig
from hydra.utils import instantiate
from omegaconf import DictConfig, OmegaConf

from vrdndi.models.module import net_class
from vrdndi.store import Store
from vrdndi.timeutil import iso, now_utc

log = logging.getLogger(__name__)


def run_dir(cfg: DictConfig) -> Path:
    """The Hydra run dir of this job (or ``cfg.run_dir`` when composed outside a Hydra run)."""
    if cfg.get("run_dir"):
        return Path(cfg.run_dir)
    return Path(HydraConfig.get().runtime.output_dir)


def _logger(name: str, lg_cfg: DictConfig) -> Any:
    """Instantiate one logger; a missing optional package is a one-line user error, not a traceback."""
    from vrdndi.errors import VrdndiError

    try:
        return instantiate(lg_cfg)
    except Exception as exc:
        cause = exc.__cause__ or exc
        if isinstance(cause, (ModuleNotFoundError, ImportError)):
            raise VrdndiError(f"logger={name} needs its package: pip install {name} (or use logger=csv)") from exc
        raise


def run(cfg: DictConfig) -> dict[str, Any]:
    """Train one model as configured; returns the final metrics (also written to metrics.json)."""
    out = run_dir(cfg)
    L.seed_everything(cfg.seed, workers=True)
    log.info("run dir %s", out)

    log.info("data: %s", cfg.data.store)
    network = net_class(cfg.model.net)
    datamodule = _datamodule(cfg, network, cfg.split)

    log.info("model: %s on backbone %s (LoRA %s)", network.__name__, cfg.backbone.name,
             "on" if cfg.lora.enabled else "off")
    model = _model(cfg, datamodule)

    callbacks = [instantiate(c) for c in (cfg.get("callbacks") or {}).values() if c]
    loggers = [_logger(name, lg) for name, lg in (cfg.get("logger") or {}).items() if lg]
    if not loggers:  # logger=none: Lightning refuses a LearningRateMonitor that has nowhere to write
        callbacks = [c for c in callbacks if not isinstance(c, LearningRateMonitor)]
    trainer: L.Trainer = instantiate(cfg.trainer, callbacks=callbacks, logger=loggers or False)

    log.info("fit: %d epochs", cfg.trainer.max_epochs)
    trainer.fit(model, datamodule=datamodule, ckpt_path=cfg.get("ckpt_path"))
    result = _finish(cfg, out, network, datamodule, model, trainer, callbacks)
    if not trainer.is_global_zero:  # strategy=ddp runs this function once per rank; rank 0 records the run
        return result
    if _ensembles(cfg, trainer, result):
        result.update(train_ensemble(cfg, out, result["best_ckpt"]))
    _record(cfg, out, result)
    return result


def _datamodule(cfg: DictConfig, network: type, split: Any, context: dict | None = None) -> Any:
    datamodule = instantiate(cfg.data, split=split, context=cfg.context if context is None else context,
                             backbone=cfg.backbone,
                             sampler=instantiate(cfg.sampler), with_context=network.reads_context, seed=cfg.seed,
                             ignore_index=cfg.loss.ignore_index, _recursive_=False)
    datamodule.prepare_data()
    datamodule.setup("fit")
    return datamodule


def _model(cfg: DictConfig, datamodule: Any) -> L.LightningModule:
    # Sizes that come from the data are written into the model's config before it is built, so the
    # checkpoint's hyper_parameters hold the real values (one place each):
    # the compressor reads event embeddings as wide as the event encoder makes them (384 for MiniLM/E5-small,
    # 1024 for BGE-M3...), and the summary's columns come from the training events' app/category vocabulary
    model_cfg = OmegaConf.to_container(cfg.model, resolve=True)
    context = OmegaConf.to_container(cfg.context, resolve=True)
    choice = getattr(datamodule, "zone_choice", None)
    if choice is not None and choice.guess is not None:
        context["tz"] = choice.name  # predict reads the time of day in the zone the model learned it in
    if datamodule.event_dim:
        model_cfg["net"]["num_out_feature"] = datamodule.event_dim
        context["event_dim"] = datamodule.event_dim  # predict checks its event encoder against it
    if datamodule.summary_spec is not None:
        context["summary"] = {"enabled": True, **datamodule.summary_spec.as_config()}
        model_cfg["net"]["summary_dim"] = datamodule.summary_dim
        spec = datamodule.summary_spec
        log.info("context summary: %d columns (%d apps, %d categories, %d topics, windows %s min)",
                 datamodule.summary_dim, len(spec.apps), len(spec.categories), len(spec.topics),
                 "/".join(f"{w:g}" for w in spec.windows_min))
    model = instantiate(model_cfg, context=context, _recursive_=False)
    model.set_class_weights(*datamodule.class_weights()) if cfg.loss.class_weights else None
    return model


def _finish(cfg: DictConfig, out: Path, network: type, datamodule: Any, model: L.LightningModule,
            trainer: L.Trainer, callbacks: list) -> dict[str, Any]:
    ema = next((c for c in callbacks if hasattr(c, "best_model_path")), None)
    if ema is not None and ema.best_epoch is None and Path(ema.last_model_path).exists():
        ema.load_from_checkpoint_file(ema.last_model_path)  # ddp_spawn: the callback ran in the workers
    metrics = {k: float(v) for k, v in trainer.callback_metrics.items() if v.numel() == 1}
    result: dict[str, Any] = {"run_dir": str(out), "finished_at": iso(now_utc()), "task_name": cfg.task_name,
                              "network": network.__name__, "backbone": cfg.backbone.name,
                              "split": dict(OmegaConf.to_container(cfg.split)), "fold": cfg.data.fold,
                              "n_train": len(datamodule.split.train), "n_val": len(datamodule.split.val),
                              "val_cut": datamodule.split.cut, "last_epoch_metrics": metrics,
                              # ckpt=best takes runs of this store only, and never a run that was not to be
                              # recorded (a fold model of vrdndi evaluate)
                              "store_id": Store.id_of(cfg.data.store), "record_run": bool(cfg.get("record_run", True))}
    if ema is not None and Path(ema.best_model_path).exists():
        result.update(best_ckpt=ema.best_model_path, last_ckpt=ema.last_model_path, best_score=ema.best_score,
                      best_epoch=ema.best_epoch, ema_history=ema.history)
        if _has_members(model, trainer):
            result.update(fit_members(cfg, datamodule, model, ema.best_model_path))
        if cfg.get("test_best"):
            log.info("evaluate the best checkpoint on the validation split")
            scores = trainer.validate(model, datamodule=datamodule, ckpt_path=ema.best_model_path, verbose=False)
            result["best_val_metrics"] = {k: float(v) for k, v in (scores[0] if scores else {}).items()}
        if _refits(cfg, trainer, ema):
            result["val_best_ckpt"] = result["best_ckpt"]
            result["best_ckpt"], result["refit_s"] = refit(cfg, network, ema, datamodule.summary_spec,
                                                           getattr(datamodule, "zone_choice", None))
            result["refit_epochs"] = int(ema.best_epoch) + 1
    return result


def _record(cfg: DictConfig, out: Path, result: dict[str, Any]) -> None:
    """Write metrics.json and, unless ``record_run=false``, point the store's registry at the best checkpoint."""
    (out / "metrics.json").write_text(json.dumps(result, indent=2, sort_keys=True))
    log.info("metrics: %s", out / "metrics.json")
    if result.get("best_ckpt") and cfg.get("record_run", True):
        with Store(cfg.data.store) as store:
            store.set("train.last_run", {k: result[k] for k in ("run_dir", "best_ckpt", "last_ckpt", "best_score",
                                                               "finished_at", "task_name")})
        log.info("best checkpoint %s (EMA-F1 %.4f, epoch %s)", result["best_ckpt"], result["best_score"],
                 result["best_epoch"])


def _has_members(model: L.LightningModule, trainer: L.Trainer) -> bool:
    """Whether the network has members to fit after training (``model.net.trees`` / ``interest_lr``); one
    process only (under DDP every rank would rewrite the same checkpoint)."""
    enabled = [getattr(model.net, name, None) for name in ("tree_params", "interest_lr_params")]
    if not any(p is not None and p.enabled for p in enabled):
        return False
    if trainer.world_size > 1:
        log.warning("members: not fitted under a %d-process strategy; the network alone decides", trainer.world_size)
        return False
    return True


def fit_members(cfg: DictConfig, datamodule: Any, model: L.LightningModule, ckpt_path: str) -> dict[str, Any]:
    """Fit the members (models/members.py) on the best checkpoint's network and write them (the trees,
    their PCA, the interest regression and the re-chosen decision threshold) into that checkpoint, which
    predict and serve then load. Returns ``{"trees": ..., "interest_lr": ..., "members_s": ...}``."""
    import time

    import torch

    from vrdndi.models.members import fit_members as fit

    started = time.perf_counter()
    ckpt = torch.load(ckpt_path, map_location="cpu", weights_only=False)
    model.load_state_dict(ckpt["state_dict"], strict=False)  # the best epoch's weights, not the last one's

    def batches(items: list) -> Any:
        for start in range(0, len(items), 64):
            batch = datamodule.builder.collate(items[start:start + 64])
            yield {k: v.to(model.device) for k, v in batch.items()}

    info = fit(model, batches(datamodule.items("train")), batches(datamodule.items("val")), seed=int(cfg.seed))
    if info:
        state = model.state_dict()
        for key in [*MEMBER_BUFFERS, "productive_logit_offset"]:
            if key in state:
                ckpt["state_dict"][key] = state[key].detach().cpu()
        if model.net.trees is not None:
            ckpt.setdefault("vrdndi", {})["trees"] = model.net.trees.as_config()
        _save_checkpoint(ckpt, ckpt_path)
    return {**info, "members_s": time.perf_counter() - started}


def _save_checkpoint(ckpt: dict[str, Any], path: str) -> None:
    """Write a checkpoint dict over ``path`` atomically (a crash leaves the old file, never half a new one)."""
    import torch

    torch.save(ckpt, path + ".tmp")
    Path(path + ".tmp").replace(path)


# the network's buffers that the members fill after training
MEMBER_BUFFERS = ("net.tree_pca_mean", "net.tree_pca_components", "net.interest_lr_weight", "net.interest_lr_bias",
                  "net.interest_lr_mix")


def _ensembles(cfg: DictConfig, trainer: L.Trainer, result: dict[str, Any]) -> bool:
    """Whether to train the ``ensemble``'s further members: some are configured, the run saved a best
    checkpoint, its split is a holdout (a member differs from it in its seed and validation fraction) and it
    ran on one process."""
    if not cfg.get("ensemble") or not result.get("best_ckpt"):
        return False
    kind = str((cfg.get("split") or {}).get("kind", "holdout"))
    if kind != "holdout":
        log.info("ensemble: one model (split=%s; the members are for split=holdout)", kind)
        return False
    if trainer.world_size > 1:
        log.warning("ensemble: one model under a %d-process strategy", trainer.world_size)
        return False
    return True


def member_config(cfg: DictConfig, out: Path, index: int, member: Any) -> DictConfig:
    """The config of the ensemble's member ``index`` (1, 2, ...): the run's own, with the member's seed
    offset and validation fraction, its checkpoints and metrics.json in ``checkpoints/member<index>/``, no
    logger, no registry entry and no members of its own."""
    member = dict(member or {})
    unknown = set(member) - {"seed_offset", "val_fraction"}
    if unknown:
        from vrdndi.errors import VrdndiError

        raise VrdndiError(f"ensemble[{index - 1}]: unknown key(s) {', '.join(sorted(unknown))} "
                          "(a member takes seed_offset and val_fraction)")
    sub = OmegaConf.create(OmegaConf.to_container(cfg, resolve=False))
    OmegaConf.set_struct(sub, False)
    sub.seed = int(cfg.seed) + int(member.get("seed_offset", index))
    if member.get("val_fraction") is not None:
        sub.split.val_fraction = float(member["val_fraction"])
    # beside the run's own checkpoints, not a run folder of its own: ckpt=best never finds a member alone
    home = out / "checkpoints" / f"member{index}"
    for callback in (sub.get("callbacks") or {}).values():
        if callback and "dirpath" in callback:  # the EMA-F1 checkpoint
            callback.dirpath = str(home)
    sub.run_dir = str(home)
    sub.logger = None
    sub.test_best = False
    sub.record_run = False
    sub.ensemble = []
    return sub


def train_ensemble(cfg: DictConfig, out: Path, best_ckpt: str) -> dict[str, Any]:
    """Train the ensemble's further members (``cfg.ensemble``: one entry each) on the same labels and name
    them in the best checkpoint (``vrdndi.ensemble``: paths relative to its folder), so that
    ``load_scorer`` scores with all of them (the mean of their logits). Returns ``{"ensemble": [...],
    "ensemble_s": seconds}``."""
    import time

    import torch

    from vrdndi.errors import VrdndiError

    started = time.perf_counter()
    members = list(cfg.ensemble)
    info, paths = [], []
    for index, member in enumerate(members, start=1):
        sub = member_config(cfg, out, index, member)
        log.info("ensemble: member %d of %d (seed %d, validation fraction %s)", index + 1, len(members) + 1,
                 sub.seed, sub.split.get("val_fraction"))
        try:
            result = run(sub)
        except VrdndiError as exc:  # e.g. its validation split leaves too few labels: the run's model still serves
            log.warning("ensemble: member %d not trained (%s); scoring without it", index, exc)
            continue
        if not result.get("best_ckpt"):
            log.warning("ensemble: member %d (%s) saved no checkpoint; scoring without it", index, sub.run_dir)
            continue
        paths.append(Path(result["best_ckpt"]))
        info.append({key: result.get(key) for key in ("best_ckpt", "best_score", "best_epoch", "n_train", "n_val",
                                                       "val_cut", "trees", "interest_lr")})
    if not paths:
        return {"ensemble": [], "ensemble_s": time.perf_counter() - started}
    home = Path(best_ckpt).parent
    ckpt = torch.load(best_ckpt, map_location="cpu", weights_only=False)
    ckpt.setdefault("vrdndi", {})["ensemble"] = [str(p.relative_to(home)) for p in paths]
    _save_checkpoint(ckpt, best_ckpt)
    return {"ensemble": info, "ensemble_s": time.perf_counter() - started}


def _refits(cfg: DictConfig, trainer: L.Trainer, ema: Any) -> bool:
    """Whether to train again on every label: asked for (``refit``), after a holdout run on one process
    whose best epoch is known."""
    kind = str((cfg.get("split") or {}).get("kind", "holdout"))
    return bool(cfg.get("refit")) and kind == "holdout" and ema.best_epoch is not None and trainer.world_size == 1


class _StopAfter(L.Callback):
    """Ends training after epoch ``last`` (0-based) while the schedule still spans ``trainer.max_epochs``."""

    def __init__(self, last: int):
        self.last = int(last)

    def on_train_epoch_end(self, trainer: L.Trainer, pl_module: L.LightningModule) -> None:
        if trainer.current_epoch >= self.last:
            trainer.should_stop = True


def refit(cfg: DictConfig, network: type, ema: Any, summary: Any = None, zone: Any = None) -> tuple[str, float]:
    """Train a fresh model on every label (the validation labels too: they are the newest, the closest to
    the moments the feed will be scored at) for as many epochs as the validation run's best checkpoint,
    with the same seed, schedule, decision threshold and context-summary columns (``summary``, the
    validation run's SummarySpec: the members copied from that run read those columns by position, and
    the threshold was chosen on them) and time zone (``zone``, its ``ZoneChoice``: a guessed zone is not
    guessed again on more events); returns (its checkpoint path, seconds). The validation run's best
    checkpoint stays beside it."""
    import time

    import torch

    started = time.perf_counter()
    L.seed_everything(cfg.seed, workers=True)
    epochs = int(ema.best_epoch) + 1
    log.info("refit: every label, %d epoch%s (the validation run's best)", epochs, "" if epochs == 1 else "s")
    context = OmegaConf.to_container(cfg.context, resolve=True)
    if summary is not None:
        context["summary"] = {**(context.get("summary") or {}), "enabled": True, **summary.as_config()}
    if zone is not None and zone.guess is not None:
        context["tz"] = zone.name
    datamodule = _datamodule(cfg, network, {"kind": "all"}, context)
    model = _model(cfg, datamodule)
    # the same weight averaging as the validation run (its checkpoint held the average), if configured
    averaging = [instantiate(c) for c in [(cfg.get("callbacks") or {}).get("weight_ema")] if c]
    trainer: L.Trainer = instantiate(cfg.trainer, callbacks=[_StopAfter(epochs - 1), *averaging], logger=False,
                                     limit_val_batches=0, enable_checkpointing=False)
    trainer.fit(model, datamodule=datamodule)
    # the decision threshold chosen on validation (no labels are left over to choose it again)
    best = torch.load(ema.best_model_path, map_location="cpu", weights_only=False)
    offset = best["state_dict"].get("productive_logit_offset")
    if offset is not None:
        model.productive_logit_offset.copy_(offset)
    # and the members, fitted on the validation run's training labels
    model.on_load_checkpoint(best)
    for key in MEMBER_BUFFERS:
        if key in best["state_dict"]:
            model.get_buffer(key).copy_(best["state_dict"][key])
    path = str(Path(ema.best_model_path).with_name("refit.ckpt"))
    trainer.save_checkpoint(path + ".tmp")
    Path(path + ".tmp").replace(path)
    return path, time.perf_counter() - started
