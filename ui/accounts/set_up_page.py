"""First start: the office's name, country, time zone and language, and its administrator.

Loaded only when an office has no account yet (the country and time-zone lists are large).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from ui.accounts.pages import Centred, message_label, password_field, title_label
from ui.interface_language import LanguageRow
from ui.settings_fields import country_choices, searchable, time_zone_choices

LANGUAGES = (("English", "en"), ("Shqip", "sq"), ("Српски", "sr"), ("Srpski", "sr-Latn"),
             ("Македонски", "mk"))  # fmt: skip


class SetUpPage(Centred):
    """First start: the office and its administrator, in one step."""

    submitted = Signal(dict)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.column.addWidget(title_label(self.tr("Set up your office")))
        intro = QLabel(
            self.tr(
                "Guardian Desk needs the office's details and an administrator account before "
                "it opens. The administrator adds the other officers' accounts later."
            ),
            wordWrap=True,
        )
        self.column.addWidget(intro)
        office = QGroupBox(self.tr("Office"))
        office_form = QFormLayout(office)
        self.office_name = QLineEdit()
        self.country = searchable(QComboBox())
        for label, code in country_choices():
            self.country.addItem(label, code)
        self.time_zone = searchable(QComboBox())
        self.time_zone.addItems(time_zone_choices())
        self.language = QComboBox()
        for label, code in LANGUAGES:
            self.language.addItem(label, code)
        office_form.addRow(self.tr("Office &name:"), self.office_name)
        office_form.addRow(self.tr("&Country:"), self.country)
        office_form.addRow(self.tr("&Time zone:"), self.time_zone)
        office_form.addRow(self.tr("&Language:"), self.language)
        self.column.addWidget(office)
        admin = QGroupBox(self.tr("Administrator"))
        admin_form = QFormLayout(admin)
        self.username = QLineEdit()
        self.username.setPlaceholderText(self.tr("for example elira.hoxha"))
        self.full_name = QLineEdit()
        self.title = QLineEdit()
        self.title.setPlaceholderText(self.tr("printed under your signature"))
        self.password = password_field()
        self.repeat = password_field()
        admin_form.addRow(self.tr("&User name:"), self.username)
        admin_form.addRow(self.tr("&Full name:"), self.full_name)
        admin_form.addRow(self.tr("T&itle:"), self.title)
        admin_form.addRow(self.tr("&Password:"), self.password)
        admin_form.addRow(self.tr("&Repeat password:"), self.repeat)
        self.column.addWidget(admin)
        self.message = message_label()
        self.column.addWidget(self.message)
        self.button = QPushButton(self.tr("Set up and sign in"))
        self.button.setDefault(True)
        self.button.clicked.connect(self._submit)
        self.column.addWidget(self.button, alignment=Qt.AlignmentFlag.AlignRight)
        self.interface_language = LanguageRow()
        self.column.addWidget(self.interface_language)
        self.finish()

    def start(
        self, country: str = "AL", time_zone: str = "Europe/Tirane", language: str = "en"
    ) -> None:
        found = self.country.findData(country)
        self.country.setCurrentIndex(max(found, 0))
        self.time_zone.setCurrentText(time_zone)
        self.language.setCurrentIndex(max(self.language.findData(language), 0))
        self.say(self.message, "")
        self.set_busy(False)
        self.office_name.setFocus()

    def set_busy(self, busy: bool) -> None:
        self.button.setEnabled(not busy)

    def refuse(self, text: str) -> None:
        self.set_busy(False)
        self.say(self.message, text)

    def values(self) -> dict[str, Any]:
        text = self.country.currentText().strip()
        found = self.country.findText(text, Qt.MatchFlag.MatchFixedString)
        return {
            "office_name": self.office_name.text(),
            "country": str(self.country.itemData(found)) if found >= 0 else text,
            "time_zone": self.time_zone.currentText().strip(),
            "language": str(self.language.currentData()),
            "username": self.username.text().strip(),
            "full_name": self.full_name.text(),
            "title": self.title.text(),
            "password": self.password.text(),
        }

    def _submit(self) -> None:
        if self.password.text() != self.repeat.text():
            self.say(self.message, self.tr("The two passwords differ; type them again."))
            self.password.clear()
            self.repeat.clear()
            self.password.setFocus()
            return
        self.set_busy(True)
        self.submitted.emit(self.values())
