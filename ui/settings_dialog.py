"""The office's settings, edited like any record: read with its version, saved or refused whole.

The office fields live in the database (guardian_desk.services.settings, audited); the signed-in
officer's name is this PC's own and lives in QSettings ("officer/name").
"""

from __future__ import annotations

from dataclasses import replace
from zoneinfo import available_timezones

import pycountry
from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from guardian_desk.domain.errors import ConflictError, ValidationErrors
from guardian_desk.domain.records import SettingsData
from guardian_desk.domain.validation import USER_ASSIGNED_COUNTRIES
from guardian_desk.services.settings import get_settings, settings_data, update_settings
from ui.bridge import CoreBridge, Task
from ui.home_models import attention_color

OFFICER_KEY = "officer/name"
ZONE_AREAS = {
    "Africa",
    "America",
    "Antarctica",
    "Asia",
    "Atlantic",
    "Australia",
    "Indian",
    "Pacific",
}


def country_choices() -> list[tuple[str, str]]:
    """(label, ISO code) of every country, by name; Kosovo too, under the code the region uses."""
    choices = [(getattr(c, "common_name", None) or c.name, c.alpha_2) for c in pycountry.countries]
    choices.append((USER_ASSIGNED_COUNTRIES["XK"], "XK"))
    return sorted((f"{name} ({code})", code) for name, code in choices)


def time_zone_choices() -> list[str]:
    """Europe first (where the offices are), then the other regions, then UTC."""
    zones = available_timezones()
    europe = sorted(z for z in zones if z.startswith("Europe/"))
    rest = sorted(z for z in zones if z.split("/")[0] in ZONE_AREAS)
    return [*europe, *rest, "UTC"]


def searchable(combo: QComboBox) -> QComboBox:
    """An editable combo whose list filters on any part of what is typed."""
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    completer = QCompleter(combo.model(), combo)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    combo.setCompleter(completer)
    return combo


def _load(session: Session, task: Task) -> tuple[SettingsData, int]:
    row = get_settings(session)
    return settings_data(row), row.version


