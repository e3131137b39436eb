"""The real main window, end to end, offscreen."""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton


def _click(qtbot, window, name: str) -> None:  # type: ignore[no-untyped-def]
    button = window.findChild(QPushButton, name)
    assert button is not None, name
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_empty_database_offers_demo_data_and_loads_it(qtbot, open_window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    url = f"sqlite:///{tmp_path / 'office.sqlite3'}"
    window = open_window(url)
    assert str(tmp_path / "office.sqlite3") in window.database_label.text()
    assert "Test Officer" in window.officer_label.text()

    assert not window.sidebar.isVisible()  # nothing to navigate yet
    _click(qtbot, window, "Explore with demo data")
    assert window.busy_label.isVisible()  # the status bar says the worker is busy
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.home, timeout=120_000)
    assert window.sidebar.isVisible()
    window.show_section("children")
    page = window.registries["children"]
    qtbot.waitUntil(lambda: page.model.rowCount() == 300, timeout=20_000)
    assert page.count.text() == "300 records"
    qtbot.waitUntil(lambda: not window.busy_label.isVisible())


def test_start_empty_shows_home_and_empty_registries(qtbot, open_window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(f"sqlite:///{tmp_path / 'office.sqlite3'}")
    _click(qtbot, window, "Start empty")
    assert window.stack.currentWidget() is window.home
    window.show_section("guardians")
    page = window.registries["guardians"]
    qtbot.waitUntil(
        lambda: page.count.text().startswith("0 records — add the first with New guardian")
    )


def test_foreign_file_is_refused_and_left_untouched(qtbot, open_window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    foreign = tmp_path / "notes.sqlite3"
    foreign.write_bytes(b"Minutes of the meeting\n" * 100)
    before = hashlib.sha256(foreign.read_bytes()).hexdigest()
    window = open_window(f"sqlite:///{foreign}", expect="refused")
    assert "is not a Guardian Desk database" in window.refused.message.text()
    assert str(foreign) in window.refused.message.text()
    assert hashlib.sha256(foreign.read_bytes()).hexdigest() == before
    assert not Path(f"{foreign}-wal").exists()


def test_window_geometry_is_remembered(qtbot, open_window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    url = f"sqlite:///{tmp_path / 'office.sqlite3'}"
    first = open_window(url)
    first.resize(720, 560)  # within the offscreen screen (800x600), above the minimum
    first.close()
    second = open_window(url)
    assert (second.width(), second.height()) == (720, 560)


def test_the_window_module_imports_no_database_or_solver_code() -> None:
    """The window paints before SQLAlchemy, OR-Tools, numpy or reportlab load (they take ~1 s
    and load on the worker thread); a top-level import of the core in a page undoes that."""
    import subprocess
    import sys

    heavy = ("sqlalchemy", "ortools", "numpy", "reportlab", "pypdfium2", "pycountry", "icalendar")
    found = subprocess.run(
        [sys.executable, "-c", "import sys, ui.main_window; print(*sorted(sys.modules))"],
        capture_output=True, text=True, check=True,
    ).stdout.split()  # fmt: skip
    assert [m for m in heavy if m in found] == []


def test_building_the_window_loads_no_database_or_solver_code_either() -> None:
    """Menus and pages built at start load their dialogs when chosen: a menu entry that
    imported its dialog (and the duplicate check's rapidfuzz and models) cost 0.2 s a start."""
    import subprocess
    import sys

    heavy = ("sqlalchemy", "ortools", "numpy", "reportlab", "pypdfium2", "rapidfuzz")
    script = (
        "import sys\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from ui.main_window import MainWindow\n"
        "MainWindow.open_database = lambda self, url: None\n"
        "window = MainWindow('sqlite:///unused.sqlite3')\n"
        "print(*sorted(sys.modules))\n"
    )
    found = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    ).stdout.split()
    assert [m for m in heavy if m in found] == []
