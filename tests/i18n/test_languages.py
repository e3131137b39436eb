"""Languages by name, Serbian Latin from Cyrillic, plural forms, CLDR formats."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from guardian_desk import i18n
from guardian_desk.i18n import formats
from guardian_desk.i18n.catalogues import translations
from guardian_desk.i18n.languages import first_supported, normalise
from guardian_desk.i18n.pseudo import decorate, is_decorated
from guardian_desk.i18n.transliteration import serbian_latin


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("sr_RS@latin", "sr-Latn"),
        ("sr-Latn-ME", "sr-Latn"),
        ("sr_Latn", "sr-Latn"),
        ("sr_RS.UTF-8", "sr"),
        ("sr-Cyrl-BA", "sr"),
        ("sq_XK", "sq"),
        ("mk_MK.UTF-8", "mk"),
        ("en_GB", "en"),
        ("de_DE", None),
        ("", None),
    ],
)
def test_a_system_locale_maps_onto_an_interface_language(given: str, expected: str | None) -> None:
    assert normalise(given) == expected


def test_the_first_spoken_of_the_system_s_preferred_languages_is_offered() -> None:
    assert first_supported(["de-AT", "mk-MK", "en-US"]) == "mk"
    assert first_supported(["de-AT", "fr"]) is None


def test_serbian_latin_is_letter_for_letter_with_capital_digraphs() -> None:
    assert serbian_latin("Љубица Џаковић, ЊЕГОШ и Ђорђе") == "Ljubica Džaković, NJEGOŠ i Đorđe"
    assert serbian_latin("Старатељ за {count} деце") == "Staratelj za {count} dece"
    assert serbian_latin("ЉУБА") == "LJUBA"


@pytest.mark.parametrize(
    ("language", "forms"),
    [
        ("sr", {1: 0, 2: 1, 4: 1, 5: 2, 11: 2, 12: 2, 21: 0, 22: 1, 25: 2, 101: 0}),
        ("sr-Latn", {1: 0, 3: 1, 14: 2, 31: 0}),
        # CLDR (Babel): Macedonian has two categories; 11 is "other" (11 дена).
        ("mk", {1: 0, 2: 1, 5: 1, 11: 1, 21: 0}),
        ("sq", {1: 0, 2: 1, 0: 1}),
    ],
)
def test_plural_forms_follow_cldr(language: str, forms: dict[int, int]) -> None:
    plural = translations(language).plural  # type: ignore[attr-defined]
    assert {n: plural(n) for n in forms} == forms


def test_serbian_latin_reads_the_cyrillic_catalogue_transliterated() -> None:
    cyrillic, latin = translations("sr"), translations("sr-Latn")
    source = "Cancel"
    assert cyrillic.gettext(source) != source  # translated
    assert latin.gettext(source) == serbian_latin(cyrillic.gettext(source))
    assert latin.gettext(source).isascii() or not any(
        "\u0400" <= ch <= "\u04ff" for ch in latin.gettext(source)
    )


def test_dates_numbers_and_lists_follow_the_language() -> None:
    day = date(2026, 12, 6)
    expected = {
        "en": ("6 Dec 2026", "6 December 2026", "20,000", "Dari and Tigrinya"),
        "sq": ("6 dhj 2026", "6 dhjetor 2026", "20 000", "darisht dhe tigrinjaisht"),
        "sr": ("6. 12. 2026.", "6. децембар 2026.", "20.000", "дари и тигриња"),
        "sr-Latn": ("6. 12. 2026.", "6. decembar 2026.", "20.000", "dari i tigrinja"),
        "mk": ("6 дек. 2026 г.", "6 декември 2026 г.", "20.000", "дари и тигриња"),
    }
    from guardian_desk.domain.languages import language_name

    def spaced(text: str) -> str:  # CLDR writes narrow and no-break spaces
        return text.replace("\u202f", " ").replace("\xa0", " ")

    for language, (medium, long, number, names) in expected.items():
        with i18n.using_language(language):
            assert spaced(formats.date_text(day)) == medium
            assert spaced(formats.date_text(day, long=True)) == long
            assert spaced(formats.number_text(20000)) == number
            assert formats.list_text([language_name("prs"), language_name("tir")]) == names
            assert formats.time_text(datetime(2026, 12, 6, 14, 30)) == "14:30"


def test_using_language_holds_inside_the_block_only() -> None:
    assert i18n.current_language() == "en"
    with i18n.using_language("sq"):
        assert i18n.current_language() == "sq"
        assert i18n._("Cancel") != "Cancel"
    assert i18n._("Cancel") == "Cancel"


def test_the_pseudo_locale_keeps_placeholders_mnemonics_and_markup() -> None:
    text = decorate("&Save {count} records for <b>{name}</b>; %n left")
    assert is_decorated(text)
    assert "{count}" in text and "{name}" in text and "<b>" in text and "%n" in text
    assert text.count("&") == 1
    assert len(text) >= len("&Save {count} records for <b>{name}</b>; %n left") * 1.35
