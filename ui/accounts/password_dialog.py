"""Change one's own password: the current one, the new one twice; the core's rule decides."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from guardian_desk.faults import explain
from ui.accounts.pages import message_label, password_field
from ui.callbacks import alive

if TYPE_CHECKING:
    from guardian_desk.security.roles import SignedIn
    from ui.bridge import CoreBridge


class PasswordDialog(QDialog):
    def __init__(
        self,
        bridge: CoreBridge,
        account: SignedIn,
        parent: QWidget | None = None,
        *,
        required: bool = False,
    ) -> None:
        super().__init__(parent)
        self._bridge = bridge
        self.setWindowTitle(self.tr("Change password"))
        layout = QVBoxLayout(self)
        intro = (
            self.tr(
                "Your administrator gave you a temporary password. "
                "Choose your own before you go on."
            )
            if required
            else self.tr("Change the password of {0} ({1}).").format(
                account.full_name, account.username
            )
        )
        layout.addWidget(QLabel(intro, wordWrap=True))
        form = QFormLayout()
        self.current = password_field()
        self.new = password_field()
        self.repeat = password_field()
        form.addRow(self.tr("&Current password:"), self.current)
        form.addRow(self.tr("&New password:"), self.new)
        form.addRow(self.tr("&Repeat the new one:"), self.repeat)
        layout.addLayout(form)
        layout.addWidget(
            QLabel(self.tr("At least 10 characters, and not your user name."), wordWrap=True)
        )
        self.message = message_label()
        layout.addWidget(self.message)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.current.setFocus()

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def save(self) -> None:
        if self.new.text() != self.repeat.text():
            self._say(self.tr("The two new passwords differ; type them again."))
            self.new.clear()
            self.repeat.clear()
            self.new.setFocus()
            return
        old, new = self.current.text(), self.new.text()
        self.buttons.setEnabled(False)

        def work(session: Any, _task: Any) -> None:
            from guardian_desk.security.accounts import change_own_password

            change_own_password(session, old, new)

        self._bridge.run(
            work,
            writes=True,
            on_success=alive(self, lambda _result: self.accept()),
            on_failure=alive(self, self._failed),
        )

    def _failed(self, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        self._say(explain(error).message)
