"""Names in every script come out of the PDF as the same letters (copy, search, pdftotext)."""

from __future__ import annotations

from guardian_desk import papers
from guardian_desk.papers.content import PersonDetails
from tests.papers import samples
from tests.papers.conftest import render
from tests.papers.pdf import flat_text_of, text_of

NAMES = {
    "Latin with diacritics": "Ëlira Çela",
    "Serbian Latin": "Đorđe Šarić",
    "Cyrillic": "Јована Стојановић",
    "Arabic": "محمد علي",
    "Dari": "ذبیح‌الله پوپلزی",
    "Pashto": "ګل ښکلې",
    "Urdu": "فرحان چودھری",
    "Tigrinya": "ተስፋይ ገብረሂወት",
    "Bengali": "রহিম উদ্দিন",
}


def test_every_script_reads_back_from_an_appointment() -> None:
    for script, name in NAMES.items():
        content = samples.appointment(
            child=samples.child(name), guardian=PersonDetails(samples.LATIN)
        )
        text = text_of(papers.render_appointment(content, samples.LETTERHEAD))
        assert name in text, f"{script} name {name!r} not found in:\n{text}"


def test_each_paper_prints_its_names(kind: str) -> None:
    text = flat_text_of(render(kind))
    expected = {
        "appointment": [samples.ARABIC, samples.LATIN],
        "mediator_letter": [samples.CYRILLIC, samples.ETHIOPIC, samples.SERBIAN_LATIN],
        "schedule": [samples.LATIN, samples.ARABIC, samples.ETHIOPIC, samples.BENGALI],
        "summary": [samples.BENGALI, samples.ARABIC, samples.LATIN],
        "card": [samples.ARABIC, samples.LATIN, samples.CYRILLIC],
    }[kind]
    for name in expected:
        assert name in text


def test_a_name_mixing_scripts_prints_every_part() -> None:
    mixed = "Ahmed أحمد ተስፋይ রহিম Јован"
    content = samples.appointment(child=samples.child(mixed))
    text = text_of(papers.render_appointment(content, samples.LETTERHEAD))
    for part in mixed.split():
        assert part in text


def test_the_languages_bridged_show_an_arrow() -> None:
    text = text_of(render("mediator_letter"))
    assert "Dari → Albanian" in text
