"""The referral letter carries exactly the fields the officer chose, and nothing else; the
disclosure names exactly those fields; a reprint prints the same ones."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy.orm import Session

from guardian_desk.db.models import Screening, ScreeningAnswer
from guardian_desk.domain.errors import NotFoundError, PermissionDenied, ValidationError
from guardian_desk.domain.records import Companion
from guardian_desk.papers.referral_letter import (
    DEFAULT_FIELDS,
    LETTER_FIELDS,
    SENSITIVE,
    check_letter_fields,
)
from guardian_desk.papers.register import reprint
from guardian_desk.security.roles import ACCOUNT_KEY, Role, SignedIn
from guardian_desk.services.disclosures import disclosures_of
from guardian_desk.services.referrals import (
    ReferralInput,
    create_referral,
    issue_referral_letter,
)
from guardian_desk.services.settings import get_settings
from tests.papers.pdf import flat_text_of
from tests.scheduling.office import Office

# Each field's value as the English letter prints it (the case number is always there).
VALUES: dict[str, tuple[str, ...]] = {
    "full_name": ("Omid Rahimi",),
    "sex": ("Male",),
    "date_of_birth": ("1 March 2011",),
    "nationality": ("Afghanistan",),
    "languages": ("Dari",),
    "facility": ("Tirana Reception Centre",),
    "guardian": ("Elira Hoxha",),
    "identified_on": ("2 March 2026",),
    "accompanying_adults": ("Amir Karimi", "uncle"),
    "screening": ("found these elements positive", "4 March 2026"),
    "screening_indicators": ("Debt bondage", "Excessive working days"),
    "reason": ("works at a car wash",),
    "consent": ("The guardian", "Not asked"),
    "legal_basis": ("Law 70/2017, art. 12",),
}


@pytest.fixture
def referral(session: Session):  # type: ignore[no-untyped-def]
    office = Office(session)
    get_settings(session).organisation_name = "Tirana Child Protection Unit"
    place, guardian = office.facility(), office.guardian()
    child = office.child(
        place,
        identified_on=date(2026, 3, 2),
        given_name="Omid",
        family_name="Rahimi",
        accompanying_adults=[Companion("Amir Karimi", "uncle")],
    )
    office.appoint(child, guardian, date(2026, 3, 3))
    screening = Screening(
        child_id=child.id,
        screened_at=datetime(2026, 3, 4, 10, tzinfo=UTC),
        indicator_set="labour",
        positive_elements=["coercive_recruitment", "exploitation"],
        flagged=True,
        answers=[
            ScreeningAnswer(indicator_id="cl-cr-02", answer="reported_by_child"),
            ScreeningAnswer(indicator_id="cl-cr-05", answer="observed"),
            ScreeningAnswer(indicator_id="cl-ex-01", answer="reported_by_child"),
            ScreeningAnswer(indicator_id="cl-ex-02", answer="reported_by_child"),
        ],
    )
    session.add(screening)
    session.flush()
    info = create_referral(
        session,
        ReferralInput(
            child_id=child.id,
            recipient_kind="nrm",
            recipient_name="Office of the National Coordinator",
            sent_on=date(2026, 3, 10),
            legal_basis="Law 70/2017, art. 12",
            reason="Owes a debt to the smuggler and works at a car wash.",
            child_consent="given",
            guardian_consent="not_asked",
            screening_id=screening.id,
        ),
    )
    return child, info


@pytest.mark.parametrize(
    "chosen",
    [
        ("sex", "nationality", "reason", "legal_basis"),
        ("full_name", "screening"),
        ("date_of_birth", "guardian", "consent", "accompanying_adults"),
        ("languages", "facility", "identified_on", "screening_indicators"),
        (),
    ],
)
def test_the_letter_carries_exactly_the_chosen_fields(
    session: Session, referral, chosen: tuple[str, ...]
) -> None:  # type: ignore[no-untyped-def]
    child, info = referral
    paper = issue_referral_letter(session, info.referral_id, chosen)
    text = flat_text_of(paper.pdf)
    assert child.case_number in text and "Office of the National Coordinator" in text
    assert "Referral of an unaccompanied child" in text
    for key, values in VALUES.items():
        for value in values:
            if key in chosen:
                assert value in text, (key, value)
            else:
                assert value not in text, (key, value)
    assert "Rahimi" not in text or "full_name" in chosen  # nor in any other field
    assert "Omid" not in paper.subject and paper.subject.endswith(child.case_number)
    (disclosure,) = disclosures_of(session, child.id)
    assert set(disclosure.fields) == {"case_number", *chosen}
    assert disclosure.fields == check_letter_fields(chosen)  # in the letter's order
    assert disclosure.reference == paper.reference and disclosure.kind == "referral_letter"
    assert disclosure.recipient == "nrm: Office of the National Coordinator"
    assert disclosure.legal_basis == "Law 70/2017, art. 12"
    # A reprint prints the same fields, marked COPY.
    again = flat_text_of(reprint(session, paper.reference).pdf)
    assert "COPY" in again
    for key, values in VALUES.items():
        assert all((value in again) == (key in chosen) for value in values), key


def test_everything_chosen_prints_everything(session: Session, referral) -> None:  # type: ignore[no-untyped-def]
    _child, info = referral
    paper = issue_referral_letter(session, info.referral_id, list(LETTER_FIELDS))
    text = flat_text_of(paper.pdf)
    for value in (v for values in VALUES.values() for v in values):
        assert value in text, value
    assert "it does not identify a victim" in text


def test_fields_are_checked(session: Session, referral) -> None:  # type: ignore[no-untyped-def]
    _child, info = referral
    assert check_letter_fields(["reason", "sex", "sex", " "]) == ("case_number", "sex", "reason")
    assert not SENSITIVE & set(DEFAULT_FIELDS) and "full_name" in SENSITIVE
    with pytest.raises(ValidationError, match="is not a referral letter field") as refused:
        issue_referral_letter(session, info.referral_id, ["sex", "photo"])
    assert refused.value.field == "fields"
    assert disclosures_of(session, info.child_id) == []


def test_another_childs_referral_is_not_printed(session: Session, referral) -> None:  # type: ignore[no-untyped-def]
    from guardian_desk.domain.enums import DocumentKind
    from guardian_desk.papers.register import issue_document

    _child, info = referral
    other = Office(session).child(None, given_name="Samir")
    with pytest.raises(NotFoundError):
        issue_document(
            session, DocumentKind.REFERRAL_LETTER, child_id=other.id, referral_id=info.referral_id
        )


def test_printing_needs_the_papers_permission(session: Session, referral) -> None:  # type: ignore[no-untyped-def]
    _child, info = referral
    session.info[ACCOUNT_KEY] = SignedIn("ilir", "Ilir Auditor", Role.AUDITOR)
    with pytest.raises(PermissionDenied):
        issue_referral_letter(session, info.referral_id, ["sex"])


@pytest.mark.parametrize("language", ["sq", "sr", "sr-Latn", "mk"])
def test_printed_in_the_offices_languages(session: Session, referral, language: str) -> None:  # type: ignore[no-untyped-def]
    child, info = referral
    paper = issue_referral_letter(
        session, info.referral_id, ["screening", "reason"], language=language
    )
    text = flat_text_of(paper.pdf)
    assert child.case_number in text and "car wash" in text
    assert "Omid" not in text
    element = {
        "sq": "Rekrutim me shtrëngim",
        "sr": "Врбовање принудом",
        "sr-Latn": "Vrbovanje prinudom",
        "mk": "Врбување со присилба",
    }[language]
    assert element in text
