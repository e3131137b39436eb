"""Registry filters: language names, several statuses at once, and a list the filters empty."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session, sessionmaker

from guardian_desk.db.engine import session_scope
from guardian_desk.domain.enums import ChildStatus
from guardian_desk.domain.listings import filter_rows
from guardian_desk.services import children
from guardian_desk.services.listing import listing
from guardian_desk.services.registry_pages import RegistryQuery, registry_order
from tests.core import factories
from tests.ui.registry.settle import settle
from tests.ui.signed import TEST_OFFICER
from ui.bridge import CoreBridge
from ui.registry.page import RegistryPage

CHILDREN = [
    ("Zana", "sqi", ChildStatus.IDENTIFIED),
    ("Omid", "prs", ChildStatus.AWAITING_GUARDIAN),
    ("Selam", "tir", ChildStatus.MISSING),
]


@pytest.fixture
def page(qtbot: QtBot, db_url: str, factory: sessionmaker[Session]) -> Iterator[RegistryPage]:
    with session_scope(factory) as s:
        for given, language, status in CHILDREN:
            children.create_child(
                s,
                factories.child(
                    given_name=given,
                    status=status,
                    languages=[factories.LanguageSkill(language, factories.Proficiency.NATIVE)],
                ),
            )
    bridge = CoreBridge(db_url, TEST_OFFICER)
    shown = RegistryPage(bridge, "children")
    qtbot.addWidget(shown)
    with qtbot.waitSignal(shown.loaded, timeout=10_000):
        shown.show()
    yield shown
    bridge.shutdown()


def column(page: RegistryPage, key: str) -> list[str]:
    settle(page)
    index = [c.key for c in page.model.columns].index(key)
    return sorted(page.proxy.index(r, index).data() for r in range(page.proxy.rowCount()))


def given_names(page: RegistryPage) -> list[str]:
    return sorted(name.split()[0] for name in column(page, "name"))


def test_languages_are_shown_by_name(page: RegistryPage) -> None:
    assert column(page, "languages") == ["Albanian", "Dari", "Tigrinya"]


def test_several_statuses_can_be_ticked(page: RegistryPage) -> None:
    assert page.status.text() == "Any status"
    page.status.actions_[ChildStatus.IDENTIFIED.value].setChecked(True)
    assert given_names(page) == ["Zana"]
    page.status.actions_[ChildStatus.MISSING.value].setChecked(True)
    assert given_names(page) == ["Selam", "Zana"]
    assert page.status.text() == "Identified, Missing"
    settle(page)
    assert page.count.text() == "2 of 3"
    page.status.any_action.trigger()
    assert given_names(page) == ["Omid", "Selam", "Zana"]
    assert page.status.text() == "Any status"


def test_a_filter_that_hides_everything_says_so_and_clears(
    qtbot: QtBot, page: RegistryPage
) -> None:
    assert page.clear_button.isHidden()
    page.status.actions_[ChildStatus.MISSING.value].setChecked(True)
    qtbot.keyClicks(page.search, "Zana")
    settle(page)
    assert page.proxy.rowCount() == 0
    assert page.count.text() == (
        "No children match “Zana” and the status filter; clear filters to see all 3 children."
    )
    assert page.clear_button.isVisible()
    qtbot.mouseClick(page.clear_button, Qt.MouseButton.LeftButton)
    settle(page)
    assert page.proxy.rowCount() == 3 and page.count.text() == "3 records"
    assert page.search.text() == "" and page.status.values() is None
    assert page.clear_button.isHidden()


def test_the_core_filter_takes_several_statuses(factory: sessionmaker[Session]) -> None:
    with session_scope(factory) as s:
        for given, _language, status in CHILDREN:
            children.create_child(s, factories.child(given_name=given, status=status))
        rows = listing(s, "children")
        both = registry_order(
            s, RegistryQuery("children", status=frozenset({"identified", "missing"}))
        )
        one = registry_order(s, RegistryQuery("children", status=frozenset({"missing"})))
    kept = filter_rows(rows, "", status={"identified", "missing"})
    assert sum(kept) == 2 == len(both.ids)
    assert sum(filter_rows(rows, "", status="missing")) == 1 == len(one.ids)
