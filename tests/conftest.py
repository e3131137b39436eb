"""Shared fixtures: a fresh, migrated database for every test (Vorta's habit)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.orm import Session, sessionmaker

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def _isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No test touches the real user's data folder or database."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("GUARDIAN_DESK_HOME", str(home))
    monkeypatch.delenv("GUARDIAN_DESK_DB", raising=False)


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    from guardian_desk.db.migrate import prepare_database

    url = f"sqlite:///{tmp_path / 'test.sqlite3'}"
    prepare_database(url)
    return url


@pytest.fixture
def factory(db_url: str) -> Iterator[sessionmaker[Session]]:
    from guardian_desk.db.engine import make_engine, make_session_factory

    engine = make_engine(db_url)
    yield make_session_factory(engine)
    engine.dispose()


@pytest.fixture
def session(factory: sessionmaker[Session]) -> Iterator[Session]:
    """A session whose work is committed at the end of the test if it did not fail."""
    from guardian_desk.db.engine import session_scope

    with session_scope(factory, actor="test-officer") as s:
        yield s
