"""What a feedback button on the website means, as a label row (no UI code here).

Kept apart from ``web.py`` so the labelling rules can be tested, and called from several threads or
processes at once, without starting NiceGUI.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from vrdndi.store import INTEREST, PRODUCTIVE, Label, Store
from vrdndi.timeutil import iso, now_utc

SOURCE = "web"


@dataclass(frozen=True)
class FeedbackButton:
    key: str  # stable name used in tests and markers
    text: str  # what the button says
    kind: str  # label kind
    value: int  # label value
    saved: str  # the toast after saving
    icon: str


BUTTONS: tuple[FeedbackButton, ...] = (
    FeedbackButton("interest", "Interest", INTEREST, 1, "Saved: you are interested in this video", "thumb_up"),
    FeedbackButton("uninterest", "Uninterest", INTEREST, 0, "Saved: not interested in this video", "thumb_down"),
    FeedbackButton("correct_timing", "Correct timing", PRODUCTIVE, 1,
                   "Saved: this was the right moment for it", "schedule"),
    FeedbackButton("not_now", "Not now", PRODUCTIVE, 0, "Saved: not the right moment for it", "snooze"),
)
BUTTONS_BY_KEY = {b.key: b for b in BUTTONS}


def feedback_label(video_id: str, button: str, moment: str, *, labelled_at: str | None = None) -> Label:
    """The label one click of ``button`` (a key of ``BUTTONS_BY_KEY``) stands for.

    ``moment`` is the UTC ISO moment the feed was made for (the moment the video was shown for);
    the same video clicked again for the same moment replaces the earlier answer of that kind."""
    spec = BUTTONS_BY_KEY[button]
    return Label(video_id=video_id, kind=spec.kind, value=spec.value, source=SOURCE, moment=moment,
                 labelled_at=labelled_at or iso(now_utc()))


def save_feedback(store_path: str | Path, video_id: str, button: str, moment: str) -> Label:
    """Store one click as a label in its own transaction; returns the stored label.

    Opens its own connection, so it is safe from any thread or process (the store's busy timeout
    makes concurrent writers wait instead of failing)."""
    label = feedback_label(video_id, button, moment)
    with Store(store_path) as store:
        store.add_labels([label])
    return label
