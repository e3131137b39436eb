"""Caseload caps: a rule the database guarantees, also when two officers appoint at once.

Before: the services counted, then inserted, under READ COMMITTED; two officers appointing
different children to a guardian with one free place both passed (over the cap in 50 of 60
rounds on PostgreSQL). Now a trigger locks the person and counts, on both backends.
"""

from __future__ import annotations

import threading
from datetime import date
from typing import Any

import pytest
from sqlalchemy import func, insert, select, text
from sqlalchemy.exc import IntegrityError

from guardian_desk.db.engine import session_scope
from guardian_desk.db.models import Assignment, OfficeSettings
from guardian_desk.domain.enums import AssignmentRole
from guardian_desk.domain.errors import RuleViolation
from guardian_desk.services import assignments, children, staff
from tests.core import factories
from tests.db.data import sessions

STARTS = date(2026, 10, 5)


def office(
    url: str, *, cap: int, children_count: int, kind: str = "guardian"
) -> tuple[int, list[int]]:
    """A guardian (or mediator) with ``cap`` places, one taken, and children waiting."""
    with sessions(url) as factory, session_scope(factory) as s:
        person = staff.create_staff(s, kind, factories.guardian(max_caseload=cap))  # type: ignore[arg-type]
        kids = [children.create_child(s, factories.child()).id for _ in range(children_count + 1)]
        assign = assignments.assign_guardian if kind == "guardian" else assignments.assign_mediator
        assign(s, kids[0], person.id, starts_on=STARTS)
        return person.id, kids[1:]


def active_load(url: str, person_id: int, role: AssignmentRole = AssignmentRole.GUARDIAN) -> int:
    with sessions(url) as factory, session_scope(factory) as s:
        return assignments.active_caseload(s, role, person_id)


def raw_insert(url: str, child_id: int, guardian_id: int, override: str = "") -> None:
    with sessions(url) as factory, session_scope(factory) as s:
        s.execute(
            insert(Assignment).values(
                child_id=child_id,
                role=AssignmentRole.GUARDIAN,
                guardian_id=guardian_id,
                starts_on=STARTS,
                override_reason=override,
                version=1,
            )
        )


def test_the_triggers_exist_at_the_head(db: str, backend: str) -> None:
    """A later batch migration of `assignments` on SQLite would drop them silently."""
    with sessions(db) as factory, session_scope(factory) as s:
        if backend == "sqlite":
            sql = (
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'assignments'"
            )
        else:
            sql = (
                "SELECT tgname FROM pg_trigger "
                "WHERE tgrelid = 'assignments'::regclass AND NOT tgisinternal"
            )
        names = set(s.scalars(text(sql)))
    assert names >= (
        {"trg_assignments_cap_insert", "trg_assignments_cap_update"}
        if backend == "sqlite"
        else {"trg_assignments_caseload_cap"}
    )


def test_plain_sql_cannot_put_a_guardian_over_their_cap(db: str) -> None:
    guardian_id, kids = office(db, cap=1, children_count=1)

    with pytest.raises(IntegrityError, match=assignments.CASELOAD_CAP_REACHED):
        raw_insert(db, kids[0], guardian_id)

    assert active_load(db, guardian_id) == 1


def test_the_office_cap_is_guaranteed_too(db: str) -> None:
    guardian_id, kids = office(db, cap=20, children_count=1)
    with sessions(db) as factory, session_scope(factory) as s:
        s.execute(text("UPDATE office_settings SET caseload_cap = 1"))
        assert s.scalar(select(OfficeSettings.caseload_cap)) == 1

    with pytest.raises(IntegrityError, match=assignments.CASELOAD_CAP_REACHED):
        raw_insert(db, kids[0], guardian_id)


def test_a_written_override_may_go_over_the_cap(db: str) -> None:
    guardian_id, kids = office(db, cap=1, children_count=1)

    raw_insert(db, kids[0], guardian_id, override="siblings stay with the same guardian")

    assert active_load(db, guardian_id) == 2


