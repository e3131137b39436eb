"""Confirming an appointment: the date, the decision, and — only when the core refuses — the
written reason that overrides a hard rule, so no rule is ever broken silently."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from guardian_desk.domain.errors import ValidationError, ValidationErrors
from ui.date_input import date_input_format
from ui.widgets.field_message import INVALID_STYLE, FieldMessage, mark_invalid

OVERRIDE_MIN_LENGTH = 10  # a reason an auditor can read, not "ok"


@dataclass(frozen=True)
class ConfirmValues:
    """What the officer decided, as the core's confirm_proposal takes it."""

    starts_on: date
    decision_ref: str
    reason: str
    override_reason: str


class ConfirmDialog(QDialog):
    """Asks for the appointment's details; the panel saves, this dialog shows the outcome.

    ``submitted`` carries the values; the dialog stays open (and waits) until the panel calls
    ``accept()`` on success, ``show_refusal()`` on a broken rule or ``show_error()``.
    """

    submitted = Signal(object)  # ConfirmValues

    def __init__(
        self, guardian: str, mediator: str | None, case: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Appoint a guardian for {0}").format(case))
        self.setStyleSheet(INVALID_STYLE)
        self.setMinimumWidth(560)
        self._busy = False

        summary = QLabel(wordWrap=True)
        summary.setTextFormat(Qt.TextFormat.PlainText)
        if mediator:
            summary.setText(
                self.tr("Appoint {0} as guardian of {1}, with {2} as mediator.").format(
                    guardian, case, mediator
                )
            )
        else:
            summary.setText(self.tr("Appoint {0} as guardian of {1}.").format(guardian, case))
        self.summary = summary

        self.starts_on = QDateEdit(QDate.currentDate())
        self.starts_on.setCalendarPopup(True)
        self.starts_on.setDisplayFormat(date_input_format())
        self.decision_ref = QLineEdit()
        self.decision_ref.setPlaceholderText(self.tr("e.g. court or office decision number"))
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("why this guardian (optional)"))
        self.messages = {name: FieldMessage() for name in ("starts_on", "decision_ref", "reason")}

        self.refusal = FieldMessage()  # in the error colour: a rule stands in the way
        bold = self.refusal.font()
        bold.setBold(True)
        self.refusal.setFont(bold)
        self.override_label = QLabel(self.tr("Override with a written reason:"))
        self.override = QPlainTextEdit()
        self.override.setPlaceholderText(
            self.tr("Required: why this appointment must go ahead despite the rule above")
        )
        self.override.setTabChangesFocus(True)
        self.override.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.override_message = FieldMessage()
        for widget in (self.override_label, self.override):
            widget.hide()

        form = QFormLayout()
        form.addRow(self.tr("Starts on:"), self.starts_on)
        form.addRow("", self.messages["starts_on"])
        form.addRow(self.tr("Decision reference:"), self.decision_ref)
        form.addRow("", self.messages["decision_ref"])
        form.addRow(self.tr("Reason:"), self.reason)
        form.addRow("", self.messages["reason"])

        self.general = FieldMessage()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Appoint"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addLayout(form)
        layout.addWidget(self.refusal)
        layout.addWidget(self.override_label)
        layout.addWidget(self.override)
        layout.addWidget(self.override_message)
        layout.addWidget(self.general)
        layout.addStretch()
        layout.addWidget(self.buttons)
        self.starts_on.setFocus()

    # --- state ---------------------------------------------------------------------------------

    def override_needed(self) -> bool:
        return not self.override.isHidden()

    def values(self) -> ConfirmValues:
        start = self.starts_on.date()
        return ConfirmValues(
            starts_on=date(start.year(), start.month(), start.day()),
            decision_ref=self.decision_ref.text().strip(),
            reason=self.reason.text().strip(),
            override_reason=self.override.toPlainText().strip() if self.override_needed() else "",
        )

    def set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.ok_button.setEnabled(not busy)
        for widget in (self.starts_on, self.decision_ref, self.reason, self.override):
            widget.setEnabled(not busy)

    def clear_messages(self) -> None:
        for message in (*self.messages.values(), self.override_message, self.general):
            message.show_message(None)
        for widget in (self.starts_on, self.decision_ref, self.reason, self.override):
            mark_invalid(widget, False)

    # --- actions -------------------------------------------------------------------------------

    def submit(self) -> None:
        if self._busy:
            return
        self.clear_messages()
        values = self.values()
        if self.override_needed() and len(values.override_reason) < OVERRIDE_MIN_LENGTH:
            self.override_message.show_message(
                self.tr(
                    "Override reason: {0!r} is too short; write at least {1} characters "
                    "saying why the rule may be broken."
                ).format(values.override_reason, OVERRIDE_MIN_LENGTH)
            )
            mark_invalid(self.override, True)
            self.override.setFocus()
            return
        self.set_busy(True)
        self.submitted.emit(values)

    def show_refusal(self, text: str) -> None:
        """The core refused: say why, and ask for the written reason an override needs."""
        self.set_busy(False)
        self.refusal.show_message(self.tr("Refused: {0}").format(text))
        for widget in (self.override_label, self.override):
            widget.show()
        self.ok_button.setText(self.tr("Override and appoint"))
        self.override.setFocus()

    def show_error(self, error: BaseException) -> None:
        """Each bad value at its field (name, value, reason); anything else under the form."""
        self.set_busy(False)
        errors = error.errors if isinstance(error, ValidationErrors) else [error]
        editors = {
            "starts_on": self.starts_on,
            "decision_ref": self.decision_ref,
            "reason": self.reason,
        }
        unplaced = []
        for one in errors:
            if isinstance(one, ValidationError) and one.field in editors:
                self.messages[one.field].show_message(str(one))
                mark_invalid(editors[one.field], True)
                editors[one.field].setFocus()
            else:
                unplaced.append(str(one))
        if unplaced:
            self.general.show_message(self.tr("Nothing was saved: {0}").format("; ".join(unplaced)))
