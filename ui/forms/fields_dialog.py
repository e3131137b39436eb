"""A small form whose core refusals show at the field they name, and the tab that opens it.

``FieldsDialog``: labelled editors with a message line each; ``values()`` is what is sent to the
core, and a ValidationError naming a field shows under that field, anything else in the bar.
``FieldsDialogHost``: what a record tab needs to open one (the Missing and Referrals tabs): the
work runs on the bridge's worker, the dialog closes on success and shows the refusal otherwise.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from guardian_desk.domain.errors import ValidationError, ValidationErrors
from guardian_desk.faults import explain
from guardian_desk.services.details import RecordDetail
from ui.bridge import CoreBridge
from ui.callbacks import alive
from ui.forms.message_bar import MessageBar
from ui.widgets.field_message import FieldMessage


def text_box(name: str, placeholder: str) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setObjectName(name)
    box.setTabChangesFocus(True)
    box.setPlaceholderText(placeholder)
    box.setFixedHeight(64)
    return box


class FieldsDialog(QDialog):
    """A form whose core refusals are shown at the field they name, else in the bar."""

    submitted = Signal(object)  # dict of the values typed

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.bar = MessageBar()
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.messages: dict[str, FieldMessage] = {}
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.bar)
        layout.addLayout(self.form)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

    def add(self, label: str, name: str, editor: QWidget) -> None:
        self.form.addRow(label, editor)
        self.messages[name] = FieldMessage()
        self.form.addRow("", self.messages[name])

    def values(self) -> dict[str, Any]:
        raise NotImplementedError

    def _submit(self) -> None:
        for message in self.messages.values():
            message.show_message(None)
        self.bar.clear()
        self.submitted.emit(self.values())

    def show_error(self, error: BaseException) -> None:
        errors = (
            error.errors
            if isinstance(error, ValidationErrors)
            else [error]
            if isinstance(error, ValidationError)
            else []
        )
        placed = False
        for found in errors:
            if found.field in self.messages:
                self.messages[found.field].show_message(found.reason)
                placed = True
        if placed:
            return
        fault = explain(error)
        if not fault.expected:
            raise error
        self.bar.show_error(fault.message)


class FieldsDialogHost:
    """Mixed into a record tab with ``bridge``, ``bar``, ``detail`` and ``dialog``."""

    bridge: CoreBridge
    bar: MessageBar
    detail: RecordDetail | None
    dialog: FieldsDialog | None

    def _failed(self, error: BaseException) -> None:
        fault = explain(error)
        if not fault.expected:
            raise error
        self.bar.show_error(fault.message)

    def _what(self) -> str:
        assert self.detail is not None
        return f"{self.detail.code} {self.detail.title}".strip()

    def _open(self, dialog: FieldsDialog, work: Any, done: Any) -> FieldsDialog:
        if self.dialog is not None:
            self.dialog.close()
        self.dialog = dialog

        def submitted(values: dict[str, Any]) -> None:
            dialog.ok.setEnabled(False)

            def failed(error: BaseException) -> None:
                dialog.ok.setEnabled(True)
                dialog.show_error(error)

            def succeeded(result: Any) -> None:
                dialog.accept()
                done(result)

            self.bridge.run(
                lambda session, task: work(session, values),
                writes=True,
                on_success=alive(dialog, succeeded),
                on_failure=alive(dialog, failed),
            )

        dialog.submitted.connect(submitted)
        dialog.open()
        return dialog


def submit_on_bridge(bridge: CoreBridge, dialog: Any, work: Any, done: Any) -> None:
    """Runs ``work`` (a write) on the worker for a dialog with ``ok`` and ``bar``: OK waits,
    the dialog closes and ``done`` gets the result, or the refusal shows in its bar."""
    dialog.ok.setEnabled(False)

    def failed(error: BaseException) -> None:
        dialog.ok.setEnabled(True)
        fault = explain(error)
        if not fault.expected:
            raise error
        dialog.bar.show_error(fault.message)

    def succeeded(result: Any) -> None:
        dialog.accept()
        done(result)

    bridge.run(
        work, writes=True, on_success=alive(dialog, succeeded), on_failure=alive(dialog, failed)
    )
