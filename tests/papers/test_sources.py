"""The papers' content comes from the records: names in their script, languages, first visit."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy.orm import Session

from guardian_desk.db.models import Assignment, Child, Guardian, Mediator
from guardian_desk.domain.enums import DocumentKind
from guardian_desk.domain.errors import ValidationError
from guardian_desk.papers import sources
from guardian_desk.papers.register import issue_document
from guardian_desk.services import assignments, children, office_texts, visits
from guardian_desk.services.settings import get_settings
from tests.matching.office import FLUENT, NATIVE, Office, speaks
from tests.papers.pdf import flat_text_of

OFFICE = "Centre for Social Work Tirana"
LEGAL = "Article 7 of Law 121/2016 on the rights of the child."


@dataclass
class Case:
    child: Child
    guardian: Guardian
    mediator: Mediator
    guardian_assignment: Assignment
    mediator_assignment: Assignment
    first_visit: datetime


def next_monday(after: date) -> date:
    return after + timedelta(days=7 - after.weekday())


def build_case(session: Session, *, with_mediator: bool = True, visit: bool = True) -> Case:
    """A Dari-speaking child with a guardian (Albanian, English) and a Dari mediator."""
    settings = get_settings(session)
    settings.organisation_name = OFFICE
    settings.organisation_address = "Rruga e Durrësit 12\n1001 Tirana"
    session.flush()
    office_texts.update_office_texts(
        session, [office_texts.OfficeTexts("en", legal_basis=LEGAL)], settings.version
    )
    office = Office(session)
    place = office.facility()
    guardian = office.guardian(given_name="Elira", family_name="Hoxha")
    mediator = office.mediator()
    child = office.child(place, notes="Secret note about the family")
    today = date.today()
    ga = assignments.assign_guardian(session, child.id, guardian.id, starts_on=today)
    ma = (
        assignments.assign_mediator(session, child.id, mediator.id, starts_on=today)
        if with_mediator
        else ga
    )
    zone = ZoneInfo(settings.time_zone)
    start = datetime.combine(next_monday(today), time(10, 0), tzinfo=zone)
    if visit:
        visits.create_visit(session, child.id, starts_at=start, override_reason="test")
    session.flush()
    return Case(child, guardian, mediator, ga, ma, start)


def test_names_languages_and_first_visit(session: Session) -> None:
    case = build_case(session)
    details = sources.child_details(case.child)
    assert details.name == "Ahmad Rahimi / احمد رحیمی"
    assert details.languages == ("Dari",)
    assert details.nationality == "Afghanistan"
    found = sources.first_visit(session, case.guardian_assignment)
    assert found is not None and found == case.first_visit


def test_the_appointment_names_everyone_and_the_first_visit(session: Session) -> None:
    case = build_case(session)
    paper = issue_document(session, DocumentKind.APPOINTMENT, child_id=case.child.id)
    text = flat_text_of(paper.pdf)
    for expected in ("Ahmad Rahimi", "رحیمی", "Elira Hoxha", OFFICE, "Article 7", "First visit"):
        assert expected in text
    assert f"{case.first_visit:%H:%M}" in text
    assert "None" not in text


def test_the_mediator_letter_bridges_dari_and_albanian(session: Session) -> None:
    case = build_case(session)
    paper = issue_document(session, DocumentKind.MEDIATOR_LETTER, child_id=case.child.id)
    text = flat_text_of(paper.pdf)
    assert "Farid Noori" in text and "Elira Hoxha" in text
    assert "Dari → Albanian" in text


def test_missing_optional_data_leaves_no_none(session: Session) -> None:
    case = build_case(session, visit=False)
    child = case.child
    child.date_of_birth = None
    child.given_name_original = child.family_name_original = ""
    case.guardian.phone = ""
    settings = get_settings(session)
    office_texts.update_office_texts(session, [office_texts.OfficeTexts("en")], settings.version)
    session.flush()
    for kind in (DocumentKind.APPOINTMENT, DocumentKind.CARD, DocumentKind.MEDIATOR_LETTER):
        text = flat_text_of(issue_document(session, kind, child_id=child.id).pdf)
        assert "None" not in text, kind
        assert "Ahmad Rahimi" in text
    assert "First visit" not in flat_text_of(
        issue_document(session, DocumentKind.APPOINTMENT, child_id=child.id, again=True).pdf
    )


def test_the_card_speaks_english_albanian_and_dari(session: Session) -> None:
    case = build_case(session)
    content = sources.card(
        session,
        case.child,
        {
            "settings": get_settings(session),
            "reference": "X",
            "issued_on": date.today(),
            "officer_name": "o",
        },
    )
    assert (content.office_language, content.child_language) == ("sqi", "prs")
    assert content.next_visit == case.first_visit
    assert content.mediator_name == "Farid Noori"


def test_a_child_language_without_translation_is_left_to_english(session: Session) -> None:
    office = Office(session)
    child = office.child(None, languages=speaks(("ben", NATIVE), ("eng", FLUENT)))
    assert sources.card_language(child) == "eng"


def test_summary_prints_only_the_chosen_fields(session: Session) -> None:
    case = build_case(session)
    paper = issue_document(
        session,
        DocumentKind.SUMMARY,
        child_id=case.child.id,
        fields=["languages", "guardian", "arrived_on"],
        purpose="transfer",
        recipient="Save the Children Albania",
    )
    text = flat_text_of(paper.pdf)
    assert "Dari (native)" in text and "Elira Hoxha" in text
    assert "Arrived on not recorded" in text  # chosen, but not known
    assert "Case summary for transfer" in text and "Save the Children Albania" in text
    for unchosen in ("Secret note", "Afghanistan", "Farid Noori", "Tirana Reception"):
        assert unchosen not in text


def test_summary_refuses_an_unknown_field_naming_the_known_ones(session: Session) -> None:
    case = build_case(session)
    with pytest.raises(ValidationError) as raised:
        issue_document(session, DocumentKind.SUMMARY, child_id=case.child.id, fields=["eyes"])
    assert raised.value.field == "fields" and raised.value.value == "eyes"
    assert "languages" in raised.value.reason


def test_schedule_lists_the_guardians_visits_with_initials(session: Session) -> None:
    case = build_case(session)
    monday = case.first_visit.date()
    paper = issue_document(
        session,
        DocumentKind.SCHEDULE,
        guardian_id=case.guardian.id,
        period=(monday - timedelta(days=3), monday + timedelta(days=3)),
    )
    text = flat_text_of(paper.pdf)
    # The Child column of the schedule is narrow: a case number may wrap before its last digit.
    assert case.child.case_number in text.replace(" ", "") and "A.R." in text
    assert "Mediator: Farid Noori" in text and "10:00" in text
    assert "Ahmad Rahimi" not in text  # a schedule names children by initials only


def test_summary_dates_read_like_the_other_papers(session: Session) -> None:
    case = build_case(session)
    born = children.get_child(session, case.child.id).date_of_birth
    assert born is not None
    paper = issue_document(
        session, DocumentKind.SUMMARY, child_id=case.child.id, fields=["date_of_birth"]
    )
    text = flat_text_of(paper.pdf)
    assert f"{born.day} {born:%B} {born.year}" in text
    assert f"{born:%d.%m.%Y}" not in text
