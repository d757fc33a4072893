"""The demo person's rules (``vrdndi.sources.demo``): the constants of the simulated month and the
truth of each label. ``productive_truth`` needs both the video's topic and what the person did in the
2 hours before (``recent_activity_kind``: the category group with the most seconds, work or leisure);
``interest_truth`` depends on the topic only. The module doc of ``demo.py`` states the rule in words.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from vrdndi.store import AppEvent, Video
from vrdndi.timeutil import UTC, parse_time

DEFAULT_END = datetime(2026, 11, 1, 0, 0, tzinfo=UTC)
HOST = "demo-laptop"
SOURCE = "demo"
LIKE_SOURCE, DISLIKE_SOURCE, WEB_SOURCE = "demo-like", "demo-dislike", "demo-web"
TOPIC_TAG = "topic:"

CONTEXT_WINDOW = timedelta(hours=2)
SHORT_LIMIT_S = 20 * 60
INTEREST_NOISE = 0.10
PRODUCTIVE_NOISE = 0.08
LABELS_PER_DAY = 50
FEED_WINDOW = timedelta(days=7)  # the feed's candidates: published in the 7 days before the moment
SHOWN_WINDOW = timedelta(days=14)  # what the simulated feed sessions showed (fresh videos stay unseen)
WORK_BREAK_WEIGHT = {"work": 1.3}  # feed sessions per second at the computer, relative to leisure

LEARNING_TOPICS = frozenset({"programming", "machine_learning", "systems"})
LEISURE_TOPICS = frozenset({"gaming", "speedruns", "music", "comedy", "science"})
LIKED_TOPICS = frozenset({"programming", "machine_learning", "systems", "gaming", "speedruns", "music",
                          "science"})
DISLIKED_TOPICS = frozenset({"news", "cooking", "comedy"})

WORK, LEISURE = "work", "leisure"

TRUTH_RULES = (
    "interest: likes programming, machine_learning, systems, gaming, speedruns, music, science; "
    f"dislikes news, cooking, comedy; {INTEREST_NOISE:.0%} noise. "
    "productive: recent activity = category group (Work > * vs anything else) with most seconds in the "
    "2 h before the moment (no events = leisure); after work: 1 only for programming/machine_learning/"
    f"systems videos <= {SHORT_LIMIT_S // 60} min; after leisure: 1 for gaming/speedruns/music/comedy/"
    f"science, 0 for technical, news, cooking; {PRODUCTIVE_NOISE:.0%} noise."
)


# ---------------------------------------------------------------------------------------------
# The truth rules
# ---------------------------------------------------------------------------------------------
def productive_truth(video_topic: str, recent_activity: str, duration_s: float | None = None) -> int:
    """Is this the right moment for a video of ``video_topic``, after ``recent_activity``?

    ``recent_activity`` is ``"work"`` or ``"leisure"`` (anything other than ``"work"`` counts as
    leisure, see ``recent_activity_kind``). ``duration_s``: the video's length; unknown counts as short.
    After work only short learning videos (programming, machine learning, systems, <= 20 min) are
    right; after leisure the leisure topics (gaming, speedruns, music, comedy, science) are.
    """
    if recent_activity == WORK:
        short = duration_s is None or duration_s <= SHORT_LIMIT_S
        return int(video_topic in LEARNING_TOPICS and short)
    return int(video_topic in LEISURE_TOPICS)


def interest_truth(video_topic: str) -> int:
    """Does the person like videos of this topic (before noise)?"""
    return int(video_topic in LIKED_TOPICS)


def category_group(category: str) -> str:
    """``"work"`` for ``Work > ...`` categories, ``"leisure"`` for everything else."""
    return WORK if category.split(">", 1)[0].strip() == "Work" else LEISURE


def recent_activity_kind(events: list[AppEvent], moment: datetime | str,
                         window: timedelta = CONTEXT_WINDOW) -> str:
    """``"work"`` or ``"leisure"``: the group with most event seconds in ``[moment - window, moment)``.

    ``events`` are app events (any order); ties and an empty window count as leisure."""
    m = parse_time(moment)
    lo = m - window
    seconds = {WORK: 0.0, LEISURE: 0.0}
    for ev in events:
        s, e = parse_time(ev.start), parse_time(ev.end)
        overlap = (min(e, m) - max(s, lo)).total_seconds()
        if overlap > 0:
            seconds[category_group(ev.category)] += overlap
    return WORK if seconds[WORK] > seconds[LEISURE] else LEISURE


def video_topic(video: Video) -> str | None:
    """The demo topic of a video (its ``topic:<name>`` tag), None for videos that are not from the demo."""
    for tag in video.tags:
        if tag.startswith(TOPIC_TAG):
            return tag[len(TOPIC_TAG):]
    return None
