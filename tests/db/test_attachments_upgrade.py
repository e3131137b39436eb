"""Revision bf9a0b2c3d48 on SQLite and PostgreSQL: an existing office gets the attachment limit
(10 MB) with its CHECK, the two tables take bytes and assessments with their rules, the
caseload triggers on SQLite survive, and the downgrade removes it all."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command
from sqlalchemy.pool import NullPool

from guardian_desk.db.engine import make_engine, session_scope
from guardian_desk.db.migrate import alembic_config, prepare_database
from guardian_desk.services import age, attachments, children
from tests.casework import attachment_files as files
from tests.core import factories
from tests.db.data import sessions

BEFORE = "ae8f9a1b2c37"
REVISION = "bf9a0b2c3d48"


def _to(url: str, revision: str, *, down: bool = False) -> None:
    engine = make_engine(url, foreign_keys=False, poolclass=NullPool)
    try:
        with engine.begin() as connection:
            config = alembic_config(url)
            config.attributes["connection"] = connection
            (command.downgrade if down else command.upgrade)(config, revision)
    finally:
        engine.dispose()


def _triggers(url: str) -> set[str]:
    engine = make_engine(url, poolclass=NullPool)
    try:
        with engine.connect() as connection:
            if connection.dialect.name != "sqlite":
                return set()
            return set(
                connection.scalars(sa.text("SELECT name FROM sqlite_master WHERE type='trigger'"))
            )
    finally:
        engine.dispose()


def test_an_office_upgrades_and_downgrades(blank_url: str, tmp_path: Path) -> None:
    _to(blank_url, BEFORE)
    triggers = _triggers(blank_url)
    prepare_database(blank_url, backup_folder=tmp_path / "backups")
    assert _triggers(blank_url) == triggers
    with sessions(blank_url) as factory, session_scope(factory) as s:
        assert attachments.attachment_limit_mb(s) == 10
        child_id = children.create_child(s, factories.child()).id
        added = attachments.add_attachment(s, child_id, "scan.png", files.png())
        age.add_age_assessment(
            s, child_id, age.AgeAssessmentData(date(2026, 11, 1), "documents", 16, 16)
        )
    with sessions(blank_url) as factory, session_scope(factory) as s:
        assert attachments.open_attachment(s, added.id).content == files.png()
    _to(blank_url, BEFORE, down=True)
    engine = make_engine(blank_url, poolclass=NullPool)
    try:
        inspector = sa.inspect(engine)
        assert not {"attachments", "age_assessments"} & set(inspector.get_table_names())
        columns = {c["name"] for c in inspector.get_columns("office_settings")}
        assert "attachment_max_mb" not in columns
    finally:
        engine.dispose()
    assert _triggers(blank_url) == triggers


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE office_settings SET attachment_max_mb = 0",
        "UPDATE office_settings SET attachment_max_mb = 101",
        "INSERT INTO age_assessments (child_id, assessed_on, method, age_min, age_max, "
        "assessed_by, notes, recorded_at, recorded_by) VALUES (:child, '2026-11-01', 'guess', "
        "16, 16, '', '', CURRENT_TIMESTAMP, 'x')",
        "INSERT INTO age_assessments (child_id, assessed_on, method, age_min, age_max, "
        "assessed_by, notes, recorded_at, recorded_by) VALUES (:child, '2026-11-01', 'medical', "
        "17, 16, '', '', CURRENT_TIMESTAMP, 'x')",
        "INSERT INTO attachments (child_id, file_name, kind, size, sha256, description, "
        "added_at, added_by, content) VALUES (:child, 'a.exe', 'exe', 1, '', '', "
        "CURRENT_TIMESTAMP, 'x', :bytes)",
    ],
)
def test_the_database_keeps_the_rules(db: str, statement: str) -> None:
    with sessions(db) as factory:
        with session_scope(factory) as s:
            child_id = children.create_child(s, factories.child()).id
        with pytest.raises(sa.exc.IntegrityError), session_scope(factory) as s:
            s.execute(sa.text(statement), {"child": child_id, "bytes": b"MZ"})
