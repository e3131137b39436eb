"""The small dialogs of the Print menu: which child, person, period, fields or reference.

Like the confirm dialog: ``submitted`` carries a PaperRequest and the dialog waits open until
the caller calls ``accept()`` or ``show_error(error)``, which puts the core's message (field,
value, reason) at the field it is about.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import QCoreApplication, QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from guardian_desk.domain.enums import DocumentKind
from guardian_desk.domain.errors import NotFoundError, ValidationError, ValidationErrors
from ui.papers.calls import PaperRequest
from ui.papers.language_choice import PaperLanguageChoice
from ui.widgets.field_message import INVALID_STYLE, FieldMessage, mark_invalid


def _date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class PaperRequestDialog(QDialog):
    submitted = Signal(object)  # PaperRequest

    def __init__(
        self, kind: DocumentKind | None, title: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.kind = kind
        self._busy = False
        self.setWindowTitle(title)
        self.setStyleSheet(INVALID_STYLE)
        self.setMinimumWidth(460)
        self.editors: dict[str, QWidget] = {}
        self.messages: dict[str, FieldMessage] = {}
        self.form = QFormLayout()
        self.field_boxes: dict[str, QCheckBox] = {}
        if kind is None:
            self.reference = QLineEdit()
            self.reference.setPlaceholderText(self.tr("e.g. GD-2026-000123"))
            self._row("reference", self.tr("Reference:"), self.reference)
        elif kind is DocumentKind.SCHEDULE:
            self.role = QComboBox()
            self.role.addItem(self.tr("Guardian"), "guardian")
            self.role.addItem(self.tr("Mediator"), "mediator")
            self._row("role", self.tr("Schedule of:"), self.role)
            self.code = QLineEdit()
            self.code.setPlaceholderText(self.tr("code, e.g. G-00012"))
            self._row("code", self.tr("Code:"), self.code)
            today = QDate.currentDate()
            self.first = self._date_edit(QDate(today.year(), today.month(), 1))
            self.last = self._date_edit(self.first.date().addMonths(1).addDays(-1))
            self._row("period", self.tr("From:"), self.first)
            self.form.addRow(self.tr("To:", "end of a period"), self.last)
        else:
            self.case_number = QLineEdit()
            self.case_number.setPlaceholderText(self.tr("e.g. AL-2026-00012"))
            self._row("case_number", self.tr("Case number:"), self.case_number)
        if kind is DocumentKind.SUMMARY:
            self.purpose = QComboBox()
            self.purpose.addItem(self.tr("Referral"), "Referral")
            self.purpose.addItem(self.tr("Transfer"), "Transfer")
            self._row("purpose", self.tr("Purpose:"), self.purpose)
            self.recipient = QLineEdit()
            self.recipient.setPlaceholderText(self.tr("the receiving organisation (optional)"))
            self._row("recipient", self.tr("To:", "recipient of a paper"), self.recipient)
        self.language = PaperLanguageChoice()
        if kind is not None:  # a reprint speaks the original's language
            self._row("language", self.tr("Language:"), self.language)

        self.general = FieldMessage()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Issue and preview") if kind else self.tr("Reprint"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        if kind is DocumentKind.SUMMARY:
            layout.addWidget(self._fields_box())
        layout.addWidget(self.general)
        layout.addStretch()
        layout.addWidget(self.buttons)

    def _date_edit(self, value: QDate) -> QDateEdit:
        edit = QDateEdit(value)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        return edit

    def _row(self, name: str, label: str, editor: QWidget) -> None:
        self.editors[name] = editor
        self.messages[name] = FieldMessage()
        self.form.addRow(label, editor)
        self.form.addRow("", self.messages[name])

    def _fields_box(self) -> QGroupBox:
        """Need to know: the officer ticks what the recipient needs, nothing is ticked first."""
        from guardian_desk.papers.sources import SUMMARY_FIELDS  # the core, loaded late

        box = QGroupBox(self.tr("Print only these fields (need to know):"))
        grid = QGridLayout(box)
        for index, (key, label) in enumerate(SUMMARY_FIELDS.items()):
            check = QCheckBox(QCoreApplication.translate("papers", label))
            check.setObjectName(key)
            self.field_boxes[key] = check
            grid.addWidget(check, index // 2, index % 2)
        self.messages["fields"] = FieldMessage()
        grid.addWidget(self.messages["fields"], len(SUMMARY_FIELDS) // 2 + 1, 0, 1, 2)
        self.editors["fields"] = box
        return box

    # --- values --------------------------------------------------------------------------------

    def request(self) -> PaperRequest:
        if self.kind is None:
            return PaperRequest(None, reference=self.reference.text().strip())
        return replace(
            self._request(), language=self.language.language(), bilingual=self.language.bilingual()
        )

    def _request(self) -> PaperRequest:
        assert self.kind is not None
        if self.kind is DocumentKind.SCHEDULE:
            return PaperRequest(
                self.kind,
                role=str(self.role.currentData()),
                code=self.code.text().strip(),
                period=(_date(self.first.date()), _date(self.last.date())),
            )
        if self.kind is DocumentKind.SUMMARY:
            return PaperRequest(
                self.kind,
                case_number=self.case_number.text().strip(),
                fields=tuple(key for key, box in self.field_boxes.items() if box.isChecked()),
                purpose=str(self.purpose.currentData()),
                recipient=self.recipient.text().strip(),
            )
        return PaperRequest(self.kind, case_number=self.case_number.text().strip())

    def set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.ok_button.setEnabled(not busy)

    def submit(self) -> None:
        if self._busy:
            return
        for name, message in self.messages.items():
            message.show_message(None)
            mark_invalid(self.editors[name], False)
        self.general.show_message(None)
        self.set_busy(True)
        self.submitted.emit(self.request())

    def _field_of(self, error: BaseException) -> str | None:
        if isinstance(error, NotFoundError):
            return {
                "child": "case_number",
                "guardian": "code",
                "mediator": "code",
                "document": "reference",
            }.get(error.entity)
        if isinstance(error, ValidationError):
            return error.field if error.field in self.editors else None
        return None

    def show_error(self, error: BaseException) -> None:
        self.set_busy(False)
        errors = error.errors if isinstance(error, ValidationErrors) else [error]
        unplaced = []
        for one in errors:
            field = self._field_of(one)
            if field is None:
                unplaced.append(str(one))
                continue
            self.messages[field].show_message(str(one))
            mark_invalid(self.editors[field], True)
            self.editors[field].setFocus(Qt.FocusReason.OtherFocusReason)
        if unplaced:
            self.general.show_message(self.tr("Not issued: {0}").format("; ".join(unplaced)))
