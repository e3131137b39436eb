"""Automatic numbers keep going: odd numbers are ignored and a lost race takes the next one."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from sqlalchemy import select, text, update
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import NullPool

from guardian_desk.db.engine import make_engine, make_session_factory, session_scope
from guardian_desk.db.models import Child, Facility, Guardian
from guardian_desk.domain.errors import RuleViolation, ValidationErrors
from guardian_desk.services import children, facilities, staff
from tests.core import factories
from tests.db.conftest import pg_db, pg_server, pg_template  # noqa: F401 (fixtures)


def new_child(session: Session) -> str:
    return children.create_child(session, factories.child()).case_number


def new_guardian(session: Session) -> str:
    return staff.create_staff(session, "guardian", factories.guardian()).code


def renumber(session: Session, model: Any, column: Any, old: str, new: str) -> None:
    """What an older version or a hand edit may have left in the database."""
    session.execute(update(model).where(column == old).values({column.key: new}))


@pytest.mark.parametrize(
    "odd",
    ["AL-2026-٠٠٠٠١", "AL-2026-ZZZZZ", "AL-2026-9999X", "AL-2026-000009", "AL-2026-0001"],
)
def test_an_odd_case_number_does_not_stop_the_numbering(session: Session, odd: str) -> None:
    first, second, third = (new_child(session) for _ in range(3))
    assert (first, second, third) == ("AL-2026-00001", "AL-2026-00002", "AL-2026-00003")
    renumber(session, Child, Child.case_number, first, odd)
    assert [new_child(session), new_child(session)] == ["AL-2026-00004", "AL-2026-00005"]


def test_case_numbers_count_per_year_and_country(session: Session) -> None:
    new_child(session)
    child = children.create_child(session, factories.child(identified_on=date(2025, 3, 1)))
    assert child.case_number == "AL-2025-00001"


def test_an_odd_staff_code_does_not_stop_the_numbering(session: Session) -> None:
    assert new_guardian(session) == "G-00001"
    staff.create_staff(session, "guardian", factories.guardian(code="G-ZZZZZ"))
    staff.create_staff(session, "guardian", factories.guardian(code="G-9999"))
    renumber(session, Guardian, Guardian.code, "G-9999", "G-٠٠٠٠٩")
    assert [new_guardian(session), new_guardian(session)] == ["G-00002", "G-00003"]
    assert staff.create_staff(session, "mediator", factories.guardian()).code == "M-00001"


def test_an_odd_facility_code_does_not_stop_the_numbering(session: Session) -> None:
    assert facilities.create_facility(session, factories.facility()).code == "FAC-0001"
    facilities.create_facility(session, factories.facility(code="FAC-ZZZZ"))
    assert facilities.create_facility(session, factories.facility()).code == "FAC-0002"


def test_the_last_number_of_the_year_says_so_in_plain_words(session: Session) -> None:
    last = new_child(session)
    renumber(session, Child, Child.case_number, last, "AL-2026-99999")
    with pytest.raises(RuleViolation, match="Every case number from AL-2026-00001 to"):
        new_child(session)


def test_a_given_number_taken_meanwhile_is_a_plain_error_and_the_work_goes_on(
    session: Session,
) -> None:
    """check_unique=False skips the read; the constraint still answers in plain words."""
    new_child(session)
    with pytest.raises(ValidationErrors, match="case_number: 'AL-2026-00001' is already"):
        children.create_child(
            session, factories.child(case_number="AL-2026-00001"), check_unique=False
        )
    new_guardian(session)
    with pytest.raises(ValidationErrors, match="code: 'G-00001' is already registered"):
        staff.create_staff(
            session, "guardian", factories.guardian(code="G-00001"), check_unique=False
        )
    assert new_child(session) == "AL-2026-00002"  # the transaction is still usable


# --- two officers at once on PostgreSQL (READ COMMITTED) ----------------------------------------


def new_facility(session: Session) -> str:
    return facilities.create_facility(session, factories.facility()).code


def wait_until_blocked(factory: sessionmaker[Session], deadline: float = 60.0) -> None:
    """Until another connection waits on a row lock (B's insert behind A's uncommitted one)."""
    stop = time.monotonic() + deadline
    while time.monotonic() < stop:
        with factory() as s:
            waiting = s.scalar(
                text(
                    "SELECT count(*) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND wait_event_type = 'Lock'"
                )
            )
        if waiting:
            return
        time.sleep(0.05)
    pytest.fail("the second officer never waited for the first")


@pytest.mark.postgres
@pytest.mark.parametrize(
    ("create", "expected"),
    [
        (new_child, ("AL-2026-00001", "AL-2026-00002")),
        (new_guardian, ("G-00001", "G-00002")),
        (new_facility, ("FAC-0001", "FAC-0002")),
    ],
    ids=["case number", "guardian code", "facility code"],
)
def test_two_officers_registering_at_once_get_distinct_numbers(
    pg_db: str,  # noqa: F811
    create: Callable[[Session], str],
    expected: tuple[str, str],
) -> None:
    """B reads the same highest number as A, waits on A's insert, then takes the next one."""
    engine = make_engine(pg_db, poolclass=NullPool)
    factory = make_session_factory(engine)
    found: list[str] = []
    failed: list[BaseException] = []
    try:
        with session_scope(factory, actor="officer-a") as first:
            a = create(first)

            def other_officer() -> None:
                try:
                    with session_scope(factory, actor="officer-b") as second:
                        found.append(create(second))
                except BaseException as exc:  # reported below, in the test's thread
                    failed.append(exc)

            thread = threading.Thread(target=other_officer)
            thread.start()
            wait_until_blocked(factory)
        thread.join(timeout=60)
        assert not thread.is_alive()
        assert not failed, f"the second officer got {failed[0]!r}"
        assert (a, found[0]) == expected
        with factory() as s:
            stored = (
                sorted(s.scalars(select(Child.case_number)).all())
                + sorted(s.scalars(select(Guardian.code)).all())
                + sorted(s.scalars(select(Facility.code)).all())
            )
        assert stored == list(expected)
    finally:
        engine.dispose()


def test_facility_code_numbering_uses_ascii_digits_only(session: Session) -> None:
    facilities.create_facility(session, factories.facility(code="FAC-0007"))
    renumber(session, Facility, Facility.code, "FAC-0007", "FAC-٠٠٠٧")
    assert facilities.next_code(session) == "FAC-0001"
