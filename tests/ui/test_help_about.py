"""The Help menu: the user guide on F1 (every menu, button and tab it names exists), About
Guardian Desk (version, licence texts, fonts, where the data is), the app's icon, and both
dialogs on a 1280x720 screen and in the pseudo-locale."""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QKeySequence
from PySide6.QtWidgets import QApplication, QMenu, QMenuBar, QWidget
from pytestqt.qtbot import QtBot

from guardian_desk import __version__
from guardian_desk.paths import backup_dir, data_dir
from tests.ui.test_windows_fit import buttons_outside
from ui.help_dialog import HelpDialog
from ui.screen_fit import usable

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def window(open_window, tmp_path: Path):  # type: ignore[no-untyped-def]
    return open_window(f"sqlite:///{tmp_path / 'office.sqlite3'}")


def _menu_texts(bar: QMenuBar) -> set[tuple[str, ...]]:
    """Every (menu, entry) of the menu bar, and each menu alone, as written (with the &)."""
    found: set[tuple[str, ...]] = set()
    for top in bar.actions():
        menu = top.menu()
        if not isinstance(menu, QMenu):
            continue
        found.add((top.text(),))
        found |= {(top.text(), a.text()) for a in menu.actions() if not a.isSeparator()}
    return found


def _open_guides(window: QWidget) -> list[HelpDialog]:

    return [d for d in window.findChildren(HelpDialog) if d.isVisible()]


# --- the user guide ----------------------------------------------------------------------------


def test_f1_opens_the_user_guide_once(qtbot: QtBot, window) -> None:  # type: ignore[no-untyped-def]
    action = window.findChild(type(window.help_actions[0]), "help_guide_action")
    assert action.shortcut() == QKeySequence(QKeySequence.StandardKey.HelpContents)
    assert action.shortcut().toString() == "F1"
    window.activateWindow()  # a window shortcut needs the window active
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.stack.currentWidget(), Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: len(_open_guides(window)) == 1)
    (guide,) = _open_guides(window)
    text = guide.browser.toPlainText()
    assert "First start and signing in" in text and "Backups" in text
    action.trigger()  # again: the open guide comes forward, no second one
    assert _open_guides(window) == [guide]
    guide.close()


def test_every_menu_entry_the_guide_names_is_in_the_window(window) -> None:  # type: ignore[no-untyped-def]
    from ui.help_guide import MENU_PATHS

    present = _menu_texts(window.menuBar())
    assert {name: path for name, path in MENU_PATHS.items() if path not in present} == {}


def test_every_section_the_guide_names_is_in_the_sidebar(window) -> None:  # type: ignore[no-untyped-def]
    from ui.help_guide import SECTION_NAMES

    sidebar = {window.sidebar.item(i).text() for i in range(window.sidebar.count())}
    assert set(SECTION_NAMES.values()) <= sidebar


def test_every_button_and_tab_the_guide_names_is_in_the_code() -> None:
    """Buttons and tabs of a child's record (some appear only with a case loaded): each text is
    still a translated literal of the interface, so a rename shows here."""
    from ui.help_guide import BUTTONS, TABS

    sources = "\n".join(
        path.read_text(encoding="utf-8")
        for path in (ROOT / "ui").rglob("*.py")
        if path.name != "help_guide.py"
    )
    missing = [
        text
        for text in [*BUTTONS.values(), *TABS.values()]
        if not re.search(r"\btr\(\s*" + re.escape(f'"{text}"'), sources)
    ]
    assert missing == []


def test_the_guide_covers_the_officers_work_in_order() -> None:
    from ui.help_guide import sections

    assert [s.anchor for s in sections()] == [
        "about",
        "start",
        "register",
        "matching",
        "visits",
        "papers",
        "protection",
        "backups",
        "help",
    ]
    assert all(s.paragraphs for s in sections())


def test_a_paragraph_is_escaped_and_names_in_bold() -> None:
    from ui.help_guide import paragraph, plain

    assert plain("Sign &out…") == "Sign out…" and plain("Q&&A") == "Q&A"
    made = paragraph("Use <x> & {menu_a}.", {"menu_a": "File ▸ <Open>"})
    assert made == "<p>Use &lt;x&gt; &amp; <b>File ▸ &lt;Open&gt;</b>.</p>"


def test_choosing_a_section_scrolls_the_guide_to_it(qtbot: QtBot) -> None:
    guide = HelpDialog()
    qtbot.addWidget(guide)
    guide.show()
    bar = guide.browser.verticalScrollBar()
    assert bar.value() == 0
    guide.contents.setCurrentRow(guide.contents.count() - 1)
    qtbot.waitUntil(lambda: bar.value() > 0)


# --- About -------------------------------------------------------------------------------------


