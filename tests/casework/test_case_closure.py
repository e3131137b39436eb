"""Closing a case with a structured reason cascades (appointments end, planned visits are
cancelled and re-export as CANCELLED) exactly as listed beforehand; a case can be reopened."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy.orm import Session

from guardian_desk.calendars.export import export_calendar
from guardian_desk.calendars.reading import calendar_visits
from guardian_desk.domain.closure import ClosureReason, EndReason
from guardian_desk.domain.enums import ChildStatus, VisitPurpose, VisitStatus
from guardian_desk.domain.errors import RuleViolation, ValidationError, ValidationErrors
from guardian_desk.services import assignments, audit, children
from guardian_desk.services.case_closure import (
    case_closure,
    close_case,
    closure_plan,
    matching_refusal,
    reopen_case,
)
from tests.scheduling.office import Office

START = date(2026, 3, 2)
CLOSE = date(2026, 3, 16)


@pytest.fixture
def office(session: Session) -> Office:
    return Office(session)


def _case(office: Office):  # type: ignore[no-untyped-def]
    place = office.facility()
    guardian = office.guardian()
    mediator = office.mediator()
    child = office.child(place)
    office.appoint(child, guardian, START)
    office.mediate(child, mediator, START)
    held = office.stored_visit(child, office.at(2026, 3, 12, 10), guardian=guardian)
    planned = office.stored_visit(
        child, office.at(2026, 3, 18, 10), guardian=guardian, mediator=mediator
    )
    interview = office.stored_visit(
        child, office.at(2026, 3, 20, 11), mediator=mediator, purpose=VisitPurpose.ASYLUM_INTERVIEW
    )
    return child, guardian, mediator, held, planned, interview


def test_closing_ends_the_appointments_and_cancels_the_visits_listed(
    session: Session, office: Office
) -> None:
    child, guardian, mediator, earlier, planned, interview = _case(office)
    plan = closure_plan(session, child.id, CLOSE)
    assert [a.role for a in plan.appointments] == ["guardian", "mediator"]
    assert [c.visit_id for c in plan.visits] == [planned.id, interview.id]

    done = close_case(
        session,
        child.id,
        child.version,
        reason=ClosureReason.TRANSFERRED,
        on=CLOSE,
        note="to the Kosovo office",
        confirmed=plan,
    )

    assert done.changes() == plan.changes()
    assert child.status is ChildStatus.TRANSFERRED
    assert (child.closure_reason, child.closed_on) == (ClosureReason.TRANSFERRED, CLOSE)
    assert child.closure_note == "to the Kosovo office"
    assert "Kosovo" not in child.notes  # the reason has its column, not a line in the notes
    rows = assignments.assignments_of_child(session, child.id)
    assert {(r.ends_on, r.end_reason_code) for r in rows} == {(CLOSE, EndReason.CHILD_TRANSFERRED)}
    assert assignments.active_caseload(session, rows[0].role, guardian.id) == 0
    assert earlier.status is VisitStatus.PLANNED
    assert planned.status is VisitStatus.CANCELLED and interview.status is VisitStatus.CANCELLED
    exported = {v.visit_id: v for v in calendar_visits(session)}
    assert exported[planned.id].status is VisitStatus.CANCELLED
    assert exported[planned.id].sequence == 1  # calendars see the change
    ics = export_calendar(session, "mediator", mediator.id).content.decode()
    assert ics.count("STATUS:CANCELLED") == 2
    closed = audit.history(session, "child", child.id)[-1]
    assert closed.action == "close"
    assert closed.after["closure_reason"] == "transferred"
    assert closed.after["cancelled_visits"] == [planned.id, interview.id]


def test_a_plan_that_changed_since_it_was_shown_closes_nothing(
    session: Session, office: Office
) -> None:
    child, guardian, *_rest = _case(office)
    plan = closure_plan(session, child.id, CLOSE)
    office.stored_visit(child, office.at(2026, 3, 27, 10), guardian=guardian)
    with pytest.raises(RuleViolation, match="changed since you looked"):
        close_case(
            session,
            child.id,
            child.version,
            reason=ClosureReason.REUNIFIED,
            on=CLOSE,
            confirmed=plan,
        )
    assert child.status is ChildStatus.UNDER_GUARDIANSHIP


def test_the_reason_other_needs_words_and_the_day_must_make_sense(
    session: Session, office: Office
) -> None:
    child, *_rest = _case(office)
    with pytest.raises(ValidationError, match="note"):
        close_case(session, child.id, child.version, reason=ClosureReason.OTHER, on=CLOSE)
    with pytest.raises(ValidationError, match="future"):
        closure_plan(session, child.id, date(2099, 1, 1))
    with pytest.raises(ValidationError, match="before"):
        closure_plan(session, child.id, date(2026, 3, 1))  # the guardian came on 2 March


def test_reopening_clears_the_closure_and_is_audited(session: Session, office: Office) -> None:
    child, *_rest = _case(office)
    close_case(session, child.id, child.version, reason=ClosureReason.TURNED_18, on=CLOSE)
    assert case_closure(session, child.id).reason is ClosureReason.TURNED_18
    assert child.status is ChildStatus.AGED_OUT
    with pytest.raises(RuleViolation, match="already"):
        close_case(session, child.id, child.version, reason=ClosureReason.MOVED_ON, on=CLOSE)

    reopen_case(session, child.id, child.version, note="the age assessment was wrong")

    assert child.status is ChildStatus.AWAITING_GUARDIAN
    assert (child.closure_reason, child.closed_on, child.closure_note) == (None, None, "")
    event = audit.history(session, "child", child.id)[-1]
    assert event.action == "reopen"
    assert event.before["closure_reason"] == "turned_18"
    with pytest.raises(RuleViolation, match="open"):
        reopen_case(session, child.id, child.version)


def test_the_old_close_child_goes_the_same_way(session: Session, office: Office) -> None:
    child, *_rest = _case(office)
    children.close_child(
        session, child.id, child.version, "with her mother", ChildStatus.REUNIFIED, CLOSE
    )
    assert (child.closure_reason, child.closure_note) == (
        ClosureReason.REUNIFIED,
        "with her mother",
    )
    assert assignments.active_guardian_assignment(session, child.id) is None


def test_closing_by_editing_the_status_is_refused_reopening_clears(
    session: Session, office: Office
) -> None:
    child, *_rest = _case(office)
    data = children.child_data(session, child)
    data.status = ChildStatus.REUNIFIED
    with pytest.raises(ValidationErrors, match="use Close case"):
        children.update_child(session, child.id, data, child.version)
    close_case(session, child.id, child.version, reason=ClosureReason.MISSING, on=CLOSE)
    data = children.child_data(session, child)
    data.status = ChildStatus.AWAITING_GUARDIAN
    children.update_child(session, child.id, data, child.version)
    assert child.closure_reason is None


def test_find_a_guardian_is_off_for_closed_cases_and_children_with_a_guardian() -> None:
    assert matching_refusal(ChildStatus.AWAITING_GUARDIAN, False) is None
    assert "reopen" in (matching_refusal(ChildStatus.TRANSFERRED, False) or "")
    assert "already has a guardian" in (
        matching_refusal(ChildStatus.UNDER_GUARDIANSHIP, True) or ""
    )


def test_no_one_is_appointed_to_a_closed_case(session: Session, office: Office) -> None:
    child, guardian, *_rest = _case(office)
    close_case(session, child.id, child.version, reason=ClosureReason.MOVED_ON, on=CLOSE)
    with pytest.raises(RuleViolation, match="reopen it before appointing"):
        assignments.assign_guardian(
            session, child.id, guardian.id, starts_on=CLOSE, override_reason="urgent"
        )
