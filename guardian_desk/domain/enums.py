"""Closed vocabularies of the domain, stored by their string values."""

from __future__ import annotations

from enum import StrEnum

from guardian_desk.i18n import N_, _


class Sex(StrEnum):
    FEMALE = "female"
    MALE = "male"
    OTHER = "other"
    UNKNOWN = "unknown"


class GenderPreference(StrEnum):
    """Which gender a child accepts for a guardian or a mediator."""

    ANY = "any"
    FEMALE = "female"
    MALE = "male"


class ChildStatus(StrEnum):
    IDENTIFIED = "identified"
    AWAITING_GUARDIAN = "awaiting_guardian"
    UNDER_GUARDIANSHIP = "under_guardianship"
    TRANSFERRED = "transferred"
    RETURNED = "returned"
    REUNIFIED = "reunified"
    MISSING = "missing"
    AGED_OUT = "aged_out"
    CLOSED = "closed"


_STATUS_WORDS = {
    # TRANSLATORS: a case status, inside sentences such as "the case is {status}".
    ChildStatus.IDENTIFIED: N_("identified"),
    ChildStatus.AWAITING_GUARDIAN: N_("awaiting guardian"),
    ChildStatus.UNDER_GUARDIANSHIP: N_("under guardianship"),
    ChildStatus.TRANSFERRED: N_("transferred"),
    ChildStatus.RETURNED: N_("returned"),
    ChildStatus.REUNIFIED: N_("reunified"),
    ChildStatus.MISSING: N_("missing"),
    ChildStatus.AGED_OUT: N_("aged out"),
    ChildStatus.CLOSED: N_("closed"),
}


def status_text(status: ChildStatus) -> str:
    """A case's status as words in a sentence ("the case is {status}"), translated."""
    return _(_STATUS_WORDS[status])


class Proficiency(StrEnum):
    """How well someone speaks a language, from weakest to strongest."""

    BASIC = "basic"
    WORKING = "working"
    FLUENT = "fluent"
    NATIVE = "native"

    @property
    def rank(self) -> int:
        return _PROFICIENCY_RANK[self]


_PROFICIENCY_RANK = {level: rank for rank, level in enumerate(Proficiency)}

_PROFICIENCY_WORDS = {
    # TRANSLATORS: how well someone speaks a language, as in "(child native, guardian basic)".
    Proficiency.BASIC: N_("basic"),
    Proficiency.WORKING: N_("working"),
    Proficiency.FLUENT: N_("fluent"),
    Proficiency.NATIVE: N_("native"),
}


def proficiency_text(level: Proficiency) -> str:
    """A proficiency as a word in a sentence, translated."""
    return _(_PROFICIENCY_WORDS[level])


def asked_for_text(preference: GenderPreference, role: str) -> str:
    """ "the child asked for a female guardian"; ``role``: "guardian" or "mediator"."""
    female = preference is GenderPreference.FEMALE
    if role == "guardian":
        if female:
            return _("the child asked for a female guardian")
        return _("the child asked for a male guardian")
    if female:
        return _("the child asked for a female mediator")
    return _("the child asked for a male mediator")


class AssignmentRole(StrEnum):
    GUARDIAN = "guardian"
    MEDIATOR = "mediator"


class VisitStatus(StrEnum):
    PLANNED = "planned"
    HELD = "held"
    MISSED = "missed"
    CANCELLED = "cancelled"


_VISIT_STATUS_WORDS = {
    # TRANSLATORS: a visit's status, inside sentences such as "the visit is {status}".
    VisitStatus.PLANNED: N_("planned"),
    VisitStatus.HELD: N_("held"),
    VisitStatus.MISSED: N_("missed"),
    VisitStatus.CANCELLED: N_("cancelled"),
}


def visit_status_text(status: VisitStatus) -> str:
    """A visit's status as a word in a sentence ("the visit is {status}"), translated."""
    return _(_VISIT_STATUS_WORDS[status])


class VisitPurpose(StrEnum):
    """Why people meet: a guardian's visit, or an appointment a mediator is booked for."""

    VISIT = "visit"
    ASYLUM_INTERVIEW = "asylum_interview"
    POLICE_INTERVIEW = "police_interview"
    MEDICAL = "medical"
    SCHOOL = "school"
    COURT = "court"
    OTHER = "other"


class DocumentKind(StrEnum):
    """The printed papers (docs/papers.md)."""

    APPOINTMENT = "appointment"
    MEDIATOR_LETTER = "mediator_letter"
    SCHEDULE = "schedule"
    SUMMARY = "summary"
    CARD = "card"
    MISSING_REPORT = "missing_report"  # for the police and the 116 000 hotline
    TERMINATION = "termination"  # the end of a guardian's or a mediator's appointment
    REFERRAL_LETTER = "referral_letter"  # a case referred to a service (issue 14)
    TRANSFER_SUMMARY = "transfer_summary"  # what a transfer bundle carries, readable
    COORDINATOR_REPORT = "coordinator_report"  # anonymised figures for the national coordinator


class Weekday(StrEnum):
    """ISO weekdays; the value is the three-letter English abbreviation used in files."""

    MON = "Mon"
    TUE = "Tue"
    WED = "Wed"
    THU = "Thu"
    FRI = "Fri"
    SAT = "Sat"
    SUN = "Sun"

    @property
    def iso(self) -> int:
        """1 for Monday .. 7 for Sunday, as ``date.isoweekday()``."""
        return list(Weekday).index(self) + 1

    @classmethod
    def from_iso(cls, number: int) -> Weekday:
        return list(Weekday)[number - 1]
