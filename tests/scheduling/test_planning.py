"""Planning weeks of visits: the policy, the order, nobody double-booked, and saving a plan."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from guardian_desk.db.models import AuditEvent, Visit
from guardian_desk.domain.enums import VisitStatus
from guardian_desk.domain.records import AbsencePeriod, WeeklyWindow
from guardian_desk.scheduling import DoubleBooking, PlanCancelled, apply_plan, plan
from guardian_desk.services.visits import create_visit
from tests.scheduling.office import Office

MONDAY = date(2026, 3, 9)
ONE_HOUR_ON_MONDAYS = [WeeklyWindow(1, 540, 600)]


def test_first_visit_within_a_week_then_one_every_interval(session: Session) -> None:
    office = Office(session)
    place = office.facility()
    new = office.child(place, given_name="New")
    office.appoint(new, office.guardian(given_name="Besa"), date(2026, 3, 2))
    seen = office.child(place, given_name="Seen")
    office.appoint(seen, guardian := office.guardian(given_name="Drita"), date(2026, 1, 5))
    office.stored_visit(
        seen, office.at(2026, 2, 20, 10), guardian=guardian, facility=place, status=VisitStatus.HELD
    )
    booked = office.child(place, given_name="Booked")
    office.appoint(booked, other := office.guardian(given_name="Arben"), date(2026, 1, 5))
    office.stored_visit(booked, office.at(2026, 3, 10, 10), guardian=other, facility=place)

    made = plan(session, MONDAY, 2)

    assert (made.first_day, made.last_day, made.not_due) == (MONDAY, date(2026, 3, 22), 1)
    first, later = made.proposals
    assert (first.case_number, first.due_on, first.first_visit) == (
        new.case_number, date(2026, 3, 9), True,
    )  # fmt: skip
    assert first.starts_at == office.at(2026, 3, 9, 9) and first.days_overdue == 0
    # Due 30 days after 20 February; placed from a week before that, and 16 March is a
    # public holiday (Summer Day, observed).
    assert (later.case_number, later.due_on, later.first_visit) == (
        seen.case_number, date(2026, 3, 22), False,
    )  # fmt: skip
    assert later.starts_at == office.at(2026, 3, 17, 9)
    assert later.ends_at_utc.hour == 9 and later.facility_name == "Tirana Reception Centre"
    assert made.unplaced == ()


def test_the_most_overdue_child_gets_the_scarce_slot(session: Session) -> None:
    office = Office(session)
    place = office.facility(ONE_HOUR_ON_MONDAYS)
    guardian = office.guardian()
    recent = office.child(place, given_name="Recent")
    office.appoint(recent, guardian, date(2026, 3, 1))
    overdue = office.child(place, given_name="Overdue")
    office.appoint(overdue, guardian, date(2026, 2, 1))

    made = plan(session, MONDAY, 1)

    (proposal,) = made.proposals
    assert proposal.case_number == overdue.case_number and proposal.days_overdue == 29
    (unplaced,) = made.unplaced
    assert unplaced.case_number == recent.case_number and unplaced.days_overdue == 1
    assert unplaced.reason == (
        "guardian Elira Hoxha fully booked on 9 March (they can meet only Mon 09:00–10:00)"
    )


def test_the_childs_mediator_comes_and_an_absence_is_named(session: Session) -> None:
    office = Office(session)
    place = office.facility()
    with_mediator = office.child(place, given_name="Omid")
    office.appoint(with_mediator, office.guardian(), date(2026, 3, 2))
    farid = office.mediator(absences=[AbsencePeriod(date(2026, 3, 1), date(2026, 3, 31))])
    office.mediate(with_mediator, farid, date(2026, 3, 2))
    yonas = office.child(place, given_name="Yonas")
    office.appoint(yonas, office.guardian(given_name="Drita"), date(2026, 3, 2))
    office.mediate(yonas, office.mediator(given_name="Aziz"), date(2026, 3, 2))
    nowhere = office.child(None, given_name="Nowhere")
    office.appoint(nowhere, office.guardian(given_name="Arben"), date(2026, 3, 2))

    made = plan(session, MONDAY, 2)

    (proposal,) = made.proposals
    assert (proposal.case_number, proposal.mediator_name) == (yonas.case_number, "Aziz Noori")
    reasons = {u.case_number: u.reason for u in made.unplaced}
    assert reasons == {
        with_mediator.case_number: (
            "mediator Farid Noori absent 1–31 March (they can meet only Mon–Fri 09:00–13:00)"
        ),
        nowhere.case_number: "the child has no facility on record; book this visit with a place",
    }


def test_proposals_never_share_anyones_time(session: Session) -> None:
    office = Office(session)
    place = office.facility()
    elsewhere = office.facility(name="Durrës Shelter")
    guardian = office.guardian()
    kids = [office.child(place, given_name=f"Child{n}") for n in range(4)]
    for kid in kids:
        office.appoint(kid, guardian, date(2026, 3, 2))
    far = office.child(elsewhere, given_name="Far")
    office.appoint(far, guardian, date(2026, 3, 2))
    office.stored_visit(far, office.at(2026, 3, 9, 9), guardian=guardian, facility=elsewhere)

    made = plan(session, MONDAY, 1)

    assert len(made.proposals) == 4
    # 09:00-10:00 elsewhere, 30 minutes to travel, then back to back at the same centre.
    by_day: dict[date, list[tuple[int, int]]] = {}
    for p in made.proposals:
        by_day.setdefault(p.starts_at.date(), []).append((p.starts_at.hour, p.starts_at.minute))
    assert by_day[MONDAY] == [(10, 30), (11, 30)]
    assert sorted(by_day[date(2026, 3, 10)]) == [(9, 0), (10, 0)]


def test_applying_saves_audits_and_checks_again(session: Session) -> None:
    office = Office(session)
    place = office.facility()
    guardian, other = office.guardian(), office.guardian(given_name="Drita")
    first, second = office.child(place, given_name="One"), office.child(place, given_name="Two")
    office.appoint(first, guardian, date(2026, 3, 2))
    office.appoint(second, other, date(2026, 3, 2))
    made = plan(session, MONDAY, 1)
    assert len(made.proposals) == 2
    # Meanwhile someone books the first guardian at the proposed time, for another child.
    third = office.child(place, given_name="Three")
    office.appoint(third, guardian, date(2026, 3, 2))
    create_visit(session, third.id, starts_at=made.proposals[0].starts_at)

    with pytest.raises(DoubleBooking) as refused:
        apply_plan(session, made.proposals)
    assert str(refused.value).startswith(
        f"{made.proposals[0].case_number}: guardian Elira Hoxha already has a visit 09:00–10:00 "
        f"on 9 March (case {third.case_number})"
    )
    saved = apply_plan(session, made.proposals, skip_conflicts=True)

    assert len(saved.visit_ids) == 1 and len(saved.skipped) == 1
    visit = session.get(Visit, saved.visit_ids[0])
    assert visit is not None and visit.child_id == second.id
    assert (visit.status, visit.sequence, visit.facility_id) == (VisitStatus.PLANNED, 0, place.id)
    rows = session.scalars(
        select(AuditEvent).where(
            AuditEvent.entity == "visit", AuditEvent.entity_id == str(visit.id)
        )
    ).all()
    assert [(r.action, (r.after or {})["source"]) for r in rows] == [("create", "plan")]
    # Planned now, so no longer due in these weeks.
    again = plan(session, MONDAY, 1)
    assert [p.case_number for p in again.proposals] == [first.case_number]
    assert again.not_due == 2


def test_progress_and_cancel(session: Session) -> None:
    office = Office(session)
    place = office.facility()
    for n in range(3):
        kid = office.child(place, given_name=f"Kid{n}")
        office.appoint(kid, office.guardian(given_name=f"G{n}"), date(2026, 3, 2))
    reports: list[tuple[int, int]] = []
    made = plan(session, MONDAY, 1, progress=lambda done, total: reports.append((done, total)))
    assert reports[-1] == (3, 3) and len(made.proposals) == 3
    with pytest.raises(PlanCancelled):
        plan(session, MONDAY, 1, cancel=lambda: True)
    with pytest.raises(PlanCancelled):
        apply_plan(session, made.proposals, cancel=lambda: True)
    assert session.scalar(select(func.count()).select_from(Visit)) == 0


def test_nothing_is_proposed_before_now_even_when_planning_from_today(session: Session) -> None:
    office = Office(session)
    place = office.facility()
    kid = office.child(place, given_name="Late")
    office.appoint(kid, office.guardian(), date(2026, 3, 2))

    # Monday 10:07 in Tirana: 09:00 and 10:00 have gone; the next quarter hour is 10:15.
    made = plan(session, MONDAY, 1, now=office.at(2026, 3, 9, 10, 7))

    (proposal,) = made.proposals
    assert proposal.starts_at == office.at(2026, 3, 9, 10, 15)
    # Late in the evening: not today at all.
    made = plan(session, MONDAY, 1, now=office.at(2026, 3, 9, 21, 0))
    (proposal,) = made.proposals
    assert proposal.starts_at == office.at(2026, 3, 10, 9)


def test_the_default_now_is_the_current_time(
    session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    office = Office(session)
    place = office.facility()
    kid = office.child(place, given_name="Late")
    office.appoint(kid, office.guardian(), date(2026, 3, 2))
    monkeypatch.setattr(
        "guardian_desk.scheduling.planning.current_time", lambda: office.at(2026, 3, 9, 12, 50)
    )
    (proposal,) = plan(session, MONDAY, 1).proposals
    assert proposal.starts_at > office.at(2026, 3, 9, 12, 50)
