"""The real main window: the Visits menu and the week view section."""

from __future__ import annotations

from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot

from tests.ui.scheduling.conftest import SmallOffice
from tests.ui.signed import TEST_OFFICER
from ui.main_window import MainWindow
from ui.scheduling.hooks import open_scheduling
from ui.scheduling.plan_dialog import PlanDialog
from ui.scheduling.visits_page import VisitsPage


def test_menu_and_visits_section(qtbot: QtBot, db_url: str, office: SmallOffice) -> None:
    window = MainWindow(db_url, TEST_OFFICER)
    qtbot.addWidget(window)
    menus = [a.text() for a in window.menuBar().actions()]
    assert "&Visits" in menus
    (visits_menu,) = [a.menu() for a in window.menuBar().actions() if a.text() == "&Visits"]
    assert isinstance(visits_menu, QMenu)
    actions = visits_menu.actions()
    assert [a.text() for a in actions] == [
        "&Plan visits…",
        "&Book a mediator…",
        "&Export calendars…",
    ]
    assert not any(a.isEnabled() for a in actions)
    window.show()
    try:
        qtbot.waitUntil(lambda: window.stack.currentWidget() is window.home, timeout=20_000)
        assert all(a.isEnabled() for a in actions)
        window.show_section("visits")  # the week view is made when first opened
        page = window.registries["visits"]
        assert isinstance(page, VisitsPage)
        assert window.stack.currentWidget() is page
        assert window.current_section() == "visits"
        qtbot.waitUntil(lambda: page.week is not None, timeout=20_000)
        window.find_in_section()  # the registry of all visits is still there, as a tab
        assert page.tabs.currentWidget() is page.registry
        actions[0].trigger()
        dialog = window.dialogs[("scheduling", "plan")]
        assert isinstance(dialog, PlanDialog) and dialog.isVisible()
        assert open_scheduling(window, "plan") is dialog  # one at a time
        dialog.close()
        window.refresh()  # data changed: the page reloads without complaint
        qtbot.waitUntil(lambda: not window.busy_label.isVisible(), timeout=20_000)
    finally:
        assert window.bridge is not None
        window.bridge.shutdown()
