"""A page's read runs beside the worker: the children registry fills while the worker is
busy (the home page's figures, a report), and writes keep their order on the worker."""

from __future__ import annotations

import threading

import pytest

from tests.db.conftest import pg_server, pg_url  # noqa: F401 (fixtures)
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
    qtbot.waitUntil(page.settled, timeout=10_000)
    assert page.count.text().startswith("0 records")  # answered: the office has none yet
    assert not gate.is_set()  # filled without waiting for the worker
    gate.set()
    assert bridge.wait(20_000)
    bridge.shutdown()


def test_a_write_is_never_sent_to_the_reader(qtbot, db_url) -> None:  # type: ignore[no-untyped-def]
    bridge = CoreBridge(db_url, TEST_OFFICER)
    with pytest.raises(ValueError, match="writes run on the worker"):
        bridge.run(lambda _s, _t: None, writes=True, reader=True)
    bridge.shutdown()


def test_a_server_database_is_connected_ahead_for_worker_and_reader(qtbot, pg_url) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    from guardian_desk.db.migrate import prepare_database

    prepare_database(pg_url)
    bridge = CoreBridge(pg_url, TEST_OFFICER)
    bridge.connect_ahead()
    assert bridge.wait(20_000)
    assert bridge._engine is not None
    assert bridge._engine.pool.checkedin() == 2  # both waiting in the pool, none lost
    bridge.shutdown()


def test_a_file_database_is_not_connected_ahead(qtbot, db_url) -> None:  # type: ignore[no-untyped-def]
    bridge = CoreBridge(db_url, TEST_OFFICER)
    bridge.connect_ahead()
    assert bridge.wait(20_000)
    assert bridge._engine is None  # nothing to gain: opening a file costs no round trip
    bridge.shutdown()


def test_a_server_database_is_checked_on_the_windows_own_engine(  # type: ignore[no-untyped-def]
    qtbot,
    pg_url,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The check's connection then serves the first screens: no connection and first look
    of its own (some ten round trips)."""
    from guardian_desk.db import migrate
    from guardian_desk.db.migrate import DatabaseState, prepare_database
    from ui import core_calls

    prepare_database(pg_url)
    bridge = CoreBridge(pg_url, TEST_OFFICER)

    def refused(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the check made an engine of its own")

    monkeypatch.setattr(migrate, "make_engine", refused)
    status = core_calls.open_database(pg_url, bridge.engine)
    assert status.state is DatabaseState.CURRENT  # type: ignore[union-attr]
    assert bridge.engine().pool.checkedin() == 1  # kept for the worker's first call
    bridge.shutdown()


def test_a_file_database_is_checked_on_the_file_itself(qtbot, db_url) -> None:  # type: ignore[no-untyped-def]
    from guardian_desk.db.migrate import DatabaseState
    from ui import core_calls

    asked: list[bool] = []

    def engine() -> None:
        asked.append(True)

    status = core_calls.open_database(db_url, engine)  # type: ignore[arg-type]
    assert status.state is DatabaseState.CURRENT  # type: ignore[union-attr]
    assert asked == []  # the file's header and tables are read directly, as before
