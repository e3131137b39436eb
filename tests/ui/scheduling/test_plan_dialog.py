"""The plan dialog: proposals most overdue first, the children nothing fits, applying."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session, sessionmaker

from guardian_desk.db.engine import session_scope
from guardian_desk.domain.errors import RuleViolation
from guardian_desk.scheduling import visits_between
from tests.ui.scheduling.conftest import SmallOffice
from ui.bridge import CoreBridge
from ui.scheduling.plan_dialog import PlanDialog
from ui.scheduling.plan_models import ProposalsModel, UnplacedModel

DISPLAY = Qt.ItemDataRole.DisplayRole


@pytest.fixture(autouse=True)
def planning_in_march(monkeypatch: pytest.MonkeyPatch) -> None:
    """These plans are made early in March 2026 (planning proposes nothing past)."""
    monkeypatch.setattr(
        "guardian_desk.scheduling.planning.current_time", lambda: datetime(2026, 3, 1, tzinfo=UTC)
    )


def cell(model: Any, row: int, column: int) -> str:
    return str(model.data(model.index(row, column), DISPLAY))


def open_plan(qtbot: QtBot, bridge: CoreBridge, start: date) -> PlanDialog:
    dialog = PlanDialog(bridge)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.start.setDate(QDate(start.year, start.month, start.day))
    dialog.weeks.setValue(2)
    dialog.make_plan()
    assert dialog.run.bar.isVisible() and dialog.run.message.text() == "Planning visits…"
    qtbot.waitUntil(lambda: dialog.plan is not None, timeout=20_000)
    return dialog


def test_defaults_are_today_and_four_weeks(qtbot: QtBot, bridge: CoreBridge) -> None:
    dialog = PlanDialog(bridge)
    qtbot.addWidget(dialog)
    assert dialog.start.date() == QDate.currentDate()
    assert dialog.weeks.value() == 4
    assert not dialog.apply_button.isEnabled()


def test_shows_proposals_and_why_nothing_fits(
    qtbot: QtBot, bridge: CoreBridge, office: SmallOffice, qtmodeltester: Any
) -> None:
    dialog = open_plan(qtbot, bridge, date(2026, 3, 16))
    model = dialog.proposals
    qtmodeltester.check(model)
    qtmodeltester.check(dialog.unplaced)
    assert not dialog.run.bar.isVisible()
    assert model.rowCount() == 1
    assert cell(model, 0, ProposalsModel.CASE) == office.ahmad_case
    assert cell(model, 0, ProposalsModel.OVERDUE) == "7"  # due 9 March, plan from the 16th
    assert "17 Mar 2026, 09:00–10:00" in cell(model, 0, ProposalsModel.WHEN)
    assert "Elira Hoxha" in cell(model, 0, ProposalsModel.GUARDIAN)
    assert "Farid Noori" in cell(model, 0, ProposalsModel.MEDIATOR)
    assert cell(model, 0, ProposalsModel.FACILITY) == "\u2068Tirana Reception Centre\u2069"
    assert model.data(model.index(0, 0), Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert dialog.unplaced.rowCount() == 1
    assert cell(dialog.unplaced, 0, UnplacedModel.CASE) == office.nomad_case
    assert "no facility on record" in cell(dialog.unplaced, 0, UnplacedModel.REASON)
    assert dialog.tabs.tabText(0) == "Proposed visits (1)"
    assert dialog.tabs.tabText(1) == "Nothing fits (1)"
    assert dialog.apply_button.isEnabled()
    # Unticking every row leaves nothing to apply.
    dialog.none_button.click()
    assert not dialog.apply_button.isEnabled()
    model.setData(model.index(0, 0), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert dialog.apply_button.isEnabled()


def test_apply_creates_the_ticked_visits(
    qtbot: QtBot,
    bridge: CoreBridge,
    office: SmallOffice,
    factory: sessionmaker[Session],
) -> None:
    dialog = open_plan(qtbot, bridge, date(2026, 3, 16))
    with qtbot.waitSignal(bridge.data_changed, timeout=20_000):
        dialog.apply_button.click()
    qtbot.waitUntil(lambda: dialog.applied_plan is not None, timeout=20_000)
    assert dialog.run.message.text() == "Visits created: 1."
    assert dialog.proposals.rowCount() == 0
    with session_scope(factory, actor="t") as session:
        saved = visits_between(session, date(2026, 3, 16), date(2026, 3, 29))
    assert [(v.case_number, v.starts_at.hour) for v in saved] == [(office.ahmad_case, 9)]


def test_a_refused_proposal_stays_with_its_reason(
    qtbot: QtBot, bridge: CoreBridge, office: SmallOffice, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = open_plan(qtbot, bridge, date(2026, 3, 16))
    proposal = dialog.proposals.row_at(0)

    def refuse(session: Any, proposals: Any, **_: Any) -> Any:
        from guardian_desk.scheduling import AppliedPlan

        return AppliedPlan((), ((proposal, "guardian Elira Hoxha already has a visit"),))

    monkeypatch.setattr("ui.scheduling.plan_dialog.apply_plan", refuse)
    dialog.apply_button.click()
    qtbot.waitUntil(lambda: dialog.applied_plan is not None, timeout=20_000)
    assert "Not saved: 1" in dialog.run.message.text()
    assert "already has a visit" in dialog.run.message.text()
    assert (
        cell(dialog.proposals, 0, ProposalsModel.NOTE) == "guardian Elira Hoxha already has a visit"
    )
    assert not dialog.apply_button.isEnabled()  # the refused row is unticked


def test_cancel_saves_nothing(
    qtbot: QtBot, bridge: CoreBridge, office: SmallOffice, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    release = threading.Event()

    def slow_plan(session: Any, start: date, weeks: int, *, progress: Any, cancel: Any) -> Any:
        from guardian_desk.scheduling import PlanCancelled

        progress(1, 10)
        release.wait(10)
        if cancel():
            raise PlanCancelled("cancelled")
        raise RuleViolation("not reached")

    monkeypatch.setattr("ui.scheduling.plan_dialog.plan", slow_plan)
    dialog = PlanDialog(bridge)
    qtbot.addWidget(dialog)
    dialog.make_plan()
    qtbot.waitUntil(lambda: dialog.run.bar.maximum() == 10, timeout=10_000)
    assert not dialog.make_button.isEnabled()
    dialog.run.cancel_button.click()
    release.set()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=10_000)
    assert dialog.run.message.text() == "Cancelled; nothing was saved."
    assert dialog.make_button.isEnabled()
