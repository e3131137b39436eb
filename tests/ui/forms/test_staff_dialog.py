"""Guardians, mediators and facilities through the dialog: availability, deactivation, titles."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session, sessionmaker

from guardian_desk.db.engine import session_scope
from guardian_desk.db.models import Mediator
from guardian_desk.domain.enums import ChildStatus
from guardian_desk.domain.records import AbsencePeriod, WeeklyWindow
from guardian_desk.services import availability, children, facilities, staff
from tests.core import factories
from tests.ui.forms.conftest import OpenDialog
from tests.ui.forms.test_child_dialog import history_rows, popup_warnings, save, type_text
from ui.forms import RecordDialog
from ui.forms.child_form import ChildForm
from ui.forms.close_case_dialog import CloseCaseDialog
from ui.forms.deactivation import ReasonDialog
from ui.forms.facility_form import FacilityForm
from ui.forms.staff_form import StaffForm
from ui.widgets.week_grid import WeekGrid


def staff_form(dialog: RecordDialog) -> StaffForm:
    assert isinstance(dialog.form, StaffForm)
    return dialog.form


def new_guardian(factory: sessionmaker[Session]) -> int:
    with session_scope(factory) as s:
        return staff.create_staff(s, "guardian", factories.guardian()).id


def paint(qtbot: QtBot, grid: WeekGrid, day: int, first: int, last: int) -> None:
    """Drag over the cells of one day, from slot ``first`` to slot ``last``."""
    start = grid.cell_rect(day, first).center().toPoint()
    end = grid.cell_rect(day, last).center().toPoint()
    qtbot.mousePress(grid, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(grid, end)
    qtbot.mouseRelease(grid, Qt.MouseButton.LeftButton, pos=end)


def show_tab(qtbot: QtBot, dialog: RecordDialog, title: str) -> None:
    index = next(i for i in range(dialog.tabs.count()) if dialog.tabs.tabText(i) == title)
    dialog.tabs.setCurrentIndex(index)
    qtbot.waitExposed(dialog.tabs.currentWidget())


def test_availability_painted_in_the_grid_is_saved_with_the_record(
    open_dialog: OpenDialog, qtbot: QtBot, factory: sessionmaker[Session]
) -> None:
    guardian_id = new_guardian(factory)
    dialog = open_dialog("guardians", guardian_id)
    assert dialog.windowTitle() == "Guardian G-00001 — Elira Hoxha"
    show_tab(qtbot, dialog, "Availability")
    grid = staff_form(dialog).week
    paint(qtbot, grid, day=0, first=4, last=9)  # Monday 09:00-12:00 (the grid starts at 07:00)
    assert dialog.is_dirty()
    type_text(staff_form(dialog).municipality, "Durrës")
    save(qtbot, dialog)
    with session_scope(factory) as s:
        person = staff.get_staff(s, "guardian", guardian_id)
        assert availability.availability_of(person)[0] == [WeeklyWindow(1, 540, 720)]
        assert person.municipality == "Durrës"
        assert person.version == 3  # the record's update, then its availability
    actions = [action for _who, action, _changes in history_rows(dialog)]
    assert actions == ["Created", "Edited", "Availability changed"]
    assert "Weekly availability: Mon 09:00-12:00" in history_rows(dialog)[-1][2]
    # The form holds the new version: a second edit saves without a conflict.
    paint(qtbot, grid, day=2, first=14, last=15)  # Wednesday 14:00-15:00
    save(qtbot, dialog)
    assert dialog.detail is not None and dialog.detail.slots == [
        WeeklyWindow(1, 540, 720),
        WeeklyWindow(3, 840, 900),
    ]


@popup_warnings
def test_a_new_mediator_with_languages_and_availability(
    open_dialog: OpenDialog, qtbot: QtBot, factory: sessionmaker[Session]
) -> None:
    dialog = open_dialog("mediators")
    form = staff_form(dialog)
    assert dialog.windowTitle() == "New mediator"
    assert [
        dialog.tabs.tabText(i) for i in range(dialog.tabs.count()) if dialog.tabs.isTabVisible(i)
    ] == ["Details", "Languages", "Availability"]
    qtbot.keyClicks(form.given_name, "Hiwet")
    qtbot.keyClicks(form.family_name, "Tesfay")
    form.sex.set_value("female")
    qtbot.keyClicks(form.phone, "069 123 4567")
    qtbot.keyClicks(form.dialects, "Asmara; Mekele")
    # Saving without a language sends the officer to the Languages tab with the core's reason.
    qtbot.keyClick(form.given_name, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert dialog.tabs.tabText(dialog.tabs.currentIndex()) == "Languages"
    assert form.message_of("languages") == "Languages must name at least one language"
    qtbot.keyClicks(form.languages.search, "tir")
    qtbot.keyClick(form.languages.search, Qt.Key.Key_Return)
    show_tab(qtbot, dialog, "Availability")
    paint(qtbot, form.week, day=5, first=6, last=7)
    _kind, mediator_id = save(qtbot, dialog)
    assert dialog.windowTitle() == "Mediator M-00001 — Hiwet Tesfay"
    with session_scope(factory) as s:
        person = staff.get_staff(s, "mediator", mediator_id)  # type: ignore[arg-type]
        assert isinstance(person, Mediator)
        assert (person.phone, person.dialects) == ("+355691234567", ["Asmara", "Mekele"])
        assert availability.availability_of(person)[0] == [WeeklyWindow(6, 600, 660)]


def test_absences_and_slots_load_without_marking_the_form_changed(
    open_dialog: OpenDialog, factory: sessionmaker[Session]
) -> None:
    guardian_id = new_guardian(factory)
    with session_scope(factory) as s:
        availability.set_availability(
            s,
            "guardian",
            guardian_id,
            [WeeklyWindow(2, 600, 720)],
            [AbsencePeriod(date(2026, 12, 20), date(2027, 1, 3), "holiday")],
            expected_version=1,
        )
    dialog = open_dialog("guardians", guardian_id)
    form = staff_form(dialog)
    assert form.week.windows() == [WeeklyWindow(2, 600, 720)]
    assert len(form.absences.absences()) == 1
    assert not dialog.is_dirty() and not dialog.save_button.isEnabled()


def test_suspending_a_guardian_asks_for_a_reason(
    open_dialog: OpenDialog,
    qtbot: QtBot,
    factory: sessionmaker[Session],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    guardian_id = new_guardian(factory)

    def give_reason(asked: ReasonDialog) -> int:
        asked.reason.setText("complaint under review")
        asked.accept()
        return 1

    monkeypatch.setattr(ReasonDialog, "exec", give_reason)
    dialog = open_dialog("guardians", guardian_id)
    button = dialog.deactivation.button
    assert button.text() == "Suspend…"
    with qtbot.waitSignal(dialog.saved, timeout=10_000):
        button.click()
    assert button.text() == "Reinstate"
    assert staff_form(dialog).active.text().startswith("Suspended")
    assert staff_form(dialog).suspended_reason.text() == "complaint under review"
    assert history_rows(dialog)[-1][1] == "Suspended"
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(dialog.saved, timeout=10_000):
        button.click()
    assert button.text() == "Suspend…"
    with session_scope(factory) as s:
        assert staff.get_staff(s, "guardian", guardian_id).active


def test_closing_a_case_needs_a_status_and_a_reason(
    open_dialog: OpenDialog,
    qtbot: QtBot,
    factory: sessionmaker[Session],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with session_scope(factory) as s:
        child_id = children.create_child(s, factories.child()).id

    def reunified(asked: CloseCaseDialog) -> int:
        qtbot.waitUntil(lambda: asked.plan is not None, timeout=10_000)
        asked.reason.set_value("other")
        assert not asked.ok.isEnabled()  # "other" without words, no closing
        asked.reason.set_value("reunified")
        asked.note.setText("with her mother in Germany")
        asked.ok.click()
        qtbot.waitUntil(lambda: asked.result() == 1, timeout=10_000)
        return 1

    monkeypatch.setattr(CloseCaseDialog, "exec", reunified)
    dialog = open_dialog("children", child_id)
    with qtbot.waitSignal(dialog.saved, timeout=10_000):
        dialog.deactivation.button.click()
    assert isinstance(dialog.form, ChildForm)
    assert dialog.form.status.value() == "reunified"
    assert dialog.deactivation.button.text() == "Reopen case…"
    with session_scope(factory) as s:
        assert children.get_child(s, child_id).status is ChildStatus.REUNIFIED


def test_a_facility_is_edited_and_closed(
    open_dialog: OpenDialog,
    qtbot: QtBot,
    factory: sessionmaker[Session],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with session_scope(factory) as s:
        facility_id = facilities.create_facility(s, factories.facility()).id
    dialog = open_dialog("facilities", facility_id)
    form = dialog.form
    assert isinstance(form, FacilityForm)
    assert dialog.windowTitle() == "Facility FAC-0001 — Tirana Reception Centre"
    assert [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())] == [
        "Details",
        "Visits",
        "History",
    ]
    qtbot.keyClicks(form.contact_phone, "not a phone")
    qtbot.keyClick(form.name, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert form.message_of("contact_phone") == "Phone “not a phone” is not a phone number"
    form.contact_phone.clear()
    qtbot.waitExposed(form.hours)
    form.details_page.ensureWidgetVisible(form.hours)
    paint(qtbot, form.hours, day=2, first=6, last=9)
    save(qtbot, dialog)
    with session_scope(factory) as s:
        hours = facilities.facility_data(facilities.get_facility(s, facility_id)).hours
        assert WeeklyWindow(3, 600, 720) in hours
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(dialog.saved, timeout=10_000):
        dialog.deactivation.button.click()
    assert dialog.deactivation.button.text() == "Reopen facility"
    assert form.active.text() == "Closed"


def test_tab_runs_down_the_form(open_dialog: OpenDialog, qtbot: QtBot) -> None:
    dialog = open_dialog("children")
    form = dialog.form
    assert isinstance(form, ChildForm)
    assert dialog.focusWidget() is form.given_name
    for expected in (form.family_name, form.given_name_original, form.family_name_original):
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
        assert dialog.focusWidget() is expected


def test_a_record_that_is_gone_says_so(open_dialog: OpenDialog, qtbot: QtBot) -> None:
    dialog = RecordDialog(open_dialog("children").bridge, "guardians", 999)
    dialog.show()
    qtbot.waitUntil(lambda: "no longer exists" in dialog.loading.text(), timeout=10_000)
    assert dialog.stack.currentWidget() is dialog.loading
    dialog.done(0)
