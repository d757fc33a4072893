"""models/restore.py: a checkpoint's hyper_parameters rebuild the module; checkpoints written before the
nested model config (flat, with ``arch``) still load and score the same; a checkpoint cannot name a class
outside vrdndi.models for its network."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from tests.helpers import compose_train, tiny_store
from vrdndi.errors import VrdndiError
from vrdndi.store import Store

MOMENTS = ["2026-10-03T10:00:00+00:00", "2026-10-03T13:00:00+00:00", ""]


@pytest.fixture(scope="module")
def checkpoint(tmp_path_factory):
    """A saved (untrained) hybrid module in today's format, and the store it reads."""
    from hydra.utils import instantiate

    root = tmp_path_factory.mktemp("restore")
    store_path = tiny_store(root / "tiny.sqlite")
    cfg = compose_train([f"data.store={store_path}", "backbone=tiny", "model=hybrid", "model.net.summary_dim=0"],
                        root / "run")
    module = instantiate(cfg.model, context={"summary": {"enabled": False}}, _recursive_=False)
    path = root / "new.ckpt"
    torch.save({"hyper_parameters": dict(module.hparams), "state_dict": module.state_dict()}, path)
    return path, store_path


def _legacy(hparams: dict) -> dict:
    """The flat layout of older checkpoints: ``arch`` and the network's keys beside the module's."""
    flat = {k: v for k, v in hparams.items() if k != "net"}
    net = dict(hparams["net"])
    target = net.pop("_target_")
    flat["arch"] = {"TextNet": "base", "HybridNet": "hybrid", "TwoTowerNet": "two_tower"}[target.rsplit(".", 1)[1]]
    flat.update(net, video_dim=256, use_sequence=True)  # old hybrids carried the two-tower keys too
    return flat


def test_a_checkpoint_in_the_old_flat_layout_loads_and_scores_the_same(checkpoint, tmp_path):
    from vrdndi.inference.scorer import load_scorer
    from vrdndi.models.restore import load_module, upgrade_hparams

    path, store_path = checkpoint
    content = torch.load(path, weights_only=True)
    old = tmp_path / "old.ckpt"
    torch.save({**content, "hyper_parameters": _legacy(content["hyper_parameters"])}, old)
    assert upgrade_hparams(_legacy(content["hyper_parameters"]))["net"] == content["hyper_parameters"]["net"]
    module, _ = load_module(old)
    assert type(module.net).__name__ == "HybridNet" and module.net.reads_context
    with Store(store_path) as store:
        videos = store.videos()[:3]
        new_scores = load_scorer(path).score(store, videos, MOMENTS, progress=False)
        old_scores = load_scorer(old).score(store, videos, MOMENTS, progress=False)
    assert np.array_equal(new_scores, old_scores)


@pytest.mark.parametrize("target", ["os.system", "collections.OrderedDict", "vrdndi.models.module.warmup_linear"])
def test_a_network_target_outside_our_networks_is_refused(checkpoint, tmp_path, target):
    from vrdndi.models.restore import load_module

    path, _ = checkpoint
    content = torch.load(path, weights_only=True)
    content["hyper_parameters"]["net"]["_target_"] = target
    bad = tmp_path / "bad.ckpt"
    torch.save(content, bad)
    with pytest.raises(VrdndiError, match=r"bad\.ckpt.*net\._target_"):
        load_module(bad)


def test_capabilities_are_class_attributes_of_the_networks():
    from vrdndi.models.module import net_class

    caps = {name: (net_class({"_target_": t}).reads_context, net_class({"_target_": t}).has_video_tower)
            for name, t in [("base", "vrdndi.models.network.TextNet"), ("hybrid", "vrdndi.models.network.HybridNet"),
                            ("two_tower", "vrdndi.models.two_tower.TwoTowerNet")]}
    assert caps == {"base": (False, False), "hybrid": (True, False), "two_tower": (True, True)}
