"""A page's read runs beside the worker: the children registry fills while the worker is
busy (the home page's figures, a report), and writes keep their order on the worker."""

from __future__ import annotations

import threading

import pytest

from tests.ui.signed import TEST_OFFICER
from ui.bridge import CoreBridge
from ui.registry.page import RegistryPage


def test_the_registry_fills_while_the_worker_is_busy(qtbot, db_url) -> None:  # type: ignore[no-untyped-def]
    bridge = CoreBridge(db_url, TEST_OFFICER)
    gate = threading.Event()
    bridge.call(lambda _task: gate.wait(20))  # the worker: busy with the home page's figures
    page = RegistryPage(bridge, "facilities")
    qtbot.addWidget(page)
    page.reload()
    qtbot.waitUntil(lambda: page.model.listing is not None, timeout=10_000)
    assert not gate.is_set()  # filled without waiting for the worker
    gate.set()
    assert bridge.wait(20_000)
    bridge.shutdown()


def test_a_write_is_never_sent_to_the_reader(qtbot, db_url) -> None:  # type: ignore[no-untyped-def]
    bridge = CoreBridge(db_url, TEST_OFFICER)
    with pytest.raises(ValueError, match="writes run on the worker"):
        bridge.run(lambda _s, _t: None, writes=True, reader=True)
    bridge.shutdown()
