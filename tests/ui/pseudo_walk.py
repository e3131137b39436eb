"""Looking at a window as a translator would: every text a person reads, where it stands,
whether it went through translation (the pseudo-locale's ⟦…⟧) and whether it is cut off."""

from __future__ import annotations

import re
from collections.abc import Iterator

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QMenuBar,
    QTabWidget,
    QWidget,
)

from guardian_desk.i18n.pseudo import CLOSE, OPEN

_TAGS = re.compile(r"<[^<>]*>|&[a-z]+;")
_DECORATED = re.compile(re.escape(OPEN) + r".*?" + re.escape(CLOSE), re.S)
# What is left once the translated parts are gone is data: names, numbers, dates, codes,
# paths. Words of English that remain mean a string bypassed translation.
_ENGLISH_WORD = re.compile(r"\b[A-Za-z]{2,}[a-z]*(?: [a-z]{2,})+\b|\b[A-Z][a-z]{3,}\b")
DATA = "shows_data"  # a widget property: its text is the office's data, never translated


def _name(widget: QWidget) -> str:
    return f"{type(widget).__name__}({widget.objectName() or '-'})"


def texts(root: QWidget) -> Iterator[tuple[str, str]]:
    """(where, text) for every visible text under root, including its title and menus."""
    yield f"{_name(root)}.windowTitle", root.windowTitle()
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisibleTo(root) and widget is not root:
            continue
        if widget.property(DATA):
            continue
        where = _name(widget)
        if isinstance(widget, QLabel):
            yield where, widget.text()
        elif isinstance(widget, QAbstractButton):
            yield where, widget.text()
            yield f"{where}.toolTip", widget.toolTip()
        elif isinstance(widget, QGroupBox):
            yield where, widget.title()
        elif isinstance(widget, QTabWidget):
            for i in range(widget.count()):
                yield f"{where}.tab{i}", widget.tabText(i)
        elif isinstance(widget, QLineEdit):
            yield f"{where}.placeholder", widget.placeholderText()
        elif isinstance(widget, QMenuBar):
            yield from _menu_texts(widget, where)
        elif isinstance(widget, QListWidget):
            for i in range(widget.count()):
                yield f"{where}.item{i}", widget.item(i).text()
        elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            header = getattr(widget, "horizontalHeader", lambda: None)()
            for column in range(model.columnCount()):
                if isinstance(header, QHeaderView) and header.isSectionHidden(column):
                    continue
                text = model.headerData(column, Qt.Orientation.Horizontal)
                yield f"{where}.column{column}", str(text or "")


def _menu_texts(owner: QMenuBar | QMenu, where: str) -> Iterator[tuple[str, str]]:
    for action in owner.actions():
        if action.isSeparator() or not action.isVisible():
            continue
        yield f"{where}>{action.text()}", action.text()
        if action.menu() is not None:
            yield from _menu_texts(action.menu(), f"{where}>{action.text()}")


def untranslated(root: QWidget) -> list[str]:
    """Texts with English words outside the pseudo-locale's brackets."""
    found = []
    for where, text in texts(root):
        plain = _TAGS.sub(" ", text or "")
        rest = _DECORATED.sub(" ", plain)
        if _ENGLISH_WORD.search(rest):
            found.append(f"{where}: {text!r}")
    return found


def clipped(root: QWidget) -> list[str]:
    """Labels and buttons narrower than their text needs (the text is cut off)."""
    found = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisibleTo(root) or widget.property(DATA):
            continue
        if isinstance(widget, QLabel) and widget.text():
            if widget.wordWrap():
                short = widget.height() + 1 < widget.heightForWidth(widget.width())
            else:
                short = widget.width() + 1 < widget.minimumSizeHint().width()
        elif isinstance(widget, QAbstractButton) and widget.text():
            short = widget.width() + 1 < widget.sizeHint().width()
        else:
            continue
        if short:
            found.append(f"{_name(widget)}: {widget.text()!r}")
    return found
