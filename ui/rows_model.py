"""A read-only table of one kind of dataclass: the base of the review tables in the app."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import QWidget

AnyIndex = QModelIndex | QPersistentModelIndex
R = TypeVar("R")
RecordRole = Qt.ItemDataRole.UserRole  # the dataclass a row stands for
SortRole = Qt.ItemDataRole.UserRole + 1  # a value that sorts right (numbers as numbers)

_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


class RowsModel(QAbstractTableModel, Generic[R]):
    """Read-only rows of one dataclass; subclasses name the columns and how a row reads."""

    CONTEXT = "Matching"  # the translation context of HEADERS
    HEADERS: tuple[Any, ...] = ()  # QT_TRANSLATE_NOOP texts
    NUMERIC: tuple[int, ...] = ()  # columns aligned right

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[R] = []

    def cells(self, row: int, record: R) -> Sequence[str]:
        raise NotImplementedError

    def sort_value(self, row: int, record: R, column: int) -> Any:
        return self.cells(row, record)[column]

    def set_rows(self, rows: Sequence[R]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> R:
        return self._rows[row]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        record = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.cells(index.row(), record)[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if index.column() in self.NUMERIC else _LEFT
        if role == RecordRole:
            return record
        if role == SortRole:
            return self.sort_value(index.row(), record, index.column())
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate(self.CONTEXT, str(self.HEADERS[section]))
        return None
