"""Choosing a language: every living ISO 639-3 language, found by any of its names."""

from __future__ import annotations

import re

import pytest

from guardian_desk.domain.languages import (
    COMMON_LANGUAGES,
    LanguageChoice,
    language_choices,
    language_label,
    matches,
    native_name,
)
from guardian_desk.domain.text import fold


def _found(query: str) -> list[str]:
    return [c.code for c in language_choices() if matches(c, fold(query))]


def test_common_languages_come_first_in_their_order() -> None:
    choices = language_choices()
    assert [c.code for c in choices[: len(COMMON_LANGUAGES)]] == list(COMMON_LANGUAGES)
    rest = choices[len(COMMON_LANGUAGES) :]
    assert len(rest) > 6000
    assert not {c.code for c in rest} & set(COMMON_LANGUAGES)
    # Then alphabetical as in a dictionary: a leading apostrophe or an accent does not count.
    keys = [re.sub(r"^\W+", "", fold(c.english)) for c in rest]
    assert keys == sorted(keys)
    assert rest[0].english[0] in "A'"


def test_only_living_individual_languages_and_macrolanguages() -> None:
    codes = {c.code for c in language_choices()}
    assert {"prs", "ara", "arb", "tir", "zho", "cmn"} <= codes
    assert "grc" not in codes  # Ancient Greek: historical
    assert "zxx" not in codes  # "no linguistic content": special
    assert "sgn" not in codes  # a collective code


def test_names_english_from_pycountry_native_from_cldr() -> None:
    dari = next(c for c in language_choices() if c.code == "prs")
    assert dari == LanguageChoice("prs", "Dari", "دری")
    assert native_name("tir") == "ትግርኛ"
    assert native_name("pus") == "پښتو"
    assert native_name("ckb") == "کوردیی ناوەندی"
    assert native_name("acm") == ""  # CLDR has none: no repeat of the English name
    assert native_name("eng") == ""  # "English — English" says nothing


def test_label() -> None:
    assert language_label("prs") == "Dari — دری (prs)"
    assert language_label("acm") == "Mesopotamian Arabic (acm)"
    assert language_label("tir") == "Tigrinya — ትግርኛ (tir)"


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("dari", "prs"),
        ("Dari", "prs"),
        ("دری", "prs"),
        ("PRS", "prs"),
        ("tigrinya", "tir"),
        ("ትግርኛ", "tir"),
        ("pashto", "pus"),  # CLDR's English name; ISO says "Pushto"
        ("soomaali", "som"),
        ("francais", "fra"),  # accents do not matter
        ("СРПСКИ", "srp"),
    ],
)
def test_found_by_any_name_or_code(query: str, code: str) -> None:
    found = _found(query)
    assert code in found
    assert found[0] == code  # the common language is offered first


def test_code_matches_from_its_start_only() -> None:
    assert "prs" in _found("pr")
    dari = LanguageChoice("prs", "Dari", "دری")
    assert not matches(dari, "rs")
    assert matches(dari, "")


def test_english_language_names_are_pycountrys_for_every_code() -> None:
    import pycountry

    from guardian_desk.domain import languages

    names = languages._iso_639_3_names()
    assert len(names) == len(pycountry.languages)
    assert all(names[lang.alpha_3] == lang.name for lang in pycountry.languages)
    assert languages._english_language_name("prs") == "Dari"
    assert languages._english_language_name("zzz") == "zzz"  # unknown: the code itself
