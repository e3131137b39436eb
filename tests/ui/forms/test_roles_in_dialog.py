"""What a record dialog shows depends on the signed-in role; the core decides what is allowed."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import shiboken6
from pytestqt.qtbot import QtBot

from guardian_desk.security.roles import Role, SignedIn
from ui.bridge import CoreBridge
from ui.forms import RecordDialog


@pytest.fixture
def opened(db_url: str, qtbot: QtBot) -> Iterator[object]:
    made: list[tuple[CoreBridge, RecordDialog]] = []

    def open_as(role: Role) -> RecordDialog:
        bridge = CoreBridge(db_url, SignedIn(f"a-{role.value}", "Someone", role))
        dialog = RecordDialog(bridge, "facilities", None)
        made.append((bridge, dialog))
        dialog.show()
        qtbot.waitUntil(lambda: dialog.loaded, timeout=10_000)
        return dialog

    yield open_as
    for bridge, dialog in made:
        bridge.wait()
        if shiboken6.isValid(dialog):
            dialog.done(0)
        bridge.shutdown()


def tab_titles(dialog: RecordDialog) -> list[str]:
    return [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())]


def test_an_officer_has_no_history_tab_a_supervisor_and_an_auditor_do(opened: object) -> None:
    assert "History" not in tab_titles(opened(Role.OFFICER))  # type: ignore[operator]
    assert "History" in tab_titles(opened(Role.SUPERVISOR))  # type: ignore[operator]
    assert "History" in tab_titles(opened(Role.AUDITOR))  # type: ignore[operator]
