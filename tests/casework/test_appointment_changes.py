"""Ending an appointment (date, structured reason) and changing the guardian in one step:
visits moved or cancelled as chosen, caseload caps held, everything audited."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from guardian_desk.db.models import Assignment, Visit
from guardian_desk.domain.closure import EndReason
from guardian_desk.domain.enums import ChildStatus, VisitStatus
from guardian_desk.domain.errors import RuleViolation, ValidationError
from guardian_desk.services import assignments, audit
from guardian_desk.services.appointment_changes import (
    VisitChoice,
    change_guardian,
    current_appointments,
    end_appointment,
    visits_touched,
)
from tests.scheduling.office import Office

START = date(2026, 3, 2)
CHANGE = date(2026, 3, 16)


@pytest.fixture
def office(session: Session) -> Office:
    return Office(session)


def _case(office: Office):  # type: ignore[no-untyped-def]
    place = office.facility()
    old = office.guardian()
    new = office.guardian(given_name="Arben", family_name="Krasniqi")
    child = office.child(place)
    office.appoint(child, old, START)
    before = office.stored_visit(child, office.at(2026, 3, 12, 10), guardian=old, facility=place)
    after = office.stored_visit(child, office.at(2026, 3, 18, 10), guardian=old, facility=place)
    later = office.stored_visit(child, office.at(2026, 3, 25, 10), guardian=old, facility=place)
    return place, old, new, child, before, after, later


def _guardian_appointment(session: Session, child_id: int) -> Assignment:
    found = assignments.active_guardian_assignment(session, child_id)
    assert found is not None
    return found


def test_ending_an_appointment_keeps_the_reason_and_cancels_the_visits_from_that_day(
    session: Session, office: Office
) -> None:
    _place, _old, _new, child, before, after, later = _case(office)
    a = _guardian_appointment(session, child.id)
    assert [p.visit_id for p in visits_touched(session, a.id, CHANGE)] == [after.id, later.id]

    done = end_appointment(session, a.id, a.version, ends_on=CHANGE, reason=EndReason.RESIGNED)

    assert (a.ends_on, a.end_reason_code, a.end_reason) == (CHANGE, EndReason.RESIGNED, "")
    assert done.cancelled == (after.id, later.id)
    assert before.status is VisitStatus.PLANNED  # before the end: the officer records it
    assert after.status is VisitStatus.CANCELLED and after.sequence == 1
    assert "resigned" in after.outcome_note
    assert child.status is ChildStatus.AWAITING_GUARDIAN
    assert current_appointments(session, child.id) == []
    assert audit.history(session, "assignment", a.id)[-1].after["end_reason_code"] == "resigned"


def test_other_needs_the_officers_words(session: Session, office: Office) -> None:
    _place, _old, _new, child, *_visits = _case(office)
    a = _guardian_appointment(session, child.id)
    with pytest.raises(ValidationError, match="note"):
        end_appointment(session, a.id, a.version, ends_on=CHANGE, reason=EndReason.OTHER)
    end_appointment(
        session, a.id, a.version, ends_on=CHANGE, reason=EndReason.OTHER, note="moved to Durrës"
    )
    assert a.end_reason == "moved to Durrës"


def test_changing_the_guardian_moves_the_visits(session: Session, office: Office) -> None:
    _place, old, new, child, before, after, later = _case(office)
    a = _guardian_appointment(session, child.id)

    done = change_guardian(
        session,
        a.id,
        a.version,
        new.id,
        on=CHANGE,
        visits_choice=VisitChoice.MOVE,
        handover_note="Speaks little; likes football",
    )

    rows = session.scalars(
        select(Assignment).where(Assignment.child_id == child.id).order_by(Assignment.id)
    ).all()
    assert [(r.guardian_id, r.starts_on, r.ends_on) for r in rows] == [
        (old.id, START, CHANGE),
        (new.id, CHANGE, None),
    ]
    assert rows[0].end_reason_code is EndReason.REPLACED
    assert rows[1].reason == "Speaks little; likes football"
    assert done.moved == (after.id, later.id) and done.cancelled == ()
    assert (after.guardian_id, after.status, after.sequence) == (new.id, VisitStatus.PLANNED, 1)
    assert before.guardian_id == old.id
    assert child.status is ChildStatus.UNDER_GUARDIANSHIP
    changed = audit.history(session, "assignment", done.new_id)[-1]
    assert changed.action == "change_guardian"
    assert changed.after["handover_note"] == "Speaks little; likes football"


def test_changing_the_guardian_can_cancel_the_visits(session: Session, office: Office) -> None:
    _place, _old, new, child, _before, after, later = _case(office)
    a = _guardian_appointment(session, child.id)
    done = change_guardian(
        session, a.id, a.version, new.id, on=CHANGE, visits_choice=VisitChoice.CANCEL
    )
    assert done.cancelled == (after.id, later.id)
    assert {after.status, later.status} == {VisitStatus.CANCELLED}


def test_a_visit_the_new_guardian_cannot_take_refuses_the_whole_change(
    session: Session, office: Office
) -> None:
    place, _old, new, child, _before, after, _later = _case(office)
    other = office.child(place, given_name="Samir")
    office.appoint(other, new, START)
    office.stored_visit(other, office.at(2026, 3, 18, 10), guardian=new, facility=place)
    a = _guardian_appointment(session, child.id)
    session.commit()
    with pytest.raises(RuleViolation, match="cannot go to the new guardian"):
        change_guardian(session, a.id, a.version, new.id, on=CHANGE, visits_choice=VisitChoice.MOVE)
    session.rollback()
    assert _guardian_appointment(session, child.id).id == a.id
    assert session.get(Visit, after.id).guardian_id != new.id  # type: ignore[union-attr]


def test_the_caseload_cap_still_holds(session: Session, office: Office) -> None:
    place, _old, _new, child, *_visits = _case(office)
    full = office.guardian(given_name="Besa", max_caseload=1)
    office.appoint(office.child(place, given_name="Omid"), full, START)
    a = _guardian_appointment(session, child.id)
    session.commit()
    with pytest.raises(RuleViolation, match="caseload 1 of 1"):
        change_guardian(
            session, a.id, a.version, full.id, on=CHANGE, visits_choice=VisitChoice.CANCEL
        )
    session.rollback()
    assert _guardian_appointment(session, child.id).ends_on is None


def test_the_same_guardian_or_a_mediator_cannot_be_changed_this_way(
    session: Session, office: Office
) -> None:
    _place, old, new, child, *_visits = _case(office)
    a = _guardian_appointment(session, child.id)
    with pytest.raises(RuleViolation, match="already the guardian"):
        change_guardian(session, a.id, a.version, old.id, on=CHANGE, visits_choice="move")  # type: ignore[arg-type]
    mediator = office.mediator()
    office.mediate(child, mediator, START)
    m = next(x for x in current_appointments(session, child.id) if x.role == "mediator")
    with pytest.raises(RuleViolation, match="mediator, not a guardian"):
        change_guardian(
            session, m.assignment_id, m.version, new.id, on=CHANGE, visits_choice=VisitChoice.MOVE
        )
