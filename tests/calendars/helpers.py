"""Reading an exported calendar back with two parsers that share no code with the writer:
icalendar (the library the app depends on) and vobject (a test-only dependency)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

import icalendar
import vobject


@dataclass(frozen=True)
class ParsedEvent:
    """One VEVENT as both parsers read it; the test checks that they agree."""

    uid: str
    sequence: int
    status: str
    summary: str
    description: str
    location: str
    starts_at: datetime
    ends_at: datetime
    alarm_minutes: int | None


def _from_icalendar(event: Any) -> ParsedEvent:
    alarms = event.walk("VALARM")
    return ParsedEvent(
        uid=str(event["UID"]),
        sequence=int(event["SEQUENCE"]),
        status=str(event["STATUS"]),
        summary=str(event["SUMMARY"]),
        description=str(event["DESCRIPTION"]),
        location=str(event.get("LOCATION", "")),
        starts_at=event.decoded("DTSTART"),
        ends_at=event.decoded("DTEND"),
        alarm_minutes=(
            int(-alarms[0].decoded("TRIGGER").total_seconds() // 60) if alarms else None
        ),
    )


def _in_utc(event: ParsedEvent) -> ParsedEvent:
    """The same event with its times in UTC: Python never calls two times in a repeated hour
    equal when their zones are different objects (PEP 495), even for the same instant."""
    return replace(
        event, starts_at=event.starts_at.astimezone(UTC), ends_at=event.ends_at.astimezone(UTC)
    )


def _from_vobject(event: Any) -> ParsedEvent:
    contents = event.contents
    alarm = contents.get("valarm")
    return ParsedEvent(
        uid=event.uid.value,
        sequence=int(event.sequence.value),
        status=event.status.value,
        summary=event.summary.value,
        description=event.description.value,
        location=event.location.value if "location" in contents else "",
        starts_at=event.dtstart.value,
        ends_at=event.dtend.value,
        alarm_minutes=(int(-alarm[0].trigger.value.total_seconds() // 60) if alarm else None),
    )


def parse_both(content: bytes) -> dict[str, ParsedEvent]:
    """Events by UID; fails unless icalendar and vobject read every event alike."""
    parsed = icalendar.Calendar.from_ical(content)
    assert [(c.name, c.errors) for c in parsed.walk() if c.errors] == []  # nothing it skipped
    by_icalendar = {e.uid: e for e in map(_from_icalendar, parsed.walk("VEVENT"))}
    # vobject keeps the first VTIMEZONE it ever read for a TZID, for the whole process; a
    # calendar program reads each file afresh, so forget earlier files' zones first.
    registry = vars(vobject.icalendar)["__tzidMap"]
    for tzid in [t for t in registry if t != "UTC"]:
        del registry[tzid]
    calendar = vobject.readOne(content.decode("utf-8"))
    by_vobject = {e.uid: e for e in map(_from_vobject, calendar.contents.get("vevent", []))}
    assert {k: _in_utc(e) for k, e in by_icalendar.items()} == {
        k: _in_utc(e) for k, e in by_vobject.items()
    }
    return by_icalendar


def physical_lines(content: bytes) -> list[bytes]:
    """The file's lines as stored: every one must end in CRLF."""
    assert content.endswith(b"\r\n")
    lines = content.split(b"\r\n")[:-1]
    assert not any(b"\n" in line or b"\r" in line for line in lines)
    return lines
