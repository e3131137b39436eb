"""The Attachments tab of a child's record: files kept in the database with the record.

PDF, JPEG and PNG open in a viewer inside the app; a Word file (DOCX) can only be saved out
("Save a copy…", owner-only). Every opening and every copy leaves an audit row naming the
account (guardian_desk.services.attachments). Files are read, checked, stored and fetched on the
bridge's worker, and PDF pages are rendered there too: the window never waits for a large file.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QImage, QKeySequence, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from guardian_desk.faults import explain
from guardian_desk.i18n.formats import datetime_text
from guardian_desk.security.roles import Permission
from guardian_desk.services.attachments import (
    AttachmentContent,
    AttachmentInfo,
    add_attachment_file,
    kind_name,
    list_attachments,
    open_attachment,
    remove_attachment,
    save_attachment_copy,
    size_text,
)
from guardian_desk.services.details import RecordDetail
from ui.bridge import CoreBridge, Task
from ui.callbacks import alive
from ui.forms.message_bar import MessageBar
from ui.forms.tables import RowsModel, table_view

VIEW_DPI = 110.0  # a page about its real size on screen, sharp enough to read a stamp


def tr(text: str) -> str:
    return QCoreApplication.translate("AttachmentsTab", text)


@dataclass(frozen=True)
class RenderedPage:
    width: int
    height: int
    data: bytes  # RGBA
    count: int  # pages in the document


def render_pdf_page(pdf: bytes, index: int, dpi: float = VIEW_DPI) -> RenderedPage:
    """One page of a PDF as RGBA pixels (on the worker: pypdfium2 is not thread-safe)."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    try:
        count = len(document)
        page = document[max(0, min(index, count - 1))]
        bitmap = page.render(scale=dpi / 72.0)
        image = bitmap.to_pil().convert("RGBA")
        bitmap.close()
        page.close()
        return RenderedPage(image.width, image.height, image.tobytes(), count)
    finally:
        document.close()


class AttachmentsModel(RowsModel[AttachmentInfo]):
    def headers(self) -> Sequence[str]:
        return (tr("File"), tr("Kind"), tr("Size"), tr("Added"), tr("By"), tr("Description"))

    def cells(self, row: AttachmentInfo) -> Sequence[str]:
        return (
            row.file_name,
            kind_name(row.kind),
            size_text(row.size),
            datetime_text(row.added_at.astimezone()),
            row.added_by,
            row.description,
        )


