"""The early-warning list (Protection ▸ Early warnings…) and the home page's early-warning line."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session, sessionmaker

from guardian_desk.db.engine import session_scope
from guardian_desk.services import children, facilities
from guardian_desk.services.adults import add_adult
from guardian_desk.services.screenings import ScreeningInput, record_screening
from tests.core import factories
from tests.ui.signed import TEST_OFFICER
from ui.bridge import CoreBridge
from ui.protection.warnings_window import WarningsModel, WarningsWindow, open_warnings


@pytest.fixture
def bridge(db_url: str) -> Iterator[CoreBridge]:
    core = CoreBridge(db_url, TEST_OFFICER)
    yield core
    core.wait()
    core.shutdown()


class FakeMain(QWidget):
    """What the list asks of the main window: its bridge and open_record()."""

    def __init__(self, bridge: CoreBridge) -> None:
        super().__init__()
        self.bridge = bridge
        self.opened: list[tuple[str, int]] = []

    def open_record(self, kind: str, record_id: int) -> None:
        self.opened.append((kind, record_id))


def _office(factory: sessionmaker[Session]) -> dict[str, Any]:
    """One child never screened; one screened, with an adult whose link is unverified."""
    with session_scope(factory) as s:
        home = facilities.create_facility(s, factories.facility())
        early = date.today() - timedelta(days=20)
        waiting = children.create_child(
            s, factories.child(facility_code=home.code, identified_on=early)
        )
        screened = children.create_child(
            s,
            factories.child(
                given_name="Samir", family_name="Haddad", facility_code=home.code,
                identified_on=early, given_name_original="", family_name_original="",
            ),
        )  # fmt: skip
        record_screening(
            s,
            ScreeningInput(
                child_id=screened.id,
                screened_at=datetime.now(UTC) - timedelta(days=1),
                answers={"cl-dr-01": "not_observed"},
            ),
        )
        add_adult(s, screened.id, "Karim Haddad", "brother")
        return {
            "waiting": (waiting.id, waiting.case_number),
            "screened": (screened.id, screened.case_number),
        }


def _rows(window: WarningsWindow) -> list[tuple[str, str]]:
    proxy = window.proxy
    return [
        (
            proxy.index(r, WarningsModel.WARNING).data(),
            proxy.index(r, WarningsModel.CASE).data(),
        )
        for r in range(proxy.rowCount())
    ]


def test_the_list_shows_a_child_not_screened_and_opens_it(
    qtbot: QtBot, bridge: CoreBridge, factory: sessionmaker[Session]
) -> None:
    office = _office(factory)
    waiting_id, waiting_case = office["waiting"]
    _screened_id, screened_case = office["screened"]
    main = FakeMain(bridge)
    qtbot.addWidget(main)
    window = open_warnings(main)
    qtbot.waitUntil(lambda: window.loaded, timeout=10_000)
    rows = _rows(window)
    assert ("Not screened yet", waiting_case) in rows
    assert ("Unverified adult", screened_case) in rows
    assert ("Not screened yet", screened_case) not in rows
    assert "2 children concerned." in window.summary.text()
    days = window.model.index(rows.index(("Not screened yet", waiting_case)), 3).data()
    assert int(days) >= 10  # twenty calendar days back, in working days

    # Filtered by kind: only the unverified adult is left.
    window.show_kind("unverified_adult")
    assert _rows(window) == [("Unverified adult", screened_case)]
    assert window.kind.currentText() == "Unverified adult (1)"
    window.show_kind("")
    assert len(_rows(window)) == len(rows)

    # Sorted by case number, then opened with a double-click (the row's child).
    window.table.sortByColumn(WarningsModel.CASE, Qt.SortOrder.AscendingOrder)
    cases = [case for _kind, case in _rows(window)]
    assert cases == sorted(cases)
    row = next(r for r, (k, _c) in enumerate(_rows(window)) if k == "Not screened yet")
    index = window.proxy.index(row, WarningsModel.DETAIL)
    window.table.doubleClicked.emit(index)
    assert main.opened == [("children", waiting_id)]

    # One list per main window: asking again brings the same one back.
    assert open_warnings(main, "not_screened") is window
    qtbot.waitUntil(lambda: _rows(window) == [("Not screened yet", waiting_case)])
    window.close()


def test_the_home_page_counts_the_warnings(
    qtbot: QtBot, bridge: CoreBridge, factory: sessionmaker[Session]
) -> None:
    from guardian_desk.services.home import home_summary
    from ui.home_page import HomePage

    _office(factory)
    with session_scope(factory, actor="Test Officer") as s:
        summary = home_summary(s)
    counts = dict(summary.early_warnings)
    assert counts["not_screened"] == 1 and counts["unverified_adult"] == 1
    page = HomePage()
    qtbot.addWidget(page)
    page.show_summary(summary)
    assert page.warnings.isVisibleTo(page)
    text = page.warnings.text()
    assert "3 early warnings" in text  # the adult came after the screening: re-screen
    assert '<a href="warnings:not_screened">Not screened yet: 1</a>' in text
    assert '<a href="warnings:unverified_adult">Unverified adult: 1</a>' in text
    assert '<a href="warnings:rescreen_new_adult">Re-screen: new adult: 1</a>' in text
    assert "Re-screening due" not in text  # kinds with none are left out

    empty = summary.__class__(**{**summary.__dict__, "early_warnings": ()})
    page.show_summary(empty)
    assert not page.warnings.isVisibleTo(page)


def test_from_the_main_window_the_list_opens_the_childs_record(
    qtbot: QtBot, open_window: Any, tmp_path: Any
) -> None:
    from guardian_desk.db.engine import make_engine, make_session_factory
    from ui.forms import RecordDialog

    url = f"sqlite:///{tmp_path / 'office.sqlite3'}"
    window = open_window(url)
    window.findChild(QPushButton, "Start empty").click()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.home)
    office = _office(make_session_factory(make_engine(url)))
    waiting_id, waiting_case = office["waiting"]
    window.refresh()
    qtbot.waitUntil(lambda: window.home.warnings.isVisible(), timeout=10_000)
    window.home._warnings_link("warnings:not_screened")  # the home page's link
    listed = window.dialogs[("warnings", None)]
    assert isinstance(listed, WarningsWindow)
    qtbot.waitUntil(lambda: _rows(listed) == [("Not screened yet", waiting_case)], timeout=10_000)
    listed.table.selectRow(0)
    listed.open_current()
    record = window.dialogs[("children", waiting_id)]
    assert isinstance(record, RecordDialog)
    qtbot.waitUntil(lambda: record.loaded, timeout=10_000)
    record.done(0)
    listed.close()
    qtbot.waitUntil(lambda: ("warnings", None) not in window.dialogs)  # closed: forgotten
