"""Planning proposes nothing before now: these tests plan March 2026 as if on 6 March."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest


@pytest.fixture(autouse=True)
def planning_before_the_weeks_planned(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        "guardian_desk.scheduling.planning.current_time", lambda: datetime(2026, 3, 6, tzinfo=UTC)
    )
