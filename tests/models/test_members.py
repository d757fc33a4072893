"""The members fitted after training (models/members.py): the boosted trees learn a threshold rule, read
back from their text format exactly and a damaged one is a clear error; the interest regression folds
into one linear layer; both blend into the margins the same way on every scoring path."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import torch

from vrdndi.models.members import (InterestLRParams, TreeMember, TreeParams, VideoPrior, choose_weight, fit_booster,
                                   fit_boosters, fit_interest_lr, fit_pca, moment_groups)


def _rule(n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """A sum of thresholds (the kind of rule the context-bag logistic regression cannot draw)."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 6))
    y = (((x[:, 0] > 0.3) & (x[:, 1] < 0.5)) | (x[:, 2] > 1.2)).astype(np.int64)
    return x, y


def test_booster_learns_a_threshold_rule_that_a_line_cannot():
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import roc_auc_score

    x, y = _rule(1500, 0)
    test_x, test_y = _rule(800, 1)
    member = TreeMember(fit_booster(x, y, TreeParams(enabled=True), seed=0), 1.0)
    trees_auc = roc_auc_score(test_y, member.margin(test_x))
    line_auc = roc_auc_score(test_y, LogisticRegression().fit(x, y).decision_function(test_x))
    assert trees_auc > 0.95 and trees_auc > line_auc + 0.05


def test_booster_is_deterministic_and_refuses_too_few_labels():
    x, y = _rule(400, 2)
    params = TreeParams(enabled=True)
    assert fit_booster(x, y, params, seed=3) == fit_booster(x, y, params, seed=3)
    assert fit_booster(x[:10], y[:10], params) is None
    assert fit_booster(x, np.zeros(len(y), np.int64), params) is None


def test_a_refit_booster_trains_the_given_rounds_on_every_pair():
    x, y = _rule(400, 6)
    params = TreeParams(enabled=True)
    first = TreeMember(fit_booster(x, y, params, seed=0), 1.0)
    again = TreeMember(fit_booster(x, y, params, seed=0, rounds=first.booster.num_trees()), 1.0)
    assert again.booster.num_trees() == first.booster.num_trees()
    assert not np.array_equal(first.margin(x), again.margin(x))  # the early-stopping pairs train too


def _moments(n: int, seed: int, per: int = 8) -> tuple[np.ndarray, np.ndarray]:
    """``n`` feed openings of ``per`` answers: columns 0-2 the video (column 0 counts), 3-7 what the moment
    looked like, which is unrelated to the answers; a mood shared by a moment's answers makes them agree, so
    a moment's look predicts its other answers and nothing about a new moment."""
    rng = np.random.default_rng(seed)
    look, mood = rng.normal(size=(n, 5)), rng.normal(size=n)
    video = rng.normal(size=(n, per, 3))
    score = video[:, :, 0] + 1.5 * mood[:, None] + rng.normal(scale=0.5, size=(n, per))
    x = np.concatenate([video, np.repeat(look[:, None, :], per, axis=1)], axis=2).reshape(n * per, 8)
    return x, (score > 0).astype(np.int64).reshape(-1)


def test_boosters_early_stopped_on_unseen_moments_do_not_learn_the_moments_by_heart():
    """A random 10% of the pairs shares its moments with the rest, so the trees keep growing on the
    moments' looks; held-out moments stop them early, and on new moments they rank better."""
    from sklearn.metrics import roc_auc_score

    params = TreeParams(enabled=True)
    gains = []
    for seed in range(3):
        x, y = _moments(120, seed)
        test_x, test_y = _moments(200, 100 + seed)
        pairs = TreeMember(fit_booster(x, y, params, seed=0), 1.0)
        moments = TreeMember(fit_boosters(x, y, moment_groups(x[:, 3:]), params, seed=0), 1.0)
        assert len(moments.rounds) == params.folds == 5
        assert max(moments.rounds) < pairs.rounds[0]
        gains.append(roc_auc_score(test_y, moments.margin(test_x)) - roc_auc_score(test_y, pairs.margin(test_x)))
    assert np.mean(gains) > 0.0 and min(gains) > -0.01


