"""An officer's round through the real main window: register, find, edit, see the trail."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QPushButton

from tests.ui.forms.test_child_dialog import history_rows, save, type_text
from tests.ui.registry.settle import settle
from ui.forms import RecordDialog
from ui.forms.child_form import ChildForm
from ui.registry.model import IdRole


@pytest.mark.qt_log_ignore("This plugin does not support")
def test_register_find_edit_and_see_the_audit_row(qtbot, open_window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(f"sqlite:///{tmp_path / 'office.sqlite3'}")
    qtbot.mouseClick(window.findChild(QPushButton, "Start empty"), Qt.MouseButton.LeftButton)
    window.show_section("children")
    registry = window.registries["children"]
    qtbot.waitUntil(lambda: registry.count.text().startswith("0 records"))
    window.activateWindow()  # shortcuts go to the active window
    qtbot.waitUntil(window.isActiveWindow)

    qtbot.keyClick(registry.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: ("children", None) in window.dialogs)
    dialog = window.dialogs[("children", None)]
    assert isinstance(dialog, RecordDialog)
    qtbot.waitUntil(lambda: dialog.loaded)
    form = dialog.form
    assert isinstance(form, ChildForm)
    qtbot.keyClicks(form.given_name, "Mohammad")
    qtbot.keyClicks(form.family_name, "Al-Hassan")
    type_text(form.given_name_original, "مُحَمَّد")
    form.date_of_birth.set_date(QDate(2010, 6, 1))
    qtbot.keyClicks(form.nationality.lineEdit(), "Syria")
    _kind, child_id = save(qtbot, dialog)
    assert window.dialogs[("children", child_id)] is dialog  # the window is now that child's

    # The registry refreshed by itself; the name is found as typed, without the vowel marks.
    qtbot.waitUntil(lambda: registry.count.text() == "1 record")
    # (The record's window is the active one now; Find is the main window's Ctrl+F.)
    assert window.find_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Find)
    window.find_action.trigger()
    assert window.focusWidget() is registry.search
    type_text(registry.search, "محمد")
    settle(registry)
    assert registry.proxy.rowCount() == 1
    found = registry.proxy.index(0, 0)
    assert found.data(IdRole) == child_id
    registry.table.doubleClicked.emit(found)
    assert window.dialogs[("children", child_id)] is dialog  # raised, not opened twice

    form.family_name.setFocus()
    form.family_name.end(False)
    qtbot.keyClicks(form.family_name, "i")
    save(qtbot, dialog)
    rows = history_rows(dialog)
    assert [(who, action) for who, action, _ in rows] == [
        ("test-officer", "Created"),
        ("test-officer", "Edited"),
    ]
    assert rows[1][2] == "Family name: Al-Hassan → Al-Hassani"
    qtbot.waitUntil(
        lambda: registry.proxy.rowCount() == 1 and "Al-Hassani" in registry.proxy.index(0, 1).data()
    )
    dialog.close()
