"""Starting the desktop app: `guardian-desk-gui [--db URL]` or `python main.py`."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QApplication

from guardian_desk import __version__
from guardian_desk.db.urls import resolve_url
from ui.errors import ErrorHandler, setup_logging

if TYPE_CHECKING:
    from ui.main_window import MainWindow


def main(argv: Sequence[str] | None = None) -> int:
    from ui import start_collections

    start_collections.hold()  # until the first screen is filled
    parser = argparse.ArgumentParser(prog="guardian-desk-gui")
    parser.add_argument("--db", metavar="URL", help="database URL or SQLite file")
    parser.add_argument(
        "--language", metavar="CODE", help="interface language: en, sq, sr, sr-Latn or mk"
    )
    parser.add_argument(
        "--self-test",
        metavar="FOLDER",
        nargs="?",
        const="",
        help="check this installation in a scratch folder (a new one if none is given), then exit",
    )
    args, qt_args = parser.parse_known_args(argv if argv is not None else sys.argv[1:])
    scratch = None
    if args.self_test is not None:
        from guardian_desk.domain.errors import GuardianDeskError
        from guardian_desk.faults import report_to_stderr

        try:
            scratch = _scratch_home(args.self_test)
        except (OSError, GuardianDeskError) as refused:  # one line, before any window
            return report_to_stderr(refused)
    QCoreApplication.setOrganizationName("GuardianDesk")
    QCoreApplication.setApplicationName("Guardian Desk")
    QCoreApplication.setApplicationVersion(__version__)
    from guardian_desk.private_files import keep_private

    keep_private()  # the database, backups, exports, papers and logs: owner-only
    app = QApplication([sys.argv[0], *qt_args])
    from ui.app_icon import apply_identity

    apply_identity(app)  # the windows' and the taskbar's icon, the desktop entry's id
    setup_logging()
    from ui.translation import start_language

    start_language(args.language or os.environ.get("GUARDIAN_DESK_LANGUAGE"))
    from ui.fonts import install_fonts

    install_fonts()
    if scratch is not None:  # no dialogs: it ends on its own, whatever happens
        from ui.self_test import run_self_test

        start_collections.release()  # the check runs with the collector as it always is
        return run_self_test(app, scratch)
    handler = ErrorHandler(app)
    handler.install()
    launcher = Launcher(resolve_url(args.db))
    launcher.open()
    return app.exec()


def _scratch_home(folder: str) -> Path:
    """The self-test's own data folder and settings, before anything reads the officer's.
    Only a new or empty folder: the check writes a database, backups and logs there."""
    from PySide6.QtCore import QSettings

    from guardian_desk.domain.errors import ValidationError
    from guardian_desk.i18n import _
    from guardian_desk.paths import make_folder

    home = Path(folder) if folder else Path(tempfile.mkdtemp(prefix="guardian-desk-self-test-"))
    if any(make_folder(home).iterdir()):  # never beside the office's own data or backups
        raise ValidationError(
            "--self-test", folder, _("is not empty: give a new or empty folder for the check")
        )
    os.environ["GUARDIAN_DESK_HOME"] = str(home)
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(home / "settings"))
    return home


class Launcher(QObject):
    """Opens the main window, and opens it again in another interface language."""

    def __init__(self, url: str) -> None:
        super().__init__()
        self.url = url
        self.window: MainWindow | None = None

    def open(self) -> MainWindow:
        from ui.main_window import MainWindow

        window = MainWindow(self.url)  # the window asks who is signing in
        window.reopen_requested.connect(self.reopen)
        window.show()
        self.window = window
        return window

    def reopen(self) -> None:
        """Close the window (its open records ask about unsaved changes first) and build it
        again; the officer signs in again, in the new language."""
        old, app = self.window, QApplication.instance()
        assert old is not None and isinstance(app, QApplication)
        app.setQuitOnLastWindowClosed(False)
        try:
            closed = old.close()
        finally:
            app.setQuitOnLastWindowClosed(True)
        if closed:
            old.deleteLater()
            from ui.translation import apply_language, saved_language

            apply_language(saved_language() or "en")  # what Settings or the sign-in page chose
            self.open()


if __name__ == "__main__":
    sys.exit(main())
