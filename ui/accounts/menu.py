"""The File menu's account actions: lock (Ctrl+L), sign out, change password, accounts, and
the administrator's anonymisation of old cases."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

if TYPE_CHECKING:
    from ui.main_window import MainWindow


def install_accounts(window: MainWindow, menu: QMenu) -> list[QAction]:
    """The actions, lock first; enabled only while someone is signed in."""

    def action(text: str, slot: object, shortcut: QKeySequence | None = None) -> QAction:
        made = QAction(text, window)
        if shortcut is not None:
            made.setShortcut(shortcut)
        made.triggered.connect(slot)
        window.addAction(made)  # the shortcut works wherever the focus is in the window
        menu.addAction(made)
        return made

    def change_password() -> None:
        from ui.accounts.password_dialog import PasswordDialog

        if window.bridge is not None and window.account is not None:
            PasswordDialog(window.bridge, window.account, window).exec()

    def manage_accounts() -> None:
        from ui.accounts.accounts_dialog import AccountsDialog

        if window.bridge is not None:
            AccountsDialog(window.bridge, window).exec()

    def anonymise() -> None:
        from ui.accounts.retention import anonymise_old_cases

        anonymise_old_cases(window)

    return [
        action(window.tr("&Lock"), window.gate.lock, QKeySequence("Ctrl+L")),
        action(window.tr("Sign &out…"), window.gate.confirm_sign_out),
        action(window.tr("Change &password…"), change_password),
        action(window.tr("&Accounts…"), manage_accounts),
        action(window.tr("Anonymise old &cases…"), anonymise),
    ]