def test_moment_groups_are_equal_summary_rows():
    summary = np.array([[1.0, 0.5], [0.0, 0.5], [1.0, 0.5], [0.0, 0.5], [0.0, 0.25]], np.float32)
    groups = moment_groups(summary)
    assert groups[0] == groups[2] and groups[1] == groups[3] and len(set(groups.tolist())) == 3
    assert moment_groups(np.zeros((4, 0))).tolist() == [0, 1, 2, 3]  # no summary: every pair its own


def test_fold_boosters_are_deterministic_and_fall_back_to_one_booster():
    x, y = _moments(40, 7)
    groups = moment_groups(x[:, 3:])
    params = TreeParams(enabled=True)
    assert fit_boosters(x, y, groups, params, seed=2) == fit_boosters(x, y, groups, params, seed=2)
    assert len(fit_boosters(x, y, groups, params)) == 5
    assert fit_boosters(x, y, groups, TreeParams(enabled=True, folds=1)) == [fit_booster(x, y, params)]
    few = groups < 8  # 8 moments < 2 x 5 folds: one booster, early-stopped on random pairs
    assert fit_boosters(x[few], y[few], groups[few], params) == [fit_booster(x[few], y[few], params)]
    assert fit_boosters(x[:10], y[:10], groups[:10], params) is None
    with pytest.raises(ValueError, match="folds"):
        TreeParams(enabled=True, folds=0)


def test_several_boosters_average_their_margins_and_read_back():
    x, y = _moments(60, 3)
    models = fit_boosters(x, y, moment_groups(x[:, 3:]), TreeParams(enabled=True))
    member = TreeMember(models, 0.3, scale=2.0)
    alone = [TreeMember(m, 0.3, scale=2.0).margin(x) for m in models]
    assert np.allclose(member.margin(x), np.mean(alone, axis=0), atol=1e-5)
    config = member.as_config()
    assert config["format"] == 2 and config["models"] == models
    again = TreeMember.from_config(config)
    assert again.rounds == member.rounds and np.array_equal(again.margin(x), member.margin(x))
    one = TreeMember(models[0], 0.3)  # one booster is written as before (format 1)
    assert one.as_config()["format"] == 1 and TreeMember.from_config(one.as_config()).rounds == one.rounds
    with pytest.raises(ValueError, match="unknown format"):
        TreeMember.from_config({"format": 2, "models": []})


def test_member_reads_back_from_its_config_exactly():
    x, y = _rule(500, 4)
    member = TreeMember(fit_booster(x, y, TreeParams(enabled=True)), 0.3, scale=2.5)
    again = TreeMember.from_config(member.as_config())
    assert again.weight == 0.3 and again.scale == 2.5
    assert np.array_equal(member.margin(x), again.margin(x))
    with pytest.raises(ValueError, match="columns"):
        member.margin(x[:, :3])


def test_a_damaged_member_is_a_value_error():
    with pytest.raises(ValueError, match="cannot be read"):
        TreeMember("tree\nnot really a model", 0.5)
    with pytest.raises(ValueError, match="unknown format"):
        TreeMember.from_config({"format": 9, "model": "x"})


def test_pca_has_a_fixed_width_and_a_deterministic_sign():
    rng = np.random.default_rng(0)
    pooled = rng.normal(size=(5, 12)).astype(np.float32)
    mean, components = fit_pca(pooled, 8)  # rank 4 < 8: the rest are zero rows
    assert mean.shape == (12,) and components.shape == (8, 12)
    assert np.allclose(components[5:], 0) and not np.allclose(components[:4], 0)
    mean2, components2 = fit_pca(-pooled, 8)
    assert np.allclose(np.abs(components), np.abs(components2), atol=1e-5)
    loadings = components[:4][np.arange(4), np.abs(components[:4]).argmax(axis=1)]
    assert (loadings > 0).all()


def test_weight_is_the_best_validation_auc_and_zero_without_both_classes():
    rng = np.random.default_rng(0)
    y = rng.integers(0, 2, 400)
    good, noise = y + rng.normal(scale=0.3, size=400), rng.normal(size=400)
    assert choose_weight(noise, good, y)[0] == 1.0
    assert choose_weight(good, noise, y)[0] == 0.0
    assert choose_weight(good, noise, np.ones(400, np.int64)) == (0.0, {})


