"""Read the matching pool from the database in a few set-based queries (no ORM objects kept)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from datetime import date
from typing import Any, TypeVar

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from guardian_desk.db.models import (
    Assignment,
    AvailabilitySlot,
    Child,
    ChildLanguage,
    ChildSibling,
    Facility,
    FacilityHours,
    Guardian,
    GuardianLanguage,
    Mediator,
    MediatorLanguage,
)
from guardian_desk.domain.enums import AssignmentRole, ChildStatus, Proficiency
from guardian_desk.domain.records import WeeklyWindow
from guardian_desk.matching.pool import (
    MatchingPool,
    MatchSettings,
    PoolChild,
    PoolFacility,
    PoolPerson,
)
from guardian_desk.security.roles import Permission, requires
from guardian_desk.services.settings import get_settings

WAITING = frozenset({ChildStatus.IDENTIFIED, ChildStatus.AWAITING_GUARDIAN})


@requires(Permission.READ_RECORDS)
def load_pool(
    session: Session, *, today: date | None = None, child_ids: Collection[int] | None = None
) -> MatchingPool:
    """Everyone matching needs. ``child_ids``: only these children (and their siblings)."""
    row = get_settings(session)
    settings = MatchSettings(
        caseload_cap=row.caseload_cap,
        gender_preference_hard=row.gender_preference_hard,
        visit_minutes=row.visit_minutes,
        weights=dict(row.matching_weights or {}),
    )
    return MatchingPool(
        children=pool_children(session, child_ids),
        guardians=_people(session, Guardian, GuardianLanguage, AssignmentRole.GUARDIAN),
        mediators=_people(session, Mediator, MediatorLanguage, AssignmentRole.MEDIATOR),
        facilities=_facilities(session),
        settings=settings,
        today=today,
    )


_Query = TypeVar("_Query", bound=Select[*tuple[Any, ...]])


def _only(query: _Query, column: Any, ids: Collection[int] | None) -> _Query:
    return query if ids is None else query.where(column.in_(list(ids)))


def pool_children(session: Session, wanted: Collection[int] | None) -> list[PoolChild]:
    pairs = session.execute(
        select(ChildSibling.child_id, ChildSibling.sibling_id).where(
            or_(ChildSibling.child_id.in_(list(wanted)), ChildSibling.sibling_id.in_(list(wanted)))
        )
        if wanted is not None
        else select(ChildSibling.child_id, ChildSibling.sibling_id)
    ).all()
    siblings: dict[int, list[int]] = defaultdict(list)
    for low, high in pairs:
        siblings[low].append(high)
        siblings[high].append(low)
    ids = None if wanted is None else set(wanted) | {i for pair in pairs for i in pair}
    languages: dict[int, dict[str, Proficiency]] = defaultdict(dict)
    for cid, code, level in session.execute(
        _only(
            select(ChildLanguage.child_id, ChildLanguage.code, ChildLanguage.proficiency),
            ChildLanguage.child_id,
            ids,
        )
    ):
        languages[cid][code] = level
    guardian: dict[int, int] = {}
    active: dict[int, set[int]] = defaultdict(set)
    known: dict[int, set[int]] = defaultdict(set)
    for cid, role, gid, mid, ends_on in session.execute(
        _only(
            select(
                Assignment.child_id,
                Assignment.role,
                Assignment.guardian_id,
                Assignment.mediator_id,
                Assignment.ends_on,
            ),
            Assignment.child_id,
            ids,
        )
    ):
        if role == AssignmentRole.GUARDIAN and ends_on is None and gid is not None:
            guardian[cid] = gid
        elif role == AssignmentRole.MEDIATOR and mid is not None:
            known[cid].add(mid)
            if ends_on is None:
                active[cid].add(mid)
    query = select(
        Child.id,
        Child.case_number,
        Child.given_name,
        Child.family_name,
        Child.guardian_gender_preference,
        Child.mediator_gender_preference,
        Child.facility_id,
        Child.status,
    )
    return [
        PoolChild(
            id=cid,
            case_number=number,
            name=f"{given} {family}".strip(),
            languages=languages.get(cid, {}),
            guardian_preference=guardian_pref,
            mediator_preference=mediator_pref,
            facility_id=facility_id,
            sibling_ids=tuple(sorted(siblings.get(cid, ()))),
            guardian_id=guardian.get(cid),
            mediator_ids=frozenset(active.get(cid, ())),
            known_mediator_ids=frozenset(known.get(cid, ())),
            waiting=status in WAITING,
        )
        for cid, number, given, family, guardian_pref, mediator_pref, facility_id, status in (
            session.execute(_only(query, Child.id, ids))
        )
    ]


def _people(
    session: Session,
    model: type[Guardian] | type[Mediator],
    language_model: type[GuardianLanguage] | type[MediatorLanguage],
    role: AssignmentRole,
) -> list[PoolPerson]:
    is_guardian = role is AssignmentRole.GUARDIAN
    owner = language_model.guardian_id if is_guardian else language_model.mediator_id  # type: ignore[union-attr]
    languages: dict[int, dict[str, Proficiency]] = defaultdict(dict)
    for pid, code, level in session.execute(
        select(owner, language_model.code, language_model.proficiency)
    ):
        languages[pid][code] = level
    slot_owner = AvailabilitySlot.guardian_id if is_guardian else AvailabilitySlot.mediator_id
    slots: dict[int, list[WeeklyWindow]] = defaultdict(list)
    for owner_id, day, start, end in session.execute(
        select(
            slot_owner,
            AvailabilitySlot.weekday,
            AvailabilitySlot.start_minute,
            AvailabilitySlot.end_minute,
        ).where(slot_owner.is_not(None))
    ):
        if owner_id is not None:
            slots[owner_id].append(WeeklyWindow(day, start, end))
    person = Assignment.guardian_id if is_guardian else Assignment.mediator_id
    caseload = dict(
        session.execute(
            select(person, func.count())
            .where(Assignment.role == role, Assignment.ends_on.is_(None))
            .group_by(person)
        ).all()
    )
    rows = session.execute(
        select(
            model.id,
            model.code,
            model.given_name,
            model.family_name,
            model.sex,
            model.active,
            model.suspended_reason,
            model.vetting_expires_on,
            model.max_caseload,
            model.latitude,
            model.longitude,
        )
    )
    return [
        PoolPerson(
            id=r.id,
            code=r.code,
            name=f"{r.given_name} {r.family_name}".strip(),
            sex=r.sex.value,
            languages=languages.get(r.id, {}),
            slots=tuple(slots.get(r.id, ())),
            active=r.active,
            suspended_reason=r.suspended_reason,
            vetting_expires_on=r.vetting_expires_on,
            max_caseload=r.max_caseload,
            caseload=caseload.get(r.id, 0),
            latitude=r.latitude,
            longitude=r.longitude,
        )
        for r in rows
    ]


def _facilities(session: Session) -> list[PoolFacility]:
    hours: dict[int, list[WeeklyWindow]] = defaultdict(list)
    for fid, day, start, end in session.execute(
        select(
            FacilityHours.facility_id,
            FacilityHours.weekday,
            FacilityHours.start_minute,
            FacilityHours.end_minute,
        )
    ):
        hours[fid].append(WeeklyWindow(day, start, end))
    return [
        PoolFacility(fid, code, name, tuple(hours.get(fid, ())), lat, lon)
        for fid, code, name, lat, lon in session.execute(
            select(Facility.id, Facility.code, Facility.name, Facility.latitude, Facility.longitude)
        )
    ]
