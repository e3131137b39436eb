"""A registry is a window on the database: the count at once, the rows a page at a time as the
officer scrolls, never more than a bounded number held (issue 16)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from sqlalchemy.orm import Session, sessionmaker

from guardian_desk.db.engine import session_scope
from guardian_desk.demo import DemoSizes, load_demo
from tests.ui.registry.settle import orders_asked, settle
from tests.ui.signed import TEST_OFFICER
from ui.bridge import CoreBridge
from ui.registry import model as model_module
from ui.registry.page import RegistryPage


@pytest.fixture
def office(factory: sessionmaker[Session]) -> sessionmaker[Session]:
    with session_scope(factory, writes=True) as session:
        load_demo(session, DemoSizes(children=60, guardians=6, mediators=3, facilities=2))
    return factory


@pytest.fixture
def small_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(model_module, "PAGE_ROWS", 5)
    monkeypatch.setattr("ui.registry.page.PAGE_ROWS", 5)
    monkeypatch.setattr(model_module, "CACHED_ROWS", 25)


@pytest.fixture
def page(qtbot, db_url, office, small_pages):  # type: ignore[no-untyped-def]
    bridge = CoreBridge(db_url, TEST_OFFICER)
    page = RegistryPage(bridge, "children")
    page.resize(900, 260)  # a few rows on screen
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.loaded, timeout=20_000):
        page.show()
    qtbot.waitUntil(page.settled)
    yield page
    bridge.shutdown()


def shown_names(page: RegistryPage, rows: range) -> list[str | None]:
    return [page.proxy.index(r, 1).data() for r in rows]


def test_the_count_comes_at_once_and_only_the_first_page_is_read(page: RegistryPage) -> None:
    assert page.count.text() == "60 records"
    assert page.proxy.rowCount() == 60
    held = page.model.held()
    assert len(held) <= 25
    assert set(page.model.ids[:5]) <= held
    assert not held & set(page.model.ids[40:])  # the bottom is not read before it is seen


def test_scrolling_reads_the_pages_that_come_into_view(qtbot, page: RegistryPage) -> None:  # type: ignore[no-untyped-def]
    page.table.scrollToBottom()
    qtbot.waitUntil(lambda: all(shown_names(page, range(55, 60))) and page.settled())
    assert set(page.model.ids[55:]) <= page.model.held()
    assert len(page.model.held()) <= 25  # the top was let go
    page.table.scrollToTop()
    qtbot.waitUntil(lambda: all(shown_names(page, range(0, 5))) and page.settled())


def test_the_window_passes_the_model_tester_with_rows_not_read(  # type: ignore[no-untyped-def]
    qtmodeltester, page: RegistryPage
) -> None:
    assert page.model.values(59) is None
    qtmodeltester.check(page.model)
    qtmodeltester.check(page.proxy)


def test_a_search_keeps_the_rows_already_read(qtbot, page: RegistryPage) -> None:  # type: ignore[no-untyped-def]
    first = page.model.ids[0]
    name = page.proxy.index(0, 1).data()
    with qtbot.waitSignal(page.filtered, timeout=10_000):
        page.search.setText(name.split()[0])
    assert first in page.model.ids
    assert page.count.text().endswith(" of 60")


def test_sorting_asks_the_database_and_keeps_the_selection(qtbot, page: RegistryPage) -> None:  # type: ignore[no-untyped-def]
    page.table.selectRow(2)
    chosen = page.selected_id()
    with qtbot.waitSignal(page.filtered, timeout=10_000):
        page.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    qtbot.waitUntil(page.settled)
    cases = [c for c in shown_names_column(page, 0) if c]
    assert cases == sorted(cases, reverse=True) and len(cases) >= 5
    assert page.selected_id() == chosen


def shown_names_column(page: RegistryPage, column: int) -> list[str | None]:
    return [page.proxy.index(r, column).data() for r in range(5)]


def test_a_new_search_starts_at_its_first_rows(qtbot, page: RegistryPage) -> None:  # type: ignore[no-untyped-def]
    page.table.scrollToBottom()
    qtbot.waitUntil(page.settled)
    assert page.table.verticalScrollBar().value() > 0
    with qtbot.waitSignal(page.filtered, timeout=10_000):
        page.search.setText("a")
    assert page.table.verticalScrollBar().value() == 0


def test_typing_on_is_answered_without_asking_the_database_again(  # type: ignore[no-untyped-def]
    qtbot, page: RegistryPage, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = orders_asked(monkeypatch)
    with qtbot.waitSignal(page.filtered, timeout=10_000):
        page.search.setText("ah")
    first = list(page.model.ids)
    for typed in ("ahm", "ahma"):
        with qtbot.waitSignal(page.filtered, timeout=10_000):
            page.search.setText(typed)
        qtbot.waitUntil(page.settled)
        kept = list(page.model.ids)
        assert set(kept) <= set(first) and kept == [i for i in first if i in set(kept)]
    assert asked == ["ah"]  # "ahm" and "ahma" came from the texts "ah" brought
    with qtbot.waitSignal(page.filtered, timeout=10_000):
        page.search.setText("a")  # shorter: the database again
    assert asked == ["ah", "a"]
    # The same records as the database gives for the longer search.
    for typed in ("ah", "ahma"):
        with qtbot.waitSignal(page.filtered, timeout=10_000):
            page.search.setText(typed)
    assert asked == ["ah", "a", "ah"]
    narrowed_ids = list(page.model.ids)
    page._last = None
    with qtbot.waitSignal(page.filtered, timeout=10_000):
        page.search.setText("ahma ")
    assert list(page.model.ids) == narrowed_ids


def test_the_childrens_registry_is_read_ahead_while_the_home_page_shows(  # type: ignore[no-untyped-def]
    qtbot, open_window, db_url, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its first page is ready when the officer opens it, and opening it asks no more."""
    from guardian_desk.db.engine import make_engine, make_session_factory, session_scope
    from guardian_desk.services.children import create_child
    from tests.core import factories

    engine = make_engine(db_url)
    with session_scope(make_session_factory(engine), actor="test-officer") as session:
        create_child(session, factories.child())
    engine.dispose()
    window = open_window(db_url, expect="home")
    page = window.registries["children"]
    qtbot.waitUntil(lambda: page.model.total() == 1 and page.model.values(0) is not None)
    assert window.stack.currentWidget() is window.home  # read without being opened
    asked = orders_asked(monkeypatch)
    window.show_section("children")
    settle(page)
    assert asked == []
    assert page.count.text().startswith("1 record")
