"""The child's record: Close case… lists exactly what changes, then closes; Reopen case…;
End appointment… and Change guardian… under Assignments; Find a guardian off with a reason."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session, sessionmaker

from guardian_desk.db.engine import session_scope
from guardian_desk.db.models import Visit
from guardian_desk.domain.closure import ClosureReason
from guardian_desk.domain.enums import ChildStatus, VisitStatus
from guardian_desk.scheduling.working_days import holiday_name
from guardian_desk.services import children
from tests.scheduling.office import Office
from tests.ui.forms.conftest import OpenDialog
from ui.forms.appointment_dialogs import ChangeGuardianDialog, EndAppointmentDialog
from ui.forms.close_case_dialog import CloseCaseDialog, ReopenCaseDialog

START = date(2026, 3, 2)


def _case(factory: sessionmaker[Session]) -> tuple[int, int, str]:
    with session_scope(factory, actor="test") as session:
        office = Office(session)
        place = office.facility()
        guardian = office.guardian()
        office.guardian(given_name="Arben", family_name="Krasniqi")
        child = office.child(place)
        office.appoint(child, guardian, START)
        day = date.today() + timedelta(days=2)
        while day.isoweekday() > 5 or holiday_name(day, "AL"):  # a working morning
            day += timedelta(days=1)
        soon = office.at(day.year, day.month, day.day, 10)
        visit = office.stored_visit(child, soon, guardian=guardian, facility=place)
        return child.id, visit.id, child.case_number


def _finish(qtbot: QtBot, asked: QDialog) -> int:
    message = getattr(asked, "message", None)
    qtbot.waitUntil(
        lambda: (
            asked.result() == QDialog.DialogCode.Accepted
            or bool(message is not None and message.text())
        ),
        timeout=10_000,
    )
    assert message is None or not message.text(), message.text()
    return int(asked.result())


def test_closing_lists_what_changes_then_closes_and_reopens(
    open_dialog: OpenDialog,
    qtbot: QtBot,
    factory: sessionmaker[Session],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    child_id, visit_id, _case_number = _case(factory)
    listed: list[str] = []

    def confirm(asked: CloseCaseDialog) -> int:
        qtbot.waitUntil(lambda: asked.plan is not None, timeout=10_000)
        listed.extend(asked.changes.item(i).text() for i in range(asked.changes.count()))
        asked.reason.set_value(ClosureReason.REUNIFIED)
        asked.note.setText("with her mother in Germany")
        assert asked.ok.isEnabled()
        asked.ok.click()
        return _finish(qtbot, asked)

    monkeypatch.setattr(CloseCaseDialog, "exec", confirm)
    dialog = open_dialog("children", child_id)
    assert not dialog.match_button.isEnabled()
    assert "already has a guardian" in dialog.match_button.toolTip()
    with qtbot.waitSignal(dialog.saved, timeout=10_000):
        dialog.deactivation.button.click()
    assert len(listed) == 2
    assert "guardian appointment of" in listed[0] and "ends on" in listed[0]
    assert "is cancelled" in listed[1]
    with session_scope(factory) as s:
        child = children.get_child(s, child_id)
        assert (child.status, child.closure_reason) == (
            ChildStatus.REUNIFIED,
            ClosureReason.REUNIFIED,
        )
        assert s.get(Visit, visit_id).status is VisitStatus.CANCELLED  # type: ignore[union-attr]
    assert dialog.deactivation.button.text() == "Reopen case…"
    assert "reopen" in dialog.match_button.toolTip()
    assert not dialog.appointment_actions.change_button.isEnabled()  # type: ignore[union-attr]

    def reopen(asked: ReopenCaseDialog) -> int:
        qtbot.waitUntil(lambda: "closed on" in asked.state.text(), timeout=10_000)
        asked.ok.click()
        return _finish(qtbot, asked)

    monkeypatch.setattr(ReopenCaseDialog, "exec", reopen)
    with qtbot.waitSignal(dialog.saved, timeout=10_000):
        dialog.deactivation.button.click()
    assert dialog.deactivation.button.text() == "Close case…"
    assert dialog.match_button.isEnabled()


def test_changing_the_guardian_from_the_assignments_tab(
    open_dialog: OpenDialog,
    qtbot: QtBot,
    factory: sessionmaker[Session],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    child_id, visit_id, _case_number = _case(factory)

    def change(asked: ChangeGuardianDialog) -> int:
        qtbot.waitUntil(
            lambda: asked.planned is not None and asked.guardian.count() == 1, timeout=10_000
        )
        assert asked.visits.count() == 1
        asked.handover.setText("likes football")
        asked.ok.click()
        return _finish(qtbot, asked)

    monkeypatch.setattr(ChangeGuardianDialog, "exec", change)
    dialog = open_dialog("children", child_id)
    actions = dialog.appointment_actions
    assert actions is not None and actions.change_button.isEnabled()
    with qtbot.waitSignal(dialog.saved, timeout=10_000):
        actions.change_button.click()
    rows = [dialog.assignments.row_at(i) for i in range(dialog.assignments.rowCount())]
    assert [(r.person.split()[-1], r.current) for r in rows] == [
        ("Krasniqi", True),
        ("Hoxha", False),
    ]
    with session_scope(factory) as s:
        assert s.get(Visit, visit_id).guardian_id == rows[0].person_id  # type: ignore[union-attr]

    def end(asked: EndAppointmentDialog) -> int:
        qtbot.waitUntil(lambda: asked.planned is not None, timeout=10_000)
        asked.ok.click()
        return _finish(qtbot, asked)

    monkeypatch.setattr(EndAppointmentDialog, "exec", end)
    actions.view.selectRow(0)
    assert actions.end_button.isEnabled()
    with qtbot.waitSignal(dialog.saved, timeout=10_000):
        actions.end_button.click()
    assert not any(
        dialog.assignments.row_at(i).current for i in range(dialog.assignments.rowCount())
    )
    assert dialog.match_button.isEnabled()
