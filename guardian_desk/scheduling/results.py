"""What scheduling hands out: plain, frozen data (safe to pass to the UI thread), and its errors.

Times come twice: ``starts_at`` in the office's zone (what a person reads on the wall clock)
and ``starts_at_utc`` (what is stored). Both are aware datetimes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from guardian_desk.domain.enums import VisitPurpose
from guardian_desk.domain.errors import GuardianDeskError, RuleViolation
from guardian_desk.i18n import _
from guardian_desk.matching.results import ScorePart


class DoubleBooking(RuleViolation):
    """A meeting would overlap someone's other booking (travel time included); never
    overridable. ``clashes`` says each one in words."""

    def __init__(self, clashes: list[str] | tuple[str, ...], prefix: str = "") -> None:
        self.clashes = tuple(clashes)
        super().__init__(prefix + "; ".join(self.clashes))


class OutsideAvailability(RuleViolation):
    """A meeting falls outside visiting hours, someone's free time, or on a holiday or an
    absence; allowed with a written ``override_reason``. ``problems`` says each in words."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = tuple(problems)
        # TRANSLATORS: {problems} lists the rules broken, separated by semicolons.
        text = _("{problems}. To book it anyway, write the reason for the exception.")
        super().__init__(text.format(problems="; ".join(self.problems)))


class PlanCancelled(GuardianDeskError):
    """The officer cancelled planning or applying a plan; nothing was saved."""


@dataclass(frozen=True)
class Slot:
    """A free stretch: a meeting may start at ``starts_at`` or any quarter hour after it up
    to ``free_until`` minus its length."""

    starts_at: datetime  # in the office's zone
    ends_at: datetime
    starts_at_utc: datetime
    ends_at_utc: datetime
    free_until: datetime  # in the office's zone


@dataclass(frozen=True)
class SlotSearch:
    slots: tuple[Slot, ...]  # earliest first
    reason: str  # "" when slots were found, else why nothing fits, naming people and dates
    first_day: date
    last_day: date
    minutes: int  # the meeting's length


@dataclass(frozen=True)
class ProposedVisit:
    """One visit a plan proposes; nothing is saved until ``apply_plan``."""

    child_id: int
    case_number: str
    guardian_id: int
    guardian_name: str
    mediator_id: int | None
    mediator_name: str  # "" without a mediator
    facility_id: int
    facility_name: str
    starts_at: datetime  # office zone
    ends_at: datetime
    starts_at_utc: datetime
    ends_at_utc: datetime
    due_on: date  # the last day the visit is due by (docs/scheduling.md)
    days_overdue: int  # days past due_on on the plan's first day; 0 when not yet due
    first_visit: bool  # the first visit since the guardian's appointment


@dataclass(frozen=True)
class Unplaced:
    """A child whose visit falls due in the plan's weeks, but for whom nothing fits."""

    child_id: int
    case_number: str
    guardian_id: int
    guardian_name: str
    due_on: date
    days_overdue: int
    reason: str


@dataclass(frozen=True)
class Plan:
    first_day: date
    last_day: date
    proposals: tuple[ProposedVisit, ...]  # most overdue first
    unplaced: tuple[Unplaced, ...]  # most overdue first
    not_due: int  # children under guardianship with no visit due in these weeks


@dataclass(frozen=True)
class AppliedPlan:
    visit_ids: tuple[int, ...]  # in the order of the proposals saved
    skipped: tuple[tuple[ProposedVisit, str], ...]  # with skip_conflicts: each and why


@dataclass(frozen=True)
class MediatorCandidate:
    mediator_id: int
    code: str
    name: str
    sex: str
    score: float
    parts: tuple[ScorePart, ...]  # the six parts of docs/matching.md, for a booking
    bridge: str  # "Dari → Albanian"


@dataclass(frozen=True)
class MediatorExclusion:
    mediator_id: int
    code: str
    name: str
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class MediatorChoice:
    """Mediators for one booking: who can come (best first) and who cannot, and why."""

    child_id: int
    case_number: str
    purpose: VisitPurpose  # as asked; pass it on to book_mediator
    starts_at: datetime  # office zone
    ends_at: datetime
    local_languages: tuple[str, ...]  # ISO 639-3 codes of the office's country
    candidates: tuple[MediatorCandidate, ...]
    excluded: tuple[MediatorExclusion, ...]  # speak the child's language but cannot come
    notes: tuple[str, ...]  # what is wrong with the time whoever comes (a clash of the
    # child's, a holiday, the facility closed); empty when nothing is
