"""Ending a guardian's or a mediator's appointment, and changing a child's guardian in one step.

Ending an appointment on a day (with a structured reason, domain/closure.EndReason) cancels
that person's planned meetings with the child from that day on. Changing the guardian ends
the current appointment and starts the new one on the same day, with a handover note; the
old guardian's planned visits with the child move to the new guardian or are cancelled, as
the officer chooses. The caseload caps hold as for any appointment (the database's triggers).
Moved and cancelled visits raise their calendar sequence, so calendars follow.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from enum import StrEnum
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from guardian_desk.db.models import Assignment, Guardian, Visit
from guardian_desk.domain import validation as v
from guardian_desk.domain.closure import EndReason, end_reason_text, needs_note
from guardian_desk.domain.enums import AssignmentRole, VisitStatus
from guardian_desk.domain.errors import GuardianDeskError, NotFoundError, RuleViolation
from guardian_desk.i18n import _
from guardian_desk.i18n.formats import datetime_text
from guardian_desk.scheduling.model import Attendees
from guardian_desk.scheduling.saving import ENTITY as VISIT_ENTITY
from guardian_desk.scheduling.saving import visit_summary
from guardian_desk.security.roles import Permission, requires
from guardian_desk.services import assignments, audit, visits
from guardian_desk.services.children import get_child
from guardian_desk.services.locking import flush_checked
from guardian_desk.services.settings import get_settings
from guardian_desk.services.staff import get_staff


class VisitChoice(StrEnum):
    """What happens to the old guardian's planned visits when the guardian changes."""

    MOVE = "move"  # to the new guardian, same time and place
    CANCEL = "cancel"


@dataclass(frozen=True)
class PlannedVisit:
    """A planned meeting an appointment change touches."""

    visit_id: int
    starts_at: datetime  # UTC
    ends_at: datetime  # UTC
    place: str


@dataclass(frozen=True)
class AppointmentChange:
    """What an end or a change did: plain data, safe to hand to the GUI thread."""

    ended_id: int
    new_id: int | None  # the new guardian's appointment, after a change
    moved: tuple[int, ...] = ()
    cancelled: tuple[int, ...] = ()


def _midnight(session: Session, day: date) -> datetime:
    zone = ZoneInfo(get_settings(session).time_zone)
    return datetime.combine(day, time(0), tzinfo=zone).astimezone(UTC)


def _person_visits(session: Session, a: Assignment, on: date) -> list[Visit]:
    """The person's planned meetings with the child from ``on`` (local midnight) on."""
    column = Visit.guardian_id if a.role is AssignmentRole.GUARDIAN else Visit.mediator_id
    person_id = a.guardian_id if a.role is AssignmentRole.GUARDIAN else a.mediator_id
    return list(
        session.scalars(
            select(Visit)
            .where(
                Visit.child_id == a.child_id,
                column == person_id,
                Visit.status == VisitStatus.PLANNED,
                Visit.starts_at >= _midnight(session, on),
            )
            .order_by(Visit.starts_at, Visit.id)
        )
    )


def _planned(found: list[Visit]) -> list[PlannedVisit]:
    return [
        PlannedVisit(
            visit.id,
            visit.starts_at,
            visit.ends_at,
            visit.facility.name if visit.facility is not None else visit.place,
        )
        for visit in found
    ]


@requires(Permission.READ_RECORDS)
def visits_touched(session: Session, assignment_id: int, on: date) -> list[PlannedVisit]:
    """The planned meetings that ending this appointment on ``on`` cancels (or a change of
    guardian moves): what the officer is shown before confirming."""
    return _planned(_person_visits(session, assignments_get(session, assignment_id), on))


@requires(Permission.READ_RECORDS)
def assignments_get(session: Session, assignment_id: int) -> Assignment:
    found = session.get(Assignment, assignment_id)
    if found is None:
        raise NotFoundError(assignments.ENTITY, assignment_id)
    return found


def _cancel_all(session: Session, found: list[Visit], because: str) -> tuple[int, ...]:
    for visit in found:
        visits.cancel_visit(session, visit.id, visit.version, because)
    return tuple(visit.id for visit in found)


@requires(Permission.EDIT_CASEWORK)
def end_appointment(
    session: Session,
    assignment_id: int,
    expected_version: int,
    *,
    ends_on: date,
    reason: EndReason,
    note: str = "",
) -> AppointmentChange:
    """End the appointment on ``ends_on`` for ``reason`` (``note``: the officer's words,
    required for "other"); the person's planned meetings with the child from that day on are
    cancelled. Ending the guardian's leaves the child waiting for a guardian."""
    reason = EndReason(reason)
    note = v.text("note", note, max_length=500, required=needs_note(reason))
    ended = assignments.end_assignment(
        session,
        assignment_id,
        expected_version,
        ends_on=ends_on,
        end_reason=note,
        reason_code=reason,
    )
    # TRANSLATORS: why a visit was cancelled; {reason} says why the appointment ended.
    because = _("The appointment ended: {reason}").format(reason=note or end_reason_text(reason))
    cancelled = _cancel_all(session, _person_visits(session, ended, ends_on), because)
    return AppointmentChange(ended.id, None, (), cancelled)


