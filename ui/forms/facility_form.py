"""A facility's record: where it is, whom to call, when visitors are admitted."""

from __future__ import annotations

from PySide6.QtWidgets import QGroupBox, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from guardian_desk.domain.parsing import format_windows, parse_facility
from guardian_desk.domain.records import FacilityData
from guardian_desk.exchange.exporting import facility_row
from guardian_desk.services.details import FormChoices, RecordData, RecordDetail
from ui.forms.base import RecordForm
from ui.forms.fields import BidiLineEdit
from ui.widgets.field_message import FieldMessage
from ui.widgets.week_grid import WeekGrid


class FacilityForm(RecordForm):
    TEXT_FIELDS = (
        "code",
        "name",
        "address",
        "municipality",
        "latitude",
        "longitude",
        "contact_name",
        "contact_phone",
        "contact_email",
    )

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        place, contact = self.columns(self.tr("Facility"), self.tr("Contact"))
        self.code = QLineEdit()
        self.add_field(place, "code", self.tr("Code"), self.code)
        self.name = BidiLineEdit()
        self.add_field(place, "name", self.tr("Name", "of a facility"), self.name)
        self.address = BidiLineEdit()
        self.add_field(place, "address", self.tr("Address"), self.address)
        self.municipality = BidiLineEdit()
        self.add_field(place, "municipality", self.tr("Municipality"), self.municipality)
        self.latitude = QLineEdit()
        self.latitude.setPlaceholderText(self.tr("e.g. 41.3275"))
        self.add_field(place, "latitude", self.tr("Latitude"), self.latitude)
        self.longitude = QLineEdit()
        self.longitude.setPlaceholderText(self.tr("e.g. 19.8187"))
        self.add_field(place, "longitude", self.tr("Longitude"), self.longitude)
        self.contact_name = BidiLineEdit()
        self.add_field(contact, "contact_name", self.tr("Contact person"), self.contact_name)
        self.contact_phone = QLineEdit()
        self.add_field(contact, "contact_phone", self.tr("Phone"), self.contact_phone)
        self.contact_email = QLineEdit()
        self.add_field(contact, "contact_email", self.tr("E-mail"), self.contact_email)
        self.active = self.status_label()
        self.add_field(contact, "active", self.tr("Status"), self.active)

        hours_box = QGroupBox(self.tr("Visiting hours (office time)"))
        hours_layout = QVBoxLayout(hours_box)
        self.hours = WeekGrid()
        hours_layout.addWidget(self.hours)
        hours_message = FieldMessage()
        hours_layout.addWidget(hours_message)
        self.details_layout.addWidget(hours_box)
        self.register(
            "visiting_hours",
            self.tr("Visiting hours"),
            self.hours,
            self.details_page,
            hours_message,
        )
        self.notes = QPlainTextEdit()
        self.notes.setMinimumHeight(60)
        self.add_notes(self.notes, self.tr("Notes"))
        self.watch(
            *(e.textChanged for e in self.line_edits()),
            self.hours.changed,
            self.notes.textChanged,
        )
        self._active = True

    def first_field(self) -> QWidget:
        return self.name

    def fill(self, detail: RecordDetail | None, choices: FormChoices) -> None:
        if detail is None:
            self.code.setReadOnly(False)
            self.code.setPlaceholderText(self.tr("given automatically when saved"))
            self._show_active(True)
            return
        data = detail.data
        assert isinstance(data, FacilityData)
        row = facility_row(data)
        self.code.setReadOnly(True)
        self.fill_texts(row)
        self.hours.set_windows(list(data.hours))
        self.notes.setPlainText(data.notes)
        self._show_active(data.active)

    def _show_active(self, active: bool) -> None:
        self._active = active
        self.active.setText(
            self.tr("Open", "facility") if active else self.tr("Closed", "facility")
        )

    def raw(self) -> dict[str, str]:
        raw = self.texts()
        raw |= {
            "visiting_hours": format_windows(self.hours.windows()),
            "active": "yes" if self._active else "no",
            "notes": self.notes.toPlainText(),
        }
        return raw

    def parse(self, raw: dict[str, str], choices: FormChoices) -> RecordData:
        return parse_facility(raw, region=choices.country)
