"""The office's phone and e-mail on the letterhead, and the help line on the child's card, in
every language the card is printed in; an empty one leaves no label behind."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy.orm import Session

from guardian_desk.domain.enums import DocumentKind
from guardian_desk.papers import sources
from guardian_desk.papers.card import card_languages
from guardian_desk.papers.register import issue_document
from guardian_desk.services.settings import get_settings, settings_data, update_settings
from tests.papers.pdf import flat_text_of
from tests.papers.test_sources import build_case

OFFICE_PHONE = "+35542223344"
HELP_LINE = "116111"


def set_contacts(session: Session, phone: str, email: str, help_line: str) -> None:
    """Through the settings service, as the officer's dialog saves them (normalised)."""
    row = get_settings(session)
    data = replace(settings_data(row), office_phone=phone, office_email=email, help_line=help_line)
    update_settings(session, data, row.version)


def card_text(session: Session, child_id: int) -> str:
    return flat_text_of(issue_document(session, DocumentKind.CARD, child_id=child_id).pdf)


def help_words(code: str) -> list[str]:
    """The help label's words (pdftotext moves the commas of right-to-left labels)."""
    return [word.strip("()،,") for word in card_languages()[code].labels["help_call"].split()]


def test_the_letterhead_prints_the_office_phone_and_email(session: Session) -> None:
    case = build_case(session)
    set_contacts(session, "04 222 3344", "kujdestaria@tirana.example", "")
    head = sources.letterhead(get_settings(session))
    assert (head.phone, head.email) == (OFFICE_PHONE, "kujdestaria@tirana.example")
    for kind in (DocumentKind.APPOINTMENT, DocumentKind.CARD):
        text = flat_text_of(issue_document(session, kind, child_id=case.child.id).pdf)
        assert f"Phone {OFFICE_PHONE}" in text, kind
        assert "kujdestaria@tirana.example" in text, kind


def test_the_card_gives_the_help_line_in_english_albanian_and_dari(session: Session) -> None:
    case = build_case(session)
    set_contacts(session, "04 222 3344", "", "116 111")
    text = card_text(session, case.child.id)
    assert "If you need help, call " + HELP_LINE in text
    assert text.count(HELP_LINE) == 3  # once in each language: English, Albanian, Dari
    for code in ("sqi", "prs"):
        for word in help_words(code):
            assert word in text, (code, word)
    # the office's phone is on the letterhead, not offered as the child's help line
    assert "call " + OFFICE_PHONE not in text


def test_without_a_help_line_the_card_gives_the_office_phone(session: Session) -> None:
    case = build_case(session)
    set_contacts(session, "04 222 3344", "", "")
    text = card_text(session, case.child.id)
    assert f"If you need help, call {OFFICE_PHONE}" in text


def test_empty_contacts_leave_no_label(session: Session) -> None:
    case = build_case(session)
    set_contacts(session, "", "", "")
    head = sources.letterhead(get_settings(session))
    assert (head.phone, head.email) == (None, None)
    text = card_text(session, case.child.id)
    assert "If you need help" not in text
    for code in ("sqi", "prs"):
        assert not all(word in text for word in help_words(code)), code
    assert "Phone" not in text.split("Your guardian")[0]  # nothing by the office's name