class AttachmentViewer(QDialog):
    """An image, or a PDF page by page; "Save a copy…" from here too."""

    def __init__(
        self, bridge: CoreBridge, opened: AttachmentContent, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.bridge = bridge
        self.info = opened.info
        self.content = opened.content
        self.page = 0
        self.page_count = 1
        self.setWindowTitle(self.tr("Attachment: {0}").format(self.info.file_name))
        self.resize(900, 640)  # within a 1280×720 screen, buttons included
        self.sheet = QLabel(alignment=Qt.AlignmentFlag.AlignCenter)
        self.sheet.setObjectName("attachment_sheet")
        self.scroller = QScrollArea()
        self.scroller.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.scroller.setWidget(self.sheet)
        self.pixmap = QPixmap()
        self.previous_button = QPushButton(self.tr("◀ Previous"))
        self.previous_button.setShortcut(QKeySequence(Qt.Key.Key_PageUp))
        self.previous_button.clicked.connect(lambda: self.show_page(self.page - 1))
        self.page_label = QLabel()
        self.next_button = QPushButton(self.tr("Next ▶"))
        self.next_button.setShortcut(QKeySequence(Qt.Key.Key_PageDown))
        self.next_button.clicked.connect(lambda: self.show_page(self.page + 1))
        self.save_button = QPushButton(self.tr("Save a copy…"))
        self.save_button.clicked.connect(self.save_copy)
        account = bridge.account
        self.save_button.setEnabled(account is None or account.may(Permission.EXPORT_PERSONAL))
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.clicked.connect(self.accept)
        self.bar = MessageBar()
        tools = QHBoxLayout()
        for widget in (self.previous_button, self.page_label, self.next_button):
            tools.addWidget(widget)
        tools.addStretch()
        tools.addWidget(self.save_button)
        tools.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.bar)
        layout.addWidget(self.scroller, 1)
        layout.addLayout(tools)
        pdf = self.info.kind == "pdf"
        for widget in (self.previous_button, self.page_label, self.next_button):
            widget.setVisible(pdf)
        if pdf:
            self.show_page(0)
        else:
            pixmap = QPixmap()
            if pixmap.loadFromData(self.content):
                self._show_pixmap(pixmap)
            else:
                self._say(self.tr("This image cannot be shown: it may be damaged."))

    def _show_pixmap(self, pixmap: QPixmap) -> None:
        """As it is, or narrowed to the window's width when wider (the height scrolls)."""
        self.pixmap = pixmap
        room = (
            self.scroller.viewport().width() - self.scroller.verticalScrollBar().sizeHint().width()
        )
        if pixmap.width() > room > 100:
            pixmap = pixmap.scaledToWidth(room, Qt.TransformationMode.SmoothTransformation)
        self.sheet.setPixmap(pixmap)
        self.sheet.adjustSize()

    def _say(self, text: str) -> None:
        self.sheet.setText(text)
        self.sheet.adjustSize()

    def show_page(self, index: int) -> None:
        if not 0 <= index < self.page_count:
            return
        self.page = index
        self.previous_button.setEnabled(False)
        self.next_button.setEnabled(False)
        self.page_label.setText(self.tr("Loading…"))
        content = self.content
        self.bridge.call(
            lambda task: render_pdf_page(content, index),
            on_success=alive(self, self._page_shown),
            on_failure=alive(self, self._not_shown),
        )

    def _page_shown(self, rendered: RenderedPage) -> None:
        self.page_count = rendered.count
        image = QImage(
            rendered.data,
            rendered.width,
            rendered.height,
            rendered.width * 4,
            QImage.Format.Format_RGBA8888,
        ).copy()
        self._show_pixmap(QPixmap.fromImage(image))
        self.page_label.setText(self.tr("Page {0} of {1}").format(self.page + 1, self.page_count))
        self.previous_button.setEnabled(self.page > 0)
        self.next_button.setEnabled(self.page + 1 < self.page_count)

    def _not_shown(self, error: BaseException) -> None:
        self.page_label.clear()
        self._say(self.tr("This PDF cannot be shown: it may be damaged or protected."))

    def save_copy(self) -> None:
        save_copy(self, self.bridge, self.info, self.bar)


def save_copy(owner: QWidget, bridge: CoreBridge, info: AttachmentInfo, bar: MessageBar) -> None:
    """Ask where, then write the copy on the worker (owner-only, audited)."""
    path, _chosen = QFileDialog.getSaveFileName(
        owner, tr("Save a copy of {0}").format(info.file_name), info.file_name
    )
    if not path:
        return
    attachment_id = info.id

    def work(session: Session, task: Task) -> str:
        save_attachment_copy(session, attachment_id, Path(path))
        return path

    bridge.run(
        work,
        on_success=alive(
            owner, lambda saved: bar.show_info(tr("Saved a copy as {0}.").format(saved))
        ),
        on_failure=alive(owner, lambda error: _show_failure(bar, error)),
    )


def _show_failure(bar: MessageBar, error: BaseException) -> None:
    fault = explain(error)
    if not fault.expected:
        raise error
    bar.show_error(fault.message)


