"""Enter in a Settings field neither saves nor closes the window."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.ui.signed import TEST_OFFICER
from ui.bridge import CoreBridge
from ui.settings_dialog import SettingsDialog


@pytest.fixture
def dialog(qtbot: QtBot, db_url: str) -> Iterator[SettingsDialog]:
    bridge = CoreBridge(db_url, TEST_OFFICER)
    opened = SettingsDialog(bridge)
    qtbot.addWidget(opened)
    opened.show()
    qtbot.waitUntil(opened.save_button.isEnabled)
    yield opened
    bridge.wait()
    bridge.shutdown()


@pytest.mark.parametrize("key", [Qt.Key.Key_Return, Qt.Key.Key_Enter])
def test_enter_in_a_field_keeps_the_dialog_open(
    qtbot: QtBot, dialog: SettingsDialog, key: Qt.Key
) -> None:
    saved: list[bool] = []
    dialog.saved.connect(lambda: saved.append(True))
    dialog.organisation_name.setFocus()
    qtbot.keyClicks(dialog.organisation_name, " Office")
    qtbot.keyClick(dialog.organisation_name, key)
    qtbot.wait(100)
    assert dialog.isVisible() and dialog.result() == 0
    assert not saved
    assert dialog.organisation_name.text().endswith(" Office")  # still being edited
