from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.ui.signed import TEST_OFFICER
from ui.bridge import CoreBridge


@pytest.fixture
def bridge(db_url: str, qapp: object) -> Iterator[CoreBridge]:
    core = CoreBridge(db_url, TEST_OFFICER)
    yield core
    core.shutdown()
