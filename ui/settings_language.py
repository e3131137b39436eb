"""This computer's interface language in the settings: the choice, and the message that says
when it takes effect (the language is applied at start, ui/translation.py)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QMessageBox, QWidget

from guardian_desk.i18n.languages import AUTONYMS
from ui.translation import language_choices, saved_language, system_language


def interface_language_combo() -> QComboBox:
    """The languages by their own names; this computer's choice (or the system's) selected."""
    combo = QComboBox()
    for code, name in language_choices():
        combo.addItem(name, code)
    current = saved_language() or system_language()
    combo.setCurrentIndex(max(combo.findData(current), 0))
    return combo


def tell_restart(parent: QWidget, language: str, restart: Callable[[], None] | None) -> QMessageBox:
    """One message; "Restart now" calls ``restart`` when the main window gave one."""
    box = QMessageBox(parent)
    box.setObjectName("interface_language_message")
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle(QCoreApplication.translate("SettingsDialog", "Interface language"))
    box.setText(
        QCoreApplication.translate(
            "SettingsDialog", "Guardian Desk speaks {language} from its next start."
        ).format(language=AUTONYMS.get(language, language))
    )
    restart_button = None
    if restart is not None:
        restart_button = box.addButton(
            QCoreApplication.translate("SettingsDialog", "Restart now"),
            QMessageBox.ButtonRole.AcceptRole,
        )
    box.addButton(QMessageBox.StandardButton.Ok)
    box.exec()
    if restart is not None and box.clickedButton() is restart_button:
        restart()
    return box
