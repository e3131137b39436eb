"""Starting the desktop app: `guardian-desk-gui [--db URL]` or `python main.py`."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from guardian_desk import __version__
from guardian_desk.db.urls import resolve_url
from ui.errors import ErrorHandler, setup_logging


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="guardian-desk-gui")
    parser.add_argument("--db", metavar="URL", help="database URL or SQLite file")
    args, qt_args = parser.parse_known_args(argv if argv is not None else sys.argv[1:])
    QCoreApplication.setOrganizationName("GuardianDesk")
    QCoreApplication.setApplicationName("Guardian Desk")
    QCoreApplication.setApplicationVersion(__version__)
    from guardian_desk.private_files import keep_private

    keep_private()  # the database, backups, exports, papers and logs: owner-only
    app = QApplication([sys.argv[0], *qt_args])
    setup_logging()
    from ui.fonts import install_fonts

    install_fonts()
    handler = ErrorHandler(app)
    handler.install()
    from ui.main_window import MainWindow

    window = MainWindow(resolve_url(args.db))  # the window asks who is signing in
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
