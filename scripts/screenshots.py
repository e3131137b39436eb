"""Save a screenshot of every main screen to docs/screenshots/ (looked at in review).

    xvfb-run -a -s "-screen 0 1280x800x24" .venv/bin/python scripts/screenshots.py

Runs the real app in a real X window on a throwaway database: the welcome page of an empty
database, then, with the demo data loaded, the home page, every registry, a search in Arabic
script and a child's record.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer
from PySide6.QtWidgets import QApplication, QPushButton, QWidget

from ui.registry.model import IdRole

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"


def wait_until(condition, timeout_ms: int = 120_000) -> None:  # type: ignore[no-untyped-def]
    waited = 0
    while not condition():
        loop = QEventLoop()
        QTimer.singleShot(50, loop.quit)
        loop.exec()
        waited += 50
        if waited > timeout_ms:
            raise TimeoutError("the window did not get there in time")


def settle(ms: int = 400) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def shoot(window: QWidget, name: str) -> None:
    settle()
    picture = window.grab()
    path = OUT / f"{name}.png"
    picture.save(str(path))
    print(f"saved {path.relative_to(ROOT)}")


def main() -> int:
    home = tempfile.mkdtemp(prefix="gd-shots-")
    os.environ["GUARDIAN_DESK_HOME"] = home
    QCoreApplication.setOrganizationName("GuardianDeskScreenshots")
    app = QApplication(sys.argv)  # noqa: F841 - must live while the window does
    from ui.main_window import MainWindow

    OUT.mkdir(parents=True, exist_ok=True)
    window = MainWindow(f"sqlite:///{home}/office.sqlite3", "Elira Hoxha")
    window.resize(1280, 800)
    window.show()
    wait_until(lambda: window.stack.currentWidget() is window.welcome)
    shoot(window, "01-welcome")
    button = window.findChild(QPushButton, "Explore with demo data")
    button.click()
    wait_until(lambda: window.stack.currentWidget() is window.home)
    settle(1500)
    shoot(window, "02-home")
    for number, kind in enumerate(
        ("children", "guardians", "mediators", "facilities", "visits"), start=3
    ):
        window.show_section(kind)
        page = window.registries[kind]
        wait_until(lambda page=page: page.model.listing is not None)
        shoot(window, f"{number:02d}-{kind}")
    children = window.registries["children"]
    window.show_section("children")
    children.search.setText("محمد")
    shoot(window, "08-children-search-arabic")
    children.search.clear()
    first = children.proxy.index(0, 0)
    window.open_record("children", int(first.data(IdRole)))
    dialog = window.dialogs[("children", int(first.data(IdRole)))]
    wait_until(lambda: getattr(dialog, "loaded", True))
    settle(1500)
    shoot(dialog, "09-child-record")
    dialog.close()
    children.status.setCurrentIndex(children.status.findData("awaiting_guardian"))
    waiting = int(children.proxy.index(0, 0).data(IdRole))
    children.status.setCurrentIndex(0)
    from ui.matching import MatchingPanel

    panel = MatchingPanel(window.bridge, waiting, window)
    panel.resize(1180, 720)
    panel.show()
    wait_until(lambda: panel.suggestion is not None)
    panel.table.selectRow(0)
    settle(800)
    shoot(panel, "10-find-a-guardian")
    panel.close()
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
