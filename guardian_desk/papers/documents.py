"""The printed papers: appointment, mediator letter, visit schedule, case summary (and the card,
in card.py). Each `render_*` takes the paper's content and the office's letterhead and returns
the PDF as bytes.
"""

from __future__ import annotations

from functools import partial

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table

from guardian_desk.i18n import N_, _, ngettext
from guardian_desk.i18n.formats import date_text, list_text, time_text, weekday_text
from guardian_desk.papers.blocks import (
    LABEL,
    SMALL,
    Signatory,
    body,
    bullets,
    english_body,
    fields,
    format_date,
    format_when,
    heading,
    office_text,
    officer_signatory,
    paragraph,
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
    Paper,
    PersonDetails,
    ScheduleContent,
    ScheduleRow,
    SummaryContent,
    TerminationContent,
)
from guardian_desk.papers.flowables import TextBlock
from guardian_desk.papers.languages import both, english_of, paper_language
from guardian_desk.papers.layout import GREY, build_pdf, table_style
from guardian_desk.papers.text import Span


def _child_fields(child: ChildDetails) -> list[Flowable]:
    born = None
    if child.date_of_birth is not None:
        born = format_date(child.date_of_birth)
        if child.date_of_birth_estimated:
            # TRANSLATORS: a date of birth that is only estimated, e.g. "1 May 2009 (estimated)".
            born = _("{date} (estimated)").format(date=born)
    languages = list_text(lang for lang in child.languages if present(lang)) or None
    return fields(
        [
            (both(lambda: _("Name")), child.name),
            (both(lambda: _("Case number")), child.case_number),
            (both(lambda: _("Date of birth")), born),
            (both(lambda: _("Nationality")), child.nationality),
            (both(lambda: _("Languages")), languages),
            (both(lambda: _("Lives at")), child.facility),
        ]
    )


def _person_fields(person: PersonDetails) -> list[Flowable]:
    return fields(
        [
            (both(lambda: _("Name")), person.name),
            (both(lambda: _("Organisation")), person.organisation),
            (both(lambda: _("Phone")), person.phone),
            (both(lambda: _("Email")), person.email),
        ]
    )


def _notes(notes: str | None) -> list[Flowable]:
    if not present(notes):
        return []
    return [heading(both(lambda: _("Notes"))), body(notes or "")]


def _closing(paper: Paper) -> list[Flowable]:
    """The office's closing formula, above the signatures."""
    english = paper.english.closing if paper.english is not None else None
    found = office_text(paper.closing, english)
    return [Spacer(0, 2 * mm), *found] if found else []


def render_appointment(
    content: AppointmentContent,
    letterhead: Letterhead,
    *,
    language: str | None = None,
    bilingual: bool = False,
) -> bytes:
    """The appointment of a guardian: who, for which child, on which legal basis, what duties.

    Printed in ``language`` (English by default), with English beside it when ``bilingual``.
    """
    with paper_language(language, bilingual):
        return build_pdf(content, letterhead, _appointment_story(content, letterhead))


def _appointment_story(content: AppointmentContent, letterhead: Letterhead) -> list[Flowable]:
    english = content.english
    guardian, child = content.guardian.name, content.child.name
    story: list[Flowable] = [
        reference_line(content),
        title(both(lambda: _("Appointment of a guardian"))),
        # Names in the regular weight: a bold Arabic or Ethiopic name would embed one more font.
        *paragraph(
            lambda: _(
                "{office} appoints {guardian} as the guardian of {child} "
                "(case number {case_number})."
            ).format(
                office=letterhead.office_name,
                guardian=guardian,
                child=child,
                case_number=content.child.case_number,
            )
        ),
        *fields(
            [
                (
                    both(lambda: _("Starts on")),
                    format_date(content.starts_on) if content.starts_on else None,
                ),
                (both(lambda: _("Decision")), content.decision_ref),
            ]
        ),
    ]
    if present(content.legal_basis):
        story += [
            heading(both(lambda: _("Legal basis"))),
            *office_text(content.legal_basis, english.legal_basis if english else None),
        ]
    story += [heading(both(lambda: _("Child"))), *_child_fields(content.child)]
    story += [heading(both(lambda: _("Guardian"))), *_person_fields(content.guardian)]
    duties = [duty for duty in content.duties if present(duty)]
    if duties:
        story += [
            heading(both(lambda: _("Duties of the guardian"))),
            *bullets(duties, english.duties if english else ()),
        ]
    first_visit = content.first_visit
    if first_visit is not None:
        story += [
            heading(both(lambda: _("First visit"))),
            *paragraph(
                lambda: _("The guardian first visits the child on {when}.").format(
                    when=format_when(first_visit)
                )
            ),
        ]
    story += _notes(content.notes)
    story += _closing(content)
    story.append(
        signatures(
            [
                officer_signatory(content),
                Signatory(both(lambda: _("Guardian: I accept this appointment")), guardian),
            ]
        )
    )
    return story


