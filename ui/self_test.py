"""`guardian-desk-gui --self-test [FOLDER]`: the installation checked through the real window.

For an office's IT administrator after installing, and for CI on the frozen bundle. The core
steps are guardian_desk/installation_check.py; here they run the way the officer's work runs:
the main window opens on the scratch database with its worker thread, the demo office is loaded
and a paper and a calendar are made through that worker. One line per step on standard output;
exit status 0 when every step passed. GUARDIAN_DESK_HOME points at the scratch folder (app.py
sets it before anything reads it), so the officer's own data, logs and backups are untouched.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Any

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from guardian_desk import installation_check as check
from guardian_desk.faults import explain
from guardian_desk.i18n import _, ngettext
from guardian_desk.i18n.formats import list_text, number_text

STEP_SECONDS = 600  # the demo office on a slow office PC; a hang ends the check, not the PC
WATCHDOG_SECONDS = 1800  # the whole check, whatever happens inside it


class StepFailed(Exception):
    pass


REPORT_NAME = "self-test-report.txt"


class Report:
    """Each line on standard output and in the scratch folder's report: a frozen Windows
    app has no standard output at all."""

    def __init__(self, folder: Path) -> None:
        self.file = (folder / REPORT_NAME).open("w", encoding="utf-8")

    def line(self, text: str, *, error: bool = False) -> None:
        self.file.write(text + "\n")
        self.file.flush()
        stream = sys.stderr if error else sys.stdout
        if stream is not None:
            print(text, file=stream, flush=True)

    def step(self, ok: bool, step: str, detail: str = "") -> None:
        # TRANSLATORS: the installation check's verdict on one step, before the step's name.
        verdict = _("ok") if ok else _("FAILED")
        self.line(f"{verdict:8} {step}{': ' + detail if detail else ''}")


def _through_worker(window: Any, fn: Callable[[Any, Any], Any], *, writes: bool) -> Any:
    """Run ``fn`` on the window's worker and wait for it with the event loop turning."""
    loop = QEventLoop()
    outcome: dict[str, Any] = {}

    def succeeded(value: object) -> None:
        outcome["value"] = value
        loop.quit()

    def failed(error: BaseException) -> None:
        outcome["error"] = error
        loop.quit()

    window.bridge.run(fn, writes=writes, on_success=succeeded, on_failure=failed)
    QTimer.singleShot(STEP_SECONDS * 1000, loop.quit)
    loop.exec()
    if "error" in outcome:
        raise outcome["error"]
    if "value" not in outcome:
        raise StepFailed(
            ngettext(
                "no answer after {0} second", "no answer after {0} seconds", STEP_SECONDS
            ).format(STEP_SECONDS)
        )
    return outcome["value"]


def _wait_until(condition: Callable[[], bool], seconds: float) -> bool:
    loop = QEventLoop()
    timer = QTimer()

    def poll() -> None:
        if condition():
            loop.quit()

    timer.timeout.connect(poll)
    timer.start(50)
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    if not condition():
        loop.exec()
    timer.stop()
    return condition()


def _bundled_files() -> str:
    from guardian_desk import paths

    fonts = sorted(p.name for p in (paths.resources_dir() / "fonts").glob("*.ttf"))
    catalogues = sorted(paths.resources_dir().glob("locale/*/LC_MESSAGES/*.mo"))
    scripts = sorted((paths.migrations_dir() / "versions").glob("*.py"))
    if not fonts or not catalogues or not scripts:
        raise StepFailed(_("fonts, translations or migrations are missing"))
    return list_text(
        [
            ngettext("{0} font", "{0} fonts", len(fonts)).format(len(fonts)),
            ngettext("{0} translation", "{0} translations", len(catalogues)).format(
                len(catalogues)
            ),
            ngettext("{0} migration", "{0} migrations", len(scripts)).format(len(scripts)),
        ]
    )


