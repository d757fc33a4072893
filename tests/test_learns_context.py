"""The promise of the product: when the right moment depends on what you were doing, the hybrid model
(which sees the app events before the moment) beats a context-free model on the demo data, whose
"right moment" truth is a known rule of the video AND the preceding activity (vrdndi.sources.demo)."""

from __future__ import annotations

import pytest

from tests.helpers import compose_train


def train_on_demo(tmp_path, arch):
    from vrdndi.train import run

    cfg = compose_train(["data=demo", f"data.store={tmp_path / 'demo.sqlite'}", "backbone=tiny", f"model={arch}",
                         "lora=none", "model.net.full_finetune=true", "data.batch_size=32", "data.max_length=48",
                         "trainer.max_epochs=6", "trainer.accumulate_grad_batches=1", "optimizer.lr=2e-3",
                         "sampler.interest_ratio=0.2", "test_best=false", "logger=none", "callbacks=checkpoint_only"],
                        tmp_path / arch)
    return run(cfg)["last_epoch_metrics"]


@pytest.mark.slow
def test_hybrid_beats_context_free_when_truth_depends_on_context(tmp_path):
    hybrid = train_on_demo(tmp_path, "hybrid")
    base = train_on_demo(tmp_path, "base")
    print(f"productive F1 hybrid {hybrid['val/productive_f1']:.3f} vs base {base['val/productive_f1']:.3f}; "
          f"AUROC {hybrid['val/productive_auroc']:.3f} vs {base['val/productive_auroc']:.3f}")
    assert hybrid["val/productive_f1"] > base["val/productive_f1"] + 0.05
    assert hybrid["val/productive_auroc"] > base["val/productive_auroc"] + 0.1
