"""Strong cheap baselines on frozen features, fitted and scored on exactly the samples the neural
models see, so every number in an evaluation table is comparable.

Features (all computed as of each sample's moment, from events before it):
- video: the packaged MiniLM sentence embedding of the video text (``features.video.video_text``:
  title | channel | category | tags | description),
  the log-duration z and a "short" flag (<= 60 s);
- context bag: duration-weighted app shares of the last 60 minutes (the most used apps of the training
  events, + other) and the local time of day (sin, cos);
- context summary: everything in features/summary.py's numeric part (15 min / 1 h / 6 h windows,
  apps and categories, recency, session, hour, weekday).

Models: ``lr_video`` (no context), ``lr_context_bag`` (video + context bag), ``gbm_context``
(gradient-boosted trees over a 16-d PCA of the video embedding + duration + a one-hot of the YouTube
category + context summary: a cheap model that can learn interactions between the video and the moment;
the same columns as the default model's tree member). Interest is always predicted
from the video features alone (taste does not depend on the moment) with a logistic regression.
``always_yes`` is the floor every F1 must be read against: it says "yes" to every pair (F1 = 2p / (1 + p)
at a positive rate p, about 0.6 when 45% of the pairs are right moments; AUC 0.5).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from sklearn.decomposition import PCA
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from vrdndi.data.samples import Sample
from vrdndi.features.summary import GLOBAL_FEATURES, Summarizer, SummarySpec, vocabulary
from vrdndi.features.video import N_CATEGORIES, category_index, duration_z, video_text
from vrdndi.store import INTEREST, PRODUCTIVE, AppEvent, Video
from vrdndi.features.zone import resolve_for_events
from vrdndi.timeutil import parse_time

BASELINES = ("always_yes", "lr_video", "lr_context_bag", "gbm_context")


@dataclass
class FeatureTable:
    """Per-sample feature blocks: ``video`` [n, 386], ``bag`` [n, A + 3], ``summary`` [n, S] and ``category``
    [n, C] (a one-hot of features/video.py ``category_index``)."""

    video: np.ndarray
    bag: np.ndarray
    summary: np.ndarray
    category: np.ndarray


def video_features(videos: Sequence[Video], encoder) -> np.ndarray:
    """[n, E + 2]: sentence embedding of the video text, log-duration z, short flag."""
    emb = np.asarray(encoder.encode([video_text(v) for v in videos]), dtype=np.float32)
    extra = np.array([[duration_z(v.duration_s), float((v.duration_s or 1e9) <= 60)] for v in videos], np.float32)
    return np.concatenate([emb, extra], axis=1)


def zone_setting(overrides: Sequence[str]) -> str:
    """The ``context.tz`` a run with train.py ``overrides`` reads (the baselines read the same hours)."""
    given = [o.split("=", 1)[1] for o in overrides if o.startswith(("context.tz=", "+context.tz="))]
    return given[-1] if given else "auto"


def feature_table(samples: Sequence[Sample], videos: dict[str, Video], events: Sequence[AppEvent], *,
                  vocab_until: str, tz: str = "auto", encoder=None, video_cache: dict | None = None) -> FeatureTable:
    """Features of ``samples``; the app/category vocabulary comes from events before ``vocab_until``."""
    from vrdndi.features.encoder import SentenceEncoder

    encoder = encoder or SentenceEncoder.load("minilm")
    cache = video_cache if video_cache is not None else {}
    todo = sorted({s.video_id for s in samples} - set(cache))
    if todo:
        for vid, row in zip(todo, video_features([videos[v] for v in todo], encoder)):
            cache[vid] = row
    video = np.stack([cache[s.video_id] for s in samples]) if samples else np.zeros((0, 386), np.float32)

    ordered = sorted(events, key=lambda e: e.start)
    apps, categories = vocabulary(ordered, until=vocab_until)
    zone = resolve_for_events(tz, ordered, until=vocab_until).zone  # as the network's context reads it
    bag_spec = SummarySpec(windows_min=(60.0,), apps=apps, categories=())
    full_spec = SummarySpec(apps=apps, categories=categories)
    bag_summarizer = Summarizer(ordered, bag_spec, zone)
    full_summarizer = Summarizer(ordered, full_spec, zone, starts=bag_summarizer.starts, ends=bag_summarizer.ends)
    hour = slice(bag_spec.per_window + GLOBAL_FEATURES.index("hour_sin"),
                 bag_spec.per_window + GLOBAL_FEATURES.index("hour_cos") + 1)
    shares = slice(2, 2 + len(apps) + 1)
    bag, summary = [], []
    by_moment: dict[str, tuple[np.ndarray, np.ndarray]] = {}
    for sample in samples:
        if sample.moment not in by_moment:
            if sample.moment:
                moment = parse_time(sample.moment)
                b = bag_summarizer.summarize(moment, lambda e: 0).numbers
                f = full_summarizer.summarize(moment, lambda e: 0).numbers
            else:
                b, f = bag_summarizer.empty().numbers, full_summarizer.empty().numbers
            by_moment[sample.moment] = (np.concatenate([b[shares], b[hour]]), f)
        b, f = by_moment[sample.moment]
        bag.append(b)
        summary.append(f)
    category = np.eye(N_CATEGORIES, dtype=np.float32)[[category_index(videos[s.video_id]) for s in samples]]
    return FeatureTable(video, np.asarray(bag, np.float32), np.asarray(summary, np.float32),
                        category.reshape(len(samples), N_CATEGORIES))


def _logistic() -> object:
    return make_pipeline(StandardScaler(), LogisticRegression(C=1.0, class_weight="balanced", max_iter=5000))


def _kind_index(samples: Sequence[Sample], kind: str) -> np.ndarray:
    return np.array([i for i, s in enumerate(samples) if s.kind == kind], dtype=np.int64)


def fit_predict(name: str, train: Sequence[Sample], train_x: FeatureTable, test: Sequence[Sample],
                test_x: FeatureTable, *, seed: int = 0) -> np.ndarray:
    """Fit baseline ``name`` on ``train`` and return [len(test), 2] = (P(interest), P(right moment))."""
    if name not in BASELINES:
        raise ValueError(f"unknown baseline {name!r}: one of {', '.join(BASELINES)}")
    if name == "always_yes":
        return np.ones((len(test), 2), dtype=np.float32)
    out = np.full((len(test), 2), 0.5, dtype=np.float32)
    y = np.array([s.label for s in train])
    interest = _kind_index(train, INTEREST)
    if len(interest) and len(set(y[interest].tolist())) == 2:
        model = _logistic().fit(train_x.video[interest], y[interest])
        out[:, 0] = model.predict_proba(test_x.video)[:, 1]
    productive = _kind_index(train, PRODUCTIVE)
    if not len(productive) or len(set(y[productive].tolist())) < 2:
        return out
    if name == "lr_video":
        model = _logistic().fit(train_x.video[productive], y[productive])
        out[:, 1] = model.predict_proba(test_x.video)[:, 1]
    elif name == "lr_context_bag":
        x = np.concatenate([train_x.video, train_x.bag], axis=1)
        model = _logistic().fit(x[productive], y[productive])
        out[:, 1] = model.predict_proba(np.concatenate([test_x.video, test_x.bag], axis=1))[:, 1]
    else:  # gbm_context
        pca = PCA(n_components=16, random_state=seed).fit(train_x.video[:, :-2])

        def design(x: FeatureTable) -> np.ndarray:
            return np.concatenate([pca.transform(x.video[:, :-2]), x.video[:, -2:], x.category, x.summary], axis=1)

        model = HistGradientBoostingClassifier(max_iter=300, learning_rate=0.05, class_weight="balanced",
                                               early_stopping=True, random_state=seed)
        model.fit(design(train_x)[productive], y[productive])
        out[:, 1] = model.predict_proba(design(test_x))[:, 1]
    return out
