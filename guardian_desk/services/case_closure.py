"""Closing a child's case with a structured reason, and reopening it.

Closing on a day ends every open appointment of the child on that day and cancels every
planned meeting with the child from that day on (calendars then export them as CANCELLED).
``closure_plan`` says beforehand exactly what will change; ``close_case`` given that plan
refuses if the case changed since it was read, so what the officer confirmed is what is done.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from guardian_desk.db.models import Assignment, Child, Visit
from guardian_desk.domain import validation as v
from guardian_desk.domain.closure import (
    CLOSURE_OF_STATUS,
    END_OF_CLOSURE,
    STATUS_OF_CLOSURE,
    ClosureReason,
    EndReason,
    closure_reason_text,
    needs_note,
)
from guardian_desk.domain.enums import AssignmentRole, ChildStatus, VisitStatus, status_text
from guardian_desk.domain.errors import RuleViolation, ValidationError
from guardian_desk.i18n import _
from guardian_desk.i18n.formats import date_text
from guardian_desk.security.roles import Permission, requires
from guardian_desk.services import assignments, audit, visits
from guardian_desk.services.children import CLOSED_STATUSES, ENTITY, get_child
from guardian_desk.services.locking import flush_checked, load_for_update
from guardian_desk.services.settings import get_settings


@dataclass(frozen=True)
class AppointmentEnd:
    """An open appointment that the closure ends."""

    assignment_id: int
    role: AssignmentRole
    person: str  # code and name
    starts_on: date


@dataclass(frozen=True)
class VisitCancellation:
    """A planned meeting with the child that the closure cancels."""

    visit_id: int
    starts_at: datetime  # UTC
    ends_at: datetime  # UTC
    with_whom: str  # the guardian's and the mediator's names


@dataclass(frozen=True)
class ClosurePlan:
    """What closing the case on ``on`` changes, read in one unit of work."""

    child_id: int
    version: int  # the child's, as read
    case_number: str
    name: str
    on: date
    appointments: tuple[AppointmentEnd, ...]
    visits: tuple[VisitCancellation, ...]

    def changes(self) -> tuple[frozenset[int], frozenset[int]]:
        """The appointments and visits it touches (what a confirmation must match)."""
        return (
            frozenset(a.assignment_id for a in self.appointments),
            frozenset(c.visit_id for c in self.visits),
        )


@dataclass(frozen=True)
class ClosureState:
    """How a closed case was closed (None values while it is open)."""

    status: ChildStatus
    reason: ClosureReason | None
    closed_on: date | None
    note: str


def office_today(session: Session) -> date:
    return datetime.now(ZoneInfo(get_settings(session).time_zone)).date()


def _midnight(session: Session, day: date) -> datetime:
    zone = ZoneInfo(get_settings(session).time_zone)
    return datetime.combine(day, time(0), tzinfo=zone).astimezone(UTC)


def _open_appointments(session: Session, child_id: int) -> list[Assignment]:
    return list(
        session.scalars(
            select(Assignment)
            .where(Assignment.child_id == child_id, Assignment.ends_on.is_(None))
            .order_by(Assignment.role, Assignment.starts_on, Assignment.id)
        )
    )


def _planned_visits(session: Session, child_id: int, on: date) -> list[Visit]:
    return list(
        session.scalars(
            select(Visit)
            .where(
                Visit.child_id == child_id,
                Visit.status == VisitStatus.PLANNED,
                Visit.starts_at >= _midnight(session, on),
            )
            .order_by(Visit.starts_at, Visit.id)
        )
    )


def person_label(a: Assignment) -> str:
    person = a.guardian if a.role is AssignmentRole.GUARDIAN else a.mediator
    return f"{person.code} {person.full_name}" if person is not None else ""


def _with_whom(visit: Visit) -> str:
    names = [p.full_name for p in (visit.guardian, visit.mediator) if p is not None]
    return " / ".join(names)


def _check_day(child: Child, on: date, today: date) -> None:
    v.parse_date("on", on, allow_future=True)
    if on > today:
        raise ValidationError("on", on.isoformat(), _("is in the future"))
    if on < child.identified_on:
        raise ValidationError(
            "on",
            on.isoformat(),
            # TRANSLATORS: {date} is the day the child was identified.
            _("is before the child was identified ({date})").format(
                date=date_text(child.identified_on)
            ),
        )


@requires(Permission.READ_RECORDS)
def closure_plan(session: Session, child_id: int, on: date) -> ClosurePlan:
    """What closing the case on ``on`` would end and cancel (nothing is changed)."""
    child = get_child(session, child_id)
    _check_day(child, on, office_today(session))
    ends = []
    for a in _open_appointments(session, child.id):
        if a.starts_on > on:
            raise ValidationError(
                "on",
                on.isoformat(),
                # TRANSLATORS: {name} is a guardian or mediator; {date} when they were appointed.
                _(
                    "is before {name} was appointed ({date}); close the case on that day or later"
                ).format(name=person_label(a), date=date_text(a.starts_on)),
            )
        ends.append(AppointmentEnd(a.id, a.role, person_label(a), a.starts_on))
    cancels = [
        VisitCancellation(visit.id, visit.starts_at, visit.ends_at, _with_whom(visit))
        for visit in _planned_visits(session, child.id, on)
    ]
    return ClosurePlan(
        child_id=child.id,
        version=child.version,
        case_number=child.case_number,
        name=child.full_name,
        on=on,
        appointments=tuple(ends),
        visits=tuple(cancels),
    )


@requires(Permission.CLOSE_CASES)
def close_case(
    session: Session,
    child_id: int,
    expected_version: int,
    *,
    reason: ClosureReason,
    on: date,
    note: str = "",
    confirmed: ClosurePlan | None = None,
) -> ClosurePlan:
    """Close the case: the reason and day in their columns, the status that says it, every
    open appointment ended on ``on``, every planned meeting from ``on`` cancelled.

    ``confirmed``: the plan the officer was shown; if the appointments or visits it would
    touch changed since, nothing is done (RuleViolation). Returns what was done.
    """
    reason = ClosureReason(reason)
    note = v.text("note", note, max_length=1000, required=needs_note(reason))
    child = load_for_update(session, Child, child_id, expected_version, ENTITY)
    if child.status in CLOSED_STATUSES:
        raise RuleViolation(
            _("{case_number}'s case is already {status}").format(
                case_number=child.case_number, status=status_text(child.status)
            )
        )
    plan = closure_plan(session, child.id, on)
    if confirmed is not None and confirmed.changes() != plan.changes():
        raise RuleViolation(
            _(
                "{case_number} changed since you looked (an appointment or a visit); nothing "
                "was closed. Look at the list again and confirm."
            ).format(case_number=child.case_number)
        )
    before = closure_state(child)
    end_code = END_OF_CLOSURE.get(reason, EndReason.CASE_CLOSED)
    words = closure_reason_text(reason)
    for end in plan.appointments:
        found = session.get(Assignment, end.assignment_id)
        assert found is not None
        assignments.end_assignment(
            session,
            found.id,
            found.version,
            ends_on=on,
            end_reason=note or words,
            reason_code=end_code,
        )
    # TRANSLATORS: why a visit was cancelled; {reason} is how the case ended.
    cancelled_because = _("The case was closed: {reason}").format(reason=words)
    for cancel in plan.visits:
        visit = session.get(Visit, cancel.visit_id)
        assert visit is not None
        visits.cancel_visit(session, visit.id, visit.version, cancelled_because)
    child.status = STATUS_OF_CLOSURE[reason]
    child.closure_reason = reason
    child.closed_on = on
    child.closure_note = note
    flush_checked(session, child, ENTITY, child.version)
    audit.record(
        session,
        ENTITY,
        child.id,
        "close",
        before={"status": before.status},
        after={
            "status": child.status,
            "closure_reason": reason,
            "closed_on": on,
            "closure_note": note,
            "ended_assignments": sorted(plan.changes()[0]),
            "cancelled_visits": sorted(plan.changes()[1]),
        },
    )
    return plan


@requires(Permission.CLOSE_CASES)
def reopen_case(session: Session, child_id: int, expected_version: int, *, note: str = "") -> Child:
    """Open a closed case again: the child waits for a guardian (or is under guardianship,
    if one was appointed since); the closure's reason and day are cleared, kept in the audit.
    Ended appointments and cancelled visits stay as they are."""
    note = v.text("note", note, max_length=1000, required=False)
    child = load_for_update(session, Child, child_id, expected_version, ENTITY)
    if child.status not in CLOSED_STATUSES:
        raise RuleViolation(
            _("{case_number}'s case is open ({status})").format(
                case_number=child.case_number, status=status_text(child.status)
            )
        )
    before = closure_state(child)
    has_guardian = assignments.active_guardian_assignment(session, child.id) is not None
    child.status = ChildStatus.UNDER_GUARDIANSHIP if has_guardian else ChildStatus.AWAITING_GUARDIAN
    child.closure_reason = None
    child.closed_on = None
    child.closure_note = ""
    flush_checked(session, child, ENTITY, expected_version)
    audit.record(
        session,
        ENTITY,
        child.id,
        "reopen",
        before={
            "status": before.status,
            "closure_reason": before.reason,
            "closed_on": before.closed_on,
            "closure_note": before.note,
        },
        after={"status": child.status, "note": note},
    )
    return child


def closure_state(child: Child) -> ClosureState:
    reason = child.closure_reason
    if reason is None and child.status in CLOSED_STATUSES:
        reason = CLOSURE_OF_STATUS[child.status]
    return ClosureState(child.status, reason, child.closed_on, child.closure_note)


@requires(Permission.READ_RECORDS)
def case_closure(session: Session, child_id: int) -> ClosureState:
    """How the child's case stands: open, or closed when, why and in which words."""
    return closure_state(get_child(session, child_id))


def matching_refusal(status: ChildStatus, has_active_guardian: bool) -> str | None:
    """Why "Find a guardian" is off for a child, translated; None when it is on."""
    if status in CLOSED_STATUSES:
        # TRANSLATORS: {status} is a case status such as "closed" or "transferred".
        return _("The case is {status}: reopen it to find a guardian.").format(
            status=status_text(status)
        )
    if has_active_guardian:
        return _("The child already has a guardian: use Change guardian… on the Assignments tab.")
    return None
