"""A small office built through the services, for matching tests."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from guardian_desk.db.models import Child, Facility, Guardian, Mediator
from guardian_desk.domain.enums import Proficiency, Sex
from guardian_desk.domain.records import LanguageSkill, WeeklyWindow
from guardian_desk.matching import Suggestion, suggest_for_child
from guardian_desk.services import assignments, availability, children, facilities, staff
from tests.core import factories

TODAY = date(2026, 10, 5)  # a Monday
MONDAY_MORNING = [WeeklyWindow(1, 600, 720)]  # the factory facility admits visitors then


def speaks(*pairs: tuple[str, Proficiency]) -> list[LanguageSkill]:
    return [LanguageSkill(code, level) for code, level in pairs]


NATIVE, FLUENT, WORKING, BASIC = (
    Proficiency.NATIVE,
    Proficiency.FLUENT,
    Proficiency.WORKING,
    Proficiency.BASIC,
)


class Office:
    def __init__(self, session: Session) -> None:
        self.session = session

    def facility(self, **overrides: Any) -> Facility:
        return facilities.create_facility(self.session, factories.facility(**overrides))

    def guardian(self, slots: list[WeeklyWindow] | None = None, **overrides: Any) -> Guardian:
        row = staff.create_staff(self.session, "guardian", factories.guardian(**overrides))
        windows = MONDAY_MORNING if slots is None else slots
        availability.set_availability(self.session, "guardian", row.id, windows, [], None)
        return row  # type: ignore[return-value]

    def mediator(self, slots: list[WeeklyWindow] | None = None, **overrides: Any) -> Mediator:
        values: dict[str, Any] = dict(
            given_name="Farid",
            family_name="Noori",
            sex=Sex.MALE,
            languages=speaks(("prs", NATIVE), ("sqi", FLUENT)),
        )
        values.update(overrides)
        row = staff.create_staff(self.session, "mediator", factories.guardian(**values))
        windows = MONDAY_MORNING if slots is None else slots
        availability.set_availability(self.session, "mediator", row.id, windows, [], None)
        return row  # type: ignore[return-value]

    def child(self, facility: Facility | None, **overrides: Any) -> Child:
        code = facility.code if facility is not None else None
        return children.create_child(self.session, factories.child(facility_code=code, **overrides))

    def appoint(self, child: Child, guardian: Guardian) -> None:
        assignments.assign_guardian(self.session, child.id, guardian.id, starts_on=TODAY)

    def suggest(self, child: Child, **options: Any) -> Suggestion:
        return suggest_for_child(
            self.session, child.id, today=TODAY, excluded_limit=None, **options
        )

    def reasons(self, child: Child, guardian: Guardian) -> tuple[str, ...]:
        found = self.suggest(child)
        for exclusion in found.excluded:
            if exclusion.guardian_id == guardian.id:
                return exclusion.reasons
        assert any(p.guardian_id == guardian.id for p in found.proposals), "neither shown"
        return ()
