"""The way into the office: set-up on first start, sign-in, the lock, and signing out.

The gate owns three pages of the main window's stack. Nothing of the office is loaded before
an account has signed in: the window's registries and home page are built only then
(``MainWindow.signed_in``). The lock hides every open record window and shows the lock page;
the record windows keep their unsaved changes and come back when the same account unlocks.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from guardian_desk.faults import explain
from guardian_desk.i18n import current_language
from ui import core_calls
from ui.accounts import calls
from ui.accounts.pages import LockPage, SignInPage

if TYPE_CHECKING:
    from guardian_desk.security.roles import SignedIn
    from guardian_desk.security.signing_in import SignInResult
    from ui.accounts.set_up_page import SetUpPage
    from ui.main_window import MainWindow

_INPUT_EVENTS = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
}


class AccountGate(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self._set_up_page: SetUpPage | None = None  # built on a new office only
        self.sign_in_page = SignInPage()
        self.lock_page = LockPage()
        for page in (self.sign_in_page, self.lock_page):
            window.stack.addWidget(page)
        self.sign_in_page.sign_in.connect(self._sign_in)
        self.sign_in_page.language.chosen.connect(window.change_language)
        self.lock_page.unlock.connect(self._unlock)
        self.lock_page.sign_out.connect(self.confirm_sign_out)
        self.locked = False
        self._hidden: list[QWidget] = []
        self._page_before_lock: QWidget | None = None
        self.idle = QTimer(self)
        self.idle.setSingleShot(True)
        self.idle.timeout.connect(self.lock)
        self.idle_minutes = 10
        self.encrypted = False  # the database's key comes from the account's slot

    # --- entering ------------------------------------------------------------------------------

    @property
    def set_up_page(self) -> SetUpPage:
        if self._set_up_page is None:
            from ui.accounts.set_up_page import SetUpPage

            self._set_up_page = SetUpPage()
            self._set_up_page.submitted.connect(self._set_up)
            self._set_up_page.interface_language.chosen.connect(self.window.change_language)
            self.window.stack.addWidget(self._set_up_page)
        return self._set_up_page

    def begin(self, *, encrypted: bool = False) -> None:
        """The database is open: set up the office, or ask who is signing in. An encrypted
        one cannot be read before that: the sign-in page names the file."""
        bridge = self.window.bridge
        assert bridge is not None
        self.encrypted = encrypted
        if encrypted:
            from guardian_desk.db.urls import describe

            self.sign_in_page.start(self.tr("{0} (encrypted)").format(describe(self.window.url)))
            self.window.stack.setCurrentWidget(self.sign_in_page)
            return
        bridge.run(
            calls.entry,
            anonymous=True,
            on_success=self._entered,
            on_failure=self._failed_to_enter,
        )

    def _entered(self, entry: dict[str, Any]) -> None:
        if entry["needs_set_up"]:
            # A new office: its papers' language starts as the language this computer speaks.
            self.set_up_page.start(entry["country"], entry["time_zone"], current_language())
            self.window.stack.setCurrentWidget(self.set_up_page)
        else:
            self.sign_in_page.start(entry["office_name"])
            self.window.stack.setCurrentWidget(self.sign_in_page)

    def _failed_to_enter(self, error: BaseException) -> None:
        self.window.refused.show_message(explain(error).message)
        self.window.stack.setCurrentWidget(self.window.refused)

    def _set_up(self, values: dict[str, Any]) -> None:
        bridge = self.window.bridge
        assert bridge is not None
        bridge.run(
            lambda session, _task: calls.set_up(session, values),
            anonymous=True,
            writes=True,
            on_success=self._welcome,
            on_failure=lambda error: self.set_up_page.refuse(explain(error).message),
        )

    def _sign_in(self, username: str, password: str) -> None:
        bridge = self.window.bridge
        assert bridge is not None
        if self.encrypted:
            url = self.window.url
            bridge.call(
                lambda _task: core_calls.unlock_and_sign_in(url, username, password),
                on_success=self._unlocked_database,
                on_failure=lambda error: self.sign_in_page.refuse(explain(error).message),
            )
            return
        bridge.run(
            lambda session, _task: calls.sign_in(session, username, password),
            anonymous=True,
            writes=True,  # a failed attempt is counted and audited
            on_success=self._signed_in_or_refused,
            on_failure=lambda error: self.sign_in_page.refuse(explain(error).message),
        )

    def _unlocked_database(self, outcome: tuple[bytes | None, SignInResult]) -> None:
        key, result = outcome
        if result.account is not None:
            bridge = self.window.bridge
            assert bridge is not None
            bridge.key = key
        self._signed_in_or_refused(result)

    def _signed_in_or_refused(self, outcome: SignInResult) -> None:
        if outcome.account is None:
            self.sign_in_page.refuse(outcome.refusal)
            return
        self._welcome(outcome.account, must_change_password=outcome.must_change_password)

    def _welcome(self, account: SignedIn, *, must_change_password: bool = False) -> None:
        self.window.signed_in(account)
        self.start_idle_watch(self.window.idle_lock_minutes)
        if must_change_password:  # a temporary password from the administrator
            from ui.accounts.password_dialog import PasswordDialog

            bridge = self.window.bridge
            assert bridge is not None
            dialog = PasswordDialog(bridge, account, self.window, required=True)
            if not dialog.exec():
                self.sign_out()

    # --- the lock ------------------------------------------------------------------------------

    def start_idle_watch(self, minutes: int | None = None) -> None:
        if minutes is not None:
            self.idle_minutes = max(1, minutes)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self.idle.start(self.idle_minutes * 60_000)

    def stop_idle_watch(self) -> None:
        self.idle.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _INPUT_EVENTS and not self.locked and self.idle.isActive():
            self.idle.start(self.idle_minutes * 60_000)
        return False

    def lock(self) -> None:
        """Hide the office behind the lock page; open record windows wait, unsaved work kept."""
        account = self.window.account
        if self.locked or account is None:
            return
        self.locked = True
        self.idle.stop()
        self._page_before_lock = self.window.stack.currentWidget()
        self._hidden = [
            widget
            for widget in QApplication.topLevelWidgets()
            if widget is not self.window and widget.isVisible()
        ]
        for widget in self._hidden:
            widget.hide()
        self.window.set_locked(True)
        open_records = len(self.window.dialogs)
        self.lock_page.start(account.full_name, account.username, open_records)
        self.window.stack.setCurrentWidget(self.lock_page)

    def _unlock(self, password: str) -> None:
        account = self.window.account
        bridge = self.window.bridge
        assert account is not None and bridge is not None
        bridge.run(
            lambda session, _task: calls.unlock(session, account, password),
            anonymous=True,
            writes=True,
            on_success=self._unlocked_or_refused,
            on_failure=lambda error: self.lock_page.refuse(explain(error).message),
        )

    def _unlocked_or_refused(self, outcome: SignInResult) -> None:
        if outcome.account is None:
            self.lock_page.refuse(outcome.refusal)
            return
        self.locked = False
        self.window.set_locked(False)
        if self._page_before_lock is not None:
            self.window.stack.setCurrentWidget(self._page_before_lock)
        for widget in self._hidden:
            widget.show()
        self._hidden = []
        self.idle.start(self.idle_minutes * 60_000)

    # --- signing out ---------------------------------------------------------------------------

    def confirm_sign_out(self) -> None:
        unsaved = [
            d for d in self.window.dialogs.values() if getattr(d, "is_dirty", lambda: False)()
        ]
        if unsaved:
            answer = QMessageBox.question(
                self.window,
                self.tr("Sign out"),
                self.tr("An open record has changes that are not saved. Sign out and lose them?")
                if len(unsaved) == 1
                else self.tr(
                    "%n open records have changes that are not saved. Sign out and lose them?",
                    "",
                    len(unsaved),
                ),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.sign_out()

    def sign_out(self) -> None:
        self.stop_idle_watch()
        for widget in self._hidden:
            widget.close()
        self._hidden = []
        self.locked = False
        account = self.window.account
        bridge = self.window.bridge
        if account is not None and bridge is not None:
            bridge.run(  # the account is named explicitly; nothing to refresh afterwards
                lambda session, _task: calls.sign_out(session, account),
                writes=True,
                anonymous=True,
            )
        self.window.signed_out()