def test_help_about_shows_version_places_and_database(qtbot: QtBot, window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from ui.about_dialog import AboutDialog

    window.findChild(type(window.help_actions[1]), "help_about_action").trigger()
    about = window.findChild(AboutDialog)
    qtbot.waitUntil(about.isVisible)
    assert __version__ in about.version_label.text()
    assert about.data_field.field.text() == str(data_dir())
    assert about.backup_field.field.text() == str(backup_dir())
    assert about.database_field is not None
    assert about.database_field.field.text() == str(tmp_path / "office.sqlite3")
    about.backup_field.copy_button.click()
    assert QGuiApplication.clipboard().text() == str(backup_dir())
    about.close()


def test_about_shows_the_exact_licence_texts(qtbot: QtBot) -> None:
    from ui.about_dialog import AboutDialog

    about = AboutDialog("office.sqlite3")
    qtbot.addWidget(about)
    licence = about.show_licence()
    text = licence.text.toPlainText()
    assert text == (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert licence.text.isReadOnly()
    fonts = about.show_font_licence()
    assert "SIL OPEN FONT LICENSE Version 1.1" in fonts.text.toPlainText()
    listed = about.fonts_label.text()
    for family in ("Noto Sans", "Noto Naskh Arabic", "Noto Sans Ethiopic", "Noto Sans Bengali"):
        assert f"{family} (Regular, Bold)" in listed
    assert "Google" in listed  # the copyright line of OFL.txt
    about.close()


# --- the icon ----------------------------------------------------------------------------------


def test_the_app_and_its_window_have_the_icon(qapp: QApplication, window) -> None:  # type: ignore[no-untyped-def]
    from ui.app_icon import DESKTOP_ID, ICON_SIZES, apply_identity

    apply_identity(qapp)
    assert not qapp.windowIcon().isNull()
    assert not window.windowIcon().isNull()
    sizes = {size.width() for size in qapp.windowIcon().availableSizes()}
    assert set(ICON_SIZES) <= sizes
    assert QGuiApplication.desktopFileName() == DESKTOP_ID


def test_the_app_sets_its_identity_at_start() -> None:
    """ui/app.py's main() cannot run beside the tests' QApplication; its call is read instead."""
    source = (ROOT / "ui" / "app.py").read_text(encoding="utf-8")
    assert re.search(r"^\s+apply_identity\(app\)", source, flags=re.MULTILINE)


def _make_icons():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("make_icons", ROOT / "scripts" / "make_icons.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _differs(a: QImage, b: QImage) -> int:
    """The largest difference of a channel between two images of one size (0 to 255)."""
    a = a.convertToFormat(QImage.Format.Format_RGBA8888)
    b = b.convertToFormat(QImage.Format.Format_RGBA8888)
    assert a.size() == b.size()
    return max(abs(x - y) for x, y in zip(bytes(a.constBits()), bytes(b.constBits()), strict=True))


def test_the_committed_renderings_match_the_svg(qapp: QApplication, tmp_path: Path) -> None:
    """scripts/make_icons.py was run after the SVG last changed (a small difference is a Qt
    version's antialiasing, not another picture)."""
    make_icons = _make_icons()
    icons = ROOT / "resources" / "icons"
    made = make_icons.make_icons(icons / "guardian-desk.svg", tmp_path)
    for size in make_icons.SIZES:
        committed = QImage(str(icons / f"guardian-desk-{size}.png"))
        assert committed.width() == size
        assert _differs(committed, QImage(str(tmp_path / f"guardian-desk-{size}.png"))) < 48
    from PIL import Image

    assert tmp_path / "guardian-desk.ico" in made
    with Image.open(icons / "guardian-desk.ico") as ico:
        assert ico.info["sizes"] == {(s, s) for s in make_icons.SIZES}


# --- on a small screen, in another language ----------------------------------------------------


def _dialogs() -> Iterator[tuple[str, QWidget]]:
    from ui.about_dialog import AboutDialog

    about = AboutDialog("/home/officer/.local/share/GuardianDesk/guardian-desk.sqlite3")
    yield "about", about
    yield "licence", about.show_licence()
    yield "guide", HelpDialog()


def test_the_dialogs_fit_a_1280_by_720_screen(qtbot: QtBot) -> None:
    room = usable()
    for name, dialog in _dialogs():
        qtbot.addWidget(dialog)
        hint = dialog.minimumSizeHint()
        assert hint.width() <= room.width() and hint.height() <= room.height(), (name, hint)
        dialog.show()
        QApplication.processEvents()
        size = dialog.size()
        assert size.width() <= room.width() and size.height() <= room.height(), (name, size)
        assert buttons_outside(dialog) == [], name
        dialog.close()


@pytest.mark.qt_log_ignore("This plugin does not support")
def test_the_dialogs_and_the_guide_are_translated(qtbot: QtBot, qapp: QApplication) -> None:
    from guardian_desk.i18n.catalogues import translations
    from guardian_desk.i18n.languages import PSEUDO
    from guardian_desk.i18n.tool import build_template
    from tests.ui.pseudo_walk import _DECORATED, _ENGLISH_WORD, _TAGS, clipped, untranslated
    from ui.translation import apply_language

    pseudo = translations(PSEUDO)
    pseudo.known = frozenset(  # type: ignore[attr-defined]
        m.id if isinstance(m.id, str) else m.id[0] for m in build_template() if m.id
    )
    apply_language(PSEUDO)
    try:
        from ui.help_guide import guide_html

        left = _DECORATED.sub(" ", _TAGS.sub(" ", guide_html()))
        assert _ENGLISH_WORD.findall(left) == []
        for name, dialog in _dialogs():
            qtbot.addWidget(dialog)
            dialog.show()
            QApplication.processEvents()
            assert untranslated(dialog) == [], name
            assert clipped(dialog) == [], name
            dialog.close()
    finally:
        apply_language("en")
