"""Video embeddings for similarity (diversity, "like X you marked interesting"): the two-tower model's own
video embeddings when the scorer has them, else the packaged MiniLM sentence embeddings of the video text
(cached by content in a bounded cache under paths.cache_dir()). Rows are L2-normalised."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from vrdndi.store import Video
from vrdndi.store.cache import EmbeddingCache, content_key

TEXT_CACHE_FILE = "video_text_embeddings.sqlite"
TEXT_CACHE_MAX_ROWS = 50_000


def normalise(vectors: np.ndarray) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float32)
    return vectors / np.clip(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12, None)


def video_vectors(videos: Sequence[Video], *, scorer: Any = None, encoder_name: str = "minilm") -> np.ndarray:
    """``[n, D]`` float32 unit vectors: the scorer's two-tower video embeddings, else MiniLM's."""
    if not videos:
        return np.zeros((0, 1), dtype=np.float32)
    if getattr(scorer, "has_video_tower", False):
        # the video embedding only: a wide interest logit riding along (model.net.wide_video) is not a direction
        return normalise(scorer.video_embeddings(list(videos))[:, :scorer.module.net.video_dim])
    return normalise(text_vectors(videos, encoder_name=encoder_name))


def text_vectors(videos: Sequence[Video], *, encoder_name: str = "minilm") -> np.ndarray:
    """MiniLM (or ``encoder_name``) embeddings of ``cold_start_text`` per video, through the cache."""
    from vrdndi import paths
    from vrdndi.features.encoder import SentenceEncoder
    from vrdndi.inference.cold_start import cold_start_text

    encoder = SentenceEncoder.load(encoder_name)
    texts = [cold_start_text(v) for v in videos]
    keys = [content_key(f"video-text|{encoder.model_dir}|{encoder.prefix}", t) for t in texts]
    cache = EmbeddingCache(paths.cache_dir() / TEXT_CACHE_FILE, max_rows=TEXT_CACHE_MAX_ROWS)
    try:
        known = cache.get_many(keys)
        missing = list(dict.fromkeys(k for k in keys if k not in known))
        if missing:
            text_of = dict(zip(keys, texts))
            fresh = dict(zip(missing, encoder.encode([text_of[k] for k in missing])))
            cache.put_many(fresh)
            known.update(fresh)
    finally:
        cache.close()
    return np.stack([known[k] for k in keys]).astype(np.float32)
