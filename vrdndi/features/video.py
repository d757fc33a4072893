"""Video text and numeric features."""

from __future__ import annotations

import math

from vrdndi.errors import VrdndiError
from vrdndi.store.schema import Video

# Fixed (not data-fitted) constants: a statistic fitted on all data would leak the validation split.
LOG_DURATION_MEAN = math.log1p(900.0)  # ~15 min
LOG_DURATION_STD = 1.5


# YouTube's video categories (videos.list ``snippet.categoryId``; the names videoCategories.list gives for
# regionCode=US). The name says the video's kind in words the text encoder knows ("Gaming", "Education").
CATEGORY_NAMES = {
    "1": "Film & Animation", "2": "Autos & Vehicles", "10": "Music", "15": "Pets & Animals", "17": "Sports",
    "18": "Short Movies", "19": "Travel & Events", "20": "Gaming", "21": "Videoblogging", "22": "People & Blogs",
    "23": "Comedy", "24": "Entertainment", "25": "News & Politics", "26": "Howto & Style", "27": "Education",
    "28": "Science & Technology", "29": "Nonprofits & Activism", "30": "Movies", "31": "Anime/Animation",
    "32": "Action/Adventure", "33": "Classics", "34": "Comedy", "35": "Documentary", "36": "Drama", "37": "Family",
    "38": "Foreign", "39": "Horror", "40": "Sci-Fi/Fantasy", "41": "Thriller", "42": "Shorts", "43": "Shows",
    "44": "Trailers",
}


# The category as a number for the boosted-tree member (models/members.py: ``trees.category``): a one-hot over
# this fixed list of YouTube's ids, index 0 for a video without one or with an id not in it. The list is
# YouTube's own, not fitted on data, so a checkpoint needs no vocabulary and no label can leak through it.
CATEGORY_IDS = tuple(CATEGORY_NAMES)
N_CATEGORIES = len(CATEGORY_IDS) + 1
_CATEGORY_INDEX = {cid: i + 1 for i, cid in enumerate(CATEGORY_IDS)}


def category_index(video: Video) -> int:
    """The video's YouTube category as 1..len(CATEGORY_IDS), or 0 when it has none or an unknown one."""
    return _CATEGORY_INDEX.get(str(video.category_id or "").strip(), 0)


# data.video_text: what the video text holds. A checkpoint records the format it was trained on; one from
# before the format was recorded read ``title | channel | description`` (LEGACY_TEXT).
TEXT_FORMAT = {"category": True, "max_tags": 8}
LEGACY_TEXT = {"category": False, "max_tags": 0}


def text_format(cfg: dict | None) -> dict:
    """A checked ``data.video_text`` / checkpoint text format (None: the legacy one)."""
    if cfg is None:
        return dict(LEGACY_TEXT)
    cfg = dict(cfg)
    unknown = sorted(set(cfg) - set(TEXT_FORMAT))
    if unknown:
        raise VrdndiError(f"data.video_text: unknown key {unknown[0]!r} (known: {', '.join(TEXT_FORMAT)})")
    out = {**TEXT_FORMAT, **cfg}
    if not isinstance(out["max_tags"], int) or isinstance(out["max_tags"], bool) or out["max_tags"] < 0:
        raise VrdndiError(f"data.video_text.max_tags must be a whole number >= 0, not {out['max_tags']!r}")
    return {"category": bool(out["category"]), "max_tags": int(out["max_tags"])}


def video_text(video: Video, *, description_chars: int = 1000, max_tags: int = TEXT_FORMAT["max_tags"],
               category: bool = TEXT_FORMAT["category"]) -> str:
    """``title | channel | category | tag, tag, ... | description``: what the video is about and what kind of
    video it is (the category's name, the uploader's first ``max_tags`` tags), then the description, trimmed
    (the tokenizer truncates further, so the description is what a short ``max_length`` cuts). Empty parts
    are left out; an unknown category id is left out too."""
    description = " ".join((video.description or "").split())[:description_chars]
    tags = ", ".join(" ".join(str(t).split()) for t in (video.tags or [])[:max_tags] if str(t).strip())
    kind = CATEGORY_NAMES.get(str(video.category_id or "").strip(), "") if category else ""
    parts = [video.title or "", video.channel_title or "", kind, tags, description]
    return " | ".join(p for p in parts if p) or video.video_id


def duration_z(seconds: float | None) -> float:
    """log-duration, standardised with fixed constants; unknown duration -> 0 (the mean)."""
    if seconds is None or seconds < 0:
        return 0.0
    return (math.log1p(seconds) - LOG_DURATION_MEAN) / LOG_DURATION_STD
