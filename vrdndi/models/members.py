"""Members fitted after the network has trained, blended into its margins with a weight: boosted trees
for the productive head, a logistic regression for the interest head.

Why: on the evaluation worlds, gradient-boosted trees over (a 16-d PCA of the text embedding, the
log-duration, the context summary) are the strongest cheap model whenever the right moment is a sum of
thresholds (the last hour's work share, the clock, the video's length), while the two-tower heads win
when it is an interaction the summary does not spell out; and an L2-regularised logistic regression on
the frozen text embedding predicts taste better than the interest head on three of five worlds. Neither
side wins everywhere, and the trees need data: the best blend weight grew from ~0.1 at ~150 training pairs
to ~0.6 at ~1.1k, so the trees' weight is n / (n + 700) for n pairs (README "Quality"). The interest member is
then fitted again on the validation likes too (``refit_on_val``, weight 0.5): the newest likes predict the
held-out period's taste best.

Productive trees (``model.net.trees``): LightGBM over ``[PCA(pooled text) (k), duration z, category one-hot
(C, with ``category``), ctx_summary (S)]`` per (video, moment) pair: the video part rides along as the last
``k + 1 (+ C)`` columns of the video embedding (cached with it), the summary as the last
``S`` columns of the context embedding (models/two_tower.py), so every scoring path (training's
validation, the Scorer, re-ranking, explanations) adds the same margin. The booster is kept in the
checkpoint in LightGBM's own text model format (a string, no pickle) under
``checkpoint["vrdndi"]["trees"]`` with its weight and scale; the PCA is two buffers of the network. The
answers of one feed opening share their context, so the trees are early-stopped on *moments* they have not
seen (``folds``: five boosters, each stopped on its own fifth of the training moments, margins averaged):
stopped on random pairs instead, they go on learning each moment's context by heart.

Interest regression (``model.net.interest_lr``): scikit-learn's logistic regression on the standardised
``[pooled text, duration z]`` of the training likes/dislikes, folded into one linear layer (buffers of
the network: its weight, bias and blend weight), whose logit rides along as one column of the video
embedding.

Video prior (``model.net.trees.prior``, a weight; 0: none): a logistic regression on the trees' own columns, of
which only the video's coefficients are kept (``VideoPrior``): what a video adds to the log-odds with the moment
held fixed, centred, times the weight, added to the blended productive margin. It rides with the trees (their
video columns, their config in the checkpoint), so every path that adds the trees adds it.

Each member's margin is rescaled to the spread of the network's margin on the validation pairs, so a
weight of 0.5 is an even vote, not "whichever is more confident"; the productive decision threshold is
then chosen again on the blended validation margins.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

log = logging.getLogger(__name__)

# blend weights tried on validation: final margin = (1 - w) * neural + w * trees
WEIGHT_GRID = tuple(round(0.1 * i, 1) for i in range(11))


@dataclass(frozen=True)
class TreeParams:
    """``model.net.trees`` (conf/model/two_tower.yaml): the member's size and how it is fitted."""

    enabled: bool = False
    pca: int = 16             # components of the pooled text embedding the trees see
    rounds: int = 300         # boosting rounds at most (early-stopped, see folds)
    learning_rate: float = 0.05
    num_leaves: int = 15
    min_data_in_leaf: int = 20
    early_stopping: int = 30  # rounds without improvement on the early-stopping pairs
    folds: int = 5            # k > 1: k boosters, each early-stopped on its own k-th of the training *moments* (a
                              # moment's pairs never straddle), margins averaged; 1: one booster, early-stopped on a
                              # random 10% of the pairs
    weight: Any = "pairs"     # blend weight of the trees: "pairs" (n / (n + half_weight_pairs) for n training pairs:
                              # trees need data), a number in [0, 1], or "auto" (best validation AUC)
    half_weight_pairs: float = 700.0  # with weight "pairs": the training pairs at which the trees get half the vote
    refit_on_val: bool = False  # after choosing scale, weight and threshold: fit again on training + validation pairs
    category: bool = False    # + a one-hot of the video's YouTube category (features/video.py CATEGORY_IDS): the
                              # kind of video in one column the trees can split on (a 16-d PCA of the text blurs it);
                              # False in checkpoints from before 2026-12-06, whose trees read PCA + duration only
    prior: float = 0.0        # weight of the linear video prior (0: none): a logistic regression on the trees' columns
                              # whose video coefficients, in log-odds, are added to the blended margin x this weight;
                              # 0 in checkpoints from before 2026-12-06 (evening)
    prior_C: float = 0.05     # the prior's inverse L2 strength on standardised columns (scikit-learn's)

    def __post_init__(self):
        _check_weight("trees", self.weight, PAIRS)
        if not float(self.half_weight_pairs) > 0:
            raise ValueError(f"model.net.trees.half_weight_pairs must be above 0, not {self.half_weight_pairs!r}")
        if int(self.folds) < 1:
            raise ValueError(f"model.net.trees.folds must be 1 or more, not {self.folds!r}")
        if not float(self.prior) >= 0:
            raise ValueError(f"model.net.trees.prior must be 0 or more, not {self.prior!r}")
        if not float(self.prior_C) > 0:
            raise ValueError(f"model.net.trees.prior_C must be above 0, not {self.prior_C!r}")

    @classmethod
    def from_config(cls, cfg: Any) -> TreeParams:
        return _from_config(cls, cfg, "trees")

    def weight_for(self, n_pairs: int) -> Any:
        """The weight setting for trees fitted on ``n_pairs`` training pairs: ``weight`` itself, or with
        ``"pairs"`` n / (n + half_weight_pairs), rounded to 3 places."""
        if self.weight != PAIRS:
            return self.weight
        return round(n_pairs / (n_pairs + float(self.half_weight_pairs)), 3)


