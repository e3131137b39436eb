"""The VTIMEZONE must give every instant the offset zoneinfo gives, read by two parsers that
use the VTIMEZONE's own rules (not a lookup of the zone's name)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import vobject

from guardian_desk.calendars import build_timezone
from guardian_desk.calendars.timezones import transitions


def _instants(zone: ZoneInfo, first_year: int, last_year: int) -> list[datetime]:
    """Every quarter hour from three hours before to three after each change, and noons."""
    found = []
    for change in transitions(zone, first_year, last_year):
        found += [change.at + timedelta(minutes=15 * k) for k in range(-12, 13)]
    for year in range(first_year, last_year + 1):
        found += [datetime(year, month, 15, 12, tzinfo=UTC) for month in range(1, 13)]
    return found


def _offsets(tz: Any, instants: list[datetime]) -> list[timedelta | None]:
    return [moment.astimezone(tz).utcoffset() for moment in instants]


def _vobject_tz(text: str) -> Any:
    calendar = vobject.readOne(f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n{text}END:VCALENDAR\r\n")
    return calendar.vtimezone.gettzinfo()


@pytest.mark.parametrize("zone_name", ["Europe/Tirane", "Europe/Belgrade"])
def test_office_zones_have_both_changes_as_yearly_rules(zone_name: str) -> None:
    text = build_timezone(zone_name, 2026, 2027).to_ical().decode()
    daylight = text[text.index("BEGIN:DAYLIGHT") : text.index("END:DAYLIGHT")]
    standard = text[text.index("BEGIN:STANDARD") : text.index("END:STANDARD")]
    # Summer time starts at 02:00 CET on the last Sunday of March, ends at 03:00 CEST on the
    # last Sunday of October; DTSTART is the wall clock before the change (RFC 5545 3.6.5).
    assert "DTSTART:20250330T020000\r\n" in daylight
    assert "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3\r\n" in daylight
    assert "TZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\n" in daylight
    assert "DTSTART:20251026T030000\r\n" in standard
    assert "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10\r\n" in standard
    assert "TZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\n" in standard
    assert "RDATE" not in text  # Outlook ignores RDATE


@pytest.mark.parametrize(
    "zone_name",
    [
        "Europe/Tirane",
        "Europe/Belgrade",
        "Europe/Athens",
        "Europe/Chisinau",  # changes at 02:00/03:00 local, not at 01:00 UTC like the EU
        "Europe/Istanbul",  # no summer time since 2016
        "America/Santiago",  # no yearly rule fits: written as RDATEs
        "Australia/Lord_Howe",  # a half-hour change
        "Europe/Dublin",  # tzdata's negative summer time
    ],
)
def test_every_instant_gets_zoneinfos_offset(zone_name: str) -> None:
    zone = ZoneInfo(zone_name)
    component = build_timezone(zone_name, 2025, 2028)
    instants = _instants(zone, 2025, 2028)
    expected = _offsets(zone, instants)
    assert _offsets(component.to_tz(lookup_tzid=False), instants) == expected  # icalendar
    assert _offsets(_vobject_tz(component.to_ical().decode()), instants) == expected  # vobject


def test_rules_run_on_after_the_last_visit() -> None:
    zone = ZoneInfo("Europe/Tirane")
    component = build_timezone("Europe/Tirane", 2026, 2026)
    later = _instants(zone, 2030, 2031)
    assert _offsets(_vobject_tz(component.to_ical().decode()), later) == _offsets(zone, later)


def test_summer_is_daylight_even_where_tzdata_says_winter_is() -> None:
    text = build_timezone("Europe/Dublin", 2026, 2026).to_ical().decode()
    daylight = text[text.index("BEGIN:DAYLIGHT") : text.index("END:DAYLIGHT")]
    assert "TZOFFSETFROM:+0000\r\nTZOFFSETTO:+0100\r\n" in daylight
