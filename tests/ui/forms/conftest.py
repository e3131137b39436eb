"""A record dialog on a real bridge and a fresh database; closed without questions at the end."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
import shiboken6
from pytestqt.qtbot import QtBot

from tests.ui.signed import TEST_OFFICER
from ui.bridge import CoreBridge
from ui.forms import RecordDialog

OpenDialog = Callable[..., RecordDialog]


@pytest.fixture
def bridge(db_url: str) -> Iterator[CoreBridge]:
    bridge = CoreBridge(db_url, TEST_OFFICER)
    yield bridge
    bridge.shutdown()


@pytest.fixture
def open_dialog(bridge: CoreBridge, qtbot: QtBot) -> Iterator[OpenDialog]:
    """Open a dialog as the main window does (non-modal) and wait until it has loaded."""
    opened: list[RecordDialog] = []

    def opener(kind: str, record_id: int | None = None) -> RecordDialog:
        dialog = RecordDialog(bridge, kind, record_id)
        opened.append(dialog)
        dialog.show()
        qtbot.waitUntil(lambda: dialog.loaded, timeout=10_000)
        return dialog

    yield opener
    bridge.wait()
    for dialog in opened:
        if shiboken6.isValid(dialog):
            dialog.done(0)  # no unsaved-changes question at teardown
