"""Missing children: the disappearance holds the visits, the return releases them."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from guardian_desk.db.models import MissingEpisode, VisitHold
from guardian_desk.domain.enums import ChildStatus, VisitStatus
from guardian_desk.domain.errors import RuleViolation, ValidationError
from guardian_desk.services import audit
from guardian_desk.services.home import home_summary
from guardian_desk.services.missing import (
    current_episode,
    episodes_of,
    is_on_hold,
    missing_now,
    record_return,
    report_missing,
    update_missing,
)
from guardian_desk.services.visits import cancel_visit, create_visit, record_outcome
from tests.scheduling.office import Office

NOW = datetime(2026, 3, 10, 8, tzinfo=UTC)


@pytest.fixture
def office(session: Session) -> Office:
    return Office(session)


@pytest.fixture
def case(session: Session, office: Office):  # type: ignore[no-untyped-def]
    place, guardian = office.facility(), office.guardian()
    child = office.child(place, given_name="Omid")
    office.appoint(child, guardian, date(2026, 3, 2))
    past = create_visit(session, child.id, starts_at=office.at(2026, 3, 5, 10))
    first = create_visit(session, child.id, starts_at=office.at(2026, 3, 12, 10))
    second = create_visit(session, child.id, starts_at=office.at(2026, 3, 19, 10))
    return child, past, first, second


def _report(session: Session, office: Office, child_id: int, **changes: object) -> MissingEpisode:
    values: dict[str, object] = dict(
        missing_since=office.at(2026, 3, 9, 21, 30),
        last_seen_place="Tirana bus station",
        circumstances="left the shelter after dinner with two older boys",
        reported_to_police=True,
        police_reported_at=office.at(2026, 3, 9, 23),
        police_reference="TR-2026-4411",
        now=NOW,
    )
    values.update(changes)
    return report_missing(session, child_id, **values)  # type: ignore[arg-type]


def test_a_disappearance_puts_the_planned_visits_on_hold(session: Session, office, case) -> None:  # type: ignore[no-untyped-def]
    child, past, first, second = case
    episode = _report(session, office, child.id)
    assert [is_on_hold(session, v.id) for v in (past, first, second)] == [False, True, True]
    assert (first.sequence, second.sequence, past.sequence) == (1, 1, 0)
    assert child.status is ChildStatus.UNDER_GUARDIANSHIP  # the case stays open
    info = current_episode(session, child.id)
    assert info is not None and info.visits_on_hold == 2 and info.reported_by == "test-officer"
    assert info.missing_since == office.at(2026, 3, 9, 21, 30)
    lines, total = missing_now(session, now=datetime(2026, 3, 12, tzinfo=UTC))
    assert total == 1 and lines[0].days_missing == 3 and lines[0].case_number == child.case_number
    summary = home_summary(session, today=date(2026, 3, 12))
    assert [line.child_id for line in summary.missing.lines] == [child.id]
    (event,) = audit.history(session, "missing_episode", episode.id)
    assert (
        event.action == "report"
        and event.after
        and event.after["visits_on_hold"]
        == [
            first.id,
            second.id,
        ]
    )
    assert [e.action for e in audit.history(session, "visit", first.id)] == ["create", "hold"]


def test_while_missing_no_visit_is_held_or_booked(session: Session, office, case) -> None:  # type: ignore[no-untyped-def]
    child, _past, first, _second = case
    _report(session, office, child.id)
    later = datetime(2026, 3, 12, 12, tzinfo=UTC)
    with pytest.raises(RuleViolation, match="on hold while the child is missing"):
        record_outcome(session, first.id, first.version, VisitStatus.HELD, now=later)
    with pytest.raises(RuleViolation, match="has been missing since 9 Mar 2026"):
        create_visit(session, child.id, starts_at=office.at(2026, 3, 26, 10))
    # Missed and cancelled stay possible.
    record_outcome(session, first.id, first.version, VisitStatus.MISSED, "missing", now=later)


def test_one_open_episode_per_child(session: Session, office, case) -> None:  # type: ignore[no-untyped-def]
    child = case[0]
    _report(session, office, child.id)
    with pytest.raises(RuleViolation, match="already reported missing"):
        _report(session, office, child.id)


def test_the_database_refuses_a_second_open_episode(session: Session, office, case) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy.exc import IntegrityError

    child = case[0]
    _report(session, office, child.id)
    twin = MissingEpisode(
        child_id=child.id,
        missing_since=NOW,
        reported_by="x",
        found_place="",
        return_note="",
        return_recorded_by="",
    )
    with pytest.raises(IntegrityError), session.begin_nested():
        session.add(twin)
        session.flush()


def test_checks_on_the_report(session: Session, office, case) -> None:  # type: ignore[no-untyped-def]
    child = case[0]
    for changes, field in (
        ({"missing_since": office.at(2026, 3, 11, 9)}, "missing_since"),  # future
        ({"police_reported_at": office.at(2026, 3, 9, 20)}, "police_reported_at"),  # before
        ({"reported_to_police": False}, "police_reported_at"),  # a time without a report
    ):
        with pytest.raises(ValidationError) as refused:
            _report(session, office, child.id, **changes)
        assert refused.value.field == field


def test_a_closed_case_cannot_go_missing(session: Session, office, case) -> None:  # type: ignore[no-untyped-def]
    child = case[0]
    child.status = ChildStatus.TRANSFERRED
    session.flush()
    with pytest.raises(RuleViolation, match="reopen the case"):
        _report(session, office, child.id)


def test_the_return_releases_the_holds_and_asks_to_rescreen(session: Session, office, case) -> None:  # type: ignore[no-untyped-def]
    child, _past, first, second = case
    episode = _report(session, office, child.id, reported_to_police=False, police_reported_at=None)
    cancel_visit(session, second.id, second.version, "no longer needed")
    update_missing(
        session,
        episode.id,
        episode.version,
        missing_since=office.at(2026, 3, 9, 21, 30),
        last_seen_place="Tirana bus station",
        reported_to_police=True,
        police_reported_at=office.at(2026, 3, 10, 8),
        now=datetime(2026, 3, 11, tzinfo=UTC),
    )
    assert episode.reported_to_police and episode.police_reported_at is not None
    back = record_return(
        session,
        episode.id,
        episode.version,
        returned_at=office.at(2026, 3, 11, 14),
        found_place="Durrës port, with the police",
        note="tired, unhurt",
        now=datetime(2026, 3, 11, 15, tzinfo=UTC),
    )
    assert back.released == (first.id,)  # the cancelled one stays cancelled
    assert "Re-screen the child for trafficking risk" in back.rescreen
    assert not is_on_hold(session, first.id) and first.sequence == 2
    assert current_episode(session, child.id) is None
    assert session.scalars(select(VisitHold.released_at)).all() != [None, None]
    (only,) = episodes_of(session, child.id)
    assert only.found_place == "Durrës port, with the police" and not only.is_open
    with pytest.raises(RuleViolation, match="already recorded"):
        record_return(
            session, episode.id, episode.version, returned_at=office.at(2026, 3, 11, 14),
            now=datetime(2026, 3, 11, 15, tzinfo=UTC),
        )  # fmt: skip
    # A new disappearance is a new episode.
    _report(session, office, child.id, missing_since=office.at(2026, 3, 11, 20),
            police_reported_at=None, now=datetime(2026, 3, 12, tzinfo=UTC))  # fmt: skip
    assert len(episodes_of(session, child.id)) == 2


def test_a_return_before_the_disappearance_is_refused(session: Session, office, case) -> None:  # type: ignore[no-untyped-def]
    episode = _report(session, office, case[0].id)
    with pytest.raises(ValidationError) as refused:
        record_return(
            session, episode.id, episode.version, returned_at=office.at(2026, 3, 9, 20), now=NOW
        )
    assert refused.value.field == "returned_at"
