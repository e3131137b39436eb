"""Closed vocabularies of the domain, stored by their string values."""

from __future__ import annotations

from enum import StrEnum


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


class AssignmentRole(StrEnum):
    GUARDIAN = "guardian"
    MEDIATOR = "mediator"


class VisitStatus(StrEnum):
    PLANNED = "planned"
    HELD = "held"
    MISSED = "missed"
    CANCELLED = "cancelled"


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
