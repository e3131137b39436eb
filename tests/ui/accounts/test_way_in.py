"""The way into the office, as an officer meets it in the real window: the first-start set-up,
sign-in, the lock (Ctrl+L and idle) with open work kept behind it, and signing out."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select

from guardian_desk.db.engine import make_engine, make_session_factory, session_scope
from guardian_desk.db.models import AuditEvent
from guardian_desk.security.accounts import NewAccount, OfficeSetUp, create_account, set_up_office
from guardian_desk.security.roles import Role
from ui.main_window import MainWindow

PASSWORD = "correct horse battery"


@pytest.fixture
def window(qtbot: Any) -> Iterator[Any]:
    made: list[MainWindow] = []

    def open_on(url: str) -> MainWindow:
        window = MainWindow(url)  # as the app does: nobody signed in yet
        qtbot.addWidget(window)
        window.show()
        made.append(window)
        return window

    yield open_on
    for window in made:
        if window.bridge is not None:
            window.bridge.shutdown()


def set_up_office_in(url: str) -> None:
    engine = make_engine(url)
    with session_scope(make_session_factory(engine), writes=True) as session:
        set_up_office(
            session,
            OfficeSetUp("Zyra e Kujdestarisë", "AL", "Europe/Tirane", "sq"),
            NewAccount("elira.hoxha", "Elira Hoxha", "Kujdestare"),
            PASSWORD,
        )
        create_account(
            session,
            NewAccount("arben", "Arben Gashi", role=Role.AUDITOR),
            PASSWORD,
            must_change_password=False,
        )
    engine.dispose()


def audit_actions(url: str) -> list[tuple[str, str]]:
    engine = make_engine(url)
    with session_scope(make_session_factory(engine)) as session:
        rows = session.execute(
            select(AuditEvent.actor, AuditEvent.action)
            .where(AuditEvent.entity == "account")
            .order_by(AuditEvent.id)
        ).all()
    engine.dispose()
    return [(actor, action) for actor, action in rows]


def sign_in(qtbot: Any, window: MainWindow, username: str, password: str) -> None:
    page = window.gate.sign_in_page
    qtbot.waitUntil(lambda: window.stack.currentWidget() is page, timeout=20_000)
    page.username.setText(username)
    page.password.setText(password)
    qtbot.mouseClick(page.button, Qt.MouseButton.LeftButton)


def test_first_start_sets_up_the_office_and_signs_the_administrator_in(
    qtbot: Any, window: Any, db_url: str
) -> None:
    shown = window(db_url)
    qtbot.waitUntil(lambda: shown.stack.currentWidget() is shown.gate.set_up_page, timeout=20_000)
    assert not shown.sidebar.isVisible()  # nothing of the office before someone signs in
    page = shown.gate.set_up_page
    page.office_name.setText("Zyra e Kujdestarisë, Tiranë")
    page.username.setText("elira.hoxha")
    page.full_name.setText("Elira Hoxha")
    page.title.setText("Kujdestare ligjore")
    page.password.setText(PASSWORD)
    page.repeat.setText(PASSWORD + "x")
    qtbot.mouseClick(page.button, Qt.MouseButton.LeftButton)
    assert page.message.text() == "The two passwords differ; type them again."
    page.password.setText("short")
    page.repeat.setText("short")
    qtbot.mouseClick(page.button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.button.isEnabled() and page.message.isVisible(), timeout=10_000)
    assert "10 characters" in page.message.text()
    page.password.setText(PASSWORD)
    page.repeat.setText(PASSWORD)
    qtbot.mouseClick(page.button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: shown.stack.currentWidget() is shown.welcome, timeout=20_000)
    assert shown.account is not None and shown.account.username == "elira.hoxha"
    assert shown.account.role is Role.ADMINISTRATOR
    assert "Elira Hoxha" in shown.officer_label.text()
    assert shown.windowTitle().startswith("Zyra e Kujdestarisë, Tiranë")


def test_a_wrong_password_is_refused_and_the_right_one_opens_the_office(
    qtbot: Any, window: Any, db_url: str
) -> None:
    set_up_office_in(db_url)
    shown = window(db_url)
    page = shown.gate.sign_in_page
    sign_in(qtbot, shown, "elira.hoxha", "not the password")
    qtbot.waitUntil(page.message.isVisible, timeout=10_000)
    assert page.message.text().startswith("The user name or the password is wrong")
    assert page.password.text() == ""
    assert not shown.sidebar.isVisible()
    sign_in(qtbot, shown, "elira.hoxha", PASSWORD)
    qtbot.waitUntil(lambda: shown.stack.currentWidget() is shown.welcome, timeout=20_000)
    assert shown.account is not None and shown.account.full_name == "Elira Hoxha"
    assert ("unknown", "sign_in_failed") in audit_actions(db_url) or (
        "elira.hoxha",
        "sign_in_failed",
    ) in audit_actions(db_url)
    assert ("elira.hoxha", "sign_in") in audit_actions(db_url)


def test_the_lock_keeps_open_work_behind_it(qtbot: Any, window: Any, db_url: str) -> None:
    set_up_office_in(db_url)
    shown = window(db_url)
    sign_in(qtbot, shown, "elira.hoxha", PASSWORD)
    qtbot.waitUntil(lambda: shown.stack.currentWidget() is shown.welcome, timeout=20_000)
    shown.open_record("facilities", None)
    dialog = next(iter(shown.dialogs.values()))
    qtbot.waitUntil(lambda: dialog.loaded, timeout=10_000)
    dialog.form.name.setText("Qendra e Pritjes, Tiranë")  # typed, not saved
    assert shown.gate_lock_action.shortcut().toString() == "Ctrl+L"
    shown.gate_lock_action.trigger()  # Ctrl+L (offscreen windows get no shortcut events)
    assert shown.stack.currentWidget() is shown.gate.lock_page
    assert not dialog.isVisible()
    assert not shown.menuBar().isEnabled()
    assert "1 open record" in shown.gate.lock_page.who.text()
    shown.gate.lock_page.password.setText("wrong one")
    qtbot.mouseClick(shown.gate.lock_page.button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(shown.gate.lock_page.message.isVisible, timeout=10_000)
    assert shown.stack.currentWidget() is shown.gate.lock_page
    shown.gate.lock_page.password.setText(PASSWORD)
    qtbot.mouseClick(shown.gate.lock_page.button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not shown.gate.locked, timeout=10_000)
    assert dialog.isVisible()
    assert dialog.form.name.text() == "Qendra e Pritjes, Tiranë"  # the work waited
    assert shown.menuBar().isEnabled()
    dialog.done(0)  # leave without the "save your changes?" question


def test_the_window_locks_itself_when_idle(qtbot: Any, window: Any, db_url: str) -> None:
    set_up_office_in(db_url)
    shown = window(db_url)
    sign_in(qtbot, shown, "elira.hoxha", PASSWORD)
    qtbot.waitUntil(lambda: shown.stack.currentWidget() is shown.welcome, timeout=20_000)
    assert shown.gate.idle.isActive()
    assert shown.gate.idle.interval() == 10 * 60_000  # the office's setting: 10 minutes
    shown.gate.idle.start(50)  # as if the minutes had passed
    qtbot.waitUntil(lambda: shown.gate.locked, timeout=5_000)
    assert shown.stack.currentWidget() is shown.gate.lock_page


def test_signing_out_returns_to_the_sign_in_page_and_forgets_the_office(
    qtbot: Any, window: Any, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    set_up_office_in(db_url)
    shown = window(db_url)
    sign_in(qtbot, shown, "elira.hoxha", PASSWORD)
    qtbot.waitUntil(lambda: shown.stack.currentWidget() is shown.welcome, timeout=20_000)
    monkeypatch.setattr(QMessageBox, "question", lambda *_: QMessageBox.StandardButton.Yes)
    shown.gate.confirm_sign_out()
    qtbot.waitUntil(lambda: shown.stack.currentWidget() is shown.gate.sign_in_page, timeout=10_000)
    assert shown.account is None and shown.registries == {}
    assert not shown.sidebar.isVisible()
    assert shown.officer_label.text() == "Not signed in"
    qtbot.waitUntil(lambda: ("elira.hoxha", "sign_out") in audit_actions(db_url), timeout=10_000)


def test_an_auditor_is_refused_by_the_core_not_by_a_hidden_button(
    qtbot: Any, window: Any, db_url: str
) -> None:
    set_up_office_in(db_url)
    shown = window(db_url)
    sign_in(qtbot, shown, "arben", PASSWORD)
    qtbot.waitUntil(lambda: shown.stack.currentWidget() is shown.welcome, timeout=20_000)
    from ui.accounts.accounts_dialog import AccountsDialog

    assert shown.bridge is not None
    dialog = AccountsDialog(shown.bridge, shown)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(dialog.message.isVisible, timeout=10_000)
    assert "you need the role administrator" in dialog.message.text()
    assert dialog.model.rowCount() == 0


def test_an_encrypted_office_opens_with_the_accounts_own_password(
    qtbot: Any, window: Any, db_url: str, tmp_path: Any
) -> None:
    from guardian_desk.db.encryption import encrypt_database

    set_up_office_in(db_url)
    encrypt_database(db_url, {"elira.hoxha": PASSWORD}, backup_folder=tmp_path / "backups")
    shown = window(db_url)
    page = shown.gate.sign_in_page
    qtbot.waitUntil(lambda: shown.stack.currentWidget() is page, timeout=20_000)
    assert page.office.text().endswith("(encrypted)")
    sign_in(qtbot, shown, "elira.hoxha", "not the password")
    qtbot.waitUntil(page.message.isVisible, timeout=10_000)
    assert page.message.text().startswith("The user name or the password is wrong")
    sign_in(qtbot, shown, "elira.hoxha", PASSWORD)
    qtbot.waitUntil(lambda: shown.stack.currentWidget() is shown.welcome, timeout=20_000)
    assert shown.bridge is not None and shown.bridge.key is not None
    shown.gate.sign_out()
    qtbot.waitUntil(lambda: shown.stack.currentWidget() is page, timeout=10_000)
    assert shown.bridge.key is None  # the key is not kept after signing out
