"""Save a screenshot of every main screen to docs/screenshots/ (looked at in review).

    xvfb-run -a -s "-screen 0 1280x800x24" .venv/bin/python scripts/screenshots.py

Runs the real app in a real X window on a throwaway database: the welcome page of an empty
database, then the overview after loading the demo data.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer
from PySide6.QtWidgets import QApplication, QPushButton, QWidget

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
    screen = window.screen()
    picture = screen.grabWindow(window.winId())
    path = OUT / f"{name}.png"
    picture.save(str(path))
    print(f"saved {path.relative_to(ROOT)}")


def main() -> int:
    sys.path.insert(0, str(ROOT))
    import os

    home = tempfile.mkdtemp(prefix="gd-shots-")
    os.environ["GUARDIAN_DESK_HOME"] = home
    QCoreApplication.setOrganizationName("GuardianDeskScreenshots")
    app = QApplication(sys.argv)
    from ui.main_window import MainWindow

    OUT.mkdir(parents=True, exist_ok=True)
    window = MainWindow(f"sqlite:///{home}/office.sqlite3", "Elira Hoxha")
    window.resize(1200, 760)
    window.show()
    wait_until(lambda: window.stack.currentWidget() is window.welcome)
    shoot(window, "01-welcome")
    button = window.findChild(QPushButton, "Explore with demo data")
    button.click()
    wait_until(
        lambda: (
            window.stack.currentWidget() is window.overview
            and window.overview.values["children"].text() not in ("–", "0")
        )
    )
    shoot(window, "02-overview")
    window.close()
    app.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main())
