"""Languages by ISO 639-3 code, named from pycountry's ISO tables (no hand-kept list)."""

from __future__ import annotations

from functools import lru_cache

import pycountry

from guardian_desk.domain.validation import USER_ASSIGNED_COUNTRIES


@lru_cache(maxsize=4096)
def language_name(code: str) -> str:
    """English name of an ISO 639-3 code; the code itself when unknown."""
    found = pycountry.languages.get(alpha_3=code)
    return found.name if found is not None else code


@lru_cache(maxsize=512)
def country_name(code: str) -> str:
    if code in USER_ASSIGNED_COUNTRIES:
        return USER_ASSIGNED_COUNTRIES[code]
    found = pycountry.countries.get(alpha_2=code)
    return getattr(found, "common_name", None) or (found.name if found else code)
