"""Times as officers type them: 9:00 as well as 09:00 (and 9.00, as the region writes it)."""

from __future__ import annotations

from datetime import time

import pytest

from guardian_desk.domain import validation as v
from guardian_desk.domain.errors import ValidationError
from guardian_desk.domain.parsing import format_windows, parse_windows, text_to_minutes
from guardian_desk.domain.records import WeeklyWindow


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("9:00", time(9, 0)),
        ("09:00", time(9, 0)),
        (" 9:05 ", time(9, 5)),
        ("0:30", time(0, 30)),
        ("23:59", time(23, 59)),
        ("9.00", time(9, 0)),
        ("14.30", time(14, 30)),
        ("09:00:00", time(9, 0)),
    ],
)
def test_one_or_two_digit_hours_are_times(text: str, expected: time) -> None:
    assert v.parse_time("start", text) == expected


@pytest.mark.parametrize(
    "text", ["900", "9", "9:0", "9:000", "24:00", "9:60", "123:00", "9.5", "9.00.00", "٩:٠٠", ""]
)
def test_anything_else_is_still_refused(text: str) -> None:
    with pytest.raises(ValidationError, match="is not a time in the form HH:MM"):
        v.parse_time("start", text)


def test_seconds_must_be_zero() -> None:
    with pytest.raises(ValidationError, match="must be whole minutes"):
        v.parse_time("start", "9:00:30")


def test_weekly_windows_take_short_hours_and_are_written_back_as_hh_mm() -> None:
    windows = parse_windows("visiting_hours", "Mon 9:00-12:30; Sat 9.30-24.00")
    assert windows == [WeeklyWindow(1, 540, 750), WeeklyWindow(6, 570, 1440)]
    assert format_windows(windows) == "Mon 09:00-12:30; Sat 09:30-24:00"
    assert text_to_minutes("end", "24:00") == 1440
