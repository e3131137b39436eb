"""Importing a CSV file from the window: all rows or none, every fault listed in a table."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QProgressBar,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from guardian_desk.exchange import KINDS, ImportFailed, ImportReport, RowError, import_csv
from ui.bridge import CoreBridge, Task
from ui.csv_fields import kind_and_file_rows

AnyIndex = QModelIndex | QPersistentModelIndex


class RowErrorsModel(QAbstractTableModel):
    """The faults of a refused import: line, column, value, reason."""

    LINE, COLUMN, VALUE, REASON = range(4)
    HEADERS = (
        QT_TRANSLATE_NOOP("RowErrorsModel", "Line"),
        QT_TRANSLATE_NOOP("RowErrorsModel", "Column"),
        QT_TRANSLATE_NOOP("RowErrorsModel", "Value"),
        QT_TRANSLATE_NOOP("RowErrorsModel", "Problem"),
    )

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._errors: list[RowError] = []

    def set_errors(self, errors: list[RowError]) -> None:
        self.beginResetModel()
        self._errors = list(errors)
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._errors)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        error = self._errors[index.row()]
        return (str(error.line), error.column, error.value, error.reason)[index.column()]

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(str(self.HEADERS[section]))
        return None


class ImportDialog(QDialog):
    def __init__(self, bridge: CoreBridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import from a CSV file"))
        self.resize(760, 480)
        self._bridge = bridge
        self._task: Task | None = None
        self.imported_rows = 0
        layout = QVBoxLayout(self)
        form, self.kind, self.path = kind_and_file_rows(
            self.tr("Choose a .csv file (UTF-8)"), self._browse
        )
        layout.addLayout(form)
        hint = QLabel(
            self.tr(
                "Import order: facilities, guardians, mediators, children, "
                "availability. A file with any faulty row imports nothing."
            ),
            wordWrap=True,
        )
        layout.addWidget(hint)
        self.progress = QProgressBar()
        self.progress.hide()
        layout.addWidget(self.progress)
        self.message = QLabel(wordWrap=True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.message)
        self.errors = RowErrorsModel(self)
        self.table = QTableView()
        self.table.setModel(self.errors)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.hide()
        layout.addWidget(self.table, 1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.import_button = self.buttons.addButton(
            self.tr("Import"), QDialogButtonBox.ButtonRole.ApplyRole
        )
        self.import_button.clicked.connect(self.start_import)
        self.buttons.rejected.connect(self._close_or_cancel)
        layout.addWidget(self.buttons)

    def _browse(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose a CSV file"), "", self.tr("CSV files (*.csv);;All files (*)")
        )
        if chosen:
            self.path.setText(chosen)
            stem = Path(chosen).stem.lower()
            for i, kind in enumerate(KINDS):
                if kind in stem:
                    self.kind.setCurrentIndex(i)

    def start_import(self) -> None:
        path = Path(self.path.text().strip())
        if not path.is_file():
            self.message.setText(self.tr("File: {0} does not exist.").format(str(path)))
            return
        kind = self.kind.currentData()
        self.import_button.setEnabled(False)
        self.table.hide()
        self.progress.setRange(0, 0)
        self.progress.show()
        self.message.setText(self.tr("Checking every row…"))

        def work(session: Any, task: Any) -> ImportReport:
            return import_csv(session, kind, path, progress=task.progress, cancel=task.cancelled)

        self._task = self._bridge.run(
            work,
            writes=True,
            on_success=self._done,
            on_failure=self._failed,
            on_progress=self._progressed,
        )

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _done(self, report: ImportReport) -> None:
        self._task = None
        self.progress.hide()
        self.imported_rows += report.rows
        self.import_button.setEnabled(True)
        self.message.setText(report.summary())  # "Imported 1 child."

    def _failed(self, error: BaseException) -> None:
        self._task = None
        self.progress.hide()
        self.import_button.setEnabled(True)
        if isinstance(error, ImportFailed):
            self.errors.set_errors(error.report.errors)
            self.table.show()
            # "Nothing was imported from the children file: 3 rows have errors."
            self.message.setText(str(error))
        elif isinstance(error, Exception) and error.__class__.__module__.startswith(
            "guardian_desk"
        ):
            self.message.setText(self.tr("Nothing was imported: {0}").format(str(error)))
        else:
            raise error

    def _close_or_cancel(self) -> None:
        if self._task is not None:
            self._task.cancel()
            self.message.setText(self.tr("Cancelling… nothing will be imported."))
            return
        self.reject()
