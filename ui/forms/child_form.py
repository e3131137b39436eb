"""A child's record: identity, names in the original script, case facts, languages."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QCheckBox, QLineEdit, QPlainTextEdit, QWidget

from guardian_desk.domain.enums import ChildStatus, Sex
from guardian_desk.domain.parsing import format_bool, format_languages, parse_child
from guardian_desk.domain.records import ChildData
from guardian_desk.exchange.exporting import child_row
from guardian_desk.services.details import FormChoices, RecordData, RecordDetail
from ui.forms.age_widgets import EstimatedAge
from ui.forms.base import RecordForm
from ui.forms.companions import CompanionsEditor
from ui.forms.fields import (
    BidiLineEdit,
    ChoiceCombo,
    CountryCombo,
    DateField,
    preference_labels,
    sex_labels,
    status_labels,
)


class ChildForm(RecordForm):
    TEXT_FIELDS = (
        "case_number",
        "given_name",
        "family_name",
        "given_name_original",
        "family_name_original",
        "aliases",
        "siblings",
    )

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._registered: set[str] = set()  # stored numbers, accepted as they are
        person, case = self.columns(self.tr("Child"), self.tr("Case"))

        self.case_number = QLineEdit()
        self.add_field(person, "case_number", self.tr("Case number"), self.case_number)
        self.given_name = BidiLineEdit()
        self.add_field(person, "given_name", self.tr("Given name"), self.given_name)
        self.family_name = BidiLineEdit()
        self.add_field(person, "family_name", self.tr("Family name"), self.family_name)
        self.given_name_original = BidiLineEdit()
        self.given_name_original.setPlaceholderText(self.tr("as written in the child's script"))
        self.add_field(
            person,
            "given_name_original",
            self.tr("Given name (original script)"),
            self.given_name_original,
        )
        self.family_name_original = BidiLineEdit()
        self.add_field(
            person,
            "family_name_original",
            self.tr("Family name (original script)"),
            self.family_name_original,
        )
        self.aliases = BidiLineEdit()
        self.aliases.setPlaceholderText(self.tr("other names, separated by ;"))
        self.add_field(person, "aliases", self.tr("Also known as"), self.aliases)
        self.sex = ChoiceCombo((label, value) for value, label in sex_labels().items())
        self.add_field(person, "sex", self.tr("Sex"), self.sex)
        self.date_of_birth = DateField(optional=True)
        self.dob_estimated = QCheckBox(self.tr("estimated"))
        self.add_field(
            person,
            "date_of_birth",
            self.tr("Date of birth"),
            self.date_of_birth,
            extra=self.dob_estimated,
        )
        self.register(
            "dob_estimated",
            self.tr("Date of birth estimated"),
            self.dob_estimated,
            self.details_page,
            self.message_labels["date_of_birth"],
        )
        # "about 15 years": sets an estimated date of birth (services/age.py).
        self.estimated_age = EstimatedAge()
        self.add_field(person, "estimated_age", self.tr("Age"), self.estimated_age)
        self.estimated_age.birth_date_chosen.connect(self._age_chosen)
        self.date_of_birth.changed.connect(
            lambda: self.estimated_age.show_birth_date(self.date_of_birth.text())
        )
        self.nationality = CountryCombo()
        self.add_field(person, "nationality", self.tr("Nationality"), self.nationality)
        preferences = [(label, value) for value, label in preference_labels().items()]
        self.guardian_preference = ChoiceCombo(preferences)
        self.add_field(
            person,
            "guardian_gender_preference",
            self.tr("Guardian's gender"),
            self.guardian_preference,
        )
        self.mediator_preference = ChoiceCombo(preferences)
        self.add_field(
            person,
            "mediator_gender_preference",
            self.tr("Mediator's gender"),
            self.mediator_preference,
        )

        self.facility = ChoiceCombo([(self.tr("— none —"), "")])
        self.add_field(case, "facility", self.tr("Facility"), self.facility)
        self.identified_on = DateField(optional=False)
        self.add_field(case, "identified_on", self.tr("Identified on"), self.identified_on)
        self.arrived_on = DateField(optional=True)
        self.add_field(case, "arrived_on", self.tr("Arrived on"), self.arrived_on)
        self.status = ChoiceCombo((label, value) for value, label in status_labels().items())
        self.add_field(case, "status", self.tr("Status"), self.status)
        self.siblings = QLineEdit()
        self.siblings.setPlaceholderText(self.tr("case numbers, separated by ;"))
        self.add_field(case, "siblings", self.tr("Siblings"), self.siblings)
        self.companions = CompanionsEditor()
        self.add_field(case, "accompanying_adults", self.tr("Accompanying adults"), self.companions)
        self.notes = QPlainTextEdit()
        self.notes.setMinimumHeight(70)
        self.add_notes(self.notes, self.tr("Notes"))

        self.languages = self.add_languages_page()

        self.watch(
            *(e.textChanged for e in self.line_edits()),
            self.sex.currentIndexChanged,
            self.date_of_birth.changed,
            self.dob_estimated.toggled,
            self.nationality.currentTextChanged,
            self.guardian_preference.currentIndexChanged,
            self.mediator_preference.currentIndexChanged,
            self.facility.currentIndexChanged,
            self.identified_on.changed,
            self.arrived_on.changed,
            self.status.currentIndexChanged,
            self.companions.changed,
            self.notes.textChanged,
            self.languages.changed,
        )

    def first_field(self) -> QWidget:
        return self.given_name

    def _age_chosen(self, born: date) -> None:
        self.date_of_birth.set_text(born.isoformat())
        self.dob_estimated.setChecked(True)

    def fill(self, detail: RecordDetail | None, choices: FormChoices) -> None:
        current = self.facility.value()
        self.facility.clear()
        self.facility.addItem(self.tr("— none —"), "")
        for code, name in choices.facilities:
            self.facility.addItem(f"{code} — {name}", code)
        self.facility.set_value(current)
        self._registered = set()
        if detail is None:
            self.case_number.setReadOnly(False)
            self.case_number.setPlaceholderText(self.tr("given automatically when saved"))
            self.sex.set_value(Sex.UNKNOWN)
            self.status.set_value(ChildStatus.IDENTIFIED)
            self.identified_on.set_text(date.today().isoformat())
            return
        data = detail.data
        assert isinstance(data, ChildData)
        row = child_row(data)
        # Numbers stored before the rules became strict stay editable as they are.
        self._registered = {data.case_number or "", *data.sibling_case_numbers} - {""}
        self.case_number.setReadOnly(True)
        self.fill_texts(row)
        self.sex.set_value(row["sex"])
        self.date_of_birth.set_text(row["date_of_birth"])
        self.dob_estimated.setChecked(data.dob_estimated)
        self.nationality.set_value(row["nationality"])
        self.guardian_preference.set_value(row["guardian_gender_preference"])
        self.mediator_preference.set_value(row["mediator_gender_preference"])
        self.facility.set_value(row["facility"])
        self.identified_on.set_text(row["identified_on"])
        self.arrived_on.set_text(row["arrived_on"])
        self.status.set_value(row["status"])
        self.companions.set_companions(data.accompanying_adults)
        self.notes.setPlainText(data.notes)
        self.languages.set_skills(list(data.languages))

    def raw(self) -> dict[str, str]:
        return self.texts() | {
            "sex": self.sex.value(),
            "date_of_birth": self.date_of_birth.text(),
            "dob_estimated": format_bool(self.dob_estimated.isChecked()),
            "nationality": self.nationality.value(),
            "languages": format_languages(self.languages.skills()),
            "guardian_gender_preference": self.guardian_preference.value(),
            "mediator_gender_preference": self.mediator_preference.value(),
            "facility": self.facility.value(),
            "identified_on": self.identified_on.text(),
            "arrived_on": self.arrived_on.text(),
            "status": self.status.value(),
            "accompanying_adults": self.companions.text(),
            "notes": self.notes.toPlainText(),
        }

    def parse(self, raw: dict[str, str], choices: FormChoices) -> RecordData:
        return parse_child(raw, registered=self._registered)
