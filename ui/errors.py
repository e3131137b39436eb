"""Errors that reach the top: one clear line on screen, code locations in the log.

Everyday faults (files, disks, locks, the database server) get a short warning naming what to
do (guardian_desk.faults.explain). A bug gets the same one line and a report for IT support
that holds only code locations and versions. Neither the screen nor the log ever shows an
exception's own text: a database error's text carries the statement's parameters.
"""

from __future__ import annotations

import logging
import platform
import sys
from logging.handlers import RotatingFileHandler
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from guardian_desk import __version__
from guardian_desk.faults import explain, install_crash_traces, redacted_traceback
from guardian_desk.paths import log_dir
from guardian_desk.private_files import make_private

log = logging.getLogger("guardian_desk.ui")


def setup_logging() -> str:
    path = log_dir() / "guardian-desk.log"
    handler = RotatingFileHandler(path, maxBytes=2_000_000, backupCount=5, encoding="utf-8")
    make_private(path)  # owner only (issue 11); rotated files keep the mode, new ones get the umask
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    install_crash_traces(log_dir())
    return str(path)


def full_report(exc: BaseException) -> str:
    """For IT support: versions and where it failed; no message, so no personal data."""
    return (
        f"Guardian Desk {__version__}, Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}\n\n"
        + redacted_traceback(type(exc), exc.__traceback__, exc)
    )


class ErrorDialog(QDialog):
    def __init__(self, exc: BaseException, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Something went wrong"))
        self.resize(560, 200)
        layout = QVBoxLayout(self)
        self.message = QLabel(explain(exc).message, wordWrap=True)
        layout.addWidget(self.message)
        layout.addWidget(
            QLabel(self.tr("“Copy report” copies where it failed, for your IT support."))
        )
        self.report = full_report(exc)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        copy = buttons.addButton(self.tr("Copy report"), QDialogButtonBox.ButtonRole.ActionRole)
        copy.clicked.connect(self.copy_report)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def copy_report(self) -> None:
        QGuiApplication.clipboard().setText(self.report)


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
        if issubclass(exc_type, KeyboardInterrupt):
            QCoreApplication.quit()
            return
        if not explain(exc).expected:
            log.error("unexpected error:\n%s", redacted_traceback(exc_type, tb, exc))
        self.raised.emit(exc)

    def _show(self, exc: BaseException) -> None:
        self.shown += 1
        fault = explain(exc)
        if fault.expected:  # a file, a disk, a lock: say what to do, no report needed
            QMessageBox.warning(QApplication.activeWindow(), self.tr("Not done"), fault.message)
            return
        ErrorDialog(exc, QApplication.activeWindow()).exec()
