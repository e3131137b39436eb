"""Calendars while a child is missing: the held visits are TENTATIVE, "On hold: ...", with no
reminder; after the return they are CONFIRMED again with a higher SEQUENCE."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy.orm import Session

from guardian_desk.calendars import CalendarOptions, calendar_ics
from guardian_desk.calendars.reading import calendar_visits
from guardian_desk.scheduling import visit_info
from guardian_desk.services.missing import record_return, report_missing
from guardian_desk.services.settings import get_settings
from guardian_desk.services.visits import create_visit
from tests.calendars.helpers import parse_both
from tests.scheduling.office import Office


def _export(session: Session) -> dict[str, object]:
    options = CalendarOptions(
        office_uid=get_settings(session).office_uid,
        time_zone="Europe/Tirane",
        alarm_minutes=30,
        now=datetime(2026, 3, 10, 9, tzinfo=UTC),
    )
    return parse_both(calendar_ics(calendar_visits(session), options, name="All"))  # type: ignore[return-value]


def test_held_visits_are_tentative_until_the_return(session: Session) -> None:
    office = Office(session)
    place, guardian = office.facility(), office.guardian()
    child = office.child(place, given_name="Omid", family_name="Rahimi")
    office.appoint(child, guardian, date(2026, 3, 2))
    visit = create_visit(session, child.id, starts_at=office.at(2026, 3, 12, 10))
    (before,) = _export(session).values()
    assert (before.status, before.sequence, before.alarm_minutes) == ("CONFIRMED", 0, 30)  # type: ignore[attr-defined]

    episode = report_missing(
        session, child.id, missing_since=office.at(2026, 3, 9, 21),
        now=datetime(2026, 3, 10, 8, tzinfo=UTC),
    )  # fmt: skip
    (held,) = _export(session).values()
    assert held.status == "TENTATIVE" and held.sequence == 1  # type: ignore[attr-defined]
    assert held.summary.startswith("On hold: Visit ")  # type: ignore[attr-defined]
    assert "Status: on hold, the child is missing" in held.description  # type: ignore[attr-defined]
    assert held.alarm_minutes is None  # type: ignore[attr-defined]
    assert visit_info(session, visit.id).on_hold

    record_return(
        session, episode.id, episode.version, returned_at=office.at(2026, 3, 10, 10),
        now=datetime(2026, 3, 10, 9, 30, tzinfo=UTC),
    )  # fmt: skip
    (after,) = _export(session).values()
    assert (after.status, after.sequence) == ("CONFIRMED", 2)  # type: ignore[attr-defined]
    assert not visit_info(session, visit.id).on_hold
