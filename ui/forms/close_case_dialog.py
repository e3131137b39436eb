"""Close a case (how it ended, on which day, in the officer's words) after seeing exactly what
changes: the appointments that end and the planned visits that are cancelled. Reopen it.

The list comes from services/case_closure.closure_plan and is given back to close_case, which
refuses if the case changed in between: what the officer confirmed is what is done."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

import shiboken6
from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from guardian_desk.domain.closure import ClosureReason, closure_reason_text, needs_note
from guardian_desk.domain.enums import AssignmentRole
from guardian_desk.domain.errors import ConflictError, GuardianDeskError
from guardian_desk.i18n.formats import date_text, datetime_text
from guardian_desk.services.case_closure import (
    ClosurePlan,
    ClosureState,
    case_closure,
    close_case,
    closure_plan,
    reopen_case,
)
from ui.bridge import CoreBridge, Task
from ui.date_input import date_input_format
from ui.forms.fields import ChoiceCombo
from ui.widgets.field_message import FieldMessage


class CloseCaseDialog(QDialog):
    """How the case ended and when; the list of what closing changes; Close case."""

    def __init__(
        self,
        bridge: CoreBridge,
        child_id: int,
        version: int,
        title: str,
        zone: ZoneInfo,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.bridge = bridge
        self.child_id = child_id
        self.version = version
        self.zone = zone
        self.plan: ClosurePlan | None = None
        self.setWindowTitle(self.tr("Close case"))
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "{0}: the case leaves the working lists but stays on record. Its appointments "
                "end on the closing day and its planned visits from that day are cancelled."
            ).format(title)
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.reason = ChoiceCombo((closure_reason_text(r), r.value) for r in ClosureReason)
        self.reason.setObjectName("closure_reason")
        self.reason.currentIndexChanged.connect(self._check)
        form.addRow(self.tr("How the case ended:"), self.reason)
        today = date.today()
        self.day = QDateEdit(QDate(today.year, today.month, today.day))
        self.day.setDisplayFormat(date_input_format())
        self.day.setCalendarPopup(True)
        self.day.setMaximumDate(QDate(today.year, today.month, today.day))
        self.day.dateChanged.connect(self._load)
        form.addRow(self.tr("Closing day:"), self.day)
        self.note = QLineEdit()
        self.note.setMaxLength(1000)
        self.note.textChanged.connect(self._check)
        form.addRow(self.tr("In your words:"), self.note)
        layout.addLayout(form)
        self.heading = QLabel(self.tr("Closing changes exactly this:"))
        layout.addWidget(self.heading)
        self.changes = QListWidget()
        self.changes.setObjectName("closure_changes")
        self.changes.setMinimumHeight(160)
        layout.addWidget(self.changes, 1)
        self.message = FieldMessage()
        layout.addWidget(self.message)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.addButton(
            self.tr("Close case"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.ok.setEnabled(False)
        self.buttons.accepted.connect(self._confirm)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.resize(600, 520)
        self._load()

    def closure_reason(self) -> ClosureReason:
        return ClosureReason(self.reason.value())

    def on(self) -> date:
        day = self.day.date()
        return date(day.year(), day.month(), day.day())

    def _check(self) -> None:
        wanted = needs_note(self.closure_reason())
        self.note.setPlaceholderText(self.tr("required") if wanted else self.tr("optional"))
        self.ok.setEnabled(self.plan is not None and (bool(self.note.text().strip()) or not wanted))

    def _load(self) -> None:
        self.plan = None
        self._check()
        child_id, on = self.child_id, self.on()
        self.bridge.run(
            lambda session, task: closure_plan(session, child_id, on),
            on_success=self._loaded,
            on_failure=self._failed,
        )

    def _loaded(self, plan: ClosurePlan) -> None:
        if not shiboken6.isValid(self):
            return
        self.plan = plan
        self.message.show_message("")
        self.changes.clear()
        for end in plan.appointments:
            if end.role is AssignmentRole.GUARDIAN:
                text = self.tr("The guardian appointment of {0} (since {1}) ends on {2}.")
            else:
                text = self.tr("The mediator appointment of {0} (since {1}) ends on {2}.")
            self.changes.addItem(
                text.format(end.person, date_text(end.starts_on), date_text(plan.on))
            )
        for visit in plan.visits:
            when = datetime_text(visit.starts_at.astimezone(self.zone))
            who = visit.with_whom or "—"
            self.changes.addItem(self.tr("The visit on {0} ({1}) is cancelled.").format(when, who))
        if not plan.appointments and not plan.visits:
            self.changes.addItem(self.tr("No appointment ends and no visit is cancelled."))
        count = len(plan.appointments) + len(plan.visits)
        self.heading.setText(self.tr("Closing changes exactly this (%n change(s)):", "", count))
        self._check()

    def _confirm(self) -> None:
        plan = self.plan
        if plan is None:
            return
        self.ok.setEnabled(False)
        child_id, version = self.child_id, self.version
        reason, on, note = self.closure_reason(), self.on(), self.note.text()

        def work(session: Session, task: Task) -> ClosurePlan:
            return close_case(
                session, child_id, version, reason=reason, on=on, note=note, confirmed=plan
            )

        self.bridge.run(work, writes=True, on_success=self._done, on_failure=self._failed)

    def _done(self, _plan: ClosurePlan) -> None:
        if shiboken6.isValid(self):
            self.accept()

    def _failed(self, error: BaseException) -> None:
        if not isinstance(error, GuardianDeskError):
            raise error
        if not shiboken6.isValid(self):
            return
        if isinstance(error, ConflictError):
            text = self.tr(
                "Someone else changed this record in the meantime; reload and try again."
            )
        else:
            text = self.tr("Not done: {0}").format(error)
        self.message.show_message(text)
        if self.plan is not None and "changed since" in str(error):
            self._load()  # show the case as it is now
        self._check()


class ReopenCaseDialog(QDialog):
    """How the case was closed, and a Reopen button (with the officer's reason, optional)."""

    def __init__(
        self, bridge: CoreBridge, child_id: int, version: int, title: str, parent: QWidget | None
    ) -> None:
        super().__init__(parent)
        self.bridge = bridge
        self.child_id = child_id
        self.version = version
        self.setWindowTitle(self.tr("Reopen case"))
        layout = QVBoxLayout(self)
        self.state = QLabel(title)
        self.state.setWordWrap(True)
        layout.addWidget(self.state)
        form = QFormLayout()
        self.note = QLineEdit()
        self.note.setMaxLength(1000)
        self.note.setPlaceholderText(self.tr("optional"))
        form.addRow(self.tr("Why reopen:"), self.note)
        layout.addLayout(form)
        layout.addWidget(
            QLabel(self.tr("Ended appointments and cancelled visits stay as they are."))
        )
        self.message = FieldMessage()
        layout.addWidget(self.message)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.addButton(
            self.tr("Reopen case"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.accepted.connect(self._confirm)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.resize(480, self.sizeHint().height())
        self.bridge.run(
            lambda session, task: case_closure(session, child_id),
            on_success=self._loaded,
            on_failure=self._failed,
        )
        self.title = title

    def _loaded(self, state: ClosureState) -> None:
        if not shiboken6.isValid(self) or state.reason is None:
            return
        text = self.tr("{0}: closed on {1} ({2}).").format(
            self.title, date_text(state.closed_on), closure_reason_text(state.reason)
        )
        if state.note:
            text += " " + self.tr("In the officer's words: {0}").format(state.note)
        self.state.setText(text)

    def _confirm(self) -> None:
        self.ok.setEnabled(False)
        child_id, version, note = self.child_id, self.version, self.note.text()
        self.bridge.run(
            lambda session, task: reopen_case(session, child_id, version, note=note) and None,
            writes=True,
            on_success=lambda _none: self.accept() if shiboken6.isValid(self) else None,
            on_failure=self._failed,
        )

    def _failed(self, error: BaseException) -> None:
        if not isinstance(error, GuardianDeskError):
            raise error
        if shiboken6.isValid(self):
            self.ok.setEnabled(True)
            self.message.show_message(self.tr("Not done: {0}").format(error))
