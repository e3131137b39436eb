"""Printing many papers at once, and the papers offered after an appointment is confirmed.

`print_batch(bridge, parent, assignment_ids)` issues the appointment decisions and mediator
letters of those assignments (each once) into ONE combined PDF, on the worker, with a progress
dialog whose Cancel rolls the whole batch back (no paper registered); then opens the preview,
from which the officer prints or saves it.

`offer_papers(bridge, parent, assignment_id)` lists what a fresh appointment can print
(`papers_for_assignment`), all ticked, and issues the ticked ones into one preview.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QProgressDialog,
    QVBoxLayout,
    QWidget,
)

from guardian_desk.domain.errors import GuardianDeskError
from guardian_desk.i18n import ngettext
from guardian_desk.i18n.formats import number_text
from ui.bridge import CoreBridge, Task
from ui.papers.calls import BatchCancelled, PaperSet, issue_batch, issue_choices
from ui.papers.language_choice import PaperLanguageChoice
from ui.papers.preview import PaperPreview, show_preview
from ui.widgets.field_message import FieldMessage

if TYPE_CHECKING:
    from guardian_desk.papers.register import PaperChoice


def _tr(text: str) -> str:
    return QCoreApplication.translate("papers", text)


class BatchPrint:
    """One running batch: its progress dialog, its task, and the preview it opens."""

    def __init__(self, bridge: CoreBridge, parent: QWidget, assignment_ids: Sequence[int]) -> None:
        self.parent = parent
        self.bridge = bridge
        self.preview: PaperPreview | None = None
        self.cancelled = False
        self.error: BaseException | None = None
        self.progress = QProgressDialog(
            _tr("Issuing the appointment papers…"), _tr("Cancel"), 0, 0, parent
        )
        self.progress.setWindowTitle(_tr("Print papers"))
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(0)
        self.progress.setAutoReset(False)
        self.progress.setAutoClose(False)
        ids = list(assignment_ids)
        self.task: Task = bridge.run(
            lambda session, task: issue_batch(session, task, ids),
            writes=True,
            on_success=self._done,
            on_failure=self._failed,
            on_progress=self._progressed,
        )
        self.progress.canceled.connect(self._cancel)
        self.progress.show()

    def _progressed(self, done: int, total: int) -> None:
        if shiboken6.isValid(self.progress) and not self.cancelled:
            self.progress.setMaximum(total)
            self.progress.setValue(done)
            text = ngettext(
                "Issued {done} of {count} paper…", "Issued {done} of {count} papers…", total - 1
            )
            self.progress.setLabelText(
                text.format(done=number_text(done), count=number_text(total - 1))
            )

    def _cancel(self) -> None:
        self.cancelled = True
        self.task.cancel()

    def _close_progress(self) -> None:
        if shiboken6.isValid(self.progress):
            self.progress.canceled.disconnect(self._cancel)
            self.progress.close()

    def _done(self, papers: PaperSet) -> None:
        self._close_progress()
        self.preview = show_preview(self.bridge, self.parent, papers)

    def _failed(self, error: BaseException) -> None:
        self._close_progress()
        self.error = error
        if isinstance(error, BatchCancelled):
            if not self.cancelled:  # nothing to print at all
                QMessageBox.information(
                    self.parent, _tr("Print papers"), _tr("These appointments have no papers.")
                )
            return
        if not isinstance(error, GuardianDeskError):
            raise error
        QMessageBox.warning(
            self.parent, _tr("Print papers"), _tr("Nothing was issued: {0}").format(error)
        )

    def finished(self) -> bool:
        return self.preview is not None or self.error is not None


def print_batch(bridge: CoreBridge, parent: QWidget, assignment_ids: Sequence[int]) -> BatchPrint:
    """Issue all appointment and mediator letters of these assignments into one PDF."""
    return BatchPrint(bridge, parent, assignment_ids)


class PaperOffer(QDialog):
    """After a confirmed appointment: its papers, ticked, one click from the preview."""

    def __init__(
        self, bridge: CoreBridge, choices: Sequence[PaperChoice], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.bridge = bridge
        self.choices = list(choices)
        self.preview: PaperPreview | None = None
        self.setWindowTitle(self.tr("Print papers"))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Issue these papers for the new appointment:")))
        self.boxes: list[QCheckBox] = []
        for choice in self.choices:
            box = QCheckBox(QCoreApplication.translate("papers", choice.title))
            box.setChecked(True)
            self.boxes.append(box)
            layout.addWidget(box)
        self.language = PaperLanguageChoice()
        layout.addWidget(self.language)
        self.message = FieldMessage()
        layout.addWidget(self.message)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Issue and preview"))
        self.buttons.accepted.connect(self.issue)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def chosen(self) -> list[PaperChoice]:
        return [c for c, box in zip(self.choices, self.boxes, strict=True) if box.isChecked()]

    def issue(self) -> None:
        chosen = self.chosen()
        if not chosen:
            self.message.show_message(self.tr("Tick at least one paper."))
            return
        self.ok_button.setEnabled(False)
        language, bilingual = self.language.language(), self.language.bilingual()
        self.bridge.run(
            lambda session, _task: issue_choices(session, chosen, language, bilingual),
            writes=True,
            on_success=self._issued,
            on_failure=self._failed,
        )

    def _issued(self, papers: PaperSet) -> None:
        parent = self.parentWidget()
        if shiboken6.isValid(self):
            self.accept()
        self.preview = show_preview(self.bridge, parent, papers)

    def _failed(self, error: BaseException) -> None:
        if not isinstance(error, GuardianDeskError):
            raise error
        if shiboken6.isValid(self):
            self.ok_button.setEnabled(True)
            self.message.show_message(self.tr("Not issued: {0}").format(error))


def offer_papers(bridge: CoreBridge, parent: QWidget, assignment_id: int) -> None:
    """Ask the core what the appointment can print, then offer it."""
    from guardian_desk.papers.register import papers_for_assignment

    def offer(choices: list[PaperChoice]) -> None:
        if shiboken6.isValid(parent):
            dialog = PaperOffer(bridge, choices, parent)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.open()

    bridge.run(
        lambda session, _task: papers_for_assignment(session, assignment_id), on_success=offer
    )
