"""Every window fits a 1280×720 screen, its buttons included (a common laptop and projector).

``fit_size`` caps a window's preferred size to what such a screen leaves once the window
frame, its title bar and a taskbar are counted; the tests check every window against it.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QWidget

SMALL_SCREEN = QSize(1280, 720)
DECORATIONS = QSize(16, 72)  # the frame at both sides; the title bar, the frame and a taskbar


def usable() -> QSize:
    """What a 1280×720 screen leaves for a window's content."""
    return SMALL_SCREEN - DECORATIONS


def fit_size(width: int, height: int) -> QSize:
    room = usable()
    return QSize(min(width, room.width()), min(height, room.height()))


def resize_to_fit(window: QWidget, width: int, height: int) -> None:
    """``window.resize(width, height)``, no larger than a 1280×720 screen allows."""
    window.resize(fit_size(width, height))
