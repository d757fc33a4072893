"""The training loss, pinned to hand-written formulas: per head a cross-entropy over the rows that carry
that head's label (``ignore_index`` elsewhere), with label smoothing and inverse-frequency class
weights; the total is the weighted sum of the two heads.

The module is built from the real config (tiny backbone) and its network's outputs are fixed, so the
loss its training step returns is compared with the formula on known logits.
"""

from __future__ import annotations

import json
import warnings
from datetime import datetime, timedelta, timezone

import pytest
import torch
from hydra.utils import instantiate

from tests.helpers import compose_train
from vrdndi.store import Label, Store, Video
from vrdndi.timeutil import iso

IGNORE = -100


def build_module(tmp_path, *overrides: str):
    """The LightningModule as ``vrdndi.train.run`` builds it from the composed config."""
    cfg = compose_train(["backbone=tiny", "model=base", *overrides], tmp_path / "run")
    return instantiate(cfg.model, context=cfg.context, _recursive_=False)


def training_loss(module, interest_logits, productive_logits, interest, productive) -> torch.Tensor:
    """The loss the module's training step returns when its network outputs these logits [B, 2]."""
    module.forward = lambda batch: (interest_logits, productive_logits)
    batch = {"input_ids": torch.zeros(len(interest), 4, dtype=torch.long),
             "attention_mask": torch.ones(len(interest), 4, dtype=torch.long),
             "duration": torch.zeros(len(interest), 1),
             "interest": torch.tensor(interest), "productive": torch.tensor(productive)}
    with warnings.catch_warnings():  # no Trainer attached: Lightning warns and skips the logging
        warnings.simplefilter("ignore")
        return module.training_step(batch, 0)


def hand_cross_entropy(logits: torch.Tensor, target: list[int], *, smoothing: float = 0.0,
                       weight: list[float] | None = None) -> float:
    """torch's documented formula, written out: rows with target ``IGNORE`` drop out; the smoothed target
    is (1 - e) one-hot + e / C; the mean divides by the summed weight of the rows' true classes."""
    log_p = torch.log_softmax(logits.detach().double(), dim=-1)
    n_classes = logits.shape[1]
    w = torch.ones(n_classes, dtype=torch.float64) if weight is None else torch.tensor(weight, dtype=torch.float64)
    total, norm = 0.0, 0.0
    for row, y in enumerate(target):
        if y == IGNORE:
            continue
        q = torch.full((n_classes,), smoothing / n_classes, dtype=torch.float64)
        q[y] += 1.0 - smoothing
        total += float(-(w * q * log_p[row]).sum())
        norm += float(w[y])
    return total / norm


def logits(*rows: tuple[float, float]) -> torch.Tensor:
    return torch.tensor(rows, dtype=torch.float32, requires_grad=True)


INTEREST_LOGITS = ((2.0, -1.0), (0.3, 0.9), (-1.5, 0.5), (4.0, 3.0), (0.0, 0.0), (-2.0, 1.0))
PRODUCTIVE_LOGITS = ((1.0, 2.0), (50.0, -50.0), (0.2, -0.7), (-3.0, 3.0), (0.5, 0.4), (9.0, 9.5))
# each row carries one kind of label, the other head's target is IGNORE (as the datamodule builds them)
INTEREST = [1, IGNORE, 0, IGNORE, 1, IGNORE]
PRODUCTIVE = [IGNORE, 0, IGNORE, 1, IGNORE, 0]


@pytest.mark.parametrize("ignore_index", [IGNORE, -1])  # the configured one, not torch's default
def test_each_head_is_the_cross_entropy_over_its_labelled_rows_only(tmp_path, ignore_index):
    module = build_module(tmp_path, "loss.class_weights=false", f"loss.ignore_index={ignore_index}")
    interest, productive = logits(*INTEREST_LOGITS), logits(*PRODUCTIVE_LOGITS)
    interest_target = [ignore_index if y == IGNORE else y for y in INTEREST]
    productive_target = [ignore_index if y == IGNORE else y for y in PRODUCTIVE]
    loss = training_loss(module, interest, productive, interest_target, productive_target)
    expected = hand_cross_entropy(interest, INTEREST) + hand_cross_entropy(productive, PRODUCTIVE)
    assert loss.item() == pytest.approx(expected, rel=1e-6)
    loss.backward()
    # the ignored rows get no gradient at all, whatever their logits
    assert not interest.grad[[1, 3, 5]].any() and interest.grad[[0, 2, 4]].abs().sum() > 0
    assert not productive.grad[[0, 2, 4]].any() and productive.grad[[1, 3, 5]].abs().sum() > 0


