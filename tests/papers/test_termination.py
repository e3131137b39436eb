"""The termination decision: registered like every paper, names who, for whom, from when and
why, the new guardian after a change; in any language; refused for an open appointment."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy.orm import Session

from guardian_desk.domain.closure import EndReason
from guardian_desk.domain.enums import DocumentKind
from guardian_desk.domain.errors import RuleViolation
from guardian_desk.papers.register import issue_choice, issue_document, papers_for_change
from guardian_desk.services.appointment_changes import (
    VisitChoice,
    change_guardian,
    end_appointment,
)
from tests.papers.pdf import flat_text_of
from tests.papers.pseudo import decorated, pseudo
from tests.papers.test_sources import build_case
from tests.scheduling.office import Office

__all__ = ["pseudo"]


def test_an_open_appointment_has_no_termination(session: Session) -> None:
    case = build_case(session, visit=False)
    with pytest.raises(RuleViolation, match="has not ended"):
        issue_document(session, DocumentKind.TERMINATION, assignment_id=case.guardian_assignment.id)


def test_the_mediators_end_is_printed_with_the_reason(session: Session) -> None:
    case = build_case(session, visit=False)
    a = case.mediator_assignment
    end_appointment(
        session, a.id, a.version, ends_on=a.starts_on, reason=EndReason.CONFLICT_OF_INTEREST
    )
    paper = issue_document(session, DocumentKind.TERMINATION, assignment_id=a.id)
    text = flat_text_of(paper.pdf)
    assert "End of a mediator's assignment" in text
    assert "Conflict of interest" in text and "Ahmad Rahimi" in text
    assert paper.subject.startswith("Termination decision: ")


def test_a_change_prints_the_end_and_the_new_appointment(session: Session) -> None:
    case = build_case(session, visit=False)
    new = Office(session).guardian(given_name="Arben", family_name="Krasniqi")
    a = case.guardian_assignment
    done = change_guardian(
        session,
        a.id,
        a.version,
        new.id,
        on=a.starts_on,
        visits_choice=VisitChoice.MOVE,
        handover_note="Prefers afternoon visits",
    )
    choices = papers_for_change(session, done.ended_id, done.new_id)
    assert [c.kind for c in choices] == [
        DocumentKind.TERMINATION,
        DocumentKind.APPOINTMENT,
        DocumentKind.CARD,
    ]
    ended = flat_text_of(issue_choice(session, choices[0]).pdf)
    assert "End of a guardian's appointment" in ended
    assert "Replaced by another person" in ended and "Arben Krasniqi" in ended
    appointed = flat_text_of(issue_choice(session, choices[1]).pdf)
    assert "Arben Krasniqi" in appointed and "Prefers afternoon visits" in appointed


def test_it_prints_in_any_language(session: Session, pseudo: None) -> None:
    case = build_case(session, visit=False)
    a = case.guardian_assignment
    end_appointment(
        session, a.id, a.version, ends_on=date.today() + timedelta(days=0), reason="resigned"
    )
    text = flat_text_of(
        issue_document(session, DocumentKind.TERMINATION, assignment_id=a.id, language="en-XA").pdf
    )
    assert decorated("End of a guardian's appointment") in text
    assert decorated("The appointed person resigned") in text
    assert "End of a guardian's appointment" not in text
