"""The visit report, opened when a visit is marked held (services/visit_reports.py).

How long the visit lasted, who attended, the child's wellbeing (a five-step scale and/or
words), concerns, and follow-up actions with a due date and a done box. ``submitted`` carries
a ``ReportInput``; the core's refusal is shown in the dialog until the caller accepts it.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from guardian_desk.domain.errors import ValidationError
from guardian_desk.services.visit_reports import (
    MAX_MINUTES,
    WELLBEING_LEVELS,
    FollowUpInput,
    ReportInfo,
    ReportInput,
    wellbeing_text,
)
from ui.date_input import date_input_format
from ui.scheduling.common import error_text
from ui.widgets.field_message import FieldMessage

ACTION, DUE, DONE = range(3)


def _text_box(placeholder: str, height: int = 58) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setTabChangesFocus(True)
    box.setPlaceholderText(placeholder)
    box.setFixedHeight(height)
    return box


class VisitReportDialog(QDialog):
    """What happened at the visit; ``submitted`` carries the ReportInput."""

    submitted = Signal(object)

    def __init__(
        self,
        what: str,
        minutes: int,
        *,
        mediator_expected: bool,
        visit_day: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Visit report"))
        self.visit_day = visit_day
        self.follow_up_ids: list[int | None] = []
        self.heading = QLabel(what, wordWrap=True)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)

        self.minutes = QSpinBox()
        self.minutes.setObjectName("minutes")
        self.minutes.setRange(1, MAX_MINUTES)
        self.minutes.setSingleStep(5)
        self.minutes.setValue(max(1, min(minutes, MAX_MINUTES)))
        self.minutes.setSuffix(self.tr(" min"))

        self.child_present = QCheckBox(self.tr("Child"))
        self.child_present.setChecked(True)
        self.guardian_present = QCheckBox(self.tr("Guardian"))
        self.guardian_present.setChecked(True)
        self.mediator_present = QCheckBox(self.tr("Mediator"))
        self.mediator_present.setChecked(mediator_expected)
        self.others = QLineEdit()
        self.others.setObjectName("others_present")
        self.others.setPlaceholderText(self.tr("Others present, e.g. the shelter's social worker"))
        attended = QHBoxLayout()
        for box in (self.child_present, self.guardian_present, self.mediator_present):
            attended.addWidget(box)
        attended.addWidget(self.others, 1)

        self.wellbeing = QComboBox()
        self.wellbeing.setObjectName("wellbeing")
        self.wellbeing.addItem(self.tr("Not rated"), None)
        for level in sorted(WELLBEING_LEVELS):
            # TRANSLATORS: a step of the wellbeing scale: "4 – good".
            self.wellbeing.addItem(self.tr("{0} – {1}").format(level, wellbeing_text(level)), level)
        self.wellbeing_note = _text_box(
            self.tr("How the child is: mood, health, sleep, school, friends")
        )
        self.wellbeing_note.setObjectName("wellbeing_note")
        self.concerns = _text_box(self.tr("Anything that worries you or the child"))
        self.concerns.setObjectName("concerns")

        self.follow_ups = QTableWidget(0, 3)
        self.follow_ups.setObjectName("follow_ups")
        self.follow_ups.setHorizontalHeaderLabels(
            [self.tr("Follow-up action"), self.tr("Due"), self.tr("Done")]
        )
        header = self.follow_ups.horizontalHeader()
        header.setSectionResizeMode(ACTION, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(DUE, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(DONE, QHeaderView.ResizeMode.ResizeToContents)
        self.follow_ups.verticalHeader().hide()
        self.follow_ups.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.follow_ups.setFixedHeight(130)
        self.add_button = QPushButton(self.tr("&Add follow-up"))
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(lambda: self.add_follow_up())
        self.remove_button = QPushButton(self.tr("&Remove"))
        self.remove_button.setAutoDefault(False)
        self.remove_button.clicked.connect(self.remove_follow_up)
        follow_buttons = QHBoxLayout()
        follow_buttons.addWidget(self.add_button)
        follow_buttons.addWidget(self.remove_button)
        follow_buttons.addStretch()

        self.message = FieldMessage()
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow(self.tr("&Duration:"), self.minutes)
        form.addRow(self.tr("Attended:"), attended)
        form.addRow(self.tr("&Wellbeing:"), self.wellbeing)
        form.addRow("", self.wellbeing_note)
        form.addRow(self.tr("&Concerns:"), self.concerns)
        form.addRow(self.tr("Follow-ups:"), self.follow_ups)
        form.addRow("", follow_buttons)
        form.addRow("", self.message)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("&Save as held"))
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.resize(720, 480)
        self.minutes.setFocus()

    # --- follow-ups ----------------------------------------------------------------------------

    def add_follow_up(
        self,
        action: str = "",
        due_on: date | None = None,
        done: bool = False,
        follow_up_id: int | None = None,
    ) -> int:
        row = self.follow_ups.rowCount()
        self.follow_ups.insertRow(row)
        editor = QLineEdit(action)
        editor.setFrame(False)
        editor.setPlaceholderText(self.tr("What must be done, by whom"))
        self.follow_ups.setCellWidget(row, ACTION, editor)
        due = QDateEdit()
        due.setCalendarPopup(True)
        due.setDisplayFormat(date_input_format())
        day = due_on or self.visit_day
        due.setDate(QDate(day.year, day.month, day.day))
        self.follow_ups.setCellWidget(row, DUE, due)
        box = QCheckBox()
        box.setChecked(done)
        self.follow_ups.setCellWidget(row, DONE, box)
        self.follow_up_ids.append(follow_up_id)
        editor.setFocus()
        return row

    def remove_follow_up(self) -> None:
        row = self.follow_ups.currentRow()
        if row < 0:
            row = self.follow_ups.rowCount() - 1
        if row >= 0:
            self.follow_ups.removeRow(row)
            del self.follow_up_ids[row]

    def _follow_up_inputs(self) -> tuple[FollowUpInput, ...]:
        found = []
        for row in range(self.follow_ups.rowCount()):
            editor = self.follow_ups.cellWidget(row, ACTION)
            due = self.follow_ups.cellWidget(row, DUE)
            box = self.follow_ups.cellWidget(row, DONE)
            assert isinstance(editor, QLineEdit) and isinstance(due, QDateEdit)
            assert isinstance(box, QCheckBox)
            day = due.date().toPython()
            assert isinstance(day, date)
            found.append(
                FollowUpInput(editor.text(), day, box.isChecked(), self.follow_up_ids[row])
            )
        return tuple(found)

    # --- in and out ----------------------------------------------------------------------------

    def set_report(self, report: ReportInfo) -> None:
        """Fill the dialog with a saved report (a held visit reported again)."""
        self.minutes.setValue(report.minutes)
        self.child_present.setChecked(report.child_present)
        self.guardian_present.setChecked(report.guardian_present)
        self.mediator_present.setChecked(report.mediator_present)
        self.others.setText(report.others_present)
        self.wellbeing.setCurrentIndex(max(0, self.wellbeing.findData(report.wellbeing)))
        self.wellbeing_note.setPlainText(report.wellbeing_note)
        self.concerns.setPlainText(report.concerns)
        while self.follow_ups.rowCount():
            self.follow_ups.removeRow(0)
        self.follow_up_ids.clear()
        for f in report.follow_ups:
            self.add_follow_up(f.action, f.due_on, f.done, f.follow_up_id)
        self.minutes.setFocus()

    def report(self) -> ReportInput:
        return ReportInput(
            minutes=self.minutes.value(),
            child_present=self.child_present.isChecked(),
            guardian_present=self.guardian_present.isChecked(),
            mediator_present=self.mediator_present.isChecked(),
            others_present=self.others.text(),
            wellbeing=self.wellbeing.currentData(),
            wellbeing_note=self.wellbeing_note.toPlainText(),
            concerns=self.concerns.toPlainText(),
            follow_ups=self._follow_up_inputs(),
        )

    def _submit(self) -> None:
        self.message.show_message(None)
        self.submitted.emit(self.report())

    def show_error(self, error: BaseException) -> None:
        text = error_text(error)
        if isinstance(error, ValidationError) and error.field.startswith("follow_ups["):
            row = error.field[len("follow_ups[") :].split("]", 1)[0]
            # TRANSLATORS: {0} is the number of a follow-up line, {1} what is wrong with it.
            text = self.tr("Follow-up {0}: {1}").format(row, text)
        self.message.show_message(text)
