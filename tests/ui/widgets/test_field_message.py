"""The message under a field and the red frame of an invalid field."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from ui.widgets.field_message import INVALID_STYLE, FieldMessage, error_colour, mark_invalid


def test_message_is_hidden_when_empty(qtbot) -> None:  # type: ignore[no-untyped-def]
    form = QWidget()
    qtbot.addWidget(form)
    message = FieldMessage()
    QVBoxLayout(form).addWidget(message)
    form.show()
    assert not message.isVisible()
    message.show_message("date_of_birth: 2031-01-01 is in the future")
    assert message.isVisible()
    assert message.wordWrap()
    assert message.text() == "date_of_birth: 2031-01-01 is in the future"
    colour = message.palette().color(QPalette.ColorRole.WindowText)
    assert colour == error_colour(form.palette())
    message.show_message(None)
    assert not message.isVisible()
    message.show_message("")
    assert not message.isVisible()


def test_error_colour_stays_readable_on_dark_palettes() -> None:
    dark = QPalette(QColor("#202020"))
    light = QPalette(QColor("#f0f0f0"))
    assert error_colour(dark).lightnessF() > 0.5
    assert error_colour(light).lightnessF() < 0.5


def test_mark_invalid_applies_the_stylesheet(qtbot) -> None:  # type: ignore[no-untyped-def]
    form = QWidget()
    qtbot.addWidget(form)
    form.setStyleSheet(INVALID_STYLE)
    field = QLineEdit(form)
    form.show()
    before = field.grab().toImage()
    mark_invalid(field, True)
    assert field.property("invalid") is True
    assert field.grab().toImage() != before  # the red frame is drawn
    mark_invalid(field, False)
    assert field.property("invalid") is False
