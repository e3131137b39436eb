"""Visits to iCalendar text: the pure part of the export (no database, no files).

``calendar_ics`` turns plain visit records into the bytes of one .ics file. ``EventWriter``
is the same, split for the export of every calendar at once: each VEVENT is written once and
put in the guardian's, the mediator's and the facility's file.

Privacy: SUMMARY and DESCRIPTION name the child by case number and initials; the full name
only when ``CalendarOptions.reveal_identity`` is set (and the record carries it). Nationality,
status and notes are never written. The file format is in docs/calendars.md.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from guardian_desk import __version__
from guardian_desk.calendars.contentlines import (
    CRLF,
    escape_text,
    fold,
    local_time_value,
    mailto,
    param_value,
    text_property,
    utc_stamp,
)
from guardian_desk.calendars.records import (
    MAX_ALARM_MINUTES,
    CalendarOptions,
    CalendarPerson,
    CalendarPlace,
    CalendarVisit,
)
from guardian_desk.calendars.timezones import vtimezone_text
from guardian_desk.domain.enums import VisitPurpose, VisitStatus
from guardian_desk.domain.errors import ValidationError

PRODID = f"-//Guardian Desk//Guardian Desk {__version__}//EN"
_TIME_CACHE = 100_000  # formatted times kept per export (a few MB at most)
PURPOSE_LABELS: dict[VisitPurpose, str] = {
    VisitPurpose.VISIT: "Visit",
    VisitPurpose.ASYLUM_INTERVIEW: "Asylum interview",
    VisitPurpose.POLICE_INTERVIEW: "Police interview",
    VisitPurpose.MEDICAL: "Medical appointment",
    VisitPurpose.SCHOOL: "School appointment",
    VisitPurpose.COURT: "Court hearing",
    VisitPurpose.OTHER: "Appointment",
}


def check_alarm(minutes: int | None) -> int | None:
    if minutes is not None and not 0 <= minutes <= MAX_ALARM_MINUTES:
        raise ValidationError(
            "alarm", minutes, f"must be between 0 and {MAX_ALARM_MINUTES} minutes"
        )
    return minutes


def child_label(visit: CalendarVisit, reveal_identity: bool) -> str:
    """``AL-2026-00012 (A. R.)``, or with the full name when identities are revealed."""
    if reveal_identity and visit.child_name:
        return f"{visit.case_number} {visit.child_name}"
    if visit.child_initials:
        return f"{visit.case_number} ({visit.child_initials})"
    return visit.case_number


def summary(visit: CalendarVisit, reveal_identity: bool = False) -> str:
    text = f"{PURPOSE_LABELS[visit.purpose]} {child_label(visit, reveal_identity)}"
    return f"Cancelled: {text}" if visit.status is VisitStatus.CANCELLED else text


def location(facility: CalendarPlace | None, place: str) -> str:
    """The facility's name and address, with the place written on the visit after them."""
    parts = [facility.name, facility.address, facility.municipality] if facility else []
    where = ", ".join(p.strip() for p in parts if p.strip())
    place = place.strip()
    if where and place:
        return f"{where} ({place})"
    return where or place


def _person(role: str, person: CalendarPerson | None) -> str:
    return f"{role}: {person.code} {person.name}".rstrip() if person else ""


def description_tail(
    purpose: VisitPurpose,
    status: VisitStatus,
    guardian: CalendarPerson | None,
    mediator: CalendarPerson | None,
) -> str:
    lines = (
        f"Purpose: {PURPOSE_LABELS[purpose]}",
        _person("Guardian", guardian),
        _person("Mediator", mediator),
        f"Status: {status.value}",
    )
    return "\n".join(line for line in lines if line)


def description(visit: CalendarVisit, reveal_identity: bool = False) -> str:
    """The event's DESCRIPTION as plain text: case, purpose, who comes, the visit's status."""
    tail = description_tail(visit.purpose, visit.status, visit.guardian, visit.mediator)
    return f"Case {child_label(visit, reveal_identity)}\n{tail}"


