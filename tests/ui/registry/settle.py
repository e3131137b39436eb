"""Waiting for a registry page's answers from the database (its reads run on a thread)."""

from __future__ import annotations

import time
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QEventLoop

from ui.registry.page import RegistryPage


def settle(page: RegistryPage, timeout: float = 10.0) -> None:
    """Let the page's questions to the database come back, and the rows on screen be read."""
    deadline = time.monotonic() + timeout
    QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
    while not page.settled():
        if time.monotonic() > deadline:
            raise TimeoutError("the registry did not answer")
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        time.sleep(0.002)
    QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)


def orders_asked(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The search texts the page asks the database to order from now on, one per question."""
    from guardian_desk.services import registry_pages

    asked: list[str] = []
    ask = registry_pages.registry_order

    def counted(session: Any, query: Any, **kwargs: Any) -> Any:
        asked.append(query.text)
        return ask(session, query, **kwargs)

    monkeypatch.setattr(registry_pages, "registry_order", counted)
    return asked
