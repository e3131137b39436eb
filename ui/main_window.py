"""The main window: opens the database off the GUI thread, then shows welcome or overview."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QByteArray, QSettings, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressDialog,
    QStackedWidget,
    QWidget,
)

from guardian_desk.db.engine import describe, resolve_url
from guardian_desk.db.migrate import prepare_database
from guardian_desk.domain.errors import DatabaseRefused, GuardianDeskError
from guardian_desk.paths import backup_dir
from guardian_desk.services.overview import overview
from ui.bridge import CoreBridge, Task
from ui.import_dialog import ImportDialog
from ui.pages import OpeningPage, OverviewPage, RefusedPage, WelcomePage


class MainWindow(QMainWindow):
    def __init__(self, url: str, officer: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Guardian Desk"))
        self.resize(1100, 720)
        self.officer = officer
        self.bridge: CoreBridge | None = None
        self.stack = QStackedWidget()
        self.setCentralWidget(self.stack)
        self.opening = OpeningPage()
        self.refused = RefusedPage()
        self.welcome = WelcomePage()
        self.overview = OverviewPage()
        for page in (self.opening, self.refused, self.welcome, self.overview):
            self.stack.addWidget(page)
        self.refused.open_other.connect(self.choose_database)
        self.welcome.load_demo.connect(self.load_demo)
        self.welcome.import_csv.connect(self.import_csv)
        self.welcome.start_empty.connect(lambda: self.stack.setCurrentWidget(self.overview))
        self.database_label = QLabel()
        self.officer_label = QLabel(self.tr("Officer: {0}").format(officer))
        self.statusBar().addPermanentWidget(self.database_label, 1)
        self.statusBar().addPermanentWidget(self.officer_label)
        self._build_menu()
        self._restore_geometry()
        self.open_database(url)

    def _build_menu(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        open_action = QAction(self.tr("&Open database…"), self)
        open_action.setShortcut(QKeySequence.StandardKey.Open)
        open_action.triggered.connect(self.choose_database)
        import_action = QAction(self.tr("&Import from CSV…"), self)
        import_action.triggered.connect(self.import_csv)
        refresh = QAction(self.tr("&Refresh"), self)
        refresh.setShortcut(QKeySequence(Qt.Key.Key_F5))
        refresh.triggered.connect(self.refresh)
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        for action in (open_action, import_action, refresh, quit_action):
            file_menu.addAction(action)
        self.import_action = import_action

    # --- database ------------------------------------------------------------------------------

    def open_database(self, url: str) -> None:
        if self.bridge is not None:
            self.bridge.shutdown()
            self.bridge.deleteLater()
        self.url = url
        self.bridge = CoreBridge(url, self.officer, self)
        self.bridge.data_changed.connect(self.refresh)
        self.database_label.setText(self.tr("Database: {0}").format(describe(url)))
        self.stack.setCurrentWidget(self.opening)
        self.import_action.setEnabled(False)
        self.bridge.call(
            lambda task: prepare_database(url, backup_folder=backup_dir(), daily_backup=True),
            on_success=lambda _status: self.refresh(first=True),
            on_failure=self._open_failed,
        )

    def _open_failed(self, error: BaseException) -> None:
        if isinstance(error, GuardianDeskError):
            self.refused.show_message(str(error))
            self.stack.setCurrentWidget(self.refused)
            return
        self.refused.show_message(
            self.tr("The database could not be opened: {0}").format(
                str(error) or type(error).__name__
            )
        )
        self.stack.setCurrentWidget(self.refused)
        if not isinstance(error, DatabaseRefused | OSError):
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

    def refresh(self, first: bool = False) -> None:
        assert self.bridge is not None
        self.bridge.run(
            lambda session, task: overview(session),
            on_success=lambda result: self._show_overview(result, first),
        )

    def _show_overview(self, result: dict[str, Any], first: bool) -> None:
        self.import_action.setEnabled(True)
        self.overview.show_figures(result["figures"], result["organisation"])
        if first and result["empty"]:
            self.stack.setCurrentWidget(self.welcome)
        elif self.stack.currentWidget() in (self.opening, self.welcome) and not result["empty"]:
            self.stack.setCurrentWidget(self.overview)

    # --- first start ---------------------------------------------------------------------------

    def load_demo(self) -> None:
        from guardian_desk.demo import DemoSizes, load_demo

        assert self.bridge is not None
        dialog = QProgressDialog(
            self.tr("Creating the demo office…"), self.tr("Cancel"), 0, 0, self
        )
        dialog.setWindowTitle(self.tr("Demo data"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(300)

        def work(session: Any, task: Task) -> dict[str, int]:
            return load_demo(session, DemoSizes(), progress=task.progress, cancel=task.cancelled)

        def progressed(done: int, total: int) -> None:
            dialog.setMaximum(total)
            dialog.setValue(done)

        def finished(_counts: object) -> None:
            dialog.reset()
            self.stack.setCurrentWidget(self.overview)

        def failed(error: BaseException) -> None:
            dialog.reset()
            if isinstance(error, GuardianDeskError):
                QMessageBox.information(self, self.tr("Demo data"), str(error))
            else:
                raise error

        task = self.bridge.run(
            work, writes=True, on_success=finished, on_failure=failed, on_progress=progressed
        )
        dialog.canceled.connect(task.cancel)

    def import_csv(self) -> None:
        assert self.bridge is not None
        dialog = ImportDialog(self.bridge, self)
        dialog.exec()
        if dialog.imported_rows:
            self.stack.setCurrentWidget(self.overview)

    # --- window state --------------------------------------------------------------------------

    def _restore_geometry(self) -> None:
        settings = QSettings()
        geometry = settings.value("main_window/geometry", QByteArray(), type=QByteArray)
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)

    def closeEvent(self, event: QCloseEvent) -> None:
        QSettings().setValue("main_window/geometry", self.saveGeometry())
        if self.bridge is not None:
            self.bridge.shutdown()
        super().closeEvent(event)