class EventWriter:
    """Writes VEVENTs and whole calendars for one export (one zone, one DTSTAMP)."""

    def __init__(self, options: CalendarOptions, years: tuple[int, int] | None = None) -> None:
        self.options = options
        self.alarm = check_alarm(options.alarm_minutes)
        self.zone = ZoneInfo(options.time_zone)
        self.tzid = options.time_zone  # IANA names hold no character a parameter must quote
        self.now = options.now or datetime.now(UTC)
        self.dtstamp = f"DTSTAMP:{utc_stamp(self.now)}{CRLF}"
        self.uid_suffix = escape_text(f"@{options.office_uid}")
        # A UID line fits in 75 octets unless the office's UID was made very long.
        self.uid_fits = self.uid_suffix.isascii() and len(self.uid_suffix) <= 75 - 30
        first, last = years or (self.now.year, self.now.year)
        self.vtimezone = vtimezone_text(options.time_zone, first, last)
        self._shared_lines: dict[tuple[object, ...], tuple[str, str]] = {}
        # Visits share start and end times (slots): format each once. (Not LAST-MODIFIED:
        # saves differ by the microsecond, a cache of them only costs.)
        self._local: dict[datetime, str] = {}

    def _people(self, guardian: CalendarPerson | None, mediator: CalendarPerson | None) -> str:
        """ORGANIZER (the guardian, else the mediator) and ATTENDEEs, where emails exist."""
        lines: list[str] = []
        for person in (guardian, mediator):
            address = mailto(person.email) if person else None
            if person is None or address is None:
                continue
            cn = param_value(person.name or person.code)
            if not lines:
                lines.append(fold(f"ORGANIZER;CN={cn}:{address}"))
            # ACCEPTED: the office booked them; NEEDS-ACTION (the default) would show the
            # visit as an unanswered invitation in Thunderbird.
            lines.append(fold(f"ATTENDEE;CN={cn};ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED:{address}"))
        return "".join(lines)

    def _shared(self, visit: CalendarVisit) -> tuple[str, str]:
        """What many visits have alike, written once: the DESCRIPTION after the case line,
        and LOCATION, STATUS, CLASS, TRANSP, ORGANIZER and ATTENDEE lines."""
        key = (
            visit.purpose, visit.status, visit.guardian, visit.mediator, visit.facility,
            visit.place,
        )  # fmt: skip
        found = self._shared_lines.get(key)
        if found is not None:
            return found
        cancelled = visit.status is VisitStatus.CANCELLED
        where = location(visit.facility, visit.place)
        tail = description_tail(visit.purpose, visit.status, visit.guardian, visit.mediator)
        found = self._shared_lines[key] = (
            escape_text("\n" + tail),
            "".join(
                (
                    text_property("LOCATION", where) if where else "",
                    f"STATUS:{'CANCELLED' if cancelled else 'CONFIRMED'}{CRLF}",
                    # A shared calendar shows the time as busy, not the case.
                    f"CLASS:PRIVATE{CRLF}",
                    f"TRANSP:{'TRANSPARENT' if cancelled else 'OPAQUE'}{CRLF}",
                    self._people(visit.guardian, visit.mediator),
                )
            ),
        )
        return found

    def _local_value(self, moment: datetime) -> str:
        found = self._local.get(moment)
        if found is None:
            if len(self._local) > _TIME_CACHE:
                self._local.clear()
            found = self._local[moment] = local_time_value(moment, self.zone, self.tzid)
        return found

    def _uid(self, visit_id: int) -> str:
        line = f"UID:visit-{visit_id}{self.uid_suffix}"
        return f"{line}{CRLF}" if self.uid_fits and visit_id < 10**19 else fold(line)

    def _alarm(self, visit: CalendarVisit, title: str) -> str:
        """A reminder for a planned visit still to come (no flood of missed ones on import)."""
        if self.alarm is None or visit.status is not VisitStatus.PLANNED:
            return ""
        if visit.starts_at <= self.now:
            return ""
        trigger = f"-PT{self.alarm}M" if self.alarm else "PT0M"
        return (
            f"BEGIN:VALARM{CRLF}ACTION:DISPLAY{CRLF}{fold('DESCRIPTION:' + title)}"
            f"TRIGGER:{trigger}{CRLF}END:VALARM{CRLF}"
        )

    def event(self, visit: CalendarVisit) -> str:
        """One VEVENT, CRLF-terminated and folded."""
        label = escape_text(child_label(visit, self.options.reveal_identity))
        title = f"{PURPOSE_LABELS[visit.purpose]} {label}"  # the labels need no escaping
        if visit.status is VisitStatus.CANCELLED:
            title = f"Cancelled: {title}"
        tail, shared = self._shared(visit)
        return (
            f"BEGIN:VEVENT{CRLF}"
            f"{self._uid(visit.visit_id)}"
            f"{self.dtstamp}"
            f"LAST-MODIFIED:{utc_stamp(visit.updated_at)}{CRLF}"
            f"SEQUENCE:{visit.sequence}{CRLF}"
            f"DTSTART{self._local_value(visit.starts_at)}{CRLF}"
            f"DTEND{self._local_value(visit.ends_at)}{CRLF}"
            f"{fold('SUMMARY:' + title)}"
            f"{fold(f'DESCRIPTION:Case {label}{tail}')}"
            f"{shared}"
            f"{self._alarm(visit, title)}"
            f"END:VEVENT{CRLF}"
        )

    def header(self, name: str) -> str:
        return "".join(
            (
                f"BEGIN:VCALENDAR{CRLF}VERSION:2.0{CRLF}",
                text_property("PRODID", PRODID),
                f"CALSCALE:GREGORIAN{CRLF}METHOD:PUBLISH{CRLF}",
                text_property("X-WR-CALNAME", name),
                text_property("X-WR-TIMEZONE", self.options.time_zone),
                self.vtimezone,
            )
        )

    def calendar(self, name: str, events: Iterable[str]) -> bytes:
        """A whole VCALENDAR from VEVENT texts (from ``event``), as UTF-8 bytes."""
        body = "".join(events)
        return f"{self.header(name)}{body}END:VCALENDAR{CRLF}".encode()


def year_span(visits: Iterable[CalendarVisit], zone_name: str) -> tuple[int, int] | None:
    """The first and the last local year the visits touch (None without visits)."""
    zone = ZoneInfo(zone_name)
    first = last = None
    for visit in visits:
        if first is None or visit.starts_at < first:
            first = visit.starts_at
        if last is None or visit.ends_at > last:
            last = visit.ends_at
    if first is None or last is None:
        return None
    return first.astimezone(zone).year, last.astimezone(zone).year


def calendar_ics(visits: Sequence[CalendarVisit], options: CalendarOptions, *, name: str) -> bytes:
    """The .ics bytes of one calendar holding ``visits`` (in the order given)."""
    writer = EventWriter(options, year_span(visits, options.time_zone))
    return writer.calendar(name, (writer.event(v) for v in visits))
