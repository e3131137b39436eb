"""Help ▸ User guide (F1): the short guide of ui/help_guide.py, its sections listed beside it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ui.help_guide import guide_html, sections
from ui.screen_fit import resize_to_fit


class HelpDialog(QDialog):
    """Not modal: the officer reads it beside the window the guide talks about."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Guardian Desk user guide"))
        self.setObjectName("help_guide")
        parts = sections()
        self.contents = QListWidget()
        self.contents.setObjectName("help_contents")
        self.contents.setAccessibleName(self.tr("Contents"))
        for part in parts:
            item = QListWidgetItem(part.title)
            item.setData(Qt.ItemDataRole.UserRole, part.anchor)
            self.contents.addItem(item)
        self.contents.setMaximumWidth(280)
        self.contents.setWordWrap(True)
        self.contents.currentItemChanged.connect(self._chosen)
        self.browser = QTextBrowser()
        self.browser.setObjectName("help_text")
        self.browser.setOpenLinks(False)  # the guide has no links out; nothing opens by surprise
        self.browser.setHtml(guide_html(parts))
        row = QHBoxLayout()
        row.addWidget(self.contents)
        row.addWidget(self.browser, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addLayout(row, 1)
        layout.addWidget(buttons)
        resize_to_fit(self, 960, 680)

    def show_section(self, anchor: str) -> None:
        self.browser.scrollToAnchor(anchor)

    def _chosen(self, item: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        if item is not None:
            self.show_section(str(item.data(Qt.ItemDataRole.UserRole)))
