"""The office's language, from its country (CLDR's likely subtags): it sorts the registries."""

from __future__ import annotations

import pytest

from ui.office_locale import office_language, office_locale


@pytest.mark.parametrize(
    ("country", "language"),
    [("AL", "sq"), ("XK", "sq"), ("MK", "mk"), ("RS", "sr"), ("ME", "sr"), ("BA", "bs"),
     ("GR", "el"), ("BG", "bg"), ("HR", "hr"), ("TR", "tr"), ("XX", "en"), ("al", "sq")],
)  # fmt: skip
def test_the_office_language_is_the_countrys_likely_one(country: str, language: str) -> None:
    assert office_language(country) == language


def test_the_office_locale_names_language_and_country() -> None:
    assert office_locale("MK").name() == "mk_MK"
    assert office_locale("XX").name().startswith("en")
