"""The case summary can print the timeline: an option among the summary's fields."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from guardian_desk.domain.case_history import NoteKind
from guardian_desk.domain.enums import DocumentKind
from guardian_desk.papers.register import issue_document
from guardian_desk.papers.sources import SUMMARY_FIELDS
from guardian_desk.services.case_notes import add_note
from guardian_desk.services.placements import move_child
from tests.papers.pdf import flat_text_of
from tests.scheduling.office import Office


def test_the_summary_prints_the_timeline_when_chosen(session: Session) -> None:
    office = Office(session)
    first, second = office.facility(), office.facility(name="Vlora Home")
    child = office.child(first, identified_on=date(2026, 1, 5))
    move_child(
        session, child.id, child.version, second.id, moved_on=date(2026, 2, 2),
        reason="safety", today=date(2026, 3, 1),
    )  # fmt: skip
    add_note(
        session, child.id, NoteKind.EDUCATION, date(2026, 2, 9), "Enrolled", today=date(2026, 3, 1)
    )
    assert "timeline" in SUMMARY_FIELDS

    chosen = issue_document(
        session, DocumentKind.SUMMARY, child_id=child.id, fields=["sex", "timeline"]
    )
    unchosen = issue_document(session, DocumentKind.SUMMARY, child_id=child.id, fields=["sex"])

    text = " ".join(flat_text_of(chosen.pdf).split())
    assert "Timeline" in text and "Vlora Home" in text
    assert "Note (Education): Enrolled" in text
    assert text.index("Placed at") < text.index("Moved from") < text.index("Note (Education)")
    assert "Vlora Home" not in flat_text_of(unchosen.pdf)
