"""Save a screenshot of every main screen to docs/screenshots/ (looked at in review).

    xvfb-run -a -s "-screen 0 1280x800x24" .venv/bin/python scripts/screenshots.py
    xvfb-run -a -s "-screen 0 1280x800x24" .venv/bin/python scripts/screenshots.py --language sq

With --language, the same round in that interface language goes to docs/screenshots/<code>/
(the repository keeps the set-up, home, child's record, matching panel, paper preview and
sign-in of each language).

Runs the real app in a real X window on a throwaway database: the welcome page of an empty
database, then, with the demo data loaded, the home page, every registry, a search in Arabic
script, a child's record, the matching panel, bulk matching, visit planning, the week view,
a paper's preview and the calendar export; and the way in: the office set-up, the lock and
the sign-in page.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QApplication, QPushButton, QWidget

from ui.registry.model import IdRole

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "a long, private sentence"  # the throwaway office's administrator
OUT = ROOT / "docs" / "screenshots"
LANGUAGE = "en"
# The throwaway office of each language's round: name, country, time zone, administrator.
OFFICES = {
    "sq": ("Zyra e Kujdestarisë për Fëmijët e Pashoqëruar, Tiranë", "AL", "Europe/Tirane",
           "Elira Hoxha", "Kujdestare ligjore"),
    "sr": ("Центар за социјални рад Београд", "RS", "Europe/Belgrade",
           "Јелена Јовановић", "Старатељ"),
    "sr-Latn": ("Centar za socijalni rad Beograd", "RS", "Europe/Belgrade",
                "Jelena Jovanović", "Staratelj"),
    "mk": ("Центар за социјална работа Скопје", "MK", "Europe/Skopje",
           "Елена Стојановска", "Старател"),
}  # fmt: skip


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
    global OUT, LANGUAGE
    if "--language" in sys.argv:
        LANGUAGE = sys.argv[sys.argv.index("--language") + 1]
        OUT = OUT / LANGUAGE
    home = tempfile.mkdtemp(prefix="gd-shots-")
    os.environ["GUARDIAN_DESK_HOME"] = home
    QCoreApplication.setOrganizationName("GuardianDeskScreenshots")
    app = QApplication(sys.argv[:1])  # noqa: F841 - must live while the window does
    from ui.translation import apply_language

    apply_language(LANGUAGE)
    from ui.main_window import MainWindow

    OUT.mkdir(parents=True, exist_ok=True)
    window = MainWindow(f"sqlite:///{home}/office.sqlite3")  # as the app starts: nobody yet
    window.resize(1280, 800)
    window.show()
    set_up_the_office(window)
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
        if kind == "visits":  # the week view: nobody chosen yet
            settle(1500)
        else:
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
    children.status.set_values(["awaiting_guardian"])
    waiting = int(children.proxy.index(0, 0).data(IdRole))
    children.status.clear()
    from ui.matching import MatchingPanel

    panel = MatchingPanel(window.bridge, waiting, window)
    panel.resize(1180, 720)
    panel.show()
    wait_until(lambda: panel.suggestion is not None)
    panel.table.selectRow(0)
    settle(800)
    shoot(panel, "10-find-a-guardian")
    panel.close()
    more_screens(window, home)
    protection_screens(window, home)
    lock_and_sign_in(window)
    window.close()
    return 0


def set_up_the_office(window) -> None:  # type: ignore[no-untyped-def]
    page = window.gate.set_up_page
    wait_until(lambda: window.stack.currentWidget() is page)
    name, country, zone, full_name, title = OFFICES.get(LANGUAGE, OFFICES["sq"])
    page.office_name.setText(name)
    page.country.setCurrentIndex(max(page.country.findData(country), 0))
    page.time_zone.setCurrentText(zone)
    page.username.setText("elira.hoxha")
    page.full_name.setText(full_name)
    page.title.setText(title)
    page.language.setCurrentIndex(max(page.language.findData(LANGUAGE.split("-")[0]), 0))
    page.password.setText(PASSWORD)
    page.repeat.setText(PASSWORD)
    shoot(window, "00-office-set-up")
    page.button.click()


def lock_and_sign_in(window) -> None:  # type: ignore[no-untyped-def]
    window.open_record("children", None)
    settle(800)
    window.gate.lock()
    shoot(window, "16-locked")
    window.gate.lock_page.password.setText(PASSWORD)
    window.gate.lock_page.button.click()
    wait_until(lambda: not window.gate.locked)
    for dialog in list(window.dialogs.values()):
        dialog.done(0)
    window.gate.sign_out()
    page = window.gate.sign_in_page
    wait_until(lambda: window.stack.currentWidget() is page)
    page.username.setText("elira.hoxha")
    page.password.setText("not my password")
    page.button.click()
    wait_until(page.message.isVisible)
    shoot(window, "17-sign-in")


def more_screens(window, home: str) -> None:  # type: ignore[no-untyped-def]
    """Bulk matching, visit planning, the week view, a paper's preview, calendar export."""
    from datetime import date

    from guardian_desk.db.engine import make_engine, make_session_factory, session_scope
    from guardian_desk.matching import load_pool
    from guardian_desk.matching.bulk import bulk_match
    from guardian_desk.matching.bulk_apply import BulkChoice, apply_bulk
    from guardian_desk.scheduling import apply_plan, plan
    from ui.papers.batch import print_batch
    from ui.scheduling.hooks import _open
    from ui.scheduling.visits_page import monday_of

    window.match_all()
    bulk = window.dialogs[("bulk", None)]
    bulk.resize(1240, 760)
    wait_until(lambda: bulk.loaded)
    settle(800)
    shoot(bulk, "11-match-all-waiting")
    bulk.close()
    # Accept the plan and plan the visits with the core (what the two dialogs' buttons do).
    factory = make_session_factory(make_engine(f"sqlite:///{home}/office.sqlite3"))
    today = date.today()
    with session_scope(factory, actor="elira.hoxha") as session:
        found = bulk_match(load_pool(session, today=today))
        choices = [
            BulkChoice(p.child_id, p.proposal.guardian_id,
                       p.proposal.mediator.mediator_id if p.proposal.mediator else None)
            for p in found.proposals
        ]  # fmt: skip
        apply_bulk(session, choices, starts_on=today)
    planner = _open(window, "plan")
    planner.resize(1240, 700)
    planner.make_plan()
    wait_until(lambda: planner.proposals.rowCount() > 0)
    settle(800)
    shoot(planner, "12-plan-visits")
    planner.close()
    with session_scope(factory, actor="elira.hoxha") as session:
        made = plan(session, today, 4)
        apply_plan(session, made.proposals, skip_conflicts=True)
        busiest = max(
            {p.guardian_id for p in made.proposals},
            key=lambda g: sum(1 for p in made.proposals if p.guardian_id == g),
        )
        first_week = min(p.starts_at for p in made.proposals if p.guardian_id == busiest)
        assignment_ids = [a for a in _assignments(session)][:6]
    window.refresh()
    window.show_section("visits")
    page = window.registries["visits"]
    wait_until(lambda: page._owners_loaded, 60_000)
    page.picker.choose("guardian", busiest)
    page.go_to(monday_of(first_week.date()))
    wait_until(lambda: page.week is not None and page.week.visits)
    settle(800)
    shoot(window, "13-visits-week")
    batch = print_batch(window.bridge, window, assignment_ids)
    wait_until(lambda: batch.finished())
    preview = batch.preview
    preview.resize(1000, 800)
    settle(1500)
    shoot(preview, "14-paper-preview")
    preview.close()
    export = _open(window, "export")
    export.names.setChecked(True)
    settle(400)
    shoot(export, "15-calendar-export")
    export.close()


