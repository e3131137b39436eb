"""Appointing guardians and mediators: one active guardian per child, caseloads respected."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from guardian_desk.db.models import Assignment, Child, Guardian, Mediator
from guardian_desk.domain import validation as v
from guardian_desk.domain.closure import EndReason, needs_note
from guardian_desk.domain.enums import AssignmentRole, ChildStatus, asked_for_text, status_text
from guardian_desk.domain.errors import RuleViolation, ValidationError
from guardian_desk.i18n import _
from guardian_desk.i18n.formats import date_text
from guardian_desk.security.roles import Permission, require, requires
from guardian_desk.services import audit
from guardian_desk.services.children import get_child
from guardian_desk.services.locking import flush_checked, load_for_update
from guardian_desk.services.settings import get_settings
from guardian_desk.services.staff import StaffKind, get_staff

ENTITY = "assignment"
# The database's own caseload rule (migration 3c1d2e4f5a60) raises with this text.
CASELOAD_CAP_REACHED = "caseload_cap_reached"
OPEN_STATUSES = {
    ChildStatus.IDENTIFIED,
    ChildStatus.AWAITING_GUARDIAN,
    ChildStatus.UNDER_GUARDIANSHIP,
}


def active_caseload(session: Session, role: AssignmentRole, person_id: int) -> int:
    column = Assignment.guardian_id if role is AssignmentRole.GUARDIAN else Assignment.mediator_id
    return (
        session.scalar(
            select(func.count()).where(
                column == person_id, Assignment.role == role, Assignment.ends_on.is_(None)
            )
        )
        or 0
    )


def lock_person(session: Session, role: AssignmentRole, person_id: int) -> None:
    """Hold the guardian's or mediator's row until commit, so their caseload cannot change
    between our count and our insert (PostgreSQL; SQLite's writers are serialised anyway)."""
    model = Guardian if role is AssignmentRole.GUARDIAN else Mediator
    session.execute(select(model.id).where(model.id == person_id).with_for_update())


def active_guardian_assignment(session: Session, child_id: int) -> Assignment | None:
    return session.scalar(
        select(Assignment).where(
            Assignment.child_id == child_id,
            Assignment.role == AssignmentRole.GUARDIAN,
            Assignment.ends_on.is_(None),
        )
    )


def assignment_summary(a: Assignment) -> dict[str, object]:
    return {
        "child_id": a.child_id,
        "role": a.role,
        "guardian_id": a.guardian_id,
        "mediator_id": a.mediator_id,
        "starts_on": a.starts_on,
        "ends_on": a.ends_on,
        "reason": a.reason,
        "end_reason": a.end_reason,
        "end_reason_code": a.end_reason_code,
        "decision_ref": a.decision_ref,
        "override_reason": a.override_reason,
    }


def _check_person(
    session: Session, role: AssignmentRole, person: Guardian | Mediator, child: Child, on: date
) -> list[str]:
    """The hard rules this appointment would break, in plain words (translated)."""
    problems = []
    name = person.full_name
    if not person.active:
        problems.append(_("{name} is suspended").format(name=name))
    if person.vetting_expires_on is None:
        problems.append(_("{name} has no vetting on record").format(name=name))
    elif person.vetting_expires_on < on:
        problems.append(
            _("{name}'s vetting expired on {date}").format(
                name=name, date=date_text(person.vetting_expires_on)
            )
        )
    cap = min(person.max_caseload, get_settings(session).caseload_cap)
    lock_person(session, role, person.id)
    load = active_caseload(session, role, person.id)
    if load >= cap:
        # TRANSLATORS: {load} children are already in the care of someone who may have {cap}.
        problems.append(_("caseload {load} of {cap}").format(load=load, cap=cap))
    preference = (
        child.guardian_gender_preference
        if role is AssignmentRole.GUARDIAN
        else child.mediator_gender_preference
    )
    if preference.value != "any" and person.sex.value != preference.value:
        problems.append(asked_for_text(preference, role.value))
    return problems


def _assign(
    session: Session,
    role: AssignmentRole,
    child_id: int,
    person_id: int,
    *,
    starts_on: date,
    reason: str,
    decision_ref: str,
    override_reason: str,
) -> Assignment:
    child = get_child(session, child_id)
    kind: StaffKind = "guardian" if role is AssignmentRole.GUARDIAN else "mediator"
    person = get_staff(session, kind, person_id)
    v.parse_date("starts_on", starts_on, allow_future=True)
    if starts_on < child.identified_on:
        raise ValidationError(
            "starts_on",
            starts_on.isoformat(),
            # TRANSLATORS: {date} is the day the child was identified.
            _("is before the child was identified ({date})").format(
                date=date_text(child.identified_on)
            ),
        )
    if child.status not in OPEN_STATUSES:  # never overridable: reopen the case first
        raise RuleViolation(
            # TRANSLATORS: {status} is a case status such as "closed" or "transferred".
            _("{case_number}'s case is {status}; reopen it before appointing anyone").format(
                case_number=child.case_number, status=status_text(child.status)
            )
        )
    override_reason = override_reason.strip()
    problems = _check_person(session, role, person, child, starts_on)
    if problems and not override_reason:
        if role is AssignmentRole.GUARDIAN:
            # TRANSLATORS: {problems} lists the rules broken, separated by semicolons.
            text = _(
                "{name} cannot be appointed guardian of {case_number}: {problems}. "
                "An override needs a written reason."
            )
        else:
            # TRANSLATORS: {problems} lists the rules broken, separated by semicolons.
            text = _(
                "{name} cannot be appointed mediator of {case_number}: {problems}. "
                "An override needs a written reason."
            )
        raise RuleViolation(
            text.format(
                name=person.full_name, case_number=child.case_number, problems="; ".join(problems)
            )
        )
    if problems:
        require(session, Permission.OVERRIDE_RULES)
    if role is AssignmentRole.GUARDIAN:
        current = active_guardian_assignment(session, child.id)
        if current is not None:  # never overridable: the law allows one guardian
            raise RuleViolation(
                _(
                    "{case_number} already has a guardian (since {date}); "
                    "end that appointment first"
                ).format(case_number=child.case_number, date=date_text(current.starts_on))
            )
    assignment = Assignment(
        child_id=child.id,
        role=role,
        starts_on=starts_on,
        guardian_id=person.id if role is AssignmentRole.GUARDIAN else None,
        mediator_id=person.id if role is AssignmentRole.MEDIATOR else None,
        reason=v.text("reason", reason, max_length=500, required=False),
        decision_ref=v.text("decision_ref", decision_ref, max_length=100, required=False),
        override_reason=override_reason if problems else "",
    )
    case_number = child.case_number  # a failed savepoint expires the objects
    person_name = person.full_name
    session.flush()
    try:
        with session.begin_nested():  # the database's own rules: one guardian, caseload caps
            session.add(assignment)
            session.flush()
    except IntegrityError as error:
        if CASELOAD_CAP_REACHED in str(error.orig):
            raise RuleViolation(
                _(
                    "{name} has no free place left: another officer appointed them to a "
                    "child just now. Nothing was saved for {case_number}; choose someone else, "
                    "or give a written reason to override the cap."
                ).format(name=person_name, case_number=case_number)
            ) from None
        if role is AssignmentRole.GUARDIAN:
            text = _(
                "{case_number} already has an active guardian (saved by someone else just now)"
            )
        else:
            text = _(
                "{case_number} already has an active mediator (saved by someone else just now)"
            )
        raise RuleViolation(text.format(case_number=case_number)) from None
    if role is AssignmentRole.GUARDIAN and child.status in (
        ChildStatus.IDENTIFIED,
        ChildStatus.AWAITING_GUARDIAN,
    ):
        child.status = ChildStatus.UNDER_GUARDIANSHIP
    after = assignment_summary(assignment) | ({"overridden_rules": problems} if problems else {})
    audit.record(
        session, ENTITY, assignment.id, "override_assign" if problems else "assign", after=after
    )
    return assignment


@requires(Permission.EDIT_CASEWORK)
def assign_guardian(
    session: Session,
    child_id: int,
    guardian_id: int,
    *,
    starts_on: date,
    reason: str = "",
    decision_ref: str = "",
    override_reason: str = "",
) -> Assignment:
    return _assign(
        session,
        AssignmentRole.GUARDIAN,
        child_id,
        guardian_id,
        starts_on=starts_on,
        reason=reason,
        decision_ref=decision_ref,
        override_reason=override_reason,
    )


@requires(Permission.EDIT_CASEWORK)
def assign_mediator(
    session: Session,
    child_id: int,
    mediator_id: int,
    *,
    starts_on: date,
    reason: str = "",
    decision_ref: str = "",
    override_reason: str = "",
) -> Assignment:
    return _assign(
        session,
        AssignmentRole.MEDIATOR,
        child_id,
        mediator_id,
        starts_on=starts_on,
        reason=reason,
        decision_ref=decision_ref,
        override_reason=override_reason,
    )


@requires(Permission.EDIT_CASEWORK)
def end_assignment(
    session: Session,
    assignment_id: int,
    expected_version: int,
    *,
    ends_on: date,
    end_reason: str = "",
    reason_code: EndReason = EndReason.OTHER,
) -> Assignment:
    """End an appointment; the row stays as history. ``reason_code`` says why, ``end_reason``
    in the officer's words (required for "other"). Its visits are not touched here: see
    services/appointment_changes.py, which cancels or moves them."""
    end_reason = v.text("end_reason", end_reason, max_length=500, required=needs_note(reason_code))
    assignment = load_for_update(session, Assignment, assignment_id, expected_version, ENTITY)
    if assignment.ends_on is not None:
        raise RuleViolation(
            _("this appointment already ended on {date}").format(date=date_text(assignment.ends_on))
        )
    if ends_on < assignment.starts_on:
        raise ValidationError(
            "ends_on",
            ends_on.isoformat(),
            # TRANSLATORS: {date} is the day the appointment started.
            _("is before the appointment started ({date})").format(
                date=date_text(assignment.starts_on)
            ),
        )
    before = assignment_summary(assignment)
    assignment.ends_on = ends_on
    assignment.end_reason = end_reason
    assignment.end_reason_code = EndReason(reason_code)
    flush_checked(session, assignment, ENTITY, expected_version)
    child = assignment.child
    if (
        assignment.role is AssignmentRole.GUARDIAN
        and child.status is ChildStatus.UNDER_GUARDIANSHIP
    ):
        child.status = ChildStatus.AWAITING_GUARDIAN
    audit.record(
        session, ENTITY, assignment.id, "end", before=before, after=assignment_summary(assignment)
    )
    return assignment


@requires(Permission.READ_RECORDS)
def assignments_of_child(session: Session, child_id: int) -> list[Assignment]:
    return list(
        session.scalars(
            select(Assignment)
            .where(Assignment.child_id == child_id)
            .order_by(Assignment.starts_on, Assignment.id)
        )
    )
