"""How many moments the productive answers were given at (what the timing head can learn from)."""

from __future__ import annotations

import logging

from vrdndi.data.samples import FEW_MOMENTS, Sample, distinct_moments, log_moments


def answer(moment: str, kind: str = "productive", vid: str = "vid00000001") -> Sample:
    return Sample(vid, kind, 1, moment, moment)


def test_clicks_of_one_feed_opening_are_one_moment():
    samples = [answer("2026-03-01T09:00:00+00:00"), answer("2026-03-01T09:00:40+00:00"),
               answer("2026-03-01T09:09:00+00:00"),  # each under 10 min after the previous one
               answer("2026-03-01T10:10:00+00:00"),  # a new opening
               answer("2026-03-02T09:00:00+00:00"),
               answer("", kind="interest"), answer("2026-03-03T09:00:00+00:00", kind="interest")]
    assert distinct_moments(samples) == 3
    assert distinct_moments(list(reversed(samples))) == 3  # order does not matter
    assert distinct_moments([]) == 0


def test_few_moments_get_a_hint_many_do_not(caplog):
    few = [answer(f"2026-03-01T{h:02d}:00:00+00:00") for h in range(0, 24, 2)]
    with caplog.at_level(logging.INFO, logger="vrdndi.data.samples"):
        assert log_moments(few) == 12
    assert "12 productive answers at 12 distinct moments" in caplog.text
    assert any(r.levelname == "WARNING" and "Correct timing / Not now" in r.getMessage() for r in caplog.records)

    caplog.clear()
    many = [answer(f"2026-03-{1 + i // 12:02d}T{2 * (i % 12):02d}:00:00+00:00") for i in range(FEW_MOMENTS + 8)]
    with caplog.at_level(logging.INFO, logger="vrdndi.data.samples"):
        assert log_moments(many) == FEW_MOMENTS + 8
    assert not [r for r in caplog.records if r.levelname == "WARNING"]

    caplog.clear()
    with caplog.at_level(logging.INFO, logger="vrdndi.data.samples"):
        assert log_moments([answer("", kind="interest")]) == 0  # no timing answers: nothing to say
    assert not caplog.records
