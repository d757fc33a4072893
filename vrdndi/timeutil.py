"""The one place that parses and normalises time.

Stored timestamps are UTC ISO-8601 strings with an explicit ``+00:00`` offset; they sort as text.
Clock features (time of day) use a configured time zone (default: the system's).
No naive datetime leaves this module.
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import isodate

from vrdndi.errors import VrdndiError

UTC = timezone.utc


class TimeParseError(VrdndiError):
    pass


def now_utc() -> datetime:
    return datetime.now(UTC)


def parse_time(value: str | int | float | datetime, *, assume_tz: tzinfo | None = None) -> datetime:
    """Parse an ISO-8601 string (``Z`` or offset), a datetime or a POSIX timestamp to aware UTC.

    A naive input is rejected unless ``assume_tz`` says which zone it is in: guessing a zone is how
    features silently shift by hours.
    """
    if isinstance(value, datetime):
        dt = value
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        return datetime.fromtimestamp(float(value), UTC)
    elif isinstance(value, str):
        text = value.strip()
        if not text:
            raise TimeParseError("empty time string")
        try:
            dt = datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
        except ValueError:
            try:
                dt = isodate.parse_datetime(text)
            except (ValueError, isodate.ISO8601Error) as exc:
                raise TimeParseError(f"not an ISO-8601 time: {text!r}") from exc
    else:
        raise TimeParseError(f"not a time: {value!r}")
    if dt.tzinfo is None or dt.tzinfo.utcoffset(dt) is None:
        if assume_tz is None:
            raise TimeParseError(f"time without a UTC offset: {value!r} (add Z or +HH:MM)")
        dt = dt.replace(tzinfo=assume_tz)
    return dt.astimezone(UTC)


def iso(dt: datetime) -> str:
    """Aware datetime -> canonical stored form ``YYYY-MM-DDTHH:MM:SS.ffffff+00:00``."""
    if dt.tzinfo is None:
        raise TimeParseError(f"naive datetime {dt!r} cannot be stored")
    return dt.astimezone(UTC).isoformat(timespec="microseconds")


def to_iso(value: str | int | float | datetime) -> str:
    """Parse anything ``parse_time`` accepts and return the canonical stored string."""
    return iso(parse_time(value))


def parse_duration(value: str | float | int | None) -> float | None:
    """ISO-8601 duration (``PT1H2M3S``, as YouTube returns) or seconds -> seconds (None if unknown)."""
    if value is None or value == "":
        return None
    if isinstance(value, (int, float)):
        return float(value)
    try:
        dur = isodate.parse_duration(value)
    except (ValueError, isodate.ISO8601Error) as exc:
        raise TimeParseError(f"not an ISO-8601 duration: {value!r}") from exc
    if isinstance(dur, timedelta):
        return dur.total_seconds()
    return dur.totimedelta(start=datetime(2000, 1, 1)).total_seconds()  # years/months: calendar-based


def format_duration(seconds: float | None) -> str:
    """Seconds -> ``1:02:03`` / ``4:05`` for display."""
    if seconds is None:
        return ""
    seconds = int(round(seconds))
    h, rem = divmod(seconds, 3600)
    m, s = divmod(rem, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


def local_zone() -> tzinfo:
    """The system's IANA zone (DST-aware): ``$TZ``, else /etc/localtime via tzlocal. Not
    ``datetime.now().astimezone().tzinfo``, which is a fixed offset and is wrong across a DST change.

    ``$TZ`` is read on every call (tzlocal caches the first zone it finds for the whole process)."""
    import os

    from tzlocal import get_localzone

    name = os.environ.get("TZ", "").strip().lstrip(":")
    if name and not name.startswith("/"):
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            pass  # not an IANA name (a POSIX rule like EST5EDT...): tzlocal's reading of it
    try:
        zone = get_localzone()
    except Exception:  # an unreadable or unknown system zone: UTC rather than a crash
        return UTC
    return zone if zone is not None else UTC


def get_tz(name: str | None) -> tzinfo:
    """A zone by IANA name; ``None``/``""``/``"local"``/``"auto"`` mean the system's zone (``auto``
    guesses the person's zone from their activity where events are at hand: ``features.zone``)."""
    if not name or name in ("local", "auto"):
        return local_zone()
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise VrdndiError(f"unknown time zone {name!r}: use an IANA name like Europe/Berlin") from exc


def time_of_day(dt: datetime, tz: tzinfo) -> tuple[float, float]:
    """(sin, cos) of the local clock time of ``dt`` in ``tz``: 00:00 and 23:59 are neighbours."""
    local = dt.astimezone(tz)
    frac = (local.hour * 3600 + local.minute * 60 + local.second) / 86400.0
    angle = 2 * math.pi * frac
    return math.sin(angle), math.cos(angle)


def humanize_age(then: datetime, now: datetime | None = None) -> str:
    """``3 hours ago`` style age for display."""
    now = now or now_utc()
    secs = max(0.0, (now - then).total_seconds())
    for unit, size in (("year", 31536000), ("month", 2592000), ("week", 604800), ("day", 86400),
                       ("hour", 3600), ("minute", 60)):
        if secs >= size:
            n = int(secs // size)
            return f"{n} {unit}{'s' if n != 1 else ''} ago"
    return "just now"
