"""Before a new child is saved: the registered children who are likely the same child.

The record dialog's save runs `duplicates_before_save` on the worker thread, in the same
unit of work as the save; when it finds any, nothing is saved and the dialog shows
`DuplicateWarning`: open an existing record, save anyway, or go back to the form.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from guardian_desk.domain.enums import status_text
from guardian_desk.domain.languages import country_name
from guardian_desk.i18n import ngettext
from guardian_desk.services.duplicates import Candidate, duplicates_of_data

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from ui.forms.record_dialog import RecordDialog


def duplicates_before_save(
    session: Session, kind: str, record_id: int | None, data: Any
) -> list[Candidate]:
    """The likely duplicates of a child about to be registered (none for other records)."""
    if kind != "children" or record_id is not None:
        return []
    return duplicates_of_data(session, data)


def candidate_cells(candidate: Candidate) -> list[str]:
    """Case number, name (and the name in its own script), birth year, nationality, facility,
    status: what tells an officer whether it is the same child."""
    name = candidate.name
    if candidate.name_original and candidate.name_original != candidate.name:
        name = f"{name} — {candidate.name_original}"
    return [
        candidate.case_number,
        name,
        str(candidate.birth_year) if candidate.birth_year is not None else "",
        country_name(candidate.nationality) or candidate.nationality,
        candidate.facility,
        status_text(candidate.status),
    ]


def candidate_table(parent: QWidget, headers: Sequence[str], rows: list[list[str]]) -> QTableWidget:
    table = QTableWidget(len(rows), len(headers), parent)
    table.setHorizontalHeaderLabels(list(headers))
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().hide()
    table.setAlternatingRowColors(True)
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            table.setItem(r, c, QTableWidgetItem(text))
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
    return table


class DuplicateWarning(QDialog):
    """Likely duplicates, with Open existing / Save anyway / Cancel."""

    OPEN = 2
    SAVE_ANYWAY = 3

    def __init__(self, candidates: list[Candidate], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.candidates = candidates
        self.setWindowTitle(self.tr("Possible duplicate"))
        self.setObjectName("duplicateWarning")
        self.resize(900, 380)
        count = len(candidates)
        intro = QLabel(
            ngettext(
                "This child may already be registered: {count} record has a similar name, the "
                "same nationality and a birth year at most one apart. Open the existing record "
                "if it is the same child; save anyway if it is not.",
                "This child may already be registered: {count} records have a similar name, the "
                "same nationality and a birth year at most one apart. Open the existing record "
                "if it is the same child; save anyway if it is not.",
                count,
            ).format(count=count)
        )
        intro.setWordWrap(True)
        headers = [
            self.tr("Case number"),
            self.tr("Name"),
            self.tr("Born"),
            self.tr("Nationality"),
            self.tr("Facility"),
            self.tr("Status"),
        ]
        self.table = candidate_table(self, headers, [candidate_cells(c) for c in candidates])
        self.table.selectRow(0)
        self.table.doubleClicked.connect(lambda _index: self._open())
        self.open_button = QPushButton(self.tr("Open existing"))
        self.open_button.clicked.connect(self._open)
        self.save_button = QPushButton(self.tr("Save anyway"))
        self.save_button.clicked.connect(lambda: self.done(self.SAVE_ANYWAY))
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.clicked.connect(self.reject)
        self.cancel_button.setDefault(True)  # Enter does not register a duplicate
        buttons = QHBoxLayout()
        buttons.addStretch()
        for button in (self.open_button, self.save_button, self.cancel_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    def chosen(self) -> Candidate | None:
        rows = self.table.selectionModel().selectedRows()
        return self.candidates[rows[0].row()] if rows else None

    def _open(self) -> None:
        if self.chosen() is not None:
            self.done(self.OPEN)


def warn_about_duplicates(dialog: RecordDialog, candidates: list[Candidate]) -> DuplicateWarning:
    """Show the warning over the record dialog; act on the officer's choice."""
    warning = DuplicateWarning(candidates, dialog)
    warning.setWindowModality(Qt.WindowModality.WindowModal)

    def finished(result: int) -> None:
        if result == DuplicateWarning.SAVE_ANYWAY:
            dialog.save_anyway = True
            dialog.save()
            return
        dialog._close_after_save = False
        if result == DuplicateWarning.OPEN:
            chosen = warning.chosen()
            if chosen is not None:
                open_child(dialog, chosen.child_id)
            dialog.bar.show_info(
                dialog.tr("Not saved: the existing record {0} is open.").format(
                    chosen.case_number if chosen else ""
                )
            )
        else:
            dialog.bar.show_info(dialog.tr("Not saved. Check the record against those listed."))

    warning.finished.connect(finished)
    warning.open()
    return warning


def open_child(dialog: QWidget, child_id: int) -> None:
    """Open a child's record as the main window does (one window per record)."""
    window: Any = dialog.parent()
    while window is not None and not hasattr(window, "open_record"):
        window = window.parent()
    if window is not None:
        window.open_record("children", child_id)
        return
    from ui.forms.record_dialog import RecordDialog

    bridge = getattr(dialog, "bridge", None)
    if bridge is not None:
        RecordDialog(bridge, "children", child_id, dialog.parentWidget()).show()
