"""The week's visits as a list: date, time, case, who comes, where, status."""

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
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QWidget

from guardian_desk.domain.enums import VisitStatus
from guardian_desk.scheduling import VisitInfo
from ui.scheduling.common import (
    child_text,
    date_text,
    isolated,
    purpose_text,
    time_text,
    tr,
    visit_state_text,
)

AnyIndex = QModelIndex | QPersistentModelIndex
RecordRole = Qt.ItemDataRole.UserRole  # the VisitInfo of the row


class AgendaModel(QAbstractTableModel):
    DATE, TIME, CASE, WHO, WHERE, STATUS = range(6)
    HEADERS = (
        QT_TRANSLATE_NOOP("Scheduling", "Date"),
        QT_TRANSLATE_NOOP("Scheduling", "Time"),
        QT_TRANSLATE_NOOP("Scheduling", "Case"),
        QT_TRANSLATE_NOOP("Scheduling", "Who comes"),
        QT_TRANSLATE_NOOP("Scheduling", "Where"),
        QT_TRANSLATE_NOOP("Scheduling", "Status"),
    )

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[VisitInfo] = []

    def set_rows(self, rows: Sequence[VisitInfo]) -> None:
        self.beginResetModel()
        self._rows = sorted(rows, key=lambda v: (v.starts_at, v.visit_id))
        self.endResetModel()

    def row_at(self, row: int) -> VisitInfo:
        return self._rows[row]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    @staticmethod
    def _cells(v: VisitInfo) -> tuple[str, ...]:
        who = [isolated(n) for n in (v.guardian_name, v.mediator_name) if n]
        where = v.facility_name or v.place
        status = visit_state_text(v.status, v.on_hold)
        if v.outcome_note:
            status = f"{status}: {v.outcome_note}"
        return (
            date_text(v.starts_at.date()),
            f"{time_text(v.starts_at)}–{time_text(v.ends_at)}",
            f"{child_text(v.case_number, v.child_name)} · {purpose_text(v.purpose)}",
            ", ".join(who) or "—",
            isolated(where) or "—",
            status,
        )

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        visit = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._cells(visit)[index.column()]
        if role == Qt.ItemDataRole.FontRole and visit.status is VisitStatus.CANCELLED:
            font = QFont()
            font.setStrikeOut(True)
            return font
        if role == RecordRole:
            return visit
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return tr(self.HEADERS[section])
        return None
