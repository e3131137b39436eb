"""The bundled fonts: Arabic-script and Ethiopic names render even where the system has no font.

``install_fonts()`` runs once at start, after the QApplication exists and before any window is
built. It loads every ``.ttf`` of resources/fonts into Qt's font database and appends the
families to the application font's family list, so Qt draws each character with the first
family that has it: the system's own font for Latin text, Noto Naskh Arabic for أحمد, Noto Sans
Ethiopic for ሰላም, Noto Sans Bengali for রহিম. PySide6 does not expose
QFontDatabase.addApplicationFallbackFontFamily (it takes a QChar::Script), hence the family list
plus font substitutions.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QLoggingCategory
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication

from guardian_desk.paths import resources_dir

log = logging.getLogger(__name__)

# Tried in this order for a character the app's own font lacks.
FALLBACK_ORDER = ("Noto Sans", "Noto Naskh Arabic", "Noto Sans Ethiopic", "Noto Sans Bengali")

_loaded: dict[Path, list[str]] = {}  # a font file is added to Qt's database once


def fonts_dir() -> Path:
    return resources_dir() / "fonts"


def load_font_files(folder: Path | None = None) -> list[str]:
    """Add every .ttf of ``folder`` to Qt's font database; the families they hold."""
    families: list[str] = []
    for path in sorted((folder or fonts_dir()).glob("*.ttf")):
        if path not in _loaded:
            font_id = QFontDatabase.addApplicationFont(str(path))
            if font_id < 0:
                log.warning("could not load the bundled font %s", path.name)
            _loaded[path] = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        families += [f for f in _loaded[path] if f not in families]
    return families


def fallback_families(loaded: list[str]) -> list[str]:
    """The loaded families in fallback order (known ones first, any other after them)."""
    known = [f for f in FALLBACK_ORDER if f in loaded]
    return known + [f for f in loaded if f not in known]


def install_fonts() -> list[str]:
    """Load the bundled fonts and make them the app font's fallbacks; the families loaded."""
    try:
        loaded = load_font_files()
    except FileNotFoundError:  # an installation without resources: system fonts only
        log.warning("the bundled fonts are missing; names in some scripts may not display")
        return []
    fallbacks = fallback_families(loaded)
    if not fallbacks:
        return []
    font = QGuiApplication.font()
    own = font.families() or [font.family()]
    font.setFamilies(own + [f for f in fallbacks if f not in own])
    QGuiApplication.setFont(font)
    # For a script that needs OpenType shaping (Devanagari, Tamil...) Qt notes every
    # family of the list that lacks it before it reaches the one that has it, or the system's
    # fallback; the text is drawn right all the same. QT_LOGGING_RULES still overrides this.
    QLoggingCategory.setFilterRules("qt.text.font.db.info=false")
    # A widget that names a family of its own (QFont("Sans Serif")) falls back the same way.
    for family in {*own, font.defaultFamily(), QFont().defaultFamily()}:
        if family not in fallbacks:
            QFont.insertSubstitutions(family, [f for f in fallbacks if f != family])
    return loaded
