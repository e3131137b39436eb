"""One record as its detail form shows it, and the form's save: plain data in and out.

The desktop app's record dialog loads a RecordDetail (the record, its availability, its
appointments, visits and audit trail) in one unit of work, and saves the record and its
availability in one unit of work too, so a save is never half done.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal, cast

from sqlalchemy import select
from sqlalchemy.orm import Session

from guardian_desk.db.models import (
    Assignment,
    AuditEvent,
    Child,
    ChildMerge,
    Facility,
    Guardian,
    Mediator,
    Visit,
)
from guardian_desk.domain.enums import AssignmentRole, ChildStatus, VisitStatus
from guardian_desk.domain.parsing import format_window
from guardian_desk.domain.records import (
    AbsencePeriod,
    ChildData,
    FacilityData,
    StaffData,
    WeeklyWindow,
)
from guardian_desk.i18n import _
from guardian_desk.security.roles import Permission, requires, signed_in
from guardian_desk.services import audit, availability, children, facilities, staff
from guardian_desk.services.assignments import OPEN_STATUSES
from guardian_desk.services.settings import get_settings
from guardian_desk.services.staff import StaffKind

Kind = Literal["children", "guardians", "mediators", "facilities"]
KINDS: tuple[Kind, ...] = ("children", "guardians", "mediators", "facilities")
ENTITIES: dict[str, str] = {
    "children": "child",
    "guardians": "guardian",
    "mediators": "mediator",
    "facilities": "facility",
}
RecordData = ChildData | StaffData | FacilityData


@dataclass(frozen=True)
class AssignmentRow:
    """An appointment of a guardian or a mediator for a child; ``ends_on`` None = current."""

    id: int
    role: AssignmentRole
    child_id: int
    child: str  # case number and name
    person_id: int
    person: str  # code and name
    starts_on: date
    ends_on: date | None
    reason: str
    end_reason: str
    decision_ref: str
    override_reason: str

    @property
    def current(self) -> bool:
        return self.ends_on is None


@dataclass(frozen=True)
class VisitRow:
    id: int
    starts_at: datetime  # UTC
    ends_at: datetime  # UTC
    child: str
    guardian: str
    mediator: str
    place: str  # the facility's name, or the place written on the visit
    status: VisitStatus


@dataclass(frozen=True)
class AuditRow:
    at: datetime  # UTC
    actor: str
    action: str
    changes: list[tuple[str, str, str]]  # (field, before, after) as text
    # Where the row comes from when it is not the record's own: a child merged into it.
    source: str = ""


@dataclass
class RecordDetail:
    kind: str
    id: int
    version: int
    data: RecordData
    title: str
    code: str  # case number or code
    name: str
    active: bool
    slots: list[WeeklyWindow] = field(default_factory=list)
    absences: list[AbsencePeriod] = field(default_factory=list)
    assignments: list[AssignmentRow] = field(default_factory=list)
    visits: list[VisitRow] = field(default_factory=list)
    history: list[AuditRow] = field(default_factory=list)


@dataclass(frozen=True)
class FormChoices:
    """What the forms offer to choose from, and the office's country and time zone."""

    facilities: list[tuple[str, str]]  # (code, name), every facility, by code
    country: str
    time_zone: str


def check_kind(kind: str) -> Kind:
    if kind not in KINDS:
        raise ValueError(f"unknown kind of record {kind!r}; expected one of {', '.join(KINDS)}")
    return kind


def staff_kind(kind: str) -> StaffKind:
    return "guardian" if kind == "guardians" else "mediator"


@requires(Permission.READ_RECORDS)
def form_choices(session: Session) -> FormChoices:
    settings = get_settings(session)
    rows = session.execute(select(Facility.code, Facility.name).order_by(Facility.code))
    return FormChoices(
        facilities=[(code, name) for code, name in rows],
        country=settings.country,
        time_zone=settings.time_zone,
    )


# --- reading -----------------------------------------------------------------------------------


def _names(session: Session, model: Any, ids: set[int]) -> dict[int, str]:
    """Code (or case number) and name of each record named, in one query."""
    if not ids:
        return {}
    code = model.case_number if model is Child else model.code
    rows = session.execute(
        select(model.id, code, model.given_name, model.family_name).where(model.id.in_(ids))
    )
    return {row_id: " ".join(p for p in (c, g, f) if p) for row_id, c, g, f in rows}


