from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy.orm import Session, sessionmaker

from guardian_desk.db.engine import session_scope
from tests.papers.test_sources import Case, build_case
from tests.ui.signed import TEST_OFFICER
from ui.bridge import CoreBridge


@pytest.fixture
def bridge(db_url: str, qapp: object) -> Iterator[CoreBridge]:
    core = CoreBridge(db_url, TEST_OFFICER)
    yield core
    core.shutdown()


@pytest.fixture
def case(factory: sessionmaker[Session]) -> Case:
    """A child with a guardian, a mediator and a planned visit, committed."""
    with session_scope(factory, actor="Test Officer") as session:
        return build_case(session)
