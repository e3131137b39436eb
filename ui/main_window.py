"""The main window: a sidebar of sections, the pages, and the way records open.

It opens the database off the GUI thread; an empty database shows the welcome page.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QSettings, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QWidget,
)
from shiboken6 import isValid

from guardian_desk.db.urls import describe, resolve_url
from guardian_desk.domain.errors import GuardianDeskError
from guardian_desk.faults import explain
from ui import core_calls, start_collections
from ui.accounts.accounts_dialog import role_name
from ui.accounts.gate import AccountGate
from ui.accounts.menu import install_accounts
from ui.bridge import CoreBridge
from ui.home_page import HomePage
from ui.office_locale import office_locale
from ui.pages import OpeningPage, RefusedPage, WelcomePage
from ui.papers.hooks import install_papers
from ui.registry.page import RegistryPage, section_title
from ui.scheduling.hooks import install_scheduling
from ui.screen_fit import resize_to_fit
from ui.warm_up import load_formats_beside

if TYPE_CHECKING:
    from guardian_desk.security.roles import SignedIn
    from ui.scheduling.visits_page import VisitsPage

log = logging.getLogger(__name__)

# What a menu action's shortcut may be given as (QKeySequence takes each of them).
Shortcut = QKeySequence | QKeySequence.StandardKey | str
# The windows the main window keeps, one per key: a record's (kind, id), or a tool's (name, None).
DialogKey = tuple[str, int | str | None]

SECTIONS = ("home", "children", "guardians", "mediators", "facilities", "visits")
FORM_KINDS = ("children", "guardians", "mediators", "facilities")


class MainWindow(QMainWindow):
    # The interface language changed: the app builds the window again (ui/app.py Launcher).
    reopen_requested = Signal()

    def __init__(
        self, url: str, account: SignedIn | None = None, parent: QWidget | None = None
    ) -> None:
        """``account``: already signed in (tests, tools); the app itself passes none and
        the gate asks who is signing in."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("Guardian Desk"))
        resize_to_fit(self, 1280, 800)
        self.account = account
        self.idle_lock_minutes = 10  # the office's setting, read when the database opens
        self.bridge: CoreBridge | None = None
        self.registries: dict[str, RegistryPage | VisitsPage] = {}
        self.dialogs: dict[DialogKey, QWidget] = {}
        self._quit_requested_at = 0.0
        self.sidebar = QListWidget()
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setFixedWidth(190)
        self.sidebar.setIconSize(QSize(0, 0))
        for section in SECTIONS:
            item = QListWidgetItem(self.tr("Home") if section == "home" else section_title(section))
            item.setData(Qt.ItemDataRole.UserRole, section)
            item.setSizeHint(QSize(170, 38))
            self.sidebar.addItem(item)
        self.sidebar.currentRowChanged.connect(self._section_chosen)
        self.stack = QStackedWidget()
        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.sidebar)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.opening = OpeningPage()
        self.refused = RefusedPage()
        self.welcome = WelcomePage()
        self.home = HomePage()
        for page in (self.opening, self.refused, self.welcome, self.home):
            self.stack.addWidget(page)
        self.refused.open_other.connect(self.choose_database)
        self.welcome.load_demo.connect(self.load_demo)
        self.welcome.import_csv.connect(self.import_csv)
        self.welcome.start_empty.connect(lambda: self.show_section("home"))
        self.home.open_record.connect(self.open_record)
        self.database_label = QLabel()
        self.officer_label = QLabel()
        self.busy_label = QLabel(self.tr("Working…"))
        self.busy_label.hide()
        # The day's backup: a label of its own (the database label's stretch leaves a
        # temporary status message no room to show).
        self.backup_label = QLabel()
        self.backup_label.setObjectName("backup_status")
        self.backup_label.hide()
        self.statusBar().addPermanentWidget(self.busy_label)
        self.statusBar().addPermanentWidget(self.backup_label)
        self.statusBar().addPermanentWidget(self.database_label, 1)
        self.statusBar().addPermanentWidget(self.officer_label)
        self.gate = AccountGate(self)
        self._build_menu()
        self._restore_geometry()
        self._show_account()
        self.open_database(url)

    # --- menus and shortcuts -------------------------------------------------------------------

    def create_action(
        self, text: str, slot: Callable[[], object], shortcut: Shortcut | None = None
    ) -> QAction:
        """A window-wide action (its shortcut works wherever the focus is in the window), for
        this window's menus and for the menus other modules install (ui/*/menu.py, hooks.py)."""
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_menu(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        file_menu.addAction(
            self.create_action(
                self.tr("&Open database…"), self.choose_database, QKeySequence.StandardKey.Open
            )
        )
        self.import_action = self.create_action(self.tr("&Import from CSV…"), self.import_csv)
        file_menu.addAction(self.import_action)
        self.export_action = self.create_action(self.tr("&Export to CSV…"), self.export_csv)
        file_menu.addAction(self.export_action)
        file_menu.addSeparator()
        self.settings_action = self.create_action(
            self.tr("&Settings…"), self.edit_settings, QKeySequence.StandardKey.Preferences
        )
        file_menu.addAction(self.settings_action)
        file_menu.addSeparator()
        self.account_actions = install_accounts(self, file_menu)
        self.gate_lock_action = self.account_actions[0]
        file_menu.addSeparator()
        file_menu.addAction(
            self.create_action(self.tr("&Quit"), self.close, QKeySequence.StandardKey.Quit)
        )
        records = self.menuBar().addMenu(self.tr("&Records"))
        self.new_action = self.create_action(
            self.tr("&New record"), self.new_in_section, QKeySequence.StandardKey.New
        )
        self.find_action = self.create_action(
            self.tr("&Find"), self.find_in_section, QKeySequence.StandardKey.Find
        )
        self.refresh_action = self.create_action(
            self.tr("&Refresh"), self.refresh, QKeySequence(Qt.Key.Key_F5)
        )
        for action in (self.new_action, self.find_action, self.refresh_action):
            records.addAction(action)
        records.addSeparator()
        self.match_all_action = self.create_action(
            self.tr("&Match all waiting children…"), self.match_all
        )
        records.addAction(self.match_all_action)
        from ui.registry.duplicates_menu import install_duplicates

        duplicates_actions = install_duplicates(self, records)
        match_all = QPushButton(self.match_all_action.text().replace("&", ""))
        match_all.clicked.connect(self.match_all)
        row = QHBoxLayout()
        row.addWidget(match_all)
        row.addStretch()
        self.home.waiting.extra.addLayout(row)
        self.ready_actions: list[QAction] = []  # enabled once a database is open
        self.ready_actions += duplicates_actions
        self.ready_actions += install_scheduling(self)
        self.ready_actions += install_papers(self).actions()
        from ui.protection.menu import install_protection

        self.ready_actions += install_protection(self)
        from ui.help_menu import install_help

        self.help_actions = install_help(self)  # the guide and About need no database
        self._set_ready(False)

    def _set_ready(self, ready: bool) -> None:
        for action in (
            self.import_action,
            self.settings_action,
            self.new_action,
            self.find_action,
            self.refresh_action,
            self.match_all_action,
            *self.ready_actions,
        ):
            action.setEnabled(ready)
        self.sidebar.setVisible(ready)

    # --- database ------------------------------------------------------------------------------

    def open_database(self, url: str) -> None:
        if self.bridge is not None:
            self.bridge.shutdown()
            self.bridge.deleteLater()
        for page in self.registries.values():
            self.stack.removeWidget(page)
            page.deleteLater()
        self.registries.clear()
        self.url = url
        self.bridge = CoreBridge(url, self.account, self)
        self.bridge.data_changed.connect(self.refresh)
        self.bridge.busy_changed.connect(self.busy_label.setVisible)
        self.database_label.setText(self.tr("Database: {0}").format(describe(url)))
        self.stack.setCurrentWidget(self.opening)
        self._set_ready(False)
        load_formats_beside()
        self.bridge.connect_ahead()
        bridge = self.bridge
        self.bridge.call(
            lambda task: core_calls.open_database(url, bridge.engine),
            on_success=self._database_ready,
            on_failure=self._open_failed,
        )

    def _database_ready(self, status: object) -> None:
        if status == "encrypted":  # its key comes from the account's slot at sign-in
            self.gate.begin(encrypted=True)
        elif self.account is not None:
            self._opened()
        else:
            self.gate.begin()

    def _opened(self) -> None:
        assert self.bridge is not None
        for kind in SECTIONS[1:]:
            registry = RegistryPage(self.bridge, kind)
            registry.open_record.connect(self.open_record)
            registry.new_record.connect(lambda kind: self.open_record(kind, None))
            # The visits' list becomes a tab of the week view when Visits is first opened
            # (_visits_page): its module and the calendars' take 0.1-0.2 s to import, on
            # the way to the officer's first screen otherwise.
            self.registries[kind] = registry
            self.stack.addWidget(registry)
        self.bridge.run(core_calls.overview, on_success=self._first_look)
        # The children's registry, the one officers open first, is read ahead on the reader
        # while the worker looks at the office: its first page is ready, or on its way, when
        # the officer opens it (a change meanwhile marks it stale, read again when shown).
        self.registries["children"].reload()

    def _visits_page(self) -> VisitsPage:
        """The week view and agenda, with the list of visits as a tab (made on first use)."""
        page = self.registries["visits"]
        if isinstance(page, RegistryPage):
            from ui.scheduling.visits_page import VisitsPage  # the core: not at startup

            assert self.bridge is not None
            self.stack.removeWidget(page)
            page = VisitsPage(self.bridge, page)
            self.registries["visits"] = page
            self.stack.addWidget(page)
        return page

    def _first_look(self, result: dict[str, Any]) -> None:
        self._apply_office(result)
        if result["empty"]:
            self.stack.setCurrentWidget(self.welcome)
        else:
            self.show_section("home")
            # Queued behind the home page's calls: the day's backup starts once it is filled.
            assert self.bridge is not None
            self.bridge.call(lambda _task: None, on_success=lambda _r: self._daily_backup())

    def _daily_backup(self) -> None:
        """Today's backup of a SQLite database, beside the officer's work (issue 16)."""
        # The first screen is filled: the start's objects are frozen out of the collector's
        # passes, and the collector held off at start runs again (ui/start_collections.py).
        start_collections.release()
        bridge = self.bridge
        if bridge is None or not isValid(bridge) or not self.isVisible():
            return  # closed meanwhile: the next start takes it
        url, key = bridge.url, bridge.key
        bridge.beside(
            lambda: core_calls.daily_backup(url, key),
            on_success=self._backup_taken,
            on_failure=self._backup_failed,
        )

    def _backup_taken(self, name: object) -> None:
        if name:
            self.backup_label.setStyleSheet("")
            self.backup_label.setText(self.tr("Today's backup is saved."))
            self.backup_label.show()
            QTimer.singleShot(10_000, self.backup_label.hide)

    def _backup_failed(self, error: BaseException) -> None:
        fault = explain(error, database=describe(self.url))
        log.warning("the daily backup failed (%s)", type(error).__name__)
        # Stays on the status bar: the officer's work goes on, the office must know.
        self.backup_label.setStyleSheet("color: #b00020; font-weight: bold;")
        self.backup_label.setText(
            self.tr("Today's backup could not be written: {0}").format(fault.message)
        )
        self.backup_label.show()

    def _apply_office(self, result: dict[str, Any]) -> None:
        self.idle_lock_minutes = int(result.get("idle_lock_minutes") or 10)
        if self.gate.idle.isActive():
            self.gate.start_idle_watch(self.idle_lock_minutes)
        locale = office_locale(str(result.get("country") or "AL"))
        for page in self.registries.values():
            page.model.set_locale(locale)
        organisation = str(result.get("organisation") or "")
        title = self.tr("{0} — Guardian Desk").format(organisation) if organisation else ""
        self.setWindowTitle(title or self.tr("Guardian Desk"))

    def _open_failed(self, error: BaseException) -> None:
        fault = explain(error, database=describe(self.url))
        if isinstance(error, GuardianDeskError):
            self.refused.show_message(fault.message)
        else:
            self.refused.show_message(
                self.tr("The database could not be opened: {0}").format(fault.message)
            )
        self.stack.setCurrentWidget(self.refused)
        if not fault.expected:
            raise error

    def choose_database(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Open or create a database"),
            "",
            self.tr("Guardian Desk databases (*.sqlite3 *.db);;All files (*)"),
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        if chosen:
            self.open_database(resolve_url(chosen))

    # --- sections ------------------------------------------------------------------------------

    def show_section(self, section: str) -> None:
        self._set_ready(True)
        row = SECTIONS.index(section)
        if self.sidebar.currentRow() != row:
            self.sidebar.setCurrentRow(row)  # calls _section_chosen
        else:
            self._section_chosen(row)

    def _section_chosen(self, row: int) -> None:
        if row < 0:
            return
        section = SECTIONS[row]
        if section == "home":
            self.stack.setCurrentWidget(self.home)
            self.load_home()
        elif section == "visits" and section in self.registries:
            self.stack.setCurrentWidget(self._visits_page())
        elif section in self.registries:
            self.stack.setCurrentWidget(self.registries[section])

    def current_section(self) -> str | None:
        widget = self.stack.currentWidget()
        if widget is self.home:
            return "home"
        for kind, page in self.registries.items():
            if page is widget:
                return kind
        return None

    def load_home(self) -> None:
        if self.bridge is not None:
            self.bridge.run(core_calls.home_summary, on_success=self._home_lists)

    def _home_lists(self, summary: Any) -> None:
        self.home.show_summary(summary)
        # Counted after the lists, which show without waiting for them (20,000 children),
        # and only while the home page is shown: an officer who went on to a registry does
        # not wait behind them (they are counted again when the home page is next shown).
        bridge = self.bridge
        if (
            bridge is not None
            and isValid(bridge)  # the window closed while the lists were on their way
            and self.isVisible()
            and self.stack.currentWidget() is self.home
        ):
            bridge.run(core_calls.warning_counts, on_success=self.home.show_warning_counts)

    def refresh(self) -> None:
        """Data changed (or F5): reload what is shown; other pages reload when next shown."""
        if self.account is None:  # signed out meanwhile: nothing of the office to show
            return
        for page in self.registries.values():
            page.mark_stale()
        if self.stack.currentWidget() is self.home:
            self.load_home()
        if self.bridge is not None:
            self.bridge.run(core_calls.overview, on_success=self._apply_office)

    def new_in_section(self) -> None:
        section = self.current_section()
        self.open_record(section if section in FORM_KINDS else "children", None)

    def find_in_section(self) -> None:
        section = self.current_section()
        if section not in self.registries:
            self.show_section("children")
            section = "children"
        self.registries[section].focus_search()

    # --- records -------------------------------------------------------------------------------

    def open_record(self, kind: str, record_id: int | None) -> None:
        if kind == "visits" and record_id is not None:
            assert self.bridge is not None
            visit = record_id
            self.bridge.run(
                lambda session, task: core_calls.child_of_visit(session, visit),
                on_success=self._open_child_of_visit,
            )
            return
        if kind not in FORM_KINDS or self.bridge is None:
            return
        key = (kind, record_id)
        existing = self.dialogs.get(key)
        if existing is not None:
            existing.raise_()
            existing.activateWindow()
            return
        from ui.forms import RecordDialog

        dialog = RecordDialog(self.bridge, kind, record_id, self)
        self.dialogs[key] = dialog
        dialog.saved.connect(lambda kind, saved_id, d=dialog: self._refile(d, kind, saved_id))
        dialog.destroyed.connect(lambda *_, d=dialog: self.forget(d))
        dialog.show()

    def _refile(self, dialog: QWidget, kind: str, record_id: int) -> None:
        """A new record's window becomes that record's window once saved."""
        for key, value in list(self.dialogs.items()):
            if value is dialog:
                del self.dialogs[key]
        self.dialogs[(kind, record_id)] = dialog

    def forget(self, dialog: QWidget) -> None:
        """Drop a closed window from those this window keeps (connected to its ``destroyed``)."""
        for key, value in list(self.dialogs.items()):
            if value is dialog:
                del self.dialogs[key]
        if self._quit_requested_at and time.monotonic() - self._quit_requested_at < 30:
            QTimer.singleShot(0, self.close)  # the record saved on the way out; go on quitting

    def show_one(self, key: DialogKey, make: Callable[[], QWidget]) -> QWidget:
        """The window filed under ``key``: raised if it is open, else made by ``make`` and shown.

        It is filed with the record windows, so that locking hides it, signing out closes it
        and quitting closes it first."""
        existing = self.dialogs.get(key)
        if existing is not None and isValid(existing):
            existing.raise_()
            existing.activateWindow()
            return existing
        dialog = make()
        self.dialogs[key] = dialog
        dialog.destroyed.connect(lambda *_, d=dialog: self.forget(d))
        dialog.show()
        return dialog

    def _open_child_of_visit(self, child_id: int | None) -> None:
        if child_id is not None:
            self.open_record("children", child_id)

    def edit_settings(self) -> None:
        assert self.bridge is not None
        from ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.bridge, self, restart=self.reopen_requested.emit)
        dialog.saved.connect(self._settings_saved)
        dialog.exec()

    def _settings_saved(self) -> None:
        self.refresh()

    def change_language(self, code: str) -> None:
        from ui.interface_language import switch_language

        switch_language(code)
        self.reopen_requested.emit()

    # --- who is signed in ----------------------------------------------------------------------

    def _show_account(self) -> None:
        account = self.account
        self.officer_label.setText(
            self.tr("Signed in: {0} ({1})").format(account.full_name, role_name(account.role))
            if account is not None
            else self.tr("Not signed in")
        )
        for action in self.account_actions:
            action.setEnabled(account is not None)

    def signed_in(self, account: SignedIn) -> None:
        self.account = account
        assert self.bridge is not None
        self.bridge.set_account(account)
        # After the worker has let the signed-out engine go (set_account), not before it.
        self.bridge.call(lambda _task: None, on_success=lambda _r: self._connect_ahead())
        self._show_account()
        self._opened()

    def _connect_ahead(self) -> None:
        if self.bridge is not None and isValid(self.bridge):
            self.bridge.connect_ahead()

    def signed_out(self) -> None:
        """Back to the sign-in page; nothing of the office stays on screen or in memory."""
        for dialog in list(self.dialogs.values()):
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.hide()
            dialog.deleteLater()
        self.dialogs.clear()
        for page in self.registries.values():
            self.stack.removeWidget(page)
            page.deleteLater()
        self.registries.clear()
        self.account = None
        self._set_ready(False)
        self._show_account()
        if self.bridge is not None:
            self.bridge.set_account(None, key=None)  # an encrypted database's key is dropped
        self.gate.begin(encrypted=self.gate.encrypted)

    def set_locked(self, locked: bool) -> None:
        """While locked, no menu, shortcut or section reaches the office."""
        self.menuBar().setEnabled(not locked)
        for action in self.actions():
            if action is not self.gate_lock_action:
                action.setEnabled(not locked)
        if not locked:
            self._set_ready(True)
            self._show_account()
        else:
            self.sidebar.setVisible(False)

    def match_all(self) -> None:
        """The bulk plan for every waiting child, to review and accept (one window at a time)."""
        bridge = self.bridge
        if bridge is None:
            return
        from ui.matching.bulk_dialog import BulkDialog

        self.show_one(("bulk", None), lambda: BulkDialog(bridge, self))

    # --- first start ---------------------------------------------------------------------------

    def load_demo(self) -> None:
        from ui.demo_loading import load_demo

        load_demo(self)

    def import_csv(self) -> None:
        assert self.bridge is not None
        from ui.import_dialog import ImportDialog

        dialog = ImportDialog(self.bridge, self)
        dialog.exec()
        if dialog.imported_rows and self.stack.currentWidget() is self.welcome:
            self.show_section("home")

    def export_csv(self) -> None:
        assert self.bridge is not None
        from ui.export_dialog import ExportDialog

        ExportDialog(self.bridge, self).exec()

    # --- window state --------------------------------------------------------------------------

    def _restore_geometry(self) -> None:
        settings = QSettings()
        geometry = settings.value("main_window/geometry", QByteArray(), type=QByteArray)
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        state = settings.value("main_window/state", QByteArray(), type=QByteArray)
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.restoreState(state)

    def closeEvent(self, event: QCloseEvent) -> None:
        for dialog in list(self.dialogs.values()):
            if not dialog.close():  # kept open (Cancel) or saving first (then it closes itself)
                self._quit_requested_at = time.monotonic()
                event.ignore()
                return
        QSettings().setValue("main_window/geometry", self.saveGeometry())
        QSettings().setValue("main_window/state", self.saveState())
        if self.bridge is not None:
            account = self.account
            if account is not None and self.registries:  # the trail shows the session's end
                from ui.accounts import calls

                self.bridge.run(
                    lambda session, _task: calls.sign_out(session, account, via="app closed"),
                    writes=True,
                    anonymous=True,
                    on_failure=lambda _error: None,  # closing anyway; nothing to tell
                )
            self.bridge.shutdown()
        super().closeEvent(event)