def _assignments(session: Session, kind: Kind, record_id: int) -> list[AssignmentRow]:
    owner = {
        "children": Assignment.child_id,
        "guardians": Assignment.guardian_id,
        "mediators": Assignment.mediator_id,
    }.get(kind)
    if owner is None:
        return []
    found = list(
        session.scalars(
            select(Assignment)
            .where(owner == record_id)
            .order_by(Assignment.starts_on.desc(), Assignment.id.desc())
        )
    )
    kids = _names(session, Child, {a.child_id for a in found})
    guardians = _names(session, Guardian, {a.guardian_id for a in found if a.guardian_id})
    mediators = _names(session, Mediator, {a.mediator_id for a in found if a.mediator_id})
    rows = []
    for a in found:
        is_guardian = a.role is AssignmentRole.GUARDIAN
        person_id = cast(int, a.guardian_id if is_guardian else a.mediator_id)
        rows.append(
            AssignmentRow(
                id=a.id,
                role=a.role,
                child_id=a.child_id,
                child=kids[a.child_id],
                person_id=person_id,
                person=(guardians if is_guardian else mediators)[person_id],
                starts_on=a.starts_on,
                ends_on=a.ends_on,
                reason=a.reason,
                end_reason=a.end_reason,
                decision_ref=a.decision_ref,
                override_reason=a.override_reason,
            )
        )
    return rows


def _visits(session: Session, kind: Kind, record_id: int) -> list[VisitRow]:
    owner = {
        "children": Visit.child_id,
        "guardians": Visit.guardian_id,
        "mediators": Visit.mediator_id,
        "facilities": Visit.facility_id,
    }[kind]
    found = list(
        session.scalars(
            select(Visit).where(owner == record_id).order_by(Visit.starts_at.desc(), Visit.id)
        )
    )
    kids = _names(session, Child, {v.child_id for v in found})
    guardians = _names(session, Guardian, {v.guardian_id for v in found if v.guardian_id})
    mediators = _names(session, Mediator, {v.mediator_id for v in found if v.mediator_id})
    facility_ids = {v.facility_id for v in found if v.facility_id}
    places: dict[int, str] = dict(
        session.execute(
            select(Facility.id, Facility.name).where(Facility.id.in_(facility_ids))
        ).all()
        if facility_ids
        else []
    )
    return [
        VisitRow(
            id=v.id,
            starts_at=v.starts_at,
            ends_at=v.ends_at,
            child=kids.get(v.child_id, ""),
            guardian=guardians.get(v.guardian_id, "") if v.guardian_id else "",
            mediator=mediators.get(v.mediator_id, "") if v.mediator_id else "",
            place=places.get(v.facility_id, "") if v.facility_id else v.place,
            status=v.status,
        )
        for v in found
    ]


