"""The registry's status filter: any number of statuses ticked in a menu (none: any status)."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QToolButton, QWidget

from guardian_desk.i18n import ngettext
from guardian_desk.i18n.formats import number_text

SHOWN_NAMES = 2  # more ticked statuses than this are counted, not named


class StatusFilter(QToolButton):
    """A button showing what is ticked ("Any status", "Identified, Missing", "3 statuses")
    with a menu of checkable statuses; ``changed`` fires on every tick."""

    changed = Signal()

    def __init__(
        self, everything: str, items: list[tuple[str, str]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._everything = everything
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.menu_ = QMenu(self)
        self.menu_.setToolTipsVisible(True)
        self.any_action = self.menu_.addAction(everything)
        self.any_action.triggered.connect(self.clear)
        self.menu_.addSeparator()
        self.actions_: dict[str, QAction] = {}
        for label, value in items:
            action = self.menu_.addAction(label)
            action.setCheckable(True)
            action.setData(value)
            action.toggled.connect(self._toggled)
            self.actions_[value] = action
        self.setMenu(self.menu_)
        self._show()

    def values(self) -> frozenset[str] | None:
        """The ticked statuses; None when none is ticked (any status)."""
        ticked = frozenset(v for v, a in self.actions_.items() if a.isChecked())
        return ticked or None

    def set_values(self, values: Iterable[str]) -> None:
        wanted = set(values)
        for value, action in self.actions_.items():
            action.blockSignals(True)
            action.setChecked(value in wanted)
            action.blockSignals(False)
        self._show()
        self.changed.emit()

    def clear(self) -> None:
        self.set_values(())

    def labels(self) -> list[str]:
        return [a.text() for a in self.actions_.values() if a.isChecked()]

    def _toggled(self, _checked: bool) -> None:
        self._show()
        self.changed.emit()

    def _show(self) -> None:
        labels = self.labels()
        if not labels:
            text = self._everything
        elif len(labels) <= SHOWN_NAMES:
            text = ", ".join(labels)
        else:
            text = ngettext("{count} status", "{count} statuses", len(labels)).format(
                count=number_text(len(labels))
            )
        self.setText(text)
        self.setToolTip("\n".join(labels) if labels else self._everything)
