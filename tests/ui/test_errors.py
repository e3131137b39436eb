"""Errors that reach the top: one clear line on screen, code locations in the log, never an
exception's own text (a database error's text carries names), and the app keeps running."""

from __future__ import annotations

import errno
import sqlite3
import sys
from typing import Any

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox
from sqlalchemy.exc import OperationalError

from guardian_desk.paths import log_dir
from tests.ui.signed import TEST_OFFICER
from ui.errors import ErrorDialog, ErrorHandler, setup_logging


def raised(exc: BaseException) -> tuple[Any, BaseException, Any]:
    try:
        raise exc
    except BaseException:
        return sys.exc_info()  # type: ignore[return-value]


def test_the_report_for_it_support_holds_locations_not_messages(qtbot) -> None:  # type: ignore[no-untyped-def]
    _, exc, _ = raised(RuntimeError("child Ahmad Rahimi"))
    dialog = ErrorDialog(exc)
    qtbot.addWidget(dialog)
    assert "unexpected problem (RuntimeError)" in dialog.message.text()
    assert "builtins.RuntimeError" in dialog.report
    assert "test_errors.py" in dialog.report
    dialog.copy_report()
    copied = QGuiApplication.clipboard().text()
    assert "builtins.RuntimeError" in copied
    assert "Ahmad" not in copied + dialog.message.text()


def test_unexpected_error_is_logged_without_its_message(qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    setup_logging()
    handler = ErrorHandler()
    shown = []
    monkeypatch.setattr(ErrorDialog, "exec", lambda self: shown.append(self) or 0)
    handler.excepthook(*raised(ValueError("child Ahmad Rahimi, AF")))
    qtbot.waitUntil(lambda: len(shown) == 1)
    assert "Ahmad" not in shown[0].message.text() + shown[0].report
    logged = (log_dir() / "guardian-desk.log").read_text(encoding="utf-8")
    assert "builtins.ValueError" in logged
    assert "Ahmad" not in logged  # never in the log file


@pytest.mark.parametrize(
    ("exc", "expected"),
    [
        (
            OperationalError(
                "INSERT INTO children (given_name) VALUES (?)",
                ("Ahmad Rahimi",),
                sqlite3.OperationalError("database or disk is full"),
            ),
            "is full",
        ),
        (OSError(errno.ENOSPC, "No space left on device", "/media/usb/children.csv"), "is full"),
        (PermissionError(errno.EACCES, "Permission denied", "/srv/out.csv"), "permission denied"),
    ],
)
def test_an_everyday_fault_is_one_line_without_a_report(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch, exc: BaseException, expected: str
) -> None:
    if isinstance(exc, OperationalError):
        exc.orig.sqlite_errorname = "SQLITE_FULL"  # type: ignore[union-attr]
    setup_logging()
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: warnings.append(args[2]))
    monkeypatch.setattr(ErrorDialog, "exec", lambda self: pytest.fail("no report for a fault"))
    handler = ErrorHandler()
    handler.excepthook(*raised(exc))
    qtbot.waitUntil(lambda: len(warnings) == 1)
    assert expected in warnings[0]
    assert "\n" not in warnings[0]
    assert "Ahmad" not in warnings[0]
    assert "INSERT" not in warnings[0]
    assert "Ahmad" not in (log_dir() / "guardian-desk.log").read_text(encoding="utf-8")


def test_a_background_failure_without_a_handler_logs_no_message(
    qtbot: Any, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before, the bridge logged the full exception text of such a task (a name included)."""
    from ui.bridge import CoreBridge

    setup_logging()
    handler = ErrorHandler()
    shown: list[ErrorDialog] = []
    monkeypatch.setattr(ErrorDialog, "exec", lambda self: shown.append(self) or 0)
    monkeypatch.setattr(sys, "excepthook", handler.excepthook)
    bridge = CoreBridge(db_url, TEST_OFFICER)

    def broken(_session: Any, _task: Any) -> None:
        raise KeyError("Ahmad Rahimi")

    with qtbot.capture_exceptions() as caught:
        bridge.run(broken)
        qtbot.waitUntil(lambda: bool(caught), timeout=10_000)
    bridge.shutdown()
    for _type, exc, tb in caught:
        handler.excepthook(_type, exc, tb)
    qtbot.waitUntil(lambda: len(shown) == 1)
    logged = (log_dir() / "guardian-desk.log").read_text(encoding="utf-8")
    assert "builtins.KeyError" in logged
    assert "Ahmad" not in logged
    assert "Ahmad" not in shown[0].message.text()
