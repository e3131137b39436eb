"""The garbage collector is held off while the app starts and runs again once the first
screen is filled, or after a while whatever happens (ui/start_collections.py)."""

from __future__ import annotations

import gc
import time
from collections.abc import Iterator

import pytest

from tests.ui.offices import office_with_a_facility
from ui import start_collections


@pytest.fixture
def collector() -> Iterator[None]:
    """The test process's collector as it was, whatever the test did to it (and not held
    by an app started in this process before)."""
    start_collections.release()
    was = gc.isenabled()
    gc.enable()
    yield
    start_collections.release()
    if was:
        gc.enable()
    else:
        gc.disable()


def test_held_off_until_released(collector: None) -> None:
    start_collections.hold()
    assert not gc.isenabled()
    start_collections.release()
    assert gc.isenabled()
    assert gc.get_freeze_count() > 0  # what the start made stays out of later passes


def test_released_after_a_while_when_no_screen_is_filled(
    collector: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(start_collections, "RELEASE_AFTER", 0.05)
    start_collections.hold()
    deadline = time.monotonic() + 10
    while not gc.isenabled() and time.monotonic() < deadline:
        time.sleep(0.01)
    assert gc.isenabled()


def test_a_collector_turned_off_by_someone_else_stays_off(collector: None) -> None:
    gc.disable()
    start_collections.hold()
    start_collections.release()
    assert not gc.isenabled()  # not ours to turn on


def test_the_main_window_lets_it_go_once_the_home_page_is_filled(  # type: ignore[no-untyped-def]
    qtbot, open_window, db_url, collector: None
) -> None:
    office_with_a_facility(db_url)
    start_collections.hold()
    window = open_window(db_url, expect="home")
    qtbot.waitUntil(lambda: window.home._summary is not None, timeout=20_000)
    qtbot.waitUntil(gc.isenabled, timeout=20_000)