def _move(session: Session, visit: Visit, guardian_id: int) -> None:
    """Give a planned visit to the new guardian; refused if the new guardian cannot come."""
    attendees = Attendees(
        visit.child_id, guardian_id, visit.mediator_id, visit.facility_id, visit.place
    )
    zone = ZoneInfo(get_settings(session).time_zone)
    when = datetime_text(visit.starts_at.astimezone(zone))
    try:
        visits.check_attendees(session, attendees, visit.starts_at, visit.ends_at, ignore=visit.id)
    except GuardianDeskError as refused:
        raise RuleViolation(
            # TRANSLATORS: {when} is a visit's date and time; {problem} why it cannot move.
            _(
                "The visit on {when} cannot go to the new guardian: {problem}. "
                "Choose to cancel the visits instead, or move that visit first."
            ).format(when=when, problem=str(refused).rstrip("."))
        ) from None
    before = visit_summary(visit)
    version = visit.version
    visit.guardian_id = guardian_id
    visit.sequence += 1
    flush_checked(session, visit, VISIT_ENTITY, version)
    audit.record(
        session,
        VISIT_ENTITY,
        visit.id,
        "change_guardian",
        before=before,
        after=visit_summary(visit),
    )


@requires(Permission.EDIT_CASEWORK)
def change_guardian(
    session: Session,
    assignment_id: int,
    expected_version: int,
    new_guardian_id: int,
    *,
    on: date,
    visits_choice: VisitChoice,
    handover_note: str = "",
    reason: EndReason = EndReason.REPLACED,
    note: str = "",
    decision_ref: str = "",
    override_reason: str = "",
) -> AppointmentChange:
    """End the guardian's appointment ``assignment_id`` on ``on`` and appoint
    ``new_guardian_id`` from the same day, in one unit of work: a refusal (caseload, vetting,
    a visit the new guardian cannot take) leaves everything as it was.

    ``handover_note``: what the new guardian must know, kept on the new appointment (printed
    on its decision) and in the audit. ``visits_choice``: the old guardian's planned visits
    with the child from ``on`` move to the new guardian, or are cancelled.
    """
    reason = EndReason(reason)
    handover_note = v.text("handover_note", handover_note, max_length=500, required=False)
    note = v.text("note", note, max_length=500, required=needs_note(reason))
    old = assignments_get(session, assignment_id)
    if old.role is not AssignmentRole.GUARDIAN:
        raise RuleViolation(
            _("assignment {id} appoints a mediator, not a guardian").format(id=old.id)
        )
    if old.guardian_id == new_guardian_id:
        raise RuleViolation(
            _("{name} is already the guardian of {case_number}").format(
                name=get_staff(session, "guardian", new_guardian_id).full_name,
                case_number=get_child(session, old.child_id).case_number,
            )
        )
    child_id = old.child_id
    touched = _person_visits(session, old, on)
    ended = assignments.end_assignment(
        session,
        assignment_id,
        expected_version,
        ends_on=on,
        end_reason=note,
        reason_code=reason,
    )
    new = assignments.assign_guardian(
        session,
        child_id,
        new_guardian_id,
        starts_on=on,
        reason=handover_note,
        decision_ref=decision_ref,
        override_reason=override_reason,
    )
    moved: tuple[int, ...] = ()
    cancelled: tuple[int, ...] = ()
    if visits_choice is VisitChoice.MOVE:
        for visit in touched:
            _move(session, visit, new_guardian_id)
        moved = tuple(visit.id for visit in touched)
    else:
        because = _("The guardian changed: {reason}").format(reason=note or end_reason_text(reason))
        cancelled = _cancel_all(session, touched, because)
    audit.record(
        session,
        assignments.ENTITY,
        new.id,
        "change_guardian",
        before={"assignment": ended.id, "guardian_id": ended.guardian_id},
        after={
            "assignment": new.id,
            "guardian_id": new.guardian_id,
            "starts_on": on,
            "end_reason_code": reason,
            "handover_note": handover_note,
            "visits": visits_choice,
            "moved_visits": list(moved),
            "cancelled_visits": list(cancelled),
        },
    )
    return AppointmentChange(ended.id, new.id, moved, cancelled)


@dataclass(frozen=True)
class CurrentAppointment:
    """An open appointment of the child, as the dialogs offer it."""

    assignment_id: int
    version: int
    role: AssignmentRole
    person_id: int
    person: str  # code and name
    starts_on: date


@requires(Permission.READ_RECORDS)
def current_appointments(session: Session, child_id: int) -> list[CurrentAppointment]:
    """The child's open appointments, the guardian first."""
    from guardian_desk.services.case_closure import person_label

    found = session.scalars(
        select(Assignment)
        .where(Assignment.child_id == child_id, Assignment.ends_on.is_(None))
        .order_by(Assignment.role, Assignment.starts_on, Assignment.id)
    )
    return [
        CurrentAppointment(
            a.id,
            a.version,
            a.role,
            a.guardian_id if a.role is AssignmentRole.GUARDIAN else a.mediator_id,  # type: ignore[arg-type]
            person_label(a),
            a.starts_on,
        )
        for a in found
    ]


@requires(Permission.READ_RECORDS)
def guardians_to_choose(session: Session, current: int) -> list[tuple[int, str]]:
    """Active guardians but the current one, by code, as (id, "code name"); the change itself
    refuses those who cannot take the child (caseload, vetting)."""
    rows = session.execute(
        select(Guardian.id, Guardian.code, Guardian.given_name, Guardian.family_name)
        .where(Guardian.active.is_(True), Guardian.id != current)
        .order_by(Guardian.code)
    )
    return [(gid, f"{code} {given} {family}".strip()) for gid, code, given, family in rows]
