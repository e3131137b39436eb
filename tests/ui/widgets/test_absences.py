"""The absences editor: add with two dates and a reason, refuse an end before the start."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, QLocale, Qt

from guardian_desk.domain.records import AbsencePeriod
from ui.widgets.absences import AbsencesEditor, AbsencesModel

LEAVE = AbsencePeriod(date(2026, 8, 1), date(2026, 8, 21), "Annual leave")
TRAINING = AbsencePeriod(date(2026, 3, 2), date(2026, 3, 2), "Training in Skopje")


@pytest.fixture(autouse=True)
def _english_dates():  # type: ignore[no-untyped-def]
    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    yield
    QLocale.setDefault(before)


@pytest.fixture
def editor(qtbot) -> AbsencesEditor:  # type: ignore[no-untyped-def]
    editor = AbsencesEditor()
    qtbot.addWidget(editor)
    editor.resize(560, 300)
    editor.show()
    return editor


def test_model_passes_the_model_tester(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    model = AbsencesModel()
    model.set_absences([LEAVE, TRAINING])
    qtmodeltester.check(model)
    assert model.index(0, AbsencesModel.FROM).data() == "2 Mar 2026"
    assert model.index(1, AbsencesModel.REASON).data() == "Annual leave"


def test_set_and_get_keep_every_absence_earliest_first(editor: AbsencesEditor) -> None:
    editor.set_absences([LEAVE, TRAINING])
    assert editor.absences() == [TRAINING, LEAVE]


def test_adding_an_absence(qtbot, editor: AbsencesEditor) -> None:  # type: ignore[no-untyped-def]
    editor.set_absences([LEAVE, TRAINING])
    editor.starts_on.setDate(QDate(2026, 5, 4))
    editor.ends_on.setDate(QDate(2026, 5, 8))
    qtbot.keyClicks(editor.reason, "Sick leave")
    with qtbot.waitSignal(editor.changed):
        qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
    new = AbsencePeriod(date(2026, 5, 4), date(2026, 5, 8), "Sick leave")
    assert editor.absences() == [TRAINING, new, LEAVE]
    assert editor.reason.text() == ""
    assert [i.row() for i in editor.table.selectionModel().selectedRows()] == [1]


def test_an_end_before_the_start_is_refused_with_a_message_at_the_field(
    qtbot, editor: AbsencesEditor
) -> None:  # type: ignore[no-untyped-def]
    editor.starts_on.setDate(QDate(2026, 6, 10))
    editor.ends_on.setDate(QDate(2026, 6, 8))
    with qtbot.assertNotEmitted(editor.changed):
        qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
    assert editor.absences() == []
    assert editor.date_message.isVisible()
    assert editor.date_message.text() == (
        "To: 8 Jun 2026 is before the first day of the absence (10 Jun 2026)."
    )
    assert editor.ends_on.property("invalid") is True
    editor.ends_on.setDate(QDate(2026, 6, 12))  # correcting it clears the message
    assert not editor.date_message.isVisible()
    assert editor.ends_on.property("invalid") is False


def test_moving_the_start_past_the_end_moves_the_end(editor: AbsencesEditor) -> None:
    editor.starts_on.setDate(QDate(2026, 1, 5))
    editor.ends_on.setDate(QDate(2026, 1, 6))
    editor.starts_on.setDate(QDate(2026, 1, 9))
    assert editor.ends_on.date() == QDate(2026, 1, 9)


def test_removing_with_the_button_and_the_delete_key(qtbot, editor: AbsencesEditor) -> None:  # type: ignore[no-untyped-def]
    editor.set_absences([LEAVE, TRAINING])
    assert not editor.remove_button.isEnabled()
    editor.table.selectRow(0)
    with qtbot.waitSignal(editor.changed):
        editor.remove_button.click()
    assert editor.absences() == [LEAVE]
    editor.table.setFocus()
    qtbot.waitUntil(editor.table.hasFocus)
    qtbot.keyClick(editor.table, Qt.Key.Key_Delete)
    assert editor.absences() == []


def test_set_error_shows_the_core_message(editor: AbsencesEditor) -> None:
    editor.set_error("absent_to: 2026-06-08 is before absent_from")
    assert editor.message.isVisible()
    assert editor.accessibleDescription() == "absent_to: 2026-06-08 is before absent_from"
    editor.set_error(None)
    assert not editor.message.isVisible()


def test_date_edits_have_calendar_popups_and_four_digit_years(editor: AbsencesEditor) -> None:
    assert editor.starts_on.calendarPopup() and editor.ends_on.calendarPopup()
    assert "yyyy" in editor.starts_on.displayFormat()
