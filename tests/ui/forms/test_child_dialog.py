"""A child's record through the dialog: create, edit, bad input, a stale save, closing."""

from __future__ import annotations

from datetime import date

import pytest
import shiboken6
from PySide6.QtCore import QDate, QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from guardian_desk.db.engine import session_scope
from guardian_desk.db.models import AuditEvent, Child
from guardian_desk.services import children
from tests.core import factories
from tests.ui.forms.conftest import OpenDialog
from ui.forms import RecordDialog
from ui.forms.child_form import ChildForm
from ui.forms.tables import HistoryModel
from ui.widgets.conflict_dialog import ConflictDialog

# Typing into a field with completions opens a popup, which the offscreen platform cannot raise.
popup_warnings = pytest.mark.qt_log_ignore("This plugin does not support")


def save(qtbot: QtBot, dialog: RecordDialog) -> list[object]:
    """Press Ctrl+S and wait for the saved signal; returns its arguments."""
    with qtbot.waitSignal(dialog.saved, timeout=10_000) as blocker:
        qtbot.keyClick(
            dialog.focusWidget() or dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier
        )
    return list(blocker.args or [])


def type_text(widget: QWidget, text: str) -> None:
    """Type any script, as a keyboard layout does (QTest only knows ASCII keys)."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))


def history_rows(dialog: RecordDialog) -> list[tuple[str, str, str]]:
    model = dialog.history
    return [
        tuple(
            model.index(row, column).data()
            for column in (HistoryModel.WHO, HistoryModel.ACTION, HistoryModel.CHANGES)
        )
        for row in range(model.rowCount())
    ]


def child_form(dialog: RecordDialog) -> ChildForm:
    assert isinstance(dialog.form, ChildForm)
    return dialog.form


def new_child(factory: sessionmaker[Session]) -> int:
    with session_scope(factory) as s:
        return children.create_child(s, factories.child()).id


def count_children(factory: sessionmaker[Session]) -> int:
    with session_scope(factory) as s:
        return s.scalar(select(func.count()).select_from(Child)) or 0


@popup_warnings
def test_new_child_with_an_arabic_name_is_saved_and_its_creation_shown(
    open_dialog: OpenDialog, qtbot: QtBot, factory: sessionmaker[Session]
) -> None:
    dialog = open_dialog("children")
    form = child_form(dialog)
    assert dialog.windowTitle() == "New child"
    assert dialog.focusWidget() is form.given_name  # the first field has the focus
    assert not dialog.is_dirty() and dialog.history.rowCount() == 0
    qtbot.keyClicks(form.given_name, "Ahmad")
    qtbot.keyClicks(form.family_name, "Rahimi")
    type_text(form.given_name_original, "أحمد")
    assert form.given_name_original.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert form.given_name.layoutDirection() == Qt.LayoutDirection.LeftToRight
    form.date_of_birth.set_date(QDate(2011, 3, 1))
    form.dob_estimated.setChecked(True)
    qtbot.keyClicks(form.nationality.lineEdit(), "Afghanistan")
    qtbot.keyClicks(form.languages.search, "prs")
    qtbot.keyClick(form.languages.search, Qt.Key.Key_Return)
    assert dialog.is_dirty()

    kind, child_id = save(qtbot, dialog)

    assert kind == "children"
    with session_scope(factory) as s:
        child = children.get_child(s, child_id)  # type: ignore[arg-type]
        assert (child.given_name, child.given_name_original) == ("Ahmad", "أحمد")
        assert (child.nationality, child.date_of_birth) == ("AF", date(2011, 3, 1))
        assert [lang.code for lang in child.languages] == ["prs"]
    assert dialog.windowTitle() == "Child AL-2026-00001 — Ahmad Rahimi"
    assert form.case_number.isReadOnly() and form.case_number.text() == "AL-2026-00001"
    assert not dialog.is_dirty()
    [(who, action, changes)] = history_rows(dialog)
    assert (who, action) == ("test-officer", "Created")
    assert "Given name (original script): أحمد" in changes.splitlines()
    assert dialog.tabs.isTabVisible(dialog.tabs.indexOf(dialog.record_tabs[-1]))


def test_an_edit_leaves_an_update_row_in_the_history(
    open_dialog: OpenDialog, qtbot: QtBot, factory: sessionmaker[Session]
) -> None:
    dialog = open_dialog("children", new_child(factory))
    form = child_form(dialog)
    assert dialog.windowTitle() == "Child AL-2026-00001 — Ahmad Rahimi"
    assert form.given_name_original.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert not dialog.is_dirty()
    form.family_name.setFocus()
    form.family_name.end(False)
    qtbot.keyClicks(form.family_name, "-Karimi")
    save(qtbot, dialog)
    assert dialog.focusWidget() is form.family_name  # back where the officer was typing
    rows = history_rows(dialog)
    assert [action for _who, action, _changes in rows] == ["Created", "Edited"]
    assert rows[1][2] == "Family name: Rahimi → Rahimi-Karimi"
    assert dialog.windowTitle() == "Child AL-2026-00001 — Ahmad Rahimi-Karimi"


@popup_warnings
def test_bad_input_is_shown_at_its_fields_and_nothing_is_saved(
    open_dialog: OpenDialog, qtbot: QtBot, factory: sessionmaker[Session]
) -> None:
    dialog = open_dialog("children")
    form = child_form(dialog)
    qtbot.keyClicks(form.family_name, "Rahimi")
    qtbot.keyClicks(form.nationality.lineEdit(), "AF")
    future = QDate.currentDate().addDays(30)
    form.date_of_birth.set_date(future)
    dialog.tabs.setCurrentIndex(1)  # the officer was looking at the languages

    qtbot.keyClick(form.family_name, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    assert form.message_of("given_name") == "Given name is required"
    assert form.message_of("date_of_birth") == (
        f"Date of birth “{future.toString('yyyy-MM-dd')}” is in the future"
    )
    assert form.message_of("family_name") == ""
    assert form.given_name.property("invalid") is True
    assert form.family_name.property("invalid") in (None, False)
    assert dialog.tabs.currentWidget() is form.details_page
    assert dialog.focusWidget() is form.given_name
    assert "Nothing was saved" in dialog.bar.text()
    dialog.bridge.wait()
    assert count_children(factory) == 0
    # Correcting the fields clears the messages on the next save.
    qtbot.keyClicks(form.given_name, "Ahmad")
    form.date_of_birth.set_date(QDate(2011, 3, 1))
    save(qtbot, dialog)
    assert form.message_of("given_name") == "" and form.given_name.property("invalid") is False
    assert count_children(factory) == 1


@popup_warnings
def test_errors_found_by_the_service_are_shown_at_the_field(
    open_dialog: OpenDialog, qtbot: QtBot, factory: sessionmaker[Session]
) -> None:
    dialog = open_dialog("children")
    form = child_form(dialog)
    qtbot.keyClicks(form.given_name, "Navid")
    qtbot.keyClicks(form.nationality.lineEdit(), "AF")
    qtbot.keyClicks(form.siblings, "AL-2026-09999")
    qtbot.keyClick(form.given_name, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: form.message_of("siblings") != "", timeout=10_000)
    assert form.message_of("siblings") == (
        "Siblings “AL-2026-09999” is not the case number of a registered child"
    )
    assert dialog.focusWidget() is form.siblings
    assert count_children(factory) == 0


def test_a_stale_save_offers_the_other_officers_version(
    open_dialog: OpenDialog,
    qtbot: QtBot,
    factory: sessionmaker[Session],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    child_id = new_child(factory)
    dialog = open_dialog("children", child_id)
    with session_scope(factory, actor="Other Officer") as s:  # saved after the dialog loaded
        data = children.child_data(s, children.get_child(s, child_id))
        data.family_name = "Rahimi-Karimi"
        children.update_child(s, child_id, data, expected_version=1)
    shown: list[list[str]] = []

    def choose_reload(conflict: ConflictDialog) -> int:
        shown.append(conflict.model.differing())
        conflict.accept()
        return 1

    monkeypatch.setattr(ConflictDialog, "exec", choose_reload)
    qtbot.keyClicks(child_form(dialog).aliases, "Ahmed")
    qtbot.keyClick(child_form(dialog).aliases, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    qtbot.waitUntil(
        lambda: child_form(dialog).family_name.text() == "Rahimi-Karimi", timeout=10_000
    )
    assert shown == [["Family name", "Also known as"]]
    assert child_form(dialog).aliases.text() == ""
    assert not dialog.is_dirty()
    assert [who for who, _a, _c in history_rows(dialog)] == ["system", "Other Officer"]
    assert "saved version" in dialog.bar.text()


def test_keeping_my_edits_after_a_conflict_offers_a_reload(
    open_dialog: OpenDialog,
    qtbot: QtBot,
    factory: sessionmaker[Session],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    child_id = new_child(factory)
    dialog = open_dialog("children", child_id)
    with session_scope(factory, actor="Other Officer") as s:
        children.close_child(s, child_id, 1, "moved to Germany")
    monkeypatch.setattr(ConflictDialog, "exec", lambda conflict: conflict.reject() or 0)
    qtbot.keyClicks(child_form(dialog).aliases, "Ahmed")
    qtbot.keyClick(child_form(dialog).aliases, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "someone else changed" in dialog.bar.text(), timeout=10_000)
    assert child_form(dialog).aliases.text() == "Ahmed" and dialog.is_dirty()
    assert dialog.bar.reload_button.isVisible()
    dialog.bar.reload_button.click()
    qtbot.waitUntil(
        lambda: dialog.loaded and child_form(dialog).aliases.text() == "", timeout=10_000
    )
    assert child_form(dialog).status.value() == "closed"


def test_closing_with_unsaved_changes_asks_first(
    open_dialog: OpenDialog,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    factory: sessionmaker[Session],
) -> None:
    child_id = new_child(factory)
    answers = [QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Discard]
    asked: list[str] = []

    def answer(*args: object) -> QMessageBox.StandardButton:
        asked.append(str(args[2]))
        return answers.pop(0)

    monkeypatch.setattr(QMessageBox, "question", answer)
    dialog = open_dialog("children", child_id)
    qtbot.keyClicks(child_form(dialog).notes, "Met the psychologist.")
    qtbot.keyClick(child_form(dialog).notes, Qt.Key.Key_Escape)  # Cancel: stays open, edits kept
    assert asked == ["Save the changes to this record before closing?"]
    assert dialog.isVisible() and child_form(dialog).notes.toPlainText() == "Met the psychologist."
    dialog.close_button.click()  # Discard: closes
    assert len(asked) == 2
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog))


def test_an_unchanged_record_closes_without_a_question(
    open_dialog: OpenDialog,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    factory: sessionmaker[Session],
) -> None:
    child_id = new_child(factory)
    monkeypatch.setattr(QMessageBox, "question", pytest.fail)
    dialog = open_dialog("children", child_id)
    assert not dialog.save_button.isEnabled()
    bridge = dialog.bridge
    qtbot.keyClick(child_form(dialog).given_name, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog))
    # A save elsewhere in the app after the dialog is gone reaches no deleted widget.
    with qtbot.waitSignal(bridge.data_changed, timeout=10_000):
        bridge.run(lambda session, task: None, writes=True)


def test_saving_from_the_close_question_saves_then_closes(
    open_dialog: OpenDialog,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    factory: sessionmaker[Session],
) -> None:
    child_id = new_child(factory)
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Save)
    dialog = open_dialog("children", child_id)
    qtbot.keyClicks(child_form(dialog).notes, "Met the psychologist.")
    with qtbot.waitSignal(dialog.saved, timeout=10_000):
        dialog.close()
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog))
    with session_scope(factory) as s:
        assert children.get_child(s, child_id).notes == "Met the psychologist."
        actions = s.scalars(select(AuditEvent.action).order_by(AuditEvent.id)).all()
        assert actions == ["create", "view", "update"]  # opening the record is logged


def test_a_change_saved_elsewhere_in_the_app_shows_in_an_open_dialog(
    open_dialog: OpenDialog, qtbot: QtBot, factory: sessionmaker[Session]
) -> None:
    child_id = new_child(factory)
    dialog = open_dialog("children", child_id)
    form = child_form(dialog)

    def close_case(session: Session, _task: object) -> None:
        children.close_child(session, child_id, 1, "moved to Germany")

    dialog.bridge.run(close_case, writes=True)  # as another window of the app would
    qtbot.waitUntil(lambda: form.status.value() == "closed", timeout=10_000)
    assert history_rows(dialog)[-1][1] == "Case closed"
    assert dialog.deactivation.button.text() == "Reopen case…"
    assert not dialog.is_dirty()
