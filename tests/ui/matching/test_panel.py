"""The matching panel on hand-made suggestions: what the officer sees and what Appoint sends."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt
from pytestqt.qtbot import QtBot

from guardian_desk.domain.errors import RuleViolation, ValidationError
from guardian_desk.matching import Suggestion
from tests.ui.matching.samples import ARABIC_NAME, suggestion
from ui.bridge import CoreBridge
from ui.matching import MatchingPanel
from ui.matching.models import ProposalsModel

DISPLAY = Qt.ItemDataRole.DisplayRole


class FakeCore:
    """Stands in for suggest_for_child and confirm_proposal; remembers what it was asked."""

    def __init__(self, found: Suggestion | Exception) -> None:
        self.found = found
        self.suggested = 0
        self.confirmed: list[dict[str, Any]] = []
        self.refuse_without_override = False

    def suggest(self, session: Any, child_id: int, **_: Any) -> Suggestion:
        self.suggested += 1
        if isinstance(self.found, Exception):
            raise self.found
        return self.found

    def confirm(
        self, session: Any, child_id: int, guardian_id: int, mediator_id: int | None, **kwargs: Any
    ) -> list[int]:
        if self.refuse_without_override and not kwargs["override_reason"]:
            raise RuleViolation("Elira Hoxha cannot be appointed guardian: caseload 20 of 20")
        self.confirmed.append(
            dict(kwargs, child_id=child_id, guardian_id=guardian_id, mediator_id=mediator_id)
        )
        return [1, 2] if mediator_id else [1]


@pytest.fixture
def core(monkeypatch: pytest.MonkeyPatch) -> FakeCore:
    fake = FakeCore(suggestion())
    monkeypatch.setattr("ui.matching.panel.suggest_for_child", fake.suggest)
    monkeypatch.setattr("ui.matching.panel.confirm_proposal", fake.confirm)
    return fake


def open_panel(qtbot: QtBot, bridge: CoreBridge) -> MatchingPanel:
    panel = MatchingPanel(bridge, 5)
    qtbot.addWidget(panel)
    panel.show()
    assert panel.status.text() == "Finding guardians…"
    assert panel.busy.isVisible()
    qtbot.waitUntil(lambda: panel.loaded, timeout=10_000)
    return panel


def cell(model: Any, row: int, column: int) -> str:
    return str(model.data(model.index(row, column), DISPLAY))


def test_shows_ranked_guardians_with_breakdown_and_mediator(
    qtbot: QtBot, bridge: CoreBridge, core: FakeCore
) -> None:
    panel = open_panel(qtbot, bridge)
    assert not panel.busy.isVisible()
    assert panel.child_label.text() == f"UASC-2026-0005  \u2068{ARABIC_NAME}\u2069"
    assert panel.languages_label.text() == "Speaks: Dari (native), Pashto (basic)"
    assert panel.windowTitle() == "Find a guardian — UASC-2026-0005"
    assert panel.proposals.rowCount() == 2
    assert cell(panel.proposals, 0, ProposalsModel.LANGUAGE).startswith("via mediator")
    # The best guardian is selected: its score parts and its mediators are beside the list.
    assert [cell(panel.breakdown, r, 0) for r in range(panel.breakdown.rowCount())] == [
        "Language",
        "Distance",
        "Availability overlap",
        "Load balance",
    ]
    assert "87.2 of 100" in panel.score_label.text()
    assert panel.mediator.isEnabled()
    assert panel.mediator.count() == 2
    assert panel.mediator.itemText(0).startswith("M-0007")
    assert "score 75.0" in panel.mediator.itemText(0)
    assert panel.mediator_breakdown.rowCount() == 2
    panel.table.selectRow(1)
    assert panel.mediator.currentText() == "No mediator needed"
    assert not panel.mediator.isEnabled()
    assert panel.mediator_view.isHidden()


def test_excluded_guardians_and_their_reasons(
    qtbot: QtBot, bridge: CoreBridge, core: FakeCore
) -> None:
    panel = open_panel(qtbot, bridge)
    assert panel.tabs.tabText(1) == "Excluded (3)"
    assert cell(panel.exclusions, 0, 1) == "caseload 25 of 25"
    assert "; suspended" in cell(panel.exclusions, 1, 1)
    assert panel.more_label.text() == "1 more not shown."


def test_no_proposal_shows_why(qtbot: QtBot, bridge: CoreBridge, core: FakeCore) -> None:
    core.found = suggestion(with_proposals=False, excluded_total=2)
    panel = open_panel(qtbot, bridge)
    assert panel.tabs.currentIndex() == 1
    assert "No guardian can take this child now" in panel.status.text()
    assert not panel.appoint_button.isEnabled()
    assert panel.more_label.isHidden()


def test_core_refusing_to_suggest_is_said(qtbot: QtBot, bridge: CoreBridge, core: FakeCore) -> None:
    core.found = RuleViolation("UASC-2026-0005 already has a guardian")
    panel = MatchingPanel(bridge, 5)
    qtbot.addWidget(panel)
    qtbot.waitUntil(lambda: "already has a guardian" in panel.status.text(), timeout=10_000)
    assert not panel.appoint_button.isEnabled()


def test_f5_reloads(qtbot: QtBot, bridge: CoreBridge, core: FakeCore) -> None:
    panel = open_panel(qtbot, bridge)
    qtbot.keyClick(panel, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: core.suggested == 2 and panel.loaded, timeout=10_000)


def test_enter_appoints_with_the_chosen_mediator(
    qtbot: QtBot, bridge: CoreBridge, core: FakeCore
) -> None:
    panel = open_panel(qtbot, bridge)
    panel.mediator.setCurrentIndex(1)  # the alternative mediator
    panel.table.setFocus()
    qtbot.keyClick(panel.table, Qt.Key.Key_Return)
    dialog = panel.confirm_dialog
    assert dialog is not None and dialog.isVisible()
    assert "M-0008" in dialog.summary.text()
    assert dialog.starts_on.date() == QDate.currentDate()
    assert dialog.refusal.isHidden() and dialog.override.isHidden()
    dialog.decision_ref.setText("DEC-17/2026")
    dialog.reason.setText("speaks with the child through a mediator she knows")
    with qtbot.waitSignal(panel.confirmed, timeout=10_000) as signal:
        dialog.ok_button.click()
    assert signal.args == [5]
    assert core.confirmed == [
        {
            "child_id": 5,
            "guardian_id": 1,
            "mediator_id": 8,
            "starts_on": date.today(),
            "reason": "speaks with the child through a mediator she knows",
            "decision_ref": "DEC-17/2026",
            "override_reason": "",
        }
    ]
    assert panel.bar.text().startswith("Appointed G-0001")
    assert "M-0008" in panel.bar.text()
    qtbot.waitUntil(lambda: core.suggested == 2 and panel.loaded, timeout=10_000)


def test_double_click_appoints_without_mediator(
    qtbot: QtBot, bridge: CoreBridge, core: FakeCore
) -> None:
    panel = open_panel(qtbot, bridge)
    rect = panel.table.visualRect(panel.proposals.index(1, 1))
    viewport = panel.table.viewport()
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    dialog = panel.confirm_dialog
    assert dialog is not None
    with qtbot.waitSignal(panel.confirmed, timeout=10_000):
        dialog.ok_button.click()
    assert core.confirmed[0]["guardian_id"] == 2
    assert core.confirmed[0]["mediator_id"] is None
    assert (
        panel.bar.text()
        == "Appointed G-0002  \u2068Mohammad Nazari\u2069 as guardian of UASC-2026-0005."
    )


def test_broken_rule_needs_a_written_override(
    qtbot: QtBot, bridge: CoreBridge, core: FakeCore
) -> None:
    core.refuse_without_override = True
    panel = open_panel(qtbot, bridge)
    panel.appoint_button.click()
    dialog = panel.confirm_dialog
    assert dialog is not None
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: dialog.override.isVisible(), timeout=10_000)
    assert "caseload 20 of 20" in dialog.refusal.text()
    assert dialog.ok_button.text() == "Override and appoint"
    assert core.confirmed == []
    dialog.override.setPlainText("too short")
    dialog.ok_button.click()
    assert "too short" in dialog.override_message.text()
    assert dialog.override_message.isVisible()
    assert dialog.ok_button.isEnabled()  # nothing was sent
    dialog.override.setPlainText("Only guardian with Dari on the island this month")
    with qtbot.waitSignal(panel.confirmed, timeout=10_000):
        dialog.ok_button.click()
    assert (
        core.confirmed[0]["override_reason"] == "Only guardian with Dari on the island this month"
    )


def test_bad_date_is_shown_at_the_field(
    qtbot: QtBot, bridge: CoreBridge, core: FakeCore, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: Any, **kwargs: Any) -> list[int]:
        raise ValidationError("starts_on", "2020-01-01", "is before the child was identified")

    monkeypatch.setattr("ui.matching.panel.confirm_proposal", refuse)
    panel = open_panel(qtbot, bridge)
    panel.appoint_button.click()
    dialog = panel.confirm_dialog
    assert dialog is not None
    dialog.ok_button.click()
    message = dialog.messages["starts_on"]
    qtbot.waitUntil(message.isVisible, timeout=10_000)
    assert "is before the child was identified" in message.text()
    assert dialog.starts_on.property("invalid") is True
    assert dialog.isVisible()


def test_escape_closes(qtbot: QtBot, bridge: CoreBridge, core: FakeCore) -> None:
    panel = open_panel(qtbot, bridge)
    panel.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)  # qtbot closes it again
    with qtbot.waitSignal(panel.rejected, timeout=2_000):
        qtbot.keyClick(panel.table, Qt.Key.Key_Escape)
    assert not panel.isVisible()