class AttachmentsTab(QWidget):
    """The child's files: add, view, save a copy, remove."""

    def __init__(self, bridge: CoreBridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bridge = bridge
        self.child_id: int | None = None
        self.viewer: AttachmentViewer | None = None
        self.model = AttachmentsModel(self)
        self.table = table_view(self.model, (5,))
        self.table.setObjectName("attachments_table")
        self.table.doubleClicked.connect(lambda _index: self.open_selected())
        self.table.selectionModel().selectionChanged.connect(lambda *_args: self._enable())
        self.bar = MessageBar()
        self.add_button = QPushButton(self.tr("Add a file…"))
        self.add_button.clicked.connect(self.choose_file)
        self.view_button = QPushButton(self.tr("View"))
        self.view_button.clicked.connect(self.open_selected)
        self.save_button = QPushButton(self.tr("Save a copy…"))
        self.save_button.clicked.connect(self.save_selected)
        self.remove_button = QPushButton(self.tr("Remove…"))
        self.remove_button.clicked.connect(self.remove_selected)
        self.hint = QLabel(
            self.tr(
                "PDF, JPEG, PNG or Word (DOCX). Kept in the database with the record, so "
                "backups and encryption cover them. Opening or saving one is recorded in the "
                "audit trail."
            ),
            wordWrap=True,
        )
        buttons = QHBoxLayout()
        for button in (self.add_button, self.view_button, self.save_button, self.remove_button):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.addWidget(self.bar)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.hint)
        self._busy = False
        self._enable()

    # --- the record -----------------------------------------------------------------------

    def show_record(self, detail: RecordDetail | None) -> None:
        """The record dialog shows a child (None: a new one, nothing to attach to yet)."""
        child_id = detail.id if detail is not None else None
        if child_id == self.child_id and child_id is not None:
            return
        self.child_id = child_id
        self.model.set_rows([])
        self.bar.clear()
        self.reload()

    def reload(self) -> None:
        child_id = self.child_id
        if child_id is None:
            self._enable()
            return
        self._set_busy(True)
        self.bridge.run(
            lambda session, task: list_attachments(session, child_id),
            on_success=alive(self, self._listed),
            on_failure=alive(self, self._failed),
        )

    def _listed(self, rows: list[AttachmentInfo]) -> None:
        self.model.set_rows(rows)
        self._set_busy(False)

    def _failed(self, error: BaseException) -> None:
        self._set_busy(False)
        _show_failure(self.bar, error)

    # --- state ------------------------------------------------------------------------------

    def _may(self, permission: Permission) -> bool:
        account = self.bridge.account
        return account is None or account.may(permission)

    def selected(self) -> AttachmentInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self._enable()

    def _enable(self) -> None:
        chosen = self.selected() if not self._busy else None
        ready = not self._busy and self.child_id is not None
        self.add_button.setEnabled(ready and self._may(Permission.EDIT_CASEWORK))
        self.view_button.setEnabled(chosen is not None and chosen.previewable)
        self.save_button.setEnabled(chosen is not None and self._may(Permission.EXPORT_PERSONAL))
        self.remove_button.setEnabled(chosen is not None and self._may(Permission.EDIT_CASEWORK))
        if chosen is not None and not chosen.previewable:
            self.view_button.setToolTip(self.tr("A Word file cannot be shown here: save a copy."))
        else:
            self.view_button.setToolTip("")

    # --- adding -----------------------------------------------------------------------------

    def choose_file(self) -> None:
        path, _chosen = QFileDialog.getOpenFileName(
            self,
            self.tr("Attach a file"),
            "",
            self.tr("Documents and images (*.pdf *.jpg *.jpeg *.png *.docx);;All files (*)"),
        )
        if not path:
            return
        description, ok = QInputDialog.getText(
            self,
            self.tr("Attach a file"),
            self.tr("What is {0}? (for example: court decision of 3 May; may stay empty)").format(
                Path(path).name
            ),
        )
        if ok:
            self.add_file(Path(path), description)

    def add_file(self, path: Path, description: str = "") -> None:
        """Read, check and store the file on the worker."""
        child_id = self.child_id
        if child_id is None:
            return
        self.bar.clear()
        self._set_busy(True)
        self.bridge.run(
            lambda session, task: add_attachment_file(session, child_id, path, description),
            writes=True,
            on_success=alive(self, self._added),
            on_failure=alive(self, self._failed),
        )

    def _added(self, info: AttachmentInfo) -> None:
        self.bar.show_info(self.tr("Attached {0}.").format(info.file_name))
        self.reload()

    # --- viewing, copies, removing ----------------------------------------------------------

    def open_selected(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        if not chosen.previewable:
            self.save_selected()
            return
        self.bar.clear()
        attachment_id = chosen.id
        self._set_busy(True)
        self.bridge.run(
            lambda session, task: open_attachment(session, attachment_id),
            on_success=alive(self, self._opened),
            on_failure=alive(self, self._failed),
        )

    def _opened(self, opened: AttachmentContent) -> None:
        self._set_busy(False)
        self.viewer = AttachmentViewer(self.bridge, opened, self)
        self.viewer.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.viewer.show()

    def save_selected(self) -> None:
        chosen = self.selected()
        if chosen is not None and self._may(Permission.EXPORT_PERSONAL):
            self.bar.clear()
            save_copy(self, self.bridge, chosen, self.bar)

    def remove_selected(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Remove an attachment"),
            self.tr(
                "Remove {0} from this child's record? The audit trail keeps its name and "
                "fingerprint, not the file."
            ).format(chosen.file_name),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.remove(chosen.id)

    def remove(self, attachment_id: int) -> None:
        self.bar.clear()
        self._set_busy(True)
        self.bridge.run(
            lambda session, task: remove_attachment(session, attachment_id),
            writes=True,
            on_success=alive(self, lambda _result: self.reload()),
            on_failure=alive(self, self._failed),
        )
