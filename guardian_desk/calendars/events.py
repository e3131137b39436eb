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
from guardian_desk.domain.enums import VisitPurpose, VisitStatus, visit_status_text
from guardian_desk.domain.errors import ValidationError
from guardian_desk.i18n import N_, _, ngettext

PRODID = f"-//Guardian Desk//Guardian Desk {__version__}//EN"
_SLOT = "\ue000"  # a private-use character: where an already escaped label goes in a text
_TIME_CACHE = 100_000  # formatted times kept per export (a few MB at most)
PURPOSE_LABELS: dict[VisitPurpose, str] = {
    # TRANSLATORS: a calendar event's title begins with this, "Visit AL-2026-00012 (A. R.)".
    VisitPurpose.VISIT: N_("Visit"),
    VisitPurpose.ASYLUM_INTERVIEW: N_("Asylum interview"),
    VisitPurpose.POLICE_INTERVIEW: N_("Police interview"),
    VisitPurpose.MEDICAL: N_("Medical appointment"),
    VisitPurpose.SCHOOL: N_("School appointment"),
    VisitPurpose.COURT: N_("Court hearing"),
    VisitPurpose.OTHER: N_("Appointment"),
}
"""Marked for translation; shown with ``purpose_label`` (translated at export time)."""


def purpose_label(purpose: VisitPurpose) -> str:
    return _(PURPOSE_LABELS[purpose])


def title_text(
    purpose: VisitPurpose, status: VisitStatus, child: str, on_hold: bool = False
) -> str:
    """An event's title: "Visit AL-2026-00012 (A. R.)", "Cancelled: Visit …", "On hold: …"."""
    # TRANSLATORS: a calendar event's title; {purpose} is like "Visit", {child} a case number
    # with the child's initials.
    text = _("{purpose} {child}").format(purpose=purpose_label(purpose), child=child)
    if status is VisitStatus.CANCELLED:
        # TRANSLATORS: the title of a cancelled calendar event.
        return _("Cancelled: {title}").format(title=text)
    if on_hold and status is VisitStatus.PLANNED:
        # TRANSLATORS: the title of a calendar event put on hold because the child is missing.
        return _("On hold: {title}").format(title=text)
    return text


def held(visit: CalendarVisit) -> bool:
    """On hold and still planned: the calendar shows it TENTATIVE, without a reminder."""
    return visit.on_hold and visit.status is VisitStatus.PLANNED


def check_alarm(minutes: int | None) -> int | None:
    if minutes is not None and not 0 <= minutes <= MAX_ALARM_MINUTES:
        problem = ngettext(
            "must be between {minimum} and {maximum} minute",
            "must be between {minimum} and {maximum} minutes",
            MAX_ALARM_MINUTES,
        ).format(minimum=0, maximum=MAX_ALARM_MINUTES)
        raise ValidationError("alarm", minutes, problem)
    return minutes


def child_label(visit: CalendarVisit, reveal_identity: bool) -> str:
    """``AL-2026-00012 (A. R.)``, or with the full name when identities are revealed."""
    if reveal_identity and visit.child_name:
        return f"{visit.case_number} {visit.child_name}"
    if visit.child_initials:
        return f"{visit.case_number} ({visit.child_initials})"
    return visit.case_number


def summary(visit: CalendarVisit, reveal_identity: bool = False) -> str:
    return title_text(visit.purpose, visit.status, child_label(visit, reveal_identity), held(visit))


def location(facility: CalendarPlace | None, place: str) -> str:
    """The facility's name and address, with the place written on the visit after them."""
    parts = [facility.name, facility.address, facility.municipality] if facility else []
    where = ", ".join(p.strip() for p in parts if p.strip())
    place = place.strip()
    if where and place:
        return f"{where} ({place})"
    return where or place


