"""The child's Referrals tab: a new referral, the service's answer, and the letter's field
picker (the sensitive fields unticked), issued through the bridge and previewed."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from types import SimpleNamespace

import pytest
import shiboken6
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session, sessionmaker

from guardian_desk.db.engine import session_scope
from guardian_desk.papers.referral_letter import SENSITIVE
from guardian_desk.services import children
from guardian_desk.services.disclosures import disclosures_of
from guardian_desk.services.referrals import referrals_of
from tests.core import factories
from tests.ui.signed import TEST_OFFICER
from ui.bridge import CoreBridge
from ui.protection.referral_dialog import LetterFieldsDialog, ReferralDialog, StatusDialog
from ui.protection.referrals_tab import ReferralsTab


@pytest.fixture
def bridge(db_url: str) -> Iterator[CoreBridge]:
    core = CoreBridge(db_url, TEST_OFFICER)
    yield core
    core.wait()
    core.shutdown()


def _child(factory: sessionmaker[Session]) -> int:
    with session_scope(factory) as s:
        child = children.create_child(
            s, factories.child(identified_on=date.today() - timedelta(days=30))
        )
        return child.id


def test_refer_answer_and_print_a_letter(
    qtbot: QtBot, bridge: CoreBridge, factory: sessionmaker[Session]
) -> None:
    child_id = _child(factory)
    tab = ReferralsTab(bridge)
    qtbot.addWidget(tab)
    tab.show()
    tab.show_record(SimpleNamespace(id=child_id, code="AL-2026-00001", title="Ahmad Rahimi"))  # type: ignore[arg-type]
    qtbot.waitUntil(lambda: tab.new_button.isEnabled(), timeout=10_000)
    assert not tab.status_button.isEnabled() and not tab.letter_button.isEnabled()

    dialog = tab.ask_referral()
    assert isinstance(dialog, ReferralDialog)
    assert not dialog.screening_box.isEnabled()  # no screening recorded
    dialog.recipient_kind.setCurrentIndex(dialog.recipient_kind.findData("police"))
    dialog.recipient_name.setText("Tirana Police Directorate")
    dialog.reason.setPlainText("Works at a car wash for a debt.")
    dialog.ok.click()  # no legal basis: refused at the field
    qtbot.waitUntil(lambda: dialog.messages["legal_basis"].isVisible(), timeout=10_000)
    assert "is required" in dialog.messages["legal_basis"].text()
    dialog.legal_basis.setPlainText("Law 70/2017, art. 12")
    dialog.child_consent.setCurrentIndex(dialog.child_consent.findData("given"))
    dialog.ok.click()
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1, timeout=10_000)
    assert tab.model.index(0, 0).data().strip("\u2068\u2069") == "Police: Tirana Police Directorate"
    assert tab.model.index(0, 2).data() == "Sent"
    qtbot.waitUntil(lambda: tab.status_button.isEnabled(), timeout=10_000)

    status = tab.ask_status()
    assert isinstance(status, StatusDialog)
    offered = [status.status.itemData(i) for i in range(status.status.count())]
    assert offered == ["sent", "acknowledged", "accepted", "declined", "closed"]
    assert status.status.currentData() == "acknowledged"
    yesterday = date.today() - timedelta(days=40)  # before it was sent: refused
    status.status_on.setDate(QDate(yesterday.year, yesterday.month, yesterday.day))
    status.ok.click()
    qtbot.waitUntil(lambda: status.messages["status_on"].isVisible(), timeout=10_000)
    status.status_on.setDate(QDate.currentDate())
    status.their_reference.setText("TPD-118")
    status.ok.click()
    qtbot.waitUntil(lambda: tab.model.index(0, 2).data() == "Acknowledged", timeout=10_000)

    letter = tab.ask_letter()
    assert isinstance(letter, LetterFieldsDialog)
    ticked = {key for key, box in letter.boxes.items() if box.isChecked()}
    assert not ticked & SENSITIVE and "case_number" in ticked
    assert not letter.boxes["case_number"].isEnabled()
    for key, box in letter.boxes.items():
        box.setChecked(key in ("case_number", "sex", "reason"))
    letter.ok.click()
    qtbot.waitUntil(lambda: not shiboken6.isValid(letter) or not letter.isVisible(), timeout=20_000)
    bridge.wait()
    QApplication.processEvents()
    with session_scope(factory) as s:
        (disclosure,) = disclosures_of(s, child_id)
        assert disclosure.fields == ("case_number", "sex", "reason")
        (referral,) = referrals_of(s, child_id)
        assert referral.status == "acknowledged" and referral.their_reference == "TPD-118"
    from ui.papers.preview import PaperPreview

    (preview,) = [w for w in QApplication.topLevelWidgets() if isinstance(w, PaperPreview)]
    assert preview.isVisible() and "Referral letter" in preview.windowTitle()
    preview.close()
