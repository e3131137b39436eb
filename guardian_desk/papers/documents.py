"""The printed papers: appointment, mediator letter, visit schedule, case summary (and the card,
in card.py). Each `render_*` takes the paper's content and the office's letterhead and returns
the PDF as bytes.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from guardian_desk.papers.blocks import (
    LABEL,
    SMALL,
    Signatory,
    body,
    bullets,
    fields,
    format_date,
    format_when,
    heading,
    officer_signatory,
    present,
    reference_line,
    signatures,
    title,
)
from guardian_desk.papers.content import (
    AppointmentContent,
    ChildDetails,
    Letterhead,
    MediatorLetterContent,
    PersonDetails,
    ScheduleContent,
    ScheduleRow,
    SummaryContent,
)
from guardian_desk.papers.flowables import TextBlock
from guardian_desk.papers.layout import GREY, build_pdf
from guardian_desk.papers.text import Span


def _child_fields(child: ChildDetails) -> list[Flowable]:
    born = None
    if child.date_of_birth is not None:
        born = format_date(child.date_of_birth)
        if child.date_of_birth_estimated:
            born += " (estimated)"
    languages = ", ".join(lang for lang in child.languages if present(lang)) or None
    return fields(
        [
            ("Name", child.name),
            ("Case number", child.case_number),
            ("Date of birth", born),
            ("Nationality", child.nationality),
            ("Languages", languages),
            ("Lives at", child.facility),
        ]
    )


def _person_fields(person: PersonDetails) -> list[Flowable]:
    return fields(
        [
            ("Name", person.name),
            ("Organisation", person.organisation),
            ("Phone", person.phone),
            ("Email", person.email),
        ]
    )


def _notes(notes: str | None) -> list[Flowable]:
    if not present(notes):
        return []
    return [heading("Notes"), body(notes or "")]


def render_appointment(content: AppointmentContent, letterhead: Letterhead) -> bytes:
    """The appointment of a guardian: who, for which child, on which legal basis, what duties."""
    story: list[Flowable] = [
        reference_line(content),
        title("Appointment of a guardian"),
        # Names in the regular weight: a bold Arabic or Ethiopic name would embed one more font.
        body(
            f"{letterhead.office_name} appoints {content.guardian.name} as the guardian of "
            f"{content.child.name} (case number {content.child.case_number})."
        ),
    ]
    if present(content.legal_basis):
        story += [heading("Legal basis"), body(content.legal_basis)]
    story += [heading("Child"), *_child_fields(content.child)]
    story += [heading("Guardian"), *_person_fields(content.guardian)]
    duties = [duty for duty in content.duties if present(duty)]
    if duties:
        story += [heading("Duties of the guardian"), *bullets(duties)]
    if content.first_visit is not None:
        story += [
            heading("First visit"),
            body(f"The guardian first visits the child on {format_when(content.first_visit)}."),
        ]
    story += _notes(content.notes)
    story.append(
        signatures(
            [
                officer_signatory(content),
                Signatory("Guardian: I accept this appointment", content.guardian.name),
            ]
        )
    )
    return build_pdf(content, letterhead, story)


def render_mediator_letter(content: MediatorLetterContent, letterhead: Letterhead) -> bytes:
    """The letter that assigns a cultural mediator between a child and the child's guardian."""
    bridge = f"{content.child_language} → {content.guardian_language}"
    story: list[Flowable] = [
        reference_line(content),
        title("Assignment of a cultural mediator"),
        body(
            f"{letterhead.office_name} assigns {content.mediator.name} as cultural mediator and "
            f"interpreter between {content.child.name} (case number {content.child.case_number}) "
            f"and the child's guardian {content.guardian.name}."
        ),
        *fields([("Languages bridged", bridge)]),
        heading("Mediator"),
        *_person_fields(content.mediator),
        heading("Child"),
        *_child_fields(content.child),
        heading("Guardian"),
        *_person_fields(content.guardian),
        *_notes(content.notes),
        signatures([officer_signatory(content), Signatory("Mediator", content.mediator.name)]),
    ]
    return build_pdf(content, letterhead, story)


_SCHEDULE_COLUMNS = (
    ("Date", 29 * mm),
    ("Time", 21 * mm),
    ("Child", 28 * mm),
    ("Facility", 34 * mm),
    ("With", 38 * mm),
    ("Status", 20 * mm),
)
_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def _schedule_cells(row: ScheduleRow) -> list[Flowable]:
    day = f"{_WEEKDAYS[row.day.weekday()]} {format_date(row.day, short=True)}"
    hours = f"{row.starts_at:%H:%M}"
    if row.ends_at is not None:
        hours += f"–{row.ends_at:%H:%M}"
    child = "\n".join(part for part in (row.case_number, row.child_initials) if present(part))
    values = (day, hours, child, row.facility, row.with_whom, row.status)
    return [TextBlock(value or "", SMALL) for value in values]


def _schedule_table(rows: tuple[ScheduleRow, ...]) -> Flowable:
    header = [TextBlock([Span(name, bold=True)], SMALL) for name, _ in _SCHEDULE_COLUMNS]
    data = [header] + [_schedule_cells(row) for row in rows]
    table = Table(
        data,
        colWidths=[width for _, width in _SCHEDULE_COLUMNS],
        repeatRows=1,  # the header row again on every page
        hAlign="LEFT",
    )
    style = TableStyle(
        [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ("BACKGROUND", (0, 0), (-1, 0), (0.9, 0.9, 0.9)),
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, GREY),
            ("LINEBELOW", (0, 1), (-1, -1), 0.3, (0.75, 0.75, 0.75)),
        ]
    )
    table.setStyle(style)
    return table


def render_schedule(content: ScheduleContent, letterhead: Letterhead) -> bytes:
    """A guardian's or a mediator's visits in a period, as a table that runs over pages."""
    period = f"{format_date(content.period_start)} – {format_date(content.period_end)}"
    story: list[Flowable] = [
        reference_line(content),
        title("Visit schedule"),
        *fields(
            [
                (content.role, content.person.name),
                ("Phone", content.person.phone),
                ("Period", period),
            ]
        ),
        Spacer(0, 3 * mm),
    ]
    if content.rows:
        story.append(_schedule_table(content.rows))
    else:
        story.append(body("No visits are planned in this period."))
    story.append(signatures([officer_signatory(content)]))
    return build_pdf(content, letterhead, story)


def render_summary(content: SummaryContent, letterhead: Letterhead) -> bytes:
    """A child's case summary for a referral or a transfer: only the fields the officer chose."""
    story: list[Flowable] = [
        reference_line(content),
        title(f"Case summary for {content.purpose.lower()}"),
        *fields(
            [
                ("To", content.recipient),
                ("Child", content.child_name),
                ("Case number", content.case_number),
            ]
        ),
        TextBlock(
            "Confidential: personal data of a child, shared only for this "
            f"{content.purpose.lower()}. Do not pass it on.",
            LABEL,
            space_before=2 * mm,
            space_after=1 * mm,
        ),
        heading("Summary"),
        *(fields(content.fields) or [body("No details were chosen for this summary.")]),
        signatures([officer_signatory(content)]),
    ]
    return build_pdf(content, letterhead, story)
