"""Translation of everything a person reads, in the core and (through ui/translation.py) in Qt.

    from guardian_desk.i18n import _, ngettext, N_

    raise ValidationError(_("The date of birth {value} lies in the future.").format(value=...))
    ngettext("{count} child", "{count} children", n).format(count=n)
    REASONS = {Code.X: N_("marked here, translated where it is shown")}

The interface language is chosen once per process (`set_language`); a paper printed in
another language renders inside `using_language(...)`, which holds for that thread only.
Placeholders are str.format fields: translators move them, never rename them (CI checks).
"""

from __future__ import annotations

import gettext
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from guardian_desk.i18n.catalogues import translations
from guardian_desk.i18n.languages import ENGLISH, LANGUAGES, PSEUDO, normalise

__all__ = [
    "LANGUAGES",
    "N_",
    "_",
    "current_language",
    "ngettext",
    "pgettext",
    "set_language",
    "using_language",
]

_process_language = ENGLISH
_process: gettext.NullTranslations = gettext.NullTranslations()
_local: ContextVar[tuple[str, gettext.NullTranslations] | None] = ContextVar(
    "guardian_desk_language", default=None
)


def set_language(language: str) -> str:
    """Make `language` the interface language of this process; returns the code it took.

    A code Guardian Desk does not speak falls back to English.
    """
    global _process_language, _process
    code = normalise(language)
    if code is None or (code not in LANGUAGES and code != PSEUDO):
        code = ENGLISH
    _process_language, _process = code, translations(code)
    return code


def current_language() -> str:
    local = _local.get()
    return local[0] if local is not None else _process_language


@contextmanager
def using_language(language: str) -> Iterator[str]:
    """Translate into `language` inside the block, in this thread only (papers)."""
    code = normalise(language) or ENGLISH
    token = _local.set((code, translations(code)))
    try:
        yield code
    finally:
        _local.reset(token)


def _active() -> gettext.NullTranslations:
    local = _local.get()
    return local[1] if local is not None else _process


def _(message: str) -> str:
    return _active().gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _active().ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """A message whose translation depends on where it stands (a 'Name' column, a verb)."""
    return _active().pgettext(context, message)


def N_(message: str) -> str:
    """Marks a string for the catalogue without translating it (module-level tables)."""
    return message
