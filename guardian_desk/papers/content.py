"""What each printed paper says: plain frozen dataclasses, filled by the caller from the register.

Nothing here reads the database. Optional values are None (or empty) when unknown, and the
paper then leaves the line out. `copy` is set by the document register for a reprint.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time


@dataclass(frozen=True)
class Letterhead:
    """The office that issues the paper, printed at the top of every page."""

    office_name: str
    address_lines: tuple[str, ...] = ()
    phone: str | None = None
    email: str | None = None
    logo: bytes | None = None  # PNG or JPEG


@dataclass(frozen=True)
class OfficeWords:
    """What an office writes on its papers in one language (services/office_texts.py)."""

    legal_basis: str | None = None
    duties: tuple[str, ...] = ()
    closing: str | None = None
    signatory_title: str | None = None


@dataclass(frozen=True, kw_only=True)
class Paper:
    """What every paper carries: its reference number, date, issuing officer and copy mark."""

    reference: str
    issued_on: date
    officer_name: str
    officer_title: str | None = None  # e.g. "Child protection officer"
    copy: bool = False
    closing: str | None = None  # the closing formula, above the signatures
    # A bilingual paper's English: the office's texts in English, printed under the local ones.
    english: OfficeWords | None = None


@dataclass(frozen=True)
class ChildDetails:
    name: str
    case_number: str
    date_of_birth: date | None = None
    date_of_birth_estimated: bool = False
    nationality: str | None = None
    languages: tuple[str, ...] = ()  # display names, e.g. ("Dari", "Pashto")
    facility: str | None = None


@dataclass(frozen=True)
class PersonDetails:
    """A guardian or a mediator as the paper names them."""

    name: str
    phone: str | None = None
    email: str | None = None
    organisation: str | None = None


@dataclass(frozen=True, kw_only=True)
class AppointmentContent(Paper):
    """The appointment of a guardian for a child."""

    child: ChildDetails
    guardian: PersonDetails
    legal_basis: str  # from the office's settings
    duties: tuple[str, ...] = ()
    first_visit: datetime | date | None = None  # None: not known yet
    notes: str | None = None
    starts_on: date | None = None  # the day the appointment takes effect
    decision_ref: str | None = None  # the decision's reference as the officer typed it


@dataclass(frozen=True, kw_only=True)
class TerminationContent(Paper):
    """The decision that ends a guardian's or a mediator's appointment for a child."""

    child: ChildDetails
    person: PersonDetails
    role: str  # "Guardian" or "Mediator" (English: translated where printed)
    starts_on: date
    ends_on: date
    reason: str  # the structured reason, in the paper's language
    note: str | None = None  # the officer's words
    successor: PersonDetails | None = None  # the new guardian, after a change
    decision_ref: str | None = None  # the appointment's own decision reference


@dataclass(frozen=True, kw_only=True)
class MediatorLetterContent(Paper):
    """The letter that assigns a cultural mediator (interpreter) between a child and guardian."""

    mediator: PersonDetails
    child: ChildDetails
    guardian: PersonDetails
    child_language: str  # display names: "Dari" -> "Albanian"
    guardian_language: str
    notes: str | None = None


@dataclass(frozen=True)
class ScheduleRow:
    day: date
    starts_at: time
    ends_at: time | None
    case_number: str
    child_initials: str
    facility: str
    with_whom: str  # the other people at the visit, e.g. "Mediator: Arben Hoxha"
    status: str  # e.g. "Planned", "Done", "Cancelled"


@dataclass(frozen=True, kw_only=True)
class ScheduleContent(Paper):
    """A guardian's or a mediator's visits for a period."""

    person: PersonDetails
    role: str  # "Guardian" or "Mediator" (English: translated where printed)
    period_start: date
    period_end: date
    rows: tuple[ScheduleRow, ...] = ()


@dataclass(frozen=True, kw_only=True)
class SummaryContent(Paper):
    """A child's case summary for a referral or transfer, holding only need-to-know fields."""

    child_name: str
    case_number: str
    purpose: str  # "Referral" or "Transfer" (English: translated where printed)
    recipient: str | None = None  # the receiving organisation
    # (label, value), chosen and ordered by the officer; labels in English (SUMMARY_FIELDS),
    # translated where printed, values in the paper's language.
    fields: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, kw_only=True)
class CardContent(Paper):
    """The card a child keeps: who their guardian is and how to reach help."""

    child_name: str
    guardian_name: str
    guardian_phone: str | None = None
    mediator_name: str | None = None
    mediator_phone: str | None = None
    next_visit: datetime | date | None = None
    help_phone: str | None = None
    office_language: str = "eng"  # ISO 639-3
    child_language: str | None = None  # ISO 639-3
