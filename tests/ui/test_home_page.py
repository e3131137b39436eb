"""The home page: four lists, attention colours, empty states, and lines that open records."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView

from guardian_desk.domain.enums import VisitStatus
from guardian_desk.services import children
from guardian_desk.services.home import (
    ExpiringVetting,
    HomeSummary,
    OverdueVisit,
    Section,
    VisitLine,
    WaitingChild,
    home_summary,
)
from tests.core import factories
from ui.home_models import RecordRole, attention_color
from ui.home_page import HomePage

TODAY = date(2026, 11, 25)
TIRANE = ZoneInfo("Europe/Tirane")


def visit(visit_id: int, day: date, hour: int, mediator: str = "") -> VisitLine:
    starts = datetime(day.year, day.month, day.day, hour, tzinfo=TIRANE)
    return VisitLine(
        visit_id=visit_id,
        child_id=100 + visit_id,
        case_number=f"AL-2026-{visit_id:05d}",
        child_name="Yonas Tesfay",
        child_original_name="ዮናስ ተስፋይ",
        starts_at=starts,
        ends_at=starts + timedelta(hours=1),
        guardian_name="Drita Kola",
        mediator_name=mediator,
        place="Tirana Reception Centre",
        status=VisitStatus.PLANNED,
    )


def waiting(child_id: int, left: int) -> WaitingChild:
    return WaitingChild(
        child_id=child_id,
        case_number=f"AL-2026-{child_id:05d}",
        name="Ahmad Rahimi",
        original_name="احمد رحیمی",
        identified_on=date(2026, 11, 2),
        deadline=date(2026, 11, 20),
        working_days_left=left,
    )


def summary(**sections: Section) -> HomeSummary:  # type: ignore[type-arg]
    empty: Section = Section((), 0)  # type: ignore[type-arg]
    values = dict(
        today=TODAY,
        week_starts_on=date(2026, 11, 23),
        week_ends_on=date(2026, 11, 29),
        time_zone="Europe/Tirane",
        appointment_deadline_days=15,
        visit_interval_days=30,
        vetting_warning_days=30,
        visits_today=empty,
        visits_this_week=empty,
        waiting=empty,
        waiting_overdue=0,
        vettings=empty,
        overdue_visits=empty,
    )
    values.update(sections)
    return HomeSummary(**values)  # type: ignore[arg-type]


FULL = summary(
    visits_today=Section((visit(1, TODAY, 9, "Meron Tesfay"),), 1),
    visits_this_week=Section(
        (visit(2, date(2026, 11, 23), 10), visit(1, TODAY, 9, "Meron Tesfay")), 2
    ),
    waiting=Section((waiting(7, -4), waiting(8, 3), waiting(9, 0), waiting(10, 12)), 6),
    waiting_overdue=1,
    vettings=Section(
        (
            ExpiringVetting("mediators", 4, "M-00004", "Meron Tesfay", date(2026, 11, 20), -5),
            ExpiringVetting("guardians", 5, "G-00005", "Drita Kola", date(2026, 12, 20), 25),
        ),
        2,
    ),
    overdue_visits=Section(
        (
            OverdueVisit(
                11, "AL-2026-00011", "Omid Karimi", "امید کریمی", 5, "Drita Kola",
                None, date(2026, 9, 1), 85,
            ),
            OverdueVisit(
                12, "AL-2026-00012", "Samir Haddad", "", 5, "Drita Kola",
                date(2026, 10, 10), date(2026, 8, 1), 46,
            ),
        ),
        2,
    ),
)  # fmt: skip


@pytest.fixture
def page(qtbot) -> HomePage:  # type: ignore[no-untyped-def]
    widget = HomePage()
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def column_texts(table: QTableView, column: int) -> list[str]:
    model = table.model()
    return [model.index(row, column).data() for row in range(model.rowCount())]


def test_models_pass_the_model_tester(page: HomePage, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    page.show_summary(FULL)
    page.days.setCurrentIndex(1)
    for section in page.sections():
        qtmodeltester.check(section.model, force_py=True)
    page.show_summary(summary())
    for section in page.sections():
        qtmodeltester.check(section.model, force_py=True)


def test_lists_say_how_much_time_is_left_and_mark_what_is_urgent(page: HomePage) -> None:
    page.show_summary(FULL)
    assert "Wednesday, 25 November 2026" in page.heading.text()
    table = page.waiting.table
    assert column_texts(table, 3) == [
        "overdue by 4 working days",
        "3 working days left",
        "due today",
        "12 working days left",
    ]
    red = attention_color(page.palette())
    colours = [table.model().index(r, 3).data(Qt.ItemDataRole.ForegroundRole) for r in range(4)]
    assert colours == [red, red, red, None]
    assert column_texts(table, 1)[0] == "Ahmad Rahimi  \u2068احمد رحیمی\u2069"
    assert "identified on" in table.model().index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert page.waiting.count.text() == "6"
    assert page.waiting.more.isVisible()
    assert page.waiting.more.text() == "Showing the first 4 of 6."
    assert "1 overdue" in page.waiting.note.text()

    assert column_texts(page.vetting.table, 4) == ["expired 5 days ago", "25 days left"]
    assert column_texts(page.vetting.table, 2) == ["Mediator", "Guardian"]
    assert column_texts(page.overdue.table, 3)[0] == "never"
    assert column_texts(page.overdue.table, 4) == ["85 days", "46 days"]
    assert page.overdue.title.text() == "No visit within 30 days"


def test_visits_switch_between_today_and_this_week(page: HomePage) -> None:
    page.show_summary(FULL)
    assert page.days.tabText(0) == "Today (1)"
    assert page.days.tabText(1) == "This week (2)"
    table = page.visits.table
    assert column_texts(table, 0) == ["09:00–10:00"]
    assert column_texts(table, 2) == ["Drita Kola + Meron Tesfay"]
    page.days.setCurrentIndex(1)
    assert column_texts(table, 0) == ["Mon 23 Nov  10:00–11:00", "Wed 25 Nov  09:00–10:00"]
    assert column_texts(table, 4) == ["Planned", "Planned"]
    assert "ዮናስ ተስፋይ" in table.model().index(0, 1).data(Qt.ItemDataRole.ToolTipRole)


def test_double_click_and_enter_open_the_line_s_record(page: HomePage, qtbot) -> None:  # type: ignore[no-untyped-def]
    page.show_summary(FULL)
    for section, row, expected in (
        (page.waiting, 1, ("children", 8)),
        (page.vetting, 0, ("mediators", 4)),
        (page.vetting, 1, ("guardians", 5)),
        (page.overdue, 0, ("children", 11)),
        (page.visits, 0, ("visits", 1)),
    ):
        table = section.table
        rect = table.visualRect(table.model().index(row, 1))
        # A real double-click starts with a press that selects the line.
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        with qtbot.waitSignal(page.open_record) as blocker:
            qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        assert tuple(blocker.args) == expected
    table = page.waiting.table
    table.setFocus()
    table.setCurrentIndex(table.model().index(2, 0))
    with qtbot.waitSignal(page.open_record) as blocker:
        qtbot.keyClick(table, Qt.Key.Key_Return)
    assert blocker.args == ["children", 9]
    assert table.model().index(2, 0).data(RecordRole) == ("children", 9)


def test_empty_lists_say_so(page: HomePage) -> None:
    page.show_summary(summary())
    for section, text in (
        (page.visits, "No visits today."),
        (page.waiting, "No child is waiting for a guardian."),
        (page.vetting, "No vetting expires in the next 30 days."),
        (page.overdue, "Every child under guardianship was visited in the last 30 days."),
    ):
        assert section.empty.isVisible()
        assert not section.table.isVisible()
        assert section.empty.text() == text
        assert section.count.text() == "0"
        assert not section.more.isVisible()
    page.days.setCurrentIndex(1)
    assert page.visits.empty.text() == "No visits this week."


def test_a_summary_from_the_database_shows(page: HomePage, session) -> None:  # type: ignore[no-untyped-def]
    child = children.create_child(session, factories.child(identified_on=date(2026, 11, 20)))
    page.show_summary(home_summary(session, today=date(2026, 11, 27)))
    assert page.waiting.table.isVisible()
    assert column_texts(page.waiting.table, 0) == [child.case_number]
    assert column_texts(page.waiting.table, 3) == ["11 working days left"]


def test_every_column_stays_on_screen_at_1280_pixels(qtbot, page: HomePage) -> None:  # type: ignore[no-untyped-def]
    """Three lists a row beside the sidebar: the columns give up room (their text elided, the
    whole line in the tooltip) rather than push "Time left" off to a horizontal scroll."""
    page.resize(1090, 700)  # 1280 px less the sidebar
    page.show_summary(FULL)
    qtbot.wait(50)
    for section in page.sections():
        table = section.table
        header = table.horizontalHeader()
        used = sum(header.sectionSize(c) for c in range(header.count()))
        assert used <= table.viewport().width() + 1, section.model.__class__.__name__