def test_a_head_with_no_label_in_the_batch_adds_zero_and_keeps_the_graph(tmp_path):
    module = build_module(tmp_path)
    interest, productive = logits(*INTEREST_LOGITS[:3]), logits(*PRODUCTIVE_LOGITS[:3])
    only_interest = training_loss(module, interest, productive, [1, 0, 1], [IGNORE] * 3)
    assert only_interest.item() == pytest.approx(hand_cross_entropy(interest, [1, 0, 1]), rel=1e-6)
    only_interest.backward()
    assert productive.grad is not None and not productive.grad.any()  # in the graph, with zero gradient

    interest, productive = logits(*INTEREST_LOGITS[:3]), logits(*PRODUCTIVE_LOGITS[:3])
    neither = training_loss(module, interest, productive, [IGNORE] * 3, [IGNORE] * 3)
    assert neither.item() == 0.0 and neither.requires_grad
    neither.backward()  # a batch with no label still backpropagates (DDP needs every parameter used)
    assert interest.grad is not None and not interest.grad.any()
    assert productive.grad is not None and not productive.grad.any()


def test_loss_weights_scale_each_head(tmp_path):
    module = build_module(tmp_path, "loss.class_weights=false", "loss.interest_loss_weight=0.25",
                          "loss.productive_loss_weight=3.0")
    interest, productive = logits(*INTEREST_LOGITS), logits(*PRODUCTIVE_LOGITS)
    loss = training_loss(module, interest, productive, INTEREST, PRODUCTIVE)
    expected = 0.25 * hand_cross_entropy(interest, INTEREST) + 3.0 * hand_cross_entropy(productive, PRODUCTIVE)
    assert loss.item() == pytest.approx(expected, rel=1e-6)


def test_label_smoothing_of_each_head_follows_torchs_formula(tmp_path):
    module = build_module(tmp_path, "loss.class_weights=false", "loss.interest_label_smooth=0.1",
                          "loss.productive_label_smooth=0.3")
    interest, productive = logits(*INTEREST_LOGITS), logits(*PRODUCTIVE_LOGITS)
    loss = training_loss(module, interest, productive, INTEREST, PRODUCTIVE)
    expected = (hand_cross_entropy(interest, INTEREST, smoothing=0.1)
                + hand_cross_entropy(productive, PRODUCTIVE, smoothing=0.3))
    assert loss.item() == pytest.approx(expected, rel=1e-6)


def test_class_weights_weight_each_heads_rows(tmp_path):
    module = build_module(tmp_path, "loss.class_weights=true", "loss.productive_label_smooth=0.2")
    module.set_class_weights([0.5, 2.0], [3.0, 0.75])
    interest, productive = logits(*INTEREST_LOGITS), logits(*PRODUCTIVE_LOGITS)
    loss = training_loss(module, interest, productive, INTEREST, PRODUCTIVE)
    expected = (hand_cross_entropy(interest, INTEREST, weight=[0.5, 2.0])
                + hand_cross_entropy(productive, PRODUCTIVE, weight=[3.0, 0.75], smoothing=0.2))
    assert loss.item() == pytest.approx(expected, rel=1e-6)


T0 = datetime(2026, 9, 1, 9, 0, tzinfo=timezone.utc)


def skewed_store(path):
    """30 labels a day apart. Training (the first 24 days): 10 productive (3 right moments, 7 not now),
    then 14 interest (10 liked, 4 not). Validation (the last 6 days): 6 interest labels, all 0, so
    weights taken from all the labels would differ from the training split's."""
    with Store(path) as store:
        store.upsert_videos([Video(f"v{i:02d}", title=f"Video {i}", channel_title="Channel", description="words",
                                   duration_s=600.0) for i in range(30)])
        labels = []
        for day in range(30):
            when = iso(T0 + timedelta(days=day))
            if day < 10:
                labels.append(Label(f"v{day:02d}", "productive", int(day < 3), "test", moment=when, labelled_at=when))
            else:
                labels.append(Label(f"v{day:02d}", "interest", int(10 <= day < 20), "test", labelled_at=when))
        store.add_labels(labels)
    return path


def test_class_weights_are_inverse_frequency_of_the_training_split_only(tmp_path):
    from vrdndi.train import run

    store = skewed_store(tmp_path / "skewed.sqlite")
    cfg = compose_train([f"data.store={store}", "backbone=tiny", "model=base", "data.batch_size=8",
                         "split=holdout", "split.val_fraction=0.2", "loss.class_weights=true",
                         "trainer.limit_train_batches=1", "test_best=false"], tmp_path / "run")
    result = run(cfg)
    assert (result["n_train"], result["n_val"]) == (24, 6)
    state = torch.load(result["last_ckpt"], map_location="cpu", weights_only=False)["state_dict"]
    weights = {head: [float(w) for w in value] for key, value in state.items()
               for head in ("interest", "productive") if key.endswith(f"{head}_class_weight")}
    # n / (2 * count of the class), counted on the training split: interest 4 zeros and 10 ones of 14,
    # productive 7 zeros and 3 ones of 10
    assert weights["interest"] == pytest.approx([14 / 8, 14 / 20], rel=1e-6), json.dumps(weights)
    assert weights["productive"] == pytest.approx([10 / 14, 10 / 6], rel=1e-6), json.dumps(weights)