PAIRS = "pairs"  # TreeParams.weight: grow the trees' vote with the training pairs


def _check_weight(name: str, weight: Any, *words: str) -> None:
    allowed = ("auto", *words)
    if weight not in allowed and not (isinstance(weight, (int, float)) and 0.0 <= float(weight) <= 1.0):
        raise ValueError(f"model.net.{name}.weight must be {', '.join(allowed)} or a number in [0, 1], not {weight!r}")


def _from_config(cls, cfg: Any, name: str):
    if cfg is None or cfg is False:
        return cls()
    if cfg is True:
        return cls(enabled=True)
    known = {k: v for k, v in dict(cfg).items() if k in cls.__dataclass_fields__}
    unknown = sorted(set(dict(cfg)) - set(known))
    if unknown:
        raise ValueError(f"model.net.{name}: unknown key {unknown[0]!r} (one of {', '.join(cls.__dataclass_fields__)})")
    return cls(**known)


@dataclass(frozen=True)
class InterestLRParams:
    """``model.net.interest_lr``: the interest member (a logistic regression on the video alone)."""

    enabled: bool = False
    C: float = 1.0            # inverse L2 strength (scikit-learn's), on standardised inputs
    weight: Any = 0.5         # blend weight in the interest margin: [0, 1] or "auto" (best validation AUC)
    refit_on_val: bool = True  # after choosing scale and weight: fit again on training + validation labels

    def __post_init__(self):
        _check_weight("interest_lr", self.weight)

    @classmethod
    def from_config(cls, cfg: Any) -> InterestLRParams:
        return _from_config(cls, cfg, "interest_lr")


