"""The settings dialog's "Office indicators": the screening indicators the office added.

How many the office added to each list, "Import a file…" (the indicator file's format: a JSON
object with "indicators", or a bare list), "Save as file…" and "Remove all…". A chosen file is
read and checked by the core on the worker (guardian_desk.protection.indicators); a refused file
leaves the list as it was and the core's one line under the buttons. Nothing is stored here: the
settings dialog saves the list with the other settings (services.screenings.set_office_indicators).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from guardian_desk.faults import explain
from guardian_desk.i18n import ngettext
from guardian_desk.protection.indicators import (
    INDICATOR_SETS,
    OFFICE_SET,
    check_office_indicators,
    office_file_data,
    read_office_file,
    write_office_file,
)
from guardian_desk.protection.words import SET_NAMES, word
from ui.bridge import CoreBridge, Task
from ui.widgets.field_message import FieldMessage


def read_and_check(path: str) -> list[dict[str, Any]]:
    """The entries of an office indicator file, checked whole; runs on the worker."""
    from guardian_desk.services.screenings import catalogue

    return check_office_indicators(catalogue(), read_office_file(Path(path)))


def write_file(path: str, entries: list[dict[str, Any]]) -> int:
    """Write the entries in the indicator file's format; runs on the worker."""
    from guardian_desk.services.screenings import catalogue

    data = office_file_data(catalogue(), entries)
    write_office_file(Path(path), data)
    return len(data["indicators"])


class OfficeIndicatorsPanel(QWidget):
    """Shows how many indicators the office added and lets it import, save or remove them."""

    changed = Signal()  # the shown list is no longer the stored one
    busy_changed = Signal(bool)  # a file is being read or written

    def __init__(self, bridge: CoreBridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._bridge = bridge
        self._stored: list[dict[str, Any]] = []
        self._entries: list[dict[str, Any]] = []
        self._name = ""
        self._busy = False
        self.summary = QLabel(wordWrap=True)
        self.summary.setObjectName("office_indicators_summary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.import_button = QPushButton(self.tr("Import a file…"))
        self.import_button.setObjectName("office_indicators_import")
        self.import_button.clicked.connect(self.choose_import)
        self.export_button = QPushButton(self.tr("Save as file…"))
        self.export_button.setObjectName("office_indicators_export")
        self.export_button.clicked.connect(self.choose_export)
        self.remove_button = QPushButton(self.tr("Remove all…"))
        self.remove_button.setObjectName("office_indicators_remove")
        self.remove_button.clicked.connect(self.ask_remove_all)
        self.error = FieldMessage()
        self.error.setObjectName("office_indicators_error")
        buttons = QHBoxLayout()
        for button in (self.import_button, self.export_button, self.remove_button):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.summary)
        layout.addLayout(buttons)
        layout.addWidget(self.error)
        self._show()

    # --- what the dialog reads and sets -------------------------------------------------------

    def set_stored(self, entries: list[dict[str, Any]]) -> None:
        """Show the stored list; forgets a change not yet saved."""
        self._stored = [dict(entry) for entry in entries]
        self._entries = list(self._stored)
        self._name = ""
        self.error.show_message(None)
        self._show()

    def entries(self) -> list[dict[str, Any]]:
        return list(self._entries)

    def is_changed(self) -> bool:
        return self._entries != self._stored

    def is_busy(self) -> bool:
        return self._busy

    def show_error(self, message: str | None) -> None:
        self.error.show_message(message)

    # --- the officer's actions ----------------------------------------------------------------

    def choose_import(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("Import the office's screening indicators"),
            "",
            self.tr("Indicator files (*.json)"),
        )
        if path:
            self.import_file(path)

    def import_file(self, path: str) -> None:
        """Read and check ``path`` on the worker; the list shown becomes the file's."""
        self.error.show_message(None)
        self._set_busy(True)

        def work(task: Task) -> list[dict[str, Any]]:
            return read_and_check(path)

        def accepted(entries: list[dict[str, Any]]) -> None:
            self._entries, self._name = entries, Path(path).name
            self._set_busy(False)
            self._show()
            self.changed.emit()

        self._bridge.call(work, on_success=accepted, on_failure=self._refused)

    def choose_export(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Save the office's screening indicators"),
            "office-indicators.json",
            self.tr("Indicator files (*.json)"),
        )
        if path:
            self.export_file(path)

    def export_file(self, path: str) -> None:
        """Write the list shown (saved or not) to ``path`` on the worker."""
        self.error.show_message(None)
        self._set_busy(True)
        entries = self.entries()

        def work(task: Task) -> int:
            return write_file(path, entries)

        def written(count: int) -> None:
            self._set_busy(False)
            self.summary.setText(
                self._summary_text()
                + "\n"
                + ngettext(
                    "{count} indicator written to {file}.",
                    "{count} indicators written to {file}.",
                    count,
                ).format(count=count, file=Path(path).name)
            )

        self._bridge.call(work, on_success=written, on_failure=self._refused)

    def ask_remove_all(self) -> None:
        answer = QMessageBox.question(
            self,
            self.tr("Remove the office's indicators"),
            self.tr(
                "Remove all the indicators the office added? Screenings already saved keep "
                "their answers. Nothing changes until you save the settings."
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.remove_all()

    def remove_all(self) -> None:
        self.error.show_message(None)
        self._entries, self._name = [], ""
        self._show()
        self.changed.emit()

    def _refused(self, error: BaseException) -> None:
        self._set_busy(False)
        fault = explain(error)
        if not fault.expected:
            raise error
        self.error.show_message(fault.message)

    # --- showing ------------------------------------------------------------------------------

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.import_button.setEnabled(not busy)
        self.export_button.setEnabled(not busy and bool(self._entries))
        self.remove_button.setEnabled(not busy and bool(self._entries))
        self.busy_changed.emit(busy)

    def _summary_text(self) -> str:
        if not self._entries:
            text = self.tr("None: screenings offer the shipped indicators only.")
        else:
            counts = {name: 0 for name in INDICATOR_SETS}
            for entry in self._entries:
                counts[entry["set"]] = counts.get(entry["set"], 0) + 1
            lines = [
                ngettext(
                    "{count} indicator added by the office:",
                    "{count} indicators added by the office:",
                    len(self._entries),
                ).format(count=len(self._entries))
            ]
            for name in INDICATOR_SETS:
                if not counts[name]:
                    continue
                shown = self.tr("Both lists") if name == OFFICE_SET else word(SET_NAMES, name)
                # TRANSLATORS: {list} is a list ("Sexual exploitation"); {count} a number.
                line = self.tr("{list}: {count}")
                lines.append(line.format(list=shown, count=counts[name]))
            text = "\n".join(lines)
        if self.is_changed():
            if self._name:
                # TRANSLATORS: {file} is the imported file's name.
                text += "\n" + self.tr("From {file}, not saved yet.").format(file=self._name)
            else:
                text += "\n" + self.tr("Not saved yet.")
        return text

    def _show(self) -> None:
        self.summary.setText(self._summary_text())
        self.export_button.setEnabled(not self._busy and bool(self._entries))
        self.remove_button.setEnabled(not self._busy and bool(self._entries))
