"""Languages by ISO 639-3 code: English names from pycountry, autonyms from CLDR (langcodes)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pycountry

from guardian_desk.domain.text import fold, search_blob
from guardian_desk.domain.validation import USER_ASSIGNED_COUNTRIES
from guardian_desk.i18n import _, current_language
from guardian_desk.i18n.formats import country_name_in, language_name_in
from guardian_desk.i18n.languages import ENGLISH, PSEUDO
from guardian_desk.i18n.pseudo import decorate


def language_name(code: str) -> str:
    """The name of an ISO 639-3 code in the interface language (CLDR), else in English
    (pycountry); the code itself when unknown."""
    return _named(code, current_language(), _english_language_name)


def country_name(code: str) -> str:
    """A country's name in the interface language (CLDR), else its English common name."""
    return _named(code, current_language(), _english_country_name)


@lru_cache(maxsize=8192)
def _named(code: str, language: str, english: Callable[[str], str]) -> str:
    if language == PSEUDO:
        return decorate(english(code))
    if language != ENGLISH:
        local = (
            country_name_in(code, language)
            if english is _english_country_name
            else language_name_in(code, language)
        )
        if local:
            return local
    return english(code)


def _english_language_name(code: str) -> str:
    return _iso_639_3_names().get(code, code)


@lru_cache(maxsize=1)
def _iso_639_3_names() -> dict[str, str]:
    """ISO 639-3 code -> English name, read from pycountry's own data file: its database
    builds 7,923 records before the first answer (65 ms on the way to a registry's first
    rows, measured), where this dict takes 8 ms. The same names (a test compares them all)."""
    path = Path(pycountry.DATABASE_DIR) / "iso639-3.json"
    try:
        entries = json.loads(path.read_text(encoding="utf-8"))["639-3"]
        return {str(entry["alpha_3"]): str(entry["name"]) for entry in entries}
    except (OSError, ValueError, KeyError, TypeError):  # a frozen build laid out otherwise
        return {str(language.alpha_3): str(language.name) for language in pycountry.languages}


def _english_country_name(code: str) -> str:
    if code in USER_ASSIGNED_COUNTRIES:
        return _(USER_ASSIGNED_COUNTRIES[code])
    found = pycountry.countries.get(alpha_2=code)
    return getattr(found, "common_name", None) or (found.name if found else code)


# --- choosing a language ------------------------------------------------------------------------

# The languages officers in this work pick most often, offered first in this order.
COMMON_LANGUAGES: tuple[str, ...] = (
    "prs", "pus", "fas", "arb", "ara", "apc", "acm", "ckb", "kmr", "urd", "pan", "ben", "tir",
    "amh", "som", "orm", "fra", "eng", "sqi", "srp", "mkd", "bos", "hrv", "ell", "bul", "deu",
    "ita", "tur", "rus", "ukr",
)  # fmt: skip


@dataclass(frozen=True)
class LanguageChoice:
    """One language an officer can pick: ISO 639-3 code, English name, autonym ("" if unknown)."""

    code: str
    english: str
    native: str
    # Other English names it is found by (CLDR's "Pashto" for ISO's "Pushto"); not shown.
    other_names: tuple[str, ...] = ()


@lru_cache(maxsize=1)
def _codes_langcodes_renames() -> frozenset[str] | None:
    """Codes that langcodes rewrites (fra -> fr, prs -> fa-AF, arb -> ar); None: unknown."""
    try:
        from langcodes import data_dicts
        from language_data.name_data import LANGUAGES_WITH_NAME_DATA

        return frozenset(
            (
                *data_dicts.LANGUAGE_ALPHA3,
                *data_dicts.LANGUAGE_REPLACEMENTS,
                *data_dicts.NORMALIZED_MACROLANGUAGES,
                *LANGUAGES_WITH_NAME_DATA,
            )
        )
    except (ImportError, AttributeError):
        return None


