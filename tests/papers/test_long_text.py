"""Very long names and notes wrap and flow onto more pages; nothing runs off the page."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from guardian_desk import papers
from guardian_desk.papers import PersonDetails
from guardian_desk.papers.layout import MARGIN
from tests.papers import samples
from tests.papers.conftest import render
from tests.papers.pdf import Word, flat_text_of, words_of

LONG_WORD = "Wolfeschlegelsteinhausenbergerdorff" * 6  # one word wider than the page
LONG_NAME = " ".join(["Maximilian-Alexander", "Đorđević-Šarić", "عبد الرحمن"] * 12)
LONG_NOTE = "\n".join(
    f"Paragraph {n}: the child told the guardian about the journey. " * 12 for n in range(40)
)


def _inside_margins(words: list[Word]) -> None:
    assert words
    for word in words:
        assert word.x_min >= MARGIN - 1, word
        assert word.x_max <= word.page_width - MARGIN + 1, word
        assert word.y_min >= MARGIN - 1, word
        assert word.y_max <= word.page_height - MARGIN + 1, word


def test_long_names_and_notes_stay_inside_the_margins(kind: str) -> None:
    long_person = PersonDetails(LONG_NAME, phone=LONG_WORD, email=LONG_WORD)
    by_kind: dict[str, dict[str, Any]] = {
        "appointment": {
            "child": samples.child(LONG_NAME),
            "guardian": long_person,
            "legal_basis": LONG_NOTE[:3000],
            "duties": (LONG_NOTE[:800], LONG_WORD),
            "notes": LONG_NOTE,
        },
        "mediator_letter": {
            "mediator": long_person,
            "child": samples.child(LONG_WORD),
            "notes": LONG_NOTE,
        },
        "schedule": {
            "person": long_person,
            "rows": tuple(
                replace(row, facility=LONG_WORD, with_whom=LONG_NAME)
                for row in samples.schedule_rows(20)
            ),
        },
        "summary": {
            "child_name": LONG_NAME,
            "fields": (("Name", LONG_NAME), ("Story", LONG_NOTE), ("Code", LONG_WORD)),
        },
        "card": {
            "child_name": LONG_NAME,
            "guardian_name": LONG_NAME,
            "guardian_phone": LONG_WORD,
            "mediator_name": LONG_WORD,
        },
    }
    changes = by_kind[kind]
    data = render(kind, replace(samples.LETTERHEAD, office_name=LONG_NAME), **changes)
    _inside_margins(words_of(data))


def test_long_notes_flow_over_pages_and_lose_nothing() -> None:
    content = samples.appointment(notes=LONG_NOTE)
    data = papers.render_appointment(content, samples.LETTERHEAD)
    words = words_of(data)
    pages = max(w.page for w in words)
    assert pages >= 3
    text = flat_text_of(data)
    for n in range(40):
        assert f"Paragraph {n}:" in text
    assert f"Page {pages} of {pages}" in text
