"""The Help menu: the user guide (F1) and About Guardian Desk. Neither needs a database, so
they stay enabled whatever the window shows."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence

if TYPE_CHECKING:
    from ui.about_dialog import AboutDialog
    from ui.help_dialog import HelpDialog
    from ui.main_window import MainWindow


def install_help(window: MainWindow) -> list[QAction]:
    """Help ▸ User guide (F1), About Guardian Desk; returns the two actions."""
    menu = window.menuBar().addMenu(window.tr("&Help"))
    menu.setObjectName("help_menu")
    guide = QAction(window.tr("&User guide"), window)
    guide.setObjectName("help_guide_action")
    guide.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))
    guide.triggered.connect(lambda: open_guide(window))
    about = QAction(window.tr("&About Guardian Desk"), window)
    about.setObjectName("help_about_action")
    about.setMenuRole(QAction.MenuRole.AboutRole)
    about.triggered.connect(lambda: open_about(window))
    for action in (guide, about):
        window.addAction(action)  # F1 works wherever the focus is in the window
        menu.addAction(action)
    return [guide, about]


def open_guide(window: MainWindow) -> HelpDialog:
    """The guide, one window of it: raised when it is already open."""
    from ui.help_dialog import HelpDialog

    existing = window.findChild(HelpDialog, "help_guide")
    if existing is not None and existing.isVisible():
        existing.raise_()
        existing.activateWindow()
        return existing
    dialog = HelpDialog(window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog


def open_about(window: MainWindow) -> AboutDialog:
    from guardian_desk.db.urls import describe
    from ui.about_dialog import AboutDialog

    dialog = AboutDialog(describe(window.url), window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()  # window-modal, without a nested event loop
    return dialog
