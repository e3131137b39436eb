"""How an accompanying adult's claimed relationship to the child was checked: the method
(documents, separate interviews, consistency of accounts, not checked), the outcome and the date.
An adult whose relationship is not confirmed stays on the early-warning list."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from guardian_desk.protection.words import CHECK_METHOD_NAMES, CHECK_OUTCOME_NAMES, word
from ui.bidi import isolated
from ui.bridge import CoreBridge, Task
from ui.date_input import date_input_format
from ui.forms.fields_dialog import submit_on_bridge
from ui.forms.message_bar import MessageBar


class AdultCheckDialog(QDialog):
    """The check of one adult; ``submitted`` carries method, outcome, date and note."""

    submitted = Signal(str, str, object, str)

    def __init__(self, adult: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Check of an accompanying adult"))
        self.bar = MessageBar()
        # TRANSLATORS: {0} the adult's name, {1} the relationship the adult claims (e.g. uncle).
        who = self.tr("{0}, who says to be the child's {1}").format(
            isolated(adult.full_name), adult.claimed_relationship or self.tr("relative")
        )
        heading = QLabel(who, wordWrap=True)
        self.method = QComboBox()
        self.method.setObjectName("check_method")
        for value in CHECK_METHOD_NAMES:
            self.method.addItem(word(CHECK_METHOD_NAMES, value), value)
        self.outcome = QComboBox()
        self.outcome.setObjectName("check_outcome")
        for value in CHECK_OUTCOME_NAMES:
            self.outcome.addItem(word(CHECK_OUTCOME_NAMES, value), value)
        self.checked_on = QDateEdit()
        self.checked_on.setObjectName("checked_on")
        self.checked_on.setCalendarPopup(True)
        self.checked_on.setDisplayFormat(date_input_format())
        self.checked_on.setMaximumDate(QDate.currentDate())
        self.checked_on.setDate(QDate.currentDate())
        self.note = QPlainTextEdit()
        self.note.setObjectName("check_note")
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(80)
        self.note.setPlaceholderText(self.tr("Which documents, what each said, what did not match"))
        if adult.check_method and adult.check_method != "none":
            self.method.setCurrentIndex(max(self.method.findData(adult.check_method), 0))
        if adult.check_outcome:
            self.outcome.setCurrentIndex(max(self.outcome.findData(adult.check_outcome), 0))
        form = QFormLayout()
        form.addRow(self.tr("&How checked:"), self.method)
        form.addRow(self.tr("&Outcome:"), self.outcome)
        form.addRow(self.tr("Checked &on:"), self.checked_on)
        form.addRow(self.tr("&Note:"), self.note)
        hint = QLabel(
            self.tr(
                "Adults often cannot prove their link to the child. Until the relationship is "
                "confirmed, the adult stays on the early-warning list."
            ),
            wordWrap=True,
        )
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("&Record the check"))
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.bar)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.resize(560, 360)

    def _submit(self) -> None:
        day = self.checked_on.date().toPython()
        assert isinstance(day, date)
        self.bar.clear()
        self.submitted.emit(
            str(self.method.currentData()),
            str(self.outcome.currentData()),
            day,
            self.note.toPlainText().strip(),
        )


def ask_check(
    bridge: CoreBridge, adult: Any, parent: QWidget, done: Callable[[Any], None]
) -> AdultCheckDialog:
    """Opens the check dialog of an adult; ``done`` gets the updated AdultInfo."""
    dialog = AdultCheckDialog(adult, parent)
    dialog.setObjectName("adult_check_dialog")
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    adult_id = adult.adult_id

    def submitted(method: str, outcome: str, day: date, note: str) -> None:
        def work(session: Session, task: Task) -> Any:
            from guardian_desk.services.adults import record_adult_check

            return record_adult_check(
                session, adult_id, method=method, outcome=outcome, checked_on=day, note=note
            )

        submit_on_bridge(bridge, dialog, work, done)

    dialog.submitted.connect(submitted)
    dialog.open()
    return dialog
