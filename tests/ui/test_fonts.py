"""Bundled fonts: Arabic-script and Ethiopic names render with real glyphs, not empty boxes."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication, QRawFont, QTextLayout
from PySide6.QtWidgets import QApplication, QLabel

from guardian_desk.demo import DemoSizes, generate
from ui.fonts import fonts_dir, install_fonts

ARABIC = "أحمد رحیمی"  # Ahmad Rahimi, with the Persian yeh
TIGRINYA = "ሰላም ኣማኑኤል"  # selam Amanuel
BENGALI = "রহিম উদ্দিন"  # Rahim Uddin


@pytest.fixture
def app_font(qapp: QApplication) -> Iterator[None]:
    """The app font as it was, back after the test (other tests render with it)."""
    before = QGuiApplication.font()
    substitutions = set(QFont.substitutions())
    yield
    QGuiApplication.setFont(before)
    for family in set(QFont.substitutions()) - substitutions:
        QFont.removeSubstitutions(family)


def glyph_runs(text: str, font: QFont) -> list[tuple[str, list[int]]]:
    """Which font family Qt really draws each run of ``text`` with, and the glyphs."""
    layout = QTextLayout(text, font)
    layout.beginLayout()
    layout.createLine()
    layout.endLayout()
    return [(run.rawFont().familyName(), list(run.glyphIndexes())) for run in layout.glyphRuns()]


def test_bundled_files_cover_the_scripts_of_the_names(qapp: QApplication) -> None:
    files = {p.name for p in fonts_dir().glob("*.ttf")}
    assert {
        "NotoNaskhArabic-Regular.ttf",
        "NotoNaskhArabic-Bold.ttf",
        "NotoSansEthiopic-Regular.ttf",
        "NotoSansEthiopic-Bold.ttf",
        "NotoSans-Regular.ttf",
        "NotoSans-Bold.ttf",
        "NotoSansBengali-Regular.ttf",
        "NotoSansBengali-Bold.ttf",
    } <= files
    assert (fonts_dir() / "OFL.txt").read_text(encoding="utf-8").count("SIL OPEN FONT LICENSE")
    naskh = QRawFont(str(fonts_dir() / "NotoNaskhArabic-Regular.ttf"), 12)
    ethiopic = QRawFont(str(fonts_dir() / "NotoSansEthiopic-Bold.ttf"), 12)
    assert all(naskh.supportsCharacter(ord(ch)) for ch in ARABIC if not ch.isspace())
    assert all(ethiopic.supportsCharacter(ord(ch)) for ch in TIGRINYA if not ch.isspace())


@pytest.mark.usefixtures("app_font")
def test_install_loads_the_families_and_makes_them_fallbacks() -> None:
    loaded = install_fonts()
    assert {"Noto Sans", "Noto Naskh Arabic", "Noto Sans Ethiopic"} <= set(loaded)
    assert {"Noto Naskh Arabic", "Noto Sans Ethiopic"} <= set(QFontDatabase.families())
    assert QFontDatabase.WritingSystem.Arabic in QFontDatabase.writingSystems("Noto Naskh Arabic")
    families = QGuiApplication.font().families()
    assert families[-4:] == [
        "Noto Sans",
        "Noto Naskh Arabic",
        "Noto Sans Ethiopic",
        "Noto Sans Bengali",
    ]
    assert install_fonts() == loaded  # a second call loads nothing twice
    # It runs at every start: bench/fonts.py says how long it takes.


@pytest.mark.usefixtures("app_font")
def test_names_in_arabic_and_ethiopic_script_are_drawn_with_real_glyphs(qtbot) -> None:  # type: ignore[no-untyped-def]
    install_fonts()
    label = QLabel(f"Ahmad {ARABIC} / {TIGRINYA}")
    qtbot.addWidget(label)
    for text, family in (
        (ARABIC, "Noto Naskh Arabic"),
        (TIGRINYA, "Noto Sans Ethiopic"),
        (BENGALI, "Noto Sans Bengali"),
    ):
        for font in (label.font(), QFont(QGuiApplication.font().families()[0])):
            runs = [run for run in glyph_runs(text, font) if run[1] != [3]]  # spaces aside
            assert runs, text
            assert all(glyphs and 0 not in glyphs for _, glyphs in runs), runs  # 0: empty box
            assert family.lower() in {name.lower() for name, _ in runs}


def test_every_letter_of_the_demo_office_s_names_has_a_bundled_glyph(qapp: QApplication) -> None:
    data = generate(DemoSizes(children=2000, guardians=200, mediators=100), today=date(2026, 11, 1))
    letters = {
        ch
        for person in data.children
        for text in (
            person.given_name,
            person.family_name,
            person.given_name_original,
            person.family_name_original,
            *person.aliases,
        )
        for ch in text
    } | {ch for p in data.guardians + data.mediators for ch in p.given_name + p.family_name}
    fonts = [QRawFont(str(path), 12) for path in fonts_dir().glob("*-Regular.ttf")]
    missing = {
        ch
        for ch in letters
        if not ch.isspace() and not any(f.supportsCharacter(ord(ch)) for f in fonts)
    }
    assert not missing, "".join(sorted(missing))
