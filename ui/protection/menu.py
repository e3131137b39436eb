"""The Protection menu: each entry loads its window only when chosen (the main window's start
does not pay for the screening catalogue, the charts or the cryptography)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction

if TYPE_CHECKING:
    from ui.main_window import MainWindow


def install_protection(window: MainWindow) -> list[QAction]:
    """Protection ▸ Early warnings…, Import a case bundle…, Coordinator's figures…; returns
    the actions (enabled once a database is open)."""
    menu = window.menuBar().addMenu(window.tr("&Protection"))

    def warnings() -> None:
        from ui.protection.warnings_window import open_warnings

        open_warnings(window)

    def import_bundle() -> None:
        from ui.protection.transfer_import import open_import

        open_import(window)

    def figures() -> None:
        from ui.protection.dashboard import open_dashboard

        open_dashboard(window)

    actions = [
        window.create_action(window.tr("&Early warnings…"), warnings),
        window.create_action(window.tr("&Import a case bundle…"), import_bundle),
        window.create_action(window.tr("Coordinator's &figures…"), figures),
    ]
    for action in actions:
        menu.addAction(action)
    return actions
