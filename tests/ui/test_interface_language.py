"""Switching the interface language needs no reinstall: the sign-in page's picker reopens the
window in the chosen language, and this computer remembers it for the next start."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication

from guardian_desk import i18n
from ui.translation import apply_language, saved_language, start_language

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


@pytest.fixture
def english(qapp: QApplication) -> Iterator[None]:
    apply_language("en")
    yield
    apply_language("en")


def test_choosing_albanian_on_the_sign_in_page_reopens_the_window_in_albanian(
    qtbot, english, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    from ui.app import Launcher

    launcher = Launcher(f"sqlite:///{tmp_path / 'office.sqlite3'}")
    first = launcher.open()  # closed and deleted by the launcher when it reopens
    page = first.gate.set_up_page
    qtbot.waitUntil(lambda: first.stack.currentWidget() is page, timeout=20_000)
    assert first.sidebar.item(1).text() == "Children"

    row = page.interface_language
    row.combo.setCurrentIndex(row.combo.findData("sq"))
    row.combo.activated.emit(row.combo.currentIndex())

    qtbot.waitUntil(lambda: launcher.window is not first, timeout=20_000)
    second = launcher.window
    assert second is not None
    qtbot.addWidget(second)
    assert i18n.current_language() == "sq"
    assert second.sidebar.item(1).text() == "Fëmijët"
    assert saved_language() == "sq"  # the next start speaks Albanian too
    qtbot.waitUntil(lambda: second.stack.currentWidget() is second.gate.set_up_page, timeout=20_000)
    if second.bridge is not None:
        second.bridge.shutdown()


def test_the_next_start_speaks_the_saved_language_and_an_override_wins(english) -> None:  # type: ignore[no-untyped-def]
    from ui.translation import save_language

    save_language("sr-Latn")
    assert start_language() == "sr-Latn"
    cancel = i18n._("Cancel")
    assert cancel != "Cancel" and not any("\u0400" <= letter <= "\u04ff" for letter in cancel)
    assert start_language("mk") == "mk"
