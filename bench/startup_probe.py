"""One measured start of the app (run by bench/startup.py; prints one JSON line)."""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

LAUNCHED_AT = float(os.environ["GD_LAUNCHED_AT"])
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QCoreApplication, QElapsedTimer, Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402


def main() -> int:
    database, typed = sys.argv[1], sys.argv[2]
    QCoreApplication.setOrganizationName("GuardianDeskBench")
    app = QApplication(sys.argv[:1])
    from guardian_desk.security.roles import Role, SignedIn
    from ui.main_window import MainWindow

    account = SignedIn("bench.officer", "Bench Officer", Role.ADMINISTRATOR)
    window = MainWindow(f"sqlite:///{database}", account)
    result: dict[str, object] = {}
    shown = window.home.show_summary

    def on_summary(summary: object) -> None:
        shown(summary)
        if "ready_s" not in result:
            app.processEvents()
            result["ready_s"] = time.time() - LAUNCHED_AT
            measure_search()

    window.home.show_summary = on_summary  # type: ignore[method-assign]

    def measure_search() -> None:
        window.show_section("children")
        page = window.registries["children"]
        deadline = time.time() + 60
        while page.model.listing is None and time.time() < deadline:
            app.processEvents()
            time.sleep(0.005)
        page.search.setFocus()
        timings = []
        clock = QElapsedTimer()
        for key in typed:
            clock.start()
            QTest.keyClick(page.search, key)
            page.table.viewport().repaint()  # until the rows are on screen
            timings.append(clock.nsecsElapsed() / 1e6)
        QTest.keyClick(page.search, Qt.Key.Key_Escape)
        result["keystrokes_ms"] = timings
        result["rows"] = page.model.total()
        print(json.dumps(result))
        window.close()
        app.quit()

    window.show()
    app.processEvents()  # the first paint: the window is on screen and answers input
    result["shown_s"] = time.time() - LAUNCHED_AT
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
