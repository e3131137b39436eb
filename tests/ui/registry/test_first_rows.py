"""A registry paints its first rows at once, then works on the whole listing (issue 16)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy.orm import Session, sessionmaker

from guardian_desk.db.engine import session_scope
from guardian_desk.demo import DemoSizes, load_demo
from guardian_desk.services.listing import listing
from tests.ui.signed import TEST_OFFICER
from ui.bridge import CoreBridge
from ui.registry import page as page_module
from ui.registry.page import RegistryPage

TODAY = date(2026, 11, 27)


@pytest.fixture
def office(factory: sessionmaker[Session]) -> sessionmaker[Session]:
    with session_scope(factory, writes=True) as session:
        load_demo(session, DemoSizes(children=20, guardians=6, mediators=3, facilities=2))
    return factory


def test_the_first_rows_are_the_whole_listings_first_rows(office: sessionmaker[Session]) -> None:
    with session_scope(office) as session:
        whole = listing(session, "children", today=TODAY)
        first = listing(session, "children", today=TODAY, first=5)
        small = listing(session, "facilities", today=TODAY, first=5)
    assert (first.total, whole.total) == (20, None)
    assert first.ids == whole.ids[:5] and first.rows == whole.rows[:5]
    assert first.search == whole.search[:5] and first.facets == whole.facets[:5]
    assert small.total is None and len(small.ids) == 2  # all there is: whole


def test_the_registry_paints_the_first_rows_then_the_whole(  # type: ignore[no-untyped-def]
    qtbot, db_url, office, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(page_module, "FIRST_ROWS", 5)
    bridge = CoreBridge(db_url, TEST_OFFICER)
    page = RegistryPage(bridge, "children")
    qtbot.addWidget(page)
    seen: list[int] = []
    texts: list[str] = []
    said = page.count.setText

    def set_text(text: str) -> None:
        said(text)
        texts.append(text)
        seen.append(page.model.rowCount())

    monkeypatch.setattr(page.count, "setText", set_text)
    with qtbot.waitSignal(page.loaded, timeout=20_000):
        page.reload()
    at = texts.index("First 5 of 20 records; loading the rest…")
    assert seen[at] == 5  # the first rows were on screen, said so
    assert page.model.rowCount() == 20
    assert page.count.text() == "20 records"
    bridge.shutdown()
