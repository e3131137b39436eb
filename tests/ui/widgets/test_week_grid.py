"""The weekly availability grid: painted with the mouse or the keyboard, round-trips windows."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt

from guardian_desk.domain.records import WeeklyWindow
from ui.widgets.week_grid import WeekGrid

MON, TUE, WED, THU, FRI, SAT, SUN = range(7)


def slot(hour: int, minute: int = 0) -> int:
    """The row of a time on the default grid (07:00 .. 22:00, half hours)."""
    return (hour * 60 + minute - 7 * 60) // 30


@pytest.fixture
def grid(qtbot) -> WeekGrid:  # type: ignore[no-untyped-def]
    grid = WeekGrid()
    qtbot.addWidget(grid)
    grid.resize(grid.sizeHint())
    grid.show()
    qtbot.waitExposed(grid)
    return grid


def centre(grid: WeekGrid, day: int, row: int) -> QPoint:
    return grid.cell_rect(day, row).center().toPoint()


def drag(qtbot, grid: WeekGrid, start: tuple[int, int], *through: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    qtbot.mousePress(grid, Qt.MouseButton.LeftButton, pos=centre(grid, *start))
    for cell in through:
        qtbot.mouseMove(grid, centre(grid, *cell))
    end = through[-1] if through else start
    qtbot.mouseRelease(grid, Qt.MouseButton.LeftButton, pos=centre(grid, *end))


def test_dragging_paints_the_swept_rectangle(qtbot, grid: WeekGrid) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(grid.changed):
        drag(qtbot, grid, (TUE, slot(9)), (WED, slot(10)), (THU, slot(11, 30)))
    assert grid.windows() == [
        WeeklyWindow(2, 9 * 60, 12 * 60),
        WeeklyWindow(3, 9 * 60, 12 * 60),
        WeeklyWindow(4, 9 * 60, 12 * 60),
    ]


def test_the_rectangle_follows_the_pointer_back(qtbot, grid: WeekGrid) -> None:  # type: ignore[no-untyped-def]
    drag(qtbot, grid, (MON, slot(8)), (WED, slot(12)), (MON, slot(9)))
    assert grid.windows() == [WeeklyWindow(1, 8 * 60, 9 * 60 + 30)]


def test_pressing_on_a_free_cell_clears_what_the_drag_sweeps(qtbot, grid: WeekGrid) -> None:  # type: ignore[no-untyped-def]
    grid.set_windows([WeeklyWindow(5, 8 * 60, 18 * 60)])
    with qtbot.waitSignal(grid.changed):
        drag(qtbot, grid, (FRI, slot(12)), (SAT, slot(13, 30)))
    assert grid.windows() == [WeeklyWindow(5, 8 * 60, 12 * 60), WeeklyWindow(5, 14 * 60, 18 * 60)]


def test_a_click_toggles_one_cell(qtbot, grid: WeekGrid) -> None:  # type: ignore[no-untyped-def]
    drag(qtbot, grid, (SUN, slot(21, 30)))
    assert grid.windows() == [WeeklyWindow(7, 21 * 60 + 30, 22 * 60)]
    drag(qtbot, grid, (SUN, slot(21, 30)))
    assert grid.windows() == []


def test_keyboard_moves_the_focus_cell_and_space_toggles(qtbot, grid: WeekGrid) -> None:  # type: ignore[no-untyped-def]
    for key in (Qt.Key.Key_Right, Qt.Key.Key_Down, Qt.Key.Key_Down):
        qtbot.keyClick(grid, key)
    with qtbot.waitSignal(grid.changed):
        qtbot.keyClick(grid, Qt.Key.Key_Space)
    qtbot.keyClick(grid, Qt.Key.Key_Down)
    qtbot.keyClick(grid, Qt.Key.Key_Space)
    assert grid.windows() == [WeeklyWindow(2, 8 * 60, 9 * 60)]


def test_read_only_grid_ignores_the_mouse_and_space(qtbot, grid: WeekGrid) -> None:  # type: ignore[no-untyped-def]
    grid.set_windows([WeeklyWindow(1, 9 * 60, 10 * 60)])
    grid.set_read_only(True)
    with qtbot.assertNotEmitted(grid.changed):
        drag(qtbot, grid, (MON, slot(9)), (TUE, slot(12)))
        qtbot.keyClick(grid, Qt.Key.Key_Space)
    assert grid.windows() == [WeeklyWindow(1, 9 * 60, 10 * 60)]


def test_round_trip_keeps_windows_outside_the_grid(grid: WeekGrid) -> None:
    windows = [
        WeeklyWindow(1, 9 * 60, 12 * 60 + 30),
        WeeklyWindow(3, 5 * 60, 8 * 60),  # starts before the grid
        WeeklyWindow(5, 21 * 60, 24 * 60),  # ends after it
        WeeklyWindow(6, 10 * 60 + 15, 11 * 60),  # not on a half hour
        WeeklyWindow(7, 6 * 60, 7 * 60),  # wholly outside
    ]
    grid.set_windows(windows)
    assert grid.windows() == windows
    assert "Sun 06:00–07:00" in grid.accessibleDescription()


def test_windows_outside_the_hours_are_listed_in_a_note(grid: WeekGrid) -> None:
    grid.set_windows([WeeklyWindow(7, 6 * 60, 7 * 60), WeeklyWindow(1, 9 * 60, 10 * 60)])
    assert grid.toolTip() == "Also free outside these hours: Sun 06:00–07:00"
    grid.set_windows([WeeklyWindow(1, 9 * 60, 10 * 60)])
    assert grid.toolTip() == ""


def test_contiguous_cells_merge_and_touching_windows_join(qtbot, grid: WeekGrid) -> None:  # type: ignore[no-untyped-def]
    grid.set_windows([WeeklyWindow(1, 9 * 60, 10 * 60), WeeklyWindow(1, 10 * 60, 11 * 60)])
    assert grid.windows() == [WeeklyWindow(1, 9 * 60, 11 * 60)]
    drag(qtbot, grid, (MON, slot(11)), (MON, slot(11, 30)))
    assert grid.windows() == [WeeklyWindow(1, 9 * 60, 12 * 60)]


def test_clear_empties_the_grid_and_says_so(qtbot, grid: WeekGrid) -> None:  # type: ignore[no-untyped-def]
    grid.set_windows([WeeklyWindow(1, 9 * 60, 10 * 60), WeeklyWindow(7, 6 * 60, 7 * 60)])
    with qtbot.waitSignal(grid.changed):
        grid.clear()
    assert grid.windows() == []
    assert grid.accessibleDescription() == "No free time set"


def test_other_hours_and_steps(qtbot) -> None:  # type: ignore[no-untyped-def]
    grid = WeekGrid(first_hour=8, last_hour=18, step_minutes=60)
    qtbot.addWidget(grid)
    grid.resize(400, 300)
    grid.show()
    drag(qtbot, grid, (MON, 0), (MON, 9))
    assert grid.windows() == [WeeklyWindow(1, 8 * 60, 18 * 60)]
    with pytest.raises(ValueError):
        WeekGrid(step_minutes=7)


def test_size_hint_and_resizing(qtbot, grid: WeekGrid) -> None:  # type: ignore[no-untyped-def]
    assert grid.sizeHint().width() >= 500 and grid.sizeHint().height() >= 400
    before = grid.cell_rect(MON, 0)
    grid.resize(800, 700)
    qtbot.waitUntil(lambda: grid.cell_rect(MON, 0).width() > before.width())
    assert grid.cell_at(grid.cell_rect(SUN, slot(21, 30)).center()) == (SUN, slot(21, 30))
    assert grid.accessibleName() == "Weekly availability"
