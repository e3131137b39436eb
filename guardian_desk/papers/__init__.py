"""Printed papers as PDF bytes: reportlab, A4, the office's letterhead, text in every script.

A pure library: it takes the plain dataclasses of `content` and never reads the database.
"""

from guardian_desk.papers.card import card_language_codes, card_languages, render_card
from guardian_desk.papers.content import (
    AppointmentContent,
    CardContent,
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
from guardian_desk.papers.documents import (
    render_appointment,
    render_mediator_letter,
    render_schedule,
    render_summary,
    render_termination,
)

__all__ = [
    "AppointmentContent",
    "CardContent",
    "ChildDetails",
    "Letterhead",
    "MediatorLetterContent",
    "Paper",
    "PersonDetails",
    "ScheduleContent",
    "ScheduleRow",
    "SummaryContent",
    "TerminationContent",
    "card_language_codes",
    "card_languages",
    "render_appointment",
    "render_card",
    "render_mediator_letter",
    "render_schedule",
    "render_summary",
    "render_termination",
]
