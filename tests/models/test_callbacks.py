"""EMA-F1 checkpointing, pinned to a hand computation: a real Trainer runs a module whose validation
F1s are scripted, with the checkpoint callback as the real config builds it."""

from __future__ import annotations

import csv

import lightning as L
import pytest
import torch
from hydra.utils import instantiate
from lightning.pytorch.loggers import CSVLogger
from torch.utils.data import DataLoader

from tests.helpers import compose_train


class ScriptedF1(L.LightningModule):
    """Logs ``script[epoch]`` (e.g. ``{"val/interest_f1": 0.5}``) at the end of each validation epoch."""

    def __init__(self, script: list[dict[str, float]]):
        super().__init__()
        self.script = script
        self.layer = torch.nn.Linear(1, 1)

    def training_step(self, batch, batch_idx):
        return self.layer(batch).sum()

    def validation_step(self, batch, batch_idx):
        pass

    def on_validation_epoch_end(self):
        for name, value in self.script[self.current_epoch].items():
            self.log(name, value)

    def configure_optimizers(self):
        return torch.optim.SGD(self.parameters(), lr=0.1)

    def train_dataloader(self):
        return DataLoader(torch.zeros(2, 1), batch_size=2)

    def val_dataloader(self):
        return DataLoader(torch.zeros(2, 1), batch_size=2)


class SavedEpochs(L.Callback):
    """After each epoch's validation: the epoch that best.ckpt and last.ckpt hold (None: no file)."""

    def __init__(self, ckpt_dir):
        self.ckpt_dir = ckpt_dir
        self.best: list[int | None] = []
        self.last: list[int | None] = []

    def on_train_epoch_end(self, trainer, pl_module):  # runs after the epoch's validation
        for name, seen in (("best.ckpt", self.best), ("last.ckpt", self.last)):
            path = self.ckpt_dir / name
            seen.append(torch.load(path, weights_only=False)["epoch"] if path.exists() else None)


def fit_scripted(tmp_path, script):
    cfg = compose_train(["callbacks.ema_f1_checkpoint.metric=f1"], tmp_path / "run")
    ema = instantiate(cfg.callbacks.ema_f1_checkpoint)  # the configured alpha 0.6, productive weight 0.65
    saved = SavedEpochs(tmp_path / "run" / "checkpoints")
    trainer = L.Trainer(accelerator="cpu", devices=1, max_epochs=len(script), limit_train_batches=1,
                        limit_val_batches=1, num_sanity_val_steps=1, logger=CSVLogger(tmp_path, name="csv"),
                        callbacks=[ema, saved], enable_checkpointing=False, enable_progress_bar=False,
                        enable_model_summary=False, default_root_dir=tmp_path)
    trainer.fit(ScriptedF1(script))
    with open(trainer.logger.log_dir + "/metrics.csv") as f:
        logged = [float(row["val/ema_f1"]) for row in csv.DictReader(f) if row.get("val/ema_f1")]
    return ema, saved, trainer, logged


def test_ema_f1_follows_the_formula_and_best_is_saved_only_when_it_improves(tmp_path):
    script = [{"val/interest_f1": i, "val/productive_f1": p}
              for i, p in [(0.50, 0.40), (0.20, 0.10), (0.90, 0.80), (0.50, 0.64), (0.605, 0.605), (0.70, 0.70)]]
    # by hand: weighted = 0.35 * interest + 0.65 * productive; ema = 0.6 * weighted + 0.4 * previous ema
    weighted = [0.435, 0.135, 0.835, 0.591, 0.605, 0.70]
    ema_by_hand = [0.435,
                   0.6 * 0.135 + 0.4 * 0.435,   # 0.255    lower: best stays epoch 0
                   0.6 * 0.835 + 0.4 * 0.255,   # 0.603    best
                   0.6 * 0.591 + 0.4 * 0.603,   # 0.5958   lower
                   0.6 * 0.605 + 0.4 * 0.5958,  # 0.60132  this epoch beats 0.603, its EMA does not: not saved
                   0.6 * 0.70 + 0.4 * 0.60132]  # 0.660528 best
    ema, saved, trainer, logged = fit_scripted(tmp_path, script)
    # the sanity check's validation (num_sanity_val_steps=1) is not an epoch of the EMA
    assert [h["epoch"] for h in ema.history] == [0, 1, 2, 3, 4, 5]
    assert [h["weighted_f1"] for h in ema.history] == pytest.approx(weighted, abs=1e-6)
    assert [h["ema_f1"] for h in ema.history] == pytest.approx(ema_by_hand, abs=1e-6)
    assert logged == pytest.approx(ema_by_hand, abs=1e-6)
    assert float(trainer.callback_metrics["val/ema_f1"]) == pytest.approx(ema_by_hand[-1], abs=1e-6)
    assert saved.best == [0, 0, 2, 2, 2, 5]  # best.ckpt is rewritten only when the EMA improves
    assert saved.last == [0, 1, 2, 3, 4, 5]  # last.ckpt every epoch
    assert (ema.best_epoch, ema.best_score) == (5, pytest.approx(0.660528, abs=1e-6))


def test_with_one_kind_of_validation_label_that_kind_takes_the_whole_weight(tmp_path):
    script = [{"val/productive_f1": p} for p in (0.5, 0.3, 0.8)]
    ema, saved, _, _ = fit_scripted(tmp_path, script)
    assert [h["weighted_f1"] for h in ema.history] == pytest.approx([0.5, 0.3, 0.8], abs=1e-6)
    assert [h["ema_f1"] for h in ema.history] == pytest.approx([0.5, 0.38, 0.632], abs=1e-6)
    assert saved.best == [0, 0, 2]


