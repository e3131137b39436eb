"""The line at the top of a record dialog: what happened to the last save, and a Reload offer."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from ui.widgets.field_message import error_colour


class MessageBar(QFrame):
    reload_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.reload_button = QPushButton(self.tr("Reload"))
        self.reload_button.setAutoDefault(False)
        self.reload_button.clicked.connect(self.reload_requested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.reload_button)
        self.clear()

    def text(self) -> str:
        return self.label.text() if not self.isHidden() else ""

    def is_error(self) -> bool:
        return not self.isHidden() and self._error

    def clear(self) -> None:
        self._error = False
        self.label.clear()
        self.hide()

    def show_info(self, text: str) -> None:
        self._show(text, error=False, offer_reload=False)

    def show_error(self, text: str, *, offer_reload: bool = False) -> None:
        self._show(text, error=True, offer_reload=offer_reload)

    def _show(self, text: str, *, error: bool, offer_reload: bool) -> None:
        # The dialog's style sheet stops palette changes from reaching the label: say it there.
        self._error = error
        colour = error_colour(self.palette()) if error else None
        self.label.setStyleSheet(f"color: {colour.name()}; font-weight: bold;" if colour else "")
        self.label.setText(text)
        self.reload_button.setVisible(offer_reload)
        self.show()