def value_text(value: Any) -> str:
    """An audited JSON value as an officer reads it (lists with ``;`` like the forms)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        items = [_item_text(item) for item in value]
        if value and isinstance(value[0], dict) and "proficiency" in value[0]:
            items.sort()  # languages have no order; the forms list them by code
        return "; ".join(items)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def _item_text(item: Any) -> str:
    if not isinstance(item, dict):
        return str(item)
    if {"code", "proficiency"} <= item.keys():
        return f"{item['code']}:{item['proficiency']}"
    if {"weekday", "start_minute", "end_minute"} <= item.keys():
        return format_window(
            WeeklyWindow(item["weekday"], item["start_minute"], item["end_minute"])
        )
    if {"starts_on", "ends_on"} <= item.keys():
        span = f"{item['starts_on']}..{item['ends_on']}"
        return f"{span} {item['reason']}".strip() if item.get("reason") else span
    if "full_name" in item:
        verified = "yes" if item.get("verified") else "no"
        return f"{item['full_name']} | {item.get('claimed_relationship', '')} | {verified}"
    return json.dumps(item, ensure_ascii=False, sort_keys=True)


def changes(before: Any, after: Any) -> list[tuple[str, str, str]]:
    """The fields whose text differs, in the record's field order; a creation lists every
    non-empty field."""
    old = before if isinstance(before, dict) else {}
    new = after if isinstance(after, dict) else {}
    names = list(new) + [name for name in old if name not in new]
    found = []
    for name in names:
        was, now = value_text(old.get(name)), value_text(new.get(name))
        if before is None and new.get(name) in (None, "", [], {}, False):
            continue
        if was != now:
            found.append((name, was, now))
    return found


def _history(session: Session, kind: Kind, record_id: int) -> list[AuditRow]:
    """The record's changes, for an account that may read the audit trail (else none).

    Readings ("view", "export_personal") stay in the audit trail but not in this list: the
    history says how the record came to be what it is.
    """
    if not signed_in(session).may(Permission.READ_AUDIT):
        return []
    entity = ENTITIES[kind]
    events: list[tuple[AuditEvent, str]] = [
        (e, "") for e in audit.history(session, entity, record_id)
    ]
    if kind == "children":
        # A child merged into this one: its audit rows stay under its own id, and are this
        # record's history too (see services/merge.py), marked with the number merged away.
        merged = session.execute(
            select(ChildMerge.merged_child_id, ChildMerge.merged_case_number)
            .where(ChildMerge.kept_child_id == record_id)
            .order_by(ChildMerge.id)
        ).all()
        for merged_id, number in merged:
            # TRANSLATORS: beside a history row of a duplicate record merged into this one;
            # {case} is the merged record's case number.
            source = _("from {case} (merged)").format(case=number)
            events.extend((e, source) for e in audit.history(session, entity, merged_id))
        events.sort(key=lambda pair: (pair[0].at, pair[0].id))
    return [
        AuditRow(
            at=e.at,
            actor=e.actor,
            action=e.action,
            changes=changes(e.before, e.after),
            source=source,
        )
        for e, source in events
        if e.action not in audit.READ_ACTIONS
    ]


@requires(Permission.READ_RECORDS)
def record_detail(
    session: Session, kind: str, record_id: int, *, log_view: bool = True
) -> RecordDetail:
    """Everything the detail dialog shows of one record (NotFoundError if it is gone).

    Opening a child's record leaves a "view" audit row naming the account (the child's id
    only, nothing of the record). ``log_view=False`` is for showing the same record again
    in a dialog already opened (after a save, or when another window changed it).
    """
    kind = check_kind(kind)
    logged = log_view and kind == "children"
    if logged:
        audit.before_logged_read(session)
    slots: list[WeeklyWindow] = []
    absences: list[AbsencePeriod] = []
    data: RecordData
    if kind == "children":
        child = children.get_child(session, record_id)
        data = children.child_data(session, child)
        version, code, name = child.version, child.case_number, child.full_name
        active = child.status in OPEN_STATUSES
        # TRANSLATORS: a record window's title; {code} is a case number, {name} the child's.
        title = _("Child {code} — {name}").format(code=code, name=name)
    elif kind == "facilities":
        place = facilities.get_facility(session, record_id)
        data = facilities.facility_data(place)
        version, code, name, active = place.version, place.code, place.name, place.active
        title = _("Facility {code} — {name}").format(code=code, name=name)
    else:
        person = staff.get_staff(session, staff_kind(kind), record_id)
        data = staff.staff_data(person)
        slots, absences = availability.availability_of(person)
        version, code, name, active = person.version, person.code, person.full_name, person.active
        if kind == "guardians":
            title = _("Guardian {code} — {name}").format(code=code, name=name)
        else:
            title = _("Mediator {code} — {name}").format(code=code, name=name)
    detail = RecordDetail(
        kind=kind,
        id=record_id,
        version=version,
        data=data,
        title=title,
        code=code,
        name=name,
        active=active,
        slots=slots,
        absences=absences,
        assignments=_assignments(session, kind, record_id),
        visits=_visits(session, kind, record_id),
        history=_history(session, kind, record_id),
    )
    if logged:
        audit.record(session, ENTITIES[kind], record_id, "view")
    return detail


# --- writing -----------------------------------------------------------------------------------


@requires(Permission.EDIT_CASEWORK)
def save_record(
    session: Session,
    kind: str,
    record_id: int | None,
    data: RecordData,
    expected_version: int | None,
    slots: list[WeeklyWindow] | None = None,
    absences: list[AbsencePeriod] | None = None,
) -> int:
    """Create (``record_id`` None) or update a record, and a person's availability with it.

    One unit of work: the availability is set at the version the record's own update left,
    so a stale copy is refused as a whole. Returns the record's id.
    """
    kind = check_kind(kind)
    if record_id is not None and expected_version is None:
        raise ValueError("an update needs the version the record was read at")
    if kind == "children":
        child = cast(ChildData, data)
        if record_id is None:
            return children.create_child(session, child).id
        return children.update_child(session, record_id, child, cast(int, expected_version)).id
    if kind == "facilities":
        place = cast(FacilityData, data)
        if record_id is None:
            return facilities.create_facility(session, place).id
        updated = facilities.update_facility(session, record_id, place, cast(int, expected_version))
        return updated.id
    who = staff_kind(kind)
    person_data = cast(StaffData, data)
    if record_id is None:
        person = staff.create_staff(session, who, person_data)
    else:
        person = staff.update_staff(
            session, who, record_id, person_data, cast(int, expected_version)
        )
    current = availability.availability_of(person)
    wanted = (current[0] if slots is None else slots, current[1] if absences is None else absences)
    if _as_sets(wanted) != _as_sets(current):  # an unchanged week leaves no audit row
        availability.set_availability(session, who, person.id, *wanted, person.version)
    return person.id


def _as_sets(
    week: tuple[list[WeeklyWindow], list[AbsencePeriod]],
) -> tuple[set[WeeklyWindow], set[AbsencePeriod]]:
    return set(week[0]), set(week[1])


@requires(Permission.EDIT_CASEWORK)
def set_record_active(
    session: Session,
    kind: str,
    record_id: int,
    expected_version: int,
    *,
    active: bool,
    reason: str = "",
    status: ChildStatus = ChildStatus.CLOSED,
) -> None:
    """Close a case, suspend or reinstate a person, close or reopen a facility."""
    kind = check_kind(kind)
    if kind == "children":
        if active:
            raise ValueError("a closed case is reopened by editing its status")
        children.close_child(session, record_id, expected_version, reason, status)
    elif kind == "facilities":
        facilities.set_facility_active(session, record_id, expected_version, active=active)
    else:
        staff.set_active(
            session, staff_kind(kind), record_id, expected_version, active=active, reason=reason
        )
