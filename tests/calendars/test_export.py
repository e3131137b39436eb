"""Exporting calendars from the database: what a guardian, a mediator or a facility imports."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
import pytest
from sqlalchemy.orm import Session

from guardian_desk.calendars import (
    CalendarExportCancelled,
    export_all_calendars,
    export_calendar,
)
from guardian_desk.db.models import Visit
from guardian_desk.domain.errors import NotFoundError, ValidationError
from tests.calendars.conftest import AFTER_SPRING, BEFORE_SPRING, NOW, Office
from tests.calendars.helpers import parse_both, physical_lines

TIRANE = ZoneInfo("Europe/Tirane")


def _uid(visit_id: int) -> str:
    return f"visit-{visit_id}@0f1e2d3c-office"


def test_guardian_calendar_holds_their_visits_with_case_number_and_initials(
    session: Session, office: Office
) -> None:
    found = export_calendar(session, "guardian", office.guardian_code, now=NOW)
    events = parse_both(found.content)
    assert set(events) == {_uid(office.visit), _uid(office.after_spring), _uid(office.cancelled)}
    visit = events[_uid(office.visit)]
    assert visit.summary == "Visit AL-2026-00001 (A. R.)"
    assert visit.description.splitlines()[0] == "Case AL-2026-00001 (A. R.)"
    assert "Mediator: " in visit.description and "Farid Karimi" in visit.description
    assert visit.location == "Shelter; North, <Block A>, Rruga Kavajës 12, Tirana"
    assert visit.status == "CONFIRMED"
    event = icalendar.Calendar.from_ical(found.content).walk("VEVENT")[0]
    assert event["ORGANIZER"] == "mailto:elira.hoxha@example.org"
    attendees: Any = event["ATTENDEE"]  # a list here: two ATTENDEE lines
    assert [(a, a.params["PARTSTAT"]) for a in attendees] == [
        ("mailto:elira.hoxha@example.org", "ACCEPTED"),
        ("mailto:farid.karimi@example.org", "ACCEPTED"),
    ]
    assert found.owner.file_name == f"guardian-{office.guardian_code}.ics"
    assert found.visits == 3


def test_no_child_name_leaves_the_office_unless_asked(session: Session, office: Office) -> None:
    exports = [
        export_calendar(session, "guardian", office.guardian_code).content,
        export_calendar(session, "mediator", office.mediator_code).content,
        export_calendar(session, "facility", office.facility_code).content,
    ]
    for content in exports:
        text = content.decode("utf-8")
        assert not [name for name in office.child_names if name in text]
        assert "Eritrea" not in text and ";ER" not in text and "identified" not in text
    named = export_calendar(
        session, "guardian", office.guardian_code, reveal_identity=True
    ).content.decode("utf-8")
    assert "Visit AL-2026-00001 Ahmad Rahimi" in named
    assert "Cancelled: Visit AL-2026-00002 Yonas Tesfaye" in named


def test_moved_visit_keeps_its_uid_with_a_higher_sequence(session: Session, office: Office) -> None:
    first = parse_both(export_calendar(session, "guardian", office.guardian_code).content)
    visit = session.get(Visit, office.visit)
    assert visit is not None
    # What the scheduling service does when a visit moves: new times, sequence raised.
    visit.starts_at += timedelta(days=7, hours=2)
    visit.ends_at += timedelta(days=7, hours=2)
    visit.sequence += 1
    session.flush()
    again = parse_both(export_calendar(session, "guardian", office.guardian_code).content)
    uid = _uid(office.visit)
    assert set(again) == set(first)  # the same events: an import updates, never duplicates
    assert again[uid].sequence == first[uid].sequence + 1
    moved = again[uid].starts_at
    assert moved.astimezone(UTC) == BEFORE_SPRING + timedelta(days=7, hours=2)
    assert (moved.day, moved.hour) == (3, 12)  # 3 April, 12:00 summer time (was 09:00 CET)


def test_cancelled_visit_is_exported_as_cancelled(session: Session, office: Office) -> None:
    events = parse_both(export_calendar(session, "guardian", office.guardian_code).content)
    cancelled = events[_uid(office.cancelled)]
    assert cancelled.status == "CANCELLED"
    assert cancelled.sequence == 1
    assert cancelled.summary.startswith("Cancelled: Visit AL-2026-00002")


def test_times_across_the_spring_change_are_right_in_local_time(
    session: Session, office: Office
) -> None:
    content = export_calendar(session, "guardian", office.guardian_code).content
    events = parse_both(content)
    before, after = events[_uid(office.visit)], events[_uid(office.after_spring)]
    assert (before.starts_at.hour, before.starts_at.utcoffset()) == (9, timedelta(hours=1))
    assert (after.starts_at.hour, after.starts_at.utcoffset()) == (10, timedelta(hours=2))
    assert before.starts_at == BEFORE_SPRING and after.starts_at == AFTER_SPRING
    assert b"DTSTART;TZID=Europe/Tirane:20260327T090000\r\n" in content
    assert b"DTSTART;TZID=Europe/Tirane:20260330T100000\r\n" in content
    assert b"BEGIN:VTIMEZONE\r\nTZID:Europe/Tirane\r\n" in content
    assert b"RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3\r\n" in content  # into summer time
    assert b"RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10\r\n" in content  # and back


def test_booking_without_guardian_is_in_the_mediators_calendar(
    session: Session, office: Office
) -> None:
    found = export_calendar(session, "mediator", office.mediator_code, now=NOW)
    events = parse_both(found.content)
    assert set(events) == {_uid(office.visit), _uid(office.booking)}
    booking = events[_uid(office.booking)]
    assert booking.summary == "Asylum interview AL-2026-00002 (Y. T.)"
    assert booking.location == "Ministry of Interior,\nRoom 3; 2nd floor"
    assert "Guardian:" not in booking.description
    organizer = b'ORGANIZER;CN="Farid Karimi":mailto:farid.karimi@example.org\r\n'
    assert organizer in found.content


def test_names_with_markup_and_separators_survive(session: Session, office: Office) -> None:
    found = export_calendar(session, "guardian", office.other_guardian_code)
    (event,) = parse_both(found.content).values()
    assert "Guardian: G-00002 Ana <Maria> O'Brien, Jr.; Esq." in event.description
    assert found.calendar_name == "Guardian Desk: guardian G-00002 Ana <Maria> O'Brien, Jr.; Esq."
    unfolded = found.content.replace(b"\r\n ", b"")
    assert b"X-WR-CALNAME:Guardian Desk: guardian G-00002 Ana <Maria> O'Brien\\, Jr.\\; Esq." in (
        unfolded
    )
    assert b"ORGANIZER" not in found.content  # this guardian has no email
    assert all(len(line) <= 75 for line in physical_lines(found.content))


def test_facility_calendar_and_the_from_date(session: Session, office: Office) -> None:
    events = parse_both(export_calendar(session, "facility", office.facility_code).content)
    assert set(events) == {_uid(office.visit)}
    later = export_calendar(
        session, "guardian", office.guardian_code, starting_from=date(2026, 3, 30)
    )
    assert set(parse_both(later.content)) == {_uid(office.after_spring), _uid(office.cancelled)}


def test_alarm_only_for_planned_visits_still_to_come(session: Session, office: Office) -> None:
    events = parse_both(
        export_calendar(
            session, "guardian", office.guardian_code, alarm_minutes=45, now=NOW
        ).content
    )
    assert events[_uid(office.visit)].alarm_minutes == 45
    assert events[_uid(office.cancelled)].alarm_minutes is None
    late = datetime(2026, 3, 29, tzinfo=UTC)  # after the first visit began
    events = parse_both(
        export_calendar(
            session, "guardian", office.guardian_code, alarm_minutes=45, now=late
        ).content
    )
    assert events[_uid(office.visit)].alarm_minutes is None
    assert events[_uid(office.after_spring)].alarm_minutes == 45
    with pytest.raises(ValidationError, match="alarm"):
        export_calendar(session, "guardian", office.guardian_code, alarm_minutes=-5)


def test_owner_by_id_and_unknown_code(session: Session, office: Office) -> None:
    by_code = export_calendar(session, "guardian", office.guardian_code.lower(), now=NOW)
    by_id = export_calendar(session, "guardian", str(by_code.owner.id), now=NOW)
    assert by_id.content == by_code.content
    with pytest.raises(NotFoundError):
        export_calendar(session, "mediator", "M-99999")


def test_all_calendars_into_a_folder(session: Session, office: Office, tmp_path: Path) -> None:
    steps: list[tuple[int, int]] = []
    tmp_path /= "calendars"  # the test's database is in tmp_path itself
    done = export_all_calendars(
        session, tmp_path, now=NOW, progress=lambda d, t: steps.append((d, t))
    )
    files = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.ics"))
    assert files == sorted(
        [
            f"guardians/{office.guardian_code}.ics",
            f"guardians/{office.other_guardian_code}.ics",
            f"mediators/{office.mediator_code}.ics",
            f"facilities/{office.facility_code}.ics",
        ]
    )
    assert (done.files, done.visits) == (4, 5)
    assert steps[-1] == (4, 4)
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]
    single = export_calendar(session, "mediator", office.mediator_code, now=NOW).content
    assert (tmp_path / f"mediators/{office.mediator_code}.ics").read_bytes() == single


def test_cancelled_folder_export_leaves_the_folder_as_it_was(
    session: Session, office: Office, tmp_path: Path
) -> None:
    tmp_path /= "calendars"
    (tmp_path / "guardians").mkdir(parents=True)
    kept = tmp_path / "guardians" / f"{office.guardian_code}.ics"
    kept.write_bytes(b"an older export")
    asked = []

    def cancel() -> bool:
        asked.append(True)
        return len(asked) > 2

    with pytest.raises(CalendarExportCancelled):
        export_all_calendars(session, tmp_path, cancel=cancel)
    assert kept.read_bytes() == b"an older export"
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*")) == [
        "guardians",
        f"guardians/{kept.name}",
    ]


@pytest.mark.postgres
def test_postgresql_gives_the_same_events(session: Session, office: Office, pg_db: str) -> None:
    # The reader skips the column types' conversion of times and enums: check it there too.
    from guardian_desk.db.engine import make_engine, make_session_factory, session_scope
    from tests.calendars.conftest import make_office

    engine = make_engine(pg_db)
    try:
        with session_scope(make_session_factory(engine), actor="test-officer") as pg:
            pg_office = make_office(pg)
            on_postgres = parse_both(
                export_calendar(pg, "guardian", pg_office.guardian_code, now=NOW).content
            )
    finally:
        engine.dispose()
    on_sqlite = parse_both(
        export_calendar(session, "guardian", office.guardian_code, now=NOW).content
    )
    assert on_postgres == on_sqlite
