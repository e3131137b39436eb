"""Dates, times, numbers, lists, language and country names from CLDR (Babel), in the active
interface language: one format family per language across the app and the papers.

Times are 24-hour in every language (14:30): CLDR gives Albanian "2:30 m.d.", which no office
in Tirana or Prishtina writes on a paper. Dates are CLDR's medium form ("6 dhj 2026",
"6. 12. 2026.", "6 Dec 2026"), or its long form on papers ("6 dhjetor 2026").
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time
from functools import lru_cache
from typing import TYPE_CHECKING, Literal

from guardian_desk.i18n import current_language
from guardian_desk.i18n.languages import babel_code

if TYPE_CHECKING:
    from babel import Locale

TIME = "HH:mm"


@lru_cache(maxsize=16)
def _locale(language: str) -> Locale:
    from babel import Locale  # 30 ms with its data: loaded at the first date, not at start

    return Locale.parse(babel_code(language))


def active_locale() -> Locale:
    return _locale(current_language())


def load_formats() -> None:
    """Load the interface language's CLDR data and the likely languages of countries now
    (about 0.1 s of unpickling): the app calls this on a thread of its own at start, where
    it overlaps the database's round trips instead of the first screen's painting."""
    from babel.core import get_global

    get_global("likely_subtags")
    number_text(0)
    date_text(date(2026, 1, 1))


def date_text(day: date | None, *, long: bool = False) -> str:
    """ "" for no date."""
    if day is None:
        return ""
    from babel.dates import format_date

    return format_date(day, "long" if long else "medium", locale=active_locale())


def time_text(moment: time | datetime) -> str:
    return f"{moment.hour:02d}:{moment.minute:02d}"


def datetime_text(moment: datetime | None, *, long: bool = False) -> str:
    if moment is None:
        return ""
    return f"{date_text(moment.date(), long=long)}, {time_text(moment)}"


def weekday_text(day: date, *, short: bool = True) -> str:
    from babel.dates import format_date

    return format_date(day, "EEE" if short else "EEEE", locale=active_locale())


def month_text(day: date) -> str:
    """Month and year as a heading: "dhjetor 2026", "децембар 2026."."""
    from babel.dates import format_skeleton

    return format_skeleton("yMMMM", day, locale=active_locale())


def day_month_text(day: date) -> str:
    """A day in a week view: "6 Dec", "6. дец"."""
    from babel.dates import format_skeleton

    return format_skeleton("MMMd", day, locale=active_locale())


def number_text(value: float, *, digits: int = 0) -> str:
    from babel.numbers import format_decimal

    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return format_decimal(value, pattern, locale=active_locale())


def percent_text(value: float) -> str:
    from babel.numbers import format_percent

    return format_percent(value, locale=active_locale())


def list_text(items: Iterable[str], *, style: Literal["standard", "or"] = "standard") -> str:
    """ "a, b and c" / "a, b dhe c" / "a, b и c"; style "or" for alternatives."""
    from babel.lists import format_list

    return format_list(list(items), style=style, locale=active_locale())


# Codes CLDR names under another key: Dari is fa_AF, macrolanguages by their ISO 639-1 code.
_CLDR_KEYS = {"prs": "fa_AF", "arb": "ar", "pes": "fa", "cmn": "zh", "swh": "sw"}


def language_name_in(code: str, language: str) -> str | None:
    """CLDR's name of an ISO 639-3 (or 639-1) language code in an interface language."""
    names = _locale(language).languages
    for key in (_CLDR_KEYS.get(code), code, _alpha_2(code)):
        if key and key in names:
            return str(names[key])
    return None


def country_name_in(code: str, language: str) -> str | None:
    found = _locale(language).territories.get(code.upper())
    return str(found) if found else None


@lru_cache(maxsize=1024)
def _alpha_2(code: str) -> str | None:
    import pycountry

    found = pycountry.languages.get(alpha_3=code) if len(code) == 3 else None
    return getattr(found, "alpha_2", None)
