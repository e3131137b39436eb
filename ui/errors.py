"""Unexpected errors: a dialog with a copyable report, a log file, and the app keeps running.

The log never carries personal data: only the exception type, the traceback's code locations
and the app's own messages. Exception messages may quote user data, so they stay on screen.
"""

from __future__ import annotations

import logging
import platform
import sys
import traceback
from logging.handlers import RotatingFileHandler
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from guardian_desk import __version__
from guardian_desk.paths import log_dir

log = logging.getLogger("guardian_desk.ui")


def setup_logging() -> str:
    path = log_dir() / "guardian-desk.log"
    handler = RotatingFileHandler(path, maxBytes=2_000_000, backupCount=5, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    return str(path)


def redacted_traceback(exc_type: type[BaseException], tb: TracebackType | None) -> str:
    """Where it failed: file, line and function only; messages and source may hold names."""
    frames = "".join(
        f"  {frame.filename}:{frame.lineno} in {frame.name}\n" for frame in traceback.extract_tb(tb)
    )
    return f"{frames}{exc_type.__module__}.{exc_type.__qualname__}"


def full_report(exc: BaseException) -> str:
    return (
        f"Guardian Desk {__version__}, Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}\n\n" + "".join(traceback.format_exception(exc))
    )


class ErrorDialog(QDialog):
    def __init__(self, exc: BaseException, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Something went wrong"))
        self.resize(640, 400)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                self.tr(
                    "Guardian Desk hit an unexpected problem. Your saved records are safe; "
                    "the action "
                    "you were doing may not have finished. Copy this report for your IT support."
                ),
                wordWrap=True,
            )
        )
        self.report = QPlainTextEdit(full_report(exc), readOnly=True)
        layout.addWidget(self.report)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        copy = buttons.addButton(self.tr("Copy report"), QDialogButtonBox.ButtonRole.ActionRole)
        copy.clicked.connect(self.copy_report)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def copy_report(self) -> None:
        QGuiApplication.clipboard().setText(self.report.toPlainText())


class ErrorHandler(QObject):
    """Installed as sys.excepthook; shows the dialog on the GUI thread, whichever thread failed."""

    raised = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.raised.connect(self._show)
        self.shown = 0

    def install(self) -> None:
        sys.excepthook = self.excepthook

    def excepthook(
        self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        log.error("unexpected error:\n%s", redacted_traceback(exc_type, tb))
        if issubclass(exc_type, KeyboardInterrupt):
            QCoreApplication.quit()
            return
        self.raised.emit(exc)

    def _show(self, exc: BaseException) -> None:
        self.shown += 1
        ErrorDialog(exc, QApplication.activeWindow()).exec()
