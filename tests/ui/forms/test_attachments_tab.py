"""The Attachments tab of a child's record: add (checked on the worker), the refusal of a renamed
program naming it, the viewer for images and PDFs, a Word file only saved out, removal; and the
buttons an auditor gets."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from guardian_desk.db.engine import session_scope
from guardian_desk.db.models import AuditEvent
from guardian_desk.security.roles import Role, SignedIn
from guardian_desk.services import children
from tests.casework import attachment_files as files
from tests.core import factories
from tests.ui.forms.conftest import OpenDialog
from ui.bridge import CoreBridge
from ui.forms import RecordDialog
from ui.forms.attachments_tab import AttachmentsTab, AttachmentViewer


def _child(factory: sessionmaker[Session]) -> int:
    with session_scope(factory) as s:
        return children.create_child(s, factories.child()).id


def _tab(dialog: RecordDialog) -> AttachmentsTab:
    tab = dialog.findChild(AttachmentsTab, "attachments_tab")
    assert isinstance(tab, AttachmentsTab)
    return tab


def _add(qtbot: QtBot, tab: AttachmentsTab, path: Path, rows: int) -> None:
    tab.add_file(path, "scan")
    qtbot.waitUntil(
        lambda: tab.model.rowCount() == rows and tab.add_button.isEnabled(), timeout=10_000
    )


def test_files_are_added_viewed_and_removed(
    qtbot: QtBot,
    open_dialog: OpenDialog,
    factory: sessionmaker[Session],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    child_id = _child(factory)
    dialog = open_dialog("children", child_id)
    tab = _tab(dialog)
    assert dialog.tabs.isTabVisible(dialog.tabs.indexOf(tab))
    qtbot.waitUntil(lambda: tab.add_button.isEnabled(), timeout=10_000)

    scan = tmp_path / "passport.png"
    scan.write_bytes(files.png())
    _add(qtbot, tab, scan, 1)
    decision = tmp_path / "decision.pdf"
    decision.write_bytes(files.pdf(pages=2))
    _add(qtbot, tab, decision, 2)
    assert tab.model.index(0, 0).data() == "decision.pdf"  # newest first
    assert tab.model.index(0, 1).data() == "PDF document"

    # A program renamed .pdf: refused, named, nothing stored.
    program = tmp_path / "court order.pdf"
    program.write_bytes(files.windows_program())
    tab.add_file(program)
    qtbot.waitUntil(lambda: tab.bar.is_error(), timeout=10_000)
    assert "“court order.pdf” cannot be attached" in tab.bar.text()
    assert "a Windows program" in tab.bar.text()
    assert tab.model.rowCount() == 2

    # The PDF opens page by page in the viewer.
    tab.table.selectRow(0)
    assert tab.view_button.isEnabled()
    tab.open_selected()
    qtbot.waitUntil(lambda: isinstance(tab.viewer, AttachmentViewer), timeout=10_000)
    viewer = tab.viewer
    assert viewer is not None
    qtbot.waitUntil(lambda: viewer.page_label.text() == "Page 1 of 2", timeout=10_000)
    assert viewer.sheet.pixmap() is not None and not viewer.sheet.pixmap().isNull()
    viewer.next_button.click()
    qtbot.waitUntil(lambda: viewer.page_label.text() == "Page 2 of 2", timeout=10_000)
    assert viewer.height() <= 720
    viewer.accept()

    # The image shows at once.
    tab.table.selectRow(1)
    tab.open_selected()
    qtbot.waitUntil(lambda: tab.viewer is not viewer, timeout=10_000)
    assert tab.viewer is not None and tab.viewer.sheet.pixmap().width() == 40
    tab.viewer.accept()

    # A copy, where the officer says.
    target = tmp_path / "copy.png"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    tab.save_selected()
    qtbot.waitUntil(lambda: target.exists() and bool(tab.bar.text()), timeout=10_000)
    assert target.read_bytes() == files.png()

    with session_scope(factory) as s:
        actions = s.scalars(
            select(AuditEvent.action).where(AuditEvent.entity == "attachment")
        ).all()
    assert sorted(actions) == ["create", "create", "export_personal", "view", "view"]

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    tab.remove_selected()
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1, timeout=10_000)


def test_a_word_file_is_only_saved_out(
    qtbot: QtBot, open_dialog: OpenDialog, factory: sessionmaker[Session], tmp_path: Path
) -> None:
    dialog = open_dialog("children", _child(factory))
    tab = _tab(dialog)
    qtbot.waitUntil(lambda: tab.add_button.isEnabled(), timeout=10_000)
    report = tmp_path / "report.docx"
    report.write_bytes(files.docx())
    _add(qtbot, tab, report, 1)
    tab.table.selectRow(0)
    assert not tab.view_button.isEnabled()
    assert tab.save_button.isEnabled()
    assert tab.model.index(0, 1).data() == "Word document (DOCX)"


def test_a_new_child_has_no_attachments_tab(open_dialog: OpenDialog) -> None:
    dialog = open_dialog("children")
    assert not dialog.tabs.isTabVisible(dialog.tabs.indexOf(_tab(dialog)))


def test_an_auditor_may_view_but_not_add_copy_or_remove(
    qtbot: QtBot, db_url: str, factory: sessionmaker[Session], tmp_path: Path
) -> None:
    child_id = _child(factory)
    scan = tmp_path / "scan.png"
    scan.write_bytes(files.png())
    from guardian_desk.services.attachments import add_attachment_file

    with session_scope(factory) as s:
        add_attachment_file(s, child_id, scan)
    bridge = CoreBridge(db_url, SignedIn("a.auditor", "An Auditor", Role.AUDITOR))
    try:
        dialog = RecordDialog(bridge, "children", child_id)
        dialog.show()
        tab = _tab(dialog)
        qtbot.waitUntil(lambda: tab.model.rowCount() == 1, timeout=10_000)
        tab.table.selectRow(0)
        assert tab.view_button.isEnabled()
        assert not (
            tab.add_button.isEnabled()
            or tab.save_button.isEnabled()
            or tab.remove_button.isEnabled()
        )
        dialog.done(0)
    finally:
        bridge.wait()
        bridge.shutdown()
