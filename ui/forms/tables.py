"""The read-only tables of a record: appointments, visits and the audit trail."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any, Generic, TypeVar
from zoneinfo import ZoneInfo

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from guardian_desk.domain.enums import AssignmentRole, VisitStatus
from guardian_desk.i18n.formats import date_text, datetime_text, time_text
from guardian_desk.services.details import AssignmentRow, AuditRow, VisitRow

AnyIndex = QModelIndex | QPersistentModelIndex
R = TypeVar("R")
SortRole = Qt.ItemDataRole.UserRole


def tr(text: str) -> str:
    return QCoreApplication.translate("RecordTables", text)


def local_time(at: datetime, zone: ZoneInfo) -> str:
    return datetime_text(at.astimezone(zone))


def _day(value: date | None) -> str:
    return date_text(value)


class RowsModel(QAbstractTableModel, Generic[R]):
    """Rows of one dataclass; each subclass names its columns and how a row reads."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[R] = []

    def headers(self) -> Sequence[str]:
        raise NotImplementedError

    def cells(self, row: R) -> Sequence[str]:
        raise NotImplementedError

    def set_rows(self, rows: Sequence[R]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> R:
        return self._rows[row]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers())

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
            SortRole,
        ):
            return None
        return self.cells(self._rows[index.row()])[index.column()]

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers()[section]
        return None


def role_label(role: AssignmentRole) -> str:
    return tr("Guardian") if role is AssignmentRole.GUARDIAN else tr("Mediator")


def status_label(status: VisitStatus) -> str:
    return {
        VisitStatus.PLANNED: tr("Planned"),
        VisitStatus.HELD: tr("Held"),
        VisitStatus.MISSED: tr("Missed"),
        VisitStatus.CANCELLED: tr("Cancelled"),
    }[status]


class AssignmentsModel(RowsModel[AssignmentRow]):
    """A child's guardians and mediators, or a guardian's/mediator's children."""

    def __init__(self, of_child: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.of_child = of_child

    def headers(self) -> Sequence[str]:
        who = (tr("Role"), tr("Person")) if self.of_child else (tr("Child"),)
        return (
            *who,
            tr("From"),
            tr("Until"),
            tr("Reason"),
            tr("Decision"),
            tr("Override reason"),
        )

    def cells(self, row: AssignmentRow) -> Sequence[str]:
        who = (role_label(row.role), row.person) if self.of_child else (row.child,)
        until = _day(row.ends_on) or tr("current")
        if row.end_reason:
            until = f"{until} ({row.end_reason})"
        return (
            *who,
            _day(row.starts_on),
            until,
            row.reason,
            row.decision_ref,
            row.override_reason,
        )


class VisitsModel(RowsModel[VisitRow]):
    def __init__(self, kind: str, zone: ZoneInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.zone = zone

    def headers(self) -> Sequence[str]:
        return (tr("When"), tr("With"), tr("Place"), tr("Status"))

    def cells(self, row: VisitRow) -> Sequence[str]:
        if self.kind == "children":
            people = [row.guardian, row.mediator]
        elif self.kind == "facilities":
            people = [row.child, row.guardian]
        else:
            people = [row.child, row.mediator if self.kind == "guardians" else row.guardian]
        ends = time_text(row.ends_at.astimezone(self.zone))
        return (
            f"{local_time(row.starts_at, self.zone)}–{ends}",
            ", ".join(p for p in people if p),
            row.place,
            status_label(row.status),
        )


ACTIONS = {
    "create": QT_TRANSLATE_NOOP("RecordTables", "Created"),
    "update": QT_TRANSLATE_NOOP("RecordTables", "Edited"),
    "close": QT_TRANSLATE_NOOP("RecordTables", "Case closed"),
    "suspend": QT_TRANSLATE_NOOP("RecordTables", "Suspended"),
    "reinstate": QT_TRANSLATE_NOOP("RecordTables", "Reinstated"),
    "deactivate": QT_TRANSLATE_NOOP("RecordTables", "Facility closed"),
    "reopen": QT_TRANSLATE_NOOP("RecordTables", "Facility reopened"),
    "set_availability": QT_TRANSLATE_NOOP("RecordTables", "Availability changed"),
    "link_sibling": QT_TRANSLATE_NOOP("RecordTables", "Sibling linked"),
    "unlink_sibling": QT_TRANSLATE_NOOP("RecordTables", "Sibling unlinked"),
    "merge": QT_TRANSLATE_NOOP("RecordTables", "Duplicate record merged in"),
    "merged_into": QT_TRANSLATE_NOOP("RecordTables", "Merged into this record"),
}


class HistoryModel(RowsModel[AuditRow]):
    """Who changed what and when (office time): one row per save, the changes as lines."""

    WHEN, WHO, ACTION, CHANGES = range(4)

    def __init__(
        self, zone: ZoneInfo, labels: dict[str, str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.zone = zone
        self.labels = labels

    def headers(self) -> Sequence[str]:
        return (tr("When"), tr("Who"), tr("Action"), tr("Changes"))

    def cells(self, row: AuditRow) -> Sequence[str]:
        action = ACTIONS.get(row.action)
        shown = QCoreApplication.translate("RecordTables", str(action)) if action else row.action
        if row.source:  # a row of a record merged into this one, marked as the core words it
            shown = f"{shown}\n{row.source}"
        return (
            local_time(row.at, self.zone),
            row.actor,
            shown,
            "\n".join(self.change_text(*change) for change in row.changes),
        )

    def change_text(self, field: str, before: str, after: str) -> str:
        label = self.labels.get(field, field.replace("_", " "))
        if not before:
            return f"{label}: {after}"
        return f"{label}: {before} → {after or '—'}"


def table_view(model: QAbstractTableModel, stretch: Sequence[int]) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setWordWrap(True)
    view.setAlternatingRowColors(True)
    view.verticalHeader().hide()
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    for column in stretch:
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    return view