def test_params_reject_unknown_keys_and_bad_weights():
    assert TreeParams.from_config({"enabled": True, "weight": 0.5}).weight == 0.5
    with pytest.raises(ValueError, match="unknown key 'depth'"):
        TreeParams.from_config({"enabled": True, "depth": 3})
    with pytest.raises(ValueError, match="weight"):
        TreeParams(enabled=True, weight=1.5)


def _net(trees: bool):
    from omegaconf import OmegaConf

    from vrdndi.config import CONF_DIR
    from vrdndi.models.two_tower import TwoTowerNet

    torch.manual_seed(0)
    backbone = OmegaConf.to_container(OmegaConf.load(Path(CONF_DIR) / "backbone" / "tiny.yaml"))
    return TwoTowerNet(backbone=backbone, lora={"enabled": False}, video_dim=8, head_hidden=8,
                       summary_dim=5, num_out_feature=16, wide=True,
                       trees={"enabled": True, "pca": 3} if trees else None,
                       interest_lr={"enabled": True} if trees else None).eval()


def test_split_heads_equal_full_heads_with_the_trees_blended():
    net = _net(trees=True)
    hidden = net.hidden
    assert net.video_width == 8 + 1 + 3 + 1  # embedding | interest member logit | PCA | duration
    net.set_interest_lr(torch.randn(hidden + 1), 0.3, 0.5)
    net.tree_pca_components.copy_(torch.randn(3, hidden))
    rng = np.random.default_rng(0)
    x = rng.normal(size=(300, 3 + 1 + 5))
    y = (x[:, 0] + x[:, 5] > 0).astype(np.int64)
    net.attach_trees(TreeMember(fit_booster(x, y, TreeParams(enabled=True)), 0.5, scale=1.0))
    with torch.no_grad():
        ids, mask = torch.randint(5, 90, (4, 7)), torch.ones(4, 7, dtype=torch.long)
        video = net.video_embedding(ids, mask, torch.randn(4, 1))
        context = net.context_embedding(torch.randn(1, 3, 16), torch.randn(1, 3, 3), torch.ones(1, 3),
                                        torch.randn(1, 5), torch.zeros(1, 0, 16))
        assert video.shape == (4, 13) and context.shape == (1, 8 + 1 + 5)
        full_interest, full = net.heads(video, context.expand(4, -1))
        split_interest, part = net.video_static(video)
        split = net.productive_from_static(part, video, context)
        net.attach_trees(None)
        net.clear_interest_lr()
        alone_interest, alone = net.heads(video, context.expand(4, -1))
    assert torch.allclose(full, split, atol=1e-5) and torch.allclose(full_interest, split_interest, atol=1e-6)
    assert torch.allclose(full_interest[:, 0], 0.5 * alone_interest[:, 0], atol=1e-6)
    assert not torch.allclose(full_interest, alone_interest)
    assert not torch.allclose(full, alone)  # the trees move the margin ...
    assert torch.allclose(full[:, 0], 0.5 * alone[:, 0], atol=1e-6)  # ... as (1 - w) * network + w * trees


