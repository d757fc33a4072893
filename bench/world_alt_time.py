"""The clock of the alternative evaluation world (``bench/world_alt.py``): seconds in a minute, hour
and day, UTC timestamps as the watchers and the API write them, a local wall-clock time to UTC and back, and
the instants where a zone's offset changes (DST). Standard library only.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

MIN = 60.0
HOUR = 3600.0
DAY = 86400.0


def iso(t: float) -> str:
    return datetime.fromtimestamp(t, UTC).isoformat(timespec="microseconds")


def iso_z(t: float) -> str:
    return datetime.fromtimestamp(int(t), UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def local_ts(zone: ZoneInfo, day: date, hours: float) -> float:
    """A wall-clock time (hours after local midnight of ``day``, may exceed 24) -> UTC seconds."""
    naive = datetime(day.year, day.month, day.day) + timedelta(seconds=round(hours * HOUR))
    return naive.replace(tzinfo=zone).timestamp()


def local_hour(zone: ZoneInfo, t: float) -> float:
    d = datetime.fromtimestamp(t, zone)
    return d.hour + d.minute / 60 + d.second / 3600


def transitions(zone: ZoneInfo) -> list[datetime]:
    """UTC instants where the zone's offset changes, 2025-01 .. 2026-12."""
    out = []
    t = datetime(2025, 1, 1, tzinfo=UTC)
    prev = t.astimezone(zone).utcoffset()
    while t < datetime(2026, 12, 31, tzinfo=UTC):
        t += timedelta(hours=1)
        off = t.astimezone(zone).utcoffset()
        if off != prev:
            out.append(t)
            prev = off
    return out
