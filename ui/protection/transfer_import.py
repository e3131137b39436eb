"""Protection ▸ Import a case bundle…: the file, its passphrase, what it carries, then import.

Opening the bundle shows where it came from (office, country, date, reference, the sender's
case number) and every field and attachment it carries, before anything is written. Import
creates a new case with this office's next number and opens it; a child who may be the same
is named, to be merged deliberately. A wrong passphrase or a changed file imports nothing.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from guardian_desk.faults import explain
from guardian_desk.i18n.formats import datetime_text
from guardian_desk.protection.bundle import SUFFIX
from guardian_desk.services.attachments import size_text
from guardian_desk.services.transfers import (
    BundlePreview,
    ImportResult,
    consent_text,
    country_text,
    import_bundle,
    preview_bundle,
)
from ui.bridge import CoreBridge, Task
from ui.callbacks import alive
from ui.forms.message_bar import MessageBar
from ui.screen_fit import resize_to_fit

if TYPE_CHECKING:
    from ui.main_window import MainWindow


class TransferImportDialog(QDialog):
    def __init__(
        self,
        bridge: CoreBridge,
        parent: QWidget | None = None,
        *,
        open_record: Callable[[int], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.bridge = bridge
        self.open_record = open_record
        self.data: bytes | None = None
        self.shown: BundlePreview | None = None
        self.imported: ImportResult | None = None
        self.setWindowTitle(self.tr("Import a case bundle"))
        self.bar = MessageBar()
        self.file = QLineEdit()
        self.file.setObjectName("bundle_file")
        self.file.setPlaceholderText(self.tr("The .gdbundle file the other office sent"))
        choose = QPushButton(self.tr("Choose…"))
        choose.setAutoDefault(False)
        choose.clicked.connect(self.choose)
        row = QHBoxLayout()
        row.addWidget(self.file, 1)
        row.addWidget(choose)
        self.passphrase = QLineEdit()
        self.passphrase.setObjectName("passphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setPlaceholderText(self.tr("Given to you by another channel"))
        self.passphrase.returnPressed.connect(self.look)
        form = QFormLayout()
        form.addRow(self.tr("Bundle file:"), row)
        form.addRow(self.tr("Passphrase:"), self.passphrase)
        self.view = QTextBrowser()
        self.view.setObjectName("preview")
        self.view.setPlaceholderText(
            self.tr("Open the bundle to read what it carries and where it came from.")
        )
        self.open_button = QPushButton(self.tr("Open"))
        self.open_button.setObjectName("open_bundle")
        self.open_button.clicked.connect(self.look)
        self.import_button = QPushButton(self.tr("Import as a new case"))
        self.import_button.setObjectName("import_bundle")
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(self.confirm)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch()
        for button in (self.open_button, self.import_button, self.close_button):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.bar)
        layout.addLayout(form)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        resize_to_fit(self, 820, 620)

    def choose(self) -> None:
        chosen, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("Choose a case bundle"),
            "",
            self.tr("Case bundles (*{suffix});;All files (*)").format(suffix=SUFFIX),
        )
        if chosen:
            self.file.setText(chosen)

    def look(self) -> None:
        """Open the bundle and show what it carries (nothing is written)."""
        self.import_button.setEnabled(False)
        self.shown = None
        try:
            data = Path(self.file.text().strip()).read_bytes()
        except OSError as error:
            self.bar.show_error(explain(error).message)
            return
        passphrase = self.passphrase.text()
        self.data = data

        def work(session: Session, task: Task) -> BundlePreview:
            return preview_bundle(session, data, passphrase)

        self.open_button.setEnabled(False)
        self.bar.show_info(self.tr("Opening…"))
        self.bridge.run(
            work, on_success=alive(self, self._shown), on_failure=alive(self, self._failed)
        )

    def _shown(self, shown: BundlePreview) -> None:
        self.shown = shown
        self.open_button.setEnabled(True)
        self.view.setHtml(preview_html(shown, self.tr))
        if shown.already_imported:
            self.bar.show_error(
                self.tr("This bundle was imported already, as {case}.").format(
                    case=shown.already_imported
                )
            )
            return
        self.bar.show_info(self.tr("Read what the bundle carries, then import it as a new case."))
        self.import_button.setEnabled(True)

    def confirm(self) -> None:
        if self.data is None or self.shown is None:
            return
        data, passphrase = self.data, self.passphrase.text()

        def work(session: Session, task: Task) -> ImportResult:
            return import_bundle(session, data, passphrase)

        self.import_button.setEnabled(False)
        self.open_button.setEnabled(False)
        self.bridge.run(
            work,
            writes=True,
            on_success=alive(self, self._imported),
            on_failure=alive(self, self._failed),
        )

    def _imported(self, result: ImportResult) -> None:
        self.imported = result
        self.passphrase.clear()
        self.data = None
        text = self.tr("Imported as {case} (their case number {source}).").format(
            case=result.case_number, source=result.source_case_number
        )
        if result.possible_duplicates:
            same = ", ".join(f"{d.case_number} {d.name}" for d in result.possible_duplicates)
            text += " " + self.tr(
                "It may be the same child as {children}: compare the records and merge them if so."
            ).format(children=same)
        self.bar.show_info(text)
        self.open_button.setEnabled(True)
        if self.open_record is not None:
            self.open_record(result.child_id)

    def _failed(self, error: BaseException) -> None:
        self.open_button.setEnabled(True)
        self.import_button.setEnabled(self.shown is not None and not self.shown.already_imported)
        fault = explain(error)
        if not fault.expected:
            raise error
        self.bar.show_error(fault.message)


def preview_html(shown: BundlePreview, tr: Callable[[str], str]) -> str:
    def esc(text: str) -> str:
        return html.escape(text).replace("\n", "<br>")

    rows = [
        (tr("Sending office"), shown.office),
        (tr("Country"), country_text(shown.country)),
        (tr("Sent on"), datetime_text(shown.sent_at)),
        (tr("Sent by"), shown.sent_by),
        (tr("Their reference"), shown.reference),
        (tr("Their case number"), shown.case_number),
        (tr("Sent to"), shown.recipient),
        (tr("Legal basis"), shown.legal_basis),
        (tr("Consent"), consent_text(shown.consent) if shown.consent else ""),
    ]
    origin, carried, none = tr("Where it came from"), tr("What it carries"), tr("None.")
    parts = [f"<h3>{esc(origin)}</h3><table>"]
    parts += [
        f"<tr><td><b>{esc(label)}</b>&nbsp;&nbsp;</td><td>{esc(value)}</td></tr>"
        for label, value in rows
        if value
    ]
    parts.append(f"</table><h3>{esc(carried)}</h3><table>")
    parts += [
        f"<tr><td valign='top'><b>{esc(label)}</b>&nbsp;&nbsp;</td><td>{esc(value)}</td></tr>"
        for label, value in shown.lines
    ]
    parts.append(f"</table><h3>{esc(tr('Attachments'))}</h3>")
    if shown.attachments:
        parts.append("<ul>")
        parts += [
            f"<li>{esc(a.file_name)} ({esc(size_text(a.size))})<br>"
            f"<small>SHA-256 {esc(a.sha256)}</small></li>"
            for a in shown.attachments
        ]
        parts.append("</ul>")
    else:
        parts.append(f"<p>{esc(none)}</p>")
    return "".join(parts)


def open_import(window: MainWindow) -> QDialog | None:
    """Protection ▸ Import a case bundle… (the menu's entry point)."""
    bridge = window.bridge
    if bridge is None:
        return None

    def open_record(child_id: int) -> None:
        window.open_record("children", child_id)

    dialog = TransferImportDialog(bridge, window, open_record=open_record)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
