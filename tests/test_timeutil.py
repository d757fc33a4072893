from datetime import datetime, timezone
from zoneinfo import ZoneInfo

import pytest

from vrdndi.timeutil import (TimeParseError, format_duration, iso, parse_duration, parse_time,
                             time_of_day, to_iso)


def test_parse_variants_to_utc():
    assert to_iso("2026-03-01T10:00:00Z") == "2026-03-01T10:00:00.000000+00:00"
    assert to_iso("2026-03-01T10:00:00+02:00") == "2026-03-01T08:00:00.000000+00:00"
    assert to_iso(0) == "1970-01-01T00:00:00.000000+00:00"
    assert parse_time("2026-03-01T10:00:00.123456789Z").microsecond in (123456, 123457)


def test_naive_is_rejected_unless_zone_given():
    with pytest.raises(TimeParseError, match="offset"):
        parse_time("2026-03-01T10:00:00")
    assert iso(parse_time("2026-03-01T10:00:00", assume_tz=ZoneInfo("Asia/Tokyo"))) == \
        "2026-03-01T01:00:00.000000+00:00"
    with pytest.raises(TimeParseError):
        iso(datetime(2026, 1, 1))


def test_durations():
    assert parse_duration("PT1H2M3S") == 3723
    assert parse_duration("P1DT1S") == 86401
    assert parse_duration(None) is None
    assert format_duration(3723) == "1:02:03" and format_duration(59) == "0:59"
    with pytest.raises(TimeParseError):
        parse_duration("ten minutes")


def test_time_of_day_uses_configured_zone():
    moment = datetime(2026, 6, 1, 22, 0, tzinfo=timezone.utc)  # 22:00 UTC = 07:00 next day in Tokyo
    s_utc, c_utc = time_of_day(moment, timezone.utc)
    s_tok, c_tok = time_of_day(moment, ZoneInfo("Asia/Tokyo"))
    assert (round(s_utc, 4), round(c_utc, 4)) != (round(s_tok, 4), round(c_tok, 4))
    import math
    assert math.isclose(math.atan2(s_tok, c_tok) % (2 * math.pi), 2 * math.pi * 7 / 24, abs_tol=1e-9)


def test_local_zone_is_the_systems_iana_zone_with_its_dst(monkeypatch):
    """TZ=America/New_York: the project's own zone handling (context.tz=local for features, the web
    page's times, the scheduler's cron and quiet hours) gives -05:00 in January and -04:00 in July."""
    from datetime import timedelta

    from omegaconf import OmegaConf

    from vrdndi.apps.web import format_moment
    from vrdndi.features.context import ContextBuilder
    from vrdndi.apps.scheduler import _scheduler_tz
    from vrdndi.timeutil import get_tz

    monkeypatch.setenv("TZ", "America/New_York")
    january, july = datetime(2026, 1, 15, 12, tzinfo=timezone.utc), datetime(2026, 7, 15, 12, tzinfo=timezone.utc)
    for zone in (get_tz("local"), get_tz(None), _scheduler_tz(OmegaConf.create({"context": {"tz": "local"}})),
                 ContextBuilder([], tz="local").tz):
        assert january.astimezone(zone).utcoffset() == timedelta(hours=-5)
        assert july.astimezone(zone).utcoffset() == timedelta(hours=-4)
    # the same UTC noon is 07:00 on a January clock and 08:00 on a July one, in features and on the page
    import math
    s, c = time_of_day(january, get_tz("local"))
    assert math.isclose(math.atan2(s, c) % (2 * math.pi), 2 * math.pi * 7 / 24, abs_tol=1e-9)
    s, c = time_of_day(july, get_tz("local"))
    assert math.isclose(math.atan2(s, c) % (2 * math.pi), 2 * math.pi * 8 / 24, abs_tol=1e-9)
    assert format_moment(iso(january), "local").endswith("07:00 EST")
    assert format_moment(iso(july), "local").endswith("08:00 EDT")
    monkeypatch.setenv("TZ", "Europe/Berlin")  # read on every call, not cached for the process
    assert july.astimezone(get_tz("local")).utcoffset() == timedelta(hours=2)
