"""Closing or reopening a case, suspending or reinstating a person, closing or reopening a
facility.

Each asks for confirmation (a reason where the law wants one) and goes through the bridge;
the dialog then shows the record as stored. A case is closed in ui/forms/close_case_dialog.py,
which lists exactly what closing changes before the officer confirms.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from PySide6.QtCore import QObject
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from guardian_desk.domain.enums import ChildStatus
from guardian_desk.domain.errors import ConflictError, GuardianDeskError
from guardian_desk.services.details import RecordDetail, record_detail, set_record_active
from ui.bridge import Task
from ui.forms.fields import ChoiceCombo, status_labels

if TYPE_CHECKING:
    from ui.forms.record_dialog import RecordDialog


CLOSING_STATUSES = (
    ChildStatus.TRANSFERRED,
    ChildStatus.RETURNED,
    ChildStatus.REUNIFIED,
    ChildStatus.MISSING,
    ChildStatus.AGED_OUT,
    ChildStatus.CLOSED,
)


class ReasonDialog(QDialog):
    """A confirmation that needs a written reason (and, to close a case, how it ended)."""

    def __init__(
        self,
        title: str,
        explanation: str,
        action: str,
        *,
        closing_status: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        text = QLabel(explanation)
        text.setWordWrap(True)
        layout.addWidget(text)
        form = QFormLayout()
        labels = status_labels()
        self.status = ChoiceCombo((labels[s], s.value) for s in CLOSING_STATUSES)
        if closing_status:
            self.status.set_value(ChildStatus.CLOSED)
            form.addRow(self.tr("How the case ended:"), self.status)
        else:
            self.status.hide()
        self.reason = QLineEdit()
        self.reason.setMaxLength(500)
        self.reason.setPlaceholderText(self.tr("required"))
        form.addRow(self.tr("Reason:"), self.reason)
        layout.addLayout(form)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.addButton(action, QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok.setEnabled(False)
        self.reason.textChanged.connect(lambda text: self.ok.setEnabled(bool(text.strip())))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.resize(440, self.sizeHint().height())
        self.reason.setFocus()

    def closing_status(self) -> ChildStatus:
        return ChildStatus(self.status.value())

    def reason_text(self) -> str:
        return self.reason.text().strip()


class Deactivation(QObject):
    """The dialog's deactivate/reactivate button and what it does for each kind of record."""

    def __init__(self, dialog: RecordDialog) -> None:
        super().__init__(dialog)
        self.dialog = dialog
        self.button = QPushButton()
        self.button.clicked.connect(self.start)
        self.available = False
        self.update(None)

    def update(self, detail: RecordDetail | None) -> None:
        """The button's words follow the record: Close case…, Suspend…/Reinstate, Close/Reopen."""
        kind = self.dialog.kind
        self.active = detail.active if detail is not None else True
        if kind == "children":
            text = self.tr("Close case…") if self.active else self.tr("Reopen case…")
            self.available = detail is not None
        elif kind == "facilities":
            text = self.tr("Close facility…") if self.active else self.tr("Reopen facility")
            self.available = detail is not None
        else:
            text = self.tr("Suspend…") if self.active else self.tr("Reinstate")
            self.available = detail is not None
        self.button.setText(text)
        self.button.setVisible(detail is not None)
        self.button.setEnabled(self.available)

    def start(self) -> None:
        dialog = self.dialog
        detail = dialog.detail
        if detail is None or not self.available:
            return
        if dialog.is_dirty():
            dialog.bar.show_error(
                self.tr("Save or discard your changes first (Reload discards them)."),
                offer_reload=True,
            )
            return
        name = dialog.windowTitle()
        reason = ""
        status = ChildStatus.CLOSED
        if dialog.kind == "children":
            self._close_or_reopen(detail, name)
            return
        if dialog.kind != "facilities" and self.active:
            asked = ReasonDialog(
                self.tr("Suspend"),
                self.tr("{0} will get no new children while suspended. Why?").format(name),
                self.tr("Suspend"),
                closing_status=False,
                parent=dialog,
            )
            if asked.exec() != QDialog.DialogCode.Accepted:
                return
            reason = asked.reason_text()
        else:
            question = {
                (True, True): self.tr("Close {0}? No new visits can be planned there."),
                (True, False): self.tr("Reopen {0}?"),
                (False, False): self.tr("Reinstate {0}? They can be appointed again."),
            }[(dialog.kind == "facilities", self.active)]
            answer = QMessageBox.question(
                dialog,
                name,
                question.format(name),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        self._run(detail, not self.active, reason, status)

    def _close_or_reopen(self, detail: RecordDetail, name: str) -> None:
        """The closing dialog lists what will change and closes; reopening asks why."""
        from ui.forms.close_case_dialog import CloseCaseDialog, ReopenCaseDialog

        dialog = self.dialog
        asked: QDialog
        if self.active:
            choices = dialog.choices
            zone = ZoneInfo(choices.time_zone if choices is not None else "UTC")
            asked = CloseCaseDialog(dialog.bridge, detail.id, detail.version, name, zone, dialog)
        else:
            asked = ReopenCaseDialog(dialog.bridge, detail.id, detail.version, name, dialog)
        if asked.exec() != QDialog.DialogCode.Accepted:
            return
        record_id = detail.id
        self.dialog.set_busy(True)
        self.dialog.bridge.run(
            lambda session, task: record_detail(session, "children", record_id, log_view=False),
            on_success=self.dialog.alive(self._done),
            on_failure=self.dialog.alive(self._failed),
        )

    def _run(self, detail: RecordDetail, active: bool, reason: str, status: ChildStatus) -> None:
        kind, record_id, version = self.dialog.kind, detail.id, detail.version

        def work(session: Session, task: Task) -> RecordDetail:
            set_record_active(
                session, kind, record_id, version, active=active, reason=reason, status=status
            )
            return record_detail(session, kind, record_id)

        self.dialog.set_busy(True)
        self.dialog.bridge.run(
            work,
            writes=True,
            on_success=self.dialog.alive(self._done),
            on_failure=self.dialog.alive(self._failed),
        )

    def _done(self, detail: RecordDetail) -> None:
        self.dialog.set_busy(False)
        self.dialog.show_detail(detail)
        self.dialog.bar.show_info(self.tr("Saved."))
        self.dialog.saved.emit(self.dialog.kind, detail.id)

    def _failed(self, error: BaseException) -> None:
        self.dialog.set_busy(False)
        if isinstance(error, ConflictError):
            self.dialog.bar.show_error(
                self.tr("Someone else changed this record in the meantime; reload and try again."),
                offer_reload=True,
            )
        elif isinstance(error, GuardianDeskError):
            self.dialog.bar.show_error(self.tr("Not done: {0}").format(error))
        else:
            raise error
