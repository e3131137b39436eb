"""The four papers print in the language asked for, and bilingual with English.

The catalogues are drafted while this is written, so the mechanism is tested with the
pseudo-locale: every string the papers translate comes back decorated ("⟦Ļéĝàĺ ƀàšîš···⟧").
The dates come from CLDR in every language, so Albanian, Serbian and Macedonian dates show
that the paper speaks the language asked for, and that Cyrillic prints.
"""

from __future__ import annotations

import pytest

from guardian_desk import papers
from tests.papers import samples
from tests.papers.conftest import RENDERERS
from tests.papers.pdf import flat_text_of
from tests.papers.pseudo import decorated, pseudo

__all__ = ["pseudo"]

TITLES = {
    "appointment": "Appointment of a guardian",
    "mediator_letter": "Assignment of a cultural mediator",
    "schedule": "Visit schedule",
    "summary": "Case summary for referral",
}
FOUR = sorted(TITLES)


def render(kind: str, **options: object) -> str:
    make, render_paper = RENDERERS[kind]
    return flat_text_of(render_paper(make(), samples.LETTERHEAD, **options))


@pytest.mark.usefixtures("pseudo")
@pytest.mark.parametrize("kind", FOUR)
def test_a_paper_in_the_pseudo_locale_has_every_heading_translated(kind: str) -> None:
    text = render(kind, language="en-XA")
    for english in (TITLES[kind], "Reference:", "Date:", "For the office"):
        assert decorated(english) in text, english
        assert english not in text, english
    assert decorated("Page {page} of {pages}").format(page=1, pages=1) in text


@pytest.mark.usefixtures("pseudo")
@pytest.mark.parametrize("kind", FOUR)
def test_a_bilingual_paper_has_both_headings(kind: str) -> None:
    text = render(kind, language="en-XA", bilingual=True)
    assert decorated(TITLES[kind]) in text
    assert f"/ {TITLES[kind]}" in text
    assert "/ Reference:" in text and "/ For the office" in text


@pytest.mark.usefixtures("pseudo")
def test_a_bilingual_appointment_says_each_sentence_in_english_after_the_local_one() -> None:
    text = render("appointment", language="en-XA", bilingual=True)
    local = text.index(decorated("The guardian first visits the child on {when}.").split("{")[0])
    english = text.index("The guardian first visits the child on 18 March 2025, 10:30.")
    assert local < english
    assert decorated("Legal basis") in text and "/ Legal basis" in text
    assert "/ Duties of the guardian" in text


@pytest.mark.usefixtures("pseudo")
def test_english_bilingual_is_english_once() -> None:
    text = render("appointment", language="en", bilingual=True)
    assert "Legal basis" in text and "/ Legal basis" not in text
    assert text.count("The guardian first visits the child on") == 1


@pytest.mark.parametrize(
    ("language", "date"),
    [
        ("en", "14 March 2025"),
        ("sq", "14 mars 2025"),
        ("sr", "14. март 2025."),
        ("sr-Latn", "14. mart 2025."),
        ("mk", "14 март 2025"),
    ],
)
@pytest.mark.parametrize("kind", FOUR)
def test_dates_are_written_in_the_papers_language(kind: str, language: str, date: str) -> None:
    assert date in render(kind, language=language)


def test_an_unknown_language_prints_english() -> None:
    assert "Appointment of a guardian" in render("appointment", language="de")
    assert "14 March 2025" in render("appointment", language="de")


def test_the_schedule_counts_its_visits_with_the_right_plural() -> None:
    many = flat_text_of(papers.render_schedule(samples.schedule(), samples.LETTERHEAD))
    one = flat_text_of(
        papers.render_schedule(samples.schedule(rows=samples.schedule_rows(1)), samples.LETTERHEAD)
    )
    assert "12 visits" in many
    assert "1 visit" in one and "1 visits" not in one


def test_the_schedule_names_weekdays_in_the_papers_language() -> None:
    text = flat_text_of(
        papers.render_schedule(samples.schedule(), samples.LETTERHEAD, language="sr")
    )
    assert "суб 1. 3. 2025." in text  # Saturday 1 March 2025


@pytest.mark.parametrize("language", ["sq", "sr", "sr-Latn", "mk"])
@pytest.mark.parametrize("kind", FOUR)
def test_the_four_papers_print_translated_headings(kind: str, language: str) -> None:
    """With the shipped catalogues: the title and the reference line in the language, not in
    English; Serbian Latin in Latin letters only."""
    from guardian_desk.i18n.catalogues import translations

    catalogue = translations(language)
    text = render(kind, language=language)
    title = catalogue.gettext(TITLES[kind])
    assert title != TITLES[kind] and title in text
    assert TITLES[kind] not in text
    assert catalogue.gettext("Reference:") in text
    if language == "sr-Latn":
        assert not any("\u0400" <= letter <= "\u04ff" for letter in title + text[:200])


@pytest.mark.parametrize(
    ("language", "visits", "expected"),
    [
        ("sr", 1, "1 посета"),
        ("sr", 3, "3 посете"),
        ("sr", 12, "12 посета"),
        ("sr", 22, "22 посете"),
        ("sr-Latn", 3, "3 posete"),
        ("mk", 1, "1 посета"),
        ("mk", 12, "12 посети"),
        ("sq", 1, "1 vizitë"),
        ("sq", 12, "12 vizita"),
    ],
)
def test_the_schedule_counts_its_visits_with_each_language_s_plural(
    language: str, visits: int, expected: str
) -> None:
    from guardian_desk.i18n.catalogues import translations

    text = flat_text_of(
        papers.render_schedule(
            samples.schedule(rows=samples.schedule_rows(visits)),
            samples.LETTERHEAD,
            language=language,
        )
    )
    assert (
        translations(language)
        .ngettext("{count} visit", "{count} visits", visits)
        .format(count=visits)
        == expected
    )
    assert expected in text
