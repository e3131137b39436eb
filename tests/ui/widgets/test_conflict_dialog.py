"""A save that lost the race: both versions side by side, the differences first."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from ui.widgets.conflict_dialog import ConflictDialog, DiffersRole, FieldVersionsModel

LABELS = {
    "case_number": "Case number",
    "given_name": "Given name",
    "family_name": "Family name",
    "given_name_original": "Given name (original script)",
    "facility_code": "Facility",
    "notes": "Notes",
}
MINE = {
    "case_number": "UAM-2026-0042",
    "given_name": "Ahmad",
    "family_name": "Rahimi",
    "given_name_original": "احمد",
    "facility_code": "SKP-01",
    "notes": "Asked about his brother.",
}
THEIRS = dict(MINE, family_name="Rahimi Karimi", facility_code="BLG-02")


@pytest.fixture
def dialog(qtbot) -> ConflictDialog:  # type: ignore[no-untyped-def]
    dialog = ConflictDialog("Child UAM-2026-0042", LABELS, MINE, THEIRS)
    qtbot.addWidget(dialog)
    return dialog


def test_model_passes_the_model_tester(qtmodeltester, dialog: ConflictDialog) -> None:  # type: ignore[no-untyped-def]
    qtmodeltester.check(dialog.model)


def test_every_field_is_listed_the_differing_ones_first(dialog: ConflictDialog) -> None:
    model = dialog.model
    rows = [tuple(model.index(r, c).data() for c in range(3)) for r in range(model.rowCount())]
    assert rows == [
        ("Family name", "Rahimi", "Rahimi Karimi"),
        ("Facility", "SKP-01", "BLG-02"),
        ("Case number", "UAM-2026-0042", "UAM-2026-0042"),
        ("Given name", "Ahmad", "Ahmad"),
        ("Given name (original script)", "احمد", "احمد"),
        ("Notes", "Asked about his brother.", "Asked about his brother."),
    ]
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(3)] == [
        "Field",
        "Your version",
        "Saved version",
    ]


def test_differing_rows_are_bold_on_a_coloured_background(dialog: ConflictDialog) -> None:
    model = dialog.model
    differing, same = model.index(0, 1), model.index(2, 1)
    assert differing.data(DiffersRole) is True
    assert differing.data(Qt.ItemDataRole.FontRole).bold()
    assert differing.data(Qt.ItemDataRole.BackgroundRole) is not None
    assert same.data(DiffersRole) is False
    assert same.data(Qt.ItemDataRole.FontRole) is None
    assert same.data(Qt.ItemDataRole.BackgroundRole) is None


def test_reload_accepts_with_reload(qtbot, dialog: ConflictDialog) -> None:  # type: ignore[no-untyped-def]
    assert "discard my changes" in dialog.reload_button.text()
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.reload_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == ConflictDialog.DialogCode.Accepted
    assert dialog.choice() == ConflictDialog.RELOAD


def test_keep_editing_rejects_with_keep(qtbot, dialog: ConflictDialog) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(dialog.rejected):
        qtbot.mouseClick(dialog.keep_button, Qt.MouseButton.LeftButton)
    assert dialog.choice() == ConflictDialog.KEEP


def test_escape_and_the_default_button_keep_editing(qtbot, dialog: ConflictDialog) -> None:  # type: ignore[no-untyped-def]
    assert dialog.keep_button.isDefault()
    dialog.show()
    with qtbot.waitSignal(dialog.rejected):
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.choice() == ConflictDialog.KEEP


def test_copy_my_version_puts_every_field_on_the_clipboard(dialog: ConflictDialog) -> None:
    dialog.copy_button.click()
    assert QGuiApplication.clipboard().text() == (
        "Case number: UAM-2026-0042\n"
        "Given name: Ahmad\n"
        "Family name: Rahimi\n"
        "Given name (original script): احمد\n"
        "Facility: SKP-01\n"
        "Notes: Asked about his brother."
    )
    assert dialog.copy_button.text() == "Copied to the clipboard"


def test_fields_without_a_label_are_still_shown(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    model = FieldVersionsModel(
        {"a": "A"}, {"a": "1", "b": "x"}, {"a": "1", "c": "y"}, QGuiApplication.palette()
    )
    qtmodeltester.check(model)
    assert [model.index(r, 0).data() for r in range(3)] == ["b", "c", "A"]
