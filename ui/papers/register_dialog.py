"""The papers register: every issued paper, newest first, searchable, reprinted as a COPY.

The rows are read on the worker (`register_rows`, completed with whom each paper is for from
its "issue" audit row) and shown by `RegisterModel`. "Reprint (marked COPY)…" reprints the
selected paper on the worker, opens the preview and shows the row's new copies count.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from guardian_desk.domain.enums import DocumentKind
from guardian_desk.domain.errors import GuardianDeskError
from guardian_desk.i18n import _, ngettext
from guardian_desk.i18n.formats import number_text
from ui.bridge import CoreBridge
from ui.papers.calls import PaperSet, paper_set
from ui.papers.preview import PaperPreview, show_preview

if TYPE_CHECKING:
    from guardian_desk.papers.register import RegisterRow

ModelIndex = QModelIndex | QPersistentModelIndex
SortRole = Qt.ItemDataRole.UserRole  # the raw value: issued-at datetime, copies as int
SearchRole = Qt.ItemDataRole.UserRole + 1  # reference, case number and codes, lower case


@dataclass(frozen=True)
class RegisterEntry:
    """One issued paper as the register shows it: plain data from the worker."""

    reference: str
    kind: DocumentKind
    for_whom: str  # "AL-2026-00012", "AL-2026-00012 / G-0003" or a schedule's "M-0002"
    subject: str
    issued_at: datetime  # the office's local time, naive
    issued_by: str
    copies: int


@dataclass(frozen=True)
class Reprinted:
    reference: str
    copies: int
    papers: PaperSet


def _for_whom(row: RegisterRow) -> str:
    """The case number, then the guardian's or mediator's code where the paper names one."""
    parts = [row.case_number]
    if row.kind in (DocumentKind.APPOINTMENT, DocumentKind.SCHEDULE):
        parts.append(row.guardian_code)
    if row.kind in (DocumentKind.MEDIATOR_LETTER, DocumentKind.SCHEDULE):
        parts.append(row.mediator_code)
    return " / ".join(part for part in parts if part)


def load_register(session: Any) -> list[RegisterEntry]:
    """On the worker: the register, newest first, with local times and whom each is for."""
    from guardian_desk.papers.register import register_rows
    from guardian_desk.services.settings import office_zone

    zone = office_zone(session)
    return [
        RegisterEntry(
            row.reference,
            row.kind,
            _for_whom(row),
            row.subject,
            row.issued_at.astimezone(zone).replace(tzinfo=None),
            row.issued_by,
            row.copies,
        )
        for row in register_rows(session)
    ]


def reprint_entry(session: Any, reference: str) -> Reprinted:
    """On the worker: the paper again, marked COPY, counted, its pages rendered."""
    from guardian_desk.papers.register import reprint

    paper = reprint(session, reference)
    return Reprinted(paper.reference, paper.copies, paper_set([paper]))


def kind_words(kind: DocumentKind) -> str:
    """The paper's name in the interface language (the register's titles, every kind)."""
    from guardian_desk.papers.register import TITLES

    return _(TITLES[kind])


class RegisterModel(QAbstractTableModel):
    REFERENCE, KIND, FOR_WHOM, SUBJECT, ISSUED_AT, ISSUED_BY, COPIES = range(7)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.entries: list[RegisterEntry] = []
        self.headers = [
            self.tr("Reference"),
            self.tr("Paper"),
            self.tr("For"),
            self.tr("Subject"),
            self.tr("Issued on"),
            self.tr("Issued by"),
            self.tr("Copies"),
        ]

    def set_entries(self, entries: Sequence[RegisterEntry]) -> None:
        self.beginResetModel()
        self.entries = list(entries)
        self.endResetModel()

    def set_copies(self, reference: str, copies: int) -> None:
        for row, entry in enumerate(self.entries):
            if entry.reference == reference:
                self.entries[row] = replace(entry, copies=copies)
                changed = self.index(row, self.COPIES)
                self.dataChanged.emit(changed, changed, [Qt.ItemDataRole.DisplayRole, SortRole])

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self.headers):
            return self.headers[section]
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self.entries)):
            return None
        entry = self.entries[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(entry, column)
        if role == SortRole:
            if column == self.ISSUED_AT:
                return entry.issued_at.isoformat()
            if column == self.COPIES:
                return entry.copies
            return self._text(entry, column)
        if role == SearchRole:
            return f"{entry.reference} {entry.for_whom}".lower()
        if role == Qt.ItemDataRole.ToolTipRole and column == self.SUBJECT:
            return entry.subject
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.COPIES:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _text(self, entry: RegisterEntry, column: int) -> str | None:
        if column == self.REFERENCE:
            return entry.reference
        if column == self.KIND:
            return kind_words(entry.kind)
        if column == self.FOR_WHOM:
            return entry.for_whom
        if column == self.SUBJECT:
            return entry.subject
        if column == self.ISSUED_AT:
            return entry.issued_at.strftime("%Y-%m-%d %H:%M")
        if column == self.ISSUED_BY:
            return entry.issued_by
        if column == self.COPIES:
            return str(entry.copies)
        return None


class RegisterFilter(QSortFilterProxyModel):
    """Keeps the rows whose reference, case number or code contains every searched word."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.words: list[str] = []

    def set_search(self, text: str) -> None:
        self.beginFilterChange()
        self.words = text.lower().split()
        self.endFilterChange()

    def filterAcceptsRow(self, source_row: int, source_parent: ModelIndex) -> bool:
        if not self.words:
            return True
        model = self.sourceModel()
        haystack = str(model.data(model.index(source_row, 0, source_parent), SearchRole) or "")
        return all(word in haystack for word in self.words)


