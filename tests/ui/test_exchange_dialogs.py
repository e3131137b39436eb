"""CSV import and export from the window: row errors in a table, nothing half done."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from sqlalchemy import func, select

from guardian_desk.db.engine import session_scope
from guardian_desk.db.models import Child, Facility
from guardian_desk.demo import DemoSizes, load_demo
from tests.ui.signed import TEST_OFFICER
from ui.bridge import CoreBridge
from ui.export_dialog import ExportDialog
from ui.import_dialog import ImportDialog

BAD_CHILDREN = (
    "case_number,given_name,family_name,sex,nationality,identified_on,date_of_birth\n"
    "AL-2026-00001,Omid,Karimi,male,AF,2026-10-01,2010-04-02\n"
    "AL-2026-00002,Sara,<b>Noori</b>,female,AF,2026-10-01,2031-01-01\n"
    "AL-2026-00003,Navid,Karimi,male,ZZ,2026-10-01,2011-01-01\n"
)


def count(factory, model) -> int:  # type: ignore[no-untyped-def]
    with session_scope(factory) as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def test_welcome_import_shows_every_bad_row_and_imports_nothing(  # type: ignore[no-untyped-def]
    qtbot, open_window, tmp_path, monkeypatch, qtmodeltester
) -> None:
    bad = tmp_path / "children.csv"
    bad.write_text(BAD_CHILDREN, encoding="utf-8")
    window = open_window(f"sqlite:///{tmp_path / 'office.sqlite3'}")
    shown: list[ImportDialog] = []

    def drive(dialog: ImportDialog) -> int:
        shown.append(dialog)
        dialog.path.setText(str(bad))
        dialog.kind.setCurrentIndex(dialog.kind.findData("children"))
        dialog.start_import()
        qtbot.waitUntil(lambda: dialog.table.isVisibleTo(dialog), timeout=10_000)
        return 0

    monkeypatch.setattr(ImportDialog, "exec", drive)
    qtbot.mouseClick(
        window.findChild(QPushButton, "Import from CSV files"), Qt.MouseButton.LeftButton
    )
    dialog = shown[0]
    qtmodeltester.check(dialog.errors)
    rows = [
        tuple(dialog.errors.index(r, c).data() for c in range(4))
        for r in range(dialog.errors.rowCount())
    ]
    assert ("3", "date_of_birth", "2031-01-01", "is in the future") in rows
    assert any(line == "4" and column == "nationality" for line, column, _, _ in rows)
    assert dialog.message.text() == (
        "Nothing was imported from the children file: 2 rows have errors."
    )  # said once
    assert window.stack.currentWidget() is window.welcome  # still empty, still welcoming
    assert count(window.bridge._session_factory(), Child) == 0


def test_export_leaves_names_out_unless_asked(qtbot, db_url, factory, tmp_path) -> None:  # type: ignore[no-untyped-def]
    with session_scope(factory) as s:
        load_demo(s, DemoSizes(children=20, guardians=6, mediators=3, facilities=2))
    bridge = CoreBridge(db_url, TEST_OFFICER)
    dialog = ExportDialog(bridge)
    qtbot.addWidget(dialog)
    target = tmp_path / "out" / "children.csv"
    dialog.path.setText(str(target))
    assert "case numbers, not names" in dialog.warning.text()
    dialog.start_export()
    qtbot.waitUntil(lambda: dialog.exported_rows == 20, timeout=10_000)
    assert "given_name" not in target.read_text(encoding="utf-8-sig").splitlines()[0]
    dialog.personal.setChecked(True)
    assert "will name the children" in dialog.warning.text()
    dialog.exported_rows = 0
    dialog.start_export()
    qtbot.waitUntil(lambda: dialog.exported_rows == 20, timeout=10_000)
    assert "given_name" in target.read_text(encoding="utf-8-sig").splitlines()[0]
    bridge.shutdown()


def test_cancelled_export_writes_no_file(qtbot, db_url, factory, tmp_path) -> None:  # type: ignore[no-untyped-def]
    with session_scope(factory) as s:
        load_demo(s, DemoSizes(children=20, guardians=6, mediators=3, facilities=2))
    assert count(factory, Facility) == 2
    bridge = CoreBridge(db_url, TEST_OFFICER)
    dialog = ExportDialog(bridge)
    qtbot.addWidget(dialog)
    target = tmp_path / "children.csv"
    dialog.path.setText(str(target))
    dialog.start_export()
    assert dialog._task is not None
    dialog._task.cancel()  # as the Close button does while exporting
    qtbot.waitUntil(lambda: dialog._task is None, timeout=10_000)
    assert "cancelled" in dialog.message.text()
    assert not target.exists()
    assert not list(Path(tmp_path).glob(".children.csv.*"))
    bridge.shutdown()
