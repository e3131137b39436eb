"""Visits as plain data for calendars and agendas: by date range, person, child or facility."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session, aliased

from guardian_desk.db.models import Child, Facility, Guardian, Mediator, Visit, VisitHold
from guardian_desk.domain.enums import VisitPurpose, VisitStatus
from guardian_desk.domain.errors import NotFoundError
from guardian_desk.security.roles import Permission, requires
from guardian_desk.services.settings import get_settings


@dataclass(frozen=True)
class VisitInfo:
    visit_id: int
    version: int  # name it as expected_version when moving, cancelling or recording
    sequence: int  # the calendar SEQUENCE: raised on every change of time, place or status
    child_id: int
    case_number: str
    child_name: str
    guardian_id: int | None
    guardian_name: str  # "" when no guardian comes
    mediator_id: int | None
    mediator_name: str  # "" when no mediator comes
    facility_id: int | None
    facility_name: str  # "" when the meeting is elsewhere
    place: str  # the place written out, when not at a facility
    starts_at: datetime  # office zone
    ends_at: datetime
    starts_at_utc: datetime
    ends_at_utc: datetime
    status: VisitStatus
    purpose: VisitPurpose
    outcome_note: str
    on_hold: bool = False  # planned, but its child is missing (services/missing.py)


def _name(given: str | None, family: str | None) -> str:
    return f"{given or ''} {family or ''}".strip()


def _infos(session: Session, where: ColumnElement[bool]) -> list[VisitInfo]:
    zone = ZoneInfo(get_settings(session).time_zone)
    g, m = aliased(Guardian), aliased(Mediator)
    query = (
        select(
            Visit,
            Child.case_number,
            Child.given_name,
            Child.family_name,
            g.given_name,
            g.family_name,
            m.given_name,
            m.family_name,
            Facility.name,
            select(VisitHold.id)
            .where(VisitHold.visit_id == Visit.id, VisitHold.released_at.is_(None))
            .exists(),
        )
        .join(Child, Child.id == Visit.child_id)
        .outerjoin(g, g.id == Visit.guardian_id)
        .outerjoin(m, m.id == Visit.mediator_id)
        .outerjoin(Facility, Facility.id == Visit.facility_id)
        .where(where)
        .order_by(Visit.starts_at, Visit.id)
    )
    return [
        VisitInfo(
            visit_id=v.id,
            version=v.version,
            sequence=v.sequence,
            child_id=v.child_id,
            case_number=number,
            child_name=_name(c_given, c_family),
            guardian_id=v.guardian_id,
            guardian_name=_name(g_given, g_family),
            mediator_id=v.mediator_id,
            mediator_name=_name(m_given, m_family),
            facility_id=v.facility_id,
            facility_name=facility or "",
            place=v.place,
            starts_at=v.starts_at.astimezone(zone),
            ends_at=v.ends_at.astimezone(zone),
            starts_at_utc=v.starts_at,
            ends_at_utc=v.ends_at,
            status=v.status,
            purpose=v.purpose,
            outcome_note=v.outcome_note,
            on_hold=bool(held) and v.status is VisitStatus.PLANNED,
        )
        for v, number, c_given, c_family, g_given, g_family, m_given, m_family, facility, held in (
            session.execute(query)
        )
    ]


@requires(Permission.READ_RECORDS)
def visit_info(session: Session, visit_id: int) -> VisitInfo:
    found = _infos(session, Visit.id == visit_id)
    if not found:
        raise NotFoundError("visit", visit_id)
    return found[0]


@requires(Permission.READ_RECORDS)
def visits_between(
    session: Session,
    first: date,
    last: date,
    *,
    child_id: int | None = None,
    guardian_id: int | None = None,
    mediator_id: int | None = None,
    facility_id: int | None = None,
    include_cancelled: bool = False,
) -> list[VisitInfo]:
    """Visits starting on the office's local dates ``first`` to ``last``, in start order."""
    zone = ZoneInfo(get_settings(session).time_zone)
    since = datetime.combine(first, time(), tzinfo=zone).astimezone(UTC)
    until = datetime.combine(last + timedelta(days=1), time(), tzinfo=zone).astimezone(UTC)
    where = (Visit.starts_at >= since) & (Visit.starts_at < until)
    for column, value in (
        (Visit.child_id, child_id),
        (Visit.guardian_id, guardian_id),
        (Visit.mediator_id, mediator_id),
        (Visit.facility_id, facility_id),
    ):
        if value is not None:
            where = where & (column == value)
    if not include_cancelled:
        where = where & (Visit.status != VisitStatus.CANCELLED)
    return _infos(session, where)


@dataclass(frozen=True)
class WardLine:
    """A child under a guardian's guardianship, as the week view lists them."""

    child_id: int
    case_number: str
    name: str  # kept for initials; the week view never shows it in full


@requires(Permission.READ_RECORDS)
def guardian_wards(session: Session, guardian_id: int, today: date) -> tuple[WardLine, ...]:
    """The children a guardian is appointed for today or within the coming year, by case
    number: one query, whatever their number (a round trip each cost seconds over a
    network; issue 16)."""
    from guardian_desk.db.models import Assignment
    from guardian_desk.domain.enums import AssignmentRole

    rows = session.execute(
        select(Child.id, Child.case_number, Child.given_name, Child.family_name)
        .join(Assignment, Assignment.child_id == Child.id)
        .where(
            Assignment.guardian_id == guardian_id,
            Assignment.role == AssignmentRole.GUARDIAN,
            Assignment.starts_on <= today + timedelta(days=366),
            (Assignment.ends_on.is_(None)) | (Assignment.ends_on >= today),
        )
        .distinct()
        .order_by(Child.case_number)
    ).all()
    return tuple(
        WardLine(cid, case, f"{given} {family}".strip()) for cid, case, given, family in rows
    )
