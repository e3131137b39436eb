"""File > Anonymise old cases…: the administrator sees which cases would go, then confirms;
an officer is refused by the core in its own words."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox
from sqlalchemy.orm import Session, sessionmaker

from guardian_desk.db.engine import session_scope
from guardian_desk.security.roles import Role, SignedIn
from guardian_desk.services import children
from tests.security.test_retention import _office


def test_the_administrator_previews_then_anonymises(
    qtbot: Any, open_window: Any, db_url: str, factory: sessionmaker[Session],
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    with session_scope(factory) as session:
        cases = _office(session, monkeypatch)
    window = open_window(db_url, expect="home")
    asked: list[str] = []
    told: list[str] = []

    def question(*args: Any) -> QMessageBox.StandardButton:
        asked.append(args[2])
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", question)
    monkeypatch.setattr(QMessageBox, "information", lambda *args: told.append(args[2]))
    action = next(a for a in window.account_actions if "Anonymise" in a.text())
    action.trigger()
    qtbot.waitUntil(lambda: bool(told), timeout=20_000)
    assert cases["old"] in asked[0] and cases["recent"] not in asked[0]
    assert told == ["1 case anonymised; the figures still count it."]
    with session_scope(factory) as session:
        old = children.find_by_case_number(session, cases["old"])
        assert old.given_name == "Anonymised"


def test_an_officer_is_refused_in_the_cores_words(
    qtbot: Any, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ui.main_window import MainWindow

    window = MainWindow(db_url, SignedIn("olga", "Olga Officer", Role.OFFICER))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.welcome, timeout=20_000)
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: warned.append(args[2]))
    action = next(a for a in window.account_actions if "Anonymise" in a.text())
    action.trigger()
    qtbot.waitUntil(lambda: bool(warned), timeout=10_000)
    assert "you need the role administrator" in warned[0]
    assert window.bridge is not None
    window.bridge.shutdown()
