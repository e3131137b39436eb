"""The settings' Papers tab: the language papers are printed in, and the office's texts per
language (legal basis, duties of the guardian, closing formula, signatory's title).

The texts of every language are edited in one go: the language picker shows one language's
four texts at a time and keeps what was typed in the others until Save. An empty text shows
Guardian Desk's default for that language (grey) and prints it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from guardian_desk.domain.vocabularies import TEXT_KINDS
from guardian_desk.services.office_texts import OfficeTexts
from ui.translation import language_choices
from ui.widgets.field_message import FieldMessage


def _hint(text: str) -> QLabel:
    note = QLabel(text, wordWrap=True)
    note.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    return note


def _text_edit(lines: int) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setTabChangesFocus(True)
    edit.setFixedHeight(edit.fontMetrics().lineSpacing() * lines + 12)
    return edit


class PaperTexts(QWidget):
    """The papers' default language, then a language picker and that language's four texts."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._texts: dict[str, OfficeTexts] = {}
        self._defaults: dict[str, OfficeTexts] = {}
        self._shown: str | None = None
        self.papers_language = QComboBox()
        self.papers_language.setObjectName("papers_language")
        self.text_language = QComboBox()
        self.text_language.setObjectName("text_language")
        for code, name in language_choices():
            self.papers_language.addItem(name, code)
            self.text_language.addItem(name, code)
        self.legal_basis = _text_edit(3)
        self.legal_basis.setPlaceholderText(
            self.tr("The law and articles under which this office appoints guardians")
        )
        self.duties = _text_edit(4)
        self.closing = _text_edit(2)
        self.signatory_title = QLineEdit()
        self.editors: dict[str, QPlainTextEdit | QLineEdit] = {
            "legal_basis": self.legal_basis,
            "duties": self.duties,
            "closing": self.closing,
            "signatory_title": self.signatory_title,
        }
        self.errors: dict[str, FieldMessage] = {}
        form = self.form = QFormLayout(self)  # the settings add the letterhead logo below
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("Papers are printed in:"), self._boxed(self.papers_language, self.tr(
            "Unless the officer chooses another language when printing."
        )))  # fmt: skip
        form.addRow(self.tr("Texts in:"), self._boxed(self.text_language, self.tr(
            "Each language has its own texts; an empty text prints Guardian Desk's own."
        )))  # fmt: skip
        for kind, label in (
            ("legal_basis", self.tr("Legal basis:")),
            ("duties", self.tr("Duties of the guardian:")),
            ("closing", self.tr("Closing formula:")),
            ("signatory_title", self.tr("Signatory's title:")),
        ):
            error = FieldMessage()
            error.setObjectName(f"{kind}_error")
            self.errors[kind] = error
            self.editors[kind].setObjectName(kind)
            box = QVBoxLayout()
            box.setSpacing(2)
            box.addWidget(self.editors[kind])
            box.addWidget(error)
            form.addRow(label, box)
        self.text_language.currentIndexChanged.connect(lambda _index: self._show_language())

    def _boxed(self, widget: QWidget, hint: str) -> QVBoxLayout:
        box = QVBoxLayout()
        box.setSpacing(2)
        box.addWidget(widget)
        box.addWidget(_hint(hint))
        return box

    # --- values ------------------------------------------------------------------------------

    def set_stored(
        self,
        papers_language: str,
        texts: Mapping[str, OfficeTexts],
        defaults: Mapping[str, OfficeTexts],
    ) -> None:
        self._texts, self._defaults = dict(texts), dict(defaults)
        found = self.papers_language.findData(papers_language)
        self.papers_language.setCurrentIndex(max(found, 0))
        self._shown = None
        shown = self.text_language.findData(papers_language)
        if shown >= 0 and shown != self.text_language.currentIndex():
            self.text_language.setCurrentIndex(shown)  # shows it
        else:
            self._show_language()

    def show_language(self, language: str) -> None:
        found = self.text_language.findData(language)
        if found >= 0:
            self.text_language.setCurrentIndex(found)

    def language(self) -> str:
        return str(self.papers_language.currentData())

    def _keep_shown(self) -> None:
        if self._shown is None:
            return
        values = {
            "legal_basis": self.legal_basis.toPlainText(),
            "duties": self.duties.toPlainText(),
            "closing": self.closing.toPlainText(),
            "signatory_title": self.signatory_title.text(),
        }
        self._texts[self._shown] = replace(
            self._texts.get(self._shown, OfficeTexts(self._shown)), **values
        )

    def _show_language(self) -> None:
        self._keep_shown()
        code = str(self.text_language.currentData())
        texts = self._texts.get(code, OfficeTexts(code))
        default = self._defaults.get(code, OfficeTexts(code))
        self.legal_basis.setPlainText(texts.legal_basis)
        self.duties.setPlainText(texts.duties)
        self.duties.setPlaceholderText(default.duties)
        self.closing.setPlainText(texts.closing)
        self.closing.setPlaceholderText(default.closing)
        self.signatory_title.setText(texts.signatory_title)
        self.signatory_title.setPlaceholderText(
            self.tr("The signing officer's own title (Accounts)")
        )
        self._shown = code

    def texts(self) -> list[OfficeTexts]:
        """Every language's texts as edited (the service stores only what changed)."""
        self._keep_shown()
        return [self._texts[code] for code in sorted(self._texts)]

    def clear_errors(self) -> None:
        for error in self.errors.values():
            error.hide()
            error.clear()


__all__ = ["TEXT_KINDS", "PaperTexts"]
