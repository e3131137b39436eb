"""Revision 7b5c6d8e9fa4: the office's one legal basis becomes its language's legal basis,
on SQLite and PostgreSQL; an office without one gets no text (nothing printed, as before)."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command
from sqlalchemy.pool import NullPool

from guardian_desk.db.engine import make_engine, session_scope
from guardian_desk.db.migrate import alembic_config, prepare_database
from guardian_desk.services import office_texts
from tests.db.data import sessions

BEFORE = "6a4b5c7d8e93"
LEGAL = "Ligji nr. 18/2017 “Për të drejtat dhe mbrojtjen e fëmijës”, neni 7."


def office_of_the_old_app(url: str, language: str, legal_basis: str) -> None:
    engine = make_engine(url, foreign_keys=False, poolclass=NullPool)
    try:
        with engine.begin() as connection:
            config = alembic_config(url)
            config.attributes["connection"] = connection
            command.upgrade(config, BEFORE)
            connection.execute(
                sa.text("UPDATE office_settings SET language = :l, legal_basis = :b"),
                {"l": language, "b": legal_basis},
            )
    finally:
        engine.dispose()


@pytest.mark.parametrize(
    ("tag", "language"), [("sq-XK", "sq"), ("sr-Latn-RS", "sr-Latn"), ("sr", "sr"), ("de", "en")]
)
def test_the_legal_basis_becomes_the_office_languages(
    blank_url: str, tmp_path: Path, tag: str, language: str
) -> None:
    office_of_the_old_app(blank_url, tag, LEGAL)
    prepare_database(blank_url, backup_folder=tmp_path / "backups")
    with sessions(blank_url) as factory, session_scope(factory) as s:
        stored = office_texts.all_office_texts(s)
        words = office_texts.paper_words(s, language)
        legacy = s.scalar(sa.text("SELECT legal_basis FROM office_settings"))
    assert stored[language].legal_basis == LEGAL
    assert [code for code, texts in stored.items() if texts.legal_basis] == [language]
    assert words.legal_basis == LEGAL
    assert legacy == LEGAL  # left as it was: a downgrade finds it


def test_an_office_without_a_legal_basis_gets_no_text(blank_url: str, tmp_path: Path) -> None:
    office_of_the_old_app(blank_url, "mk", "  ")
    prepare_database(blank_url, backup_folder=tmp_path / "backups")
    with sessions(blank_url) as factory, session_scope(factory) as s:
        assert s.scalar(sa.text("SELECT count(*) FROM office_texts")) == 0


def test_the_texts_are_unique_per_language_and_kind(db: str) -> None:
    with sessions(db) as factory:
        with session_scope(factory) as s:
            s.execute(
                sa.text(
                    "INSERT INTO office_texts (language, kind, text, updated_at) "
                    "VALUES ('sq', 'closing', 'a', CURRENT_TIMESTAMP)"
                )
            )
        with pytest.raises(sa.exc.IntegrityError), session_scope(factory) as s:
            s.execute(
                sa.text(
                    "INSERT INTO office_texts (language, kind, text, updated_at) "
                    "VALUES ('sq', 'closing', 'b', CURRENT_TIMESTAMP)"
                )
            )
        with pytest.raises(sa.exc.IntegrityError), session_scope(factory) as s:
            s.execute(
                sa.text(
                    "INSERT INTO office_texts (language, kind, text, updated_at) "
                    "VALUES ('sq', 'greeting', 'c', CURRENT_TIMESTAMP)"
                )
            )
