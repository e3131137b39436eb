"""The appointment decision carries its own decision reference and the day it takes effect;
printing it again offers the reprint: one register reference per decision."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from guardian_desk.db.models import IssuedDocument
from guardian_desk.domain.enums import DocumentKind
from guardian_desk.papers.blocks import format_date
from guardian_desk.papers.register import (
    DecisionAlreadyIssued,
    issue_choice,
    issue_document,
    papers_for_assignment,
    reprint,
)
from tests.papers.pdf import flat_text_of
from tests.papers.test_sources import build_case


def test_the_decision_shows_its_reference_and_start_date(session: Session) -> None:
    case = build_case(session, visit=False)
    case.guardian_assignment.decision_ref = "Vendim nr. 45/2026"
    session.flush()
    paper = issue_document(
        session, DocumentKind.APPOINTMENT, assignment_id=case.guardian_assignment.id
    )
    text = flat_text_of(paper.pdf)
    assert "Vendim nr. 45/2026" in text
    assert "Starts on" in text and format_date(case.guardian_assignment.starts_on) in text


def test_without_a_typed_reference_the_line_is_left_out(session: Session) -> None:
    case = build_case(session, visit=False)
    paper = issue_document(
        session, DocumentKind.APPOINTMENT, assignment_id=case.guardian_assignment.id
    )
    text = flat_text_of(paper.pdf)
    assert "Decision" not in text.replace("Appointment decision", "")
    assert "Starts on" in text


def test_one_reference_per_decision_unless_the_officer_asks_for_a_new_one(
    session: Session,
) -> None:
    case = build_case(session, visit=False)
    first = issue_document(session, DocumentKind.APPOINTMENT, child_id=case.child.id)
    with pytest.raises(DecisionAlreadyIssued) as offered:
        issue_document(session, DocumentKind.APPOINTMENT, assignment_id=case.guardian_assignment.id)
    assert offered.value.reference == first.reference
    assert f"already issued as {first.reference}" in str(offered.value)
    assert decisions(session) == [first.reference]  # nothing registered by the refusal
    # What the officer is offered: the reprint of the same reference...
    again = reprint(session, offered.value.reference)
    assert (again.reference, again.copy) == (first.reference, True)
    # ...and from the papers offered after a confirm, the same: a COPY, not a new number.
    (choice,) = [
        c
        for c in papers_for_assignment(session, case.guardian_assignment.id)
        if c.kind is DocumentKind.APPOINTMENT
    ]
    copy = issue_choice(session, choice)
    assert (copy.reference, copy.copy) == (first.reference, True)
    assert decisions(session) == [first.reference]
    # A new decision only when asked for (the appointment changed).
    new = issue_document(session, DocumentKind.APPOINTMENT, child_id=case.child.id, again=True)
    assert new.reference != first.reference and not new.copy
    assert decisions(session) == [first.reference, new.reference]


def decisions(session: Session) -> list[str]:
    return list(
        session.scalars(
            select(IssuedDocument.reference)
            .where(IssuedDocument.kind == DocumentKind.APPOINTMENT)
            .order_by(IssuedDocument.id)
        )
    )
