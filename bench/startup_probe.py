"""One measured start of the app (run by bench/startup.py; prints one JSON line)."""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

LAUNCHED_AT = float(os.environ["GD_LAUNCHED_AT"])
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QCoreApplication, QElapsedTimer, QEventLoop, Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402


def rss_mb() -> float:
    """The process's resident memory now (Linux), in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def registry_first(app: QApplication, window: object, result: dict[str, object]) -> None:
    """The officer clicks Children as soon as the sidebar answers: time to the first rows
    painted, then, page by page from top to bottom, the longest stall and how long the rows
    that came into view took to be painted, then memory."""
    from PySide6.QtCore import QTimer

    def poll() -> None:
        if "sidebar_s" not in result:
            if not window.sidebar.isVisible():  # type: ignore[attr-defined]
                return
            result["sidebar_s"] = time.time() - LAUNCHED_AT
            window.show_section("children")  # type: ignore[attr-defined]
            return
        page = window.registries["children"]  # type: ignore[attr-defined]
        if page.model.rowCount() == 0 or page.model.values(0) is None:
            return
        if "registry_s" not in result:
            page.table.viewport().repaint()
            result["registry_s"] = time.time() - LAUNCHED_AT
        if window.busy_label.isVisible() or not page.settled():  # type: ignore[attr-defined]
            return  # scrolling is measured once the start-up's work is done
        timer.stop()
        bar = page.table.verticalScrollBar()
        clock = QElapsedTimer()
        stalls, fills = [], []
        while bar.value() < bar.maximum():
            clock.start()
            QTest.keyClick(page.table, Qt.Key.Key_PageDown)
            page.table.viewport().repaint()
            app.processEvents()
            stalls.append(clock.nsecsElapsed() / 1e6)
            # The rows that came into view are read beside: until they are painted.
            top = page.table.rowAt(0)
            bottom = page.table.rowAt(page.table.viewport().height() - 1)
            bottom = page.model.rowCount() - 1 if bottom < 0 else bottom
            while any(page.model.values(r) is None for r in (top, bottom)):
                app.processEvents()
                time.sleep(0.0005)
            page.table.viewport().repaint()
            fills.append(clock.nsecsElapsed() / 1e6)
        result["scroll_steps"] = len(stalls)
        result["scroll_worst_ms"] = max(stalls, default=0.0)
        result["scroll_fill_median_ms"] = sorted(fills)[len(fills) // 2] if fills else 0.0
        result["scroll_fill_worst_ms"] = max(fills, default=0.0)
        result["rss_mb"] = rss_mb()
        result["rows"] = page.model.total()
        print(json.dumps(result))
        window.close()  # type: ignore[attr-defined]
        app.quit()

    timer = QTimer()
    timer.timeout.connect(poll)
    timer.start(5)
    app._registry_timer = timer  # type: ignore[attr-defined]


def main() -> int:
    database, typed = sys.argv[1], sys.argv[2]
    mode = sys.argv[3] if len(sys.argv) > 3 else "home"
    if "--collector-on" not in sys.argv:  # as ui/app.py's main does
        from ui import start_collections

        start_collections.hold()
    QCoreApplication.setOrganizationName("GuardianDeskBench")
    app = QApplication(sys.argv[:1])
    from guardian_desk.security.roles import Role, SignedIn
    from ui.main_window import MainWindow

    account = SignedIn("bench.officer", "Bench Officer", Role.ADMINISTRATOR)
    url = database if "://" in database else f"sqlite:///{database}"  # PostgreSQL: a URL
    window = MainWindow(url, account)
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

        def wait() -> None:  # until the database answered and the rows on screen are read
            while not page.settled() and time.time() < deadline:
                app.processEvents()
                time.sleep(0.0005)

        app.processEvents()
        wait()
        page.search.setFocus()
        timings = []
        clock = QElapsedTimer()
        for key in typed:
            clock.start()
            QTest.keyClick(page.search, key)
            # The GUI thread waits in Qt's event loop as it does for an officer (a Python loop
            # polling here would take the interpreter from the thread reading the database).
            answered = QEventLoop()
            page.filtered.connect(answered.quit)
            if not page.settled():
                answered.exec()
            page.filtered.disconnect(answered.quit)
            wait()
            page.table.viewport().repaint()  # until the rows are on screen
            timings.append(clock.nsecsElapsed() / 1e6)
        QTest.keyClick(page.search, Qt.Key.Key_Escape)
        result["keystrokes_ms"] = timings
        result["rows"] = page.model.total()
        print(json.dumps(result))
        window.close()
        app.quit()

    if mode == "registry":
        window.home.show_summary = shown  # type: ignore[method-assign]
        registry_first(app, window, result)
    window.show()
    app.processEvents()  # the first paint: the window is on screen and answers input
    result["shown_s"] = time.time() - LAUNCHED_AT
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
