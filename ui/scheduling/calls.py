"""Core calls the scheduling windows make on the worker: each returns plain data."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy.orm import Session

from guardian_desk.calendars import CalendarOwnerRef, list_owners
from guardian_desk.domain.errors import NotFoundError, ValidationError
from guardian_desk.i18n import _
from guardian_desk.scheduling import VisitInfo, visits_between
from guardian_desk.scheduling.agenda import guardian_wards
from guardian_desk.services.children import find_by_case_number
from guardian_desk.services.settings import get_settings


@dataclass(frozen=True)
class ChildRef:
    """A child as the scheduling windows show them: case number and initials, no name."""

    child_id: int
    case_number: str
    name: str  # kept for initials; never shown in full


@dataclass(frozen=True)
class Week:
    monday: date
    zone: str  # the office's time zone: the week is drawn on its wall clock
    visits: tuple[VisitInfo, ...]  # cancelled ones too
    children: tuple[ChildRef, ...]  # a guardian's children under their guardianship now


def office_zone(session: Session) -> str:
    return get_settings(session).time_zone


def owners(session: Session) -> list[CalendarOwnerRef]:
    return list_owners(session)


def guardian_children(session: Session, guardian_id: int, today: date) -> tuple[ChildRef, ...]:
    return tuple(
        ChildRef(w.child_id, w.case_number, w.name)
        for w in guardian_wards(session, guardian_id, today)
    )


def week(session: Session, kind: str, owner_id: int, monday: date, today: date) -> Week:
    who = {f"{kind}_id": owner_id}
    visits = visits_between(
        session,
        monday,
        monday + timedelta(days=6),
        include_cancelled=True,
        **who,
    )
    children = guardian_children(session, owner_id, today) if kind == "guardian" else ()
    return Week(monday, office_zone(session), tuple(visits), children)


def child_by_case(session: Session, case_number: str) -> ChildRef:
    """The child of a case number, or the field's message when there is none."""
    if not case_number.strip():
        raise ValidationError("case_number", "", _("is required"))
    try:
        child = find_by_case_number(session, case_number)
    except NotFoundError:
        raise ValidationError(
            "case_number", case_number.strip(), _("is not a case number on record")
        ) from None
    return ChildRef(child.id, child.case_number, child.full_name)
