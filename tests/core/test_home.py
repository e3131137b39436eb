"""The home page's lists: deadlines in working days, vettings, visits overdue, the week's visits."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import event
from sqlalchemy.orm import Session

from guardian_desk.db.models import Visit
from guardian_desk.domain.enums import ChildStatus, VisitPurpose, VisitStatus
from guardian_desk.services import assignments, children, facilities, staff
from guardian_desk.services.home import home_summary
from tests.core import factories


def _guardian(session: Session, **overrides: object) -> int:
    return staff.create_staff(session, "guardian", factories.guardian(**overrides)).id


def _child(session: Session, **overrides: object) -> int:
    return children.create_child(session, factories.child(**overrides)).id


def _appointed(session: Session, guardian_id: int, on: date, **overrides: object) -> int:
    child_id = _child(session, identified_on=on - timedelta(days=3), **overrides)
    assignments.assign_guardian(session, child_id, guardian_id, starts_on=on)
    return child_id


def _visit(
    session: Session,
    child_id: int,
    guardian_id: int,
    starts_at: datetime,
    status: VisitStatus = VisitStatus.HELD,
    **extra: object,
) -> int:
    visit = Visit(
        child_id=child_id,
        guardian_id=guardian_id,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=1),
        status=status,
        **extra,
    )
    session.add(visit)
    session.flush()
    return visit.id


# --- waiting for a guardian ----------------------------------------------------------------------


def test_deadline_counts_albanian_working_days_and_overdue_comes_first(session: Session) -> None:
    # The office is in Albania (the default). Identified on Friday 20 Nov 2026: 15 working days,
    # skipping 23 Nov, 30 Nov, 1 Dec and 8 Dec (public holidays), end on Thursday 17 Dec.
    recent = _child(session, given_name="Yonas", identified_on=date(2026, 11, 20))
    late = _child(session, given_name="Omid", identified_on=date(2026, 10, 1))
    taken = _child(session, given_name="Samir", identified_on=date(2026, 10, 2))
    assignments.assign_guardian(session, taken, _guardian(session), starts_on=date(2026, 10, 5))
    _child(session, identified_on=date(2026, 9, 1), status=ChildStatus.MISSING)

    summary = home_summary(session, today=date(2026, 11, 27))

    assert [w.child_id for w in summary.waiting.lines] == [late, recent]
    assert summary.waiting.total == 2
    assert summary.waiting_overdue == 1
    first, second = summary.waiting.lines
    assert second.deadline == date(2026, 12, 17)
    # 30 Nov - 17 Dec holds 14 weekdays, three of them holidays.
    assert second.working_days_left == 11
    assert second.name == "Yonas Rahimi"
    assert second.original_name == "احمد رحیمی"
    # 1 Oct + 15 working days is 22 Oct; 23 Oct - 27 Nov holds 26 weekdays, 23 Nov a holiday.
    assert first.deadline == date(2026, 10, 22)
    assert first.working_days_left == -25
    assert summary.appointment_deadline_days == 15


def test_deadline_day_itself_leaves_zero_and_is_not_overdue(session: Session) -> None:
    _child(session, identified_on=date(2026, 11, 20))
    summary = home_summary(session, today=date(2026, 12, 17))
    assert summary.waiting.lines[0].working_days_left == 0
    assert summary.waiting_overdue == 0
    summary = home_summary(session, today=date(2026, 12, 18))
    assert summary.waiting.lines[0].working_days_left == -1
    assert summary.waiting_overdue == 1


def test_long_lists_are_cut_but_counted(session: Session) -> None:
    for day in (1, 2, 3):
        _child(session, identified_on=date(2026, 11, day))
    summary = home_summary(session, today=date(2026, 11, 27), limit=2)
    assert len(summary.waiting.lines) == 2
    assert summary.waiting.total == 3
    assert summary.waiting.truncated
    assert [w.identified_on.day for w in summary.waiting.lines] == [1, 2]


# --- vetting -------------------------------------------------------------------------------------


def test_vettings_expiring_within_thirty_days_or_expired_while_active(session: Session) -> None:
    today = date(2026, 11, 20)
    soon = _guardian(session, given_name="Soon", vetting_expires_on=today + timedelta(days=10))
    expired = _guardian(session, given_name="Late", vetting_expires_on=today - timedelta(days=5))
    edge = _guardian(session, given_name="Edge", vetting_expires_on=today + timedelta(days=30))
    _guardian(session, given_name="Later", vetting_expires_on=today + timedelta(days=31))
    _guardian(session, given_name="Never", vetting_expires_on=None)
    _guardian(
        session,
        given_name="Suspended",
        vetting_expires_on=today - timedelta(days=50),
        active=False,
        suspended_reason="Vetting lapsed",
    )
    mediator = staff.create_staff(
        session,
        "mediator",
        factories.guardian(given_name="Meron", vetting_expires_on=today + timedelta(days=2)),
    )

    vettings = home_summary(session, today=today).vettings

    assert [(v.kind, v.person_id, v.days_left) for v in vettings.lines] == [
        ("guardians", expired, -5),
        ("mediators", mediator.id, 2),
        ("guardians", soon, 10),
        ("guardians", edge, 30),
    ]
    assert vettings.total == 4
    assert vettings.lines[1].code == mediator.code
    assert vettings.lines[1].name == "Meron Hoxha"


# --- children not visited within the interval ----------------------------------------------------


def test_children_not_visited_within_the_interval_most_overdue_first(session: Session) -> None:
    today = date(2026, 11, 27)
    guardian = _guardian(session, given_name="Drita", family_name="Kola")
    at = datetime(2026, 11, 27, 9, tzinfo=UTC)
    long_ago = _appointed(session, guardian, date(2026, 8, 3), given_name="Long")
    _visit(session, long_ago, guardian, at - timedelta(days=40))
    recent = _appointed(session, guardian, date(2026, 8, 3), given_name="Recent")
    _visit(session, recent, guardian, at - timedelta(days=10))
    cancelled = _appointed(session, guardian, date(2026, 8, 3), given_name="Cancelled")
    _visit(session, cancelled, guardian, at - timedelta(days=35))
    _visit(session, cancelled, guardian, at - timedelta(days=5), VisitStatus.CANCELLED)
    _visit(session, cancelled, guardian, at - timedelta(days=3), VisitStatus.PLANNED)
    never = _appointed(session, guardian, date(2026, 9, 28), given_name="Never")
    _appointed(session, guardian, date(2026, 11, 22), given_name="New")  # not yet due
    _child(session, given_name="Waiting", identified_on=date(2026, 6, 1))  # no guardian yet

    overdue = home_summary(session, today=today).overdue_visits

    assert [(o.child_id, o.days_since) for o in overdue.lines] == [
        (never, 60),
        (long_ago, 40),
        (cancelled, 35),
    ]
    assert overdue.total == 3
    assert overdue.lines[0].last_held_on is None
    assert overdue.lines[0].appointed_on == date(2026, 9, 28)
    assert overdue.lines[1].last_held_on == date(2026, 10, 18)
    assert overdue.lines[1].guardian_name == "Drita Kola"
    assert overdue.lines[1].guardian_id == guardian


def test_a_visit_exactly_interval_days_ago_still_counts(session: Session) -> None:
    guardian = _guardian(session)
    child = _appointed(session, guardian, date(2026, 8, 3))
    # 28 Oct 23:30 in Tirane is 22:30 UTC: exactly 30 local days before 27 Nov.
    _visit(session, child, guardian, datetime(2026, 10, 28, 22, 30, tzinfo=UTC))
    assert home_summary(session, today=date(2026, 11, 27)).overdue_visits.total == 0
    assert home_summary(session, today=date(2026, 11, 28)).overdue_visits.total == 1


# --- the week's visits ---------------------------------------------------------------------------


def test_today_and_this_week_follow_the_office_time_zone(session: Session) -> None:
    guardian = _guardian(session, given_name="Drita", family_name="Kola")
    mediator = staff.create_staff(
        session, "mediator", factories.guardian(given_name="Meron", family_name="Tesfay")
    ).id
    centre = facilities.create_facility(session, factories.facility(name="Shkodër Shelter")).id
    child = _appointed(session, guardian, date(2026, 8, 3))

    def visit(utc: datetime, status: VisitStatus = VisitStatus.PLANNED, **extra: object) -> int:
        return _visit(session, child, guardian, utc.replace(tzinfo=UTC), status, **extra)

    # Tirane is UTC+1 in November. Today is Wednesday 25 Nov; the week runs 23-29 Nov.
    early_today = visit(datetime(2026, 11, 24, 23, 30), facility_id=centre, mediator_id=mediator)
    tomorrow = visit(datetime(2026, 11, 25, 23, 30), place="Café Flora, Tirana")
    visit(datetime(2026, 11, 25, 9), VisitStatus.CANCELLED)
    held_today = visit(datetime(2026, 11, 25, 8), VisitStatus.HELD)
    monday = visit(datetime(2026, 11, 22, 23, 30))
    visit(datetime(2026, 11, 22, 22, 30))  # Sunday 22 Nov, 23:30 local: last week
    sunday = visit(datetime(2026, 11, 29, 22, 30))
    visit(datetime(2026, 11, 29, 23, 30))  # Monday 30 Nov, 00:30 local: next week

    summary = home_summary(session, now=datetime(2026, 11, 24, 23, 15, tzinfo=UTC))

    assert summary.today == date(2026, 11, 25)
    assert (summary.week_starts_on, summary.week_ends_on) == (
        date(2026, 11, 23),
        date(2026, 11, 29),
    )
    assert [v.visit_id for v in summary.visits_today.lines] == [early_today, held_today]
    assert [v.visit_id for v in summary.visits_this_week.lines] == [
        monday,
        early_today,
        held_today,
        tomorrow,
        sunday,
    ]
    first = summary.visits_today.lines[0]
    assert (first.starts_at.strftime("%H:%M"), first.ends_at.strftime("%H:%M")) == (
        "00:30",
        "01:30",
    )
    assert first.place == "Shkodër Shelter"
    assert first.mediator_name == "Meron Tesfay"
    assert first.guardian_name == "Drita Kola"
    assert (first.child_name, first.child_original_name) == ("Ahmad Rahimi", "احمد رحیمی")
    assert first.status is VisitStatus.PLANNED
    line_tomorrow = summary.visits_this_week.lines[3]
    assert (line_tomorrow.place, line_tomorrow.mediator_name) == ("Café Flora, Tirana", "")
    assert line_tomorrow.case_number == children.get_child(session, child).case_number


def test_an_empty_office_has_empty_lists(session: Session) -> None:
    summary = home_summary(session, today=date(2026, 11, 27))
    assert summary.visits_today.total == summary.visits_this_week.total == 0
    assert summary.waiting.total == summary.vettings.total == summary.overdue_visits.total == 0
    assert summary.visit_interval_days == 30
    assert summary.time_zone == "Europe/Tirane"


def test_a_fixed_handful_of_queries_whatever_the_number_of_children(session: Session) -> None:
    statements: list[str] = []

    def count(*args: object) -> None:
        statements.append(str(args[2]))

    guardian = _guardian(session)
    engine = session.get_bind()
    sizes = []
    for _ in range(2):
        for n in range(3):
            _child(session, identified_on=date(2026, 11, 2 + n))
            child = _appointed(session, guardian, date(2026, 8, 3))
            _visit(session, child, guardian, datetime(2026, 9, 1, 9, tzinfo=UTC))
        statements.clear()
        event.listen(engine, "before_cursor_execute", count)
        try:
            summary = home_summary(session, today=date(2026, 11, 27))
        finally:
            event.remove(engine, "before_cursor_execute", count)
        sizes.append((len(statements), summary.waiting.total, summary.overdue_visits.total))
    assert sizes[0][1:] == (3, 3) and sizes[1][1:] == (6, 6)
    # with the missing children, the follow-ups due and the early warnings' counts (six)
    assert sizes[0][0] == sizes[1][0] <= 18


def test_a_mediator_booking_without_a_guardian_is_in_the_week(session: Session) -> None:
    mediator = staff.create_staff(
        session, "mediator", factories.guardian(given_name="Meron", family_name="Tesfay")
    ).id
    child = _child(session)
    booking = Visit(
        child_id=child,
        guardian_id=None,
        mediator_id=mediator,
        place="Asylum office, Tirana",
        purpose=VisitPurpose.ASYLUM_INTERVIEW,
        starts_at=datetime(2026, 11, 25, 9, tzinfo=UTC),
        ends_at=datetime(2026, 11, 25, 11, tzinfo=UTC),
    )
    session.add(booking)
    session.flush()
    summary = home_summary(session, now=datetime(2026, 11, 25, 8, tzinfo=UTC))
    (line,) = summary.visits_today.lines
    assert (line.visit_id, line.guardian_name, line.mediator_name, line.place) == (
        booking.id,
        "",
        "Meron Tesfay",
        "Asylum office, Tirana",
    )
