"""Missing optional data leaves nothing behind: no "None", and no label without its value."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from guardian_desk import papers
from guardian_desk.papers import ChildDetails, PersonDetails
from tests.papers import samples
from tests.papers.pdf import flat_text_of

BARE_OFFICE = replace(samples.LETTERHEAD, address_lines=(), phone=None, email=None, logo=None)
BARE_CHILD = ChildDetails(name="Amina", case_number="KU-1")
BARE_PERSON = PersonDetails("Ana")
BARE_PAPER = {"officer_title": None}


def test_a_bare_appointment_prints_no_none_and_no_empty_labels() -> None:
    content = samples.appointment(
        **BARE_PAPER,
        child=BARE_CHILD,
        guardian=BARE_PERSON,
        duties=(),
        first_visit=None,
        notes=None,
    )
    text = flat_text_of(papers.render_appointment(content, BARE_OFFICE))
    assert "None" not in text
    for label in (
        "Date of birth",
        "Nationality",
        "Languages",
        "Lives at",
        "Phone",
        "Email",
        "Organisation",
        "First visit",
        "Duties",
        "Notes",
        "estimated",
    ):
        assert label not in text, label
    assert "Amina" in text and "Ana" in text


def test_blank_strings_count_as_missing() -> None:
    content = samples.appointment(
        child=replace(BARE_CHILD, nationality="  ", facility=""), notes="   ", duties=("", " ")
    )
    text = flat_text_of(papers.render_appointment(content, samples.LETTERHEAD))
    for label in ("Nationality", "Lives at", "Notes", "Duties"):
        assert label not in text, label


def test_other_papers_without_optional_data() -> None:
    letter = samples.mediator_letter(
        **BARE_PAPER, mediator=BARE_PERSON, child=BARE_CHILD, guardian=BARE_PERSON
    )
    schedule = samples.schedule(**BARE_PAPER, person=BARE_PERSON, rows=())
    summary = samples.summary(**BARE_PAPER, recipient=None, fields=(("Health", ""),))
    card = samples.card(
        **BARE_PAPER,
        guardian_phone=None,
        mediator_name=None,
        mediator_phone=None,
        next_visit=None,
        help_phone=None,
        child_language=None,
    )
    texts = {
        "letter": flat_text_of(papers.render_mediator_letter(letter, BARE_OFFICE)),
        "schedule": flat_text_of(papers.render_schedule(schedule, BARE_OFFICE)),
        "summary": flat_text_of(papers.render_summary(summary, BARE_OFFICE)),
        "card": flat_text_of(papers.render_card(card, BARE_OFFICE)),
    }
    for name, text in texts.items():
        assert "None" not in text, name
        assert "Phone" not in text and "Email" not in text, name
    assert "No visits are planned in this period." in texts["schedule"]
    assert "Health" not in texts["summary"] and "To " not in texts["summary"]
    for label in ("Next visit", "Your mediator", "If you need help"):
        assert label not in texts["card"]
    assert "Your guardian" in texts["card"]


def test_an_unknown_first_visit_is_left_out_and_a_known_one_printed() -> None:
    known = flat_text_of(render_appointment(first_visit=datetime(2025, 3, 18, 10, 30)))
    assert "18 March 2025, 10:30" in known
    unknown = flat_text_of(render_appointment(first_visit=None))
    assert "First visit" not in unknown and "None" not in unknown


def render_appointment(**changes: object) -> bytes:
    return papers.render_appointment(samples.appointment(**changes), samples.LETTERHEAD)
