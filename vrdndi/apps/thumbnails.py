"""Which thumbnail URL a page may show: only YouTube's own image hosts, over https.

A stored ``thumbnail_url`` comes from outside (an API answer, an imported export): an image from any
other host would be a tracking pixel that tells a stranger when you opened the feed.
"""

from __future__ import annotations

import re
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
