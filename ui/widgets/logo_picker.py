"""The letterhead's logo: a preview as it sits on white paper, "Choose…" and "Remove".

A chosen file is read and checked by the core on the worker (guardian_desk.services.settings
.check_letterhead_logo) before it is shown: a refused file leaves the logo as it was and the
core's message under the picker. Nothing is stored here; the settings dialog saves the choice.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPalette, QPixmap
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from guardian_desk.domain.errors import ValidationErrors
from guardian_desk.services.settings import check_letterhead_logo
from ui.bridge import CoreBridge, Task
from ui.widgets.field_message import FieldMessage

PREVIEW_SIZE = QSize(320, 96)  # about the logo's room on the printed letterhead, doubled


def read_and_check(path: str) -> tuple[bytes, str, str]:
    """(bytes, file name, description) of an acceptable logo file; runs on the worker."""
    name = Path(path).name
    data = Path(path).read_bytes()
    return data, name, check_letterhead_logo(data, name)


class LogoPicker(QWidget):
    """Shows the letterhead logo and lets the officer choose another or remove it."""

    changed = Signal()  # the shown logo is no longer the same as before
    busy_changed = Signal(bool)  # a chosen file is being checked

    def __init__(self, bridge: CoreBridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._bridge = bridge
        self._stored: bytes | None = None
        self._stored_info: str | None = None
        self._data: bytes | None = None
        self._name = ""
        self._info = ""  # the chosen file's description, from the core
        self._busy = False

        self.preview = QLabel()
        self.preview.setObjectName("logo_preview")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setWordWrap(True)
        self.preview.setFixedSize(PREVIEW_SIZE + QSize(16, 16))
        self.preview.setFrameShape(QFrame.Shape.StyledPanel)
        paper = self.preview.palette()  # the logo is printed on white paper: show it so
        paper.setColor(QPalette.ColorRole.Window, QColor("white"))
        paper.setColor(QPalette.ColorRole.WindowText, QColor("#666666"))
        self.preview.setPalette(paper)
        self.preview.setAutoFillBackground(True)

        self.info = QLabel()
        self.info.setTextFormat(Qt.TextFormat.PlainText)
        self.info.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.choose_button = QPushButton(self.tr("Choose…"))
        self.choose_button.clicked.connect(self.choose)
        self.remove_button = QPushButton(self.tr("Remove"))
        self.remove_button.clicked.connect(self.remove)
        self.error = FieldMessage()
        self.error.setObjectName("letterhead_logo_error")

        buttons = QHBoxLayout()
        buttons.addWidget(self.choose_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.preview)
        layout.addWidget(self.info)
        layout.addLayout(buttons)
        layout.addWidget(self.error)
        self._show()

    # --- what the dialog reads and sets ---------------------------------------------------

    def set_stored(self, data: bytes | None, info: str | None) -> None:
        """Show the stored logo; forgets any choice not yet saved."""
        self._stored, self._stored_info = data, info
        self._data, self._name = data, ""
        self.error.show_message(None)
        self._show()

    def logo(self) -> bytes | None:
        return self._data

    def file_name(self) -> str:
        """The chosen file's name ("" for the stored logo or none): the core names it."""
        return self._name

    def is_changed(self) -> bool:
        return self._data != self._stored

    def is_busy(self) -> bool:
        return self._busy

    def show_error(self, message: str | None) -> None:
        self.error.show_message(message)

    # --- the officer's actions ------------------------------------------------------------

    def choose(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Choose the letterhead logo"),
            "",
            self.tr("PNG or JPEG images (*.png *.jpg *.jpeg)"),
        )
        if path:
            self.choose_file(path)

    def choose_file(self, path: str) -> None:
        """Read and check ``path`` on the worker; show it if the core accepts it."""
        self.error.show_message(None)
        self._set_busy(True)

        def work(task: Task) -> tuple[bytes, str, str]:
            return read_and_check(path)

        self._bridge.call(work, on_success=self._accepted, on_failure=self._refused)

    def remove(self) -> None:
        self.error.show_message(None)
        self._data, self._name = None, ""
        self._show()
        self.changed.emit()

    def _accepted(self, result: tuple[bytes, str, str]) -> None:
        self._data, self._name, self._info = result
        self._set_busy(False)
        self._show()
        self.changed.emit()

    def _refused(self, error: BaseException) -> None:
        self._set_busy(False)
        if isinstance(error, ValidationErrors):
            self.error.show_message("; ".join(str(fault) for fault in error.errors))
        elif isinstance(error, OSError):
            self.error.show_message(
                self.tr("The file cannot be read: {reason}").format(
                    reason=error.strerror or str(error)
                )
            )
        else:
            raise error

    # --- showing --------------------------------------------------------------------------

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.choose_button.setEnabled(not busy)
        self.remove_button.setEnabled(not busy and self._data is not None)
        self.busy_changed.emit(busy)

    def _show(self) -> None:
        image = QImage.fromData(self._data) if self._data else QImage()
        if image.isNull():
            self.preview.setPixmap(QPixmap())
            self.preview.setText(
                self.tr("No logo: papers show the office's name and address only.")
            )
        else:
            pixmap = QPixmap.fromImage(image)
            if pixmap.width() > PREVIEW_SIZE.width() or pixmap.height() > PREVIEW_SIZE.height():
                pixmap = pixmap.scaled(
                    PREVIEW_SIZE,
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            self.preview.setPixmap(pixmap)
        if self._data is None:
            text = self.tr("Not saved yet: the logo will be removed.") if self._stored else ""
        elif self._data == self._stored:
            text = self._stored_info or ""
        else:
            text = self.tr("{name}: {logo} (not saved yet)").format(
                name=self._name, logo=self._info
            )
        self.info.setText(text)
        self.info.setHidden(not text)
        self.remove_button.setEnabled(not self._busy and self._data is not None)
