"""The tables of the bulk-matching dialog: the proposals to accept (a check box each), the
children left unmatched and the children refused on accepting, each with every reason."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from itertools import pairwise
from typing import Any, TypeVar

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QModelIndex,
    QObject,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from guardian_desk.domain.text import fold, search_blob
from guardian_desk.matching.results import BulkProposal, Unmatched
from ui.bidi import isolated
from ui.matching.bulk_calls import ChildNames
from ui.matching.models import (
    AnyIndex,
    RecordRole,
    RowsModel,
    SortRole,
    person_text,
    score_text,
)
from ui.registry.model import is_right_to_left
from ui.widgets.field_message import error_colour

SearchRole = Qt.ItemDataRole.UserRole + 2  # the folded text a row is found by
Row = TypeVar("Row", BulkProposal, Unmatched)
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


def tr(text: str) -> str:
    return QCoreApplication.translate("BulkMatching", text)


def child_text(name: str, original: str) -> str:
    """The child's name and, after it, the name in their own script (kept whole by isolates)."""
    return f"{name}  {isolated(original)}".strip() if original else name


class ChildRowsModel(RowsModel[Row]):
    """Rows of one child each, with the names in the children's own script.

    Up to ~3,000 rows: each row's cells and search text are made once and kept, sorting is
    done here on plain keys (not by the proxy, one Python call per comparison), and removing
    rows keeps the others in place.
    """

    CASE = 0  # the column holding the case number
    CHILD = 1  # the column holding the child's name

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.names: dict[int, ChildNames] = {}
        self._cells: dict[int, Sequence[str]] = {}  # by child id
        self._blobs: dict[int, str] = {}
        self._sorted: tuple[int, Qt.SortOrder] | None = None

    def make_cells(self, record: Row) -> Sequence[str]:
        raise NotImplementedError

    def cells(self, row: int, record: Row) -> Sequence[str]:
        found = self._cells.get(record.child_id)
        if found is None:
            found = self._cells[record.child_id] = tuple(self.make_cells(record))
        return found

    def set_children(self, rows: Sequence[Row], names: dict[int, ChildNames]) -> None:
        self.beginResetModel()
        self.names = dict(names)
        self._cells.clear()
        self._blobs.clear()
        self._rows = list(rows)
        if self._sorted is not None:
            self._rows.sort(key=self._key(self._sorted[0]))
            if self._sorted[1] == Qt.SortOrder.DescendingOrder:
                self._rows.reverse()
        self.endResetModel()

    def child_name(self, record: Row) -> str:
        known = self.names.get(record.child_id)
        return child_text(record.child_name, known.original if known else "")

    def all_rows(self) -> list[Row]:
        return list(self._rows)

    def remove_children(self, child_ids: Collection[int]) -> None:
        """Take these children's rows out, one block of neighbouring rows at a time (the
        selection stays), or all at once when they are scattered over many blocks."""
        doomed = [n for n, r in enumerate(self._rows) if r.child_id in child_ids]
        if sum(1 for a, b in pairwise(doomed) if b != a + 1) > 50:
            self.beginResetModel()
            self._rows = [r for r in self._rows if r.child_id not in child_ids]
            self.endResetModel()
            return
        while doomed:
            last = first = doomed.pop()
            while doomed and doomed[-1] == first - 1:
                first = doomed.pop()
            self.beginRemoveRows(QModelIndex(), first, last)
            del self._rows[first : last + 1]
            self.endRemoveRows()

    def search_text(self, row: int) -> str:
        record = self._rows[row]
        found = self._blobs.get(record.child_id)
        if found is None:
            found = self._blobs[record.child_id] = self.make_search_text(record)
        return found

    def make_search_text(self, record: Row) -> str:
        known = self.names.get(record.child_id)
        return search_blob((record.case_number, record.child_name, known.search if known else None))

    # --- sorting -------------------------------------------------------------------------------

    def _key(self, column: int) -> Callable[[Row], Any]:
        if column == self.CASE:  # as written: no row's cells made (12,652 rows: 1.1 s)
            return lambda record: (record.case_number, record.case_number)

        def key(record: Row) -> Any:
            value = self.sort_value(0, record, column)
            return (fold(value) if isinstance(value, str) else value, record.case_number)

        return key

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.HEADERS):
            return
        self._sorted = (column, order)
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        held = [self._rows[index.row()].child_id for index in persistent]
        self._rows.sort(key=self._key(column), reverse=order == Qt.SortOrder.DescendingOrder)
        position = {r.child_id: n for n, r in enumerate(self._rows)}
        moved = [self.index(position[c], i.column()) for c, i in zip(held, persistent, strict=True)]
        self.changePersistentIndexList(persistent, moved)
        self.layoutChanged.emit()

    # --- Qt model ------------------------------------------------------------------------------

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == self.CHILD:
            name = self._rows[index.row()].child_name
            return _RIGHT if is_right_to_left(name) else _LEFT
        if role == SearchRole:
            return self.search_text(index.row())
        return super().data(index, role)


