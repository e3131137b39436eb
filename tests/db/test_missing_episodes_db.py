"""Missing episodes in the database: one open episode per child and one open hold per visit,
kept by unique partial indexes on SQLite and PostgreSQL; the register takes the new paper
kind; the revision goes down and up again."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from alembic import command
from sqlalchemy import insert
from sqlalchemy.exc import IntegrityError

from guardian_desk.db.engine import session_scope
from guardian_desk.db.migrate import alembic_config
from guardian_desk.db.models import IssuedDocument, MissingEpisode
from guardian_desk.domain.enums import DocumentKind
from guardian_desk.domain.errors import RuleViolation
from guardian_desk.services import children, missing
from tests.core import factories
from tests.db.data import sessions

SINCE = datetime(2026, 3, 9, 20, tzinfo=UTC)
NOW = datetime(2026, 3, 10, tzinfo=UTC)


def _episode(child_id: int, returned: datetime | None = None) -> dict[str, object]:
    return dict(
        child_id=child_id, missing_since=SINCE, last_seen_place="", circumstances="",
        appearance="", reported_to_police=False, police_reference="", reported_by="x",
        returned_at=returned, found_place="", return_note="", return_recorded_by="", version=1,
        created_at=NOW, updated_at=NOW,
    )  # fmt: skip


def test_the_database_keeps_one_open_episode_per_child(db: str) -> None:
    with sessions(db) as factory:
        with session_scope(factory) as s:
            kid = children.create_child(s, factories.child()).id
        with session_scope(factory) as s:
            s.execute(insert(MissingEpisode).values(_episode(kid, returned=NOW)))
            s.execute(insert(MissingEpisode).values(_episode(kid)))  # closed + open: fine
        with pytest.raises(IntegrityError), session_scope(factory) as s:
            s.execute(insert(MissingEpisode).values(_episode(kid)))


def test_two_officers_at_once_get_a_clear_refusal(db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    with sessions(db) as factory:
        with session_scope(factory) as s:
            kid = children.create_child(s, factories.child()).id
            s.execute(insert(MissingEpisode).values(_episode(kid)))
        # The other officer's check ran before this episode was committed.
        monkeypatch.setattr(missing, "open_episode", lambda session, child_id: None)
        refused = pytest.raises(RuleViolation, match="already reported missing")
        with refused, session_scope(factory) as s:
            missing.report_missing(s, kid, missing_since=SINCE, now=NOW)


def test_the_register_takes_a_missing_child_report(db: str) -> None:
    with sessions(db) as factory, session_scope(factory) as s:
        s.execute(
            insert(IssuedDocument).values(
                reference="GD-2026-000001", kind=DocumentKind.MISSING_REPORT, subject="",
                issued_at=NOW, issued_by="x", copies=0, version=1, created_at=NOW,
                updated_at=NOW,
            )
        )  # fmt: skip


def test_the_revision_goes_down_and_up(db: str) -> None:
    config = alembic_config(db)
    command.downgrade(config, "9d7e8f0a1b26")
    command.upgrade(config, "head")
