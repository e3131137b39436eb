"""The settings dialog's messages: each refusal at its field, the tab that holds it marked and
brought forward; what belongs to no field above the tabs."""

from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QDialog, QLabel, QTabWidget, QVBoxLayout, QWidget

from guardian_desk.domain.errors import ValidationErrors
from ui.settings_papers import PaperTexts
from ui.widgets.field_message import error_colour


class SettingsMessages(QDialog):
    """Mixed into SettingsDialog, which builds the widgets named here."""

    message: QLabel
    tabs: QTabWidget
    errors: dict[str, QLabel]
    fields: dict[str, QWidget]
    paper_texts: PaperTexts
    _layout: QVBoxLayout

    def _show_errors(self, error: ValidationErrors) -> None:
        """Each message at its field; the first field's tab comes forward, and takes focus."""
        first: QWidget | None = None
        for fault in error.errors:
            field = fault.field
            language, _dot, kind = field.partition(".")
            if kind in self.paper_texts.editors:  # "sq.legal_basis": that language's text
                self.paper_texts.show_language(language)
                field = kind
            label = self.errors.get(field)
            if label is None:  # not a field of this form: say it above the tabs
                self._say(str(fault))
                continue
            label.setText(str(fault))
            label.show()
            widget = self.fields[field]
            tab = self._tab_of(widget)
            self.tabs.tabBar().setTabTextColor(tab, error_colour(self.palette()))
            first = first or widget
        if first is not None:
            self.tabs.setCurrentIndex(self._tab_of(first))
            first.setFocus()
        self._fit_height()

    def _tab_of(self, widget: QWidget) -> int:
        for index in range(self.tabs.count()):
            page = self.tabs.widget(index)
            if page is not None and page.isAncestorOf(widget):
                return index
        return self.tabs.currentIndex()

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()
        self._fit_height()

    def _fit_height(self) -> None:
        """Grow to show every message whole (wrapped labels need the height for the width)."""
        layout = self._layout
        needed = layout.totalHeightForWidth(self.width()) if layout.hasHeightForWidth() else 0
        needed = max(needed, self.sizeHint().height())  # a tab's page does not report hfw
        screen = self.screen()
        if screen is not None:  # never taller than the screen: the Save button stays on it
            needed = min(needed, screen.availableGeometry().height() - 60)
        if needed > self.height():
            self.resize(self.width(), needed)

    def _clear_errors(self) -> None:
        self.message.hide()
        for label in self.errors.values():
            label.hide()
            label.clear()
        for index in range(self.tabs.count()):
            self.tabs.tabBar().setTabTextColor(index, QColor())
