"""Send to another office…: a case bundle of the fields and attachments the officer ticks.

The sensitive fields (missing episodes, screenings, referrals, notes) start unticked; the
identity is always sent. The passphrase is typed twice and goes to the recipient by another
channel. The bundle (.gdbundle) and its summary paper (PDF) are made and written off the GUI
thread, in one unit of work with the disclosure: a file that cannot be written records nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from guardian_desk.domain.vocabularies import CONSENTS
from guardian_desk.faults import explain
from guardian_desk.private_files import write_private_bytes
from guardian_desk.protection.bundle import MIN_PASSPHRASE, SUFFIX
from guardian_desk.protection.words import CONSENT_NAMES, word
from guardian_desk.services.attachments import AttachmentInfo, list_attachments, size_text
from guardian_desk.services.transfers import BundleSummary, TransferField, transfer_fields
from ui.bidi import isolated
from ui.bridge import CoreBridge, Task
from ui.callbacks import alive
from ui.forms.message_bar import MessageBar
from ui.screen_fit import resize_to_fit


def summary_path(bundle: Path) -> Path:
    """The summary paper beside the bundle: case.gdbundle -> case-summary.pdf."""
    return bundle.with_name(bundle.stem + "-summary.pdf")


class TransferExportDialog(QDialog):
    """The bundle's recipient, basis, consent, contents and passphrase; then the files."""

    def __init__(
        self,
        bridge: CoreBridge,
        child_id: int,
        case_number: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.bridge = bridge
        self.child_id = child_id
        self.case_number = case_number
        self.sent: BundleSummary | None = None
        # Where the bundle goes; tests replace it (no file dialog).
        self.choose_path: Callable[[str], str] = self._ask_path
        self.setWindowTitle(self.tr("Send {case} to another office").format(case=case_number))
        self.bar = MessageBar()

        self.recipient = QLineEdit()
        self.recipient.setObjectName("recipient")
        self.recipient.setPlaceholderText(self.tr("The receiving office, its country"))
        self.reference = QLineEdit()
        self.reference.setObjectName("reference")
        self.legal_basis = QPlainTextEdit()
        self.legal_basis.setObjectName("legal_basis")
        self.legal_basis.setFixedHeight(64)
        self.legal_basis.setPlaceholderText(self.tr("The law or agreement that allows sending"))
        self.consent = QComboBox()
        self.consent.setObjectName("consent")
        for value in CONSENTS:
            self.consent.addItem(word(CONSENT_NAMES, value), value)
        self.consent.setCurrentIndex(self.consent.findData("not_asked"))
        self.passphrase = QLineEdit()
        self.passphrase.setObjectName("passphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.again = QLineEdit()
        self.again.setObjectName("passphrase_again")
        self.again.setEchoMode(QLineEdit.EchoMode.Password)
        note = QLabel(
            self.tr(
                "At least %n characters; a few words are easy to read out. Give the "
                "passphrase to the recipient by another channel (a phone call), never in the "
                "e-mail or parcel that carries the file. The summary paper does not contain it.",
                "",
                MIN_PASSPHRASE,
            )
        )
        note.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Recipient office:"), self.recipient)
        form.addRow(self.tr("Reference:"), self.reference)
        form.addRow(self.tr("Legal basis:"), self.legal_basis)
        form.addRow(self.tr("Child's consent:"), self.consent)
        form.addRow(self.tr("Passphrase:"), self.passphrase)
        form.addRow(self.tr("Passphrase again:"), self.again)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(form)
        left_layout.addWidget(note)
        left_layout.addStretch(1)

        self.field_boxes: dict[str, QCheckBox] = {}
        fields_box = QGroupBox(self.tr("Fields to send"))
        fields_layout = QVBoxLayout(fields_box)
        fields_layout.setSpacing(2)
        for field in transfer_fields():
            fields_layout.addWidget(self._field_box(field))
        hint = QLabel(self.tr("Sensitive fields start unticked: send them only when needed."))
        hint.setWordWrap(True)
        fields_layout.addWidget(hint)
        self.attachments = QListWidget()
        self.attachments.setObjectName("attachments")
        self.attachments.setMinimumHeight(72)
        files_box = QGroupBox(self.tr("Attachments to send"))
        QVBoxLayout(files_box).addWidget(self.attachments)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(fields_box)
        right_layout.addWidget(files_box, 1)

        columns = QHBoxLayout()
        columns.addWidget(left, 1)
        columns.addWidget(right, 1)

        self.send_button = QPushButton(self.tr("Save the bundle and its summary…"))
        self.send_button.setObjectName("send")
        self.send_button.setDefault(True)
        self.send_button.clicked.connect(self.send)
        self.close_button = QPushButton(self.tr("Cancel"))
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch()
        buttons.addWidget(self.send_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.bar)
        layout.addLayout(columns, 1)
        layout.addLayout(buttons)
        resize_to_fit(self, 980, 660)
        self._load()

    def _field_box(self, field: TransferField) -> QCheckBox:
        box = QCheckBox(field.label + (" " + self.tr("(sensitive)") if field.sensitive else ""))
        box.setObjectName(f"field_{field.key}")
        box.setChecked(not field.sensitive)
        if field.required:
            box.setEnabled(False)
            box.setToolTip(self.tr("The receiving office must know whom the case is about."))
        self.field_boxes[field.key] = box
        return box

    def _load(self) -> None:
        child_id = self.child_id

        def work(session: Session, task: Task) -> list[AttachmentInfo]:
            return list_attachments(session, child_id)

        self.send_button.setEnabled(False)
        self.bridge.run(
            work, on_success=alive(self, self._listed), on_failure=alive(self, self._failed)
        )

    def _listed(self, rows: list[AttachmentInfo]) -> None:
        self.attachments.clear()
        for row in rows:
            item = QListWidgetItem(f"{isolated(row.file_name)} ({size_text(row.size)})")
            item.setData(Qt.ItemDataRole.UserRole, row.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            item.setToolTip(row.description or row.file_name)
            self.attachments.addItem(item)
        if not rows:
            empty = QListWidgetItem(self.tr("The record has no attachments."))
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self.attachments.addItem(empty)
        self.send_button.setEnabled(True)

    # --- what is chosen -------------------------------------------------------------------

    def chosen_fields(self) -> list[str]:
        return [key for key, box in self.field_boxes.items() if box.isChecked()]

    def chosen_attachments(self) -> list[int]:
        found = []
        for n in range(self.attachments.count()):
            item = self.attachments.item(n)
            if item.checkState() == Qt.CheckState.Checked:
                found.append(int(item.data(Qt.ItemDataRole.UserRole)))
        return found

    def _ask_path(self, default: str) -> str:
        chosen, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Save the case bundle"),
            default,
            self.tr("Case bundles (*{suffix})").format(suffix=SUFFIX),
        )
        return chosen

    def _refusal(self) -> str | None:
        if not self.recipient.text().strip():
            return self.tr("Name the recipient office.")
        if not self.legal_basis.toPlainText().strip():
            return self.tr("State the legal basis for sending the case.")
        if len(self.passphrase.text()) < MIN_PASSPHRASE:
            return self.tr(
                "The passphrase must be at least %n characters long.", "", MIN_PASSPHRASE
            )
        if self.passphrase.text() != self.again.text():
            return self.tr("The two passphrases differ; type them again.")
        return None

    # --- sending ---------------------------------------------------------------------------

    def send(self) -> None:
        refusal = self._refusal()
        if refusal:
            self.bar.show_error(refusal)
            return
        chosen = self.choose_path(f"{self.case_number}{SUFFIX}")
        if not chosen:
            return
        target = Path(chosen)
        if target.suffix != SUFFIX:
            target = target.with_name(target.name + SUFFIX)
        paper_path = summary_path(target)
        child_id, fields = self.child_id, self.chosen_fields()
        attachment_ids = self.chosen_attachments()
        recipient, reference = self.recipient.text(), self.reference.text()
        basis, consent = self.legal_basis.toPlainText(), str(self.consent.currentData())
        passphrase = self.passphrase.text()

        def work(session: Session, task: Task) -> BundleSummary:
            from guardian_desk.papers.register import issue_transfer_summary
            from guardian_desk.services.transfers import export_bundle

            data, summary = export_bundle(
                session,
                child_id,
                fields=fields,
                attachment_ids=attachment_ids,
                recipient=recipient,
                legal_basis=basis,
                consent=consent,
                passphrase=passphrase,
                reference=reference,
            )
            paper = issue_transfer_summary(session, summary.disclosure_id)
            # In the unit of work: a file that cannot be written records no disclosure.
            write_private_bytes(target, data)
            write_private_bytes(paper_path, paper.pdf)
            return summary

        self.send_button.setEnabled(False)
        self.bar.show_info(self.tr("Encrypting…"))
        self.bridge.run(
            work,
            writes=True,
            on_success=alive(self, lambda summary: self._sent(summary, target, paper_path)),
            on_failure=alive(self, self._failed),
        )

    def _sent(self, summary: BundleSummary, target: Path, paper: Path) -> None:
        self.sent = summary
        self.passphrase.clear()
        self.again.clear()
        self.bar.show_info(
            self.tr(
                "Saved {bundle} and its summary {paper}. Now tell the recipient the passphrase "
                "by another channel."
            ).format(bundle=target.name, paper=paper.name)
        )
        self.close_button.setText(self.tr("Close"))
        self.close_button.clicked.disconnect()
        self.close_button.clicked.connect(self.accept)

    def _failed(self, error: BaseException) -> None:
        self.send_button.setEnabled(True)
        fault = explain(error)
        if not fault.expected:
            raise error
        self.bar.show_error(fault.message)


def open_export(parent: QWidget, bridge: CoreBridge, child_id: int, case_number: str) -> QDialog:
    dialog = TransferExportDialog(bridge, child_id, case_number, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
