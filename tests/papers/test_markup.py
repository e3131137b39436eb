"""User text is printed literally: markup characters neither break a paper nor format it."""

from __future__ import annotations

from dataclasses import replace

from guardian_desk import papers
from guardian_desk.papers import ChildDetails, PersonDetails, ScheduleRow
from tests.papers import samples
from tests.papers.pdf import flat_text_of

MARKUP = samples.MARKUP  # A<B & "C" <b>bold</b>
OFFICE = replace(
    samples.LETTERHEAD,
    office_name=f"Office {MARKUP}",
    address_lines=(f"Street {MARKUP}",),
    phone=f"+1 {MARKUP}",
    email=f"mail {MARKUP}",
)
PERSON = PersonDetails(
    f"Person {MARKUP}", phone=f"Tel {MARKUP}", email=f"Mail {MARKUP}", organisation=f"Org {MARKUP}"
)
CHILD = ChildDetails(
    name=f"Child {MARKUP}",
    case_number=f"Case {MARKUP}",
    nationality=f"Land {MARKUP}",
    languages=(f"Lang {MARKUP}",),
    facility=f"Home {MARKUP}",
)
PAPER = {
    "reference": f"Ref {MARKUP}",
    "officer_name": f"Officer {MARKUP}",
    "officer_title": f"Title {MARKUP}",
}


def _count(text: str) -> int:
    return text.count(MARKUP)


def test_markup_in_every_field_of_an_appointment_prints_literally() -> None:
    content = samples.appointment(
        **PAPER,
        child=CHILD,
        guardian=PERSON,
        legal_basis=f"Law {MARKUP}",
        duties=(f"Duty {MARKUP}",),
        notes=f"Note {MARKUP}",
    )
    text = flat_text_of(papers.render_appointment(content, OFFICE))
    for field in (
        "Office",
        "Street",
        "+1",
        "mail",
        "Person",
        "Tel",
        "Mail",
        "Org",
        "Child",
        "Case",
        "Land",
        "Lang",
        "Home",
        "Ref",
        "Officer",
        "Title",
        "Law",
        "Duty",
        "Note",
    ):
        assert f"{field} {MARKUP}" in text, field


def test_markup_in_a_mediator_letter() -> None:
    content = samples.mediator_letter(
        **PAPER,
        mediator=PERSON,
        child=CHILD,
        guardian=PERSON,
        child_language=f"From {MARKUP}",
        guardian_language=f"To {MARKUP}",
        notes=f"Note {MARKUP}",
    )
    text = flat_text_of(papers.render_mediator_letter(content, OFFICE))
    for field in ("Person", "Child", "From", "To", "Note", "Officer"):
        assert f"{field} {MARKUP}" in text, field


def test_markup_in_a_schedule() -> None:
    row = replace(
        samples.schedule_rows(1)[0],
        case_number=f"C {MARKUP}",
        child_initials=f"I {MARKUP}",
        facility=f"F {MARKUP}",
        with_whom=f"W {MARKUP}",
        status=f"S {MARKUP}",
    )
    rows: tuple[ScheduleRow, ...] = (row,)
    content = samples.schedule(**PAPER, person=PERSON, role=f"Role {MARKUP}", rows=rows)
    text = flat_text_of(papers.render_schedule(content, OFFICE))
    assert _count(text) >= 10  # five cells, the person, role, reference, officer ...


def test_markup_in_a_summary_and_a_card() -> None:
    summary = samples.summary(
        **PAPER,
        child_name=f"Child {MARKUP}",
        purpose=f"Purpose {MARKUP}",
        recipient=f"To {MARKUP}",
        fields=((f"Label {MARKUP}", f"Value {MARKUP}"),),
    )
    text = flat_text_of(papers.render_summary(summary, OFFICE))
    for field in ("Child", "To", "Label", "Value"):
        assert f"{field} {MARKUP}" in text, field
    card = samples.card(
        **PAPER,
        child_name=f"Child {MARKUP}",
        guardian_name=f"Guardian {MARKUP}",
        guardian_phone=f"Phone {MARKUP}",
        mediator_name=f"Mediator {MARKUP}",
        help_phone=f"Help {MARKUP}",
    )
    text = flat_text_of(papers.render_card(card, OFFICE))
    for field in ("Child", "Guardian", "Phone", "Mediator", "Help"):
        assert f"{field} {MARKUP}" in text, field
