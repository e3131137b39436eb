"""One active guardian per child: a rule the database itself enforces, not only the services."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError

from guardian_desk.db.engine import session_scope
from guardian_desk.db.models import Assignment
from guardian_desk.domain.enums import AssignmentRole
from guardian_desk.domain.errors import RuleViolation
from guardian_desk.services import assignments, children, staff
from tests.core import factories
from tests.db.data import sessions

# PostgreSQL names the partial unique index; SQLite names its column.
ONE_GUARDIAN_REFUSED = (
    r"uq_assignments_one_active_guardian|UNIQUE constraint failed: assignments\.child_id"
)


def child_and_two_guardians(url: str) -> tuple[int, int, int]:
    with sessions(url) as factory, session_scope(factory) as s:
        kid = children.create_child(s, factories.child())
        first = staff.create_staff(s, "guardian", factories.guardian())
        second = staff.create_staff(s, "guardian", factories.guardian(given_name="Besa"))
        assignments.assign_guardian(s, kid.id, first.id, starts_on=date(2026, 10, 5))
        return kid.id, first.id, second.id


def guardian_rows(url: str, child_id: int) -> list[tuple[int, date, date | None]]:
    with sessions(url) as factory, session_scope(factory) as s:
        return [
            (a.guardian_id, a.starts_on, a.ends_on)
            for a in assignments.assignments_of_child(s, child_id)
            if a.role is AssignmentRole.GUARDIAN
        ]


def test_the_database_refuses_a_second_active_guardian(db: str) -> None:
    child_id, first, second = child_and_two_guardians(db)

    with (
        pytest.raises(IntegrityError, match=ONE_GUARDIAN_REFUSED),
        sessions(db) as factory,
        session_scope(factory) as s,
    ):
        s.execute(
            insert(Assignment).values(
                child_id=child_id,
                role=AssignmentRole.GUARDIAN,
                guardian_id=second,
                starts_on=date(2026, 10, 6),
                version=1,
            )
        )

    assert guardian_rows(db, child_id) == [(first, date(2026, 10, 5), None)]


def test_an_ended_appointment_does_not_count(db: str) -> None:
    """The unique index is partial: ended rows (history) never collide with the active one."""
    child_id, _, second = child_and_two_guardians(db)
    with sessions(db) as factory, session_scope(factory) as s:
        s.execute(
            insert(Assignment).values(
                child_id=child_id,
                role=AssignmentRole.GUARDIAN,
                guardian_id=second,
                starts_on=date(2026, 10, 1),
                ends_on=date(2026, 10, 4),
                version=1,
            )
        )
    assert len(guardian_rows(db, child_id)) == 2


def test_the_service_refuses_a_second_guardian_in_plain_words(db: str) -> None:
    child_id, _, second = child_and_two_guardians(db)

    with (
        pytest.raises(
            RuleViolation,
            match=r"AL-2026-00001 already has a guardian \(since 5 Oct 2026\); end that",
        ),
        sessions(db) as factory,
        session_scope(factory) as s,
    ):
        assignments.assign_guardian(s, child_id, second, starts_on=date(2026, 10, 6))

    assert len(guardian_rows(db, child_id)) == 1


def test_the_database_backs_the_service_when_its_check_is_passed(
    db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another officer's appointment committed after this one's check: the unique index
    refuses the row and the service says so, instead of a raw IntegrityError."""
    child_id, _, second = child_and_two_guardians(db)
    monkeypatch.setattr(assignments, "active_guardian_assignment", lambda *_: None)

    with (
        pytest.raises(RuleViolation, match="already has an active guardian"),
        sessions(db) as factory,
        session_scope(factory) as s,
    ):
        assignments.assign_guardian(s, child_id, second, starts_on=date(2026, 10, 6))

    assert len(guardian_rows(db, child_id)) == 1


def test_ending_the_first_then_assigning_keeps_the_history(db: str) -> None:
    child_id, first, second = child_and_two_guardians(db)
    with sessions(db) as factory:
        with session_scope(factory) as s:
            current = assignments.active_guardian_assignment(s, child_id)
            assert current is not None
            assignments.end_assignment(
                s, current.id, current.version, ends_on=date(2026, 11, 1), end_reason="moved"
            )
        with session_scope(factory) as s:
            assignments.assign_guardian(s, child_id, second, starts_on=date(2026, 11, 2))
        with session_scope(factory) as s:
            active = s.scalars(
                select(Assignment.guardian_id).where(
                    Assignment.child_id == child_id, Assignment.ends_on.is_(None)
                )
            ).all()

    assert guardian_rows(db, child_id) == [
        (first, date(2026, 10, 5), date(2026, 11, 1)),
        (second, date(2026, 11, 2), None),
    ]
    assert active == [second]
