"""Records ▸ Possible duplicates…: the menu entry, which loads the list (and the duplicate
check with it) only when chosen; the main window's start does not pay for it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QAction

if TYPE_CHECKING:
    from ui.main_window import MainWindow


def install_duplicates(window: MainWindow, menu: Any) -> list[QAction]:
    """Records ▸ Possible duplicates…; returns the action (enabled once a database is open)."""

    def chosen() -> None:
        from ui.registry.duplicates_dialog import open_duplicates

        open_duplicates(window)

    action = window.create_action(window.tr("Possible &duplicates…"), chosen)
    menu.addAction(action)
    return [action]