def _give_up(status: int, message: str) -> None:
    """End the process at once: nobody is there to answer a dialog."""
    print(message, file=sys.stderr or sys.__stderr__, flush=True)
    os._exit(status)


def run_self_test(app: QApplication, folder: Path) -> int:
    """Exit status 0 when every step passed, 1 otherwise; never waits for a person: an error
    that escapes a step ends the check with one line (status 2) instead of a dialog, and a
    check that hangs is ended after WATCHDOG_SECONDS (status 3)."""

    def escaped(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        _give_up(2, explain(error).message)

    sys.excepthook = escaped
    watchdog = threading.Timer(
        WATCHDOG_SECONDS,
        _give_up,
        (
            3,
            ngettext(
                "The installation check stopped after {0} second",
                "The installation check stopped after {0} seconds",
                WATCHDOG_SECONDS,
            ).format(WATCHDOG_SECONDS),
        ),
    )
    watchdog.daemon = True
    watchdog.start()
    try:
        return _run_steps(app, folder)
    except Exception as error:  # a fault in the check itself: one line, and no dialog
        print(explain(error).message, file=sys.stderr or sys.__stderr__)
        return 2
    finally:
        watchdog.cancel()


def _run_steps(app: QApplication, folder: Path) -> int:
    from guardian_desk.demo import DemoSizes
    from guardian_desk.demo import load_demo as load_office
    from ui.main_window import MainWindow

    url = check.scratch_url(folder)
    window: MainWindow | None = None
    steps: list[tuple[str, Callable[[], str]]] = []

    def open_window() -> str:
        nonlocal window
        window = MainWindow(url, check.scratch_office(url))
        window.show()
        if not _wait_until(lambda: window.stack.currentWidget() is window.welcome, 60):
            raise StepFailed(_("the window did not finish opening the database"))
        return url

    def demo() -> str:
        counts = _through_worker(
            window, lambda session, task: load_office(session, DemoSizes()), writes=True
        )
        children = counts.get("children", 0)
        return ngettext("{0} child", "{0} children", children).format(number_text(children))

    def written(make: Callable[[Any, Path], Any], magic: bytes, not_it: str) -> Callable[[], str]:
        """A step that writes a file into the scratch folder through the worker, and checks
        that the file begins as its kind must (``not_it`` names the file otherwise)."""

        def step() -> str:
            result = _through_worker(
                window, lambda session, task: make(session, folder), writes=True
            )
            if not result.path.read_bytes().startswith(magic):
                raise StepFailed(not_it.format(result.path))
            return str(result.path)

        return step

    paper = written(check.print_paper, b"%PDF-", _("{0} is not a PDF file"))
    calendar = written(
        check.export_first_calendar, b"BEGIN:VCALENDAR", _("{0} is not a calendar file")
    )

    def solver() -> str:  # on the worker, as a bulk run starts it
        return str(
            _through_worker(window, lambda session, task: check.solver_process(), writes=False)
        )

    steps = [
        (_("Migrations, fonts and translations found"), _bundled_files),
        (_("New database opened in the main window"), open_window),
        (_("Demo office loaded"), demo),
        (_("Paper printed"), paper),
        (_("Calendar exported"), calendar),
        (_("Solver process started"), solver),
    ]
    report = Report(folder)
    failures = 0
    for name, step in steps:
        try:
            report.step(True, name, step())
        except Exception as error:  # every step is tried; each failure is one line
            failures += 1
            reason = str(error) if isinstance(error, StepFailed) else explain(error).message
            report.step(False, name, reason)
            if window is None:
                break
    if window is not None:
        window.close()
        if window.bridge is not None:
            window.bridge.shutdown()
    app.processEvents()
    if failures:
        report.line(_("The installation check failed; the scratch folder is {0}").format(folder))
    else:
        report.line(_("The installation works. The scratch folder is {0}").format(folder))
    report.file.close()
    return 1 if failures else 0