def test_metric_auroc_follows_the_aucs_and_ignores_the_f1s(tmp_path):
    from vrdndi.models.callbacks import EmaF1Checkpoint

    ema = instantiate(compose_train([], tmp_path / "run").callbacks.ema_f1_checkpoint)
    assert ema.metric == "auroc"  # the default: the checkpoint that ranks best, whatever the threshold
    metrics = {"val/interest_f1": 0.1, "val/productive_f1": 0.2, "val/interest_auroc": 0.6, "val/productive_auroc": 0.8}
    assert ema.weighted_f1(metrics) == pytest.approx(0.35 * 0.6 + 0.65 * 0.8)
    assert EmaF1Checkpoint(str(tmp_path / "ckpt"), metric="f1").weighted_f1(metrics) == pytest.approx(0.35 * 0.1 + 0.65 * 0.2)
    with pytest.raises(ValueError, match="f1 or auroc"):
        EmaF1Checkpoint(str(tmp_path / "ckpt"), metric="loss")


class Drifting(L.LightningModule):
    """One trained weight that SGD moves by -0.1 per step (loss = w, lr 0.1) and one frozen weight; records
    what the weight is while validating (where the real module chooses its threshold)."""

    def __init__(self):
        super().__init__()
        self.w = torch.nn.Parameter(torch.zeros(()))
        self.frozen = torch.nn.Parameter(torch.full((), 7.0), requires_grad=False)
        self.seen_in_validation: list[float] = []

    def training_step(self, batch, batch_idx):
        return self.w * 1.0 + batch.sum() * 0.0

    def validation_step(self, batch, batch_idx):
        pass

    def on_validation_epoch_end(self):
        if self.trainer.sanity_checking:
            return
        self.seen_in_validation.append(float(self.w))
        self.log("val/productive_auroc", 0.5 + 0.1 * self.current_epoch)  # improves: best.ckpt every epoch

    def configure_optimizers(self):
        return torch.optim.SGD([self.w], lr=0.1)

    def train_dataloader(self):
        return DataLoader(torch.zeros(3, 1), batch_size=1)

    def val_dataloader(self):
        return DataLoader(torch.zeros(1, 1), batch_size=1)


def fit_drifting(tmp_path, decay, warmup=10, epochs=3):
    cfg = compose_train([f"callbacks.weight_ema.decay={decay}", f"callbacks.weight_ema.warmup={warmup}"],
                        tmp_path / "run")
    callbacks = [instantiate(cfg.callbacks.ema_f1_checkpoint), instantiate(cfg.callbacks.weight_ema)]
    model = Drifting()
    trainer = L.Trainer(accelerator="cpu", devices=1, max_epochs=epochs, logger=False, callbacks=callbacks,
                        enable_checkpointing=False, enable_progress_bar=False, enable_model_summary=False,
                        num_sanity_val_steps=1, default_root_dir=tmp_path)
    trainer.fit(model)
    return model, callbacks[1], tmp_path / "run" / "checkpoints"


def hand_ema(decay, warmup, steps):
    """The average after each step of the live weights -0.1, -0.2, ... (the first update copies)."""
    live = [-0.1 * (t + 1) for t in range(steps)]
    avg, out = live[0], [live[0]]
    for k, w in enumerate(live[1:], start=1):
        d = min(decay, (1 + k) / (warmup + k))
        avg = d * avg + (1 - d) * w
        out.append(avg)
    return out, live


def test_weight_ema_validates_and_checkpoints_the_average_and_trains_the_live_weights(tmp_path):
    model, ema, ckpts = fit_drifting(tmp_path, 0.9)
    expected, live = hand_ema(0.9, 10, 9)  # 3 epochs x 3 steps
    # validation (and so the threshold) sees the average after each epoch's third step
    assert model.seen_in_validation == pytest.approx([expected[2], expected[5], expected[8]], abs=1e-6)
    # the live weights went on from where they were: -0.1 per step, undisturbed by the swaps
    assert float(ema.other["w"]) == pytest.approx(live[-1], abs=1e-6)
    # training ends with the average in the model, and the checkpoints hold it
    assert float(model.w.detach()) == pytest.approx(expected[-1], abs=1e-6)
    best = torch.load(ckpts / "best.ckpt", weights_only=False)
    assert float(best["state_dict"]["w"]) == pytest.approx(expected[-1], abs=1e-6)
    # the frozen weight is not averaged, only trained ones are
    assert set(ema.other) == {"w"} and float(model.frozen) == 7.0
    # a resumed run finds both: the average in the state_dict, the live weights in the callback's state
    state = next(v for k, v in best["callbacks"].items() if "WeightEma" in k)
    assert state["swapped"] and float(state["other"]["w"]) == pytest.approx(live[-1], abs=1e-6)


def test_weight_ema_with_the_configured_warmup_follows_the_hand_computation(tmp_path):
    # README's measured variant: callbacks.weight_ema.decay=0.98 with the configured warmup
    warmup = compose_train([], tmp_path / "run").callbacks.weight_ema.warmup
    model, _, _ = fit_drifting(tmp_path, 0.98, warmup)
    expected, _ = hand_ema(0.98, warmup, 9)
    assert model.seen_in_validation == pytest.approx([expected[2], expected[5], expected[8]], abs=1e-6)


def test_weight_ema_with_decay_zero_changes_nothing(tmp_path):
    model, ema, _ = fit_drifting(tmp_path, 0.0)
    assert model.seen_in_validation == pytest.approx([-0.3, -0.6, -0.9], abs=1e-6)
    assert float(model.w.detach()) == pytest.approx(-0.9, abs=1e-6) and ema.other is None


def test_weight_ema_rejects_a_decay_outside_zero_to_one():
    from vrdndi.models.callbacks import WeightEma

    with pytest.raises(ValueError, match="weight_ema.decay"):
        WeightEma(decay=1.0)
