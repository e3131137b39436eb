"""The office's locale (from its country): collation of names, dates and numbers."""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QLocale


@lru_cache(maxsize=64)
def office_language(country: str) -> str:
    """The likely main language of a country ('sq' for AL, 'mk' for MK), from CLDR's likely
    subtags as Babel has them (its global data, which the first number or date formatted
    loads anyway; langcodes took 70 ms on the way to the sidebar)."""
    from babel.core import get_global

    found = get_global("likely_subtags").get(f"und_{country.upper()}")
    return str(found).split("_")[0] if found else "en"


def office_locale(country: str) -> QLocale:
    language = office_language(country)
    return QLocale(f"{language}_{country}") if country != "XX" else QLocale(language)
