"""The pages shown before the records: office set-up, sign-in, and the lock screen.

They are pages of the main window's stack, not modal dialogs, so nothing of the office shows
behind them and the window keeps its size and place.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.interface_language import LanguageRow
from ui.pages import title_label

__all__ = ["Centred", "LockPage", "SignInPage", "message_label", "password_field", "title_label"]


def message_label() -> QLabel:
    label = QLabel(wordWrap=True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setObjectName("message")
    label.setStyleSheet("QLabel#message { color: #a4000f; }")
    label.hide()
    return label


def password_field() -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    return field


class Centred(QWidget):
    """A narrow column in the middle of the window."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        self.column = QVBoxLayout()
        outer.addLayout(self.column, 2)
        outer.addStretch(1)
        self.column.addStretch(1)

    def finish(self) -> None:
        self.column.addStretch(2)

    def say(self, label: QLabel, text: str) -> None:
        label.setText(text)
        label.setVisible(bool(text))


class SignInPage(Centred):
    """User name and password; refusals (wrong password, locked out) in one line."""

    sign_in = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.column.addWidget(title_label(self.tr("Sign in to Guardian Desk")))
        self.office = QLabel(wordWrap=True)
        self.column.addWidget(self.office)
        form = QFormLayout()
        self.username = QLineEdit()
        self.username.setAccessibleName(self.tr("User name"))
        self.password = password_field()
        self.password.setAccessibleName(self.tr("Password"))
        form.addRow(self.tr("&User name:"), self.username)
        form.addRow(self.tr("&Password:"), self.password)
        self.column.addLayout(form)
        self.message = message_label()
        self.column.addWidget(self.message)
        self.button = QPushButton(self.tr("Sign in"))
        self.button.setDefault(True)
        self.button.clicked.connect(self._submit)
        self.password.returnPressed.connect(self._submit)
        self.username.returnPressed.connect(self.password.setFocus)
        self.column.addWidget(self.button, alignment=Qt.AlignmentFlag.AlignRight)
        self.language = LanguageRow()
        self.column.addWidget(self.language)
        self.finish()

    def start(self, office_name: str = "", username: str = "") -> None:
        self.office.setText(office_name)
        self.office.setVisible(bool(office_name))
        self.username.setText(username)
        self.password.clear()
        self.say(self.message, "")
        self.set_busy(False)
        (self.password if username else self.username).setFocus()

    def set_busy(self, busy: bool) -> None:
        self.button.setEnabled(not busy)
        self.button.setText(self.tr("Signing in…") if busy else self.tr("Sign in"))

    def refuse(self, text: str) -> None:
        self.set_busy(False)
        self.password.clear()
        self.password.setFocus()
        self.say(self.message, text)

    def _submit(self) -> None:
        if not self.username.text().strip():
            self.say(self.message, self.tr("Type your user name."))
            self.username.setFocus()
            return
        self.set_busy(True)
        self.sign_in.emit(self.username.text().strip(), self.password.text())


class LockPage(Centred):
    """The window is locked: the same account's password opens it again; open work waits."""

    unlock = Signal(str)
    sign_out = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.column.addWidget(title_label(self.tr("Guardian Desk is locked")))
        self.who = QLabel(wordWrap=True)
        self.column.addWidget(self.who)
        form = QFormLayout()
        self.password = password_field()
        self.password.setAccessibleName(self.tr("Password"))
        form.addRow(self.tr("&Password:"), self.password)
        self.column.addLayout(form)
        self.message = message_label()
        self.column.addWidget(self.message)
        buttons = QHBoxLayout()
        self.sign_out_button = QPushButton(self.tr("Sign out…"))
        self.sign_out_button.clicked.connect(self.sign_out)
        self.button = QPushButton(self.tr("Unlock"))
        self.button.setDefault(True)
        self.button.clicked.connect(self._submit)
        self.password.returnPressed.connect(self._submit)
        buttons.addWidget(self.sign_out_button)
        buttons.addStretch()
        buttons.addWidget(self.button)
        self.column.addLayout(buttons)
        self.finish()

    def start(self, full_name: str, username: str, unsaved: int) -> None:
        text = self.tr("Locked for {0} ({1}).").format(full_name, username)
        if unsaved == 1:
            text += " " + self.tr("1 open record waits behind the lock, unsaved changes kept.")
        elif unsaved:
            text += " " + self.tr(
                "%n open records wait behind the lock, unsaved changes kept.", "", unsaved
            )
        self.who.setText(text)
        self.password.clear()
        self.say(self.message, "")
        self.button.setEnabled(True)
        self.password.setFocus()

    def refuse(self, text: str) -> None:
        self.button.setEnabled(True)
        self.password.clear()
        self.password.setFocus()
        self.say(self.message, text)

    def _submit(self) -> None:
        self.button.setEnabled(False)
        self.unlock.emit(self.password.text())
