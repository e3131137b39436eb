"""Exporting records to a CSV file from the window, with progress and a privacy default."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from guardian_desk.i18n import ngettext
from guardian_desk.i18n.formats import number_text
from ui.bridge import CoreBridge, Task
from ui.csv_fields import kind_and_file_rows


class ExportDialog(QDialog):
    def __init__(self, bridge: CoreBridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export to a CSV file"))
        self.resize(620, 260)
        self._bridge = bridge
        self._task: Task | None = None
        self.exported_rows = 0
        layout = QVBoxLayout(self)
        form, self.kind, self.path = kind_and_file_rows(
            self.tr("Where to save the .csv file"), self._browse
        )
        self.kind.setCurrentIndex(self.kind.findData("children"))
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.personal = QCheckBox(
            self.tr("Include children's names, birth dates, companions and notes")
        )
        self.personal.toggled.connect(self._kind_changed)
        form.addRow("", self.personal)
        layout.addLayout(form)
        self.warning = QLabel(wordWrap=True)
        self.warning.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.warning)
        self.progress = QProgressBar()
        self.progress.hide()
        layout.addWidget(self.progress)
        self.message = QLabel(wordWrap=True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.message)
        layout.addStretch()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.export_button = self.buttons.addButton(
            self.tr("Export"), QDialogButtonBox.ButtonRole.ApplyRole
        )
        self.export_button.clicked.connect(self.start_export)
        self.buttons.rejected.connect(self._close_or_cancel)
        layout.addWidget(self.buttons)
        self._kind_changed()

    def _kind_changed(self) -> None:
        children = self.kind.currentData() == "children"
        self.personal.setVisible(children)
        if children and self.personal.isChecked():
            self.warning.setText(
                self.tr(
                    "This file will name the children. Keep it on an encrypted, office-only drive "
                    "and never send it by e-mail or to a cloud service."
                )
            )
        elif children:
            self.warning.setText(
                self.tr("The file carries case numbers, not names: safe to share for statistics.")
            )
        else:
            self.warning.setText("")

    def _browse(self) -> None:
        kind = self.kind.currentData()
        chosen, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save as"), f"{kind}.csv", self.tr("CSV files (*.csv)")
        )
        if chosen:
            self.path.setText(chosen)

    def start_export(self) -> None:
        text = self.path.text().strip()
        if not text:
            self.message.setText(self.tr("File: choose where to save the export."))
            return
        path = Path(text)
        kind = self.kind.currentData()
        personal = kind == "children" and self.personal.isChecked()
        self.export_button.setEnabled(False)
        self.progress.setRange(0, 0)
        self.progress.show()
        self.message.setText(self.tr("Exporting…"))

        def work(session: Any, task: Task) -> int:
            from guardian_desk.exchange import export_csv

            return export_csv(
                session,
                kind,
                path,
                include_personal=personal,
                progress=task.progress,
                cancel=task.cancelled,
            )

        self._task = self._bridge.run(
            work, on_success=self._done, on_failure=self._failed, on_progress=self._progressed
        )

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _done(self, rows: int) -> None:
        self._task = None
        self.progress.hide()
        self.export_button.setEnabled(True)
        self.exported_rows = rows
        self.message.setText(
            ngettext(
                "Exported {count} row to {path}.", "Exported {count} rows to {path}.", rows
            ).format(count=number_text(rows), path=self.path.text().strip())
        )

    def _failed(self, error: BaseException) -> None:
        self._task = None
        self.progress.hide()
        self.export_button.setEnabled(True)
        if isinstance(error, Exception) and type(error).__module__.startswith("guardian_desk"):
            self.message.setText(str(error))
        elif isinstance(error, OSError):
            self.message.setText(
                self.tr("File: {0} cannot be written ({1}).").format(
                    self.path.text().strip(), error.strerror or str(error)
                )
            )
        else:
            raise error

    def _close_or_cancel(self) -> None:
        if self._task is not None:
            self._task.cancel()
            self.message.setText(self.tr("Cancelling… no file will be written."))
            return
        self.reject()
