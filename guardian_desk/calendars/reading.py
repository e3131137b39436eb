"""Reading what calendars show: a few set-based queries, never one per visit.

``calendar_visits`` reads the visits with one query, and the children, guardians, mediators
and facilities they name with one query each. The column types' own per-row conversion is
skipped for the three times and two enums of each visit (``_utc``), and the visits are read
through the session's connection, past the ORM's row layer: at 200,000 visits each of those
costs more than SQLite's own work.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Select, String, select, type_coerce
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from guardian_desk.calendars.records import (
    OWNERS,
    CalendarOwner,
    CalendarOwnerRef,
    CalendarPerson,
    CalendarPlace,
    CalendarVisit,
    initials,
)
from guardian_desk.db.models import Child, Facility, Guardian, Mediator, Visit, VisitHold
from guardian_desk.domain.enums import VisitPurpose, VisitStatus
from guardian_desk.domain.errors import NotFoundError
from guardian_desk.security.roles import Permission, requires
from guardian_desk.services.settings import get_settings

_MODELS: dict[CalendarOwner, Any] = {
    "guardian": Guardian,
    "mediator": Mediator,
    "facility": Facility,
}
_VISIT_COLUMNS: dict[CalendarOwner, Any] = {
    "guardian": Visit.guardian_id,
    "mediator": Visit.mediator_id,
    "facility": Visit.facility_id,
}
_STATUSES = {status.value: status for status in VisitStatus}
_PURPOSES = {purpose.value: purpose for purpose in VisitPurpose}


def _name_of(owner: CalendarOwner, row: Any) -> str:
    if owner == "facility":
        return str(row.name)
    return f"{row.given_name} {row.family_name}".strip()


@requires(Permission.READ_RECORDS)
def find_owner(session: Session, owner: CalendarOwner, code_or_id: str | int) -> CalendarOwnerRef:
    """A guardian, mediator or facility by code (``G-00001``), else by database id."""
    model = _MODELS[owner]
    text = str(code_or_id).strip()
    row = session.scalar(select(model).where(model.code == text.upper()))
    if row is None and text.isdigit():
        row = session.get(model, int(text))
    if row is None:
        raise NotFoundError(owner, code_or_id)
    return CalendarOwnerRef(owner, row.id, row.code, _name_of(owner, row))


@requires(Permission.READ_RECORDS)
def list_owners(session: Session) -> list[CalendarOwnerRef]:
    """Every guardian, mediator and facility, each kind by code."""
    refs = []
    for owner in OWNERS:
        model = _MODELS[owner]
        names = (model.name,) if owner == "facility" else (model.given_name, model.family_name)
        for row in session.execute(select(model.id, model.code, *names).order_by(model.code)):
            refs.append(CalendarOwnerRef(owner, row.id, row.code, _name_of(owner, row)))
    return refs


def _people(session: Session, model: Any, ids: Select[Any] | None) -> dict[int, CalendarPerson]:
    statement = select(model.id, model.code, model.given_name, model.family_name, model.email)
    if ids is not None:
        statement = statement.where(model.id.in_(ids))
    return {
        pid: CalendarPerson(code, f"{given} {family}".strip(), email or "")
        for pid, code, given, family, email in session.execute(statement)
    }


def _places(session: Session, ids: Select[Any] | None) -> dict[int, CalendarPlace]:
    statement = select(
        Facility.id, Facility.code, Facility.name, Facility.address, Facility.municipality
    )
    if ids is not None:
        statement = statement.where(Facility.id.in_(ids))
    return {
        fid: CalendarPlace(code, name, address or "", municipality or "")
        for fid, code, name, address, municipality in session.execute(statement)
    }


def _children(
    session: Session, ids: Select[Any] | None, reveal_identity: bool
) -> dict[int, tuple[str, str, str]]:
    """Case number, initials and (only when revealing) the full name, by child id."""
    statement = select(Child.id, Child.case_number, Child.given_name, Child.family_name)
    if ids is not None:
        statement = statement.where(Child.id.in_(ids))
    return {
        cid: (
            case,
            initials(given or "", family or ""),
            f"{given or ''} {family or ''}".strip() if reveal_identity else "",
        )
        for cid, case, given, family in session.execute(statement)
    }


def _raw(column: Any) -> Any:
    """The stored value, without the column type's per-row conversion (see ``_utc``)."""
    return type_coerce(column, String())


def _utc(value: str | datetime) -> datetime:
    """What UTCDateTime gives, at a fraction of its cost: SQLite keeps naive UTC text
    (``2026-11-05 09:00:00.000000``), PostgreSQL gives aware datetimes."""
    if isinstance(value, str):
        return datetime.fromisoformat(value + "+00:00")
    return value.astimezone(UTC) if value.tzinfo else value.replace(tzinfo=UTC)


@requires(Permission.READ_RECORDS)
def calendar_visits(
    session: Session,
    *,
    owner: CalendarOwnerRef | None = None,
    starting_from: date | None = None,
    reveal_identity: bool = False,
) -> list[CalendarVisit]:
    """The visits of one owner (None: everyone's), from local midnight of ``starting_from``
    on, in the order they start. The child's full name is in the records only when
    ``reveal_identity``; initials always are."""
    conditions: list[ColumnElement[bool]] = []
    if owner is not None:
        conditions.append(_VISIT_COLUMNS[owner.owner] == owner.id)
    if starting_from is not None:
        zone = ZoneInfo(get_settings(session).time_zone)
        midnight = datetime.combine(starting_from, time(0), tzinfo=zone).astimezone(UTC)
        conditions.append(Visit.starts_at >= midnight)

    def named_in_visits(column: Any) -> Select[Any] | None:
        # One owner's calendar reads only the people it names; everyone's reads them all.
        return select(column).where(*conditions) if owner is not None else None

    children = _children(session, named_in_visits(Visit.child_id), reveal_identity)
    guardians = _people(session, Guardian, named_in_visits(Visit.guardian_id))
    mediators = _people(session, Mediator, named_in_visits(Visit.mediator_id))
    places = _places(session, named_in_visits(Visit.facility_id))
    statement = (
        select(
            Visit.id, Visit.sequence, _raw(Visit.status), _raw(Visit.purpose),
            _raw(Visit.starts_at), _raw(Visit.ends_at), _raw(Visit.updated_at), Visit.child_id,
            Visit.guardian_id, Visit.mediator_id, Visit.facility_id, Visit.place,
        )
        .where(*conditions)
        .order_by(Visit.starts_at, Visit.id)
    )  # fmt: skip
    session.flush()  # as session.execute would: the Core path below does not autoflush
    # Visits on hold while their child is missing: few, read once (services/missing.py).
    on_hold = set(
        session.connection().scalars(
            select(VisitHold.visit_id).where(VisitHold.released_at.is_(None))
        )
    )
    rows = session.connection().execute(statement)  # the ORM's row layer would cost 30%
    found = []
    for vid, sequence, status, purpose, starts, ends, updated, cid, gid, mid, fid, place in rows:
        case, child_initials, child_name = children[cid]
        starts_at = _utc(starts)
        found.append(
            CalendarVisit(
                vid, sequence, _STATUSES[status], _PURPOSES[purpose], starts_at, _utc(ends),
                _utc(updated) if updated is not None else starts_at, case, child_initials,
                child_name, guardians.get(gid) if gid is not None else None,
                mediators.get(mid) if mid is not None else None,
                places.get(fid) if fid is not None else None, place or "", vid in on_hold,
            )
        )  # fmt: skip
    return found
