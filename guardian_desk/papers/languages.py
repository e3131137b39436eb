"""The language a paper is printed in, and the bilingual papers (the office's language + English).

    with paper_language("sq", bilingual=True):
        heading(both(lambda: _("Legal basis")))   # "Baza ligjore / Legal basis"
        english_of(lambda: _("The guardian ..."))  # the English sentence, or None

A text is given as a function that translates it, so that it can be made twice: in the
paper's language, then again in English for the bilingual paper (dates and plurals included).
An English paper, or a bilingual one in English, prints everything once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from guardian_desk.i18n import using_language
from guardian_desk.i18n.languages import ENGLISH, LANGUAGES, PSEUDO, normalise

Words = Callable[[], str]

_bilingual: ContextVar[bool] = ContextVar("guardian_desk_paper_bilingual", default=False)


def paper_language_code(language: str | None) -> str:
    """One of LANGUAGES (or the pseudo-locale) for a code in any spelling; unknown: English."""
    code = normalise(language)
    return code if code in LANGUAGES or code == PSEUDO else ENGLISH


@contextmanager
def paper_language(language: str | None, bilingual: bool = False) -> Iterator[str]:
    """Translate into the paper's language inside the block; yields the code it took."""
    code = paper_language_code(language)
    with using_language(code):
        token = _bilingual.set(bilingual and code != ENGLISH)
        try:
            yield code
        finally:
            _bilingual.reset(token)


def is_bilingual() -> bool:
    return _bilingual.get()


def in_english(words: Words) -> str:
    with using_language(ENGLISH):
        return words()


def english_of(words: Words) -> str | None:
    """The English text of a bilingual paper; None on a paper in one language (or when the
    English reads the same)."""
    if not is_bilingual():
        return None
    local = words()
    english = in_english(words)
    return english if english != local else None


def both(words: Words) -> str:
    """A heading or label: "Local / English" on a bilingual paper, else the local text."""
    local = words()
    english = english_of(words)
    return f"{local} / {english}" if english else local
