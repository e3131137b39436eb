from __future__ import annotations

from collections.abc import Iterator

import pytest

from ui.bridge import CoreBridge


@pytest.fixture
def bridge(db_url: str, qapp: object) -> Iterator[CoreBridge]:
    core = CoreBridge(db_url, "Test Officer")
    yield core
    core.shutdown()
