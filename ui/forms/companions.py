"""The adults who came with a child: a small editable table (name, claimed relationship,
verified)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from guardian_desk.domain.parsing import format_companions
from guardian_desk.domain.records import Companion

AnyIndex = QModelIndex | QPersistentModelIndex


class CompanionsModel(QAbstractTableModel):
    NAME, RELATIONSHIP, VERIFIED = range(3)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Companion] = []

    def companions(self) -> list[Companion]:
        return list(self._rows)

    def set_companions(self, companions: list[Companion]) -> None:
        self.beginResetModel()
        self._rows = list(companions)
        self.endResetModel()

    def add(self) -> int:
        row = len(self._rows)
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.append(Companion(""))
        self.endInsertRows()
        return row

    def remove(self, row: int) -> None:
        if 0 <= row < len(self._rows):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._rows[row]
            self.endRemoveRows()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == self.VERIFIED:
            # Shown, not ticked here: a relationship is verified by a recorded check (how it
            # was checked, the outcome, the date) in the Protection tab (services/adults.py).
            return base
        return base | Qt.ItemFlag.ItemIsEditable

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if column == self.VERIFIED:
            if role == Qt.ItemDataRole.CheckStateRole:
                return Qt.CheckState.Checked if row.verified else Qt.CheckState.Unchecked
            if role == Qt.ItemDataRole.ToolTipRole:
                return self.tr(
                    "Verified once a check confirms the relationship: record how it was checked "
                    "in the Protection tab (Record a check…)."
                )
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return row.full_name if column == self.NAME else row.claimed_relationship
        return None

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid():
            return False
        row = self._rows[index.row()]
        column = index.column()
        if column == self.VERIFIED and role == Qt.ItemDataRole.CheckStateRole:
            checked = value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value, 2, True)
            new = Companion(row.full_name, row.claimed_relationship, checked)
        elif column != self.VERIFIED and role == Qt.ItemDataRole.EditRole:
            text = str(value or "")
            new = (
                Companion(text, row.claimed_relationship, row.verified)
                if column == self.NAME
                else Companion(row.full_name, text, row.verified)
            )
        else:
            return False
        self._rows[index.row()] = new
        self.dataChanged.emit(index, index, [role])
        return True

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (self.tr("Name"), self.tr("Claimed relationship"), self.tr("Verified"))[section]
        return None


class CompanionsEditor(QWidget):
    """The table with Add and Remove; ``text()`` is the parser's accompanying_adults field."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = CompanionsModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(CompanionsModel.NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(
            CompanionsModel.RELATIONSHIP, QHeaderView.ResizeMode.ResizeToContents
        )
        header.setSectionResizeMode(
            CompanionsModel.VERIFIED, QHeaderView.ResizeMode.ResizeToContents
        )
        self.view.setMinimumHeight(90)
        self.view.setMaximumHeight(130)
        self.add_button = QPushButton(self.tr("Add adult"))
        self.remove_button = QPushButton(self.tr("Remove"))
        self.add_button.clicked.connect(self.add)
        self.remove_button.clicked.connect(self.remove_selected)
        for button in (self.add_button, self.remove_button):
            button.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        layout.addLayout(buttons)
        self.setFocusProxy(self.view)
        for signal in (
            self.model.dataChanged,
            self.model.rowsInserted,
            self.model.rowsRemoved,
            self.model.modelReset,
        ):
            signal.connect(self.changed)

    def add(self) -> None:
        row = self.model.add()
        index = self.model.index(row, CompanionsModel.NAME)
        self.view.setCurrentIndex(index)
        self.view.edit(index)

    def remove_selected(self) -> None:
        self.model.remove(self.view.currentIndex().row())

    def marked_widget(self) -> QWidget:
        return self.view

    def text(self) -> str:
        """The parser's text; a row added but left blank is no one."""
        return format_companions(c for c in self.model.companions() if c != Companion(""))

    def companions(self) -> list[Companion]:
        return self.model.companions()

    def set_companions(self, companions: list[Companion]) -> None:
        self.model.set_companions(companions)
