"""Issued papers speak the office's language by default, or the one asked for, with the office's
own texts of that language; a reprint speaks the original's language."""

from __future__ import annotations

from sqlalchemy.orm import Session

from guardian_desk.domain.enums import DocumentKind
from guardian_desk.i18n import using_language
from guardian_desk.i18n.formats import date_text
from guardian_desk.papers.register import issue_document, reprint
from guardian_desk.services import office_texts
from guardian_desk.services.office_texts import OfficeTexts
from guardian_desk.services.settings import get_settings
from tests.papers.pdf import flat_text_of
from tests.papers.pseudo import decorated, pseudo
from tests.papers.test_sources import LEGAL, build_case

__all__ = ["pseudo"]

ALBANIAN = "Neni 7 i Ligjit 121/2016 për të drejtat e fëmijës."
SERBIAN = "Члан 132. Породичног закона."


def _texts(session: Session) -> None:
    office_texts.update_office_texts(
        session,
        [
            OfficeTexts(
                "sq",
                legal_basis=ALBANIAN,
                closing="Lëshuar nga zyra.",
                signatory_title="Zyrtare për mbrojtjen e fëmijëve",
                duties="Përfaqëson fëmijën.\nViziton fëmijën.",
            ),
            OfficeTexts("sr", legal_basis=SERBIAN),
        ],
        get_settings(session).version,
    )


def test_each_language_prints_its_own_legal_basis(session: Session) -> None:
    case = build_case(session)
    _texts(session)
    albanian = flat_text_of(
        issue_document(
            session, DocumentKind.APPOINTMENT, child_id=case.child.id, language="sq", again=True
        ).pdf
    )
    english = flat_text_of(
        issue_document(
            session, DocumentKind.APPOINTMENT, child_id=case.child.id, language="en", again=True
        ).pdf
    )
    serbian = flat_text_of(
        issue_document(
            session, DocumentKind.APPOINTMENT, child_id=case.child.id, language="sr", again=True
        ).pdf
    )
    assert ALBANIAN in albanian and LEGAL not in albanian
    assert "Përfaqëson fëmijën." in albanian and "Lëshuar nga zyra." in albanian
    assert "Zyrtare për mbrojtjen e fëmijëve" in albanian
    assert LEGAL in english and ALBANIAN not in english
    assert "Zyrtare" not in english and "Përfaqëson" not in english
    assert SERBIAN in serbian  # Cyrillic prints
    # No legal basis written in Macedonian: the section is left out.
    macedonian = flat_text_of(
        issue_document(
            session, DocumentKind.APPOINTMENT, child_id=case.child.id, language="mk", again=True
        ).pdf
    )
    assert LEGAL not in macedonian and "Legal basis" not in macedonian


def test_a_bilingual_paper_prints_the_english_texts_too(session: Session) -> None:
    case = build_case(session)
    _texts(session)
    text = flat_text_of(
        issue_document(
            session, DocumentKind.APPOINTMENT, child_id=case.child.id, language="sq", bilingual=True
        ).pdf
    )
    assert text.index(ALBANIAN) < text.index(LEGAL)
    assert "Legal basis" in text


def test_papers_speak_the_offices_language_by_default(session: Session) -> None:
    case = build_case(session)
    _texts(session)
    settings = get_settings(session)
    office_texts.set_papers_language(session, "sq", settings.version)
    for kind in (DocumentKind.APPOINTMENT, DocumentKind.MEDIATOR_LETTER):
        paper = issue_document(session, kind, child_id=case.child.id)
        with using_language("sq"):
            issued = date_text(paper.issued_on, long=True)  # "6 dhjetor 2026"
        text = flat_text_of(paper.pdf)
        assert issued in text and "Lëshuar nga zyra." in text, kind


def test_a_reprint_speaks_the_originals_language(session: Session, pseudo: None) -> None:
    case = build_case(session)
    original = issue_document(
        session, DocumentKind.APPOINTMENT, child_id=case.child.id, language="en-XA", bilingual=True
    )
    copy = flat_text_of(reprint(session, original.reference).pdf)
    assert decorated("Appointment of a guardian") in copy
    assert "/ Appointment of a guardian" in copy


def test_every_paper_issues_in_the_pseudo_locale(session: Session, pseudo: None) -> None:
    case = build_case(session)
    for kind, options in (
        (DocumentKind.APPOINTMENT, {"child_id": case.child.id}),
        (DocumentKind.MEDIATOR_LETTER, {"child_id": case.child.id}),
        (DocumentKind.SUMMARY, {"child_id": case.child.id, "fields": ["sex", "status"]}),
        (
            DocumentKind.SCHEDULE,
            {
                "guardian_id": case.guardian.id,
                "period": (case.first_visit.date(), case.first_visit.date()),
            },
        ),
    ):
        text = flat_text_of(issue_document(session, kind, language="en-XA", **options).pdf)
        assert decorated("For the office") in text, kind
        assert "For the office" not in text, kind
    summary = flat_text_of(
        issue_document(
            session,
            DocumentKind.SUMMARY,
            child_id=case.child.id,
            fields=["sex", "status"],
            language="en-XA",
        ).pdf
    )
    assert decorated("Case status") in summary and decorated("Male") in summary
    schedule = flat_text_of(
        issue_document(
            session,
            DocumentKind.SCHEDULE,
            guardian_id=case.guardian.id,
            period=(case.first_visit.date(), case.first_visit.date()),
            language="en-XA",
        ).pdf
    )
    assert decorated("Planned") in schedule
