"""The catalogues: a gettext translation per interface language, loaded once.

Catalogues live in resources/locale/<lang>/LC_MESSAGES/guardian_desk.po with their compiled
.mo beside them (`python -m guardian_desk.i18n compile`). Serbian Latin is the Serbian
catalogue transliterated when it is loaded; the pseudo-locale decorates the English source.
"""

from __future__ import annotations

import gettext
import logging
from functools import cache
from pathlib import Path

from guardian_desk.i18n.languages import ENGLISH, PSEUDO, catalogue_of
from guardian_desk.i18n.pseudo import decorate
from guardian_desk.i18n.transliteration import serbian_latin
from guardian_desk.paths import resources_dir

DOMAIN = "guardian_desk"


def locale_dir() -> Path:
    return resources_dir() / "locale"


def po_path(catalogue: str) -> Path:
    return locale_dir() / catalogue / "LC_MESSAGES" / f"{DOMAIN}.po"


class PseudoTranslations(gettext.NullTranslations):
    """Decorates the strings of the extracted template, and only those: a string that reaches
    tr() or _() without having been extracted (a variable, a forgotten marker) shows plain, as
    it would in Albanian."""

    def __init__(self) -> None:
        super().__init__()
        self.known = _template_ids()

    def _decorated(self, message: str) -> str:
        return decorate(message) if self.known is None or message in self.known else message

    def gettext(self, message: str) -> str:
        return self._decorated(message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        chosen = msgid1 if n == 1 else msgid2
        return chosen if self.known is not None and msgid1 not in self.known else decorate(chosen)

    def pgettext(self, context: str, message: str) -> str:
        return self._decorated(message)


def _template_ids() -> frozenset[str] | None:
    """The source strings of resources/locale/guardian_desk.pot; None without one."""
    path = locale_dir() / f"{DOMAIN}.pot"
    if not path.exists():
        return None
    from babel.messages.pofile import read_po  # the pseudo-locale only: tests, translators

    with path.open("rb") as handle:
        template = read_po(handle)
    return frozenset(m.id if isinstance(m.id, str) else m.id[0] for m in template if m.id)


def _transliterated(source: gettext.GNUTranslations) -> gettext.GNUTranslations:
    latin = gettext.GNUTranslations()
    latin.__dict__.update(source.__dict__)
    catalog = source._catalog  # type: ignore[attr-defined]
    latin._catalog = {  # type: ignore[attr-defined]
        key: serbian_latin(text) if key else text for key, text in catalog.items()
    }
    return latin


@cache
def translations(language: str) -> gettext.NullTranslations:
    """The translations of one interface language; English (the source) translates nothing."""
    if language == PSEUDO:
        return PseudoTranslations()
    catalogue = catalogue_of(language)
    if language == ENGLISH or catalogue is None:
        return gettext.NullTranslations()
    mo = po_path(catalogue).with_suffix(".mo")
    try:
        with mo.open("rb") as handle:
            loaded = gettext.GNUTranslations(handle)
    except OSError:
        # An installation without its catalogues still works, in English.
        logging.getLogger(__name__).warning("No compiled catalogue for %s", language)
        return gettext.NullTranslations()
    return _transliterated(loaded) if language == "sr-Latn" else loaded
