"""The administrator's list of accounts: add, edit, reset a password, suspend or reactivate.

The core decides who may (Permission.MANAGE_ACCOUNTS) and says so in its own words; the
dialog shows that refusal instead of hiding itself, so an officer learns whom to ask.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from guardian_desk.faults import explain
from guardian_desk.security.roles import Role
from ui.accounts.pages import message_label
from ui.callbacks import alive
from ui.rows_model import RowsModel

if TYPE_CHECKING:
    from guardian_desk.security.accounts import AccountData
    from ui.bridge import CoreBridge

ROLE_NAMES = {
    Role.ADMINISTRATOR: QT_TRANSLATE_NOOP("Accounts", "Administrator"),
    Role.SUPERVISOR: QT_TRANSLATE_NOOP("Accounts", "Supervisor"),
    Role.OFFICER: QT_TRANSLATE_NOOP("Accounts", "Officer"),
    Role.AUDITOR: QT_TRANSLATE_NOOP("Accounts", "Auditor"),
}


def role_name(role: Role) -> str:
    return QCoreApplication.translate("Accounts", str(ROLE_NAMES[role]))


class AccountsModel(RowsModel["AccountData"]):
    CONTEXT = "Accounts"
    HEADERS = (
        QT_TRANSLATE_NOOP("Accounts", "User name"),
        QT_TRANSLATE_NOOP("Accounts", "Full name"),
        QT_TRANSLATE_NOOP("Accounts", "Title"),
        QT_TRANSLATE_NOOP("Accounts", "Role"),
        QT_TRANSLATE_NOOP("Accounts", "Status"),
    )

    def cells(self, row: int, record: AccountData) -> Sequence[str]:
        if not record.active:
            status = QCoreApplication.translate("Accounts", "Suspended")
        elif record.must_change_password:
            status = QCoreApplication.translate("Accounts", "Must choose a new password")
        else:
            status = QCoreApplication.translate("Accounts", "Active")
        return (record.username, record.full_name, record.title, role_name(record.role), status)


class AccountForm(QDialog):
    """A new account (with a temporary password) or an existing one's name, title and role."""

    def __init__(self, account: AccountData | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New account") if account is None else self.tr("Account"))
        form = QFormLayout(self)
        self.username = QLineEdit(account.username if account else "")
        self.username.setReadOnly(account is not None)
        self.full_name = QLineEdit(account.full_name if account else "")
        self.title = QLineEdit(account.title if account else "")
        self.title.setPlaceholderText(self.tr("printed under the signature"))
        self.role = QComboBox()
        for role in Role:
            self.role.addItem(role_name(role), role)
        self.role.setCurrentIndex(self.role.findData(account.role if account else Role.OFFICER))
        form.addRow(self.tr("&User name:"), self.username)
        form.addRow(self.tr("&Full name:"), self.full_name)
        form.addRow(self.tr("&Title:"), self.title)
        form.addRow(self.tr("&Role:"), self.role)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)


def temporary_password() -> str:
    """Readable, typed once by the new officer and then replaced: 4 groups of 4."""
    alphabet = "abcdefghjkmnpqrstuvwxyz23456789"
    return "-".join("".join(secrets.choice(alphabet) for _ in range(4)) for _ in range(4))


class AccountsDialog(QDialog):
    def __init__(self, bridge: CoreBridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._bridge = bridge
        self.setWindowTitle(self.tr("Accounts"))
        self.resize(760, 420)
        layout = QVBoxLayout(self)
        self.model = AccountsModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.doubleClicked.connect(lambda _index: self.edit())
        layout.addWidget(self.table, 1)
        self.message = message_label()
        layout.addWidget(self.message)
        row = QHBoxLayout()
        self.add_button = QPushButton(self.tr("&Add…"))
        self.edit_button = QPushButton(self.tr("&Edit…"))
        self.reset_button = QPushButton(self.tr("&Reset password…"))
        self.suspend_button = QPushButton(self.tr("&Suspend"))
        for button, slot in (
            (self.add_button, self.add),
            (self.edit_button, self.edit),
            (self.reset_button, self.reset_password),
            (self.suspend_button, self.toggle_active),
        ):
            button.clicked.connect(slot)
            row.addWidget(button)
        row.addStretch()
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept)
        row.addWidget(close)
        layout.addLayout(row)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selection())
        self._selection()
        self.reload()

    # --- helpers -------------------------------------------------------------------------------

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def _failed(self, error: BaseException) -> None:
        self._say(explain(error).message)

    def selected(self) -> AccountData | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _selection(self) -> None:
        chosen = self.selected()
        for button in (self.edit_button, self.reset_button, self.suspend_button):
            button.setEnabled(chosen is not None)
        if chosen is not None:
            self.suspend_button.setText(
                self.tr("&Suspend") if chosen.active else self.tr("Re&activate")
            )

    def _run(self, work: Any, done: str = "") -> None:
        def finished(_result: object) -> None:
            self.reload()
            self._say(done)

        self._bridge.run(
            work,
            writes=True,
            on_success=alive(self, finished),
            on_failure=alive(self, self._failed),
        )

    # --- actions -------------------------------------------------------------------------------

    def reload(self) -> None:
        def work(session: Any, _task: Any) -> list[AccountData]:
            from guardian_desk.security.accounts import list_accounts

            return list_accounts(session)

        self._bridge.run(
            work,
            on_success=alive(self, self.model.set_rows),
            on_failure=alive(self, self._failed),
        )

    def add(self) -> None:
        form = AccountForm(None, self)
        if not form.exec():
            return
        password = temporary_password()
        values = (form.username.text(), form.full_name.text(), form.title.text())
        role = Role(form.role.currentData())

        def work(session: Any, _task: Any) -> None:
            from guardian_desk.security.accounts import NewAccount, create_account

            create_account(session, NewAccount(*values, role=role), password)

        self._run(
            work,
            self.tr("Account {0} added. Temporary password: {1} (asked to change at first "
                    "sign-in).").format(values[0], password),
        )  # fmt: skip

    def edit(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        form = AccountForm(chosen, self)
        if not form.exec():
            return
        full_name, title = form.full_name.text(), form.title.text()
        role = Role(form.role.currentData())

        def work(session: Any, _task: Any) -> None:
            from guardian_desk.security.accounts import update_account

            update_account(
                session, chosen.id, chosen.version, full_name=full_name, title=title, role=role
            )

        self._run(work, self.tr("Account {0} saved.").format(chosen.username))

    def reset_password(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Reset password"),
            self.tr("Give {0} a new temporary password? The old one stops working.").format(
                chosen.full_name
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        password = temporary_password()

        def work(session: Any, _task: Any) -> None:
            from guardian_desk.security.accounts import reset_password

            reset_password(session, chosen.id, password)

        self._run(
            work,
            self.tr("Temporary password for {0}: {1} (asked to change at next sign-in).").format(
                chosen.username, password
            ),
        )

    def toggle_active(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        active = not chosen.active

        def work(session: Any, _task: Any) -> None:
            from guardian_desk.security.accounts import update_account

            update_account(session, chosen.id, chosen.version, active=active)

        self._run(
            work,
            (self.tr("{0} may sign in again.") if active else self.tr("{0} is suspended.")).format(
                chosen.username
            ),
        )
