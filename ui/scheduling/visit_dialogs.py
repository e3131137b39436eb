"""Small dialogs for one visit: a reason (cancel, held, missed), a new time, a new booking.

Each is shown with ``open()`` (never blocking), sends what was typed on, and shows the core's
refusal at the field it concerns until the caller accepts it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, QDateTime, Qt, QTime, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from guardian_desk.domain.errors import ValidationError
from guardian_desk.i18n.formats import time_text
from guardian_desk.scheduling import OutsideAvailability, Slot
from ui.date_input import datetime_input_format
from ui.scheduling.calls import ChildRef
from ui.scheduling.common import child_text, error_text, when_text
from ui.widgets.field_message import FieldMessage


def wall_time(edit: QDateTimeEdit, zone: str) -> datetime:
    """The date and time typed, on the office's wall clock."""
    value = edit.dateTime().toPython()
    assert isinstance(value, datetime)
    return value.replace(second=0, microsecond=0, tzinfo=ZoneInfo(zone))


def qt_time(moment: datetime) -> QDateTime:
    """A wall-clock time for a Qt editor (Qt would read an aware time in its own zone)."""
    return QDateTime(
        QDate(moment.year, moment.month, moment.day), QTime(moment.hour, moment.minute)
    )


def set_wall_time(edit: QDateTimeEdit, moment: datetime) -> None:
    edit.setDateTime(qt_time(moment))


def time_edit() -> QDateTimeEdit:
    edit = QDateTimeEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(datetime_input_format())
    return edit


class ReasonDialog(QDialog):
    """Asks for a reason (or a note); ``submitted`` carries it."""

    submitted = Signal(str)

    def __init__(
        self, title: str, what: str, label: str, required: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.required = required
        self.reason = QLineEdit()
        self.message = FieldMessage()
        form = QFormLayout()
        form.addRow(QLabel(what))
        form.addRow(label, self.reason)
        form.addRow("", self.message)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

    def _submit(self) -> None:
        text = self.reason.text().strip()
        if self.required and not text:
            self.message.show_message(self.tr("Please write the reason."))
            return
        self.message.show_message(None)
        self.submitted.emit(text)

    def show_error(self, error: BaseException) -> None:
        self.message.show_message(error_text(error))


class MoveDialog(QDialog):
    """Choose a new time among the free stretches the core found; ``submitted`` carries it."""

    submitted = Signal(object)  # datetime, office zone

    def __init__(self, what: str, minutes: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Move the visit"))
        self.minutes = minutes
        self.slots: list[Slot] = []
        self.zone = ""
        self.status = QLabel(self.tr("Finding free times…"), wordWrap=True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.slot = QComboBox()
        self.slot.currentIndexChanged.connect(self._slot_chosen)
        self.start = time_edit()
        self.message = FieldMessage()
        form = QFormLayout()
        form.addRow(QLabel(what))
        form.addRow(self.status)
        form.addRow(self.tr("Free time:"), self.slot)
        form.addRow(self.tr("&Starts at:"), self.start)
        form.addRow("", self.message)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

    def set_slots(self, slots: Sequence[Slot], reason: str, zone: str) -> None:
        self.slots = list(slots)
        self.zone = zone
        self.slot.clear()
        for slot in self.slots:
            self.slot.addItem(
                self.tr("{0} (free until {1})").format(
                    when_text(slot.starts_at), time_text(slot.free_until)
                )
            )
        self.status.setText(reason if not self.slots else self.tr("Pick a time:"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.slots))

    def _slot_chosen(self, index: int) -> None:
        if 0 <= index < len(self.slots):
            slot = self.slots[index]
            set_wall_time(self.start, slot.starts_at)
            latest = slot.free_until - timedelta(minutes=self.minutes)
            self.start.setDateTimeRange(qt_time(slot.starts_at), qt_time(latest))

    def _submit(self) -> None:
        self.message.show_message(None)
        self.submitted.emit(wall_time(self.start, self.zone))

    def show_error(self, error: BaseException) -> None:
        self.message.show_message(error_text(error))


class BookVisitDialog(QDialog):
    """A guardian's visit to one of their children at a time the officer clicked."""

    submitted = Signal(int, object, object, str)  # child id, starts_at, ends_at, override

    def __init__(
        self,
        guardian_name: str,
        children: Sequence[ChildRef],
        day: date,
        minute: int,
        zone: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Book a visit"))
        self.zone = zone
        self.child = QComboBox()
        for child in children:
            self.child.addItem(child_text(child.case_number, child.name), child.child_id)
        self.start = time_edit()
        set_wall_time(
            self.start, datetime.combine(day, time(minute // 60, minute % 60), ZoneInfo(zone))
        )
        self.length = QSpinBox()
        self.length.setRange(15, 480)
        self.length.setSingleStep(15)
        self.length.setValue(60)
        self.length.setSuffix(self.tr(" min"))
        self.override = QLineEdit()
        self.override.setPlaceholderText(self.tr("Only to book outside someone's free time"))
        self.override_label = QLabel(self.tr("Reason for the &exception:"))
        self.override_label.setBuddy(self.override)
        self.message = FieldMessage()
        form = QFormLayout()
        form.addRow(QLabel(self.tr("Guardian: {0}").format(f"\u2068{guardian_name}\u2069")))
        form.addRow(self.tr("&Child:"), self.child)
        form.addRow(self.tr("&Starts at:"), self.start)
        form.addRow(self.tr("&Length:"), self.length)
        form.addRow(self.override_label, self.override)
        form.addRow("", self.message)
        self.override_label.hide()
        self.override.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Book"))
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        if not children:
            self.message.show_message(self.tr("This guardian has no children to visit."))
            self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

    def _submit(self) -> None:
        self.message.show_message(None)
        starts_at = wall_time(self.start, self.zone)
        ends_at = starts_at + timedelta(minutes=self.length.value())
        self.submitted.emit(
            int(self.child.currentData()), starts_at, ends_at, self.override.text().strip()
        )

    def show_error(self, error: BaseException) -> None:
        if isinstance(error, OutsideAvailability):
            self.override_label.show()
            self.override.show()
        text = error_text(error)
        if isinstance(error, ValidationError) and error.field in ("starts_at", "ends_at"):
            text = self.tr("Starts at: {0}").format(text)
        self.message.show_message(text)
