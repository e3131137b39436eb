"""The Visits menu of the main window: plan visits, book a mediator, export calendars."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from ui.scheduling.common import tr

if TYPE_CHECKING:
    from ui.main_window import MainWindow


def install_scheduling(window: MainWindow) -> list[QAction]:
    """Add the Visits menu (plan, book a mediator, export calendars); returns its actions,
    which the window enables once a database is open."""
    menu = window.menuBar().addMenu(tr("&Visits"))
    actions: list[QAction] = [
        window.create_action(tr("&Plan visits…"), lambda: open_scheduling(window, "plan")),
        window.create_action(tr("&Book a mediator…"), lambda: open_scheduling(window, "mediator")),
        window.create_action(tr("&Export calendars…"), lambda: open_scheduling(window, "export")),
    ]
    for action in actions:
        menu.addAction(action)
    return actions


def open_scheduling(window: MainWindow, which: str) -> QWidget | None:
    """The window ``which`` ("plan", "mediator" or "export"), one of each kind at a time: a
    second call raises the open one. None while no database is open."""
    bridge = window.bridge
    if bridge is None:
        return None

    def make() -> QWidget:
        if which == "plan":
            from ui.scheduling.plan_dialog import PlanDialog

            return PlanDialog(bridge, window)
        if which == "mediator":
            from ui.scheduling.mediator_dialog import MediatorDialog

            return MediatorDialog(bridge, window)
        from ui.scheduling.export_dialog import ExportDialog

        return ExportDialog(bridge, window)

    return window.show_one(("scheduling", which), make)
