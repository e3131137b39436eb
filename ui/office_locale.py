"""The office's locale (from its country): collation of names, dates and numbers."""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QLocale


@lru_cache(maxsize=64)
def office_language(country: str) -> str:
    """The likely main language of a country ('sq' for AL, 'mk' for MK), from CLDR data."""
    import langcodes  # 0.15 s to import: only when the office's country is known

    return langcodes.Language.get(f"und-{country}").maximize().language or "en"


def office_locale(country: str) -> QLocale:
    language = office_language(country)
    return QLocale(f"{language}_{country}") if country != "XX" else QLocale(language)
