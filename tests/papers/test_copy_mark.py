"""A reprint says COPY on every page; an original never does."""

from __future__ import annotations

from tests.papers.conftest import render
from tests.papers.pdf import text_of, words_of
from tests.papers.samples import schedule_rows


def test_a_reprint_is_marked_copy_and_an_original_is_not(kind: str) -> None:
    assert "COPY" in text_of(render(kind, copy=True))
    assert "COPY" not in text_of(render(kind, copy=False))


def test_every_page_of_a_long_reprint_is_marked() -> None:
    words = words_of(render("schedule", copy=True, rows=schedule_rows(80)))
    pages = {w.page for w in words}
    assert len(pages) >= 3
    assert {w.page for w in words if w.text == "COPY"} == pages
