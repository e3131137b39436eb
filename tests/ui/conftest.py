from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QSettings

from tests.ui.signed import TEST_OFFICER


@pytest.fixture(autouse=True)
def _isolated_qsettings(tmp_path: Path) -> Iterator[None]:
    """Window geometry and officer name go to a temporary INI file, not the user's settings."""
    QCoreApplication.setOrganizationName("GuardianDeskTests")
    QCoreApplication.setApplicationName("Guardian Desk Tests")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path))
    yield


@pytest.fixture(autouse=True)
def _settled_qt(qapp) -> Iterator[None]:  # type: ignore[no-untyped-def]
    """After each test, what it deleted (deleteLater) is deleted now, not in the middle of a
    later test's event loop, where a stray late delete crashed a run. (A gc.collect() here too
    doubled the UI tests' time.)"""
    yield
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.processEvents()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def open_window(qtbot):  # type: ignore[no-untyped-def]
    """Open the real main window on a database and wait until it has finished opening."""
    from ui.main_window import MainWindow

    windows = []

    def opener(url: str, *, expect: str = "welcome") -> MainWindow:
        window = MainWindow(url, TEST_OFFICER)
        qtbot.addWidget(window)
        window.show()
        windows.append(window)
        qtbot.waitUntil(
            lambda: window.stack.currentWidget() is getattr(window, expect), timeout=20_000
        )
        return window

    yield opener
    for window in windows:
        if window.bridge is not None:
            window.bridge.shutdown()
