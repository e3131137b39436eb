"""The dialog's tables are real models that pass Qt's model checks and read as officers expect."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session

from guardian_desk.db.models import Visit
from guardian_desk.domain.enums import VisitStatus
from guardian_desk.domain.records import Companion
from guardian_desk.services import assignments, children, facilities, staff
from guardian_desk.services.details import AuditRow, RecordDetail, record_detail, save_record
from tests.core import factories
from ui.forms.companions import CompanionsEditor, CompanionsModel
from ui.forms.tables import AssignmentsModel, HistoryModel, VisitsModel

TIRANE = ZoneInfo("Europe/Tirane")


@pytest.fixture
def details(session: Session) -> dict[str, RecordDetail]:
    place = facilities.create_facility(session, factories.facility())
    child = children.create_child(session, factories.child(facility_code=place.code))
    guardian = staff.create_staff(session, "guardian", factories.guardian())
    assignments.assign_guardian(
        session, child.id, guardian.id, starts_on=date(2026, 10, 5), reason="speaks Dari"
    )
    starts = datetime(2026, 11, 3, 8, 0, tzinfo=UTC)
    session.add(
        Visit(
            child_id=child.id,
            guardian_id=guardian.id,
            facility_id=place.id,
            starts_at=starts,
            ends_at=starts.replace(hour=9),
            status=VisitStatus.PLANNED,
        )
    )
    data = children.child_data(session, child)
    data.family_name = "Rahimi-Karimi"
    save_record(session, "children", child.id, data, expected_version=child.version)
    return {
        "children": record_detail(session, "children", child.id),
        "guardians": record_detail(session, "guardians", guardian.id),
    }


def test_history_model(qtmodeltester, details: dict[str, RecordDetail]) -> None:  # type: ignore[no-untyped-def]
    model = HistoryModel(TIRANE, {"family_name": "Family name"})
    model.set_rows(details["children"].history)
    qtmodeltester.check(model)
    last = model.rowCount() - 1
    assert model.index(last, HistoryModel.ACTION).data() == "Edited"
    assert model.index(last, HistoryModel.CHANGES).data() == "Family name: Rahimi → Rahimi-Karimi"
    assert model.index(last, HistoryModel.WHO).data() == "test-officer"
    assert model.headerData(0, Qt.Orientation.Horizontal) == "When"


def test_history_model_marks_the_rows_of_a_merged_record(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    at = datetime(2026, 11, 3, 8, 0, tzinfo=UTC)
    rows = [
        AuditRow(at=at, actor="system", action="create", changes=[]),
        AuditRow(
            at=at,
            actor="system",
            action="create",
            changes=[("family_name", "", "Rahimy")],
            source="from AL-2026-00002 (merged)",
        ),
    ]
    model = HistoryModel(TIRANE, {"family_name": "Family name"})
    model.set_rows(rows)
    qtmodeltester.check(model)
    assert model.index(0, HistoryModel.ACTION).data() == "Created"
    assert model.index(1, HistoryModel.ACTION).data() == "Created\nfrom AL-2026-00002 (merged)"
    assert model.index(1, HistoryModel.CHANGES).data() == "Family name: Rahimy"


def test_assignment_models_from_both_sides(qtmodeltester, details: dict[str, RecordDetail]) -> None:  # type: ignore[no-untyped-def]
    of_child = AssignmentsModel(of_child=True)
    of_child.set_rows(details["children"].assignments)
    qtmodeltester.check(of_child)
    row = [of_child.index(0, c).data() for c in range(of_child.columnCount())]
    assert row == [
        "Guardian",
        "G-00001 Elira Hoxha",
        "5 Oct 2026",
        "current",
        "speaks Dari",
        "",
        "",
    ]
    of_guardian = AssignmentsModel(of_child=False)
    of_guardian.set_rows(details["guardians"].assignments)
    qtmodeltester.check(of_guardian)
    assert of_guardian.index(0, 0).data() == "AL-2026-00001 Ahmad Rahimi-Karimi"


def test_visits_are_shown_in_the_office_time_zone(  # type: ignore[no-untyped-def]
    qtmodeltester, details: dict[str, RecordDetail]
) -> None:
    model = VisitsModel("children", TIRANE)
    model.set_rows(details["children"].visits)
    qtmodeltester.check(model)
    row = [model.index(0, c).data() for c in range(model.columnCount())]
    assert row == [
        "3 Nov 2026, 09:00–10:00",
        "G-00001 Elira Hoxha",
        "Tirana Reception Centre",
        "Planned",
    ]
    of_guardian = VisitsModel("guardians", TIRANE)
    of_guardian.set_rows(details["guardians"].visits)
    qtmodeltester.check(of_guardian)
    assert of_guardian.index(0, 1).data() == "AL-2026-00001 Ahmad Rahimi-Karimi"


def test_companions_model_is_editable(qtmodeltester, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    editor = CompanionsEditor()
    qtbot.addWidget(editor)
    editor.set_companions([Companion("Karim Rahimi", "uncle", False)])
    qtmodeltester.check(editor.model)
    model = editor.model
    with qtbot.waitSignal(editor.changed):
        model.setData(
            model.index(0, CompanionsModel.VERIFIED),
            Qt.CheckState.Checked.value,
            Qt.ItemDataRole.CheckStateRole,
        )
    editor.model.add()
    model.setData(model.index(1, CompanionsModel.NAME), "Fatima")
    assert editor.text() == "Karim Rahimi | uncle | yes; Fatima |  | no"
    editor.view.setCurrentIndex(model.index(0, 0))
    editor.remove_selected()
    assert editor.companions() == [Companion("Fatima")]
    qtmodeltester.check(model)


def test_an_adult_is_verified_by_a_recorded_check_not_a_tick(qtbot: QtBot) -> None:
    """The form shows whether the relationship is verified; the Protection tab's check sets it."""
    editor = CompanionsEditor()
    qtbot.addWidget(editor)
    editor.set_companions([Companion("Karim Rahimi", "uncle", True)])
    index = editor.model.index(0, CompanionsModel.VERIFIED)
    assert not editor.model.flags(index) & Qt.ItemFlag.ItemIsUserCheckable
    assert index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert "Protection tab" in index.data(Qt.ItemDataRole.ToolTipRole)
