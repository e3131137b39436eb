"""The registry tables: load, search as you type in any script, filter, sort, remember columns."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QLocale, QSettings, Qt

from guardian_desk.db.engine import session_scope
from guardian_desk.services import children, facilities
from tests.core import factories
from tests.ui.registry.settle import orders_asked, settle
from tests.ui.signed import TEST_OFFICER
from ui.bridge import CoreBridge
from ui.registry.model import IdRole
from ui.registry.page import RegistryPage


@pytest.fixture
def filled(factory):  # type: ignore[no-untyped-def]
    with session_scope(factory) as s:
        fac = facilities.create_facility(s, factories.facility())
        other = facilities.create_facility(s, factories.facility(name="Shkodër Shelter"))
        for given, family, original, code, nationality, fac_code in [
            ("Zana", "Krasniqi", "", "sqi", "XK", fac.code),
            ("Ëndrit", "Gashi", "", "sqi", "XK", fac.code),
            ("Endi", "Hoxha", "", "sqi", "AL", other.code),
            ("Mohammad", "Al-Hassan", "محمد الحسن", "arb", "SY", other.code),
            ("Selam", "Tesfay", "ሰላም ተስፋይ", "tir", "ER", fac.code),
        ]:
            children.create_child(
                s,
                factories.child(
                    given_name=given,
                    family_name=family,
                    given_name_original=original,
                    family_name_original="",
                    nationality=nationality,
                    facility_code=fac_code,
                    languages=[factories.LanguageSkill(code, factories.Proficiency.NATIVE)],
                ),
            )
    return other.id


@pytest.fixture
def page(qtbot, db_url, filled):  # type: ignore[no-untyped-def]
    bridge = CoreBridge(db_url, TEST_OFFICER)
    page = RegistryPage(bridge, "children")
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.show()
    yield page
    bridge.shutdown()


def names(page: RegistryPage) -> list[str]:
    settle(page)
    return [page.proxy.index(r, 1).data() for r in range(page.proxy.rowCount())]


def test_models_pass_the_model_tester(qtmodeltester, page) -> None:  # type: ignore[no-untyped-def]
    qtmodeltester.check(page.model)
    qtmodeltester.check(page.proxy)


def test_search_as_you_type_in_any_script(qtbot, page) -> None:  # type: ignore[no-untyped-def]
    assert page.count.text() == "5 records"
    qtbot.keyClicks(page.search, "endrit")
    assert names(page) == ["Ëndrit Gashi"]
    assert page.count.text() == "1 of 5"
    page.search.setText("محمد")
    assert names(page) == ["Mohammad Al-Hassan"]
    page.search.setText("ሰላም")
    assert names(page) == ["Selam Tesfay"]
    page.search.clear()
    assert len(names(page)) == 5


def test_filters_by_language_and_facility(page, filled) -> None:  # type: ignore[no-untyped-def]
    page.language.setCurrentIndex(page.language.findData("sqi"))
    assert sorted(names(page)) == ["Endi Hoxha", "Zana Krasniqi", "Ëndrit Gashi"]
    page.facility.setCurrentIndex(page.facility.findData(filled))
    assert names(page) == ["Endi Hoxha"]


def test_sorting_follows_the_office_language(page) -> None:  # type: ignore[no-untyped-def]
    page.model.set_locale(QLocale(QLocale.Language.Albanian))
    page.table.sortByColumn(1, Qt.SortOrder.AscendingOrder)
    ordered = names(page)
    # In Albanian, Ë is a letter of its own after E: Endi, then Ëndrit, then Mohammad.
    assert ordered[:3] == ["Endi Hoxha", "Ëndrit Gashi", "Mohammad Al-Hassan"]
    page.model.set_locale(QLocale(QLocale.Language.English))
    assert names(page)[:3] == ["Endi Hoxha", "Ëndrit Gashi", "Mohammad Al-Hassan"]
    page.search.setText("e")
    assert names(page) == ["Endi Hoxha", "Ëndrit Gashi", "Selam Tesfay"]


def test_sorting_keeps_the_search(page) -> None:  # type: ignore[no-untyped-def]
    page.model.set_locale(QLocale(QLocale.Language.Albanian))
    page.search.setText("a")
    before = sorted(names(page))
    page.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    assert sorted(names(page)) == before
    assert names(page) == [
        "Zana Krasniqi",
        "Selam Tesfay",
        "Mohammad Al-Hassan",
        "Ëndrit Gashi",
        "Endi Hoxha",
    ]


def test_double_click_opens_the_record(qtbot, page) -> None:  # type: ignore[no-untyped-def]
    page.search.setText("selam")
    index = page.proxy.index(0, 1)
    with qtbot.waitSignal(page.open_record) as opened:
        page.table.doubleClicked.emit(index)
    assert opened.args == ["children", index.data(IdRole)]


def test_hidden_columns_are_remembered(qtbot, db_url, page) -> None:  # type: ignore[no-untyped-def]
    page._show_column(2, False)
    assert QSettings().value("registry/children/header") is not None
    again = RegistryPage(page.bridge, "children")
    qtbot.addWidget(again)
    with qtbot.waitSignal(again.loaded, timeout=10_000):
        again.show()
    assert again.table.horizontalHeader().isSectionHidden(2)


def test_a_new_office_language_sorts_a_search_again(page, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The texts a search keeps for typing on never stand in for a new collation."""
    asked = orders_asked(monkeypatch)
    page.search.setText("nd")
    page.table.sortByColumn(1, Qt.SortOrder.AscendingOrder)
    assert names(page) == ["Endi Hoxha", "Ëndrit Gashi"]
    before = len(asked)
    page.model.set_locale(QLocale(QLocale.Language.Albanian))
    assert names(page) == ["Endi Hoxha", "Ëndrit Gashi"]
    assert len(asked) == before + 1 and asked[-1] == "nd"  # asked and collated again