class BulkProposalsModel(ChildRowsModel[BulkProposal]):
    """One line per child in the plan: accept it or not (checked at first), and with whom."""

    ACCEPT, CASE, CHILD, GUARDIAN, MEDIATOR, SCORE, SIBLINGS = range(7)
    HEADERS = (
        QT_TRANSLATE_NOOP("BulkMatching", "Accept"),
        QT_TRANSLATE_NOOP("BulkMatching", "Case"),
        QT_TRANSLATE_NOOP("BulkMatching", "Child"),
        QT_TRANSLATE_NOOP("BulkMatching", "Guardian"),
        QT_TRANSLATE_NOOP("BulkMatching", "Mediator"),
        QT_TRANSLATE_NOOP("BulkMatching", "Score"),
        QT_TRANSLATE_NOOP("BulkMatching", "Siblings together"),
    )
    NUMERIC = (SCORE,)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._unchecked: set[int] = set()  # child ids the officer left out
        self.refused: dict[int, str] = {}  # child id -> why, from the last accept

    def set_children(self, rows: Sequence[BulkProposal], names: dict[int, ChildNames]) -> None:
        self._unchecked.clear()
        self.refused.clear()
        super().set_children(rows, names)

    def make_cells(self, record: BulkProposal) -> Sequence[str]:
        found = record.proposal
        mediator = (
            tr("{0} ({1})").format(
                person_text(found.mediator.code, found.mediator.name), found.mediator.bridge
            )
            if found.mediator is not None
            else "—"
        )
        return (
            "",
            record.case_number,
            self.child_name(record),
            person_text(found.code, found.name),
            mediator,
            score_text(found.score),
            ", ".join(record.siblings),
        )

    def sort_value(self, row: int, record: BulkProposal, column: int) -> Any:
        if column == self.ACCEPT:
            return int(self.is_checked(record))
        if column == self.SCORE:
            return record.proposal.score
        return self.cells(0, record)[column]

    def make_search_text(self, record: BulkProposal) -> str:
        found = record.proposal
        mediator = found.mediator
        people = (found.code, found.name, found.shared_language, *record.siblings)
        if mediator is not None:
            people += (mediator.code, mediator.name, mediator.bridge)
        return super().make_search_text(record) + "\x1f" + search_blob(people)

    # --- check boxes ---------------------------------------------------------------------------

    def is_checked(self, record: BulkProposal) -> bool:
        return record.child_id not in self._unchecked

    def checked(self) -> list[BulkProposal]:
        return [r for r in self._rows if self.is_checked(r)]

    def checked_count(self) -> int:
        return len(self._rows) - sum(1 for r in self._rows if r.child_id in self._unchecked)

    def set_checked(self, rows: Iterable[int], checked: bool) -> None:
        """Check or uncheck these rows (the ones the search shows, say)."""
        changed = []
        for row in rows:
            child_id = self._rows[row].child_id
            if (child_id not in self._unchecked) != checked:
                (self._unchecked.discard if checked else self._unchecked.add)(child_id)
                changed.append(row)
        if changed:
            self.dataChanged.emit(
                self.index(min(changed), self.ACCEPT),
                self.index(max(changed), self.ACCEPT),
                [Qt.ItemDataRole.CheckStateRole],
            )

    def mark_refused(self, reasons: dict[int, str]) -> None:
        """The core refused these on accepting: unchecked, drawn in red, the reason as tip."""
        self.refused.update(reasons)
        self._unchecked.update(reasons)
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0),
                self.index(len(self._rows) - 1, len(self.HEADERS) - 1),
                [
                    Qt.ItemDataRole.CheckStateRole,
                    Qt.ItemDataRole.ForegroundRole,
                    Qt.ItemDataRole.ToolTipRole,
                ],
            )

    # --- Qt model ------------------------------------------------------------------------------

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        found = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == self.ACCEPT:
            found |= Qt.ItemFlag.ItemIsUserCheckable
        return found

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        record = self._rows[index.row()]
        if role == Qt.ItemDataRole.CheckStateRole:
            if index.column() != self.ACCEPT:
                return None
            checked = self.is_checked(record)
            return Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        refused = self.refused.get(record.child_id)
        if role == Qt.ItemDataRole.ForegroundRole:
            return error_colour(QGuiApplication.palette()) if refused else None
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == self.ACCEPT:
            return tr("Accept this proposal") if not refused else tr("Refused: {0}").format(refused)
        if role == Qt.ItemDataRole.ToolTipRole and refused:
            cell = self.cells(index.row(), record)[index.column()]
            return tr("{0}\nRefused: {1}").format(cell, refused)
        return super().data(index, role)

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (
            not index.isValid()
            or index.column() != self.ACCEPT
            or role != Qt.ItemDataRole.CheckStateRole
        ):
            return False
        state = value.value if isinstance(value, Qt.CheckState) else int(value)
        self.set_checked([index.row()], state == Qt.CheckState.Checked.value)
        return True


