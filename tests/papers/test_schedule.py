"""A long schedule runs over several pages with its header row on each."""

from __future__ import annotations

from guardian_desk.papers.layout import MARGIN
from tests.papers.conftest import render
from tests.papers.pdf import find_word, flat_text_of, words_of
from tests.papers.samples import schedule_rows

HEADER = ("Date", "Time", "Child", "Facility", "With", "Status")


def test_the_header_row_repeats_on_every_page() -> None:
    data = render("schedule", rows=schedule_rows(90))
    words = words_of(data)
    pages = sorted({w.page for w in words})
    assert len(pages) >= 3
    for page in pages:
        on_page = [w for w in words if w.page == page]
        for title in HEADER:
            find_word(on_page, title)
    text = flat_text_of(data)
    for n in range(90):
        assert f"KU-2025-{n:03d}" in text
    assert f"Page 1 of {len(pages)}" in text and f"Page {len(pages)} of {len(pages)}" in text


def test_a_row_shows_its_date_time_child_and_status() -> None:
    text = flat_text_of(render("schedule", rows=schedule_rows(1)))
    assert "Sat 1 Mar 2025" in text
    assert "09:00–10:30" in text
    assert "KU-2025-000" in text and "M. A." in text
    assert "Done" in text


def test_table_stays_inside_the_margins() -> None:
    for word in words_of(render("schedule", rows=schedule_rows(40))):
        assert word.x_min >= MARGIN - 1 and word.x_max <= word.page_width - MARGIN + 1


def test_a_full_length_case_number_stays_on_one_line() -> None:
    from dataclasses import replace

    rows = tuple(replace(r, case_number="AL-2026-00225") for r in schedule_rows(3))
    words = [w.text for w in words_of(render("schedule", rows=rows))]
    assert words.count("AL-2026-00225") == 3
