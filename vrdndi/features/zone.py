"""The person's time zone when the machine cannot tell: guessed from *when* they were active.

The time-of-day features (the summary's local hour and weekday, the event tokens' clock angles)
need the person's zone. On their own laptop that is the system's zone. A server, a container or a
fresh VM usually runs in UTC, and then every habit moves by an hour at a DST change and the
weekday boundary sits wherever UTC midnight falls. ``context.tz: auto`` (the default) keeps the
system's zone unless it is UTC, and then guesses the zone from the activity history:

1. Every candidate zone turns the 15-minute bins with any activity into local clock time. A
   person's day (sleep, work, evenings) follows the local clock, so the right zone gives the
   sharpest daily profile (the lowest entropy of "active at this clock time"). Zones whose offsets
   differ only by a constant over the data give exactly the same profile, shifted: together they
   are one *rule family* (no change at all, the US dates, the EU dates, the southern dates, ...).
2. Within each family the offset is chosen so that the quietest six hours of the day are centred
   nearest 04:30 local (the middle of a usual night's sleep, a little later for the time away from
   the computer before work): the one guess that needs a prior. The family with the sharpest
   profile wins, less a small cost for how far even its nearest zone leaves the quiet hours from
   04:30: rules only days apart are almost equally sharp (the US and Egypt both change in late
   autumn), and a New Yorker must not be named Cairo for a 0.004-nat difference. Getting the offset
   an hour or two wrong mostly rotates the clock features, which the models learn around (measured:
   the right DST rule two hours off costs nothing on the held-out engineer), while a wrong DST rule
   moves part of the data by an hour.
   Two offsets a whole day apart give the same clock (UTC-11 and Auckland's UTC+13): the one whose
   Saturdays and Sundays differ most from the other days wins, so the weekday is right.
3. Candidates are the zones most people live in, one per rule and offset, in that order of
   preference (``CANDIDATES``: where two share an offset, the more populous first, Sydney before
   Brisbane), then the fixed offsets ``Etc/GMT±N``: a guess names a zone people recognise, and its
   future DST dates (which predict will use) are the likely ones. That matters when the data hold no
   change yet (Sydney in August): every zone with the offset fits them, the test period and the feed
   come after the change, and a zone without it moves them an hour against what the model learnt.
   So a fixed offset is named only when no real zone of the family lies within
   ``FIXED_OFFSET_PENALTY_H`` of it towards the sleep prior (measured, ``bench/zone_survey.py``).

Only events before the training cut are read, so nothing from the validation or test period
shapes the features. The guess and the reason are logged; ``context.tz=Europe/Berlin`` overrides.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from zoneinfo import ZoneInfo

import numpy as np

BIN_S = 900  # 15 minutes: divides every real offset (+5:45, +9:30, ...)
BINS_PER_DAY = 86400 // BIN_S
QUIET_HOURS = 6.0
SLEEP_CENTRE_H = 4.5  # where a person's quietest six hours at the computer usually are, local time
MIN_DAYS = 7  # fewer active days than this: no guess
RECENT_DAYS = 120  # only the newest days are read: where the person lives now, in bounded time
MAX_QUIET_SHARE = 0.5  # the quietest six hours must hold under half their fair share: a daily rhythm
# What the sleep prior costs a rule family whose zones all put the quietest six hours far from SLEEP_CENTRE_H,
# per hour squared: rules a few days apart (the US and Egypt's autumn change) differ by ~0.004 nats in entropy,
# a wrong rule by 0.01-0.03, so 6.5 h off (Cairo for a New Yorker) costs 0.021 and 2 h off 0.002.
SLEEP_PRIOR_NATS_PER_H2 = 0.0005
# Hours of distance from the sleep prior a fixed offset (Etc/GMT±N) is charged when the family's member is named:
# the offset is an hour or two off anyway (the prior is a guess), and a real zone keeps the person's coming DST.
FIXED_OFFSET_PENALTY_H = 1.5

# One zone per (offset, DST rule) most people live in; the first of equals wins.
CANDIDATES = (
    "America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles", "America/Phoenix",
    "America/Anchorage", "Pacific/Honolulu", "America/Halifax", "America/St_Johns", "America/Mexico_City",
    "America/Bogota", "America/Lima", "America/Caracas", "America/Sao_Paulo", "America/Argentina/Buenos_Aires",
    "America/Santiago", "America/Havana", "Atlantic/Azores", "Europe/London", "Europe/Berlin", "Europe/Athens",
    "Europe/Istanbul", "Europe/Moscow", "Africa/Lagos", "Africa/Johannesburg", "Africa/Cairo", "Africa/Nairobi",
    "Asia/Jerusalem", "Asia/Tehran", "Asia/Dubai", "Asia/Kabul", "Asia/Karachi", "Asia/Kolkata", "Asia/Kathmandu",
    "Asia/Dhaka", "Asia/Yangon", "Asia/Bangkok", "Asia/Shanghai", "Asia/Tokyo", "Australia/Perth",
    "Australia/Sydney", "Australia/Adelaide", "Australia/Darwin", "Australia/Brisbane", "Pacific/Auckland",
    "Pacific/Fiji", "UTC",
    # the US and EU rules a few hours further out, so a clock guessed hours off keeps the person's DST dates
    "America/Adak", "America/Nuuk",
    *(f"Etc/GMT{sign}{n}" for n in range(1, 15) for sign in ("+", "-") if not (sign == "+" and n > 12)),
)

_UTC_NAMES = frozenset({"UTC", "UCT", "Universal", "Zulu", "GMT", "GMT0", "GMT+0", "GMT-0", "Greenwich",
                        "Etc/UTC", "Etc/UCT", "Etc/Universal", "Etc/Zulu", "Etc/GMT", "Etc/GMT0", "Etc/GMT+0",
                        "Etc/GMT-0", "Etc/Greenwich"})


def zone_name(zone: tzinfo) -> str:
    """An IANA name for ``zone`` (``ZoneInfo.key``, tzlocal's key), else its ``str``."""
    return str(getattr(zone, "key", None) or getattr(zone, "zone", None) or zone)


def is_utc(zone: tzinfo) -> bool:
    """Whether ``zone`` is UTC itself (a server's or a container's zone), not a place that is at UTC+0."""
    return zone is UTC or zone_name(zone) in _UTC_NAMES


@dataclass(frozen=True)
class ZoneGuess:
    zone: str
    days: int  # distinct days with activity that were read
    margin: float  # how much better the winning rule family scores than the runner-up (nats)
    quiet_centre_h: float  # local clock time at the middle of the quietest six hours

    def describe(self) -> str:
        return (f"{self.zone} (guessed from {self.days} days of activity: the quietest six hours centred at "
                f"{int(self.quiet_centre_h):02d}:{int(round(self.quiet_centre_h % 1 * 60)) % 60:02d} local)")


def _active_bins(spans: Iterable[tuple[datetime, datetime]]) -> tuple[int, np.ndarray] | None:
    """(first bin's UTC epoch seconds, 0/1 activity per 15-minute bin) over the spans."""
    pairs = [(s.timestamp(), e.timestamp()) for s, e in spans if e > s]
    if not pairs:
        return None
    newest = max(e for _, e in pairs)
    pairs = [(s, e) for s, e in pairs if e > newest - RECENT_DAYS * 86400]
    start = math.floor(min(s for s, _ in pairs) / 86400) * 86400
    n = int((max(e for _, e in pairs) - start) // BIN_S) + 1
    active = np.zeros(n, np.float64)
    for s, e in pairs:
        active[int((s - start) // BIN_S): int((e - start) // BIN_S) + 1] = 1.0
    return int(start), active


def _offsets(zone: ZoneInfo, start: int, n_bins: int) -> np.ndarray:
    """The zone's UTC offset in bins for each bin (read hourly: every real transition is on the hour
    or the half hour in UTC, and a quarter-hour step off does not move a profile's entropy)."""
    hours = np.arange(0, n_bins, 4)
    per_hour = np.array([zone.utcoffset(datetime.fromtimestamp(start + int(h) * BIN_S, UTC)).total_seconds()
                         for h in hours]) / BIN_S
    return np.repeat(per_hour.astype(np.int64), 4)[:n_bins]


def rule_of(offsets: np.ndarray) -> tuple[tuple[int, int], ...]:
    """A zone's DST rule over the bins of ``_offsets``: (day from the first bin, step in bins) of each change.
    Zones with the same rule form a family: the same steps on the same UTC days (New York and Chicago change
    an hour apart), so their clocks differ by a constant."""
    steps = np.diff(offsets)
    return tuple(((int(i) + 1) // BINS_PER_DAY, int(steps[i])) for i in np.flatnonzero(steps))


def _profile(active: np.ndarray, offsets: np.ndarray) -> np.ndarray:
    clock = (np.arange(len(active)) + offsets) % BINS_PER_DAY
    return np.bincount(clock, weights=active, minlength=BINS_PER_DAY)


def _entropy(profile: np.ndarray) -> float:
    p = profile / profile.sum()
    p = p[p > 0]
    return float(-(p * np.log(p)).sum())


def _quiet(profile: np.ndarray) -> tuple[float, float]:
    """(local hour at the middle of the least active ``QUIET_HOURS`` of the daily profile, the share of
    the activity in them against an even spread: 0 = never active then, 1 = no rhythm at all)."""
    width = int(QUIET_HOURS * 3600 // BIN_S)
    window = np.convolve(np.r_[profile, profile[:width - 1]], np.ones(width), "valid")[:BINS_PER_DAY]
    start = int(np.argmin(window))
    share = float(window[start] / (profile.sum() * width / BINS_PER_DAY)) if profile.sum() else 1.0
    return ((start + width / 2) % BINS_PER_DAY) * BIN_S / 3600.0, share


def _weekend_contrast(start: int, active: np.ndarray, offsets: np.ndarray) -> float:
    """How differently the local Saturdays and Sundays are spent from Monday to Friday (L1 between the two
    mean daily profiles): a whole day's error in the offset (across the date line) blurs it."""
    local = np.arange(len(active)) + offsets + start // BIN_S
    weekend = (local // BINS_PER_DAY + 3) % 7 >= 5  # 1970-01-01 was a Thursday
    clock = local % BINS_PER_DAY
    means = []
    for part in (weekend, ~weekend):
        days = len(np.unique(local[part] // BINS_PER_DAY))
        means.append(np.bincount(clock[part], weights=active[part], minlength=BINS_PER_DAY) / max(days, 1))
    return float(np.abs(means[0] - means[1]).sum())


def guess_zone(spans: Iterable[tuple[datetime, datetime]]) -> ZoneGuess | None:
    """The likeliest zone for activity ``spans`` (aware UTC datetimes; the newest ``RECENT_DAYS`` are read),
    or None with under ``MIN_DAYS`` active days or no daily rhythm (activity around the clock: a build
    server, a test store)."""
    binned = _active_bins(spans)
    if binned is None:
        return None
    start, active = binned
    days = int(np.count_nonzero(np.add.reduceat(active, np.arange(0, len(active), BINS_PER_DAY))))
    if days < MIN_DAYS or _quiet(_profile(active, np.zeros(len(active), np.int64)))[1] > MAX_QUIET_SHARE:
        return None
    families: dict[tuple[tuple[int, int], ...], list[tuple[str, np.ndarray]]] = {}
    for name in CANDIDATES:
        offsets = _offsets(ZoneInfo(name), start, len(active))
        families.setdefault(rule_of(offsets), []).append((name, offsets))

    def distance(member: tuple[str, np.ndarray]) -> float:
        centre = _quiet(_profile(active, member[1]))[0]
        return abs((centre - SLEEP_CENTRE_H + 12.0) % 24.0 - 12.0)

    hours = {member[0]: distance(member) for members in families.values() for member in members}

    def named(member: tuple[str, np.ndarray]) -> float:
        return hours[member[0]] + (FIXED_OFFSET_PENALTY_H if member[0].startswith("Etc/") else 0.0)

    # a family scores its profile's entropy (the same for all its members: their clocks differ by a constant)
    # plus the prior's cost of its member nearest the sleep prior; it is named by its member nearest the prior
    # with a fixed offset charged extra (first of equals: CANDIDATES order, e.g. New York before Bogota)
    scored = sorted((_entropy(_profile(active, members[0][1]))
                     + SLEEP_PRIOR_NATS_PER_H2 * min(hours[m[0]] for m in members) ** 2, key)
                    for key, members in families.items())
    best_score, best_key = scored[0]
    margin = scored[1][0] - best_score if len(scored) > 1 else 0.0
    name, offsets = min(families[best_key], key=named)
    # the same clock a whole day apart (UTC-11 and Auckland's +13): the one whose weekend is Saturday-Sunday
    # (the chosen one first: it keeps ties, and a zone with its offsets, New York's Havana, is no rival)
    day_apart = [m for m in families[best_key]
                 if m[1][0] != offsets[0] and (m[1][0] - offsets[0]) % BINS_PER_DAY == 0]
    name, offsets = max([(name, offsets), *day_apart], key=lambda m: _weekend_contrast(start, active, m[1]))
    return ZoneGuess(zone=name, days=days, margin=margin, quiet_centre_h=_quiet(_profile(active, offsets))[0])


@dataclass(frozen=True)
class ZoneChoice:
    zone: tzinfo
    reason: str  # for the log: which zone and why
    guess: ZoneGuess | None = None  # set when the zone was guessed from the activity

    @property
    def name(self) -> str:
        return zone_name(self.zone)


def resolve_zone(setting: str | None, spans: Iterable[tuple[datetime, datetime]] | None = None) -> ZoneChoice:
    """The zone for ``context.tz``: an IANA name; ``local`` (the system's zone); ``auto``/None (the
    system's zone, or the guess from ``spans`` when the system's zone is UTC)."""
    from vrdndi.timeutil import get_tz, local_zone

    if setting not in (None, "", "auto"):
        zone = get_tz(setting)
        return ZoneChoice(zone, f"{zone_name(zone)} (context.tz={setting})")
    system = local_zone()
    if not is_utc(system):
        return ZoneChoice(system, f"{zone_name(system)} (the system's zone)")
    guess = guess_zone(spans or ())
    if guess is None:
        return ZoneChoice(system, f"{zone_name(system)} (the system's zone; too little activity, or no daily "
                                  "rhythm, to guess the person's)")
    return ZoneChoice(ZoneInfo(guess.zone), guess.describe() + ", because the system's zone is UTC "
                                                               "(context.tz=<IANA name> overrides)", guess)


def zone_of_store(setting: str | None, store_path, *, hosts=None) -> ZoneChoice:
    """``resolve_zone`` for the website and the scheduler: the store's events are read only when the guess
    is needed (``auto`` on a UTC system) and the store exists, so they show and keep the hours the
    features read."""
    from pathlib import Path

    from vrdndi.store import Store
    from vrdndi.timeutil import local_zone, parse_time

    if setting not in (None, "", "auto") or not is_utc(local_zone()) or not Path(str(store_path)).is_file():
        return resolve_zone(setting)
    with Store(store_path, readonly=True) as store:
        spans = [(parse_time(s), parse_time(e)) for s, e in store.event_spans(hosts=hosts)]
    return resolve_zone(setting, spans)


def zone_of_config(cfg) -> ZoneChoice:
    """``zone_of_store`` for a composed config: its ``context.tz`` and ``context.hosts`` over its store
    (the website, the scheduler and ``vrdndi doctor`` read the zone this one way)."""
    paths = cfg.get("paths")
    return zone_of_store(cfg.context.get("tz"), paths.store if paths is not None else "",
                         hosts=cfg.context.get("hosts"))


def resolve_for_events(setting: str | None, events, *, until: str | None = None) -> ZoneChoice:
    """``resolve_zone`` over store events (``AppEvent``) that started before ``until`` (UTC ISO)."""
    from vrdndi.timeutil import parse_time

    def spans():
        for event in events:
            if until is None or event.start < until:
                yield parse_time(event.start), parse_time(event.end)

    return resolve_zone(setting, spans())