def _person(role: str, person: CalendarPerson | None) -> str:
    """``role``: "guardian" or "mediator"."""
    if person is None:
        return ""
    if role == "guardian":
        # TRANSLATORS: a line of a calendar event's description; {code} and {name} a guardian's.
        return _("Guardian: {code} {name}").format(code=person.code, name=person.name).rstrip()
    return _("Mediator: {code} {name}").format(code=person.code, name=person.name).rstrip()


def description_tail(
    purpose: VisitPurpose,
    status: VisitStatus,
    guardian: CalendarPerson | None,
    mediator: CalendarPerson | None,
    on_hold: bool = False,
) -> str:
    if on_hold and status is VisitStatus.PLANNED:
        # TRANSLATORS: a line of a calendar event's description.
        state = _("Status: on hold, the child is missing")
    else:
        # TRANSLATORS: a line of a calendar event's description; {status} is like "planned".
        state = _("Status: {status}").format(status=visit_status_text(status))
    lines = (
        # TRANSLATORS: a line of a calendar event's description.
        _("Purpose: {purpose}").format(purpose=purpose_label(purpose)),
        _person("guardian", guardian),
        _person("mediator", mediator),
        state,
    )
    return "\n".join(line for line in lines if line)


def description(visit: CalendarVisit, reveal_identity: bool = False) -> str:
    """The event's DESCRIPTION as plain text: case, purpose, who comes, the visit's status."""
    tail = description_tail(
        visit.purpose, visit.status, visit.guardian, visit.mediator, held(visit)
    )
    return f"{case_line(child_label(visit, reveal_identity))}\n{tail}"


def case_line(child: str) -> str:
    # TRANSLATORS: the first line of a calendar event's description; {child} is a case number
    # with the child's initials.
    return _("Case {child}").format(child=child)


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
        self._titles: dict[tuple[VisitPurpose, VisitStatus, bool], str] = {}
        self._case: str | None = None

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
        on_hold = held(visit)
        key = (
            visit.purpose, visit.status, visit.guardian, visit.mediator, visit.facility,
            visit.place, on_hold,
        )  # fmt: skip
        found = self._shared_lines.get(key)
        if found is not None:
            return found
        cancelled = visit.status is VisitStatus.CANCELLED
        where = location(visit.facility, visit.place)
        tail = description_tail(
            visit.purpose, visit.status, visit.guardian, visit.mediator, on_hold
        )
        # A visit on hold (its child is missing) is TENTATIVE, never CONFIRMED.
        status = "CANCELLED" if cancelled else "TENTATIVE" if on_hold else "CONFIRMED"
        found = self._shared_lines[key] = (
            escape_text("\n" + tail),
            "".join(
                (
                    text_property("LOCATION", where) if where else "",
                    f"STATUS:{status}{CRLF}",
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
        if self.alarm is None or visit.status is not VisitStatus.PLANNED or held(visit):
            return ""
        if visit.starts_at <= self.now:
            return ""
        trigger = f"-PT{self.alarm}M" if self.alarm else "PT0M"
        return (
            f"BEGIN:VALARM{CRLF}ACTION:DISPLAY{CRLF}{fold('DESCRIPTION:' + title)}"
            f"TRIGGER:{trigger}{CRLF}END:VALARM{CRLF}"
        )

    def _case_line(self, label: str) -> str:
        """ "Case {child}" escaped, with the (escaped) label put in."""
        if self._case is None:
            self._case = escape_text(case_line(_SLOT))
        return self._case.replace(_SLOT, label)

    def event(self, visit: CalendarVisit) -> str:
        """One VEVENT, CRLF-terminated and folded."""
        label = escape_text(child_label(visit, self.options.reveal_identity))
        on_hold = held(visit)
        pattern = self._titles.get((visit.purpose, visit.status, on_hold))
        if pattern is None:  # translated once per export, not once per visit
            pattern = escape_text(title_text(visit.purpose, visit.status, _SLOT, on_hold))
            self._titles[(visit.purpose, visit.status, on_hold)] = pattern
        title = pattern.replace(_SLOT, label)
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
            f"{fold('DESCRIPTION:' + self._case_line(label) + tail)}"
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
