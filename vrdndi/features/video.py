"""Video text and numeric features."""

from __future__ import annotations

import math

from vrdndi.store.schema import Video

# Fixed (not data-fitted) constants: a statistic fitted on all data would leak the validation split.
LOG_DURATION_MEAN = math.log1p(900.0)  # ~15 min
LOG_DURATION_STD = 1.5


def video_text(video: Video, *, description_chars: int = 1000) -> str:
    """``title | channel | description`` (the description trimmed; the tokenizer truncates further)."""
    description = " ".join((video.description or "").split())[:description_chars]
    parts = [video.title or "", video.channel_title or "", description]
    return " | ".join(p for p in parts if p) or video.video_id


def duration_z(seconds: float | None) -> float:
    """log-duration, standardised with fixed constants; unknown duration -> 0 (the mean)."""
    if seconds is None or seconds < 0:
        return 0.0
    return (math.log1p(seconds) - LOG_DURATION_MEAN) / LOG_DURATION_STD
