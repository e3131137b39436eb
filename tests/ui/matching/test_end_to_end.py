"""The panel on a real database: suggest, appoint, and the appointment and its audit are there."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session, sessionmaker

from guardian_desk.db.engine import session_scope
from guardian_desk.domain.enums import AssignmentRole, Proficiency, Sex
from guardian_desk.domain.records import LanguageSkill, WeeklyWindow
from guardian_desk.services import audit
from guardian_desk.services.assignments import assignments_of_child
from guardian_desk.services.availability import set_availability
from guardian_desk.services.children import create_child
from guardian_desk.services.facilities import create_facility
from guardian_desk.services.staff import create_staff, get_staff, set_active
from tests.core import factories
from ui.bridge import CoreBridge
from ui.matching import MatchingPanel
from ui.matching.models import ProposalsModel

ARABIC_GIVEN = "أحمد"  # Ahmad, in Arabic script
WEEKDAYS = [WeeklyWindow(day, 9 * 60, 17 * 60) for day in range(1, 6)]


def office(factory: sessionmaker[Session]) -> tuple[int, int]:
    """A facility open on weekdays, a Dari-speaking boy there, an Albanian-speaking guardian
    and a Dari-Albanian mediator, both free when the facility receives visitors."""
    with session_scope(factory, actor="test-officer") as s:
        facility = create_facility(s, factories.facility(hours=WEEKDAYS))
        child = create_child(
            s,
            factories.child(
                given_name_original=ARABIC_GIVEN,
                facility_code=facility.code,
                identified_on=date(2026, 1, 5),
            ),
        )
        guardian = create_staff(s, "guardian", factories.guardian())
        mediator = create_staff(
            s,
            "mediator",
            factories.guardian(
                given_name="Farid",
                family_name="Karimi",
                sex=Sex.MALE,
                languages=[
                    LanguageSkill("prs", Proficiency.NATIVE),
                    LanguageSkill("sqi", Proficiency.FLUENT),
                ],
                max_caseload=30,
            ),
        )
        set_availability(s, "guardian", guardian.id, WEEKDAYS, [], None)
        set_availability(s, "mediator", mediator.id, WEEKDAYS, [], None)
        return child.id, guardian.id


def open_panel(qtbot: QtBot, bridge: CoreBridge, child_id: int) -> MatchingPanel:
    panel = MatchingPanel(bridge, child_id)
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitUntil(lambda: panel.loaded, timeout=20_000)
    return panel


def text(model: Any, row: int, column: int) -> str:
    return str(model.data(model.index(row, column), Qt.ItemDataRole.DisplayRole))


def test_suggest_appoint_and_audit(
    qtbot: QtBot, bridge: CoreBridge, factory: sessionmaker[Session]
) -> None:
    child_id, _ = office(factory)
    panel = open_panel(qtbot, bridge, child_id)
    assert ARABIC_GIVEN in panel.child_label.text() or "Ahmad" in panel.child_label.text()
    assert "Dari" in panel.languages_label.text()
    assert panel.proposals.rowCount() == 1, panel.status.text()
    assert "Elira Hoxha" in text(panel.proposals, 0, ProposalsModel.GUARDIAN)
    assert "Farid Karimi" in text(panel.proposals, 0, ProposalsModel.LANGUAGE)
    assert panel.breakdown.rowCount() >= 3
    assert "Farid Karimi" in panel.mediator.currentText()

    panel.appoint_button.click()
    dialog = panel.confirm_dialog
    assert dialog is not None
    dialog.decision_ref.setText("DEC-1/2026")
    with qtbot.waitSignal(panel.confirmed, timeout=20_000):
        dialog.ok_button.click()
    assert "Appointed" in panel.bar.text() and "Farid Karimi" in panel.bar.text()

    with session_scope(factory, actor="check") as s:
        appointed = assignments_of_child(s, child_id)
        assert sorted(a.role for a in appointed) == sorted(
            [AssignmentRole.GUARDIAN, AssignmentRole.MEDIATOR]
        )
        assert all(a.decision_ref == "DEC-1/2026" and a.ends_on is None for a in appointed)
        for a in appointed:
            events = audit.history(s, "assignment", a.id)
            assert [e.actor for e in events] == ["test-officer"]
            assert events[0].action == "assign"
    qtbot.waitUntil(lambda: panel.loaded, timeout=20_000)  # reloaded after the appointment


def test_a_broken_rule_needs_a_written_override(
    qtbot: QtBot, bridge: CoreBridge, factory: sessionmaker[Session]
) -> None:
    """The guardian is suspended while the panel is open: the core refuses, and only the
    officer's written reason lets the appointment through, recorded in the audit."""
    child_id, guardian_id = office(factory)
    panel = open_panel(qtbot, bridge, child_id)
    assert panel.proposals.rowCount() == 1
    with session_scope(factory, actor="another officer") as s:
        guardian = get_staff(s, "guardian", guardian_id)
        set_active(s, "guardian", guardian_id, guardian.version, active=False, reason="on leave")

    panel.appoint_button.click()
    dialog = panel.confirm_dialog
    assert dialog is not None
    assert dialog.override.isHidden()
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: dialog.override.isVisible(), timeout=20_000)
    assert "suspended" in dialog.refusal.text()
    dialog.ok_button.click()  # an empty reason is no override
    assert "too short" in dialog.override_message.text()
    with session_scope(factory, actor="check") as s:
        assert assignments_of_child(s, child_id) == []

    dialog.override.setPlainText("Back from leave on Monday; the only Dari link on the island")
    with qtbot.waitSignal(panel.confirmed, timeout=20_000):
        dialog.ok_button.click()
    with session_scope(factory, actor="check") as s:
        appointed = {a.role: a for a in assignments_of_child(s, child_id)}
        guardian_row = appointed[AssignmentRole.GUARDIAN]
        assert guardian_row.override_reason.startswith("Back from leave")
        events = audit.history(s, "assignment", guardian_row.id)
        assert "override_assign" in [e.action for e in events]
        assert "suspended" in str(events[0].after)