def render_termination(
    content: TerminationContent,
    letterhead: Letterhead,
    *,
    language: str | None = None,
    bilingual: bool = False,
) -> bytes:
    """The decision that ends an appointment: whose, for which child, from when and why."""
    with paper_language(language, bilingual):
        person, child = content.person.name, content.child.name
        guardian = content.role == "Guardian"
        ends_on = content.ends_on
        if guardian:
            heading_text = both(lambda: _("End of a guardian's appointment"))
            opening = paragraph(
                lambda: _(
                    "{office} ends the appointment of {person} as the guardian of {child} "
                    "(case number {case_number}) on {date}."
                ).format(
                    office=letterhead.office_name,
                    person=person,
                    child=child,
                    case_number=content.child.case_number,
                    date=format_date(ends_on),
                )
            )
        else:
            heading_text = both(lambda: _("End of a mediator's assignment"))
            opening = paragraph(
                lambda: _(
                    "{office} ends the assignment of {person} as the cultural mediator of "
                    "{child} (case number {case_number}) on {date}."
                ).format(
                    office=letterhead.office_name,
                    person=person,
                    child=child,
                    case_number=content.child.case_number,
                    date=format_date(ends_on),
                )
            )
        role = ROLES.get(content.role, content.role)
        story: list[Flowable] = [
            reference_line(content),
            title(heading_text),
            *opening,
            *fields(
                [
                    (both(lambda: _("Appointed on")), format_date(content.starts_on)),
                    (both(lambda: _("Decision")), content.decision_ref),
                    (both(lambda: _("Ends on")), format_date(ends_on)),
                    (both(lambda: _("Reason")), content.reason),
                ]
            ),
        ]
        if present(content.note):
            story += [heading(both(lambda: _("In the officer's words"))), body(content.note or "")]
        successor = content.successor
        if successor is not None:
            story += [
                heading(both(lambda: _("New guardian"))),
                *paragraph(
                    lambda: _(
                        "From the same day {name} is the child's guardian (a separate "
                        "appointment decision)."
                    ).format(name=successor.name)
                ),
                *_person_fields(successor),
            ]
        story += [heading(both(lambda: _("Child"))), *_child_fields(content.child)]
        story += [heading(both(lambda: _(role))), *_person_fields(content.person)]
        story += _closing(content)
        story.append(
            signatures(
                [
                    officer_signatory(content),
                    Signatory(both(lambda: _("Received by")), person),
                ]
            )
        )
        return build_pdf(content, letterhead, story)


def render_mediator_letter(
    content: MediatorLetterContent,
    letterhead: Letterhead,
    *,
    language: str | None = None,
    bilingual: bool = False,
) -> bytes:
    """The letter that assigns a cultural mediator between a child and the child's guardian."""
    with paper_language(language, bilingual):
        bridge = f"{content.child_language} → {content.guardian_language}"
        mediator = content.mediator.name
        story: list[Flowable] = [
            reference_line(content),
            title(both(lambda: _("Assignment of a cultural mediator"))),
            *paragraph(
                lambda: _(
                    "{office} assigns {mediator} as cultural mediator and interpreter between "
                    "{child} (case number {case_number}) and the child's guardian {guardian}."
                ).format(
                    office=letterhead.office_name,
                    mediator=mediator,
                    child=content.child.name,
                    case_number=content.child.case_number,
                    guardian=content.guardian.name,
                )
            ),
            *fields([(both(lambda: _("Languages bridged")), bridge)]),
            heading(both(lambda: _("Mediator"))),
            *_person_fields(content.mediator),
            heading(both(lambda: _("Child"))),
            *_child_fields(content.child),
            heading(both(lambda: _("Guardian"))),
            *_person_fields(content.guardian),
            *_notes(content.notes),
            *_closing(content),
            signatures(
                [officer_signatory(content), Signatory(both(lambda: _("Mediator")), mediator)]
            ),
        ]
        return build_pdf(content, letterhead, story)


# The schedule's columns: heading and width.
_SCHEDULE_COLUMNS = (
    (N_("Date"), 29 * mm),
    (N_("Time"), 21 * mm),
    (N_("Child"), 28 * mm),
    (N_("Facility"), 34 * mm),
    (N_("With"), 38 * mm),
    (N_("Status"), 20 * mm),
)
# What a schedule's `role` names, translated where it is printed.
ROLES = {"Guardian": N_("Guardian"), "Mediator": N_("Mediator")}


