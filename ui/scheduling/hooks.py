"""The Visits menu of the main window: plan visits, book a mediator, export calendars."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import shiboken6
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
        window._action(tr("&Plan visits…"), lambda: _open(window, "plan")),
        window._action(tr("&Book a mediator…"), lambda: _open(window, "mediator")),
        window._action(tr("&Export calendars…"), lambda: _open(window, "export")),
    ]
    for action in actions:
        menu.addAction(action)
    return actions


def _open(window: MainWindow, which: str) -> QWidget | None:
    """One window of each kind at a time; a second call raises the open one."""
    if window.bridge is None:
        return None
    key = ("scheduling", which)
    existing: Any = window.dialogs.get(key)  # type: ignore[arg-type]
    if existing is not None and shiboken6.isValid(existing):
        existing.raise_()
        existing.activateWindow()
        return existing
    dialog: QWidget
    if which == "plan":
        from ui.scheduling.plan_dialog import PlanDialog

        dialog = PlanDialog(window.bridge, window)
    elif which == "mediator":
        from ui.scheduling.mediator_dialog import MediatorDialog

        dialog = MediatorDialog(window.bridge, window)
    else:
        from ui.scheduling.export_dialog import ExportDialog

        dialog = ExportDialog(window.bridge, window)
    window.dialogs[key] = dialog  # type: ignore[index]
    dialog.destroyed.connect(lambda *_: window.dialogs.pop(key, None))  # type: ignore[arg-type]
    dialog.show()
    return dialog
