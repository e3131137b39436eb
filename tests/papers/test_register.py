"""Every issued paper is numbered, registered and audited; a reprint is a COPY of the same."""

from __future__ import annotations

import threading
from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from guardian_desk.db.engine import make_engine, make_session_factory, session_scope
from guardian_desk.db.migrate import prepare_database
from guardian_desk.db.models import AuditEvent, IssuedDocument
from guardian_desk.domain.enums import DocumentKind
from guardian_desk.domain.errors import NotFoundError, RuleViolation
from guardian_desk.papers.register import (
    issue_choice,
    issue_document,
    next_reference,
    papers_for_assignment,
    register_rows,
    reprint,
)
from tests.db.conftest import pg_server, pg_url  # noqa: F401 (fixtures)
from tests.papers.pdf import flat_text_of
from tests.papers.test_sources import build_case


def test_issuing_registers_numbers_and_audits(session: Session) -> None:
    session.info["actor"] = "m.petrovska"
    case = build_case(session)
    first = issue_document(
        session, DocumentKind.APPOINTMENT, assignment_id=case.guardian_assignment.id
    )
    second = issue_document(session, DocumentKind.CARD, child_id=case.child.id)
    year = date.today().year
    assert (first.reference, second.reference) == (f"GD-{year}-000001", f"GD-{year}-000002")
    assert first.reference in flat_text_of(first.pdf)
    row = session.scalars(
        select(IssuedDocument).where(IssuedDocument.reference == first.reference)
    ).one()
    assert (row.kind, row.child_id, row.guardian_id) == (
        DocumentKind.APPOINTMENT,
        case.child.id,
        case.guardian.id,
    )
    assert (row.assignment_id, row.issued_by, row.copies) == (
        case.guardian_assignment.id,
        "m.petrovska",
        0,
    )
    assert row.subject == f"Appointment decision: {case.child.case_number} Ahmad Rahimi"
    event = session.scalars(
        select(AuditEvent).where(
            AuditEvent.entity == "document", AuditEvent.entity_id == first.reference
        )
    ).one()
    assert (event.action, event.actor) == ("issue", "m.petrovska")
    assert event.after is not None
    assert event.after["subject"] == row.subject and event.after["child_id"] == case.child.id
    assert [r.reference for r in register_rows(session, child_id=case.child.id)] == [
        second.reference,
        first.reference,
    ]


def test_a_reprint_says_copy_keeps_the_reference_and_counts(session: Session) -> None:
    case = build_case(session)
    original = issue_document(session, DocumentKind.APPOINTMENT, child_id=case.child.id)
    assert "COPY" not in flat_text_of(original.pdf)
    again = reprint(session, original.reference.lower())
    twice = issue_document(session, DocumentKind.APPOINTMENT, copy_of=original.reference)
    text = flat_text_of(again.pdf)
    assert "COPY" in text and original.reference in text and "Ahmad Rahimi" in text
    assert (again.reference, again.copy, again.copies, twice.copies) == (
        original.reference,
        True,
        1,
        2,
    )
    row = session.scalars(select(IssuedDocument)).one()  # no new number for a copy
    assert row.copies == 2
    actions = session.scalars(
        select(AuditEvent.action).where(AuditEvent.entity == "document").order_by(AuditEvent.id)
    ).all()
    assert actions == ["issue", "reprint", "reprint"]


def test_a_summary_reprint_keeps_the_chosen_fields(session: Session) -> None:
    case = build_case(session)
    original = issue_document(
        session, DocumentKind.SUMMARY, child_id=case.child.id, fields=["sex"], recipient="UNHCR"
    )
    text = flat_text_of(reprint(session, original.reference).pdf)
    assert "Sex Male" in text and "UNHCR" in text and "Languages" not in text


def test_reprinting_an_unknown_reference_says_so(session: Session) -> None:
    with pytest.raises(NotFoundError, match="GD-2026-999999"):
        reprint(session, "GD-2026-999999")


