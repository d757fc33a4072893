"""The person's zone from their activity (features/zone.py): the DST rule their habits follow, an
offset near theirs, and no guess without a daily rhythm; context.tz=auto uses it only on a UTC system."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from vrdndi.features.zone import guess_zone, is_utc, resolve_zone
from vrdndi.store import AppEvent, Store
from vrdndi.timeutil import iso


def habits(zone: str, first: date, days: int, *, seed: int = 0) -> list[tuple[datetime, datetime]]:
    """A person's computer time by their own clock: work on weekdays, evenings every day, late mornings at
    weekends; every start and end jittered by up to 40 minutes."""
    rng = random.Random(seed)
    tz = ZoneInfo(zone)
    spans = []
    for d in range(days):
        day = first + timedelta(days=d)
        blocks = [(8.5, 12.0), (13.0, 17.5), (19.5, 23.5)] if day.weekday() < 5 else [(10.5, 13.0), (20.0, 24.5)]
        for lo, hi in blocks:
            start = datetime.combine(day, datetime.min.time(), tz) + timedelta(hours=lo + rng.uniform(-0.6, 0.6))
            end = datetime.combine(day, datetime.min.time(), tz) + timedelta(hours=hi + rng.uniform(-0.6, 0.6))
            spans.append((start.astimezone(UTC), end.astimezone(UTC)))
    return spans


def offset_h(zone: str, when: datetime) -> float:
    return ZoneInfo(zone).utcoffset(when).total_seconds() / 3600


def at(day: str) -> datetime:
    return datetime.fromisoformat(day + "T12:00:00+00:00")


@pytest.mark.parametrize(("zone", "first", "before", "after"), [
    ("America/New_York", date(2026, 10, 10), "2026-10-28", "2026-11-03"),  # US: first Sunday of November
    ("Europe/Berlin", date(2026, 10, 5), "2026-10-22", "2026-10-27"),  # EU: last Sunday of October
    ("Australia/Sydney", date(2026, 9, 15), "2026-10-01", "2026-10-06"),  # south: first Sunday of October
    ("Asia/Tokyo", date(2026, 10, 10), "2026-10-28", "2026-11-03"),  # no DST
])
def test_the_guess_follows_the_dst_rule_the_habits_follow(zone, first, before, after):
    guess = guess_zone(habits(zone, first, 40))
    assert guess is not None and guess.days in (40, 41)  # UTC days: an evening can spill into one more
    # the clock changes by as much, on the same days, as the person's
    step = offset_h(zone, at(after)) - offset_h(zone, at(before))
    assert offset_h(guess.zone, at(after)) - offset_h(guess.zone, at(before)) == step
    for day in ("2026-09-16", "2026-10-15", "2026-11-15"):  # and stays within two hours of theirs
        if at(day).date() >= first:
            assert abs(offset_h(guess.zone, at(day)) - offset_h(zone, at(day))) <= 2.0
    assert 3.0 <= guess.quiet_centre_h <= 6.0


def test_a_person_in_new_york_is_named_there_or_next_door():
    guess = guess_zone(habits("America/New_York", date(2026, 10, 10), 40, seed=3))
    assert guess.zone in {"America/New_York", "America/Chicago", "America/Halifax"}
    assert "days of activity" in guess.describe()


def test_no_guess_without_enough_days_or_a_daily_rhythm():
    assert guess_zone(habits("Europe/Berlin", date(2026, 10, 5), 5)) is None
    assert guess_zone([]) is None
    start = datetime(2026, 10, 1, tzinfo=UTC)  # active around the clock (a build server)
    around_the_clock = [(start + timedelta(hours=h), start + timedelta(hours=h, minutes=50)) for h in range(24 * 30)]
    assert guess_zone(around_the_clock) is None


def test_utc_is_utc_itself_not_a_place_at_utc_plus_zero():
    assert is_utc(UTC) and is_utc(ZoneInfo("Etc/UTC")) and is_utc(ZoneInfo("UTC"))
    assert not is_utc(ZoneInfo("Atlantic/Reykjavik")) and not is_utc(ZoneInfo("Europe/London"))


def test_auto_keeps_a_real_system_zone_and_guesses_only_on_utc(monkeypatch):
    spans = habits("America/New_York", date(2026, 10, 10), 40)
    monkeypatch.setenv("TZ", "Europe/Berlin")  # a laptop: its zone is the person's
    choice = resolve_zone("auto", spans)
    assert choice.name == "Europe/Berlin" and choice.guess is None and "system" in choice.reason
    monkeypatch.setenv("TZ", "UTC")  # a server or a container
    choice = resolve_zone("auto", spans)
    assert choice.guess is not None
    assert offset_h(choice.name, at("2026-10-28")) - offset_h(choice.name, at("2026-11-03")) == 1
    assert "UTC" in choice.reason and "context.tz" in choice.reason
    assert resolve_zone("auto", []).name == "UTC"  # nothing to guess from
    for setting in ("local", "Asia/Tokyo"):  # asked for: never guessed
        assert resolve_zone(setting, spans).guess is None
    assert resolve_zone("Asia/Tokyo", spans).name == "Asia/Tokyo"


def test_build_context_guesses_only_from_events_before_the_training_cut(monkeypatch, tmp_path):
    from vrdndi.features.context import build_context

    monkeypatch.setenv("TZ", "UTC")
    spans = habits("America/New_York", date(2026, 10, 10), 40)
    with Store(tmp_path / "s.sqlite") as store:
        store.upsert_events([AppEvent("laptop", iso(s), iso(e), (e - s).total_seconds(), app="code", title="x.py",
                                      category="Work") for s, e in spans])
        context = {"tz": "auto", "summary": {"enabled": False}}
        guessed = build_context(store, context)
        assert guessed.zone_choice.guess is not None and guessed.tz.key == guessed.zone_choice.name
        # five days before the cut are too few: the system's zone, although 40 days are in the store
        cut = iso(datetime(2026, 10, 15, tzinfo=UTC))
        assert build_context(store, context, vocab_until=cut).zone_choice.name == "UTC"


def test_the_page_and_the_schedule_keep_the_hours_the_features_read(monkeypatch, vrdndi_home):
    """On a UTC system the website shows times, and the scheduler keeps its quiet hours, in the zone guessed
    from the store's activity; on a laptop, or with context.tz given, the store is not even read."""
    from vrdndi.apps.scheduler import _scheduler_tz
    from vrdndi.apps.web import WebSettings
    from vrdndi.config import compose
    from vrdndi.features.zone import zone_of_store

    cfg = compose("serve", [f"paths.home={vrdndi_home}"])
    monkeypatch.setenv("TZ", "UTC")
    assert zone_of_store("auto", cfg.paths.store).name == "UTC"  # no store yet: nothing to guess from
    with Store(cfg.paths.store) as store:
        store.upsert_events([AppEvent("laptop", iso(s), iso(e), (e - s).total_seconds(), app="code", title="x.py",
                                      category="Work") for s, e in habits("Europe/Berlin", date(2026, 10, 5), 30)])
    guessed = zone_of_store("auto", cfg.paths.store)
    assert guessed.guess is not None
    assert offset_h(guessed.name, at("2026-10-22")) - offset_h(guessed.name, at("2026-10-27")) == 1  # EU dates
    assert WebSettings.from_cfg(cfg).tz_name == guessed.name and _scheduler_tz(cfg).key == guessed.name
    assert zone_of_store("auto", cfg.paths.store, hosts=["desk"]).name == "UTC"  # another host's activity only
    monkeypatch.setenv("TZ", "America/Chicago")
    assert WebSettings.from_cfg(cfg).tz_name == "America/Chicago" == _scheduler_tz(cfg).key
    given = compose("serve", [f"paths.home={vrdndi_home}", "context.tz=Asia/Tokyo"])
    assert WebSettings.from_cfg(given).tz_name == "Asia/Tokyo"


