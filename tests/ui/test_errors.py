"""An unexpected error shows a copyable report, is logged without personal data, and the
app keeps running."""

from __future__ import annotations

import sys

from PySide6.QtGui import QGuiApplication

from guardian_desk.paths import log_dir
from ui.errors import ErrorDialog, ErrorHandler, setup_logging


def test_error_dialog_report_can_be_copied(qtbot) -> None:  # type: ignore[no-untyped-def]
    try:
        raise RuntimeError("boom")
    except RuntimeError as exc:
        dialog = ErrorDialog(exc)
    qtbot.addWidget(dialog)
    assert "RuntimeError: boom" in dialog.report.toPlainText()
    dialog.copy_report()
    assert "RuntimeError: boom" in QGuiApplication.clipboard().text()


def test_unexpected_error_is_logged_without_its_message(qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    setup_logging()
    handler = ErrorHandler()
    shown = []
    monkeypatch.setattr(ErrorDialog, "exec", lambda self: shown.append(self) or 0)
    try:
        raise ValueError("child Ahmad Rahimi, AF")
    except ValueError:
        handler.excepthook(*sys.exc_info())  # type: ignore[arg-type]
    qtbot.waitUntil(lambda: len(shown) == 1)
    assert "Ahmad Rahimi" in shown[0].report.toPlainText()  # on screen, for the officer
    logged = (log_dir() / "guardian-desk.log").read_text(encoding="utf-8")
    assert "builtins.ValueError" in logged
    assert "Ahmad" not in logged  # never in the log file
