"""model=two_tower: trains with the shared module/sampler/callback, restores identically in a fresh process,
and its cached re-ranking (video embeddings cached, one context per moment) equals uncached scoring."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import torch

from tests.helpers import compose_train, scores_in_fresh_process, tiny_store
from vrdndi.models.members import TreeParams
from vrdndi.store import Store

MOMENTS = ["2026-10-03T10:00:00+00:00", "2026-10-03T13:00:00+00:00", ""] * 2


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    """One tiny two-tower training run shared by the tests of this file."""
    import os

    from vrdndi.train import run

    root = tmp_path_factory.mktemp("two_tower")
    old_home = os.environ.get("VRDNDI_HOME")
    os.environ["VRDNDI_HOME"] = str(root / "home")
    try:
        store_path = tiny_store(root / "tiny.sqlite")
        cfg = compose_train([f"data.store={store_path}", "backbone=tiny", "data.batch_size=8", "model=two_tower",
                             "trainer.max_epochs=2", "model.net.video_dim=32", "lora=default"], root / "run")
        result = run(cfg)
    finally:
        if old_home is None:
            os.environ.pop("VRDNDI_HOME", None)
        else:
            os.environ["VRDNDI_HOME"] = old_home
    return store_path, result


def test_two_tower_trains_and_checkpoint_holds_both_towers(trained):
    _, result = trained
    assert result["network"] == "TwoTowerNet"
    assert {"val/productive_f1", "val/interest_f1"} <= set(result["best_val_metrics"])
    keys = torch.load(result["best_ckpt"], weights_only=False)["state_dict"].keys()
    assert any(k.startswith("net.compressor.") for k in keys) and any(k.startswith("net.video_proj.") for k in keys)
    assert any("lora_" in k for k in keys)


def test_members_are_fitted_kept_in_the_checkpoint_and_restored(trained):
    """model.net.trees and interest_lr (on by default): fitted after training on the best epoch's network, written into the
    best checkpoint as LightGBM text (readable with weights_only) with the PCA and the re-chosen threshold."""
    from vrdndi.models.restore import load_module

    _, result = trained
    info = result["trees"]
    assert info is not None and 0.0 <= info["weight"] <= 1.0 and min(info["rounds"]) >= 1 and info["scale"] > 0
    assert "n_refit" not in info  # refit_on_val is off by default: the trees saw the training split only
    assert info["weight"] == TreeParams(enabled=True).weight_for(info["n_train"])  # the vote grows with the pairs
    assert not info["val_auc_by_weight"] or info["weight"] in info["val_auc_by_weight"]
    ckpt = torch.load(result["best_ckpt"], weights_only=True)
    trees = ckpt["vrdndi"]["trees"]  # format 1: one booster; 2: the fold boosters, averaged
    texts = [trees["model"]] if trees["format"] == 1 else trees["models"]
    assert len(texts) == len(info["rounds"]) == 5 and all(text.startswith("tree") for text in texts)
    module, _ = load_module(result["best_ckpt"])
    assert module.net.trees is not None and module.net.trees.weight == info["weight"]
    assert float(module.productive_logit_offset) == pytest.approx(info["threshold"])
    assert float(module.net.tree_pca_components.abs().sum()) > 0
    lr = result["interest_lr"]  # the interest member: buffers of the network
    assert lr["weight"] == 0.5 and float(module.net.interest_lr_mix) == pytest.approx(0.5)
    assert lr["n_refit"] == lr["n_train"] + lr["n_val"]  # refit_on_val (default): the newest likes are read too
    assert float(module.net.interest_lr_weight.abs().sum()) > 0
    # the last checkpoint was written during training, before the members: the network alone
    last = load_module(result["last_ckpt"])[0].net
    assert last.trees is None and float(last.interest_lr_mix) == 0.0


def test_context_tower_does_not_use_the_text_encoder(trained):
    from vrdndi.models.restore import load_module

    module, _ = load_module(trained[1]["best_ckpt"])
    assert module.net.reads_summary  # the default context config carries the explicit summary
    summary = module.hparams.context["summary"]
    windows = len(summary["windows_min"]) if summary["text"] else 0
    numeric = module.net.summary_dim - windows * 384
    ctx = (torch.randn(2, 5, 384), torch.randn(2, 5, 3), torch.ones(2, 5), torch.randn(2, numeric),
           torch.randn(2, windows, 384))
    calls = []
    handle = module.net.backbone.register_forward_hook(lambda *a: calls.append(1))
    with torch.no_grad():
        out = module.net.context_embedding(*ctx)
    handle.remove()
    # video_dim + the wide logit (model.net.wide) + the summary the trees read (model.net.trees), both default
    assert out.shape == (2, 32 + 1 + numeric) and not calls




def test_restores_identical_scores_in_fresh_process(trained, tmp_path):
    from vrdndi.inference.scorer import load_scorer

    from vrdndi.inference.scorer import FeedScorer

    store_path, result = trained
    scorer = load_scorer(result["best_ckpt"])
    assert isinstance(scorer, FeedScorer) and scorer.reads_context and scorer.has_video_tower
    with Store(store_path) as store:
        videos = store.videos()[:6]
        here = scorer.score(store, videos, MOMENTS, progress=False)
    there = scores_in_fresh_process(result["best_ckpt"], store_path)
    assert here.shape == (6, 2) and ((here >= 0) & (here <= 1)).all()
    assert np.allclose(here, there, atol=1e-6, rtol=0)
    # the same video after coding (10:00) and after gaming (13:00): only the productive column moves
    assert here[0, 1] != pytest.approx(here[3, 1], abs=1e-6)


def test_cached_reranking_equals_uncached_scoring(trained, vrdndi_home):
    from vrdndi.features.batch import BatchBuilder  # noqa: F401  (the uncached path is the module's forward)
    from vrdndi.inference.scorer import VIDEO_CACHE_FILE, load_scorer

    store_path, result = trained
    with Store(store_path) as store:
        videos = store.videos()[:12]
        moments = [MOMENTS[i % 3] for i in range(12)]
        scorer = load_scorer(result["best_ckpt"])
        builder = scorer.builder(store)
        batch = builder.collate([builder.item(v, m or None) for v, m in zip(videos, moments)])
        with torch.no_grad():
            interest, productive = scorer.module(batch)
        uncached = np.stack([scorer.module.interest_probability(interest).numpy(),
                             scorer.module.productive_probability(productive).numpy()], 1)

        first = scorer.score(store, videos, moments, progress=False)  # fills the caches
        again = scorer.score(store, videos, moments, progress=False)  # memory cache
        assert (vrdndi_home / "cache" / VIDEO_CACHE_FILE).is_file()
        fresh = load_scorer(result["best_ckpt"])  # new scorer: the disk cache
        calls = []
        fresh.module.net.backbone.register_forward_hook(lambda *a: calls.append(1))
        from_disk = fresh.score(store, videos, moments, progress=False)
    assert not calls, "cached video embeddings must not run the text encoder again"
    assert np.allclose(first, uncached, atol=1e-5, rtol=0)
    assert np.array_equal(first, again) and np.array_equal(first, from_disk)


def test_reranking_memo_follows_the_text_the_model_reads(trained, vrdndi_home):
    """The scorer remembers the last video list's side; a video whose tags or category change (same id,
    title and description) is a different text, so it is scored again, as a fresh scorer would."""
    from dataclasses import replace

    from vrdndi.inference.scorer import load_scorer

    store_path, result = trained
    with Store(store_path) as store:
        videos = store.videos()[:6]
        moments = [MOMENTS[0]] * 6
        scorer = load_scorer(result["best_ckpt"])
        scorer.score(store, videos, moments, progress=False)
        retagged = [replace(v, tags=["lofi", "sleep music"], category_id="10") for v in videos]
        again = scorer.score(store, retagged, moments, progress=False)
        fresh = load_scorer(result["best_ckpt"]).score(store, retagged, moments, progress=False)
    assert np.array_equal(again, fresh)


def test_cache_key_changes_with_the_checkpoint(trained, tmp_path):
    import shutil

    from vrdndi.inference.scorer import load_scorer

    _, result = trained
    copy = Path(tmp_path / "copy.ckpt")
    shutil.copy(result["best_ckpt"], copy)
    assert load_scorer(copy).identity() == load_scorer(result["best_ckpt"]).identity()
    last = result["last_ckpt"]
    if Path(last).read_bytes() != Path(result["best_ckpt"]).read_bytes():
        assert load_scorer(last).identity() != load_scorer(result["best_ckpt"]).identity()


def test_the_default_frozen_encoder_is_encoded_once_and_restores(tmp_path, vrdndi_home):
    """`python train.py`'s model: a frozen encoder whose pooled text is memoised during training; the
    encoder weights stay the pretrained ones and a fresh process reproduces the scores."""
    from vrdndi.models.restore import load_module
    from vrdndi.train import run

    store_path = tiny_store(tmp_path / "tiny.sqlite")
    cfg = compose_train([f"data.store={store_path}", "backbone=tiny", "data.batch_size=8", "model.net.video_dim=32",
                         "trainer.max_epochs=2", "test_best=false"], tmp_path / "run")
    assert cfg.model.net._target_.endswith("TwoTowerNet") and not cfg.lora.enabled
    result = run(cfg)
    module, _ = load_module(result["best_ckpt"])
    assert not module.net.encoder_trainable
    fresh, _ = load_module(result["best_ckpt"])
    from vrdndi.models.backbones import load_backbone

    pretrained = load_backbone(dict(module.hparams.backbone), seed=module.hparams.seed).state_dict()
    assert all(torch.equal(pretrained[k], v) for k, v in fresh.net.backbone.state_dict().items())
    batch = {"input_ids": torch.tensor([[101, 2000, 102], [101, 2001, 102]]), "attention_mask": torch.ones(2, 3, dtype=torch.long)}
    calls = []
    handle = module.net.backbone.register_forward_hook(lambda *a: calls.append(1))
    first = module.net.pooled_text(batch["input_ids"], batch["attention_mask"])
    again = module.net.pooled_text(batch["input_ids"], batch["attention_mask"])
    handle.remove()
    assert len(calls) == 1 and torch.equal(first, again)  # the second call is served from the memo
    with Store(store_path) as store:
        from vrdndi.inference.scorer import load_scorer

        here = load_scorer(result["best_ckpt"]).score(store, store.videos()[:6], MOMENTS, progress=False)
    assert np.allclose(here, scores_in_fresh_process(result["best_ckpt"], store_path), atol=1e-6, rtol=0)


def test_the_wide_term_reaches_the_margin_and_the_cached_split_keeps_it():
    """model.net.wide=true: a linear term of the summary is added to the productive margin only (the
    interest head and the non-productive logit do not see it), and the re-ranking split
    (video_static + productive_from_static) gives the same logits as the full heads."""
    from vrdndi.models.two_tower import TwoTowerNet

    torch.manual_seed(0)
    backbone = {"kind": "tiny", "name": "tiny-random-bert", "path": None, "max_length": 64, "hidden_size": 32}
    net = TwoTowerNet(backbone=backbone, lora={"enabled": False}, video_dim=16, head_hidden=8,
                      num_out_feature=12, summary_dim=10, wide=True).eval()
    ctx = (torch.randn(3, 4, 12), torch.randn(3, 4, 3), torch.ones(3, 4), torch.randn(3, 10), torch.zeros(3, 0, 12))
    video = torch.randn(3, 16)
    with torch.no_grad():
        context = net.context_embedding(*ctx)
        assert context.shape == (3, 17)
        assert torch.equal(context[:, 16], torch.zeros(3))  # starts at zero: adds only what it learns
        net.wide.weight.fill_(0.5)
        moved = net.context_embedding(*ctx)
        interest, productive = net.heads(video, moved)
        base_interest, base_productive = net.heads(video, torch.cat([moved[:, :16], torch.zeros(3, 1)], 1))
        _, video_part = net.video_static(video)
        split = net.productive_from_static(video_part, video, moved)
    wide = 0.5 * ctx[3].sum(1)
    assert torch.allclose(productive[:, 1] - base_productive[:, 1], wide, atol=1e-5)
    assert torch.equal(productive[:, 0], base_productive[:, 0]) and torch.equal(interest, base_interest)
    assert torch.allclose(split, productive, atol=1e-5)


def test_the_wide_video_term_moves_only_the_interest_margin():
    """model.net.wide_video=true: the video embedding carries one more column, a linear term of the pooled
    text and duration, added to the interest margin; the productive logits and the split path ignore it."""
    from vrdndi.models.two_tower import TwoTowerNet

    torch.manual_seed(0)
    backbone = {"kind": "tiny", "name": "tiny-random-bert", "path": None, "max_length": 64, "hidden_size": 32}
    net = TwoTowerNet(backbone=backbone, lora={"enabled": False}, video_dim=16, head_hidden=8,
                      num_out_feature=12, summary_dim=10, wide=True, wide_video=True).eval()
    ids, mask = torch.randint(5, 100, (3, 7)), torch.ones(3, 7, dtype=torch.long)
    with torch.no_grad():
        net.wide_video.weight.fill_(0.1)
        net.wide_video.bias.fill_(0.3)
        video = net.video_embedding(ids, mask, torch.zeros(3, 1))
        assert video.shape == (3, net.video_width) == (3, 17)
        context = net.context_embedding(torch.randn(3, 4, 12), torch.randn(3, 4, 3), torch.ones(3, 4),
                                        torch.randn(3, 10), torch.zeros(3, 0, 12))
        interest, productive = net.heads(video, context)
        plain_interest, plain_productive = net.heads(torch.cat([video[:, :16], torch.zeros(3, 1)], 1), context)
        static_interest, video_part = net.video_static(video)
        split = net.productive_from_static(video_part, video, context)
    assert torch.allclose(interest[:, 1] - plain_interest[:, 1], video[:, 16], atol=1e-6)
    assert torch.equal(interest[:, 0], plain_interest[:, 0]) and torch.equal(productive, plain_productive)
    assert torch.allclose(static_interest, interest, atol=1e-6) and torch.allclose(split, productive, atol=1e-5)
