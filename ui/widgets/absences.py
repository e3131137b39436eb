"""Periods a guardian or mediator is away (leave, training): from, to (inclusive), reason."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from guardian_desk.domain.records import AbsencePeriod
from guardian_desk.i18n.formats import date_text
from ui.date_input import date_input_format
from ui.widgets.field_message import FieldMessage, mark_invalid

AnyIndex = QModelIndex | QPersistentModelIndex

SortRole = Qt.ItemDataRole.UserRole  # the date as an ISO string, the reason folded


def _shown(day: date) -> str:
    return date_text(day)


def _label(text: str, buddy: QWidget) -> QLabel:
    label = QLabel(text)
    label.setBuddy(buddy)
    return label


class AbsencesModel(QAbstractTableModel):
    """A person's absences, earliest first."""

    FROM, TO, REASON = range(3)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._absences: list[AbsencePeriod] = []

    def set_absences(self, absences: list[AbsencePeriod]) -> None:
        self.beginResetModel()
        self._absences = sorted(absences, key=lambda a: (a.starts_on, a.ends_on))
        self.endResetModel()

    def absences(self) -> list[AbsencePeriod]:
        return list(self._absences)

    def add(self, absence: AbsencePeriod) -> int:
        row = sum(
            1
            for a in self._absences
            if (a.starts_on, a.ends_on) <= (absence.starts_on, absence.ends_on)
        )
        self.beginInsertRows(QModelIndex(), row, row)
        self._absences.insert(row, absence)
        self.endInsertRows()
        return row

    def remove(self, row: int) -> None:
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._absences[row]
        self.endRemoveRows()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._absences)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        absence = self._absences[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == self.FROM:
                return _shown(absence.starts_on)
            if column == self.TO:
                return _shown(absence.ends_on)
            return absence.reason
        if role == SortRole:
            if column == self.REASON:
                return absence.reason.casefold()
            return (absence.starts_on if column == self.FROM else absence.ends_on).isoformat()
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (self.tr("From"), self.tr("To"), self.tr("Reason"))[section]


class AbsencesEditor(QWidget):
    """The list of absences, a line to add one (two dates with calendars, a reason), Remove.

    ``changed`` fires when the officer adds or removes one (not on ``set_absences``).
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = AbsencesModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.setAccessibleName(self.tr("Absences"))
        header = self.table.horizontalHeader()
        for column in (AbsencesModel.FROM, AbsencesModel.TO):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(AbsencesModel.REASON, QHeaderView.ResizeMode.Stretch)
        self.table.setMinimumHeight(self.table.verticalHeader().defaultSectionSize() * 4)
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.remove_selected)

        today = QDate.currentDate()
        self.starts_on = self._date_edit(today, self.tr("Absent from"))
        self.ends_on = self._date_edit(today, self.tr("Absent until (inclusive)"))
        self.starts_on.dateChanged.connect(self._follow_start)
        self.ends_on.dateChanged.connect(lambda _d: self._show_date_error(None))
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("Reason (optional), e.g. annual leave"))
        self.reason.setAccessibleName(self.tr("Reason"))
        self.reason.returnPressed.connect(self.add_absence)
        self.add_button = QPushButton(self.tr("Add absence"))
        self.add_button.clicked.connect(self.add_absence)
        self.remove_button = QPushButton(self.tr("Remove"))
        self.remove_button.setToolTip(self.tr("Remove the selected absence (Delete)"))
        self.remove_button.clicked.connect(self.remove_selected)
        self.date_message = FieldMessage()
        self.message = FieldMessage()

        adding = QGridLayout()
        adding.addWidget(_label(self.tr("From"), self.starts_on), 0, 0)
        adding.addWidget(_label(self.tr("To"), self.ends_on), 0, 1)
        adding.addWidget(_label(self.tr("Reason"), self.reason), 0, 2)
        adding.addWidget(self.starts_on, 1, 0)
        adding.addWidget(self.ends_on, 1, 1)
        adding.addWidget(self.reason, 1, 2)
        adding.addWidget(self.add_button, 1, 3)
        adding.addWidget(self.date_message, 2, 0, 1, 4)
        adding.setColumnStretch(2, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        row.addWidget(self.table, 1)
        row.addWidget(self.remove_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(row)
        layout.addLayout(adding)
        layout.addWidget(self.message)
        for first, second in (
            (self.table, self.remove_button),
            (self.remove_button, self.starts_on),
            (self.starts_on, self.ends_on),
            (self.ends_on, self.reason),
            (self.reason, self.add_button),
        ):
            QWidget.setTabOrder(first, second)

        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.model.modelReset.connect(self._update_buttons)
        self.model.rowsRemoved.connect(self._update_buttons)
        self._update_buttons()

    # --- the API forms use ----------------------------------------------------------------

    def set_absences(self, absences: list[AbsencePeriod]) -> None:
        self.model.set_absences(absences)

    def absences(self) -> list[AbsencePeriod]:
        return self.model.absences()

    def set_error(self, message: str | None) -> None:
        """The core's message about the absences as a whole (None clears it)."""
        self.message.show_message(message)
        self.setAccessibleDescription(message or "")
        self.table.setAccessibleDescription(message or "")
        mark_invalid(self.table, bool(message))

    # --- actions --------------------------------------------------------------------------

    def add_absence(self) -> None:
        starts_on = self.starts_on.date().toPython()
        ends_on = self.ends_on.date().toPython()
        assert isinstance(starts_on, date) and isinstance(ends_on, date)
        if ends_on < starts_on:
            self._show_date_error(
                self.tr("To: {0} is before the first day of the absence ({1}).").format(
                    _shown(ends_on), _shown(starts_on)
                )
            )
            self.ends_on.setFocus()
            return
        self._show_date_error(None)
        row = self.model.add(AbsencePeriod(starts_on, ends_on, self.reason.text().strip()))
        self.reason.clear()
        self.table.selectRow(row)
        self.changed.emit()

    def remove_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        row = rows[0].row()
        self.model.remove(row)
        self.changed.emit()
        if self.model.rowCount():
            self.table.selectRow(min(row, self.model.rowCount() - 1))

    def _date_edit(self, day: QDate, accessible_name: str) -> QDateEdit:
        edit = QDateEdit(day)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat(date_input_format())
        edit.setAccessibleName(accessible_name)
        return edit

    def _follow_start(self, day: QDate) -> None:
        """Moving the start past the end drags the end along (the usual one-day absence)."""
        if self.ends_on.date() < day:
            self.ends_on.setDate(day)
        self._show_date_error(None)

    def _show_date_error(self, message: str | None) -> None:
        self.date_message.show_message(message)
        self.ends_on.setAccessibleDescription(message or "")
        mark_invalid(self.ends_on, bool(message))

    def _update_buttons(self) -> None:
        self.remove_button.setEnabled(bool(self.table.selectionModel().selectedRows()))
