"""The tables of the plan dialog: proposed visits to tick, and the children nothing fits."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import QWidget

from guardian_desk.i18n.formats import date_text, number_text
from guardian_desk.scheduling import ProposedVisit, Unplaced
from ui.rows_model import RowsModel
from ui.scheduling.common import isolated, tr, when_text

AnyIndex = QModelIndex | QPersistentModelIndex
RecordRole = Qt.ItemDataRole.UserRole  # the dataclass a row stands for
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


def _key(p: ProposedVisit) -> tuple[int, object]:
    return p.child_id, p.starts_at_utc


class ProposalsModel(QAbstractTableModel):
    """Proposed visits, most overdue first, each with a tick: ticked ones are applied."""

    CASE, DUE, OVERDUE, WHEN, GUARDIAN, MEDIATOR, FACILITY, NOTE = range(8)
    HEADERS = (
        QT_TRANSLATE_NOOP("Scheduling", "Case"),
        QT_TRANSLATE_NOOP("Scheduling", "Due by"),
        QT_TRANSLATE_NOOP("Scheduling", "Days overdue"),
        QT_TRANSLATE_NOOP("Scheduling", "Proposed time"),
        QT_TRANSLATE_NOOP("Scheduling", "Guardian"),
        QT_TRANSLATE_NOOP("Scheduling", "Mediator"),
        QT_TRANSLATE_NOOP("Scheduling", "Facility"),
        QT_TRANSLATE_NOOP("Scheduling", "Not saved because"),
    )

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ProposedVisit] = []
        self._ticked: list[bool] = []
        self._notes: list[str] = []

    def set_rows(self, rows: Sequence[ProposedVisit]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._ticked = [True] * len(self._rows)
        self._notes = [""] * len(self._rows)
        self.endResetModel()

    def row_at(self, row: int) -> ProposedVisit:
        return self._rows[row]

    def selected(self) -> list[ProposedVisit]:
        return [p for p, ticked in zip(self._rows, self._ticked, strict=True) if ticked]

    def tick_all(self, ticked: bool) -> None:
        if not self._rows:
            return
        self._ticked = [ticked] * len(self._rows)
        self.dataChanged.emit(
            self.index(0, self.CASE),
            self.index(len(self._rows) - 1, self.CASE),
            [Qt.ItemDataRole.CheckStateRole],
        )

    def applied(
        self, saved: Sequence[ProposedVisit], refused: Sequence[tuple[ProposedVisit, str]]
    ) -> None:
        """After saving: the saved rows leave the table, refused ones stay unticked with why."""
        gone = {_key(p) for p in saved}
        why = {_key(p): reason for p, reason in refused}
        self.beginResetModel()
        kept = [(i, p) for i, p in enumerate(self._rows) if _key(p) not in gone]
        self._notes = [why.get(_key(p), self._notes[i]) for i, p in kept]
        self._ticked = [self._ticked[i] and _key(p) not in why for i, p in kept]
        self._rows = [p for _, p in kept]
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == self.CASE:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def _cells(self, row: int) -> tuple[str, ...]:
        p = self._rows[row]
        return (
            p.case_number,
            date_text(p.due_on),
            number_text(p.days_overdue) if p.days_overdue else "",
            when_text(p.starts_at, p.ends_at),
            isolated(p.guardian_name),
            isolated(p.mediator_name) or "—",
            isolated(p.facility_name),
            self._notes[row],
        )

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._cells(row)[column]
        if role == Qt.ItemDataRole.CheckStateRole and column == self.CASE:
            return Qt.CheckState.Checked if self._ticked[row] else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if column == self.OVERDUE else _LEFT
        if role == RecordRole:
            return self._rows[row]
        return None

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.CheckStateRole:
            return False
        if index.column() != self.CASE:
            return False
        state = value.value if isinstance(value, Qt.CheckState) else value
        self._ticked[index.row()] = state == Qt.CheckState.Checked.value
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        return True

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return tr(self.HEADERS[section])
        return None


class UnplacedModel(RowsModel[Unplaced]):
    """Children whose visit is due but for whom nothing fits, and why."""

    CONTEXT = "Scheduling"
    CASE, DUE, OVERDUE, GUARDIAN, REASON = range(5)
    HEADERS = (
        QT_TRANSLATE_NOOP("Scheduling", "Case"),
        QT_TRANSLATE_NOOP("Scheduling", "Due by"),
        QT_TRANSLATE_NOOP("Scheduling", "Days overdue"),
        QT_TRANSLATE_NOOP("Scheduling", "Guardian"),
        QT_TRANSLATE_NOOP("Scheduling", "Why nothing fits"),
    )
    NUMERIC = (OVERDUE,)

    def cells(self, row: int, u: Unplaced) -> tuple[str, ...]:
        return (
            u.case_number,
            date_text(u.due_on),
            number_text(u.days_overdue) if u.days_overdue else "",
            isolated(u.guardian_name),
            u.reason,
        )
