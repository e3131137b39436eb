"""A guardian's or a cultural mediator's record, languages and weekly availability."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QGroupBox,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from guardian_desk.domain.errors import ValidationError
from guardian_desk.domain.parsing import format_languages, parse_staff
from guardian_desk.domain.records import StaffData
from guardian_desk.exchange.exporting import staff_row
from guardian_desk.services.availability import check_availability
from guardian_desk.services.details import FormChoices, RecordData, RecordDetail
from ui.forms.base import Availability, RecordForm
from ui.forms.fields import BidiLineEdit, ChoiceCombo, DateField, sex_labels
from ui.widgets.absences import AbsencesEditor
from ui.widgets.field_message import FieldMessage
from ui.widgets.week_grid import WeekGrid


class StaffForm(RecordForm):
    TEXT_FIELDS = (
        "code",
        "given_name",
        "family_name",
        "phone",
        "email",
        "municipality",
        "latitude",
        "longitude",
        "suspended_reason",
        "dialects",
        "certification",
        "organisation",
    )
    MEDIATOR_ONLY = ("dialects", "certification", "organisation")

    def __init__(self, mediator: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.mediator = mediator
        person, work = self.columns(self.tr("Person"), self.tr("Work"))
        self.code = QLineEdit()
        self.add_field(person, "code", self.tr("Code"), self.code)
        self.given_name = BidiLineEdit()
        self.add_field(person, "given_name", self.tr("Given name"), self.given_name)
        self.family_name = BidiLineEdit()
        self.add_field(person, "family_name", self.tr("Family name"), self.family_name)
        self.sex = ChoiceCombo(
            [(self.tr("— choose —"), "")]
            + [(label, value) for value, label in sex_labels().items()]
        )
        self.add_field(person, "sex", self.tr("Sex"), self.sex)
        self.phone = QLineEdit()
        self.add_field(person, "phone", self.tr("Phone"), self.phone)
        self.email = QLineEdit()
        self.add_field(person, "email", self.tr("E-mail"), self.email)
        self.municipality = BidiLineEdit()
        self.add_field(person, "municipality", self.tr("Municipality"), self.municipality)
        self.latitude = QLineEdit()
        self.latitude.setPlaceholderText(self.tr("e.g. 41.3275"))
        self.add_field(person, "latitude", self.tr("Latitude"), self.latitude)
        self.longitude = QLineEdit()
        self.longitude.setPlaceholderText(self.tr("e.g. 19.8187"))
        self.add_field(person, "longitude", self.tr("Longitude"), self.longitude)

        self.max_caseload = QSpinBox()
        self.max_caseload.setRange(1, 100)
        self.max_caseload.setValue(20)
        self.add_field(work, "max_caseload", self.tr("Maximum caseload"), self.max_caseload)
        self.background_check_on = DateField(optional=True)
        self.add_field(
            work, "background_check_on", self.tr("Background check on"), self.background_check_on
        )
        self.training_on = DateField(optional=True)
        self.add_field(work, "training_on", self.tr("Trained on"), self.training_on)
        self.vetting_expires_on = DateField(optional=True)
        self.add_field(
            work, "vetting_expires_on", self.tr("Vetting expires on"), self.vetting_expires_on
        )
        self.active = self.status_label()
        self.add_field(work, "active", self.tr("Status"), self.active)
        self.suspended_reason = QLineEdit()
        self.add_field(
            work, "suspended_reason", self.tr("Reason for suspension"), self.suspended_reason
        )
        self.dialects = QLineEdit()
        self.certification = QLineEdit()
        self.organisation = QLineEdit()
        if mediator:
            self.dialects.setPlaceholderText(self.tr("separated by ;"))
            self.add_field(work, "dialects", self.tr("Dialects"), self.dialects)
            self.add_field(work, "certification", self.tr("Certification"), self.certification)
            self.add_field(work, "organisation", self.tr("Organisation"), self.organisation)
        self.notes = QPlainTextEdit()
        self.notes.setMinimumHeight(70)
        self.add_notes(self.notes, self.tr("Notes"))

        self.languages = self.add_languages_page()

        availability_page = QWidget()
        column = QVBoxLayout(availability_page)
        week_box = QGroupBox(self.tr("Free every week (office time)"))
        week_layout = QVBoxLayout(week_box)
        self.week = WeekGrid()
        week_layout.addWidget(self.week)
        slots_message = FieldMessage()
        week_layout.addWidget(slots_message)
        column.addWidget(week_box, 3)
        absence_box = QGroupBox(self.tr("Absences"))
        absence_layout = QVBoxLayout(absence_box)
        self.absences = AbsencesEditor()
        absence_layout.addWidget(self.absences)
        column.addWidget(absence_box, 2)
        self.add_page(self.tr("Availability"), availability_page)
        self.register(
            "slots",
            self.tr("Weekly availability"),
            self.week,
            availability_page,
            slots_message,
        )
        for name in ("absent_to", "absent_from", "absences"):
            self.register(
                name,
                self.tr("Absence"),
                self.absences,
                availability_page,
                self.absences.message,
                self.absences.set_error,
            )

        self.watch(
            *(e.textChanged for e in self.line_edits()),
            self.sex.currentIndexChanged,
            self.max_caseload.valueChanged,
            self.background_check_on.changed,
            self.training_on.changed,
            self.vetting_expires_on.changed,
            self.notes.textChanged,
            self.languages.changed,
            self.week.changed,
            self.absences.changed,
        )
        self._active = True

    def first_field(self) -> QWidget:
        return self.given_name

    def fill(self, detail: RecordDetail | None, choices: FormChoices) -> None:
        if detail is None:
            self.code.setReadOnly(False)
            self.code.setPlaceholderText(self.tr("given automatically when saved"))
            self._show_active(True)
            return
        data = detail.data
        assert isinstance(data, StaffData)
        row = staff_row(data)
        self.code.setReadOnly(True)
        self.fill_texts(row)
        self.sex.set_value(row["sex"])
        self.max_caseload.setValue(data.max_caseload)
        self.background_check_on.set_text(row["background_check_on"])
        self.training_on.set_text(row["training_on"])
        self.vetting_expires_on.set_text(row["vetting_expires_on"])
        self.notes.setPlainText(data.notes)
        self.languages.set_skills(list(data.languages))
        self.week.set_windows(list(detail.slots))
        self.absences.set_absences(list(detail.absences))
        self._show_active(data.active)

    def _show_active(self, active: bool) -> None:
        self._active = active
        self.active.setText(
            self.tr("Active") if active else self.tr("Suspended (reinstate with the button below)")
        )
        self.suspended_reason.setEnabled(not active)

    def raw(self) -> dict[str, str]:
        raw = self.texts(n for n in self.TEXT_FIELDS if n not in self.MEDIATOR_ONLY)
        raw |= {
            "sex": self.sex.value(),
            "languages": format_languages(self.languages.skills()),
            "max_caseload": str(self.max_caseload.value()),
            "background_check_on": self.background_check_on.text(),
            "training_on": self.training_on.text(),
            "vetting_expires_on": self.vetting_expires_on.text(),
            "active": "yes" if self._active else "no",
            "notes": self.notes.toPlainText(),
        }
        if self.mediator:
            raw |= self.texts(self.MEDIATOR_ONLY)
        return raw

    def parse(self, raw: dict[str, str], choices: FormChoices) -> RecordData:
        return parse_staff(raw, region=choices.country, mediator=self.mediator)

    def availability(self) -> Availability:
        return self.week.windows(), self.absences.absences()

    def check_availability(self) -> list[ValidationError]:
        slots, absences = self.availability()
        try:
            check_availability(slots or [], absences or [])
        except ValidationError as error:
            return [error]
        return []