def test_a_paper_that_cannot_be_made_takes_no_number(session: Session) -> None:
    case = build_case(session, with_mediator=False)
    with pytest.raises(RuleViolation, match="no mediator"):
        issue_document(session, DocumentKind.MEDIATOR_LETTER, child_id=case.child.id)
    assert session.scalars(select(IssuedDocument)).all() == []


def test_numbers_follow_the_highest_of_the_year(session: Session) -> None:
    case = build_case(session)
    year = date.today().year
    session.add(
        IssuedDocument(
            reference=f"GD-{year}-000041", kind=DocumentKind.CARD, child_id=case.child.id
        )
    )
    session.add(
        IssuedDocument(
            reference=f"GD-{year - 1}-000900", kind=DocumentKind.CARD, child_id=case.child.id
        )
    )
    session.flush()
    assert next_reference(session, year) == f"GD-{year}-000042"
    assert next_reference(session, year + 1) == f"GD-{year + 1}-000001"


def test_papers_for_a_fresh_appointment(session: Session) -> None:
    case = build_case(session)
    choices = papers_for_assignment(session, case.guardian_assignment.id)
    assert [c.kind for c in choices] == [
        DocumentKind.APPOINTMENT,
        DocumentKind.MEDIATOR_LETTER,
        DocumentKind.CARD,
    ]
    assert choices[1].title == "Mediator letter (Farid Noori)"
    issued = [issue_choice(session, c) for c in choices]
    assert len({p.reference for p in issued}) == 3
    alone = build_case(session, with_mediator=False, visit=False)
    kinds = [c.kind for c in papers_for_assignment(session, alone.guardian_assignment.id)]
    assert kinds == [DocumentKind.APPOINTMENT, DocumentKind.CARD]


@pytest.mark.postgres
def test_two_officers_issuing_at_once_on_postgres_get_two_numbers(pg_url: str) -> None:  # noqa: F811
    """B reads the same highest number as A, waits on A's row, then takes the next one."""
    prepare_database(pg_url)
    engine = make_engine(pg_url)
    factory = make_session_factory(engine)
    try:
        with session_scope(factory, actor="setup") as session:
            child_id = build_case(session, visit=False).child.id
        with session_scope(factory, actor="a") as first:
            a = issue_document(first, DocumentKind.CARD, child_id=child_id)
            found: list[str] = []

            def other_officer() -> None:
                with session_scope(factory, actor="b") as second:
                    found.append(
                        issue_document(second, DocumentKind.CARD, child_id=child_id).reference
                    )

            thread = threading.Thread(target=other_officer)
            thread.start()
            thread.join(timeout=1.0)
            assert thread.is_alive()  # B waits on A's uncommitted number
        thread.join(timeout=30)
        assert found and found[0] != a.reference
        assert found[0].endswith("000002")
    finally:
        engine.dispose()


def test_papers_are_signed_with_the_accounts_full_name_and_title(session: Session) -> None:
    """Not with the login name: the signature block reads like a signature, and a copy keeps
    the name of whoever issued the original."""
    from guardian_desk.security.accounts import NewAccount, create_account
    from guardian_desk.security.roles import ACCOUNT_KEY, Role, SignedIn

    for username, full_name, title in (
        ("m.petrovska", "Marija Petrovska", "Child protection officer"),
        ("a.gashi", "Arben Gashi", "Supervisor"),
    ):
        create_account(
            session,
            NewAccount(username, full_name, title, Role.SUPERVISOR),
            "a long enough password",
        )
    case = build_case(session)
    session.info[ACCOUNT_KEY] = SignedIn("m.petrovska", "Marija Petrovska", Role.OFFICER)
    original = issue_document(session, DocumentKind.APPOINTMENT, child_id=case.child.id)
    text = flat_text_of(original.pdf)
    assert "Marija Petrovska" in text and "Child protection officer" in text
    assert "m.petrovska" not in text
    session.info[ACCOUNT_KEY] = SignedIn("a.gashi", "Arben Gashi", Role.SUPERVISOR)
    copy = flat_text_of(reprint(session, original.reference).pdf)
    assert "Marija Petrovska" in copy and "Arben Gashi" not in copy
