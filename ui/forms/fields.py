"""The editors the detail forms are built of: each reads and writes the parsers' field text."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

import pycountry
from PySide6.QtCore import QCoreApplication, QDate, QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QHBoxLayout,
    QLineEdit,
    QSizePolicy,
    QWidget,
)

from guardian_desk.domain.enums import ChildStatus, GenderPreference, Sex
from guardian_desk.domain.languages import country_name
from guardian_desk.domain.validation import EARLIEST_DATE, USER_ASSIGNED_COUNTRIES
from ui.date_input import date_input_format

_RTL = {"R", "AL"}
ISO = "yyyy-MM-dd"


def is_right_to_left(text: str) -> bool:
    """Whether the first strongly directional character is of a right-to-left script."""
    for ch in text:
        direction = unicodedata.bidirectional(ch)
        if direction in _RTL:
            return True
        if direction == "L":
            return False
    return False


def tr(text: str) -> str:
    return QCoreApplication.translate("RecordForm", text)


def sex_labels() -> dict[str, str]:
    return {
        Sex.FEMALE: tr("Female"),
        Sex.MALE: tr("Male"),
        Sex.OTHER: tr("Other"),
        Sex.UNKNOWN: tr("Unknown"),
    }


def preference_labels() -> dict[str, str]:
    return {
        GenderPreference.ANY: tr("No preference"),
        GenderPreference.FEMALE: tr("Female only"),
        GenderPreference.MALE: tr("Male only"),
    }


def status_labels() -> dict[str, str]:
    return {
        ChildStatus.IDENTIFIED: tr("Identified"),
        ChildStatus.AWAITING_GUARDIAN: tr("Awaiting guardian"),
        ChildStatus.UNDER_GUARDIANSHIP: tr("Under guardianship"),
        ChildStatus.TRANSFERRED: tr("Transferred"),
        ChildStatus.RETURNED: tr("Returned"),
        ChildStatus.REUNIFIED: tr("Reunified"),
        ChildStatus.MISSING: tr("Missing"),
        ChildStatus.AGED_OUT: tr("Aged out"),
        ChildStatus.CLOSED: tr("Closed"),
    }


class BidiLineEdit(QLineEdit):
    """A line edit that turns right-to-left when its text starts in Arabic or Hebrew script."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.textChanged.connect(self._follow_direction)

    def _follow_direction(self, text: str) -> None:
        direction = (
            Qt.LayoutDirection.RightToLeft
            if is_right_to_left(text)
            else Qt.LayoutDirection.LeftToRight
        )
        if self.layoutDirection() != direction:
            self.setLayoutDirection(direction)


class ChoiceCombo(QComboBox):
    """A fixed list of (label, value); ``value()`` is the field text the parser reads."""

    def __init__(self, choices: Iterable[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        for label, value in choices:
            self.addItem(label, value)

    def value(self) -> str:
        data = self.currentData()
        return "" if data is None else str(data)

    def set_value(self, value: str) -> None:
        index = self.findData(value)
        if index < 0 and value:  # a stored value the list does not offer: keep it visible
            self.addItem(value, value)
            index = self.count() - 1
        self.setCurrentIndex(max(index, 0))


class CountryCombo(QComboBox):
    """Every ISO 3166 country plus XK (Kosovo) and XX (unknown); type to search by name or code."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        codes = [c.alpha_2 for c in pycountry.countries] + list(USER_ASSIGNED_COUNTRIES)
        for name, code in sorted((country_name(code), code) for code in codes):
            self.addItem(f"{name} ({code})", code)
        completer = QCompleter(self.model(), self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)
        line = self.lineEdit()
        assert line is not None
        line.setPlaceholderText(tr("Type a country or its code"))
        self.setCurrentIndex(-1)

    def value(self) -> str:
        """The chosen country's code; text that names no listed country goes to the parser."""
        text = self.currentText().strip()
        index = self.findText(text, Qt.MatchFlag.MatchFixedString)
        if index < 0 and len(text) > 2:  # a name typed in full, without choosing from the list
            index = self.findText(f"{text} (", Qt.MatchFlag.MatchStartsWith)
        if index >= 0:
            return str(self.itemData(index))
        return text.upper() if len(text) == 2 else text

    def set_value(self, code: str) -> None:
        index = self.findData(code)
        if index >= 0:
            self.setCurrentIndex(index)
        else:
            self.setCurrentIndex(-1)
            self.setEditText(code)


class DateField(QWidget):
    """A date with a calendar; an optional one has a check box, and shows "—" when empty.

    ``text()`` is ISO (YYYY-MM-DD) or empty, as the parsers read it.
    """

    changed = Signal()

    def __init__(self, *, optional: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.check: QCheckBox | None = None
        if optional:
            self.check = QCheckBox()
            self.check.setToolTip(tr("Known"))
            self.check.toggled.connect(self._toggled)
            layout.addWidget(self.check)
        self.edit = QDateEdit()
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat(date_input_format())  # text() stays ISO for the parsers
        # The day before the earliest acceptable date stands for "empty".
        self._none = QDate(EARLIEST_DATE.year, EARLIEST_DATE.month, EARLIEST_DATE.day).addDays(-1)
        self.edit.setMinimumDate(self._none)
        self.edit.setMaximumDate(QDate(2199, 12, 31))
        self.edit.setSpecialValueText("—")
        self.edit.dateChanged.connect(lambda _d: self.changed.emit())
        sample = QDate(2000, 12, 28).toString(self.edit.displayFormat())
        self.edit.setMinimumWidth(self.edit.fontMetrics().horizontalAdvance(sample) + 48)
        layout.addWidget(self.edit)
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.setFocusProxy(self.edit)
        self._last = QDate.currentDate()
        self.set_text("")

    def _focus_on(self, known: bool) -> None:
        target: QWidget = self.edit if known or self.check is None else self.check
        self.setFocusProxy(target)

    def _toggled(self, on: bool) -> None:
        self.edit.setEnabled(on)
        self._focus_on(on)
        if on and self.edit.date() == self._none:
            self.edit.setDate(self._last)
        elif not on:
            if self.edit.date() != self._none:
                self._last = self.edit.date()
            self.edit.setDate(self._none)
        self.changed.emit()

    def marked_widget(self) -> QWidget:
        return self.edit

    def text(self) -> str:
        if self.edit.date() == self._none:
            return ""
        return self.edit.date().toString(ISO)

    def set_text(self, iso: str) -> None:
        parsed = QDate.fromString(iso, ISO) if iso else QDate()
        with QSignalBlocker(self.edit):
            if self.check is not None:
                with QSignalBlocker(self.check):
                    self.check.setChecked(parsed.isValid())
                self.edit.setEnabled(parsed.isValid())
                self._focus_on(parsed.isValid())
            self.edit.setDate(parsed if parsed.isValid() else self._empty_date())
        self.changed.emit()

    def _empty_date(self) -> QDate:
        return self._none if self.check is not None else QDate.currentDate()

    def set_date(self, value: QDate) -> None:
        """Set a date as the officer would (checks the box of an optional field)."""
        if self.check is not None:
            self.check.setChecked(True)
        self.edit.setDate(value)
