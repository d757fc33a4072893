"""Inference: resolve a checkpoint (best | last | run name | path), score candidates as of a moment,
rank them into the feed (or fall back to the cold-start feed before any model is trained).

``run(cfg)`` is ``python predict.py``; ``refresh_feed(cfg, at=None)`` is the website's refresh button
and the scheduler's predict step.
"""

from vrdndi.inference.feed import predict_feed, refresh_feed, run, score_candidates_csv

__all__ = ["run", "refresh_feed", "predict_feed", "score_candidates_csv"]
