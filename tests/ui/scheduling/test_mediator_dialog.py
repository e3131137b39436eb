"""Booking a mediator: ranked candidates, a case number not on record, a double booking."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QDate, QDateTime, QTime
from pytestqt.qtbot import QtBot

from tests.ui.scheduling.conftest import SmallOffice
from ui.bridge import CoreBridge
from ui.scheduling.mediator_dialog import MediatorDialog
from ui.scheduling.mediator_models import CandidatesModel


def open_dialog(qtbot: QtBot, bridge: CoreBridge) -> MediatorDialog:
    dialog = MediatorDialog(bridge)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.facility.count() == 3, timeout=20_000)  # the zone is known
    return dialog


def test_unknown_case_number_is_shown_at_the_field(
    qtbot: QtBot, bridge: CoreBridge, office: SmallOffice
) -> None:
    dialog = open_dialog(qtbot, bridge)
    dialog.case.setText("AL-2026-99999")
    dialog.find_button.click()
    qtbot.waitUntil(lambda: dialog.messages["case_number"].isVisibleTo(dialog), timeout=20_000)
    assert dialog.messages["case_number"].text() == (
        "Case number “AL-2026-99999” is not a case number on record"
    )
    assert not dialog.book_button.isEnabled()


def test_find_rank_and_book_then_refuse_the_same_time(
    qtbot: QtBot, bridge: CoreBridge, office: SmallOffice, qtmodeltester: Any
) -> None:
    dialog = open_dialog(qtbot, bridge)
    dialog.case.setText(office.ahmad_case.lower())
    dialog.start.setDateTime(QDateTime(QDate(2026, 12, 3), QTime(10, 0)))  # a Thursday morning
    dialog.find_button.click()
    qtbot.waitUntil(lambda: dialog.choice is not None, timeout=20_000)
    qtmodeltester.check(dialog.candidates)
    qtmodeltester.check(dialog.excluded)
    assert dialog.candidates.rowCount() == 1
    row = dialog.candidates.row_at(0)
    assert row.mediator_id == office.farid_id
    text = dialog.candidates.data(dialog.candidates.index(0, CandidatesModel.MEDIATOR))
    assert "Farid Noori" in text
    assert "Language" in dialog.candidates.data(dialog.candidates.index(0, CandidatesModel.PARTS))
    assert dialog.book_button.isEnabled()
    with qtbot.waitSignal(bridge.data_changed, timeout=20_000):
        dialog.book_button.click()
    qtbot.waitUntil(lambda: dialog.booked_id is not None, timeout=20_000)
    assert dialog.notes.text().startswith("Booked")
    # The same time again: the mediator is taken, and the message names the clash.
    dialog.booked_id = None
    dialog.book_button.click()
    qtbot.waitUntil(lambda: dialog.messages["other"].isVisibleTo(dialog), timeout=20_000)
    assert "already has" in dialog.messages["other"].text()
    assert office.ahmad_case in dialog.messages["other"].text()
