"""Booking, moving, cancelling and recording visits: clashes named, sequence raised, audited."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy.orm import Session

from guardian_desk.domain.enums import VisitPurpose, VisitStatus
from guardian_desk.domain.errors import ConflictError, RuleViolation, ValidationError
from guardian_desk.domain.records import AbsencePeriod
from guardian_desk.scheduling import DoubleBooking, OutsideAvailability, visit_info, visits_between
from guardian_desk.services import audit, staff
from guardian_desk.services.visits import (
    cancel_visit,
    create_visit,
    move_visit,
    record_outcome,
)
from tests.scheduling.office import Office


@pytest.fixture
def office(session: Session) -> Office:
    return Office(session)


def _two_children(office: Office):  # type: ignore[no-untyped-def]
    place = office.facility()
    guardian = office.guardian()
    first, second = office.child(place, given_name="Omid"), office.child(place, given_name="Samir")
    office.appoint(first, guardian, date(2026, 3, 2))
    office.appoint(second, guardian, date(2026, 3, 2))
    return place, guardian, first, second


def test_a_visit_is_booked_with_the_childs_guardian_at_the_facility(
    session: Session, office: Office
) -> None:
    place, guardian, child, _ = _two_children(office)
    visit = create_visit(session, child.id, starts_at=office.at(2026, 3, 12, 10))
    assert (visit.guardian_id, visit.facility_id, visit.mediator_id) == (
        guardian.id,
        place.id,
        None,
    )
    assert visit.starts_at == datetime(2026, 3, 12, 9, tzinfo=UTC)
    assert visit.ends_at == datetime(2026, 3, 12, 10, tzinfo=UTC)  # the office's 60 minutes
    assert (visit.status, visit.sequence, visit.purpose) == (
        VisitStatus.PLANNED, 0, VisitPurpose.VISIT,
    )  # fmt: skip
    (event,) = audit.history(session, "visit", visit.id)
    assert event.action == "create" and event.actor == "test-officer" and event.after
    assert event.after["starts_at"] == "2026-03-12T09:00:00+00:00"
    info = visit_info(session, visit.id)
    assert info.starts_at == office.at(2026, 3, 12, 10) and info.guardian_name == "Elira Hoxha"
    assert [v.visit_id for v in visits_between(session, date(2026, 3, 12), date(2026, 3, 12))] == [
        visit.id
    ]


def test_a_double_booking_names_the_clash(session: Session, office: Office) -> None:
    _place, _guardian, first, second = _two_children(office)
    create_visit(session, first.id, starts_at=office.at(2026, 3, 12, 10))
    with pytest.raises(DoubleBooking) as refused:
        create_visit(session, second.id, starts_at=office.at(2026, 3, 12, 10, 30))
    assert str(refused.value) == (
        f"guardian Elira Hoxha already has a visit 10:00–11:00 on 12 March "
        f"(case {first.case_number})"
    )
    # Back to back at the same facility is fine; elsewhere needs the travel time.
    create_visit(session, second.id, starts_at=office.at(2026, 3, 12, 11))


def test_travel_time_is_named_when_only_it_clashes(session: Session, office: Office) -> None:
    _place, guardian, first, _ = _two_children(office)
    other = office.facility(name="Durrës Shelter")
    third = office.child(other, given_name="Yonas")
    office.appoint(third, guardian, date(2026, 3, 2))
    create_visit(session, first.id, starts_at=office.at(2026, 3, 12, 10))
    with pytest.raises(DoubleBooking) as refused:
        create_visit(session, third.id, starts_at=office.at(2026, 3, 12, 11, 15))
    assert refused.value.clashes == (
        f"guardian Elira Hoxha has a visit 10:00–11:00 on 12 March (case {first.case_number}) "
        "elsewhere and needs 30 minutes to travel between them",
    )
    create_visit(session, third.id, starts_at=office.at(2026, 3, 12, 11, 30))


def test_outside_hours_needs_a_written_reason(session: Session, office: Office) -> None:
    _place, _guardian, child, _ = _two_children(office)
    with pytest.raises(OutsideAvailability) as refused:
        create_visit(session, child.id, starts_at=office.at(2026, 3, 14, 10))  # a Saturday
    assert refused.value.problems == (
        "14 March is a public holiday (Summer Day)",
        "Tirana Reception Centre admits visitors only Mon–Fri 09:00–13:00",
        "guardian Elira Hoxha is free only Mon–Fri 09:00–13:00",
    )
    visit = create_visit(
        session,
        child.id,
        starts_at=office.at(2026, 3, 14, 10),
        override_reason="the centre opens for the festival day",
    )
    (event,) = audit.history(session, "visit", visit.id)
    assert event.action == "override_create" and event.after
    assert event.after["override_reason"] == "the centre opens for the festival day"
    assert len(event.after["overridden"]) == 3


def test_absence_and_suspension(session: Session, office: Office) -> None:
    place = office.facility()
    away = [AbsencePeriod(date(2026, 3, 9), date(2026, 3, 13), "training")]
    guardian = office.guardian(absences=away)
    child = office.child(place)
    office.appoint(child, guardian, date(2026, 3, 2))
    with pytest.raises(OutsideAvailability, match=r"guardian Elira Hoxha is absent 9–13 March"):
        create_visit(session, child.id, starts_at=office.at(2026, 3, 12, 10))
    staff.set_active(
        session, "guardian", guardian.id, guardian.version, active=False, reason="under review"
    )
    with pytest.raises(RuleViolation, match="is suspended \\(under review\\) and cannot be booked"):
        create_visit(session, child.id, starts_at=office.at(2026, 3, 18, 10), override_reason="x")


def test_times_that_do_not_exist_or_make_no_sense_are_refused(
    session: Session, office: Office
) -> None:
    _place, _guardian, child, _ = _two_children(office)
    with pytest.raises(ValidationError) as refused:
        create_visit(session, child.id, starts_at=office.at(2026, 3, 29, 2, 30))
    assert refused.value.field == "starts_at"
    assert refused.value.reason == "does not exist: the clocks go forward over that hour"
    with pytest.raises(ValidationError, match="needs a date, a time and the office's time zone"):
        create_visit(session, child.id, starts_at=datetime(2026, 3, 12, 10))
    with pytest.raises(ValidationError, match="must be after the start"):
        create_visit(
            session,
            child.id,
            starts_at=office.at(2026, 3, 12, 10),
            ends_at=office.at(2026, 3, 12, 9),
        )
    with pytest.raises(ValidationError) as refused:
        create_visit(
            session, child.id, starts_at=office.at(2026, 3, 12, 10), guardian_id=None,
            mediator_id=office.mediator().id,
        )  # fmt: skip
    assert refused.value.field == "guardian_id"


def test_moving_raises_the_sequence_and_checks_again(session: Session, office: Office) -> None:
    _place, _guardian, first, second = _two_children(office)
    visit = create_visit(session, first.id, starts_at=office.at(2026, 3, 12, 10))
    other = create_visit(session, second.id, starts_at=office.at(2026, 3, 13, 10))
    # A move onto itself (half an hour later) does not clash with its old time.
    moved = move_visit(session, visit.id, visit.version, starts_at=office.at(2026, 3, 12, 10, 30))
    assert moved.sequence == 1
    assert moved.ends_at == datetime(2026, 3, 12, 10, 30, tzinfo=UTC)  # the length kept
    assert [e.action for e in audit.history(session, "visit", visit.id)] == ["create", "move"]
    with pytest.raises(ConflictError):
        move_visit(session, visit.id, 1, starts_at=office.at(2026, 3, 12, 11))
    with pytest.raises(DoubleBooking, match="already has a visit 10:00–11:00 on 13 March"):
        move_visit(session, visit.id, moved.version, starts_at=office.at(2026, 3, 13, 10))
    assert other.sequence == 0
    # Moving to the same time changes nothing and writes nothing.
    same = move_visit(session, visit.id, moved.version, starts_at=office.at(2026, 3, 12, 10, 30))
    assert same.sequence == 1 and len(audit.history(session, "visit", visit.id)) == 2


def test_cancelling_needs_a_reason_and_frees_the_time(session: Session, office: Office) -> None:
    _place, _guardian, first, second = _two_children(office)
    visit = create_visit(session, first.id, starts_at=office.at(2026, 3, 12, 10))
    with pytest.raises(ValidationError) as refused:
        cancel_visit(session, visit.id, visit.version, "  ")
    assert refused.value.field == "reason"
    cancel_visit(session, visit.id, visit.version, "the child is in hospital")
    assert (visit.status, visit.sequence, visit.outcome_note) == (
        VisitStatus.CANCELLED, 1, "the child is in hospital",
    )  # fmt: skip
    create_visit(session, second.id, starts_at=office.at(2026, 3, 12, 10))
    with pytest.raises(RuleViolation, match="only a planned visit can be moved"):
        move_visit(session, visit.id, visit.version, starts_at=office.at(2026, 3, 16, 10))


def test_outcomes_held_missed_cancelled(session: Session, office: Office) -> None:
    _place, _guardian, child, _ = _two_children(office)
    visit = create_visit(session, child.id, starts_at=office.at(2026, 3, 12, 10))
    before = datetime(2026, 3, 12, 8, tzinfo=UTC)
    with pytest.raises(RuleViolation, match=r"has not started yet \(10:00–11:00 on 12 March\)"):
        record_outcome(session, visit.id, visit.version, VisitStatus.HELD, now=before)
    after = datetime(2026, 3, 12, 12, tzinfo=UTC)
    with pytest.raises(ValidationError) as refused:
        record_outcome(session, visit.id, visit.version, VisitStatus.MISSED, now=after)
    assert refused.value.field == "note"
    record_outcome(
        session, visit.id, visit.version, VisitStatus.HELD, "calm, asked about school", now=after
    )
    assert (visit.status, visit.sequence) == (VisitStatus.HELD, 1)
    record_outcome(
        session,
        visit.id,
        visit.version,
        VisitStatus.MISSED,
        "the child was at the clinic",
        now=after,
    )
    assert (visit.status, visit.sequence, visit.outcome_note) == (
        VisitStatus.MISSED, 2, "the child was at the clinic",
    )  # fmt: skip
    with pytest.raises(RuleViolation, match="cannot be cancelled now"):
        record_outcome(session, visit.id, visit.version, VisitStatus.CANCELLED, "late", now=after)
    with pytest.raises(ValidationError):
        record_outcome(session, visit.id, visit.version, VisitStatus.PLANNED, now=after)
    actions = [e.action for e in audit.history(session, "visit", visit.id)]
    assert actions == ["create", "outcome", "outcome"]


def test_the_home_page_counts_only_held_guardian_visits(session: Session, office: Office) -> None:
    from guardian_desk.services.home import home_summary

    place = office.facility()
    guardian = office.guardian()
    child = office.child(place)
    office.appoint(child, guardian, date(2026, 1, 5))
    office.stored_visit(child, office.at(2026, 3, 2, 10), guardian=guardian, facility=place,
                        status=VisitStatus.PLANNED)  # fmt: skip
    office.stored_visit(child, office.at(2026, 3, 3, 10), mediator=office.mediator(),
                        place="Asylum Office", purpose=VisitPurpose.ASYLUM_INTERVIEW,
                        status=VisitStatus.HELD)  # fmt: skip
    flagged = home_summary(session, today=date(2026, 3, 9)).overdue_visits
    assert [o.child_id for o in flagged.lines] == [child.id]
    office.stored_visit(child, office.at(2026, 3, 4, 10), guardian=guardian, facility=place,
                        status=VisitStatus.HELD)  # fmt: skip
    assert home_summary(session, today=date(2026, 3, 9)).overdue_visits.total == 0
