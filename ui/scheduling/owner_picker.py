"""Choosing whose calendar: a guardian, a mediator or a facility, found by code or name."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QCompleter, QHBoxLayout, QWidget

from guardian_desk.calendars import CalendarOwnerRef
from ui.scheduling.common import OWNER_KINDS, tr


class OwnerPicker(QWidget):
    """Guardian, mediator or facility, then which one: type any part of a code or name."""

    chosen = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.owners: list[CalendarOwnerRef] = []
        self.kind = QComboBox()
        for key, label in OWNER_KINDS:
            self.kind.addItem(tr(label), key)
        self.kind.currentIndexChanged.connect(self._refill)
        self.who = QComboBox()
        self.who.setEditable(True)
        self.who.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.who.setMinimumContentsLength(28)
        completer = QCompleter(self.who.model(), self.who)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.who.setCompleter(completer)
        line = self.who.lineEdit()
        if line is not None:
            line.setPlaceholderText(self.tr("Type a code or a name…"))
        self.who.currentIndexChanged.connect(lambda _i: self.chosen.emit())
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.kind)
        row.addWidget(self.who, 1)

    def set_owners(self, owners: list[CalendarOwnerRef]) -> None:
        self.owners = owners
        self._refill()

    def _refill(self) -> None:
        kind = self.kind.currentData()
        current = self.current()
        self.who.blockSignals(True)
        self.who.clear()
        for ref in self.owners:
            if ref.owner == kind:
                self.who.addItem(f"{ref.code}  \u2068{ref.name}\u2069", ref)
        found = self.index_of(current) if current is not None else -1
        self.who.setCurrentIndex(max(found, 0) if self.who.count() else -1)
        self.who.blockSignals(False)
        self.chosen.emit()

    def index_of(self, ref: CalendarOwnerRef) -> int:
        for index in range(self.who.count()):
            if self.who.itemData(index) == ref:
                return index
        return -1

    def choose(self, kind: str, owner_id: int) -> None:
        self.kind.setCurrentIndex(self.kind.findData(kind))
        for index in range(self.who.count()):
            ref = self.who.itemData(index)
            if ref.id == owner_id:
                self.who.setCurrentIndex(index)
                return

    def current(self) -> CalendarOwnerRef | None:
        ref = self.who.currentData()
        return ref if isinstance(ref, CalendarOwnerRef) else None
