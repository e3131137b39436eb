"""Marking a visit held opens its report: filled in, refused at the follow-up that is wrong,
saved with its follow-ups, and filled in again when the held visit is reported again."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QDialogButtonBox, QLineEdit
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session, sessionmaker

from guardian_desk.db.engine import session_scope
from guardian_desk.domain.enums import VisitStatus
from guardian_desk.services.visit_reports import report_of
from tests.ui.scheduling.conftest import SmallOffice
from tests.ui.scheduling.test_visits_page import open_page
from ui.bridge import CoreBridge
from ui.scheduling.visit_report_dialog import VisitReportDialog


def _save(dialog: VisitReportDialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()


def test_the_report_is_saved_with_its_follow_ups(
    qtbot: QtBot, bridge: CoreBridge, office: SmallOffice, factory: sessionmaker[Session]
) -> None:
    page = open_page(qtbot, bridge, "guardian", office.elira_id)
    dialog = page.ask_held(page.view.visits[0])
    assert isinstance(dialog, VisitReportDialog) and dialog.isVisible()
    assert dialog.minutes.value() == 60 and dialog.child_present.isChecked()
    # Nothing about the child's wellbeing: the core asks for it.
    _save(dialog)
    qtbot.waitUntil(lambda: "wellbeing" in dialog.message.text().lower(), timeout=20_000)
    dialog.wellbeing.setCurrentIndex(dialog.wellbeing.findData(4))
    dialog.concerns.setPlainText("asks about his brother")
    row = dialog.add_follow_up("Ask the school for a place")
    due = dialog.follow_ups.cellWidget(row, 1)
    assert isinstance(due, QDateEdit)
    due.setDate(QDate(2026, 3, 1))  # before the visit
    _save(dialog)
    qtbot.waitUntil(lambda: dialog.message.text().startswith("Follow-up 1:"), timeout=20_000)
    due.setDate(QDate(2026, 3, 16))
    with qtbot.waitSignal(page.loaded, timeout=20_000):
        _save(dialog)
    assert page.view.visits[0].status is VisitStatus.HELD
    with session_scope(factory, actor="t") as session:
        report = report_of(session, office.planned_visit_id)
    assert report is not None and report.wellbeing == 4
    assert [(f.action, f.due_on) for f in report.follow_ups] == [
        ("Ask the school for a place", date(2026, 3, 16))
    ]
    # Reported again: the dialog shows what was saved.
    again = page.ask_held(page.view.visits[0])
    qtbot.waitUntil(lambda: again.follow_ups.rowCount() == 1, timeout=20_000)
    editor = again.follow_ups.cellWidget(0, 0)
    assert isinstance(editor, QLineEdit) and editor.text() == "Ask the school for a place"
    assert again.concerns.toPlainText() == "asks about his brother"


def test_the_report_fits_the_screen(qtbot: QtBot, bridge: CoreBridge, office: SmallOffice) -> None:
    """The dialog fits 1280x720 with its buttons visible."""
    page = open_page(qtbot, bridge, "guardian", office.elira_id)
    dialog = page.ask_held(page.view.visits[0])
    dialog.add_follow_up("Ask the school for a place")
    size = dialog.sizeHint().expandedTo(dialog.size())
    assert size.width() <= 1280 and size.height() <= 700
    assert dialog.buttons.isVisible()
