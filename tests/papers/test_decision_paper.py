"""The appointment decision carries its own decision reference and the day it takes effect;
printing it again offers the reprint: one register reference per decision."""

from __future__ import annotations

from sqlalchemy.orm import Session

from guardian_desk.domain.enums import DocumentKind
from guardian_desk.papers.blocks import format_date
from guardian_desk.papers.register import issue_document
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
