"""Qt reads the same gettext catalogues as the core: one translator for every tr() call.

Qt ships no translations of its own buttons for Albanian, Serbian or Macedonian, so the
strings of QPlatformTheme, QMessageBox, QLineEdit... that Guardian Desk shows are in our
catalogue too (ui/qt_strings.py) and this translator answers for them, whatever the context.
The interface language is this computer's choice (QSettings), offered from the system's
language on first start; the office's language is the papers' default (Settings).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale, QSettings, QTranslator

from guardian_desk import i18n
from guardian_desk.i18n.languages import (
    AUTONYMS,
    LANGUAGES,
    PSEUDO,
    babel_code,
    first_supported,
    normalise,
)

SETTINGS_KEY = "interface/language"


class CatalogueTranslator(QTranslator):
    """Every Qt translation request answered from the active gettext catalogue."""

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str:
        if not source:
            return source
        if n >= 0 and "%n" in source:
            text = i18n.ngettext(source, source, n)
            # English is the source and has no catalogue: "%n day(s)" reads "1 day", "2 days".
            return text.replace("(s)", "" if n == 1 else "s") if text == source else text
        if disambiguation:
            return i18n.pgettext(disambiguation, source)
        return i18n._(source)

    def isEmpty(self) -> bool:
        return False


_installed: CatalogueTranslator | None = None


def saved_language() -> str | None:
    """The language chosen on this computer; None before the first choice."""
    value = QSettings().value(SETTINGS_KEY, "", str)
    return normalise(str(value)) if value else None


def system_language() -> str:
    """The system's language when Guardian Desk speaks it, else English."""
    return first_supported([*QLocale.system().uiLanguages(), QLocale.system().name()]) or "en"


def save_language(language: str) -> None:
    QSettings().setValue(SETTINGS_KEY, language)


def language_choices() -> list[tuple[str, str]]:
    """(code, the language's own name) for a picker, in the order of LANGUAGES."""
    return [(code, AUTONYMS[code]) for code in LANGUAGES]


def apply_language(language: str) -> str:
    """Translate the core and Qt into `language` from now on; returns the code applied.

    Windows built before keep their texts: the app rebuilds its pages after a change.
    """
    global _installed
    code = i18n.set_language(language)
    QLocale.setDefault(QLocale(babel_code(code if code != PSEUDO else "en")))
    app = QCoreApplication.instance()
    if app is not None and _installed is None:
        _installed = CatalogueTranslator(app)
        app.installTranslator(_installed)
    return code


def start_language(override: str | None = None) -> str:
    """At start: GUARDIAN_DESK_LANGUAGE or --language, else this computer's choice, else
    the system's language."""
    return apply_language(override or saved_language() or system_language())