def test_trees_that_read_the_category_split_on_it_in_every_path():
    """trees.category: the video embedding carries a one-hot of the category after the PCA and the duration; trees
    fitted on those columns move the margin by category, the same in the full and the split heads; a category
    missing from the inputs is an error, not a silent zero."""
    from omegaconf import OmegaConf

    from vrdndi.config import CONF_DIR
    from vrdndi.features.video import N_CATEGORIES
    from vrdndi.models.two_tower import TwoTowerNet

    torch.manual_seed(0)
    backbone = OmegaConf.to_container(OmegaConf.load(Path(CONF_DIR) / "backbone" / "tiny.yaml"))
    net = TwoTowerNet(backbone=backbone, lora={"enabled": False}, video_dim=8, head_hidden=8, summary_dim=5,
                      num_out_feature=16, trees={"enabled": True, "pca": 3, "category": True}).eval()
    assert net.tree_video_dim == 3 + 1 + N_CATEGORIES and net.video_width == 8 + 3 + 1 + N_CATEGORIES
    rng = np.random.default_rng(0)
    cat = rng.integers(0, 3, size=600)
    x = np.concatenate([rng.normal(size=(600, 4)), np.eye(N_CATEGORIES)[cat], rng.normal(size=(600, 5))], axis=1)
    y = (cat == 2).astype(np.int64)  # the right moment depends on the category only
    net.attach_trees(TreeMember(fit_booster(x, y, TreeParams(enabled=True, category=True)), 1.0))
    ids, mask = torch.randint(5, 90, (1, 7)).expand(3, -1), torch.ones(3, 7, dtype=torch.long)
    with torch.no_grad():
        video = net.video_embedding(ids, mask, torch.zeros(3, 1), torch.tensor([0, 1, 2]))
        context = net.context_embedding(torch.randn(1, 3, 16), torch.randn(1, 3, 3), torch.ones(1, 3),
                                        torch.randn(1, 5), torch.zeros(1, 0, 16))
        _, full = net.heads(video, context.expand(3, -1))
        _, part = net.video_static(video)
        split = net.productive_from_static(part, video, context)
        with pytest.raises(ValueError, match="category"):
            net.video_embedding(ids, mask, torch.zeros(3, 1))
    assert torch.equal(video[:, -N_CATEGORIES:], torch.eye(N_CATEGORIES)[:3])
    margin = full[:, 1] - full[:, 0]
    assert margin[2] > margin[0] + 1 and margin[2] > margin[1] + 1  # same text, duration and moment: the category
    assert torch.allclose(full, split, atol=1e-5)


def test_interest_regression_folds_into_one_linear_layer():
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    rng = np.random.default_rng(0)
    pooled, duration = rng.normal(size=(300, 10)) * 3 + 1, rng.normal(size=300)
    y = (pooled[:, 0] - pooled[:, 3] + duration > 1).astype(np.int64)
    weight, bias = fit_interest_lr(pooled, duration, y)
    x = np.concatenate([pooled, duration[:, None]], axis=1)
    reference = make_pipeline(StandardScaler(), LogisticRegression(class_weight="balanced", max_iter=5000)).fit(x, y)
    assert np.allclose(x @ weight + bias, reference.decision_function(x), atol=1e-3)
    assert fit_interest_lr(pooled[:8], duration[:8], y[:8]) is None
    assert InterestLRParams.from_config({"enabled": True, "weight": "auto"}).weight == "auto"


def test_a_network_without_trees_refuses_a_member():
    x, y = _rule(200, 5)
    with pytest.raises(ValueError, match="without trees"):
        _net(trees=False).attach_trees(TreeMember(fit_booster(x, y, TreeParams(enabled=True)), 0.5))
    with pytest.raises(ValueError, match="without the interest member"):
        _net(trees=False).set_interest_lr(np.zeros(33), 0.0, 0.5)


def test_the_trees_vote_grows_with_the_training_pairs():
    params = TreeParams(enabled=True)  # weight "pairs", half the vote at 700 pairs
    assert params.weight_for(0) == 0.0 and params.weight_for(700) == 0.5
    assert params.weight_for(150) == pytest.approx(0.176, abs=1e-3)
    assert params.weight_for(1100) == pytest.approx(0.611, abs=1e-3)
    assert TreeParams(enabled=True, half_weight_pairs=100).weight_for(100) == 0.5
    assert TreeParams(enabled=True, weight=0.3).weight_for(5000) == 0.3  # a number is kept
    assert TreeParams(enabled=True, weight="auto").weight_for(5000) == "auto"
    with pytest.raises(ValueError, match="auto, pairs or a number"):
        TreeParams(enabled=True, weight="many")
    with pytest.raises(ValueError, match="half_weight_pairs"):
        TreeParams(enabled=True, half_weight_pairs=0)


