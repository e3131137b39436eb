"""Fill a ``Schedule`` from the database in a few set-based queries (no query per visit)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, TypeVar

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session

from guardian_desk.db.models import (
    Absence,
    Assignment,
    AvailabilitySlot,
    Child,
    Facility,
    FacilityHours,
    Guardian,
    Mediator,
    OfficeSettings,
    Visit,
)
from guardian_desk.domain.enums import AssignmentRole, VisitStatus
from guardian_desk.domain.records import AbsencePeriod, WeeklyWindow
from guardian_desk.scheduling.availability import Schedule
from guardian_desk.scheduling.clock import to_minute
from guardian_desk.scheduling.model import (
    Booking,
    ChildInfo,
    Person,
    Place,
    Rules,
    place_key,
    weekly,
)
from guardian_desk.security.roles import Permission, requires
from guardian_desk.services.settings import get_settings

Ids = Collection[int] | None
_Query = TypeVar("_Query", bound=Select[*tuple[Any, ...]])


def rules_of(row: OfficeSettings) -> Rules:
    return Rules(
        time_zone=row.time_zone,
        country=row.country,
        visit_minutes=row.visit_minutes,
        visit_interval_days=row.visit_interval_days,
        first_visit_days=row.first_visit_days,
        travel_buffer_minutes=row.travel_buffer_minutes,
        gender_preference_hard=row.gender_preference_hard,
        caseload_cap=row.caseload_cap,
    )


def _only(query: _Query, column: Any, ids: Ids) -> _Query:
    return query if ids is None else query.where(column.in_(list(ids)))


@requires(Permission.READ_RECORDS)
def load_schedule(
    session: Session,
    first: date,
    last: date,
    *,
    children: Ids = None,
    guardians: Ids = None,
    mediators: Ids = None,
    facilities: Ids = None,
) -> Schedule:
    """Everyone's time and every booking from ``first`` to ``last`` (local dates).

    Each id list, when given, limits the load to those records (a single booking needs
    only its attendees); bookings are then those of the listed children and people.
    """
    rules = rules_of(get_settings(session))
    return Schedule(
        rules=rules,
        guardians=_people(session, "guardian", guardians, first, last),
        mediators=_people(session, "mediator", mediators, first, last),
        facilities=_facilities(session, facilities),
        children=_children(session, children),
        bookings=_bookings(session, rules, first, last, children, guardians, mediators),
    )


def _people(session: Session, role: str, ids: Ids, first: date, last: date) -> list[Person]:
    model = Guardian if role == "guardian" else Mediator
    slot_owner = (
        AvailabilitySlot.guardian_id if role == "guardian" else AvailabilitySlot.mediator_id
    )
    absence_owner = Absence.guardian_id if role == "guardian" else Absence.mediator_id
    windows: dict[int, list[WeeklyWindow]] = defaultdict(list)
    query = select(
        slot_owner,
        AvailabilitySlot.weekday,
        AvailabilitySlot.start_minute,
        AvailabilitySlot.end_minute,
    ).where(slot_owner.is_not(None))
    for owner, day, start, end in session.execute(_only(query, slot_owner, ids)):
        if owner is not None:
            windows[owner].append(WeeklyWindow(day, start, end))
    absences: dict[int, list[AbsencePeriod]] = defaultdict(list)
    query2 = select(absence_owner, Absence.starts_on, Absence.ends_on, Absence.reason).where(
        absence_owner.is_not(None),
        Absence.ends_on >= first - timedelta(days=1),
        Absence.starts_on <= last + timedelta(days=1),
    )
    for owner, starts, ends, reason in session.execute(_only(query2, absence_owner, ids)):
        if owner is not None:
            absences[owner].append(AbsencePeriod(starts, ends, reason))
    rows = session.execute(
        _only(
            select(
                model.id,
                model.code,
                model.given_name,
                model.family_name,
                model.sex,
                model.active,
                model.suspended_reason,
                model.vetting_expires_on,
            ),
            model.id,
            ids,
        )
    )
    return [
        Person(
            role=role,
            id=r.id,
            code=r.code,
            name=f"{r.given_name} {r.family_name}".strip(),
            windows=weekly(windows.get(r.id, [])),
            absences=tuple(sorted(absences.get(r.id, []), key=lambda a: a.starts_on)),
            active=r.active,
            suspended_reason=r.suspended_reason,
            sex=r.sex.value,
            vetting_expires_on=r.vetting_expires_on,
        )
        for r in rows
    ]


def _facilities(session: Session, ids: Ids) -> list[Place]:
    hours: dict[int, list[WeeklyWindow]] = defaultdict(list)
    query = select(
        FacilityHours.facility_id,
        FacilityHours.weekday,
        FacilityHours.start_minute,
        FacilityHours.end_minute,
    )
    for fid, day, start, end in session.execute(_only(query, FacilityHours.facility_id, ids)):
        hours[fid].append(WeeklyWindow(day, start, end))
    query2 = select(Facility.id, Facility.code, Facility.name, Facility.active)
    return [
        Place(fid, code, name, weekly(hours.get(fid, [])), active)
        for fid, code, name, active in session.execute(_only(query2, Facility.id, ids))
    ]


def _children(session: Session, ids: Ids) -> list[ChildInfo]:
    mediators: dict[int, list[int]] = defaultdict(list)
    query = (
        select(Assignment.child_id, Assignment.mediator_id)
        .where(Assignment.role == AssignmentRole.MEDIATOR, Assignment.ends_on.is_(None))
        .order_by(Assignment.starts_on, Assignment.id)
    )
    for cid, mid in session.execute(_only(query, Assignment.child_id, ids)):
        if mid is not None:
            mediators[cid].append(mid)
    query2 = select(Child.id, Child.case_number, Child.facility_id, Child.status)
    return [
        ChildInfo(cid, number, fid, tuple(mediators.get(cid, ())), status.value)
        for cid, number, fid, status in session.execute(_only(query2, Child.id, ids))
    ]


def _bookings(
    session: Session,
    rules: Rules,
    first: date,
    last: date,
    children: Ids,
    guardians: Ids,
    mediators: Ids,
) -> list[Booking]:
    # A day either side is more than any zone's offset: bookings near midnight are kept.
    margin = timedelta(days=1, minutes=rules.travel_buffer_minutes)
    since = datetime.combine(first, time(), tzinfo=UTC) - margin
    until = datetime.combine(last + timedelta(days=1), time(), tzinfo=UTC) + margin
    query = (
        select(
            Visit.id,
            Visit.starts_at,
            Visit.ends_at,
            Visit.child_id,
            Child.case_number,
            Visit.guardian_id,
            Visit.mediator_id,
            Visit.purpose,
            Visit.facility_id,
            Visit.place,
        )
        .join(Child, Child.id == Visit.child_id)
        .where(
            Visit.status != VisitStatus.CANCELLED,
            Visit.starts_at < until,
            Visit.ends_at > since,
        )
    )
    filters = [
        column.in_(list(ids))
        for column, ids in (
            (Visit.child_id, children),
            (Visit.guardian_id, guardians),
            (Visit.mediator_id, mediators),
        )
        if ids is not None
    ]
    if filters:
        query = query.where(or_(*filters))
    return [
        Booking(
            start=to_minute(starts),
            end=to_minute(ends),
            child_id=cid,
            case_number=number,
            guardian_id=gid,
            mediator_id=mid,
            purpose=purpose,
            where=place_key(fid, place),
            visit_id=vid,
        )
        for vid, starts, ends, cid, number, gid, mid, purpose, fid, place in session.execute(query)
    ]