def test_a_night_owl_near_the_date_line_keeps_the_right_weekday():
    """Los Angeles hours shifted late (the quietest six hours end near noon) put the clock of the guess out
    by hours; offsets a whole day apart (UTC-11, Auckland's +13) give the same clock, and the weekend
    decides: the guessed zone's Saturday is the person's Saturday."""
    late = timedelta(hours=4)
    spans = [(s + late, e + late) for s, e in habits("America/Los_Angeles", date(2026, 10, 1), 28)]
    guess = guess_zone(spans)
    assert guess is not None
    noon = datetime(2026, 10, 17, 19, tzinfo=UTC)  # a Saturday noon in Los Angeles
    assert noon.astimezone(ZoneInfo(guess.zone)).weekday() == noon.astimezone(ZoneInfo("America/Los_Angeles")).weekday()


def test_a_move_counts_from_the_newest_days():
    """A year in Berlin, then five months in New York: the guess is where the person lives now."""
    spans = habits("Europe/Berlin", date(2025, 6, 1), 300) + habits("America/New_York", date(2026, 6, 10), 150)
    guess = guess_zone(spans)
    step = offset_h(guess.zone, at("2026-10-28")) - offset_h(guess.zone, at("2026-11-03"))
    assert step == 1 and offset_h(guess.zone, at("2026-11-15")) < -2  # the US dates, west of the Atlantic


