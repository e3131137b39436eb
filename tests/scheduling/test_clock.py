"""The office's wall clock across the two daylight-saving changes, and dates in words."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from guardian_desk.scheduling.clock import (
    OfficeClock,
    days_text,
    range_text,
    span_text,
    to_minute,
    to_utc,
    weekdays_text,
)
from guardian_desk.scheduling.intervals import fits, intersect, merge, subtract

SPRING = date(2026, 3, 29)  # last Sunday of March: 02:00 becomes 03:00
AUTUMN = date(2026, 10, 25)  # last Sunday of October: 03:00 becomes 02:00 again


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> int:
    return to_minute(datetime(year, month, day, hour, minute, tzinfo=UTC))


@pytest.mark.parametrize("zone", ["Europe/Belgrade", "Europe/Tirane"])
def test_ten_o_clock_stays_ten_o_clock_on_both_sides_of_each_change(zone: str) -> None:
    clock = OfficeClock(zone)
    assert clock.instant(date(2026, 3, 28), 600) == utc(2026, 3, 28, 9)  # winter: UTC+1
    assert clock.instant(SPRING, 600) == utc(2026, 3, 29, 8)  # summer: UTC+2
    assert clock.instant(date(2026, 10, 24), 600) == utc(2026, 10, 24, 8)
    assert clock.instant(AUTUMN, 600) == utc(2026, 10, 25, 9)
    assert clock.local(clock.instant(SPRING, 600)).hour == 10
    assert clock.local(clock.instant(AUTUMN, 600)).hour == 10


def test_the_skipped_hour_does_not_exist() -> None:
    clock = OfficeClock("Europe/Belgrade")
    jump = clock.instant(SPRING, 180)  # 03:00 summer time, 01:00 UTC
    assert jump == utc(2026, 3, 29, 1)
    # 02:00 and 02:30 do not exist: they mean the moment of the jump, never a time after it.
    assert clock.instant(SPRING, 120) == jump
    assert clock.instant(SPRING, 150) == jump
    assert clock.windows(SPRING, ((120, 180),)) == []  # a window wholly in the gap is empty
    # 01:30-03:30 on the wall is one real hour.
    ((start, end),) = clock.windows(SPRING, ((90, 210),))
    assert end - start == 60
    assert clock.wall(start).hour == 1 and clock.wall(end).hour == 3


def test_the_repeated_hour_is_every_instant_the_wall_clock_shows_inside_a_window() -> None:
    clock = OfficeClock("Europe/Tirane")
    # A single time means the first 02:00 (summer time).
    assert clock.instant(AUTUMN, 120) == utc(2026, 10, 25, 0)
    # 01:00-04:00 on the wall lasts four real hours that night.
    ((start, end),) = clock.windows(AUTUMN, ((60, 240),))
    assert (start, end) == (utc(2026, 10, 24, 23), utc(2026, 10, 25, 3))
    # 02:15-03:15 is 02:15-02:59 summer time, then 02:15-03:14 winter time: at 02:00-02:14
    # winter time the wall clock shows a time before the window.
    assert clock.windows(AUTUMN, ((135, 195),)) == [
        (utc(2026, 10, 25, 0, 15), utc(2026, 10, 25, 1)),
        (utc(2026, 10, 25, 1, 15), utc(2026, 10, 25, 2, 15)),
    ]
    # 02:00-02:30 happens twice: two stretches, no instant counted twice.
    assert clock.windows(AUTUMN, ((120, 150),)) == [
        (utc(2026, 10, 25, 0), utc(2026, 10, 25, 0, 30)),
        (utc(2026, 10, 25, 1), utc(2026, 10, 25, 1, 30)),
    ]


def test_a_whole_day_is_23_or_25_hours_long_on_the_change_days() -> None:
    clock = OfficeClock("Europe/Belgrade")
    assert clock.instant(SPRING, 1440) - clock.instant(SPRING, 0) == 23 * 60
    assert clock.instant(AUTUMN, 1440) - clock.instant(AUTUMN, 0) == 25 * 60
    assert clock.instant(date(2026, 5, 1), 1440) - clock.instant(date(2026, 5, 1), 0) == 1440


def test_dates_and_spans_read_as_an_officer_writes_them() -> None:
    assert range_text(date(2026, 3, 3), date(2026, 3, 17)) == "3–17 March"
    assert range_text(date(2026, 2, 28), date(2026, 3, 3)) == "28 February–3 March"
    assert days_text([date(2026, 3, 11), date(2026, 3, 4), date(2026, 3, 18)]) == (
        "4, 11 and 18 March"
    )
    assert days_text([date(2026, 3, 3), date(2026, 3, 4), date(2026, 3, 9)]) == (
        "3–4 March and 9 March"
    )
    assert weekdays_text([7]) == "Sundays"
    assert weekdays_text([6, 7, 1]) == "Mondays, Saturdays and Sundays"
    clock = OfficeClock("Europe/Tirane")
    start = clock.instant(date(2026, 3, 12), 600)
    assert span_text(clock, start, start + 60) == "10:00–11:00 on 12 March"
    assert to_utc(start) == datetime(2026, 3, 12, 9, tzinfo=UTC)


def test_interval_algebra() -> None:
    assert merge([(5, 7), (1, 3), (3, 4), (10, 10)]) == [(1, 4), (5, 7)]
    assert intersect([(0, 10), (20, 30)], [(5, 25)]) == [(5, 10), (20, 25)]
    assert subtract([(0, 100)], [(10, 20), (15, 30), (90, 120)]) == [(0, 10), (30, 90)]
    assert fits([(7, 80), (100, 150)], 60) == [(15, 80)]