def _names_in_cldr(code: str) -> tuple[str, str]:
    """(autonym, CLDR English name) of a code, each "" when CLDR does not know it.

    Looked up in langcodes' CLDR data directly rather than through ``autonym()``: that is
    several times faster over 7,000 codes (the tag is only parsed for the few hundred codes
    langcodes rewrites), and it names Dari "دری" where ``autonym()`` says "فارسی (افغانستان)"
    (Persian of Afghanistan), a name Dari speakers do not use.
    """
    # langcodes' CLDR tables: a 4 MB module, imported only when a picker first needs it.
    from language_data.name_data import CODE_TO_NAMES, LANGUAGES_WITH_NAME_DATA

    renamed = _codes_langcodes_renames()
    if renamed is not None and code not in renamed:
        names = CODE_TO_NAMES.get(code, {})
        return names.get(code, ""), names.get("en", "")
    import langcodes  # 30 ms of its tables' import: on a picker's first use, not at start

    try:
        tag = langcodes.Language.get(code).prefer_macrolanguage()
    except (LookupError, ValueError):
        return "", ""
    own = tag.language or ""
    full = str(tag)
    names = CODE_TO_NAMES.get(full) or CODE_TO_NAMES.get(own) or {}
    native = names.get(full) or names.get(own) or ""
    if not native and own in LANGUAGES_WITH_NAME_DATA:
        try:
            native = tag.autonym()
        except (LookupError, ValueError):
            native = ""
    return native, names.get("en", "")


def _choice(code: str, english: str) -> LanguageChoice:
    native, cldr_english = _names_in_cldr(code)
    if native and (
        fold(native) in {fold(code), fold(english)} or native.startswith("Unknown language")
    ):
        native = ""
    others = (cldr_english,) if cldr_english.casefold() not in ("", english.casefold()) else ()
    return LanguageChoice(code, english, native, others)


_LEADING_MARKS = re.compile(r"^\W+")


def _sort_key(choice: LanguageChoice) -> tuple[str, str]:
    """Alphabetical as in a dictionary: accents and a leading ' or ǃ do not count."""
    name = choice.english.casefold() if choice.english.isascii() else fold(choice.english)
    return _LEADING_MARKS.sub("", name), choice.code


@lru_cache(maxsize=1)
def language_choices() -> list[LanguageChoice]:
    """Living individual languages and macrolanguages of ISO 639-3, the common ones first.

    Cached: callers must not change the list they get.
    """
    living = {
        lang.alpha_3: lang.name
        for lang in pycountry.languages
        if getattr(lang, "scope", None) in ("I", "M") and getattr(lang, "type", None) == "L"
    }
    first = [_choice(code, living[code]) for code in COMMON_LANGUAGES if code in living]
    common = set(COMMON_LANGUAGES)
    rest = sorted(
        (_choice(code, name) for code, name in living.items() if code not in common),
        key=_sort_key,
    )
    return first + rest


@lru_cache(maxsize=1)
def _choices_by_code() -> dict[str, LanguageChoice]:
    return {choice.code: choice for choice in language_choices()}


def language_choice(code: str) -> LanguageChoice:
    """The choice for a code; one named by pycountry (or the bare code) when it is not living."""
    found = _choices_by_code().get(code)
    return found if found is not None else _other_choice(code)


@lru_cache(maxsize=256)
def _other_choice(code: str) -> LanguageChoice:
    return _choice(code, language_name(code))


def native_name(code: str) -> str:
    """The language's name for itself ("دری" for prs), "" when no source knows it."""
    return language_choice(code).native


def language_label(code: str) -> str:
    """Like "Dari — دری (prs)"; with no native part when none is known ("Tok Pisin (tpi)")."""
    choice = language_choice(code)
    if choice.native:
        return f"{choice.english} — {choice.native} ({choice.code})"
    return f"{choice.english} ({choice.code})"


def matches(choice: LanguageChoice, folded_query: str) -> bool:
    """Whether a query, already folded with ``text.fold``, names this language.

    The code matches from its start ("pr" finds prs); names match anywhere ("dari", "دری").
    """
    query = folded_query.strip()
    if not query:
        return True
    return choice.code.startswith(query) or query in _folded_names(choice)


@lru_cache(maxsize=16384)
def _folded_names(choice: LanguageChoice) -> str:
    return search_blob((choice.english, choice.native, *choice.other_names))
