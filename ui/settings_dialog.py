"""The office's settings, edited like any record: read with its version, saved or refused whole.

The office fields live in the database (guardian_desk.services.settings, audited); who is
signed in is the account's business (File > Change password, Accounts). Four tabs: the office
(and this computer's interface language, kept in QSettings, not in the database), visits and
matching, the papers (their language, the office's texts per language, the letterhead logo)
and protection.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from guardian_desk.domain.errors import ConflictError, ValidationErrors
from guardian_desk.domain.records import SettingsData
from guardian_desk.services.office_texts import set_papers_language, update_office_texts
from guardian_desk.services.screenings import office_indicators, set_office_indicators
from guardian_desk.services.settings import (
    StoredSettings,
    set_letterhead_logo,
    stored_settings,
    update_settings,
)
from ui.bridge import CoreBridge, Task
from ui.protection.office_indicators import OfficeIndicatorsPanel
from ui.screen_fit import resize_to_fit
from ui.settings_fields import (
    MatchingWeights,
    country_choices,
    searchable,
    spin_box,
    time_zone_choices,
)
from ui.settings_language import interface_language_combo, tell_restart
from ui.settings_messages import SettingsMessages
from ui.settings_papers import PaperTexts
from ui.translation import save_language
from ui.widgets.field_message import FieldMessage
from ui.widgets.logo_picker import LogoPicker

__all__ = ["SettingsDialog", "country_choices", "time_zone_choices"]


# What the worker hands back: the settings and the office's own screening indicators.
Loaded = tuple[StoredSettings, list[dict[str, Any]]]


def _load(session: Session, task: Task) -> Loaded:
    return stored_settings(session), office_indicators(session)


class SettingsDialog(SettingsMessages):
    """``restart``: what "Restart now" calls after the interface language changed (the main
    window passes it; without it the message only says when the language takes effect)."""

    saved = Signal()

    def __init__(
        self,
        bridge: CoreBridge,
        parent: QWidget | None = None,
        restart: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self._restart = restart
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
        for button in self.buttons.buttons():  # Enter in a field must not save and close
            if isinstance(button, QPushButton):
                button.setAutoDefault(False)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        resize_to_fit(self, 720, min(self.sizeHint().height(), 680))
        self.reload()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter in a field does nothing here (QDialog would press Save, which closes the
        window): the officer saves with the Save button. A focused button still takes it."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not isinstance(
            self.focusWidget(), QPushButton
        ):
            event.accept()
            return
        super().keyPressEvent(event)

    # --- the tabs ----------------------------------------------------------------------------

    def _form(self, title: str, *, scrolled: bool = False) -> QFormLayout:
        page = QWidget()
        column = QVBoxLayout(page)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        column.addLayout(form)
        column.addStretch(1)  # a shorter tab keeps its hints by their fields
        if scrolled:  # a tall tab scrolls: the dialog stays within a 1280×720 screen
            area = QScrollArea()
            area.setWidgetResizable(True)
            area.setFrameShape(QScrollArea.Shape.NoFrame)
            area.setWidget(page)
            area.setMinimumHeight(360)
            self.tabs.addTab(area, title)
        else:
            self.tabs.addTab(page, title)
        return form

    def _office_tab(self) -> None:
        form = self._form(self.tr("Office"))
        self.interface_language = interface_language_combo()
        self._interface_language = str(self.interface_language.currentData())
        self._add_field(
            form,
            "interface_language",
            self.tr("Interface language (this computer):"),
            self.interface_language,
            self.tr("Menus and messages on this computer; papers have their own (Papers)."),
        )
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
        form = self._form(self.tr("Protection"), scrolled=True)
        self.idle_lock_minutes = spin_box(self.tr(" minutes"))
        self.retention_years = spin_box(self.tr(" years"))
        self.attachment_max_mb = spin_box(self.tr(" MB"))
        self.rescreen_after_days = spin_box(self.tr(" days"))
        for name, label, widget, hint in (
            ("idle_lock_minutes", self.tr("Lock the window after:"), self.idle_lock_minutes,
             self.tr("Of no keyboard or mouse use; Ctrl+L locks at once. Open records wait "
                     "behind the lock.")),
            ("retention_years", self.tr("Keep closed cases for:"), self.retention_years,
             self.tr("After that an administrator may anonymise them (names, exact birth "
                     "date, notes); the figures still count them.")),
            ("attachment_max_mb", self.tr("Attachments up to:"), self.attachment_max_mb,
             self.tr("The largest file attached to a child's record (PDF, JPEG, PNG, DOCX); "
                     "attachments are kept in the database and its backups.")),
            ("rescreen_after_days", self.tr("Screen again after:"), self.rescreen_after_days,
             self.tr("Days after a child's first trafficking screening (and every as many days "
                     "after) before the early warnings ask for a new one; 7 to 730.")),
        ):  # fmt: skip
            self._add_field(form, name, label, widget, hint)
        self.office_indicators = OfficeIndicatorsPanel(self._bridge)
        self.office_indicators.busy_changed.connect(lambda _busy: self._enable_save())
        self._add_field(
            form,
            "office_indicators",
            self.tr("Office indicators:"),
            self.office_indicators,
            self.tr(
                "Screening indicators the office adds to the shipped ILO/EC list, such as "
                "migration-route indicators or the children/sexual-exploitation list: a JSON "
                "file in the indicator file's format. Every officer of this database sees "
                "them; a bad entry refuses the whole file."
            ),
            error=self.office_indicators.error,
        )

    def _papers_tab(self) -> None:
        form = self._form(self.tr("Papers"), scrolled=True)
        self.paper_texts = PaperTexts()
        form.addRow(self.paper_texts)
        self.legal_basis = self.paper_texts.legal_basis
        self.fields["papers_language"] = self.paper_texts.papers_language
        self.fields["text_language"] = self.paper_texts.text_language
        for kind, editor in self.paper_texts.editors.items():
            self.fields[kind] = editor
            self.errors[kind] = self.paper_texts.errors[kind]
        self.letterhead_logo = LogoPicker(self._bridge)
        self.letterhead_logo.busy_changed.connect(lambda _busy: self._enable_save())
        self._add_field(
            self.paper_texts.form,
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

    def _loaded(self, loaded: Loaded) -> None:
        result, indicators = loaded
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
        self.attachment_max_mb.setValue(data.attachment_max_mb)
        self.rescreen_after_days.setValue(data.rescreen_after_days)
        self.gender_preference_hard.setChecked(data.gender_preference_hard)
        self.matching_weights.set_weights(data.matching_weights)
        self.paper_texts.set_stored(result.papers_language, result.texts, result.defaults)
        self.letterhead_logo.set_stored(result.logo, result.logo_info)
        self.office_indicators.set_stored(indicators)
        self._set_busy(False)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        for widget in self.fields.values():
            widget.setEnabled(not busy)
        self._enable_save()

    def _enable_save(self) -> None:
        """Save waits for the worker: loading, saving, or checking a chosen logo or file."""
        self.save_button.setEnabled(
            not self._busy
            and self._version is not None
            and not self.letterhead_logo.is_busy()
            and not self.office_indicators.is_busy()
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
            attachment_max_mb=self.attachment_max_mb.value(),
            rescreen_after_days=self.rescreen_after_days.value(),
            gender_preference_hard=self.gender_preference_hard.isChecked(),
            matching_weights=self.matching_weights.changed_weights(),
        )

    def save(self) -> None:
        if (
            self._version is None
            or self.letterhead_logo.is_busy()
            or self.office_indicators.is_busy()
        ):
            return
        data, version = self.entered(), self._version
        picker = self.letterhead_logo
        logo_changed, logo, logo_name = picker.is_changed(), picker.logo(), picker.file_name()
        texts, language = self.paper_texts.texts(), self.paper_texts.language()
        indicators_changed = self.office_indicators.is_changed()
        indicators = self.office_indicators.entries()
        self._clear_errors()
        self._set_busy(True)

        def work(session: Session, task: Task) -> Loaded:
            # One unit of work: whatever is refused, nothing else is saved either.
            row = update_settings(session, data, version)
            row = update_office_texts(session, texts, row.version)
            row = set_papers_language(session, language, row.version)
            if logo_changed:
                row = set_letterhead_logo(session, logo, row.version, name=logo_name)
            if indicators_changed:
                row = set_office_indicators(session, indicators, row.version)
            return stored_settings(session), office_indicators(session)

        self._bridge.run(work, writes=True, on_success=self._saved, on_failure=self._failed)

    def _saved(self, result: Loaded) -> None:
        self._loaded(result)
        self.saved.emit()
        self.accept()
        chosen = str(self.interface_language.currentData())
        if chosen != self._interface_language:
            save_language(chosen)
            self._interface_language = chosen
            tell_restart(self.parentWidget() or self, chosen, self._restart)

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