def protection_screens(window, home: str) -> None:  # type: ignore[no-untyped-def]
    """A filled screening with a positive result, and the demo office's early-warning list."""
    from sqlalchemy import select

    from guardian_desk.db.engine import make_engine, make_session_factory, session_scope
    from guardian_desk.db.models import Child
    from guardian_desk.services.children import CLOSED_STATUSES
    from ui.protection.screening_form import ScreeningForm
    from ui.protection.warnings_window import open_warnings

    # The demo office screened, decided, referred and checked adults (guardian_desk/demo/
    # protection.py): the list shows what it left undone.
    factory = make_session_factory(make_engine(f"sqlite:///{home}/office.sqlite3"))
    with session_scope(factory, actor="elira.hoxha") as session:
        ids = session.scalars(
            select(Child.id).where(Child.status.not_in(CLOSED_STATUSES)).order_by(Child.id)
        ).all()
    child = ids[7]
    form = ScreeningForm(window.bridge, child, window)
    form.resize(1264, 648)
    form.show()
    wait_until(lambda: form.loaded)
    filled = {
        "cl-dr-01": "reported_by_child",
        "cl-dr-08": "reported_by_child",
        "cl-cr-02": "reported_by_child",
        "cl-ex-01": "observed",
        "cl-ex-02": "reported_by_child",
        "office-smuggler-debt": "reported_by_child",
        "office-work-en-route": "reported_by_others",
        "cl-dr-02": "not_observed",
    }
    assert form.rows is not None
    for ident, value in filled.items():
        form.rows.boxes[ident].set_answer(value)
    form.rows.notes["cl-ex-01"].setText("Car wash, 7 to 21 h")
    if form.mediator.count() > 1:
        form.mediator.setCurrentIndex(1)
    form.note.setText("First interview at the police station, through the mediator")
    settle(800)
    shoot(form, "22-screening-form")
    form.done(0)
    window.refresh()
    warnings = open_warnings(window)
    warnings.resize(1180, 640)
    wait_until(lambda: warnings.loaded)
    warnings.table.sortByColumn(3, Qt.SortOrder.DescendingOrder)  # the oldest first
    settle(800)
    shoot(warnings, "23-early-warnings")
    warnings.close()


def _assignments(session):  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    from guardian_desk.db.models import Assignment

    return session.scalars(
        select(Assignment.id).where(Assignment.role == "guardian").order_by(Assignment.id.desc())
    ).all()


if __name__ == "__main__":
    sys.exit(main())