def _schedule_cells(row: ScheduleRow) -> list[Flowable]:
    day = f"{weekday_text(row.day)} {date_text(row.day)}"
    hours = time_text(row.starts_at)
    if row.ends_at is not None:
        hours += f"–{time_text(row.ends_at)}"
    child = "\n".join(part for part in (row.case_number, row.child_initials) if present(part))
    values = (day, hours, child, row.facility, row.with_whom, row.status)
    return [TextBlock(value or "", SMALL) for value in values]


def _column_heading(name: str) -> Flowable:
    english = english_of(lambda: _(name))
    spans = [Span(_(name), bold=True)]
    if english:
        spans.append(Span("\n" + english))
    return TextBlock(spans, SMALL)


def _schedule_table(rows: tuple[ScheduleRow, ...]) -> Flowable:
    header = [_column_heading(name) for name, _width in _SCHEDULE_COLUMNS]
    data = [header] + [_schedule_cells(row) for row in rows]
    table = Table(
        data,
        colWidths=[width for _name, width in _SCHEDULE_COLUMNS],
        repeatRows=1,  # the header row again on every page
        hAlign="LEFT",
    )
    style = table_style(
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


def render_schedule(
    content: ScheduleContent,
    letterhead: Letterhead,
    *,
    language: str | None = None,
    bilingual: bool = False,
) -> bytes:
    """A guardian's or a mediator's visits in a period, as a table that runs over pages."""
    with paper_language(language, bilingual):
        role = ROLES.get(content.role, content.role)
        count = len(content.rows)
        story: list[Flowable] = [
            reference_line(content),
            title(both(lambda: _("Visit schedule"))),
            *fields(
                [
                    (both(lambda: _(role)), content.person.name),
                    (both(lambda: _("Phone")), content.person.phone),
                    (
                        both(lambda: _("Period")),
                        # TRANSLATORS: a period of dates, e.g. "1 March 2025 – 31 March 2025".
                        _("{first} – {last}").format(
                            first=format_date(content.period_start),
                            last=format_date(content.period_end),
                        ),
                    ),
                    (
                        both(lambda: _("Visits")),
                        ngettext("{count} visit", "{count} visits", count).format(count=count),
                    ),
                ]
            ),
            Spacer(0, 3 * mm),
        ]
        if content.rows:
            story.append(_schedule_table(content.rows))
        else:
            story += paragraph(lambda: _("No visits are planned in this period."))
        story += _closing(content)
        story.append(signatures([officer_signatory(content)]))
        return build_pdf(content, letterhead, story)


# A summary's title and its confidentiality note, by purpose (SummaryContent.purpose).
SUMMARY_TITLES = {
    "Referral": N_("Case summary for referral"),
    "Transfer": N_("Case summary for transfer"),
}
SUMMARY_NOTES = {
    "Referral": N_(
        "Confidential: personal data of a child, shared only for this referral. Do not pass it on."
    ),
    "Transfer": N_(
        "Confidential: personal data of a child, shared only for this transfer. Do not pass it on."
    ),
}


def _summary_title() -> str:
    return _("Case summary")


def _summary_note() -> str:
    return _("Confidential: personal data of a child. Do not pass it on.")


def render_summary(
    content: SummaryContent,
    letterhead: Letterhead,
    *,
    language: str | None = None,
    bilingual: bool = False,
) -> bytes:
    """A child's case summary for a referral or a transfer: only the fields the officer chose."""
    with paper_language(language, bilingual):
        purpose = content.purpose
        heading_of = SUMMARY_TITLES.get(purpose)
        note_of = SUMMARY_NOTES.get(purpose)
        note = _(note_of) if note_of else _summary_note()
        english = english_of(lambda: _(note_of) if note_of else _summary_note())
        story: list[Flowable] = [
            reference_line(content),
            title(both(lambda: _(heading_of) if heading_of else _summary_title())),
            *fields(
                [
                    (both(lambda: _("To")), content.recipient),
                    (both(lambda: _("Child")), content.child_name),
                    (both(lambda: _("Case number")), content.case_number),
                ]
            ),
            TextBlock(note, LABEL, space_before=2 * mm, space_after=0 if english else 1 * mm),
        ]
        if english:
            story.append(english_body(english, space_after=1 * mm))
        chosen = [(both(partial(_, label)), value) for label, value in content.fields]
        story += [
            heading(both(lambda: _("Summary"))),
            *(fields(chosen) or paragraph(lambda: _("No details were chosen for this summary."))),
            *_closing(content),
            signatures([officer_signatory(content)]),
        ]
        return build_pdf(content, letterhead, story)
