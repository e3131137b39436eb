"""The child's placements (where the child has lived) and "Move to another facility…"."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from guardian_desk.domain.case_history import PlacementReason, placement_reason_text
from guardian_desk.domain.errors import ValidationError, ValidationErrors
from guardian_desk.faults import explain
from guardian_desk.i18n.formats import date_text
from guardian_desk.security.roles import Permission
from guardian_desk.services.details import RecordDetail
from guardian_desk.services.placements import (
    MOVE_REASONS,
    PlacementRow,
    facility_choices,
    move_child,
    placements_of,
)
from ui.bridge import CoreBridge, Task
from ui.callbacks import alive
from ui.forms.fields import DateField
from ui.forms.message_bar import MessageBar
from ui.forms.tables import RowsModel, table_view
from ui.widgets.field_message import FieldMessage


def tr(text: str) -> str:
    return QCoreApplication.translate("Placements", text)


class PlacementsModel(RowsModel[PlacementRow]):
    def headers(self) -> Sequence[str]:
        return (
            tr("From"),
            tr("Until"),
            tr("Facility"),
            tr("Came from"),
            tr("Reason"),
            tr("Recorded by"),
        )

    def cells(self, row: PlacementRow) -> Sequence[str]:
        reason = placement_reason_text(row.reason)
        if row.note:
            reason = f"{reason}: {row.note}"
        return (
            date_text(row.moved_on),
            date_text(row.left_on) if row.left_on else tr("now"),
            row.facility,
            row.from_facility or "",
            reason,
            row.recorded_by,
        )


class MoveDialog(QDialog):
    """Where to, on which day and why; the core checks it all again."""

    def __init__(
        self,
        bridge: CoreBridge,
        child_id: int,
        version: int,
        current: str | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.bridge = bridge
        self.child_id = child_id
        self.version = version
        self.setWindowTitle(self.tr("Move to another facility"))
        self.bar = MessageBar()
        self.facility = QComboBox()
        self.facility.setObjectName("facility")
        self.moved_on = DateField(optional=False)
        self.moved_on.set_text(date.today().isoformat())
        self.reason = QComboBox()
        self.reason.setObjectName("reason")
        for reason in MOVE_REASONS:
            self.reason.addItem(placement_reason_text(reason), reason.value)
        self.note = QLineEdit()
        self.note.setObjectName("note")
        self.note.setPlaceholderText(self.tr("what the officer should know (required for “other”)"))
        self.messages = {
            name: FieldMessage() for name in ("facility", "moved_on", "reason", "note")
        }
        form = QFormLayout()
        form.addRow(self.tr("Lives at now:"), QLabel(current or self.tr("no facility")))
        for label, name, editor in (
            (self.tr("Move to:"), "facility", self.facility),
            (self.tr("On:"), "moved_on", self.moved_on),
            (self.tr("Reason:"), "reason", self.reason),
            (self.tr("Note:"), "note", self.note),
        ):
            form.addRow(label, editor)
            form.addRow("", self.messages[name])
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("Move"))
        self.ok.setEnabled(False)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.bar)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.resize(560, 300)
        self.bridge.run(
            lambda session, task: facility_choices(session),
            on_success=alive(self, self._choices),
            on_failure=alive(self, self._failed),
        )

    def _choices(self, rows: list[tuple[int, str]]) -> None:
        for fid, label in rows:
            self.facility.addItem(label, fid)
        self.ok.setEnabled(self.facility.count() > 0)

    def submit(self) -> None:
        for message in self.messages.values():
            message.show_message(None)
        self.bar.clear()
        child_id, version = self.child_id, self.version
        facility_id = self.facility.currentData()
        if facility_id is None:
            return
        moved_on = date.fromisoformat(self.moved_on.text())
        reason = PlacementReason(self.reason.currentData())
        note = self.note.text()

        def work(session: Session, task: Task) -> None:
            move_child(
                session, child_id, version, int(facility_id), moved_on=moved_on,
                reason=reason, note=note,
            )  # fmt: skip

        self.ok.setEnabled(False)
        self.bridge.run(
            work,
            writes=True,
            on_success=alive(self, self._moved),
            on_failure=alive(self, self._failed),
        )

    def _moved(self, _result: None) -> None:
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.ok.setEnabled(self.facility.count() > 0)
        errors = (
            error.errors
            if isinstance(error, ValidationErrors)
            else [error]
            if isinstance(error, ValidationError)
            else []
        )
        placed = False
        for found in errors:
            field = found.field if found.field in self.messages else None
            if field is not None:
                self.messages[field].show_message(found.reason)
                placed = True
        if placed:
            return
        fault = explain(error)
        if not fault.expected:
            raise error
        self.bar.show_error(fault.message)


class PlacementsTab(QWidget):
    """Where the child has lived, newest last, and the move to another facility."""

    def __init__(self, bridge: CoreBridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bridge = bridge
        self.detail: RecordDetail | None = None
        self.model = PlacementsModel(self)
        self.table = table_view(self.model, (2, 4))
        self.table.setObjectName("placements_table")
        self.bar = MessageBar()
        self.move_button = QPushButton(self.tr("Move to another facility…"))
        self.move_button.setObjectName("move_button")
        self.move_button.setAutoDefault(False)
        self.move_button.clicked.connect(self.open_move)
        account = bridge.account
        self.move_button.setVisible(account is None or account.may(Permission.EDIT_CASEWORK))
        buttons = QHBoxLayout()
        buttons.addWidget(self.move_button)
        buttons.addStretch()
        # A note, a move or a visit saved anywhere: the tab follows.
        bridge.data_changed.connect(alive(self, lambda: self.reload()))
        layout = QVBoxLayout(self)
        layout.addWidget(self.bar)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(
            QLabel(
                self.tr(
                    "The current placement is the child's facility. A move ends it on the day "
                    "of the move; a facility changed in the Details tab counts as a move today."
                ),
                wordWrap=True,
            )
        )
        self.move_button.setEnabled(False)

    def show_record(self, detail: RecordDetail | None) -> None:
        self.detail = detail
        self.move_button.setEnabled(detail is not None)
        if detail is None:
            self.model.set_rows([])
            return
        self.reload()

    def reload(self) -> None:
        if self.detail is None:
            return
        child_id = self.detail.id
        self.bridge.run(
            lambda session, task: placements_of(session, child_id),
            on_success=alive(self, self.model.set_rows),
            on_failure=alive(self, self._failed),
        )

    def _failed(self, error: BaseException) -> None:
        fault = explain(error)
        if not fault.expected:
            raise error
        self.bar.show_error(fault.message)

    def current(self) -> str | None:
        rows = [self.model.row_at(n) for n in range(self.model.rowCount())]
        return next((r.facility for r in rows if r.current), None)

    def open_move(self) -> None:
        if self.detail is None:
            return
        dialog = MoveDialog(self.bridge, self.detail.id, self.detail.version, self.current(), self)
        dialog.accepted.connect(lambda: self.bar.show_info(self.tr("The child was moved.")))
        dialog.open()