class RegisterDialog(QDialog):
    """The register of issued papers; reprints the selected one as a COPY."""

    def __init__(self, bridge: CoreBridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bridge = bridge
        self.preview: PaperPreview | None = None
        self.loaded = False
        self.setWindowTitle(self.tr("Papers register"))
        self.resize(1040, 560)

        self.model = RegisterModel(self)
        self.proxy = RegisterFilter(self)
        self.proxy.setSourceModel(self.model)

        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("Reference, case number or code"))
        self.search.textChanged.connect(self._search)
        search_label = QLabel(self.tr("&Search:"))
        search_label.setBuddy(self.search)

        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(RegisterModel.SUBJECT, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _index: self.reprint_selected())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())

        self.status = QLabel(self.tr("Loading the register…"))
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.reprint_button = QPushButton(self.tr("Reprint (marked COPY)…"))
        self.reprint_button.clicked.connect(self.reprint_selected)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.clicked.connect(self.accept)

        top = QHBoxLayout()
        top.addWidget(search_label)
        top.addWidget(self.search, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.reprint_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

        self.busy = False
        self._update_buttons()
        bridge.data_changed.connect(self.reload)
        self.reload()

    # --- loading and searching -----------------------------------------------------------------

    def reload(self) -> None:
        if not shiboken6.isValid(self):
            return
        self.bridge.run(
            lambda session, _task: load_register(session),
            on_success=self._loaded,
            on_failure=self._failed,
        )

    def _loaded(self, entries: list[RegisterEntry]) -> None:
        if not shiboken6.isValid(self):
            return
        chosen = self.selected_reference()
        self.model.set_entries(entries)
        self.loaded = True
        if chosen is not None:
            self.select_reference(chosen)
        self._show_count()
        self._update_buttons()

    def _failed(self, error: BaseException) -> None:
        if not isinstance(error, GuardianDeskError):
            raise error
        if shiboken6.isValid(self):
            self.busy = False
            self.status.setText(str(error))
            self._update_buttons()

    def _search(self, text: str) -> None:
        self.proxy.set_search(text)
        self._show_count()
        self._update_buttons()

    def _show_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        if total == 0:
            self.status.setText(self.tr("No paper has been issued yet."))
        elif shown == total:
            text = ngettext("{count} paper.", "{count} papers.", total)
            self.status.setText(text.format(count=number_text(total)))
        else:
            # TRANSLATORS: {shown} papers of the register's {count} match the search.
            text = ngettext(
                "{shown} of {count} paper match.", "{shown} of {count} papers match.", total
            )
            self.status.setText(text.format(shown=number_text(shown), count=number_text(total)))

    # --- selection and reprint -----------------------------------------------------------------

    def selected_reference(self) -> str | None:
        rows = self.table.selectionModel().selectedRows(RegisterModel.REFERENCE)
        return str(rows[0].data()) if rows else None

    def select_reference(self, reference: str) -> bool:
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, RegisterModel.REFERENCE)
            if index.data() == reference:
                self.table.selectRow(row)
                self.table.scrollTo(index)
                return True
        return False

    def _update_buttons(self) -> None:
        self.reprint_button.setEnabled(not self.busy and self.selected_reference() is not None)

    def reprint_selected(self) -> None:
        reference = self.selected_reference()
        if reference is None or self.busy:
            return
        self.busy = True
        self._update_buttons()
        self.status.setText(self.tr("Reprinting {0}…").format(reference))
        self.bridge.run(
            lambda session, _task: reprint_entry(session, reference),
            writes=True,
            on_success=self._reprinted,
            on_failure=self._failed,
        )

    def _reprinted(self, done: Reprinted) -> None:
        if not shiboken6.isValid(self):
            return
        self.busy = False
        self.model.set_copies(done.reference, done.copies)
        self.status.setText(
            self.tr("{0}: copy {1} sent to the preview.").format(done.reference, done.copies)
        )
        self._update_buttons()
        self.preview = show_preview(self.bridge, self, done.papers)


def show_register(bridge: CoreBridge, parent: QWidget | None) -> RegisterDialog:
    dialog = RegisterDialog(bridge, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