def test_the_video_prior_reads_the_video_with_the_moment_held_fixed():
    """A kind of video answered mostly at work-heavy moments must not get the moment's credit: here video column 0
    is what the person wants whatever the moment, and video column 1 only goes with the moment's column (it has
    no effect of its own). The prior keeps column 0's positive coefficient, nearly nothing for column 1, and is
    centred on the pairs it was fitted on (logistic regression is not collapsible, so a little remains)."""
    from vrdndi.models.members import fit_video_prior

    rng = np.random.default_rng(0)
    n = 3000
    work = rng.normal(size=n)  # the moment
    wanted = rng.normal(size=n)  # the video's own appeal
    confounded = work + 0.5 * rng.normal(size=n)  # shown at work-heavy moments, no appeal of its own
    x = np.stack([wanted, confounded, work], axis=1) * np.array([2.0, 1.0, 1.0]) + np.array([1.0, 0.0, 0.0])
    y = (1.5 * wanted + 2.0 * work + rng.logistic(size=n) > 0).astype(np.int64)
    prior = fit_video_prior(x, y, 2, weight=0.5, C=1.0)
    assert prior is not None and len(prior.coef) == 2
    blind = fit_video_prior(x[:, :2], y, 2, weight=0.5, C=1.0)  # the same regression without the moment's column
    assert prior.coef[0] > 0.5 and blind.coef[1] > 1.0  # without the moment, column 1 takes the moment's credit
    assert abs(prior.coef[1]) < 0.2 * blind.coef[1]  # with it, column 1 keeps little (0.14 against 1.47)
    margin = prior.margin(x[:, :2])
    assert abs(float(margin.mean())) < 1e-3  # centred: it moves videos against each other, not the moment's level
    assert np.allclose(margin, 0.5 * (x[:, :2] @ np.asarray(prior.coef) + prior.bias), atol=1e-5)
    assert fit_video_prior(x[:10], y[:10], 2, weight=0.5) is None  # too few labels
    with pytest.raises(ValueError, match="reads 2 columns"):
        prior.margin(x)
    with pytest.raises(ValueError, match="prior"):
        TreeParams(enabled=True, prior=-0.1)


def test_the_video_prior_moves_every_path_and_reads_back_from_the_checkpoint():
    """With a prior the productive margin is the trees' blend + the prior of the video's columns, the same in the
    full and the split heads; the member's config keeps it, and a config without one (older checkpoints) reads
    back with none."""
    net = _net(trees=True)
    net.tree_pca_components.copy_(torch.randn(3, net.hidden))
    rng = np.random.default_rng(1)
    x = rng.normal(size=(300, 3 + 1 + 5))
    y = (x[:, 0] + x[:, 5] > 0).astype(np.int64)
    models = fit_booster(x, y, TreeParams(enabled=True))
    prior = VideoPrior((0.0, 0.0, 0.0, 2.0), 0.25, 0.5)  # the duration column only
    with torch.no_grad():
        ids, mask = torch.randint(5, 90, (1, 7)).expand(3, -1), torch.ones(3, 7, dtype=torch.long)
        duration = torch.tensor([[-1.0], [0.0], [1.0]])
        video = net.video_embedding(ids, mask, duration)
        context = net.context_embedding(torch.randn(1, 3, 16), torch.randn(1, 3, 3), torch.ones(1, 3),
                                        torch.randn(1, 5), torch.zeros(1, 0, 16))
        net.attach_trees(TreeMember(models, 0.5))
        _, without = net.heads(video, context.expand(3, -1))
        member = TreeMember(models, 0.5, prior=prior)
        net.attach_trees(member)
        _, full = net.heads(video, context.expand(3, -1))
        _, part = net.video_static(video)
        split = net.productive_from_static(part, video, context)
    added = (full[:, 1] - full[:, 0]) - (without[:, 1] - without[:, 0])
    assert torch.allclose(added, 0.5 * (2.0 * duration[:, 0] + 0.25), atol=1e-5)
    assert torch.allclose(full, split, atol=1e-5)
    again = TreeMember.from_config(member.as_config())
    assert again.prior == prior
    older = {k: v for k, v in member.as_config().items() if k != "prior"}
    assert TreeMember.from_config(older).prior is None
    with pytest.raises(ValueError, match="video prior"):
        TreeMember.from_config({**member.as_config(), "prior": {"coef": [1.0]}})
