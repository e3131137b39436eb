"""The language a paper is printed in: the office's (default) or another, and bilingual with
English. Used by the Print menu's dialogs and the papers offered after an appointment."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QWidget

from ui.translation import language_choices


class PaperLanguageChoice(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.combo = QComboBox()
        self.combo.setObjectName("paper_language")
        self.combo.addItem(self.tr("The office's language"), None)
        for code, name in language_choices():
            self.combo.addItem(name, code)
        self.bilingual_box = QCheckBox(self.tr("Bilingual (with English)"))
        self.bilingual_box.setObjectName("bilingual")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.combo, 1)
        row.addWidget(self.bilingual_box)
        self.combo.currentIndexChanged.connect(lambda _index: self._english_once())

    def _english_once(self) -> None:
        """An English paper is English once: nothing to add beside it."""
        english = self.combo.currentData() == "en"
        self.bilingual_box.setEnabled(not english)
        if english:
            self.bilingual_box.setChecked(False)

    def language(self) -> str | None:
        """None: the office's language (the core knows it)."""
        data = self.combo.currentData()
        return str(data) if data else None

    def set_language(self, code: str | None) -> None:
        self.combo.setCurrentIndex(max(self.combo.findData(code), 0))

    def bilingual(self) -> bool:
        return self.bilingual_box.isChecked()
