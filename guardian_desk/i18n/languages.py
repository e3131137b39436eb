"""The interface languages Guardian Desk speaks, and how a system's locale maps onto them.

Codes are BCP 47 as an officer sees them in Settings ("sr-Latn"); Babel and gettext spell
the same language with an underscore ("sr_Latn"), see `babel_code`.
"""

from __future__ import annotations

from collections.abc import Iterable

ENGLISH = "en"
# The source language first; Serbian Latin is derived from the Serbian Cyrillic catalogue.
LANGUAGES: tuple[str, ...] = ("en", "sq", "sr", "sr-Latn", "mk")
# Decorates and lengthens every string by 40 % (tests and translators: finds what bypasses
# translation and what gets clipped). Not offered in Settings.
PSEUDO = "en-XA"
# Each language's own name, as CLDR writes it (Babel's Locale(code).display_name); kept here
# so the language picker does not load Babel's data at start.
AUTONYMS = {
    "en": "English",
    "sq": "Shqip",
    "sr": "Српски (ћирилица)",
    "sr-Latn": "Srpski (latinica)",
    "mk": "Македонски",
    PSEUDO: "[Ƥşḗŭḓǿ]",
}
# Languages whose catalogue is shipped as a .po file (the others are derived or the source).
CATALOGUED: tuple[str, ...] = ("sq", "sr", "mk")


def normalise(code: str | None) -> str | None:
    """One of LANGUAGES (or PSEUDO) for a code in any common spelling, else None.

    "sr_RS@latin", "sr-Latn-ME" and "sr_Latn" are Serbian Latin; "sr_RS", "sr-Cyrl" Cyrillic;
    "sq_XK", "mk_MK.UTF-8" and "en_GB" their language.
    """
    if not code:
        return None
    text = code.strip().split(".")[0].replace("_", "-")
    if text.lower() == PSEUDO.lower():
        return PSEUDO
    modifier = ""
    if "@" in text:
        text, modifier = text.split("@", 1)
    parts = [p for p in text.split("-") if p]
    if not parts:
        return None
    language = parts[0].lower()
    scripts = {p.title() for p in parts[1:] if len(p) == 4}
    if language == "sr":
        latin = "Latn" in scripts or modifier.lower() == "latin"
        return "sr-Latn" if latin else "sr"
    return language if language in LANGUAGES else None


def first_supported(codes: Iterable[str]) -> str | None:
    """The first of a system's preferred languages that Guardian Desk speaks."""
    for code in codes:
        found = normalise(code)
        if found is not None:
            return found
    return None


def babel_code(language: str) -> str:
    """The Babel/CLDR locale for formats: English as written in Europe (6 Dec 2026, 14:30)."""
    if language in (ENGLISH, PSEUDO):
        return "en_GB"
    return language.replace("-", "_")


def catalogue_of(language: str) -> str | None:
    """The .po catalogue a language reads from: sr-Latn reads sr's, English none."""
    if language == "sr-Latn":
        return "sr"
    return language if language in CATALOGUED else None
