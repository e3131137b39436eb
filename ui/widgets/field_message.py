"""A message under a field, and the red frame a stylesheet gives an invalid field."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QLabel, QWidget

# Apply once to a form (or the application); mark_invalid() switches it on per field.
INVALID_STYLE = '*[invalid="true"] { border: 1px solid #c0392b; }'

_ERROR_ON_LIGHT = QColor("#b03a2e")
_ERROR_ON_DARK = QColor("#ff7b6b")


def error_colour(palette: QPalette) -> QColor:
    """Qt's palette has no error role: a red that stays readable on the palette's window."""
    window = palette.color(QPalette.ColorRole.Window)
    return QColor(_ERROR_ON_DARK if window.lightnessF() < 0.5 else _ERROR_ON_LIGHT)


def mark_invalid(widget: QWidget, invalid: bool) -> None:
    """Set the dynamic ``invalid`` property and re-polish so ``INVALID_STYLE`` applies now."""
    if widget.property("invalid") == invalid:
        return
    widget.setProperty("invalid", invalid)
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
    widget.update()


class FieldMessage(QLabel):
    """The core's message about one field, shown right under it; hidden while there is none."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._recolouring = False
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._apply_colour()
        self.hide()

    def show_message(self, message: str | None) -> None:
        self.setText(message or "")
        self.setHidden(not message)

    def message(self) -> str:
        return self.text()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and not self._recolouring:
            self._apply_colour()

    def _apply_colour(self) -> None:
        self._recolouring = True
        try:
            palette = self.palette()
            palette.setColor(QPalette.ColorRole.WindowText, error_colour(palette))
            self.setPalette(palette)
        finally:
            self._recolouring = False