class TreeMember:
    """Fitted LightGBM boosters, their blend weight and scale. ``margin(x)`` -> the mean of the boosters' raw
    scores (log-odds) x ``scale`` [n]: the scale puts them on the network margin's spread (both measured on
    the validation pairs), so a weight of 0.5 means an even vote, not "whichever is more confident"."""

    def __init__(self, model: str | Sequence[str], weight: float, scale: float = 1.0, *,
                 prior: VideoPrior | None = None):
        import lightgbm as lgb

        self.model_texts = [str(model)] if isinstance(model, str) else [str(m) for m in model]
        if not self.model_texts:
            raise ValueError("the boosted trees cannot be read (no booster)")
        self.weight = float(weight)
        self.scale = float(scale)
        self.prior = prior
        try:
            self.boosters = [lgb.Booster(model_str=text) for text in self.model_texts]
        except lgb.basic.LightGBMError as exc:
            raise ValueError(f"the boosted trees cannot be read ({exc})") from exc
        widths = {int(b.num_feature()) for b in self.boosters}
        if len(widths) != 1:
            raise ValueError(f"the boosted trees cannot be read (boosters of different widths {sorted(widths)})")
        self.n_features = widths.pop()

    @property
    def booster(self):
        """The first booster (the only one when fitted with ``folds=1``)."""
        return self.boosters[0]

    @property
    def rounds(self) -> list[int]:
        return [int(b.num_trees()) for b in self.boosters]

    def margin(self, features: np.ndarray) -> np.ndarray:
        features = np.asarray(features, dtype=np.float64)
        if features.ndim != 2 or features.shape[1] != self.n_features:
            raise ValueError(f"the trees read {self.n_features} columns, got an array of shape {features.shape}")
        if not len(features):
            return np.zeros(0, np.float32)
        raw = np.mean([b.predict(features, raw_score=True, num_threads=1) for b in self.boosters], axis=0)
        return (self.scale * raw).astype(np.float32)

    def prior_margin(self, video_columns: np.ndarray) -> np.ndarray:
        """The video prior's share of the margin [n] (its weight applied; zeros without a prior) from the trees'
        video columns [n, k + 1 (+ C)]."""
        video_columns = np.asarray(video_columns, dtype=np.float64)
        if self.prior is None:
            return np.zeros(len(video_columns), np.float32)
        return self.prior.margin(video_columns)

    def as_config(self) -> dict[str, Any]:
        """Plain values for the checkpoint (``torch.load(weights_only=True)`` reads them back); one booster is
        written as format 1, which checkpoints from before the averaged boosters hold. A video prior adds the
        key ``prior`` (older code ignores it)."""
        if len(self.model_texts) == 1:
            out = {"format": 1, "model": self.model_texts[0], "weight": self.weight, "scale": self.scale}
        else:
            out = {"format": 2, "models": list(self.model_texts), "weight": self.weight, "scale": self.scale}
        if self.prior is not None:
            out["prior"] = self.prior.as_config()
        return out

    @classmethod
    def from_config(cls, cfg: dict[str, Any]) -> TreeMember:
        fmt = int(cfg.get("format", 0))
        if fmt == 1 and isinstance(cfg.get("model"), str):
            models: Any = cfg["model"]
        elif (fmt == 2 and isinstance(cfg.get("models"), (list, tuple)) and cfg["models"]
              and all(isinstance(m, str) for m in cfg["models"])):
            models = list(cfg["models"])
        else:
            raise ValueError("the checkpoint's boosted trees are in an unknown format")
        prior = VideoPrior.from_config(cfg["prior"]) if cfg.get("prior") is not None else None
        return cls(models, float(cfg.get("weight", 0.0)), float(cfg.get("scale", 1.0)), prior=prior)


@dataclass(frozen=True)
class VideoPrior:
    """What a video adds to the log-odds of "right moment" whatever the moment: the video coefficients of a
    logistic regression on the trees' columns ``[PCA(text), duration z, category one-hot, summary]``.

    The summary columns are in the regression so that the video coefficients are read *with the moment held
    fixed* (a kind of video answered mostly at work-heavy moments does not get the credit of the moment);
    only the video part is kept. It is centred on the training pairs (``bias``), so it moves videos against
    each other and leaves the moment's overall level to the network and the trees. Within a feed opening
    every video shares the context, so this is a re-ranking of the opening's videos by what, in the
    person's answers, tends to be wanted at all (README "Quality": AUC within a moment +0.008 on ten new
    persons of both generators, +0.014 on forward folds; F1 and AUC level). ``margin = weight * (x @ coef + bias)``."""

    coef: tuple[float, ...]
    bias: float
    weight: float

    def margin(self, video_columns: np.ndarray) -> np.ndarray:
        video_columns = np.asarray(video_columns, dtype=np.float64)
        if video_columns.ndim != 2 or video_columns.shape[1] != len(self.coef):
            raise ValueError(f"the video prior reads {len(self.coef)} columns, got an array of shape "
                             f"{video_columns.shape}")
        return (self.weight * (video_columns @ np.asarray(self.coef) + self.bias)).astype(np.float32)

    def as_config(self) -> dict[str, Any]:
        return {"coef": [float(c) for c in self.coef], "bias": float(self.bias), "weight": float(self.weight)}

    @classmethod
    def from_config(cls, cfg: Any) -> VideoPrior:
        try:
            return cls(tuple(float(c) for c in cfg["coef"]), float(cfg["bias"]), float(cfg["weight"]))
        except (KeyError, TypeError, ValueError) as exc:
            raise ValueError(f"the checkpoint's video prior cannot be read ({exc!r})") from exc


