"""The office's texts per language: stored, defaulted, guarded by the settings' version, audited,
and changed only by whoever may change the office settings."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from guardian_desk.db.engine import session_scope
from guardian_desk.db.models import AuditEvent, OfficeText
from guardian_desk.domain.errors import ConflictError, PermissionDenied, ValidationErrors
from guardian_desk.security.roles import Role, SignedIn
from guardian_desk.services import office_texts
from guardian_desk.services.office_texts import OfficeTexts
from guardian_desk.services.settings import get_settings

OFFICER = SignedIn("off.user", "An officer", Role.OFFICER)
ALBANIAN = "Ligji nr. 18/2017 për të drejtat dhe mbrojtjen e fëmijës, neni 7."


def test_texts_are_stored_per_language(session: Session) -> None:
    version = get_settings(session).version
    office_texts.update_office_texts(
        session,
        [
            OfficeTexts("sq", legal_basis=ALBANIAN, closing="Me respekt."),
            OfficeTexts("en", legal_basis="Law No. 18/2017, Article 7."),
        ],
        version,
    )
    assert get_settings(session).version == version + 1
    stored = office_texts.all_office_texts(session)
    assert stored["sq"] == OfficeTexts("sq", legal_basis=ALBANIAN, closing="Me respekt.")
    assert stored["en"].legal_basis == "Law No. 18/2017, Article 7."
    assert stored["mk"] == OfficeTexts("mk")


def test_an_emptied_text_takes_its_default_again(session: Session) -> None:
    settings = get_settings(session)
    office_texts.update_office_texts(
        session, [OfficeTexts("en", duties="Visit weekly.\n\nCall monthly.")], settings.version
    )
    assert office_texts.paper_words(session, "en").duties == ("Visit weekly.", "Call monthly.")
    office_texts.update_office_texts(session, [OfficeTexts("en")], settings.version)
    assert session.scalars(select(OfficeText)).all() == []
    words = office_texts.paper_words(session, "en", interval=30)
    assert words.legal_basis is None  # the office's law: no default
    assert words.signatory_title is None  # the officer's own title prints
    assert "at least once every 30 days" in words.duties[1]
    assert words.closing == office_texts.default_closing()


def test_the_default_duties_count_days_with_the_right_plural() -> None:
    assert "every 1 day." in office_texts.default_duties(1)[1]
    assert "every 14 days." in office_texts.default_duties(14)[1]


def test_a_change_is_audited_as_a_settings_update(session: Session) -> None:
    office_texts.update_office_texts(
        session, [OfficeTexts("sq", legal_basis=ALBANIAN)], get_settings(session).version
    )
    session.flush()
    found = session.scalars(
        select(AuditEvent).where(AuditEvent.entity == "settings", AuditEvent.action == "update")
    ).all()
    assert found[-1].before == {"legal_basis.sq": ""}
    assert found[-1].after == {"legal_basis.sq": ALBANIAN}


def test_saving_nothing_new_changes_nothing(session: Session) -> None:
    version = get_settings(session).version
    office_texts.update_office_texts(session, [OfficeTexts("sq")], version)
    assert get_settings(session).version == version


def test_a_stale_edit_is_refused(factory: sessionmaker[Session]) -> None:
    with session_scope(factory) as s:
        version = get_settings(s).version
    with session_scope(factory) as s:
        office_texts.update_office_texts(s, [OfficeTexts("sq", legal_basis="Ligji A")], version)
    with pytest.raises(ConflictError), session_scope(factory) as s:
        office_texts.update_office_texts(s, [OfficeTexts("sq", legal_basis="Ligji B")], version)
    with session_scope(factory) as s:
        assert office_texts.office_texts(s, "sq").legal_basis == "Ligji A"


def test_a_stale_language_change_is_refused(factory: sessionmaker[Session]) -> None:
    with session_scope(factory) as s:
        version = get_settings(s).version
        office_texts.set_papers_language(s, "mk", version)
    with pytest.raises(ConflictError), session_scope(factory) as s:
        office_texts.set_papers_language(s, "sq", version)


def test_an_officer_may_read_but_not_change_the_texts(factory: sessionmaker[Session]) -> None:
    with session_scope(factory, account=OFFICER) as s:
        version = get_settings(s).version
        assert office_texts.office_texts(s, "sq") == OfficeTexts("sq")
        with pytest.raises(PermissionDenied, match="change the office settings"):
            office_texts.update_office_texts(s, [OfficeTexts("sq", legal_basis="x")], version)
        with pytest.raises(PermissionDenied):
            office_texts.set_papers_language(s, "sq", version)


def test_a_language_papers_are_not_printed_in_is_refused(session: Session) -> None:
    version = get_settings(session).version
    with pytest.raises(ValidationErrors) as refused:
        office_texts.update_office_texts(session, [OfficeTexts("de", closing="x")], version)
    assert refused.value.errors[0].field == "language"
    with pytest.raises(ValidationErrors):
        office_texts.update_office_texts(
            session, [OfficeTexts("sq", signatory_title="x" * 201)], version
        )


def test_the_papers_language_is_the_offices_and_can_be_changed(session: Session) -> None:
    settings = get_settings(session)
    settings.language = "sr-Latn-RS"
    assert office_texts.papers_language(settings) == "sr-Latn"
    settings.language = "de"
    assert office_texts.papers_language(settings) == "en"
    session.flush()
    office_texts.set_papers_language(session, "mk", settings.version)
    assert office_texts.papers_language(get_settings(session)) == "mk"
