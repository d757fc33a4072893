"""Small real stores for the app tests: videos, a feed run, watches and like/dislike labels."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from vrdndi.store import FeedItem, FeedRun, Label, Store, Video, Watch
from vrdndi.timeutil import iso, now_utc

SCRIPT_TITLE = "<script>alert(1)</script>"


def video_id(i: int) -> str:
    return f"vid{i:08d}"  # 11 characters, like a YouTube id


def make_videos(n: int) -> list[Video]:
    now = now_utc()
    videos = []
    for i in range(n):
        videos.append(Video(
            video_id=video_id(i), title=f"Video number {i}: Learning Things" if i else SCRIPT_TITLE,
            channel_id=f"ch{i % 5}", channel_title=f"Channel {i % 5}",
            description=f"Description of video {i}\n<b>not bold</b>",
            published_at=iso(now - timedelta(hours=3 * i + 1)), duration_s=60.0 * (i + 1) + 5,
            thumbnail_url="" if i % 2 else f"https://i.ytimg.com/vi/{video_id(i)}/mqdefault.jpg",
            source="test"))
    return videos


def seed_feed(store_path: str | Path, n: int, *, mode: str = "model",
              checkpoint: str = "/runs/train/epoch=3-step=120.ckpt",
              moment: str = "2024-05-14T12:00:00.000000+00:00") -> int:
    """``n`` videos ranked in a feed run for ``moment``; returns the run id."""
    videos = make_videos(n)
    with Store(store_path) as store:
        store.upsert_videos(videos)
        items = [FeedItem(video_id=v.video_id, rank=i, score=1.0 - i / (n + 1), p_interest=0.5, p_productive=0.5)
                 for i, v in enumerate(videos)]
        return store.write_feed(FeedRun(moment=moment, checkpoint=checkpoint, mode=mode), items)


def seed_history(store_path: str | Path, n_watches: int, n_liked: int) -> list[str]:
    """Watched videos (oldest first) then liked/disliked ones; returns their ids in that order."""
    videos = make_videos(n_watches + n_liked)
    start = now_utc() - timedelta(days=30)
    watches = [Watch(video_id=v.video_id, watched_at=iso(start + timedelta(hours=i)), source="takeout")
               for i, v in enumerate(videos[:n_watches])]
    rated = [Label(video_id=v.video_id, kind="interest", value=i % 2, source="like" if i % 2 else "dislike",
                   moment="", labelled_at=iso(start)) for i, v in enumerate(videos[n_watches:])]
    with Store(store_path) as store:
        store.upsert_videos(videos)
        store.upsert_watches(watches)
        store.add_labels(rated)
    return [v.video_id for v in videos]
