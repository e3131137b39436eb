"""A small office built through the services, for scheduling tests."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from guardian_desk.db.models import Child, Facility, Guardian, Mediator, Visit
from guardian_desk.domain.enums import Proficiency, Sex, VisitPurpose, VisitStatus
from guardian_desk.domain.records import AbsencePeriod, LanguageSkill, WeeklyWindow
from guardian_desk.services import assignments, availability, children, facilities, staff
from guardian_desk.services.settings import get_settings
from tests.core import factories


def every_day(start: int, end: int, days: range = range(1, 8)) -> list[WeeklyWindow]:
    return [WeeklyWindow(day, start, end) for day in days]


WEEKDAYS = range(1, 6)
MORNINGS = every_day(9 * 60, 13 * 60, WEEKDAYS)  # Mon-Fri 09:00-13:00


class Office:
    def __init__(
        self,
        session: Session,
        *,
        zone: str = "Europe/Tirane",
        country: str = "AL",
        buffer: int = 30,
        minutes: int = 60,
    ) -> None:
        self.session = session
        row = get_settings(session)
        row.time_zone, row.country = zone, country
        row.travel_buffer_minutes, row.visit_minutes = buffer, minutes
        session.flush()
        self.zone = ZoneInfo(zone)

    def at(self, year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
        """A wall-clock time of the office."""
        return datetime(year, month, day, hour, minute, tzinfo=self.zone)

    def facility(self, hours: list[WeeklyWindow] | None = None, **overrides: Any) -> Facility:
        data = factories.facility(hours=MORNINGS if hours is None else hours, **overrides)
        return facilities.create_facility(self.session, data)

    def _person(
        self,
        kind: str,
        slots: list[WeeklyWindow] | None,
        absences: list[AbsencePeriod] | None,
        values: dict[str, Any],
    ) -> Any:
        row = staff.create_staff(self.session, kind, factories.guardian(**values))  # type: ignore[arg-type]
        availability.set_availability(
            self.session,
            kind,  # type: ignore[arg-type]
            row.id,
            MORNINGS if slots is None else slots,
            absences or [],
            None,
        )
        return row

    def guardian(
        self,
        slots: list[WeeklyWindow] | None = None,
        absences: list[AbsencePeriod] | None = None,
        **overrides: Any,
    ) -> Guardian:
        return self._person("guardian", slots, absences, overrides)

    def mediator(
        self,
        slots: list[WeeklyWindow] | None = None,
        absences: list[AbsencePeriod] | None = None,
        **overrides: Any,
    ) -> Mediator:
        values: dict[str, Any] = dict(
            given_name="Farid",
            family_name="Noori",
            sex=Sex.MALE,
            languages=[
                LanguageSkill("prs", Proficiency.NATIVE),
                LanguageSkill("sqi", Proficiency.FLUENT),
            ],
        )
        values.update(overrides)
        return self._person("mediator", slots, absences, values)

    def child(
        self, facility: Facility | None, identified_on: date = date(2026, 1, 5), **overrides: Any
    ) -> Child:
        code = facility.code if facility is not None else None
        data = factories.child(facility_code=code, identified_on=identified_on, **overrides)
        return children.create_child(self.session, data)

    def appoint(self, child: Child, guardian: Guardian, on: date) -> None:
        assignments.assign_guardian(self.session, child.id, guardian.id, starts_on=on)

    def mediate(self, child: Child, mediator: Mediator, on: date) -> None:
        assignments.assign_mediator(self.session, child.id, mediator.id, starts_on=on)

    def stored_visit(
        self,
        child: Child,
        starts_at: datetime,
        minutes: int = 60,
        *,
        guardian: Guardian | None = None,
        mediator: Mediator | None = None,
        facility: Facility | None = None,
        place: str = "",
        status: VisitStatus = VisitStatus.PLANNED,
        purpose: VisitPurpose = VisitPurpose.VISIT,
    ) -> Visit:
        """A visit written straight to the table (history, or someone else's booking)."""
        visit = Visit(
            child_id=child.id,
            guardian_id=guardian.id if guardian else None,
            mediator_id=mediator.id if mediator else None,
            facility_id=facility.id if facility else None,
            place=place,
            starts_at=starts_at,
            ends_at=starts_at + timedelta(minutes=minutes),
            status=status,
            purpose=purpose,
        )
        self.session.add(visit)
        self.session.flush()
        return visit
