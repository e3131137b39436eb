"""The missing-child report: registered, printed in the office's or a chosen language, and
reprinted as the same episode's paper."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy.orm import Session

from guardian_desk.domain.enums import DocumentKind
from guardian_desk.domain.errors import RuleViolation
from guardian_desk.papers.register import issue_document, reprint
from guardian_desk.services.missing import record_return, report_missing
from guardian_desk.services.settings import get_settings
from tests.papers.pdf import flat_text_of
from tests.scheduling.office import Office


@pytest.fixture
def missing(session: Session):  # type: ignore[no-untyped-def]
    office = Office(session)
    settings = get_settings(session)
    settings.organisation_name = "Tirana Child Protection Unit"
    settings.office_phone = "+355 4 222 3333"
    place, guardian = office.facility(), office.guardian()
    child = office.child(place, given_name="Omid", family_name="Rahimi")
    office.appoint(child, guardian, date(2026, 3, 2))
    episode = report_missing(
        session,
        child.id,
        missing_since=office.at(2026, 3, 9, 21, 30),
        last_seen_place="Tirana bus station",
        circumstances="Left the shelter after dinner with two older boys.",
        appearance="About 160 cm, thin, short black hair, blue jacket, scar on the left hand.",
        reported_to_police=True,
        police_reported_at=office.at(2026, 3, 9, 23),
        police_reference="TR-2026-4411",
        now=datetime(2026, 3, 10, 8, tzinfo=UTC),
    )
    return office, child, episode


def test_the_report_says_what_the_police_and_the_hotline_need(session: Session, missing) -> None:  # type: ignore[no-untyped-def]
    _office, child, episode = missing
    paper = issue_document(session, DocumentKind.MISSING_REPORT, child_id=child.id)
    assert paper.subject == f"Missing child report: {child.case_number} Omid Rahimi"
    text = flat_text_of(paper.pdf)
    for expected in (
        "Missing child report",
        child.case_number,
        "Omid Rahimi",
        "Description (no photo)",
        "About 160 cm, thin, short black hair",
        "Tirana bus station",
        "9 March 2026",
        "Left the shelter after dinner",
        "police reference TR-2026-4411",
        "116 000",
        "+355 4 222 3333",
        "Elira Hoxha",  # the guardian
    ):
        assert expected in text, expected
    # A reprint after the return is the same episode's paper, saying the child was found.
    record_return(
        session, episode.id, episode.version, returned_at=datetime(2026, 3, 11, 12, tzinfo=UTC),
        now=datetime(2026, 3, 11, 13, tzinfo=UTC),
    )  # fmt: skip
    again = reprint(session, paper.reference)
    assert "The child was found on" in flat_text_of(again.pdf)


def test_translated_and_refused_when_not_missing(session: Session, missing) -> None:  # type: ignore[no-untyped-def]
    office, child, _episode = missing
    paper = issue_document(
        session, DocumentKind.MISSING_REPORT, child_id=child.id, language="sq", bilingual=True
    )
    text = flat_text_of(paper.pdf)
    assert "Missing child report" in text  # the English beside the Albanian
    other = office.child(None, given_name="Samir")
    with pytest.raises(RuleViolation, match="is not reported missing"):
        issue_document(session, DocumentKind.MISSING_REPORT, child_id=other.id)
