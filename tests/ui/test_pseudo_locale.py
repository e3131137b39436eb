"""The pseudo-locale walked through every window: what is not decorated bypassed translation,
what is cut off with 40 % longer texts will be cut off in Albanian or Macedonian."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication, QPushButton, QWidget

from guardian_desk import i18n
from guardian_desk.i18n.catalogues import translations
from guardian_desk.i18n.languages import PSEUDO
from guardian_desk.i18n.tool import build_template
from tests.ui.pseudo_walk import clipped, untranslated
from tests.ui.registry.settle import settle
from ui.registry.model import IdRole
from ui.translation import apply_language

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


@pytest.fixture
def pseudo(qapp: QApplication) -> Iterator[None]:
    """The pseudo-locale, knowing the strings the sources hold now (not a stale template)."""
    pseudo = translations(PSEUDO)
    pseudo.known = frozenset(  # type: ignore[attr-defined]
        m.id if isinstance(m.id, str) else m.id[0] for m in build_template() if m.id
    )
    apply_language(PSEUDO)
    yield
    apply_language("en")


def look(window: QWidget, seen: dict[str, list[str]], name: str) -> None:
    QApplication.processEvents()
    problems = untranslated(window) + [f"cut off: {line}" for line in clipped(window)]
    if problems:
        seen[name] = problems


def look_at_every_tab(qtbot, window: QWidget, seen: dict[str, list[str]], name: str) -> None:  # type: ignore[no-untyped-def]
    """Each tab of the window's tab bars in turn (only the shown tab's widgets are visible)."""
    from PySide6.QtWidgets import QTabWidget

    look(window, seen, name)
    for tabs in window.findChildren(QTabWidget):
        for index in range(tabs.count()):
            if tabs.isTabEnabled(index) and tabs.isTabVisible(index):
                tabs.setCurrentIndex(index)
                qtbot.wait(150)
                look(window, seen, f"{name} / {tabs.tabText(index)}")


def report(seen: dict[str, list[str]]) -> str:
    return "\n".join(f"{name}:\n  " + "\n  ".join(lines) for name, lines in seen.items())


def test_the_office_set_up_and_sign_in_pages_are_all_translated(qtbot, pseudo, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from ui.main_window import MainWindow

    window = MainWindow(f"sqlite:///{tmp_path / 'office.sqlite3'}")
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    page = window.gate.set_up_page
    qtbot.waitUntil(lambda: window.stack.currentWidget() is page, timeout=20_000)
    seen: dict[str, list[str]] = {}
    look(window, seen, "office set-up")
    window.stack.setCurrentWidget(window.gate.sign_in_page)
    look(window, seen, "sign-in")
    window.stack.setCurrentWidget(window.gate.lock_page)
    look(window, seen, "lock")
    assert window.bridge is not None
    window.bridge.shutdown()
    assert not seen, report(seen)


def test_every_window_of_a_working_office_is_translated_and_nothing_is_cut_off(
    qtbot, pseudo, open_window, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    from guardian_desk.db.engine import make_engine, make_session_factory, session_scope
    from guardian_desk.demo import DemoSizes, load_demo

    url = f"sqlite:///{tmp_path / 'office.sqlite3'}"
    from guardian_desk.db.migrate import prepare_database

    prepare_database(url)
    engine = make_engine(url)
    with session_scope(make_session_factory(engine), actor="test-officer") as session:
        load_demo(session, DemoSizes(children=30, guardians=8, mediators=4, facilities=3))
    engine.dispose()
    window = open_window(url, expect="home")
    window.resize(1280, 720)
    seen: dict[str, list[str]] = {}
    qtbot.wait(300)
    look(window, seen, "home")
    for section in ("children", "guardians", "mediators", "facilities", "visits"):
        window.show_section(section)
        page = window.registries[section]
        if section != "visits":
            qtbot.waitUntil(
                lambda page=page: page.model.rowCount() > 0 and page.settled(), timeout=20_000
            )
        qtbot.wait(200)
        look(window, seen, section)
        if section == "visits":
            continue
        first = page.proxy.index(0, 0)
        for record_id in (int(first.data(IdRole)), None):
            window.open_record(section, record_id)
            dialog = window.dialogs[(section, record_id)]
            qtbot.waitUntil(lambda d=dialog: getattr(d, "loaded", True), timeout=20_000)
            qtbot.wait(300)
            look_at_every_tab(qtbot, dialog, seen, f"{section} record {record_id or 'new'}")
            dialog.close()
    window.match_all()
    bulk = window.dialogs[("bulk", None)]
    qtbot.waitUntil(lambda: bulk.loaded, timeout=60_000)
    look(bulk, seen, "match all waiting")
    bulk.close()
    from ui.scheduling.hooks import open_scheduling

    for which in ("plan", "export"):
        dialog = open_scheduling(window, which)
        assert dialog is not None
        qtbot.wait(300)
        look(dialog, seen, f"scheduling {which}")
        dialog.close()
    from ui.accounts.accounts_dialog import AccountsDialog
    from ui.export_dialog import ExportDialog
    from ui.import_dialog import ImportDialog
    from ui.settings_dialog import SettingsDialog

    for make in (SettingsDialog, AccountsDialog, ImportDialog, ExportDialog):
        dialog = make(window.bridge, window)
        dialog.show()
        qtbot.wait(500)
        look(dialog, seen, make.__name__)
        dialog.close()
    look_at_matching_and_papers(qtbot, window, seen)
    window.show_section("children")
    assert not seen, report(seen)


def look_at_matching_and_papers(qtbot, window, seen: dict[str, list[str]]) -> None:  # type: ignore[no-untyped-def]
    from ui.matching import MatchingPanel
    from ui.papers.hooks import ask_and_issue, menu_entries
    from ui.papers.register_dialog import show_register

    children = window.registries["children"]
    window.show_section("children")
    children.status.set_values(["awaiting_guardian"])
    settle(children)
    waiting = int(children.proxy.index(0, 0).data(IdRole))
    children.status.clear()
    panel = MatchingPanel(window.bridge, waiting, window)
    panel.resize(1180, 700)
    panel.show()
    qtbot.waitUntil(lambda: panel.suggestion is not None, timeout=30_000)
    panel.table.selectRow(0)
    qtbot.wait(300)
    look(panel, seen, "find a guardian")
    panel.close()
    for kind, _text, title in menu_entries():
        dialog = ask_and_issue(window.bridge, window, kind, title)
        qtbot.wait(200)
        look(dialog, seen, f"paper {title}")
        dialog.close()
    register = show_register(window.bridge, window)
    qtbot.wait(500)
    look(register, seen, "papers register")
    register.close()


def test_a_string_that_skips_extraction_is_caught(qtbot, pseudo) -> None:  # type: ignore[no-untyped-def]
    """The walk itself can fail: a button whose text never reached the catalogue."""
    widget = QWidget()
    qtbot.addWidget(widget)
    QPushButton(i18n._("Cancel"), widget)
    QPushButton(i18n._("Send the papers by pigeon"), widget)  # not in any source file
    widget.show()
    assert untranslated(widget) == ["QPushButton(-): 'Send the papers by pigeon'"]