class ReasonsModel(ChildRowsModel[Unmatched]):
    """Children with no guardian proposed (or refused on accepting): every reason, a line each."""

    CASE, CHILD, REASONS = range(3)
    HEADERS = (
        QT_TRANSLATE_NOOP("BulkMatching", "Case"),
        QT_TRANSLATE_NOOP("BulkMatching", "Child"),
        QT_TRANSLATE_NOOP("BulkMatching", "Why"),
    )

    def make_cells(self, record: Unmatched) -> Sequence[str]:
        return (record.case_number, self.child_name(record), "\n".join(record.reasons))

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        found = super().data(index, role)
        if role == Qt.ItemDataRole.TextAlignmentRole and found is not None:
            # Rows hold several lines of reasons: every cell starts at the top.
            side = Qt.AlignmentFlag.AlignRight if found == _RIGHT else Qt.AlignmentFlag.AlignLeft
            return side | Qt.AlignmentFlag.AlignTop
        return found

    def add(self, rows: Sequence[Unmatched]) -> None:
        """New refusals replace older ones of the same children, at the end of the list."""
        self.remove_children({r.child_id for r in rows})
        if rows:
            start = len(self._rows)
            self.beginInsertRows(QModelIndex(), start, start + len(rows) - 1)
            self._rows.extend(rows)
            self.endInsertRows()


class SearchFilter(QSortFilterProxyModel):
    """Keeps the rows whose folded text holds every word of the search; the source sorts."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._words: list[str] = []

    def rows(self) -> ChildRowsModel[Any]:
        source = self.sourceModel()
        assert isinstance(source, ChildRowsModel)
        return source

    def set_query(self, text: str) -> None:
        words = fold(text).split()
        if words == self._words:
            return
        self.beginFilterChange()
        self._words = words
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        if not self._words:
            return True
        blob = self.rows().search_text(source_row)
        return all(word in blob for word in self._words)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.rows().sort(column, order)

    def source_rows(self) -> list[int]:
        """The source rows shown, in the order shown."""
        return [self.mapToSource(self.index(n, 0)).row() for n in range(self.rowCount())]


__all__ = [
    "BulkProposalsModel",
    "ChildRowsModel",
    "ReasonsModel",
    "RecordRole",
    "SearchFilter",
    "SearchRole",
    "SortRole",
    "child_text",
]
