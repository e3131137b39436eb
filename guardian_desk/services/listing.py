"""The registries' rows as plain display values, a kind's in a few queries whatever their
number (a page of the registry's window, a record that changed, or all of a kind).

Each row carries its folded search text and the facet values the filters use, so a small
listing can be filtered in memory by the same rule the database applies
(``domain.listings.filter_rows``; the registry window asks services.registry_pages).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session, selectinload

from guardian_desk.db.models import (
    Assignment,
    Child,
    ChildLanguage,
    Facility,
    Guardian,
    GuardianLanguage,
    Mediator,
    MediatorLanguage,
    Visit,
)
from guardian_desk.domain.enums import AssignmentRole
from guardian_desk.domain.listings import ListColumn, Listing, filter_rows, list_columns
from guardian_desk.domain.parsing import format_windows
from guardian_desk.domain.records import WeeklyWindow
from guardian_desk.domain.text import fold
from guardian_desk.security.roles import Permission, requires
from guardian_desk.services.settings import office_zone

KINDS = ("children", "guardians", "mediators", "facilities", "visits")
VISITS_SHOWN_DAYS = 90  # the visits registry starts this many days back
__all__ = [
    "KINDS",
    "ListColumn",
    "Listing",
    "child_of_visit",
    "filter_rows",
    "list_columns",
    "listing",
]


def _age(born: date | None, estimated: bool, today: date) -> str:
    if born is None:
        return ""
    years = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
    return f"~{years}" if estimated else str(years)


def _languages(row_type: Any, owner: Any, own_id: Any) -> Any:
    """A record's language codes as one text, read with its row (not in a statement of its
    own: a round trip less for every page of a registry on a server)."""
    return (
        select(func.aggregate_strings(row_type.code, ",")).where(owner == own_id).scalar_subquery()
    )


def _codes(joined: str | None) -> list[str]:
    return sorted(joined.split(",")) if joined else []


def _children(session: Session, ids: Sequence[int] | None, today: date) -> Listing:
    listing = Listing("children", list_columns("children"))
    guardian_name = (Guardian.given_name + " " + Guardian.family_name).label("guardian")
    statement = (
        select(
            Child.id,
            Child.case_number,
            Child.given_name,
            Child.family_name,
            Child.given_name_original,
            Child.family_name_original,
            Child.sex,
            Child.date_of_birth,
            Child.dob_estimated,
            Child.nationality,
            Facility.name,
            Child.status,
            guardian_name,
            Child.identified_on,
            Child.search_text,
            Child.facility_id,
            Guardian.search_text,
            _languages(ChildLanguage, ChildLanguage.child_id, Child.id),
        )
        .outerjoin(Facility, Facility.id == Child.facility_id)
        .outerjoin(
            Assignment,
            and_(
                Assignment.child_id == Child.id,
                Assignment.role == AssignmentRole.GUARDIAN,
                Assignment.ends_on.is_(None),
            ),
        )
        .outerjoin(Guardian, Guardian.id == Assignment.guardian_id)
        .order_by(Child.id)
    )
    if ids is not None:
        statement = statement.where(Child.id.in_(ids))
    for (
        cid,
        case,
        given,
        family,
        given_o,
        family_o,
        sex,
        born,
        estimated,
        nationality,
        facility,
        status,
        guardian,
        identified,
        search,
        facility_id,
        guardian_search,
        joined_codes,
    ) in session.execute(statement):
        codes = _codes(joined_codes)
        listing.add(
            cid,
            (
                case,
                f"{given} {family}".strip(),
                f"{given_o} {family_o}".strip(),
                sex.value,
                _age(born, estimated, today),
                nationality,
                ", ".join(codes),
                facility or "",
                status.value.replace("_", " "),
                guardian or "",
                identified.isoformat(),
            ),
            # A child is found by the guardian's name and code too (the folded text the
            # guardians' registry finds the guardian by).
            search + "\x1f" + (guardian_search or ""),
            {
                "status": status.value,
                "sex": sex.value,
                "facility": facility_id,
                "languages": frozenset(codes),
            },
        )
    return listing


def _staff(session: Session, kind: str, ids: Sequence[int] | None, today: date) -> Listing:
    model: Any = Guardian if kind == "guardians" else Mediator
    language_row: Any = GuardianLanguage if kind == "guardians" else MediatorLanguage
    owner = language_row.guardian_id if kind == "guardians" else language_row.mediator_id
    column = Assignment.guardian_id if kind == "guardians" else Assignment.mediator_id
    listing = Listing(kind, list_columns(kind))
    counted = select(column, func.count()).where(column.is_not(None), Assignment.ends_on.is_(None))
    if ids is not None:  # a page: only its people's caseloads
        counted = counted.where(column.in_(ids))
    loads = dict(session.execute(counted.group_by(column)).all())
    statement = select(model).order_by(model.id)
    if ids is not None:
        statement = statement.where(model.id.in_(ids))
    for person, joined_codes in session.execute(
        statement.add_columns(_languages(language_row, owner, model.id))
    ):
        codes = _codes(joined_codes)
        expires = person.vetting_expires_on
        state = (
            "suspended"
            if not person.active
            else "vetting expired"
            if expires is not None and expires < today
            else "active"
        )
        values: list[Any] = [
            person.code,
            person.full_name,
            person.sex.value,
            ", ".join(codes),
            person.municipality,
            person.phone,
            f"{loads.get(person.id, 0)} / {person.max_caseload}",
            expires.isoformat() if expires else "",
            state,
        ]
        if kind == "mediators":
            values.insert(4, person.organisation)
        listing.add(
            person.id,
            tuple(values),
            person.search_text,
            {
                "status": state,
                "sex": person.sex.value,
                "facility": None,
                "languages": frozenset(codes),
            },
        )
    return listing


def _facilities(session: Session, ids: Sequence[int] | None, today: date) -> Listing:
    listing = Listing("facilities", list_columns("facilities"))
    counts = dict(
        session.execute(select(Child.facility_id, func.count()).group_by(Child.facility_id)).all()
    )
    # The visiting hours in one more query, not one per facility (a round trip each).
    statement = select(Facility).options(selectinload(Facility.hours)).order_by(Facility.id)
    if ids is not None:
        statement = statement.where(Facility.id.in_(ids))
    for row in session.scalars(statement):
        hours = format_windows(
            WeeklyWindow(h.weekday, h.start_minute, h.end_minute) for h in row.hours
        )
        state = "open" if row.active else "closed"
        listing.add(
            row.id,
            (
                row.code,
                row.name,
                row.municipality,
                row.address,
                hours,
                counts.get(row.id, 0),
                state,
            ),
            row.search_text,
            {"status": state, "sex": None, "facility": row.id, "languages": frozenset()},
        )
    return listing


def _visits(session: Session, ids: Sequence[int] | None, today: date) -> Listing:
    zone = office_zone(session)
    listing = Listing("visits", list_columns("visits"))
    statement = (
        select(
            Visit.id,
            Visit.starts_at,
            Visit.ends_at,
            Child.case_number,
            (Guardian.given_name + " " + Guardian.family_name),
            (Mediator.given_name + " " + Mediator.family_name),
            Facility.name,
            Visit.place,
            Visit.status,
            Visit.facility_id,
            Guardian.search_text,
            Mediator.search_text,
            Facility.search_text,
        )
        .join(Child, Child.id == Visit.child_id)
        .join(Guardian, Guardian.id == Visit.guardian_id)
        .outerjoin(Mediator, Mediator.id == Visit.mediator_id)
        .outerjoin(Facility, Facility.id == Visit.facility_id)
        .order_by(Visit.starts_at.desc())
    )
    if ids is not None:
        statement = statement.where(Visit.id.in_(ids))
    else:  # the registry shows the recent past and everything planned; older ones are history
        since = datetime.combine(today - timedelta(days=VISITS_SHOWN_DAYS), time(), zone)
        statement = statement.where(Visit.starts_at >= since)
    for (
        vid,
        starts,
        ends,
        case,
        guardian,
        mediator,
        facility,
        place,
        status,
        fid,
        guardian_search,
        mediator_search,
        facility_search,
    ) in session.execute(statement):
        local_start, local_end = starts.astimezone(zone), ends.astimezone(zone)
        when = f"{local_start:%Y-%m-%d %H:%M}–{local_end:%H:%M}"
        listing.add(
            vid,
            (when, case, guardian, mediator or "", facility or place, status.value),
            # Found by what finds each person and place in their own registry.
            "\x1f".join(
                [fold(case), guardian_search, mediator_search or "", facility_search or fold(place)]
            ),
            {"status": status.value, "sex": None, "facility": fid, "languages": frozenset()},
        )
    return listing


BUILDERS: dict[str, Callable[..., Listing]] = {
    "children": _children,
    "guardians": lambda s, ids, today: _staff(s, "guardians", ids, today),
    "mediators": lambda s, ids, today: _staff(s, "mediators", ids, today),
    "facilities": _facilities,
    "visits": _visits,
}


@requires(Permission.READ_RECORDS)
def listing(
    session: Session,
    kind: str,
    *,
    ids: Sequence[int] | None = None,
    today: date | None = None,
) -> Listing:
    """All rows of a kind (or only ``ids``: a page of the registry's window, or rows that
    changed). The registry reads its pages through services.registry_pages."""
    return BUILDERS[kind](session, ids, today or date.today())


@requires(Permission.READ_RECORDS)
def child_of_visit(session: Session, visit_id: int) -> int | None:
    """The child a visit is for (the home page opens the child's record from a visit line)."""
    return session.scalar(select(Visit.child_id).where(Visit.id == visit_id))
