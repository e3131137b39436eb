"""A new child like a registered one: the warning before saving, and the officer's three ways."""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session, sessionmaker

from tests.ui.forms.conftest import OpenDialog
from tests.ui.forms.test_child_dialog import child_form, count_children, new_child, popup_warnings
from ui.forms import RecordDialog
from ui.forms.duplicate_warning import DuplicateWarning


def fill_a_likely_duplicate(qtbot: QtBot, dialog: RecordDialog) -> None:
    form = child_form(dialog)
    qtbot.keyClicks(form.given_name, "Ahmed")
    qtbot.keyClicks(form.family_name, "Rahimy")
    form.date_of_birth.set_date(QDate(2012, 6, 1))
    qtbot.keyClicks(form.nationality.lineEdit(), "Afghanistan")


def press_save(qtbot: QtBot, dialog: RecordDialog) -> DuplicateWarning:
    dialog.save_button.click()
    qtbot.waitUntil(lambda: dialog.findChild(DuplicateWarning) is not None, timeout=10_000)
    warning = dialog.findChild(DuplicateWarning)
    assert isinstance(warning, DuplicateWarning)
    qtbot.waitUntil(warning.isVisible, timeout=5_000)
    return warning


@popup_warnings
def test_the_warning_lists_the_likely_record_and_save_anyway_saves(
    open_dialog: OpenDialog, qtbot: QtBot, factory: sessionmaker[Session]
) -> None:
    new_child(factory)  # Ahmad Rahimi, AF, born 2011
    dialog = open_dialog("children")
    fill_a_likely_duplicate(qtbot, dialog)
    warning = press_save(qtbot, dialog)
    assert count_children(factory) == 1  # nothing saved before the officer decides
    table = warning.table
    assert table.rowCount() == 1
    cells = [table.item(0, c).text() for c in range(table.columnCount())]
    assert cells[:4] == ["AL-2026-00001", "Ahmad Rahimi — احمد رحیمی", "2011", "Afghanistan"]
    assert warning.cancel_button.isDefault()
    with qtbot.waitSignal(dialog.saved, timeout=10_000):
        warning.save_button.click()
    assert count_children(factory) == 2


@popup_warnings
def test_cancel_goes_back_to_the_form_unsaved(
    open_dialog: OpenDialog, qtbot: QtBot, factory: sessionmaker[Session]
) -> None:
    new_child(factory)
    dialog = open_dialog("children")
    fill_a_likely_duplicate(qtbot, dialog)
    warning = press_save(qtbot, dialog)
    warning.cancel_button.click()
    assert count_children(factory) == 1
    assert dialog.is_dirty() and dialog.save_button.isEnabled()
    assert "Not saved" in dialog.bar.text()


@popup_warnings
def test_open_existing_opens_that_record(
    open_dialog: OpenDialog, qtbot: QtBot, factory: sessionmaker[Session]
) -> None:
    existing = new_child(factory)
    dialog = open_dialog("children")
    fill_a_likely_duplicate(qtbot, dialog)
    warning = press_save(qtbot, dialog)
    warning.open_button.click()

    def opened() -> list[RecordDialog]:
        return [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, RecordDialog) and w.record_id == existing and w.isVisible()
        ]

    qtbot.waitUntil(lambda: bool(opened()), timeout=10_000)
    assert count_children(factory) == 1
    for other in opened():
        qtbot.waitUntil(lambda o=other: o.loaded, timeout=10_000)
        other.done(0)


@popup_warnings
def test_a_different_child_saves_without_a_warning(
    open_dialog: OpenDialog, qtbot: QtBot, factory: sessionmaker[Session]
) -> None:
    new_child(factory)
    dialog = open_dialog("children")
    form = child_form(dialog)
    qtbot.keyClicks(form.given_name, "Zahra")
    qtbot.keyClicks(form.family_name, "Noori")
    qtbot.keyClicks(form.nationality.lineEdit(), "Afghanistan")
    with qtbot.waitSignal(dialog.saved, timeout=10_000):
        dialog.save_button.click()
    assert dialog.findChild(DuplicateWarning) is None
