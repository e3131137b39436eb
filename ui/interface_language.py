"""Choosing the interface language: the row under the sign-in and set-up forms.

A change applies at once to the core and to Qt (ui/translation.py); the main window is then
reopened by the app (ui/app.py `Launcher`) so every page is built again in the new language.
Before sign-in nothing is lost; Settings asks first (records may be open).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from guardian_desk import i18n
from ui.translation import apply_language, language_choices, save_language


class LanguageRow(QWidget):
    """ "Language: [Shqip ▾]", each language named in itself so anyone finds their own."""

    chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 12, 0, 0)
        self.combo = QComboBox()
        self.combo.setObjectName("interface_language")
        for code, name in language_choices():
            self.combo.addItem(name, code)
        index = self.combo.findData(i18n.current_language())
        self.combo.setCurrentIndex(max(index, 0))
        label = QLabel(self.tr("&Language:"))
        label.setBuddy(self.combo)
        row.addStretch(1)
        row.addWidget(label)
        row.addWidget(self.combo)
        self.combo.activated.connect(self._activated)

    def _activated(self, index: int) -> None:
        code = self.combo.itemData(index)
        if code != i18n.current_language():
            self.chosen.emit(code)


def switch_language(code: str) -> str:
    """Remember the choice on this computer and translate from now on."""
    save_language(code)
    return apply_language(code)
