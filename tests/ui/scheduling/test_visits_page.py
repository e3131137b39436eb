"""The Visits section: a guardian's week, its agenda, booking in free time and a visit's actions."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import shiboken6
from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session, sessionmaker

from guardian_desk.db.engine import session_scope
from guardian_desk.domain.enums import VisitStatus
from guardian_desk.scheduling import visit_info
from tests.ui.scheduling.conftest import ARABIC_GIVEN, MONDAY, SmallOffice
from ui.bridge import CoreBridge
from ui.scheduling.agenda import AgendaModel
from ui.scheduling.visit_dialogs import BookVisitDialog
from ui.scheduling.visits_page import VisitsPage

DISPLAY = Qt.ItemDataRole.DisplayRole


def open_page(qtbot: QtBot, bridge: CoreBridge, kind: str, owner_id: int) -> VisitsPage:
    page = VisitsPage(bridge)
    qtbot.addWidget(page)
    page.resize(1100, 720)
    page.show()
    qtbot.waitUntil(lambda: page.picker.who.count() > 0, timeout=20_000)
    with qtbot.waitSignal(page.loaded, timeout=20_000):
        page.picker.choose(kind, owner_id)
        page.go_to(MONDAY)
    qtbot.waitUntil(lambda: page.week is not None and page.week.monday == MONDAY, timeout=20_000)
    return page


def reloaded(qtbot: QtBot, page: VisitsPage) -> None:
    with qtbot.waitSignal(page.loaded, timeout=20_000):
        pass


def test_a_guardians_week_shows_case_numbers_and_initials_only(
    qtbot: QtBot, bridge: CoreBridge, office: SmallOffice, qtmodeltester: Any
) -> None:
    page = open_page(qtbot, bridge, "guardian", office.elira_id)
    view = page.view
    texts = [view.block_text(v) for v in view.visits]
    assert texts == [
        f"10:00 {office.yusuf_case}\n(\u2068{ARABIC_GIVEN[0]}. ا.\u2069)",
        f"09:00 {office.ahmad_case}\n(\u2068A. R.\u2069)",
    ]
    assert all(ARABIC_GIVEN not in text and "Ahmad" not in text for text in texts)
    assert [v.status for v in view.visits] == [VisitStatus.PLANNED, VisitStatus.CANCELLED]
    assert page.status.text().startswith("Visits this week: 1.")
    # The agenda lists the same visits; the cancelled one struck through.
    qtmodeltester.check(page.agenda)
    assert page.agenda.rowCount() == 2
    assert "10 Mar 2026" in str(page.agenda.data(page.agenda.index(0, AgendaModel.DATE), DISPLAY))
    assert page.agenda.data(page.agenda.index(1, AgendaModel.STATUS), DISPLAY) == "cancelled"
    assert page.agenda.data(page.agenda.index(1, 0), Qt.ItemDataRole.FontRole).strikeOut()
    assert "Elira Hoxha" in page.agenda.data(page.agenda.index(0, AgendaModel.WHO), DISPLAY)
    # A click on a block offers that visit.
    offered: list[Any] = []
    view.visit_clicked.connect(offered.append)
    centre = view.visit_rect(view.visits[0]).center().toPoint()
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=centre)
    assert [v.visit_id for v in offered] == [office.planned_visit_id]


def test_next_and_previous_week(qtbot: QtBot, bridge: CoreBridge, office: SmallOffice) -> None:
    page = open_page(qtbot, bridge, "facility", office.facility_id)
    assert len(page.view.visits) == 2
    with qtbot.waitSignal(page.loaded, timeout=20_000):
        page.next_button.click()
    assert page.week is not None and page.week.monday == date(2026, 3, 16)
    assert page.view.visits == [] and page.agenda.rowCount() == 0
    assert page.week_label.text() == "16 Mar 2026 – 22 Mar 2026"


def test_booking_in_free_time_refuses_a_clash_by_name_then_books(
    qtbot: QtBot, bridge: CoreBridge, office: SmallOffice, factory: sessionmaker[Session]
) -> None:
    page = open_page(qtbot, bridge, "guardian", office.elira_id)
    cell = page.view.cell_rect(0, 6).center().toPoint()  # Monday 10:00
    qtbot.mouseClick(page.view, Qt.MouseButton.LeftButton, pos=cell)
    dialog = page.dialog
    assert isinstance(dialog, BookVisitDialog) and dialog.isVisible()
    assert dialog.child.count() == 3
    assert dialog.start.dateTime() == QDateTime(2026, 3, 9, 10, 0, 0)
    dialog.start.setDateTime(QDateTime(2026, 3, 10, 10, 30, 0))  # the guardian is with Yusuf
    dialog.child.setCurrentIndex(dialog.child.findData(office.ahmad_id))
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: dialog.message.isVisibleTo(dialog), timeout=20_000)
    assert "already has a visit" in dialog.message.text()
    assert office.yusuf_case in dialog.message.text()
    # Monday 09:00 is free for everyone.
    dialog.start.setDateTime(QDateTime(2026, 3, 9, 9, 0, 0))
    with qtbot.waitSignal(page.loaded, timeout=20_000):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert page.status.text().startswith("Visit booked.")
    assert page.view.visits[0].case_number == office.ahmad_case
    assert page.view.visits[0].starts_at.hour == 9 and page.view.visits[0].starts_at.day == 9


def test_cancel_with_reason_and_record_held(
    qtbot: QtBot, bridge: CoreBridge, office: SmallOffice, factory: sessionmaker[Session]
) -> None:
    page = open_page(qtbot, bridge, "guardian", office.elira_id)
    planned = page.view.visits[0]
    report = page.ask_held(planned)  # marking held opens the visit report
    report.wellbeing_note.setPlainText("talked about school")
    with qtbot.waitSignal(page.loaded, timeout=20_000):
        report.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert page.view.visits[0].status is VisitStatus.HELD
    # A held visit cannot be cancelled: the core says why, in the dialog.
    dialog = page.ask_cancel(page.view.visits[0])
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.message.text() == "Please write the reason."
    dialog.reason.setText("the child moved")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: "only a planned visit" in dialog.message.text(), timeout=20_000)
    with session_scope(factory, actor="t") as session:
        assert visit_info(session, office.planned_visit_id).status is VisitStatus.HELD


def test_move_offers_free_times(
    qtbot: QtBot, bridge: CoreBridge, office: SmallOffice, factory: sessionmaker[Session]
) -> None:
    page = open_page(qtbot, bridge, "guardian", office.elira_id)
    dialog = page.ask_move(page.view.visits[0])
    qtbot.waitUntil(lambda: dialog.slot.count() > 0, timeout=20_000)
    first = dialog.slots[0]
    assert first.starts_at >= datetime.now(first.starts_at.tzinfo)
    with qtbot.waitSignal(page.loaded, timeout=20_000):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert not shiboken6.isValid(dialog)  # closed once saved
    with session_scope(factory, actor="t") as session:
        moved = visit_info(session, office.planned_visit_id)
    assert moved.starts_at == first.starts_at
    assert page.status.text().startswith("The visit of")
