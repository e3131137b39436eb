"""The coordinator's figures (Protection ▸ Coordinator's figures…): counted on the worker, shown
as tiles and bars with small counts as "<5", saved as CSV and PDF with the same figures."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session, sessionmaker

from guardian_desk.db.engine import session_scope
from guardian_desk.protection.figures_export import HIDDEN, SMALL
from tests.protection.test_figures_suppression import _office
from tests.ui.signed import TEST_OFFICER
from ui.bridge import CoreBridge
from ui.protection.dashboard import BarChart, DashboardWindow, open_dashboard

TODAY = date(2026, 10, 20)  # the last full quarter: July to September 2026


@pytest.fixture
def bridge(db_url: str, factory: sessionmaker[Session]) -> Iterator[CoreBridge]:
    with session_scope(factory) as session:
        _office(session)
    core = CoreBridge(db_url, TEST_OFFICER)
    yield core
    core.wait()
    core.shutdown()


class FakeMain(QWidget):
    def __init__(self, bridge: CoreBridge) -> None:
        super().__init__()
        self.bridge = bridge


def _loaded(qtbot: QtBot, bridge: CoreBridge) -> DashboardWindow:
    window = DashboardWindow(FakeMain(bridge), today=TODAY)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.loaded, timeout=10_000)
    return window


def test_the_page_shows_the_last_quarter_with_small_counts_hidden(
    qtbot: QtBot, bridge: CoreBridge
) -> None:
    window = _loaded(qtbot, bridge)
    assert window.period() == (date(2026, 7, 1), date(2026, 9, 30))
    texts = window.texts()
    assert SMALL in texts and HIDDEN in texts
    for text in texts:
        if text.isdigit():
            assert int(text) == 0 or int(text) >= 5, text
    charts = {chart.objectName() for chart in window.findChildren(BarChart)}
    assert {"chart_nationality", "chart_age_band", "chart_languages"} <= charts
    assert window.csv_button.isEnabled() and window.pdf_button.isEnabled()
    window.grab()  # paints every chart once


def test_save_csv_and_pdf(qtbot: QtBot, bridge: CoreBridge, tmp_path: Path) -> None:
    window = _loaded(qtbot, bridge)
    window.save_csv(tmp_path / "f.csv")
    qtbot.waitUntil(lambda: (tmp_path / "f.csv").exists() and window.csv_button.isEnabled())
    window.save_pdf(tmp_path / "f.pdf")
    qtbot.waitUntil(lambda: (tmp_path / "f.pdf").exists() and window.pdf_button.isEnabled())
    assert "<5" in (tmp_path / "f.csv").read_text(encoding="utf-8")
    assert (tmp_path / "f.pdf").read_bytes().startswith(b"%PDF")
    assert "f.pdf" in window.bar.text()


def test_another_period_and_a_wrong_one(qtbot: QtBot, bridge: CoreBridge) -> None:
    window = _loaded(qtbot, bridge)
    window.loaded = False
    window.preset.setCurrentIndex(3)  # last year: nothing happened then
    qtbot.waitUntil(lambda: window.loaded)
    assert window.figures.children_identified == 0
    window.start.setDate(window.end.date().addDays(1))
    window.reload()
    qtbot.waitUntil(lambda: window.bar.is_error())
    assert "ends before it begins" in window.bar.text()


def test_open_dashboard_opens_a_window(qtbot: QtBot, bridge: CoreBridge) -> None:
    window = open_dashboard(FakeMain(bridge))
    qtbot.addWidget(window)
    assert window.isVisible()
    qtbot.waitUntil(lambda: window.loaded, timeout=10_000)
