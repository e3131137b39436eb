"""The languages officials speak in each country an office may be in (ISO 639-3).

A mediator booked for an interview, a doctor or a court bridges the child's language and
one of these. Kept as data: add a country by adding a line.
"""

from __future__ import annotations

OFFICE_LANGUAGES: dict[str, tuple[str, ...]] = {
    "AL": ("sqi",),  # Albania: Albanian
    "BA": ("bos", "hrv", "srp"),  # Bosnia and Herzegovina: Bosnian, Croatian, Serbian
    "BG": ("bul",),  # Bulgaria: Bulgarian
    "CY": ("ell", "tur"),  # Cyprus: Greek, Turkish
    "GR": ("ell",),  # Greece: Greek
    "HR": ("hrv",),  # Croatia: Croatian
    "HU": ("hun",),  # Hungary: Hungarian
    "ME": ("srp", "cnr"),  # Montenegro: Serbian, Montenegrin
    "MK": ("mkd",),  # North Macedonia: Macedonian
    "RO": ("ron",),  # Romania: Romanian
    "RS": ("srp",),  # Serbia: Serbian
    "SI": ("slv",),  # Slovenia: Slovenian
    "TR": ("tur",),  # Türkiye: Turkish
    "XK": ("sqi", "srp"),  # Kosovo: Albanian, Serbian
}


def office_languages(country: str) -> tuple[str, ...]:
    """The country's official languages; none for a country not listed (then a mediator
    needs only the child's language)."""
    return OFFICE_LANGUAGES.get(country.upper(), ())
