"""Thumbnails for the feed and the labeller: only from YouTube's own image hosts, over https, fetched once
and kept in a local cache; a designed placeholder when an image cannot be had (offline, the demo).

A stored ``thumbnail_url`` comes from outside (an API answer, an imported export): an image from any
other host would be a tracking pixel that tells a stranger when you opened the feed.
"""

from __future__ import annotations

import hashlib
import html
import os
import re
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

YOUTUBE_IMAGE_HOSTS = ("i.ytimg.com", "img.youtube.com", "yt3.ggpht.com")
_NUMBERED_HOST = re.compile(r"^i\d\.ytimg\.com$")  # i1.ytimg.com ... i9.ytimg.com
VIDEO_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


def is_youtube_image(url: str) -> bool:
    """True for an https URL on one of YouTube's image hosts (no user, no odd port)."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return False
    host = (parts.hostname or "").lower()
    return (parts.scheme == "https" and not parts.username and port in (None, 443)
            and (host in YOUTUBE_IMAGE_HOSTS or bool(_NUMBERED_HOST.match(host))))


def thumbnail_url(video_id: str, stored_url: str = "") -> str:
    """The stored thumbnail if it is on a YouTube image host, else YouTube's standard one for the id
    ('' for an id that is not a YouTube id)."""
    if stored_url and is_youtube_image(stored_url):
        return stored_url
    return f"https://i.ytimg.com/vi/{video_id}/mqdefault.jpg" if VIDEO_ID.match(video_id) else ""


def watch_url(video_id: str) -> str:
    """``https://www.youtube.com/watch?v=ID`` for a YouTube id ('' for anything else)."""
    return f"https://www.youtube.com/watch?v={video_id}" if VIDEO_ID.match(video_id) else ""


# -- the local thumbnail cache (both apps) ---------------------------------------------------------------
CACHE_FOLDER = "thumbnails"
MAX_BYTES = 2 * 1024 * 1024  # a YouTube thumbnail is ~10-100 kB
FETCH_TIMEOUT_S = 3.0
RETRY_AFTER_S = 600.0  # a thumbnail that could not be fetched (no network, removed video) is not retried for 10 min
_failed: dict[str, float] = {}


def cached_path(cache_dir: str | Path, video_id: str) -> Path | None:
    """Where the thumbnail of ``video_id`` is kept (None for an id that is not a YouTube id)."""
    return Path(cache_dir) / CACHE_FOLDER / f"{video_id}.jpg" if VIDEO_ID.match(video_id) else None


def thumbnail_bytes(cache_dir: str | Path, video_id: str, stored_url: str = "", *,
                    fetch: Callable[[str], bytes | None] | None = None) -> bytes | None:
    """The thumbnail image of ``video_id``: from the local cache, else fetched once from YouTube's image
    hosts (``thumbnail_url``; never another host, no redirects) and cached; None when it cannot be had
    (no network, no such image): show ``placeholder_svg`` then. A failure is not retried for
    ``RETRY_AFTER_S``, so an offline page does not wait on every card each time."""
    path = cached_path(cache_dir, video_id)
    if path is None:
        return None
    if path.is_file():
        return path.read_bytes()
    url = thumbnail_url(video_id, stored_url)
    if not is_youtube_image(url) or time.monotonic() < _failed.get(url, -1.0):
        return None
    data = (fetch or _fetch)(url)
    if not data:
        _failed[url] = time.monotonic() + RETRY_AFTER_S
        return None
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)  # atomic: a reader never sees half an image
    return data


def _fetch(url: str) -> bytes | None:
    import requests

    if not is_youtube_image(url):
        return None
    try:
        resp = requests.get(url, timeout=FETCH_TIMEOUT_S, allow_redirects=False, stream=True,
                            headers={"User-Agent": "vrdndi"})
        if resp.status_code != 200 or not resp.headers.get("content-type", "").startswith("image/"):
            return None
        data = resp.raw.read(MAX_BYTES + 1, decode_content=True)
    except (requests.RequestException, OSError):
        return None
    return data if 0 < len(data) <= MAX_BYTES else None


def placeholder_svg(video_id: str, label: str = "") -> str:
    """A designed stand-in for a thumbnail that cannot load (offline, the demo's made-up ids): a calm
    gradient whose hue follows the channel (or the id), a play mark and the channel's name, 16:9."""
    seed = int(hashlib.sha1((label or video_id).encode("utf-8")).hexdigest()[:6], 16)
    hue = seed % 360
    hue2 = (hue + 40) % 360
    text = html.escape((label or "").strip()[:40])
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 320 180" width="320" height="180" role="img" '
        f'aria-label="{text or "video"}">'
        f'<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1">'
        f'<stop offset="0" stop-color="hsl({hue},45%,42%)"/><stop offset="1" stop-color="hsl({hue2},50%,26%)"/>'
        '</linearGradient></defs>'
        '<rect width="320" height="180" fill="url(#g)"/>'
        '<circle cx="160" cy="82" r="30" fill="rgba(255,255,255,0.18)"/>'
        '<path d="M150 66 L150 98 L176 82 Z" fill="rgba(255,255,255,0.9)"/>'
        f'<text x="160" y="146" text-anchor="middle" font-family="system-ui, sans-serif" font-size="15" '
        f'fill="rgba(255,255,255,0.85)">{text}</text>'
        '</svg>'
    )