class SettingsDialog(QDialog):
    saved = Signal()

    def __init__(self, bridge: CoreBridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._stored = SettingsData("", "", "AL", "Europe/Tirane", 25, 15, 30)
        self.setWindowTitle(self.tr("Office settings"))
        self._bridge = bridge
        self._version: int | None = None
        layout = self._layout = QVBoxLayout(self)
        self.message = QLabel(wordWrap=True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.hide()
        layout.addWidget(self.message)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        layout.addLayout(self.form)

        self.organisation_name = QLineEdit()
        self.organisation_address = QPlainTextEdit()
        self.organisation_address.setTabChangesFocus(True)
        self.organisation_address.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.country = searchable(QComboBox())
        for label, code in country_choices():
            self.country.addItem(label, code)
        self.time_zone = searchable(QComboBox())
        self.time_zone.addItems(time_zone_choices())
        # Wide ranges on purpose: the office's rules (guardian_desk) judge, and say why.
        self.caseload_cap = QSpinBox(minimum=0, maximum=999)
        self.caseload_cap.setSuffix(self.tr(" children per guardian"))
        self.appointment_deadline_days = QSpinBox(minimum=0, maximum=999)
        self.appointment_deadline_days.setSuffix(self.tr(" working days"))
        self.visit_interval_days = QSpinBox(minimum=0, maximum=999)
        self.visit_interval_days.setSuffix(self.tr(" days"))
        self.officer_name = QLineEdit()
        self.officer_name.setPlaceholderText(self.tr("Your name, as the audit trail shows it"))

        self.errors: dict[str, QLabel] = {}
        self.fields: dict[str, QWidget] = {}
        for name, label, widget, hint in (
            ("organisation_name", self.tr("Organisation:"), self.organisation_name, ""),
            ("organisation_address", self.tr("Address:"), self.organisation_address, ""),
            (
                "country",
                self.tr("Country:"),
                self.country,
                self.tr("Public holidays and working days follow it."),
            ),
            ("time_zone", self.tr("Time zone:"), self.time_zone, ""),
            (
                "caseload_cap",
                self.tr("Caseload cap:"),
                self.caseload_cap,
                self.tr("The most children one guardian may have."),
            ),
            (
                "appointment_deadline_days",
                self.tr("Guardian within:"),
                self.appointment_deadline_days,
                self.tr("From identification to appointment (EU rule: 15)."),
            ),
            (
                "visit_interval_days",
                self.tr("Visit at least every:"),
                self.visit_interval_days,
                self.tr("A child not visited for longer is flagged."),
            ),
            (
                "officer_name",
                self.tr("Signed-in officer:"),
                self.officer_name,
                self.tr("Kept on this computer only."),
            ),
        ):
            self._add_field(name, label, widget, hint)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.resize(620, self.sizeHint().height())
        self.officer_name.setText(str(QSettings().value(OFFICER_KEY, "", type=str) or ""))
        self.reload()

    def _add_field(self, name: str, label: str, widget: QWidget, hint: str) -> None:
        box = QVBoxLayout()
        box.setSpacing(2)
        box.addWidget(widget)
        error = QLabel(wordWrap=True)
        error.setTextFormat(Qt.TextFormat.PlainText)
        error.setObjectName(f"{name}_error")
        palette = error.palette()
        palette.setColor(QPalette.ColorRole.WindowText, attention_color(self.palette()))
        error.setPalette(palette)
        error.hide()
        box.addWidget(error)
        if hint:
            note = QLabel(hint, wordWrap=True)
            note.setForegroundRole(QPalette.ColorRole.PlaceholderText)
            box.addWidget(note)
        widget.setObjectName(name)
        self.form.addRow(label, box)
        self.errors[name] = error
        self.fields[name] = widget

    # --- loading -----------------------------------------------------------------------------

    def reload(self) -> None:
        self._set_busy(True)
        self._bridge.run(_load, on_success=self._loaded, on_failure=self._failed)

    def _loaded(self, result: tuple[SettingsData, int]) -> None:
        data, self._version = result
        self._stored = data  # fields this dialog does not show (matching) are kept as stored
        self.organisation_name.setText(data.organisation_name)
        self.organisation_address.setPlainText(data.organisation_address)
        found = self.country.findData(data.country)
        if found >= 0:
            self.country.setCurrentIndex(found)
        else:
            self.country.setEditText(data.country)
        self.time_zone.setCurrentText(data.time_zone)
        self.caseload_cap.setValue(data.caseload_cap)
        self.appointment_deadline_days.setValue(data.appointment_deadline_days)
        self.visit_interval_days.setValue(data.visit_interval_days)
        self._set_busy(False)

    def _set_busy(self, busy: bool) -> None:
        for widget in self.fields.values():
            widget.setEnabled(not busy)
        self.save_button.setEnabled(not busy and self._version is not None)

    # --- saving ------------------------------------------------------------------------------

    def country_code(self) -> str:
        """The chosen country's code; typed text that names no country goes as it is."""
        text = self.country.currentText().strip()
        found = self.country.findText(text, Qt.MatchFlag.MatchFixedString)
        return str(self.country.itemData(found)) if found >= 0 else text

    def entered(self) -> SettingsData:
        return replace(
            self._stored,
            organisation_name=self.organisation_name.text(),
            organisation_address=self.organisation_address.toPlainText(),
            country=self.country_code(),
            time_zone=self.time_zone.currentText().strip(),
            caseload_cap=self.caseload_cap.value(),
            appointment_deadline_days=self.appointment_deadline_days.value(),
            visit_interval_days=self.visit_interval_days.value(),
        )

    def save(self) -> None:
        if self._version is None:
            return
        data, version = self.entered(), self._version
        self._clear_errors()
        self._set_busy(True)

        def work(session: Session, task: Task) -> tuple[SettingsData, int]:
            row = update_settings(session, data, version)
            return settings_data(row), row.version

        self._bridge.run(work, writes=True, on_success=self._saved, on_failure=self._failed)

    def _saved(self, result: tuple[SettingsData, int]) -> None:
        self._loaded(result)
        officer = " ".join(self.officer_name.text().split())
        settings = QSettings()
        if officer:
            settings.setValue(OFFICER_KEY, officer)
        else:
            settings.remove(OFFICER_KEY)  # back to the system user's name
        settings.sync()
        self.saved.emit()
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self._set_busy(False)
        if isinstance(error, ValidationErrors):
            first: QWidget | None = None
            for fault in error.errors:
                label = self.errors.get(fault.field)
                if label is None:  # not a field of this form: say it above the form
                    self._say(str(fault))
                    continue
                label.setText(str(fault))
                label.show()
                first = first or self.fields[fault.field]
            if first is not None:
                first.setFocus()
            self._fit_height()
        elif isinstance(error, ConflictError):
            self._say(
                self.tr(
                    "Someone else changed the office settings while you were editing them; "
                    "nothing of yours was saved. The stored settings are shown again: check "
                    "them and make your changes once more."
                )
            )
            self.reload()
        elif isinstance(error, Exception) and type(error).__module__.startswith("guardian_desk"):
            self._say(str(error))
        else:
            raise error

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()
        self._fit_height()

    def _fit_height(self) -> None:
        """Grow to show every message whole (wrapped labels need the height for the width)."""
        layout = self._layout
        needed = layout.totalHeightForWidth(self.width()) if layout.hasHeightForWidth() else 0
        if needed > self.height():
            self.resize(self.width(), needed)

    def _clear_errors(self) -> None:
        self.message.hide()
        for label in self.errors.values():
            label.hide()
            label.clear()
