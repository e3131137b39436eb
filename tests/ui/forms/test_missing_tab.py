"""The child's Missing tab: report a disappearance (the visits go on hold), print the report,
record the return and be asked to re-screen the child."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session, sessionmaker

from guardian_desk.db.engine import session_scope
from guardian_desk.services import children, facilities
from guardian_desk.services.missing import current_episode
from tests.core import factories
from tests.ui.forms.conftest import OpenDialog
from ui.forms.missing_dialogs import MissingDialog, MissingTab, ReturnDialog


def _child(factory: sessionmaker[Session]) -> int:
    with session_scope(factory) as s:
        home = facilities.create_facility(s, factories.facility())
        child = children.create_child(
            s,
            factories.child(
                facility_code=home.code, identified_on=date.today() - timedelta(days=30)
            ),
        )
        return child.id


def test_missing_and_back_from_the_childs_record(
    qtbot: QtBot, open_dialog: OpenDialog, factory: sessionmaker[Session]
) -> None:
    child_id = _child(factory)
    dialog = open_dialog("children", child_id)
    tab = dialog.findChild(MissingTab, "missing_tab")
    assert isinstance(tab, MissingTab)
    qtbot.waitUntil(lambda: tab.report_button.isEnabled(), timeout=10_000)
    assert tab.state.text() == "The child is not reported missing."
    assert not tab.return_button.isEnabled() and not tab.print_button.isEnabled()

    report = tab.ask_missing()
    assert isinstance(report, MissingDialog)
    earlier = datetime.now() - timedelta(hours=3)
    report.since.setDateTime(QDateTime(earlier.replace(second=0, microsecond=0)))
    report.place.setText("Tirana bus station")
    report.police.setChecked(True)
    report.police_at.setDateTime(QDateTime(earlier + timedelta(hours=1)))
    report.ok.click()
    qtbot.waitUntil(lambda: tab.return_button.isEnabled(), timeout=10_000)
    assert "Missing since" in tab.state.text() and "Tirana bus station" in tab.state.text()
    assert tab.model.rowCount() == 1 and tab.model.index(0, 3).data() == "still missing"
    assert not tab.report_button.isEnabled()

    back = tab.ask_return()
    assert isinstance(back, ReturnDialog)
    back.returned.setDateTime(QDateTime(earlier - timedelta(hours=1)))  # before: refused
    back.ok.click()
    qtbot.waitUntil(lambda: back.messages["returned_at"].isVisibleTo(back), timeout=10_000)
    assert "before the child went missing" in back.messages["returned_at"].text()
    back.returned.setDateTime(QDateTime(datetime.now().replace(second=0, microsecond=0)))
    back.found.setText("Durrës port")
    with qtbot.waitSignal(tab.returned, timeout=10_000):
        back.ok.click()
    box = tab.findChild(QMessageBox, "rescreen_message")
    assert isinstance(box, QMessageBox)
    assert "Re-screen the child for trafficking risk" in box.text()
    box.close()
    qtbot.waitUntil(lambda: tab.report_button.isEnabled(), timeout=10_000)
    with session_scope(factory) as s:
        assert current_episode(s, child_id) is None
