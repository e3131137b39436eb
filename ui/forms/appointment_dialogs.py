"""End an appointment, change the guardian: the buttons under a child's Assignments tab and
their dialogs. Each dialog lists the planned visits the change touches before the officer
confirms; the work runs through the bridge (services/appointment_changes.py) and the papers
(the termination decision, the new appointment decision) are offered afterwards."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

import shiboken6
from PySide6.QtCore import QDate, QObject, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QRadioButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from guardian_desk.domain.closure import EndReason, end_reason_text, needs_note
from guardian_desk.domain.enums import AssignmentRole
from guardian_desk.domain.errors import ConflictError, GuardianDeskError
from guardian_desk.i18n.formats import datetime_text
from guardian_desk.services.appointment_changes import (
    AppointmentChange,
    PlannedVisit,
    VisitChoice,
    change_guardian,
    end_appointment,
    guardians_to_choose,
    visits_touched,
)
from guardian_desk.services.details import AssignmentRow, RecordDetail, record_detail
from ui.bridge import CoreBridge, Task
from ui.date_input import date_input_format
from ui.forms.fields import ChoiceCombo
from ui.widgets.field_message import FieldMessage

if TYPE_CHECKING:
    from ui.forms.record_dialog import RecordDialog


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


class _ChangeDialog(QDialog):
    """What ending and changing share: the day, the reason, the words, the visits touched."""

    def __init__(
        self,
        bridge: CoreBridge,
        row: AssignmentRow,
        version: int,
        zone: ZoneInfo,
        parent: QWidget | None,
    ) -> None:
        super().__init__(parent)
        self.bridge = bridge
        self.row = row
        self.version = version
        self.zone = zone
        self.planned: list[PlannedVisit] | None = None
        self.layout_ = QVBoxLayout(self)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.layout_.addWidget(self.intro)
        self.form = QFormLayout()
        self.day = QDateEdit(_qdate(date.today()))
        self.day.setDisplayFormat(date_input_format())
        self.day.setCalendarPopup(True)
        self.day.setMinimumDate(_qdate(row.starts_on))
        self.day.dateChanged.connect(self._load_visits)
        self.reason = ChoiceCombo((end_reason_text(r), r.value) for r in EndReason)
        self.reason.currentIndexChanged.connect(self._check)
        self.note = QLineEdit()
        self.note.setMaxLength(500)
        self.note.textChanged.connect(self._check)
        self.visits = QListWidget()
        self.visits.setMaximumHeight(140)
        self.visits_label = QLabel()
        self.visits_label.setWordWrap(True)
        self.message = FieldMessage()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok.setEnabled(False)
        self.buttons.accepted.connect(self._confirm)
        self.buttons.rejected.connect(self.reject)
        self.result_: AppointmentChange | None = None

    def finish_layout(self) -> None:
        self.layout_.addLayout(self.form)
        self.layout_.addWidget(self.visits_label)
        self.layout_.addWidget(self.visits)
        self.layout_.addWidget(self.message)
        self.layout_.addWidget(self.buttons)
        self.resize(560, min(self.sizeHint().height(), 640))
        self._load_visits()

    def end_reason(self) -> EndReason:
        return EndReason(self.reason.value())

    def ready(self) -> bool:
        note_ok = bool(self.note.text().strip()) or not needs_note(self.end_reason())
        return self.planned is not None and note_ok

    def _check(self) -> None:
        self.note.setPlaceholderText(
            self.tr("required") if needs_note(self.end_reason()) else self.tr("optional")
        )
        self.ok.setEnabled(self.ready())

    def _load_visits(self) -> None:
        self.planned = None
        self._check()
        assignment_id, on = self.row.id, _pydate(self.day.date())
        self.bridge.run(
            lambda session, task: visits_touched(session, assignment_id, on),
            on_success=self._visits_loaded,
            on_failure=self._failed,
        )

    def _visits_loaded(self, planned: list[PlannedVisit]) -> None:
        if not shiboken6.isValid(self):
            return
        self.planned = planned
        self.visits.clear()
        for visit in planned:
            when = datetime_text(visit.starts_at.astimezone(self.zone))
            self.visits.addItem(f"{when}  {visit.place}".strip())
        self.visits_label.setText(self.visits_text(len(planned)))
        self.visits.setVisible(bool(planned))
        self._check()

    def visits_text(self, count: int) -> str:
        raise NotImplementedError

    def _confirm(self) -> None:
        self.ok.setEnabled(False)
        self.message.show_message("")
        self.bridge.run(self.work(), writes=True, on_success=self._done, on_failure=self._failed)

    def work(self) -> Any:
        raise NotImplementedError

    def _done(self, change: AppointmentChange) -> None:
        self.result_ = change
        if shiboken6.isValid(self):
            self.accept()

    def _failed(self, error: BaseException) -> None:
        if not isinstance(error, GuardianDeskError):
            raise error
        if not shiboken6.isValid(self):
            return
        if isinstance(error, ConflictError):
            text = self.tr("Someone else changed this appointment; close and try again.")
        else:
            text = self.tr("Not done: {0}").format(error)
        self.message.show_message(text)
        self._check()


class EndAppointmentDialog(_ChangeDialog):
    def __init__(
        self,
        bridge: CoreBridge,
        row: AssignmentRow,
        version: int,
        zone: ZoneInfo,
        parent: QWidget | None,
    ) -> None:
        super().__init__(bridge, row, version, zone, parent)
        self.setWindowTitle(self.tr("End appointment"))
        if row.role is AssignmentRole.GUARDIAN:
            intro = self.tr(
                "{0} stops being the guardian of {1}. The child then waits for a guardian."
            )
        else:
            intro = self.tr("{0} stops being the mediator of {1}.")
        self.intro.setText(intro.format(row.person, row.child))
        self.form.addRow(self.tr("Last day:"), self.day)
        self.form.addRow(self.tr("Why:"), self.reason)
        self.form.addRow(self.tr("In your words:"), self.note)
        self.ok.setText(self.tr("End appointment"))
        self.finish_layout()

    def visits_text(self, count: int) -> str:
        if count == 0:
            return self.tr("No planned visit is touched.")
        return self.tr("These %n planned visit(s) will be cancelled:", "", count)

    def work(self) -> Any:
        assignment_id, version = self.row.id, self.version
        on, reason, note = _pydate(self.day.date()), self.end_reason(), self.note.text()

        def run(session: Session, task: Task) -> AppointmentChange:
            return end_appointment(
                session, assignment_id, version, ends_on=on, reason=reason, note=note
            )

        return run


class ChangeGuardianDialog(_ChangeDialog):
    def __init__(
        self,
        bridge: CoreBridge,
        row: AssignmentRow,
        version: int,
        zone: ZoneInfo,
        parent: QWidget | None,
    ) -> None:
        super().__init__(bridge, row, version, zone, parent)
        self.setWindowTitle(self.tr("Change guardian"))
        self.intro.setText(
            self.tr("{0}'s appointment ends and the new guardian's starts on the same day.").format(
                row.person
            )
        )
        self.reason.set_value(EndReason.REPLACED)
        self.guardian = QComboBox()
        self.guardian.setEditable(False)
        self.guardian.currentIndexChanged.connect(self._check)
        self.handover = QLineEdit()
        self.handover.setMaxLength(500)
        self.handover.setPlaceholderText(self.tr("what the new guardian must know"))
        self.move_visits = QRadioButton(self.tr("Move them to the new guardian"))
        self.cancel_visits = QRadioButton(self.tr("Cancel them"))
        self.move_visits.setChecked(True)
        self.choice = QButtonGroup(self)
        self.choice.addButton(self.move_visits)
        self.choice.addButton(self.cancel_visits)
        choice_row = QHBoxLayout()
        choice_row.addWidget(self.move_visits)
        choice_row.addWidget(self.cancel_visits)
        choice_row.addStretch()
        self.form.addRow(self.tr("New guardian:"), self.guardian)
        self.form.addRow(self.tr("From:"), self.day)
        self.form.addRow(self.tr("Why:"), self.reason)
        self.form.addRow(self.tr("In your words:"), self.note)
        self.form.addRow(self.tr("Handover note:"), self.handover)
        self.form.addRow(self.tr("Planned visits:"), choice_row)
        self.ok.setText(self.tr("Change guardian"))
        self.finish_layout()
        current = row.person_id
        self.bridge.run(
            lambda session, task: guardians_to_choose(session, current),
            on_success=self._guardians_loaded,
            on_failure=self._failed,
        )

    def _guardians_loaded(self, found: list[tuple[int, str]]) -> None:
        if not shiboken6.isValid(self):
            return
        self.guardian.clear()
        for guardian_id, label in found:
            self.guardian.addItem(label, guardian_id)
        self._check()

    def ready(self) -> bool:
        return super().ready() and hasattr(self, "guardian") and self.guardian.currentIndex() >= 0

    def visits_text(self, count: int) -> str:
        if count == 0:
            return self.tr("The old guardian has no planned visit with the child from that day.")
        return self.tr(
            "The old guardian's %n planned visit(s) with the child from that day:", "", count
        )

    def work(self) -> Any:
        assignment_id, version = self.row.id, self.version
        new_id = int(self.guardian.currentData())
        on, reason, note = _pydate(self.day.date()), self.end_reason(), self.note.text()
        handover = self.handover.text()
        choice = VisitChoice.MOVE if self.move_visits.isChecked() else VisitChoice.CANCEL

        def run(session: Session, task: Task) -> AppointmentChange:
            return change_guardian(
                session,
                assignment_id,
                version,
                new_id,
                on=on,
                visits_choice=choice,
                handover_note=handover,
                reason=reason,
                note=note,
            )

        return run


def _assignment_version(session: Session, assignment_id: int) -> int:
    from guardian_desk.security.roles import Permission, require
    from guardian_desk.services.appointment_changes import assignments_get

    require(session, Permission.READ_RECORDS)
    return assignments_get(session, assignment_id).version


class AppointmentActions(QObject):
    """ "End appointment…" and "Change guardian…" under the child's Assignments tab."""

    def __init__(self, dialog: RecordDialog) -> None:
        super().__init__(dialog)
        self.dialog = dialog
        self.end_button = QPushButton(self.tr("End appointment…"))
        self.change_button = QPushButton(self.tr("Change guardian…"))
        self.end_button.clicked.connect(self.end)
        self.change_button.clicked.connect(self.change)
        for button in (self.end_button, self.change_button):
            button.setAutoDefault(False)
            button.setEnabled(False)
        found = [
            view
            for view in dialog.record_tabs
            if isinstance(view, QTableView) and view.model() is dialog.assignments
        ]
        self.view = found[0]
        position = dialog.record_tabs.index(self.view)
        index = dialog.tabs.indexOf(self.view)
        title = dialog.tabs.tabText(index)
        page = QWidget()
        page.setObjectName("assignments_page")
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view, 1)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Select an appointment, then:")))
        row.addWidget(self.end_button)
        row.addWidget(self.change_button)
        row.addStretch()
        layout.addLayout(row)
        dialog.tabs.insertTab(index, page, title)
        dialog.record_tabs[position] = page
        self.view.selectionModel().selectionChanged.connect(self._selection)
        dialog.assignments.modelReset.connect(self._selection)
        self.open = False

    def _rows(self) -> list[AssignmentRow]:
        model = self.dialog.assignments
        return [model.row_at(i) for i in range(model.rowCount())]

    def update(self, detail: RecordDetail | None) -> None:
        self.open = detail is not None and detail.active
        self._selection()

    def selected(self) -> AssignmentRow | None:
        rows = self.view.selectionModel().selectedRows()
        if not rows:
            current = [r for r in self._rows() if r.current]
            return current[0] if len(current) == 1 else None
        row = self.dialog.assignments.row_at(rows[0].row())
        return row if row.current else None

    def _guardian(self) -> AssignmentRow | None:
        found = [r for r in self._rows() if r.current and r.role is AssignmentRole.GUARDIAN]
        return found[0] if found else None

    def _selection(self, *args: object) -> None:
        chosen = self.selected()
        self.end_button.setEnabled(self.open and chosen is not None)
        self.change_button.setEnabled(self.open and self._guardian() is not None)
        if not self.open:
            tip = self.tr("The case is closed.")
        elif chosen is None:
            tip = self.tr("Select a current appointment.")
        else:
            tip = ""
        self.end_button.setToolTip(tip)
        self.change_button.setToolTip(
            tip if not self.open else ("" if self._guardian() else self.tr("No guardian yet."))
        )

    def _zone(self) -> ZoneInfo:
        choices = self.dialog.choices
        return ZoneInfo(choices.time_zone) if choices is not None else ZoneInfo("UTC")

    def end(self) -> None:
        row = self.selected()
        if row is not None:
            self._open(EndAppointmentDialog, row)

    def change(self) -> None:
        row = self._guardian()
        if row is not None:
            self._open(ChangeGuardianDialog, row)

    def _open(self, kind: Any, row: AssignmentRow) -> None:
        dialog = self.dialog
        if dialog.is_dirty():
            dialog.bar.show_error(
                self.tr("Save or discard your changes first (Reload discards them)."),
                offer_reload=True,
            )
            return

        def opened(version: int) -> None:
            if not shiboken6.isValid(dialog):
                return
            asked = kind(dialog.bridge, row, version, self._zone(), dialog)
            if asked.exec() == QDialog.DialogCode.Accepted and asked.result_ is not None:
                self._changed(asked.result_)

        assignment_id = row.id
        dialog.bridge.run(
            lambda session, task: _assignment_version(session, assignment_id),
            on_success=dialog.alive(opened),
        )

    def _changed(self, change: AppointmentChange) -> None:
        dialog = self.dialog
        record_id = dialog.record_id
        assert record_id is not None
        dialog.bar.show_info(self.tr("Saved."))
        dialog.bridge.run(
            lambda session, task: record_detail(session, "children", record_id, log_view=False),
            on_success=dialog.alive(self._shown),
        )
        from ui.papers.batch import PaperOffer

        def offer(choices: list[Any]) -> None:
            if shiboken6.isValid(dialog):
                paper = PaperOffer(dialog.bridge, choices, dialog)
                paper.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
                paper.open()

        ended, new = change.ended_id, change.new_id
        dialog.bridge.run(lambda session, task: _papers(session, ended, new), on_success=offer)

    def _shown(self, detail: RecordDetail) -> None:
        self.dialog.show_detail(detail)
        self.dialog.saved.emit("children", detail.id)


def matching_refusal_of(detail: RecordDetail) -> str | None:
    """Why "Find a guardian" is off for this record (core words), else None."""
    from guardian_desk.domain.enums import ChildStatus
    from guardian_desk.services.case_closure import matching_refusal

    status = getattr(detail.data, "status", None)
    if not isinstance(status, ChildStatus):
        return None
    has_guardian = any(
        row.current and row.role is AssignmentRole.GUARDIAN for row in detail.assignments
    )
    return matching_refusal(status, has_guardian)


def _papers(session: Session, ended: int, new: int | None) -> list[Any]:
    from guardian_desk.papers.register import papers_for_change

    return papers_for_change(session, ended, new)