def fit_video_prior(x: np.ndarray, y: np.ndarray, n_video: int, *, weight: float,
                    C: float = 0.05) -> VideoPrior | None:
    """A class-balanced, L2-regularised logistic regression of ``y`` on the standardised pairs ``x`` [n, F]
    (the trees' design: the video's ``n_video`` columns first, then the moment's), of which the video
    coefficients are kept, folded onto the raw columns and centred on these pairs; None with too few labels."""
    x = np.asarray(x, np.float64)
    y = np.asarray(y, np.int64)
    if not _enough(y):
        return None
    coef = _raw_logistic(x, y, C)[0][:n_video]
    return VideoPrior(tuple(float(c) for c in coef), float(-np.dot(coef, x[:, :n_video].mean(axis=0))), float(weight))


def fit_pca(pooled: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """(mean [H], components [k, H]) of pooled text embeddings [n, H] (the training rows: a video counts
    once per label; SVD; rows beyond the rank are zeros, so the width is always ``k``)."""
    pooled = np.asarray(pooled, dtype=np.float64)
    mean = pooled.mean(axis=0) if len(pooled) else np.zeros(pooled.shape[1])
    components = np.zeros((k, pooled.shape[1]))
    if len(pooled) > 1:
        _, _, vt = np.linalg.svd(pooled - mean, full_matrices=False)
        # a deterministic sign per component (SVD's is arbitrary): the largest loading is positive
        signs = np.sign(vt[np.arange(len(vt)), np.abs(vt).argmax(axis=1)])
        vt = vt * np.where(signs == 0, 1.0, signs)[:, None]
        components[:min(k, len(vt))] = vt[:k]
    return mean.astype(np.float32), components.astype(np.float32)


def _enough(y: np.ndarray) -> bool:
    positives = int(y.sum())
    return len(y) >= 20 and positives >= 5 and len(y) - positives >= 5


def _booster_config(params: TreeParams, seed: int) -> dict[str, Any]:
    return {"objective": "binary", "learning_rate": params.learning_rate, "num_leaves": params.num_leaves,
            "min_data_in_leaf": params.min_data_in_leaf, "seed": seed, "deterministic": True,
            "force_row_wise": True, "num_threads": 1, "verbosity": -1}


def _balanced(y: np.ndarray) -> np.ndarray:
    positives = int(y.sum())
    return np.where(y == 1, len(y) / (2.0 * positives), len(y) / (2.0 * (len(y) - positives)))


def _early_stopped(x: np.ndarray, y: np.ndarray, weight: np.ndarray, stop: np.ndarray, params: TreeParams,
                   seed: int) -> str:
    import lightgbm as lgb

    train = lgb.Dataset(x[~stop], y[~stop], weight=weight[~stop], free_raw_data=False)
    valid = lgb.Dataset(x[stop], y[stop], weight=weight[stop], reference=train, free_raw_data=False)
    booster = lgb.train(_booster_config(params, seed), train, num_boost_round=params.rounds, valid_sets=[valid],
                        callbacks=[lgb.early_stopping(params.early_stopping, verbose=False)])
    return booster.model_to_string(num_iteration=booster.best_iteration or None)


def fit_booster(x: np.ndarray, y: np.ndarray, params: TreeParams, *, seed: int = 0,
                rounds: int | None = None) -> str | None:
    """LightGBM on pairs ``x`` [n, F] with 0/1 labels ``y``, classes balanced, early-stopped on a
    stratified random 10% of the pairs; its text model, or None with too few labels of either class."""
    import lightgbm as lgb

    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y, dtype=np.int64)
    if not _enough(y):
        return None
    weight = _balanced(y)
    if rounds is not None:  # a known number of rounds (a refit): every pair trains, no early stopping
        booster = lgb.train(_booster_config(params, seed), lgb.Dataset(x, y, weight=weight),
                            num_boost_round=int(rounds))
        return booster.model_to_string()
    rng = np.random.default_rng(seed)
    stop = np.zeros(len(y), dtype=bool)
    for label in (0, 1):  # stratified: both classes in the early-stopping pairs
        idx = np.flatnonzero(y == label)
        stop[rng.choice(idx, size=max(1, len(idx) // 10), replace=False)] = True
    return _early_stopped(x, y, weight, stop, params, seed)


def fit_boosters(x: np.ndarray, y: np.ndarray, groups: np.ndarray, params: TreeParams, *,
                 seed: int = 0) -> list[str] | None:
    """``params.folds`` boosters on pairs ``x`` [n, F] / ``y`` [n], the pairs grouped by ``groups`` [n] (the
    moment each pair was answered at): the groups are dealt at random into k folds, and booster i trains on
    the other folds and early-stops on fold i, so it stops when it no longer helps on moments it has not
    seen (a random split of pairs lets the trees memorise a moment's context and still look good on the
    other answers given there). Their text models (average their margins), or None with too few labels.
    With ``folds=1``, fewer than 2k groups, or a fold without both classes: ``[fit_booster(...)]``."""
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y, dtype=np.int64)
    if not _enough(y):
        return None
    k = int(params.folds)
    _, group = np.unique(np.asarray(groups), return_inverse=True)
    n_groups = int(group.max()) + 1 if len(group) else 0
    if k > 1 and n_groups >= 2 * k:
        fold_of_group = np.random.default_rng(seed).permutation(n_groups) % k
        fold = fold_of_group[group.reshape(-1)]
        if all(_enough(y[fold != i]) and len(set(y[fold == i].tolist())) == 2 for i in range(k)):
            weight = _balanced(y)
            return [_early_stopped(x, y, weight, fold == i, params, seed + i) for i in range(k)]
    single = fit_booster(x, y, params, seed=seed)
    return None if single is None else [single]


def moment_groups(summary: np.ndarray) -> np.ndarray:
    """One group id per row of the context summary [n, S]: the pairs answered at one moment share every
    column (the summary is the moment's), so equal rows are one moment. [n] int64."""
    summary = np.ascontiguousarray(np.asarray(summary, dtype=np.float32))
    if summary.ndim != 2 or summary.shape[1] == 0:
        return np.arange(len(summary), dtype=np.int64)
    _, group = np.unique(summary, axis=0, return_inverse=True)
    return group.reshape(-1).astype(np.int64)


def blend_auc(neural: np.ndarray, member: np.ndarray, targets: np.ndarray, weight: float) -> float:
    """The AUC of ``(1 - weight) * neural + weight * member`` against 0/1 ``targets``."""
    from sklearn.metrics import roc_auc_score

    return float(roc_auc_score(targets, (1 - weight) * np.asarray(neural) + weight * np.asarray(member)))


def choose_weight(neural: np.ndarray, trees: np.ndarray, targets: np.ndarray) -> tuple[float, dict[float, float]]:
    """The blend weight with the best validation AUC of ``(1 - w) * neural + w * trees`` (ties: the smaller
    weight); (0, {}) when the validation labels have one class only."""
    targets = np.asarray(targets, dtype=np.int64)
    if len(set(targets.tolist())) < 2:
        return 0.0, {}
    scores = {w: blend_auc(neural, trees, targets, w) for w in WEIGHT_GRID}
    best = max(scores.values())
    return min(w for w, s in scores.items() if s >= best - 1e-9), scores


def fit_interest_lr(pooled: np.ndarray, duration: np.ndarray, y: np.ndarray, *,
                    C: float = 1.0) -> tuple[np.ndarray, float] | None:
    """A class-balanced logistic regression of ``y`` on standardised ``[pooled, duration]``, folded into
    (weight [H + 1], bias) on the raw inputs; None without both classes (5 each at least)."""
    x = np.concatenate([np.asarray(pooled, np.float64), np.asarray(duration, np.float64).reshape(-1, 1)], axis=1)
    y = np.asarray(y, dtype=np.int64)
    if min(int(y.sum()), int(len(y) - y.sum())) < 5:
        return None
    weight, bias = _raw_logistic(x, y, C)
    return weight.astype(np.float32), bias


def _raw_logistic(x: np.ndarray, y: np.ndarray, C: float) -> tuple[np.ndarray, float]:
    """A class-balanced, L2-regularised logistic regression fitted on the standardised columns of ``x`` [n, F]
    (constant columns left as they are), folded back onto the raw columns: (weight [F], bias)."""
    from sklearn.linear_model import LogisticRegression

    mean, std = x.mean(axis=0), x.std(axis=0)
    std = np.where(std > 1e-8, std, 1.0)
    model = LogisticRegression(C=float(C), class_weight="balanced", max_iter=5000).fit((x - mean) / std, y)
    weight = model.coef_[0] / std
    return weight, float(model.intercept_[0] - np.dot(weight, mean))


def _rows(net, batches):
    """The per-row inputs of both members and the network's own margins (members detached), per batch."""
    import torch

    for batch in batches:
        with torch.no_grad():
            pooled = net.pooled_text(batch["input_ids"], batch["attention_mask"]).float()
            interest, productive = net(batch)
        summary = batch.get("ctx_summary")
        if summary is None:  # no context summary: the trees see the video only
            summary = pooled.new_zeros((len(pooled), 0))
        yield {"pooled": pooled.cpu(), "duration": batch["duration"].float().cpu(), "summary": summary.float().cpu(),
               "category": net.category_columns(batch.get("category"), len(pooled)).cpu(),
               "productive": batch["productive"].cpu(), "interest": batch["interest"].cpu(),
               "productive_margin": (productive[:, 1] - productive[:, 0]).float().cpu(),
               "interest_margin": (interest[:, 1] - interest[:, 0]).float().cpu()}


def _gather(rows: list[dict], kind: str, ignore_index: int) -> dict[str, np.ndarray]:
    """The rows labelled for head ``kind`` (interest | productive), concatenated."""
    import torch

    if not rows:
        return {"target": np.zeros(0, np.int64)}
    keep = torch.cat([r[kind] for r in rows]) != ignore_index
    out = {key: torch.cat([r[key] for r in rows])[keep].numpy()
           for key in ("pooled", "duration", "category", "summary", "productive_margin", "interest_margin")}
    out["target"] = torch.cat([r[kind] for r in rows])[keep].numpy().astype(np.int64)
    return out


def _scale(network: np.ndarray, member: np.ndarray) -> float:
    """The factor that gives the member's margins the network's spread (1 when either is constant)."""
    spread = float(np.std(member)) if len(member) > 1 else 0.0
    return float(np.std(network)) / spread if spread > 1e-6 and float(np.std(network)) > 1e-6 else 1.0


def _weight(setting: Any, network: np.ndarray, member: np.ndarray, targets: np.ndarray) -> tuple[float, dict]:
    """(the blend weight: the best on validation for ``"auto"``, else ``setting``; validation AUC by weight, the
    grid's and the chosen one's)."""
    weight, scores = choose_weight(network, member, targets) if len(targets) > 1 else (0.0, {})
    chosen = weight if setting == "auto" else float(setting)
    if scores and chosen not in scores:
        scores[chosen] = blend_auc(network, member, targets, chosen)
    return chosen, scores


def fit_members(module, train_batches, val_batches, *, seed: int = 0) -> dict[str, Any]:
    """Fit the network's members after training (``module`` holds the best checkpoint's weights) and
    attach them; returns what was chosen per member (absent: not enabled, or too few labels).

    Trees: the PCA on the training rows' pooled text, LightGBM on the training pairs, the scale and
    weight on the validation pairs, then the decision threshold again on the blended validation margins.
    Interest: the logistic regression on the training likes/dislikes, its scale and weight on the
    validation ones. Batches are the datamodule's (features/batch.py)."""
    import torch

    from vrdndi.models.calibration import THRESHOLD_RULES

    net = module.net
    ignore = int(module.loss_cfg.get("ignore_index", -100))
    was_training = module.training
    module.eval()
    net.attach_trees(None)
    net.clear_interest_lr()
    try:
        train = list(_rows(net, train_batches))
        val = list(_rows(net, val_batches))
    finally:
        module.train(was_training)
    info: dict[str, Any] = {}
    if not train:
        return info

    lr_params = net.interest_lr_params
    if lr_params.enabled:
        t, v = _gather(train, "interest", ignore), _gather(val, "interest", ignore)
        fitted = fit_interest_lr(t["pooled"], t["duration"], t["target"], C=lr_params.C) if len(t["target"]) else None
        if fitted is None:
            log.info("interest_lr: too few likes/dislikes of each class; the interest head alone decides")
        else:
            weight, bias = fitted
            logit = ((v["pooled"] @ weight[:-1] + v["duration"][:, 0] * weight[-1] + bias) if len(v["target"])
                     else np.zeros(0))
            scale = _scale(v["interest_margin"], logit) if len(v["target"]) > 1 else 1.0
            mix, scores = _weight(lr_params.weight, v["interest_margin"], scale * logit, v["target"])
            lr_info = info["interest_lr"] = {"weight": mix, "scale": scale, "n_train": int(len(t["target"])),
                                             "n_val": int(len(v["target"])), "val_auc_by_weight": scores}
            if lr_params.refit_on_val and len(v["target"]):  # the scale and weight stay the train-only fit's
                again = fit_interest_lr(np.concatenate([t["pooled"], v["pooled"]]),
                                        np.concatenate([t["duration"], v["duration"]]),
                                        np.concatenate([t["target"], v["target"]]), C=lr_params.C)
                if again is not None:
                    weight, bias = again
                    lr_info["n_refit"] = len(t["target"]) + len(v["target"])
            net.set_interest_lr(scale * weight, scale * bias, mix)
            log.info("interest_lr: %d likes/dislikes; blend weight %.2f (validation AUC %.3f head, %.3f blend)",
                     len(t["target"]), mix, scores.get(0.0, float("nan")), scores.get(mix, float("nan")))

    params = net.tree_params
    if params.enabled:
        mean, components = fit_pca(torch.cat([r["pooled"] for r in train]).numpy(), params.pca)
        net.tree_pca_mean.copy_(torch.from_numpy(mean))
        net.tree_pca_components.copy_(torch.from_numpy(components))

        def design(rows: dict[str, np.ndarray]) -> np.ndarray:
            return np.concatenate([(rows["pooled"] - mean) @ components.T, rows["duration"], rows["category"],
                                   rows["summary"]], axis=1)

        t, v = _gather(train, "productive", ignore), _gather(val, "productive", ignore)
        models = (fit_boosters(design(t), t["target"], moment_groups(t["summary"]), params, seed=seed)
                  if len(t["target"]) else None)
        if models is None:
            log.info("trees: too few productive labels of each class to fit; the network alone decides")
            return info
        n_video = int(components.shape[0]) + 1 + t["category"].shape[1]
        prior = (fit_video_prior(design(t), t["target"], n_video, weight=params.prior, C=params.prior_C)
                 if params.prior > 0 else None)
        member = TreeMember(models, 0.0, prior=prior)
        has_val = len(v["target"]) > 1
        vx = design(v) if has_val else None
        if has_val:
            member.scale = _scale(v["productive_margin"], member.margin(vx))
        neural = v["productive_margin"] if has_val else np.zeros(0)
        member.weight, scores = _weight(params.weight_for(len(t["target"])), neural,
                                        member.margin(vx) if has_val else np.zeros(0),
                                        v["target"] if has_val else np.zeros(0, np.int64))
        tree_info: dict[str, Any] = {"weight": member.weight, "scale": member.scale,
                                     "rounds": member.rounds, "n_train": int(len(t["target"])),
                                     "n_val": int(len(v["target"])), "val_auc_by_weight": scores}
        if prior is not None:
            tree_info["prior"] = {"weight": prior.weight, "C": params.prior_C}
        if has_val:  # the threshold of the blend, on validation pairs the trees have not seen
            blended = ((1 - member.weight) * neural + member.weight * member.margin(vx)
                       + member.prior_margin(vx[:, :n_video]))
            threshold, f1 = THRESHOLD_RULES[module.hparams.threshold](blended, v["target"])
            module.productive_logit_offset.fill_(threshold)
            tree_info.update(threshold=threshold, val_f1_tuned=f1)
        if params.refit_on_val and has_val:  # the scale, weight and threshold stay the train-only fit's
            both = {k: np.concatenate([t[k], v[k]]) for k in ("pooled", "duration", "category", "summary", "target")}
            again = [fit_booster(design(both), both["target"], params, seed=seed, rounds=r) for r in member.rounds]
            if all(m is not None for m in again):
                member = TreeMember(again, member.weight, member.scale, prior=member.prior)
                tree_info["n_refit"] = int(len(both["target"]))
        net.attach_trees(member)
        info["trees"] = tree_info
        log.info("trees: %d booster(s) of %s rounds on %d pairs; blend weight %.2f (validation AUC %.3f network, "
                 "%.3f blend)%s", len(member.rounds), "/".join(map(str, member.rounds)), len(t["target"]),
                 member.weight, scores.get(0.0, float("nan")), scores.get(member.weight, float("nan")),
                 f"; video prior x {member.prior.weight:g}" if member.prior is not None else "")
    return info
