"""Find free slots for one meeting: the child's guardian visit, or a booking with others."""

from __future__ import annotations

import enum
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from guardian_desk.db.models import Assignment, Child
from guardian_desk.domain.enums import AssignmentRole
from guardian_desk.domain.errors import NotFoundError, RuleViolation, ValidationError
from guardian_desk.i18n import _
from guardian_desk.scheduling.clock import to_minute, to_utc
from guardian_desk.scheduling.loading import load_schedule
from guardian_desk.scheduling.model import Attendees
from guardian_desk.scheduling.reasons import why_nothing_fits
from guardian_desk.scheduling.results import Slot, SlotSearch
from guardian_desk.security.roles import Permission, requires
from guardian_desk.services.settings import get_settings


class Assigned(enum.Enum):
    """Stands for "whoever is on record": the child's active guardian, the child's first
    active mediator (None when the child has none), the child's facility."""

    ASSIGNED = "assigned"


ASSIGNED = Assigned.ASSIGNED


@requires(Permission.READ_RECORDS)
def resolve_attendees(
    session: Session,
    child_id: int,
    guardian_id: int | Assigned | None = ASSIGNED,
    mediator_id: int | Assigned | None = ASSIGNED,
    facility_id: int | Assigned | None = ASSIGNED,
    place: str = "",
    *,
    someone: bool = True,
) -> Attendees:
    """Who meets where, the defaults taken from the child's record. A written ``place``
    means the meeting is there, not at the child's facility, unless a facility is named.
    ``someone``: refuse when neither a guardian nor a mediator comes."""
    child = session.get(Child, child_id)
    if child is None:
        raise NotFoundError("child", child_id)
    roles = session.execute(
        select(Assignment.role, Assignment.guardian_id, Assignment.mediator_id)
        .where(Assignment.child_id == child_id, Assignment.ends_on.is_(None))
        .order_by(Assignment.starts_on, Assignment.id)
    ).all()
    if guardian_id is ASSIGNED:
        guardians = [g for role, g, _m in roles if role is AssignmentRole.GUARDIAN]
        guardian_id = guardians[0] if guardians else None
    if mediator_id is ASSIGNED:
        mediators = [m for role, _g, m in roles if role is AssignmentRole.MEDIATOR]
        mediator_id = mediators[0] if mediators else None
    if facility_id is ASSIGNED:
        facility_id = None if place.strip() else child.facility_id
    if someone and guardian_id is None and mediator_id is None:
        raise RuleViolation(
            _("{case_number} has no guardian on record: say who comes to the meeting").format(
                case_number=child.case_number
            )
        )
    return Attendees(child.id, guardian_id, mediator_id, facility_id, place.strip())


@requires(Permission.READ_RECORDS)
def find_slots(
    session: Session,
    child_id: int,
    *,
    start: date,
    days: int = 28,
    guardian_id: int | Assigned | None = ASSIGNED,
    mediator_id: int | Assigned | None = ASSIGNED,
    facility_id: int | Assigned | None = ASSIGNED,
    place: str = "",
    minutes: int | None = None,
    limit: int = 10,
    not_before: datetime | None = None,
    ignore_visit_id: int | None = None,
) -> SlotSearch:
    """The earliest free stretches from ``start`` for ``days`` days in which the facility
    admits visitors and everyone coming is free, on the quarter hour, one per stretch.

    ``minutes``: the meeting's length (default: the office's visit length). ``not_before``:
    nothing earlier (e.g. now). ``ignore_visit_id``: a visit being moved does not block
    itself. When nothing fits, ``reason`` says why, naming the people and the dates.
    """
    if not 1 <= days <= 366:
        raise ValidationError("days", days, _between(1, 366))
    if limit < 1:
        raise ValidationError("limit", limit, _("must be at least {minimum}").format(minimum=1))
    length = get_settings(session).visit_minutes if minutes is None else minutes
    if not 15 <= length <= 480:
        raise ValidationError("minutes", length, _between(15, 480))
    attendees = resolve_attendees(session, child_id, guardian_id, mediator_id, facility_id, place)
    last = start + timedelta(days=days - 1)
    schedule = load_schedule(
        session,
        start,
        last,
        children=[attendees.child_id],
        guardians=[attendees.guardian_id] if attendees.guardian_id is not None else [],
        mediators=[attendees.mediator_id] if attendees.mediator_id is not None else [],
        facilities=[attendees.facility_id] if attendees.facility_id is not None else [],
    )
    for kind, key, known in (
        ("guardian", attendees.guardian_id, schedule.guardians),
        ("mediator", attendees.mediator_id, schedule.mediators),
        ("facility", attendees.facility_id, schedule.facilities),
    ):
        if key is not None and key not in known:
            raise NotFoundError(kind, key)
    floor = to_minute(not_before) if not_before is not None else None
    found = schedule.slots(
        attendees, start, last, length, limit=limit, not_before=floor, ignore=ignore_visit_id
    )
    clock = schedule.clock
    slots = tuple(
        Slot(
            starts_at=clock.local(begin),
            ends_at=clock.local(begin + length),
            starts_at_utc=to_utc(begin),
            ends_at_utc=to_utc(begin + length),
            free_until=clock.local(until),
        )
        for begin, until in found
    )
    reason = (
        "" if slots else why_nothing_fits(schedule, attendees, start, last, length, ignore_visit_id)
    )
    return SlotSearch(slots, reason, start, last, length)


def _between(minimum: int, maximum: int) -> str:
    return _("must be between {minimum} and {maximum}").format(minimum=minimum, maximum=maximum)
