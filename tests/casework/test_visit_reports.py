"""Visit reports: a held visit's report and follow-ups; what the home page lists as due."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy.orm import Session

from guardian_desk.domain.enums import VisitStatus
from guardian_desk.domain.errors import RuleViolation, ValidationError
from guardian_desk.services import audit
from guardian_desk.services.home import home_summary
from guardian_desk.services.visit_reports import (
    FollowUpInput,
    ReportInput,
    follow_up_texts,
    follow_ups_due,
    record_held,
    report_of,
    set_follow_up_done,
    update_report,
    wellbeing_text,
)
from guardian_desk.services.visits import create_visit, record_outcome
from tests.scheduling.office import Office

AFTER = datetime(2026, 3, 12, 12, tzinfo=UTC)


@pytest.fixture
def office(session: Session) -> Office:
    return Office(session)


@pytest.fixture
def visit(session: Session, office: Office):  # type: ignore[no-untyped-def]
    place, guardian = office.facility(), office.guardian()
    child = office.child(place, given_name="Omid")
    office.appoint(child, guardian, date(2026, 3, 2))
    return create_visit(session, child.id, starts_at=office.at(2026, 3, 12, 10))


def _report(**changes: object) -> ReportInput:
    values: dict[str, object] = dict(
        minutes=50,
        mediator_present=True,
        others_present="the shelter's social worker",
        wellbeing=4,
        wellbeing_note="calm, eats well",
        concerns="asks about his brother in Germany",
        follow_ups=(
            FollowUpInput("Ask the school for a place", date(2026, 3, 16)),
            FollowUpInput("Call the Red Cross tracing service", date(2026, 3, 20)),
        ),
    )
    values.update(changes)
    return ReportInput(**values)  # type: ignore[arg-type]


def test_marking_held_saves_the_report_and_audits_both(session: Session, visit) -> None:  # type: ignore[no-untyped-def]
    row = record_held(session, visit.id, visit.version, _report(), now=AFTER)
    assert visit.status is VisitStatus.HELD
    info = report_of(session, visit.id)
    assert info is not None and info.report_id == row.id
    assert (info.minutes, info.wellbeing, info.mediator_present, info.written_by) == (
        50, 4, True, "test-officer",
    )  # fmt: skip
    assert [f.action for f in info.follow_ups] == [
        "Ask the school for a place",
        "Call the Red Cross tracing service",
    ]
    assert follow_up_texts(info.follow_ups)[0] == "Ask the school for a place (due 16 Mar 2026)"
    assert wellbeing_text(4) == "good"
    assert [e.action for e in audit.history(session, "visit", visit.id)] == ["create", "outcome"]
    (event,) = audit.history(session, "visit_report", row.id)
    assert event.action == "create" and event.after and event.after["concerns"].startswith("asks")


def test_a_report_needs_wellbeing_the_child_and_sane_follow_ups(session: Session, visit) -> None:  # type: ignore[no-untyped-def]
    for bad, field in (
        (_report(wellbeing=None, wellbeing_note=""), "wellbeing"),
        (_report(wellbeing=7), "wellbeing"),
        (_report(minutes=0), "minutes"),
        (_report(child_present=False), "child_present"),
        (_report(follow_ups=(FollowUpInput("", date(2026, 3, 16)),)), "follow_ups[1].action"),
        (_report(follow_ups=(FollowUpInput("x", date(2026, 3, 1)),)), "follow_ups[1].due_on"),
    ):
        with pytest.raises(ValidationError) as refused:
            record_held(session, visit.id, visit.version, bad, now=AFTER)
        assert refused.value.field == field
    assert visit.status is VisitStatus.PLANNED  # nothing was recorded
    # Words alone are a wellbeing too.
    record_held(session, visit.id, visit.version, _report(wellbeing=None), now=AFTER)


def test_a_visit_not_started_cannot_be_reported_held(session: Session, visit) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(RuleViolation, match="has not started yet"):
        record_held(
            session, visit.id, visit.version, _report(), now=datetime(2026, 3, 1, tzinfo=UTC)
        )


def test_update_keeps_done_follow_ups_and_drops_those_left_out(session: Session, visit) -> None:  # type: ignore[no-untyped-def]
    row = record_held(session, visit.id, visit.version, _report(), now=AFTER)
    first, second = row.follow_ups
    set_follow_up_done(session, first.id, first.version)
    assert first.done and first.done_by == "test-officer"
    info = report_of(session, visit.id)
    assert info is not None
    kept = info.follow_ups[0]
    update_report(
        session,
        row.id,
        row.version,
        _report(
            minutes=40,
            follow_ups=(
                FollowUpInput(kept.action, kept.due_on, True, kept.follow_up_id),
                FollowUpInput("Book a dentist", date(2026, 3, 18)),
            ),
        ),
    )
    again = report_of(session, visit.id)
    assert again is not None and again.minutes == 40
    assert [(f.action, f.done) for f in again.follow_ups] == [
        ("Ask the school for a place", True),
        ("Book a dentist", False),
    ]
    assert again.follow_ups[0].done_on == first.done_on
    assert second.id not in {f.follow_up_id for f in again.follow_ups}


def test_a_report_belongs_to_a_held_visit(session: Session, visit) -> None:  # type: ignore[no-untyped-def]
    row = record_held(session, visit.id, visit.version, _report(), now=AFTER)
    record_outcome(session, visit.id, visit.version, VisitStatus.MISSED, "at the clinic", now=AFTER)
    assert visit.outcome_note == "at the clinic"  # a missed visit keeps its reason
    with pytest.raises(RuleViolation, match="only a held visit has a report"):
        update_report(session, row.id, row.version, _report())


def test_follow_ups_due_today_or_overdue_reach_the_home_page(session: Session, visit) -> None:  # type: ignore[no-untyped-def]
    row = record_held(
        session,
        visit.id,
        visit.version,
        _report(
            follow_ups=(
                FollowUpInput("overdue", date(2026, 3, 14)),
                FollowUpInput("today", date(2026, 3, 16)),
                FollowUpInput("later", date(2026, 3, 17)),
                FollowUpInput("done already", date(2026, 3, 13), done=True),
            )
        ),
        now=AFTER,
    )
    lines, total = follow_ups_due(session, date(2026, 3, 16))
    assert total == 2
    assert [(line.action, line.days_overdue) for line in lines] == [("overdue", 2), ("today", 0)]
    summary = home_summary(session, today=date(2026, 3, 16))
    assert [line.action for line in summary.follow_ups.lines] == ["overdue", "today"]
    set_follow_up_done(session, row.follow_ups[0].id, row.follow_ups[0].version)
    assert follow_ups_due(session, date(2026, 3, 16))[1] == 1
