"""The mediator booking's tables: who can come (ranked, with score parts), who cannot and why."""

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

from guardian_desk.scheduling import MediatorCandidate, MediatorExclusion
from ui.scheduling.common import isolated, t

AnyIndex = QModelIndex | QPersistentModelIndex
RecordRole = Qt.ItemDataRole.UserRole


class _Rows(QAbstractTableModel):
    HEADERS: tuple[object, ...] = ()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> Any:
        return self._rows[row]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def cells(self, record: Any) -> tuple[str, ...]:
        raise NotImplementedError

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        record = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.cells(record)[index.column()]
        if role == RecordRole:
            return record
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return t(self.HEADERS[section])
        return None


class CandidatesModel(_Rows):
    MEDIATOR, SCORE, LANGUAGES, PARTS = range(4)
    HEADERS = (
        QT_TRANSLATE_NOOP("Scheduling", "Mediator"),
        QT_TRANSLATE_NOOP("Scheduling", "Score"),
        QT_TRANSLATE_NOOP("Scheduling", "Languages"),
        QT_TRANSLATE_NOOP("Scheduling", "Why"),
    )

    def cells(self, c: MediatorCandidate) -> tuple[str, ...]:
        parts = "; ".join(f"{p.label} ({p.points:.1f})" for p in c.parts)
        return (f"{c.code}  {isolated(c.name)}", f"{c.score:.1f}", c.bridge, parts)


class ExcludedModel(_Rows):
    MEDIATOR, REASONS = range(2)
    HEADERS = (
        QT_TRANSLATE_NOOP("Scheduling", "Mediator"),
        QT_TRANSLATE_NOOP("Scheduling", "Cannot come because"),
    )

    def cells(self, e: MediatorExclusion) -> tuple[str, ...]:
        return (f"{e.code}  {isolated(e.name)}", "; ".join(e.reasons))