def test_mediators_are_capped_by_the_database(db: str) -> None:
    mediator_id, kids = office(db, cap=1, children_count=1, kind="mediator")

    with (
        pytest.raises(IntegrityError, match=assignments.CASELOAD_CAP_REACHED),
        sessions(db) as factory,
        session_scope(factory) as s,
    ):
        s.execute(
            insert(Assignment).values(
                child_id=kids[0],
                role=AssignmentRole.MEDIATOR,
                mediator_id=mediator_id,
                starts_on=STARTS,
                version=1,
            )
        )
    assert active_load(db, mediator_id, AssignmentRole.MEDIATOR) == 1


def test_reopening_an_ended_appointment_counts_against_the_cap(db: str) -> None:
    guardian_id, kids = office(db, cap=2, children_count=2)
    with sessions(db) as factory, session_scope(factory) as s:
        second = assignments.assign_guardian(s, kids[0], guardian_id, starts_on=STARTS)
        assignments.end_assignment(
            s, second.id, second.version, ends_on=STARTS, end_reason="moved on"
        )
        assignments.assign_guardian(s, kids[1], guardian_id, starts_on=STARTS)
        ended_id = second.id

    with pytest.raises(IntegrityError, match=assignments.CASELOAD_CAP_REACHED):  # noqa: SIM117
        with sessions(db) as factory, session_scope(factory) as s:
            s.execute(
                text("UPDATE assignments SET ends_on = NULL WHERE id = :id"), {"id": ended_id}
            )


def race(url: str, guardian_id: int, kids: list[int]) -> list[BaseException | None]:
    """Two officers appoint different children to the same guardian at the same moment."""
    start = threading.Barrier(2)
    outcome: list[BaseException | None] = [None, None]

    def officer(n: int) -> None:
        with sessions(url) as factory:
            try:
                start.wait(timeout=10)
                with session_scope(factory, actor=f"officer-{n}", writes=True) as s:
                    assignments.assign_guardian(s, kids[n], guardian_id, starts_on=STARTS)
            except BaseException as exc:  # reported to the test below
                outcome[n] = exc

    threads = [threading.Thread(target=officer, args=(n,)) for n in (0, 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcome


@pytest.mark.postgres
def test_two_officers_cannot_both_take_the_last_place_200_rounds(pg_db: str) -> None:
    over_cap = 0
    for _ in range(200):
        guardian_id, kids = office(pg_db, cap=2, children_count=2)
        outcome = race(pg_db, guardian_id, kids)
        over_cap += active_load(pg_db, guardian_id) > 2
        failures = [e for e in outcome if e is not None]
        assert len(failures) == 1, failures
        assert isinstance(failures[0], RuleViolation), repr(failures[0])
        assert "caseload 2 of 2" in str(failures[0])
    assert over_cap == 0


@pytest.mark.postgres
def test_the_database_holds_when_both_officers_passed_the_services_check(
    pg_db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Take away the service's lock and let both officers count before either writes: the
    trigger alone keeps the guardian within the cap, and the loser hears it in plain words.
    (SQLite cannot get here: its writers are serialised by BEGIN IMMEDIATE.)"""
    db = pg_db
    guardian_id, kids = office(db, cap=2, children_count=2)
    counted = threading.Barrier(2)
    real_count = assignments.active_caseload

    def count_then_wait(*args: Any) -> int:
        load = real_count(*args)
        counted.wait(timeout=10)
        return load

    monkeypatch.setattr(assignments, "lock_person", lambda *_: None)
    monkeypatch.setattr(assignments, "active_caseload", count_then_wait)
    outcome = race(db, guardian_id, kids)

    failures = [e for e in outcome if e is not None]
    assert len(failures) == 1, outcome
    assert isinstance(failures[0], RuleViolation)
    assert "has no free place left: another officer appointed them" in str(failures[0])
    with sessions(db) as factory, session_scope(factory) as s:
        assert (
            s.scalar(
                select(func.count())
                .select_from(Assignment)
                .where(Assignment.guardian_id == guardian_id, Assignment.ends_on.is_(None))
            )
            == 2
        )