def test_a_rule_days_apart_does_not_pull_the_clock_across_the_world(monkeypatch):
    """Egypt's autumn change (the last Thursday of October) falls three days before the US one. A person on
    New York's clock whose habits moved on Egypt's date makes Egypt's rule a hair sharper than the US rule;
    the guess still keeps their clock (the sleep prior), where the entropy alone named Cairo, 6-7 h away."""
    from datetime import timezone

    import vrdndi.features.zone as zone_module

    rng = random.Random(5)
    spans = []
    for d in range(40):
        day = date(2026, 10, 10) + timedelta(days=d)
        tz = timezone(timedelta(hours=-4 if day < date(2026, 10, 30) else -5))
        blocks = [(8.5, 12.0), (13.0, 17.5), (19.5, 23.5)] if day.weekday() < 5 else [(10.5, 13.0), (20.0, 24.5)]
        for lo, hi in blocks:
            midnight = datetime.combine(day, datetime.min.time(), tz)
            spans.append(((midnight + timedelta(hours=lo + rng.uniform(-0.6, 0.6))).astimezone(UTC),
                          (midnight + timedelta(hours=hi + rng.uniform(-0.6, 0.6))).astimezone(UTC)))
    guess = guess_zone(spans)
    assert guess is not None and guess.zone != "Africa/Cairo"
    for day in ("2026-10-15", "2026-11-15"):
        assert abs(offset_h(guess.zone, at(day)) - offset_h("America/New_York", at(day))) <= 2.0
    monkeypatch.setattr(zone_module, "SLEEP_PRIOR_NATS_PER_H2", 0.0)
    assert guess_zone(spans).zone == "Africa/Cairo"  # what the entropy alone said


@pytest.mark.parametrize("earlier_h", [0.0, 1.0])
def test_a_change_not_yet_seen_keeps_the_persons_coming_rule(earlier_h):
    """Sydney in August and September, before its October change: no change in the data, so every zone with
    the offset fits, and the test period and the feed (scored in the guessed zone) come after the change.
    The guess names a zone people live in that springs forward before the test period too: Sydney, not
    Brisbane (no DST) at the same offset, and with habits an hour earlier a real zone (Auckland, whose change
    is a week earlier) rather than the fixed ``Etc/GMT-11`` nearest the sleep prior, whose clock would then
    move an hour against the person's."""
    shift = timedelta(hours=-earlier_h)
    spans = [(s + shift, e + shift) for s, e in habits("Australia/Sydney", date(2026, 8, 1), 40, seed=2)]
    guess = guess_zone(spans)
    assert guess is not None and not guess.zone.startswith("Etc/")
    if earlier_h == 0:
        assert guess.zone == "Australia/Sydney"
    step = offset_h("Australia/Sydney", at("2026-10-15")) - offset_h("Australia/Sydney", at("2026-09-10"))
    assert offset_h(guess.zone, at("2026-10-15")) - offset_h(guess.zone, at("2026-09-10")) == step == 1
