from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.orm import Session, sessionmaker


@pytest.fixture
def second_factory(tmp_path: Path) -> Iterator[sessionmaker[Session]]:
    """Another fresh database, for moving records from one to the other."""
    from guardian_desk.db.engine import make_engine, make_session_factory
    from guardian_desk.db.migrate import prepare_database

    url = f"sqlite:///{tmp_path / 'second.sqlite3'}"
    prepare_database(url)
    engine = make_engine(url)
    yield make_session_factory(engine)
    engine.dispose()
