"""What a feedback button on the website means, as a label row, and what opening a video in the
website's player means, as a watch row (no UI code here).

Kept apart from ``web.py`` so the labelling rules can be tested, and called from several threads or
processes at once, without starting NiceGUI.

A click is labelled at the **click time**: "Correct timing" pressed at 08:10 says 08:10 was the right
moment, whatever the feed's moment was (a feed made at 23:45 and opened after the quiet hours would
otherwise teach the model last night's context). The feed's moment is kept next to it
(``Label.feed_moment``) for evaluation, and is what makes a second click on the same feed replace the
first one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from vrdndi.store import INTEREST, PRODUCTIVE, Label, Store, Watch
from vrdndi.timeutil import iso, now_utc, parse_time

SOURCE = "web"
WATCH_SOURCE = "web"
REWATCH_GAP = timedelta(minutes=30)  # opening the same video again within this is the same watch


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


def feedback_label(video_id: str, button: str, feed_moment: str, *, clicked_at: str | None = None) -> Label:
    """The label one click of ``button`` (a key of ``BUTTONS_BY_KEY``) stands for.

    ``moment`` and ``labelled_at`` are the click time (``clicked_at``, default now); ``feed_moment`` is the
    UTC ISO moment the feed was made for ('' without a feed)."""
    spec = BUTTONS_BY_KEY[button]
    clicked = iso(parse_time(clicked_at)) if clicked_at else iso(now_utc())
    feed = iso(parse_time(feed_moment)) if feed_moment else ""
    return Label(video_id=video_id, kind=spec.kind, value=spec.value, source=SOURCE, moment=clicked,
                 labelled_at=clicked, feed_moment=feed)


def save_feedback(store_path: str | Path, video_id: str, button: str, feed_moment: str, *,
                  clicked_at: str | None = None) -> Label:
    """Store one click as a label in its own transaction; returns the stored label. The same video
    clicked again on the same feed replaces the earlier answer of that kind.

    Opens its own connection, so it is safe from any thread or process (the store's busy timeout
    makes concurrent writers wait instead of failing)."""
    label = feedback_label(video_id, button, feed_moment, clicked_at=clicked_at)
    with Store(store_path) as store:
        store.save_feedback(label)
    return label


def record_watch(store_path: str | Path, video_id: str, *, at: str | None = None) -> Watch | None:
    """Opening ``video_id`` in the website's player is a watch (source ``web``), so the next feed does not
    show it again. Opening it again within ``REWATCH_GAP`` is the same watch: returns None then."""
    when = parse_time(at) if at else now_utc()
    with Store(store_path) as store:
        with store.transaction():
            recent = [w for w in store.watches(source=WATCH_SOURCE, video_id=video_id)
                      if abs(parse_time(w.watched_at) - when) < REWATCH_GAP]
            if recent:
                return None
            watch = Watch(video_id=video_id, watched_at=iso(when), source=WATCH_SOURCE)
            store.upsert_watches([watch])
    return watch
