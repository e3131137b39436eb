"""Printing the appointment decision again from the Print menu offers its reprint (COPY)
instead of a second reference; a new decision only when the officer asks for one."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QMainWindow, QMenu
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session, sessionmaker

from tests.papers.test_sources import Case
from tests.ui.papers.test_menu_and_batch import previews, registered
from ui.bridge import CoreBridge
from ui.papers import hooks
from ui.papers.hooks import install_papers
from ui.papers.requests import PaperRequestDialog


def print_decision(qtbot: QtBot, window: QMainWindow, case: Case) -> PaperRequestDialog:
    menu = window.findChild(QMenu, "papers_menu")
    assert menu is not None
    action = next(a for a in menu.actions() if a.data() == "appointment")
    action.trigger()
    dialog = next(
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, PaperRequestDialog) and w.isVisible()
    )
    dialog.case_number.setText(case.child.case_number)
    dialog.ok_button.click()
    return dialog


@pytest.mark.parametrize(("answer", "copies", "references"), [("reprint", 1, 1), ("again", 0, 2)])
def test_a_second_print_offers_the_reprint(
    qtbot: QtBot,
    bridge: CoreBridge,
    case: Case,
    factory: sessionmaker[Session],
    monkeypatch: pytest.MonkeyPatch,
    answer: str,
    copies: int,
    references: int,
) -> None:
    window = QMainWindow()
    window.bridge = bridge  # type: ignore[attr-defined]
    qtbot.addWidget(window)
    install_papers(window)
    print_decision(qtbot, window, case)
    qtbot.waitUntil(lambda: len(previews()) == 1, timeout=20_000)
    first = previews()[0]
    qtbot.addWidget(first)
    first.close()
    (issued,) = registered(factory)

    offers: list[str] = []

    def ask(parent: object, title: str, error: BaseException) -> str:
        offers.append(str(error))
        return answer

    monkeypatch.setattr(hooks, "ask_reprint", ask)
    print_decision(qtbot, window, case)
    qtbot.waitUntil(lambda: len(previews()) == 1, timeout=20_000)
    second = previews()[0]
    qtbot.addWidget(second)
    assert offers and f"already issued as {issued.reference}" in offers[0]
    rows = registered(factory)
    assert len(rows) == references
    assert rows[0].reference == issued.reference and rows[0].copies == copies
    if answer == "reprint":
        assert second.papers.references == (issued.reference,)
    else:
        assert second.papers.references == (rows[1].reference,)


def test_cancelling_the_offer_prints_nothing(
    qtbot: QtBot,
    bridge: CoreBridge,
    case: Case,
    factory: sessionmaker[Session],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = QMainWindow()
    window.bridge = bridge  # type: ignore[attr-defined]
    qtbot.addWidget(window)
    install_papers(window)
    print_decision(qtbot, window, case)
    qtbot.waitUntil(lambda: len(previews()) == 1, timeout=20_000)
    for preview in previews():
        qtbot.addWidget(preview)
        preview.close()
    monkeypatch.setattr(hooks, "ask_reprint", lambda *args: hooks.CANCEL)
    dialog = print_decision(qtbot, window, case)
    qtbot.waitUntil(lambda: dialog.ok_button.isEnabled(), timeout=20_000)
    assert dialog.isVisible() and not previews()
    assert [(r.copies) for r in registered(factory)] == [0]
