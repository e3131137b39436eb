"""A corrected field loses its old error at once, and Save is there to save the correction."""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session, sessionmaker

from tests.ui.forms.conftest import OpenDialog
from tests.ui.forms.test_child_dialog import child_form, new_child, popup_warnings, save


@popup_warnings
def test_editing_a_field_clears_its_error_and_save_can_save_the_correction(
    open_dialog: OpenDialog, qtbot: QtBot, factory: sessionmaker[Session]
) -> None:
    dialog = open_dialog("children", new_child(factory))
    form = child_form(dialog)
    form.given_name.clear()
    form.date_of_birth.set_date(QDate.currentDate().addDays(30))
    qtbot.keyClick(form.family_name, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert form.message_of("given_name") == "Given name is required"
    assert "is in the future" in form.message_of("date_of_birth")
    assert "Nothing was saved" in dialog.bar.text()

    qtbot.keyClicks(form.given_name, "Ahmed")
    # The corrected field's message and red frame go at once; the other one stays.
    assert form.message_of("given_name") == ""
    assert form.given_name.property("invalid") is False
    assert "is in the future" in form.message_of("date_of_birth")
    assert "Nothing was saved" in dialog.bar.text()  # one field is still marked
    assert dialog.save_button.isEnabled()

    form.date_of_birth.set_date(QDate(2011, 4, 1))
    assert form.message_of("date_of_birth") == ""
    assert form.date_of_birth.edit.property("invalid") is False
    assert dialog.bar.isHidden()  # nothing left to correct
    assert dialog.save_button.isEnabled()
    save(qtbot, dialog)
    assert dialog.bar.text() == "Saved."


@popup_warnings
def test_a_field_changed_elsewhere_keeps_the_error_of_an_untouched_field(
    open_dialog: OpenDialog, qtbot: QtBot
) -> None:
    dialog = open_dialog("children")
    form = child_form(dialog)
    qtbot.keyClick(form.family_name, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert form.message_of("given_name") == "Given name is required"
    qtbot.keyClicks(form.family_name, "Rahimi")
    assert form.message_of("given_name") == "Given name is required"
    assert form.given_name.property("invalid") is True
    assert dialog.save_button.isEnabled()
