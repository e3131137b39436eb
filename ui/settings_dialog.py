"""The office's settings, edited like any record: read with its version, saved or refused whole.

The office fields live in the database (guardian_desk.services.settings, audited); who is
signed in is the account's business (File > Change password, Accounts). Three tabs: the office,
visits and matching, and the papers (legal basis and letterhead logo).
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from guardian_desk.domain.errors import ConflictError, ValidationErrors
from guardian_desk.domain.records import SettingsData
from guardian_desk.services.settings import get_settings, set_letterhead_logo, update_settings
from ui.bridge import CoreBridge, Task
from ui.settings_fields import (
    MatchingWeights,
    StoredSettings,
    country_choices,
    searchable,
    spin_box,
    stored_settings,
    time_zone_choices,
)
from ui.widgets.field_message import FieldMessage, error_colour
from ui.widgets.logo_picker import LogoPicker

__all__ = ["SettingsDialog", "country_choices", "time_zone_choices"]


def _load(session: Session, task: Task) -> StoredSettings:
    return stored_settings(get_settings(session))


class SettingsDialog(QDialog):
    saved = Signal()

    def __init__(self, bridge: CoreBridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._stored = SettingsData("", "", "AL", "Europe/Tirane", 25, 15, 30)
        self.setWindowTitle(self.tr("Office settings"))
        self._bridge = bridge
        self._version: int | None = None
        self._busy = False
        self.errors: dict[str, QLabel] = {}
        self.fields: dict[str, QWidget] = {}
        layout = self._layout = QVBoxLayout(self)
        self.message = QLabel(wordWrap=True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.hide()
        layout.addWidget(self.message)
        self.tabs = QTabWidget()
        layout.addWidget(self.tabs)
        self._office_tab()
        self._visits_tab()
        self._papers_tab()
        self._protection_tab()

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.resize(680, self.sizeHint().height())
        self.reload()

    # --- the tabs ----------------------------------------------------------------------------

    def _form(self, title: str) -> QFormLayout:
        page = QWidget()
        column = QVBoxLayout(page)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        column.addLayout(form)
        column.addStretch(1)  # a shorter tab keeps its hints by their fields
        self.tabs.addTab(page, title)
        return form

    def _office_tab(self) -> None:
        form = self._form(self.tr("Office"))
        self.organisation_name = QLineEdit()
        self.organisation_address = QPlainTextEdit()
        self.organisation_address.setTabChangesFocus(True)
        self.organisation_address.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.office_phone = QLineEdit()
        self.office_email = QLineEdit()
        self.help_line = QLineEdit()
        self.country = searchable(QComboBox())
        for label, code in country_choices():
            self.country.addItem(label, code)
        self.time_zone = searchable(QComboBox())
        self.time_zone.addItems(time_zone_choices())
        self.caseload_cap = spin_box(self.tr(" children per guardian"))
        self.appointment_deadline_days = spin_box(self.tr(" working days"))
        for name, label, widget, hint in (
            ("organisation_name", self.tr("Organisation:"), self.organisation_name, ""),
            ("organisation_address", self.tr("Address:"), self.organisation_address, ""),
            ("office_phone", self.tr("Phone:"), self.office_phone,
             self.tr("Printed on the letterhead; a local number is read in the country below.")),
            ("office_email", self.tr("Email:"), self.office_email,
             self.tr("Printed on the letterhead.")),
            ("help_line", self.tr("Help line for children:"), self.help_line,
             self.tr("Printed on the child's card; a short number such as 116 111 will do. "
                     "Left empty, the card gives the phone above.")),
            ("country", self.tr("Country:"), self.country,
             self.tr("Public holidays and working days follow it.")),
            ("time_zone", self.tr("Time zone:"), self.time_zone, ""),
            ("caseload_cap", self.tr("Caseload cap:"), self.caseload_cap,
             self.tr("The most children one guardian may have.")),
            ("appointment_deadline_days", self.tr("Guardian within:"),
             self.appointment_deadline_days,
             self.tr("From identification to appointment (EU rule: 15).")),
        ):  # fmt: skip
            self._add_field(form, name, label, widget, hint)

    def _visits_tab(self) -> None:
        form = self._form(self.tr("Visits and matching"))
        self.visit_interval_days = spin_box(self.tr(" days"))
        self.first_visit_days = spin_box(self.tr(" days"))
        self.visit_minutes = spin_box(self.tr(" minutes"))
        self.travel_buffer_minutes = spin_box(self.tr(" minutes"))
        self.gender_preference_hard = QCheckBox(self.tr("A child's gender preference excludes"))
        self.matching_weights = MatchingWeights()
        for name, label, widget, hint in (
            ("visit_interval_days", self.tr("Visit at least every:"), self.visit_interval_days,
             self.tr("A child not visited for longer is flagged.")),
            ("first_visit_days", self.tr("First visit within:"), self.first_visit_days,
             self.tr("Counted from the guardian's appointment.")),
            ("visit_minutes", self.tr("Visit length:"), self.visit_minutes,
             self.tr("The time guardian, mediator and facility must all have free.")),
            ("travel_buffer_minutes", self.tr("Travel time kept free:"),
             self.travel_buffer_minutes,
             self.tr("Before and after each visit, unless the next is at the same place.")),
            ("gender_preference_hard", "", self.gender_preference_hard,
             self.tr("Unticked, a guardian or mediator of the other gender is still "
                     "proposed, only with a lower score.")),
        ):  # fmt: skip
            self._add_field(form, name, label, widget, hint)
        form.addRow(self.matching_weights)
        self.fields["matching_weights"] = self.matching_weights
        self.errors["matching_weights"] = self.matching_weights.error
        for key, spin in self.matching_weights.spins.items():
            self.fields[f"matching_weights.{key}"] = spin
            self.errors[f"matching_weights.{key}"] = self.matching_weights.errors[key]

    def _protection_tab(self) -> None:
        form = self._form(self.tr("Protection"))
        self.idle_lock_minutes = spin_box(self.tr(" minutes"))
        self.retention_years = spin_box(self.tr(" years"))
        for name, label, widget, hint in (
            ("idle_lock_minutes", self.tr("Lock the window after:"), self.idle_lock_minutes,
             self.tr("Of no keyboard or mouse use; Ctrl+L locks at once. Open records wait "
                     "behind the lock.")),
            ("retention_years", self.tr("Keep closed cases for:"), self.retention_years,
             self.tr("After that an administrator may anonymise them (names, exact birth "
                     "date, notes); the figures still count them.")),
        ):  # fmt: skip
            self._add_field(form, name, label, widget, hint)

    def _papers_tab(self) -> None:
        form = self._form(self.tr("Papers"))
        self.legal_basis = QPlainTextEdit()
        self.legal_basis.setTabChangesFocus(True)
        self.legal_basis.setFixedHeight(self.fontMetrics().lineSpacing() * 8 + 12)
        self.legal_basis.setPlaceholderText(
            self.tr("The law and articles under which this office appoints guardians")
        )
        self.letterhead_logo = LogoPicker(self._bridge)
        self.letterhead_logo.busy_changed.connect(lambda _busy: self._enable_save())
        self._add_field(
            form,
            "legal_basis",
            self.tr("Legal basis:"),
            self.legal_basis,
            self.tr("Quoted in every appointment decision; left empty, the section is left out."),
        )
        self._add_field(
            form,
            "letterhead_logo",
            self.tr("Letterhead logo:"),
            self.letterhead_logo,
            self.tr("PNG or JPEG, at most 2 MB and 4000×4000 pixels."),
            error=self.letterhead_logo.error,
        )

    def _add_field(
        self,
        form: QFormLayout,
        name: str,
        label: str,
        widget: QWidget,
        hint: str = "",
        *,
        error: FieldMessage | None = None,
    ) -> None:
        box = QVBoxLayout()
        box.setSpacing(2)
        box.addWidget(widget)
        if error is None:  # the logo picker shows its own, under its buttons
            error = FieldMessage()
            error.setObjectName(f"{name}_error")
            box.addWidget(error)
        if hint:
            note = QLabel(hint, wordWrap=True)
            note.setForegroundRole(QPalette.ColorRole.PlaceholderText)
            box.addWidget(note)
        widget.setObjectName(name)
        form.addRow(label, box)
        self.errors[name] = error
        self.fields[name] = widget

    # --- loading -----------------------------------------------------------------------------

    def reload(self) -> None:
        self._version = None
        self._set_busy(True)
        self._bridge.run(_load, on_success=self._loaded, on_failure=self._failed)

    def _loaded(self, result: StoredSettings) -> None:
        data, self._version = result.data, result.version
        self._stored = data
        self.organisation_name.setText(data.organisation_name)
        self.organisation_address.setPlainText(data.organisation_address)
        self.office_phone.setText(data.office_phone)
        self.office_email.setText(data.office_email)
        self.help_line.setText(data.help_line)
        found = self.country.findData(data.country)
        if found >= 0:
            self.country.setCurrentIndex(found)
        else:
            self.country.setEditText(data.country)
        self.time_zone.setCurrentText(data.time_zone)
        self.caseload_cap.setValue(data.caseload_cap)
        self.appointment_deadline_days.setValue(data.appointment_deadline_days)
        self.visit_interval_days.setValue(data.visit_interval_days)
        self.first_visit_days.setValue(data.first_visit_days)
        self.visit_minutes.setValue(data.visit_minutes)
        self.travel_buffer_minutes.setValue(data.travel_buffer_minutes)
        self.idle_lock_minutes.setValue(data.idle_lock_minutes)
        self.retention_years.setValue(data.retention_years)
        self.gender_preference_hard.setChecked(data.gender_preference_hard)
        self.matching_weights.set_weights(data.matching_weights)
        self.legal_basis.setPlainText(data.legal_basis)
        self.letterhead_logo.set_stored(result.logo, result.logo_info)
        self._set_busy(False)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        for widget in self.fields.values():
            widget.setEnabled(not busy)
        self._enable_save()

    def _enable_save(self) -> None:
        """Save waits for the worker: loading, saving, or checking a chosen logo."""
        self.save_button.setEnabled(
            not self._busy and self._version is not None and not self.letterhead_logo.is_busy()
        )

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
            office_phone=self.office_phone.text(),
            office_email=self.office_email.text(),
            help_line=self.help_line.text(),
            country=self.country_code(),
            time_zone=self.time_zone.currentText().strip(),
            caseload_cap=self.caseload_cap.value(),
            appointment_deadline_days=self.appointment_deadline_days.value(),
            visit_interval_days=self.visit_interval_days.value(),
            first_visit_days=self.first_visit_days.value(),
            visit_minutes=self.visit_minutes.value(),
            travel_buffer_minutes=self.travel_buffer_minutes.value(),
            idle_lock_minutes=self.idle_lock_minutes.value(),
            retention_years=self.retention_years.value(),
            gender_preference_hard=self.gender_preference_hard.isChecked(),
            matching_weights=self.matching_weights.changed_weights(),
            legal_basis=self.legal_basis.toPlainText(),
        )

    def save(self) -> None:
        if self._version is None or self.letterhead_logo.is_busy():
            return
        data, version = self.entered(), self._version
        picker = self.letterhead_logo
        logo_changed, logo, logo_name = picker.is_changed(), picker.logo(), picker.file_name()
        self._clear_errors()
        self._set_busy(True)

        def work(session: Session, task: Task) -> StoredSettings:
            row = update_settings(session, data, version)
            if logo_changed:  # one unit of work: a refused logo saves nothing else either
                row = set_letterhead_logo(session, logo, row.version, name=logo_name)
            return stored_settings(row)

        self._bridge.run(work, writes=True, on_success=self._saved, on_failure=self._failed)

    def _saved(self, result: StoredSettings) -> None:
        self._loaded(result)
        self.saved.emit()
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self._set_busy(False)
        if isinstance(error, ValidationErrors):
            self._show_errors(error)
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

    def _show_errors(self, error: ValidationErrors) -> None:
        """Each message at its field; the first field's tab comes forward, and takes focus."""
        first: QWidget | None = None
        for fault in error.errors:
            label = self.errors.get(fault.field)
            if label is None:  # not a field of this form: say it above the tabs
                self._say(str(fault))
                continue
            label.setText(str(fault))
            label.show()
            widget = self.fields[fault.field]
            tab = self._tab_of(widget)
            self.tabs.tabBar().setTabTextColor(tab, error_colour(self.palette()))
            first = first or widget
        if first is not None:
            self.tabs.setCurrentIndex(self._tab_of(first))
            first.setFocus()
        self._fit_height()

    def _tab_of(self, widget: QWidget) -> int:
        for index in range(self.tabs.count()):
            page = self.tabs.widget(index)
            if page is not None and page.isAncestorOf(widget):
                return index
        return self.tabs.currentIndex()

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()
        self._fit_height()

    def _fit_height(self) -> None:
        """Grow to show every message whole (wrapped labels need the height for the width)."""
        layout = self._layout
        needed = layout.totalHeightForWidth(self.width()) if layout.hasHeightForWidth() else 0
        needed = max(needed, self.sizeHint().height())  # a tab's page does not report hfw
        if needed > self.height():
            self.resize(self.width(), needed)

    def _clear_errors(self) -> None:
        self.message.hide()
        for label in self.errors.values():
            label.hide()
            label.clear()
        for index in range(self.tabs.count()):
            self.tabs.tabBar().setTabTextColor(index, QColor())
