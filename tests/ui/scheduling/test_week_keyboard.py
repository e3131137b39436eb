"""The week view from the keyboard: a focus cell, arrows, Enter, Tab, PageDown and its words."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from guardian_desk.domain.enums import VisitPurpose, VisitStatus
from guardian_desk.scheduling import VisitInfo
from tests.ui.scheduling.conftest import MONDAY, SmallOffice
from tests.ui.scheduling.test_visits_page import open_page
from ui.bridge import CoreBridge
from ui.scheduling.visit_dialogs import BookVisitDialog
from ui.scheduling.week_view import WeekView

ZONE = ZoneInfo("Europe/Belgrade")
K = Qt.Key


def plain(text: str) -> str:
    return text.replace("\u2068", "").replace("\u2069", "")


def visit(
    visit_id: int, case: str, name: str, day: int, hour: int, minute: int = 0, **kw: object
) -> VisitInfo:
    start = datetime(MONDAY.year, MONDAY.month, MONDAY.day, hour, minute, tzinfo=ZONE)
    start += timedelta(days=day)
    end = start + timedelta(hours=1)
    fields: dict[str, object] = dict(
        visit_id=visit_id, version=1, sequence=0, child_id=visit_id, case_number=case,
        child_name=name, guardian_id=1, guardian_name="Elira Hoxha", mediator_id=None,
        mediator_name="", facility_id=None, facility_name="", place="", starts_at=start,
        ends_at=end, starts_at_utc=start, ends_at_utc=end, status=VisitStatus.PLANNED,
        purpose=VisitPurpose.VISIT, outcome_note="",
    )  # fmt: skip
    fields.update(kw)
    return VisitInfo(**fields)  # type: ignore[arg-type]


WED_1730 = visit(49, "AL-2025-00049", "Amir Ahmadi", 2, 17, 30)
WED_1730_TOO = visit(50, "AL-2025-00050", "Sara Berisha", 2, 17, 30, status=VisitStatus.CANCELLED)
TUE_10 = visit(12, "AL-2025-00012", "Omar Khalil", 1, 10)


def shown_view(qtbot: QtBot, visits: list[VisitInfo]) -> WeekView:
    view = WeekView()
    qtbot.addWidget(view)
    view.resize(900, 620)
    view.set_week(MONDAY, visits)
    view.show()
    qtbot.waitExposed(view)
    view.activateWindow()
    view.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(view.hasFocus)
    view.set_focus_cell(0, 4)  # Monday 09:00
    return view


def test_arrows_move_the_focus_cell_and_the_description_follows(qtbot: QtBot) -> None:
    view = shown_view(qtbot, [TUE_10, WED_1730])
    assert view.focusPolicy() & Qt.FocusPolicy.TabFocus
    assert view.accessibleName() == "Visits of the week 9 Mar 2026 – 15 Mar 2026"
    assert view.accessibleDescription() == "Monday 9 March 2026, 09:00: free"
    qtbot.keyClick(view, K.Key_Right)
    qtbot.keyClick(view, K.Key_Down)
    qtbot.keyClick(view, K.Key_Down)
    assert view.focus_slot() == (date(2026, 3, 10), 10 * 60)
    assert plain(view.accessibleDescription()) == (
        "Tuesday 10 March 2026, 10:00: visit AL-2025-00012 (O. K.), 10:00–11:00"
    )
    qtbot.keyClick(view, K.Key_Down)  # 10:30 is still inside the hour-long visit
    assert plain(view.accessibleDescription()).startswith(
        "Tuesday 10 March 2026, 10:30: visit AL-2025"
    )
    qtbot.keyClick(view, K.Key_Down)
    assert view.accessibleDescription() == "Tuesday 10 March 2026, 11:00: free"
    # The cell stops at the edges of the week and of the day.
    for _ in range(9):
        qtbot.keyClick(view, K.Key_Left)
    qtbot.keyClick(view, K.Key_End)
    assert view.focus_slot() == (MONDAY, 19 * 60 + 30)
    qtbot.keyClick(view, K.Key_Down)
    assert view.accessibleDescription() == "Monday 9 March 2026, 19:30: free"


def test_enter_on_a_visit_emits_it_and_on_free_time_the_slot(qtbot: QtBot) -> None:
    view = shown_view(qtbot, [TUE_10, WED_1730, WED_1730_TOO])
    view.set_focus_cell(2, 21)  # Wednesday 17:30: two visits, the first is acted on
    assert plain(view.accessibleDescription()) == (
        "Wednesday 11 March 2026, 17:30: visit AL-2025-00049 (A. A.), 17:30–18:30; "
        "visit AL-2025-00050 (S. B.), 17:30–18:30, cancelled"
    )
    with qtbot.waitSignal(view.visit_clicked) as clicked:
        qtbot.keyClick(view, K.Key_Return)
    assert clicked.args == [WED_1730]
    assert view.rect().contains(view.mapFromGlobal(view.activation_point()))
    qtbot.keyClick(view, K.Key_Up)  # Wednesday 17:00 is free
    with qtbot.waitSignal(view.slot_clicked) as slot:
        qtbot.keyClick(view, K.Key_Space)
    assert slot.args == [date(2026, 3, 11), 17 * 60]


def test_tab_goes_from_visit_to_visit_in_time_order_then_leaves(qtbot: QtBot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    view, after = WeekView(), QPushButton("after")
    layout = QVBoxLayout(window)
    layout.addWidget(view)
    layout.addWidget(after)
    view.set_week(MONDAY, [WED_1730_TOO, TUE_10, WED_1730])
    window.resize(900, 700)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    view.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(view.hasFocus)
    view.set_focus_cell(0, 4)
    landed: list[int] = []
    view.visit_clicked.connect(lambda v: landed.append(v.visit_id))
    for _ in range(3):
        qtbot.keyClick(view, K.Key_Tab)
        qtbot.keyClick(view, K.Key_Enter)
    assert landed == [12, 49, 50]  # the second of two visits in one cell gets its turn
    assert plain(view.accessibleDescription()).startswith(
        "Wednesday 11 March 2026, 17:30: visit AL-2025-00050 (S. B.)"
    )
    qtbot.keyClick(view, K.Key_Backtab)
    assert view.current_visit() == WED_1730 and view.hasFocus()
    qtbot.keyClick(view, K.Key_Tab)
    qtbot.keyClick(view, K.Key_Tab)  # after the last visit Tab leaves: no keyboard trap
    qtbot.waitUntil(after.hasFocus)


def test_a_click_moves_the_focus_cell_too(qtbot: QtBot) -> None:
    view = shown_view(qtbot, [TUE_10])
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=view.cell_rect(4, 2).center().toPoint())
    assert view.focus_slot() == (date(2026, 3, 13), 8 * 60)
    assert view.accessibleDescription() == "Friday 13 March 2026, 08:00: free"


def test_keys_on_the_visits_page_step_weeks_and_book(
    qtbot: QtBot, bridge: CoreBridge, office: SmallOffice
) -> None:
    page = open_page(qtbot, bridge, "guardian", office.elira_id)
    view = page.view
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    with qtbot.waitSignal(page.loaded, timeout=20_000):
        qtbot.keyClick(view, K.Key_PageDown)
    assert page.week_label.text() == "16 Mar 2026 – 22 Mar 2026"
    assert view.accessibleName() == "Visits of the week 16 Mar 2026 – 22 Mar 2026"
    with qtbot.waitSignal(page.loaded, timeout=20_000):
        qtbot.keyClick(view, K.Key_Left, Qt.KeyboardModifier.ControlModifier)
    assert page.week is not None and page.week.monday == MONDAY
    # Enter on free time books there, like a click.
    view.set_focus_cell(0, 6)  # Monday 10:00
    qtbot.keyClick(view, K.Key_Return)
    dialog = page.dialog
    assert isinstance(dialog, BookVisitDialog) and dialog.isVisible()
    assert dialog.start.dateTime().toString("yyyy-MM-dd HH:mm") == "2026-03-09 10:00"
    dialog.close()
