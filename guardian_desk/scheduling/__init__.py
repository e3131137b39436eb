"""Time: working days and holidays, availability, slots and visit plans (docs/scheduling.md)."""

from guardian_desk.scheduling.agenda import VisitInfo, visit_info, visits_between
from guardian_desk.scheduling.applying import apply_plan
from guardian_desk.scheduling.mediators import propose_mediators
from guardian_desk.scheduling.office_languages import OFFICE_LANGUAGES, office_languages
from guardian_desk.scheduling.planning import plan
from guardian_desk.scheduling.results import (
    AppliedPlan,
    DoubleBooking,
    MediatorCandidate,
    MediatorChoice,
    MediatorExclusion,
    OutsideAvailability,
    Plan,
    PlanCancelled,
    ProposedVisit,
    Slot,
    SlotSearch,
    Unplaced,
)
from guardian_desk.scheduling.slots import ASSIGNED, Assigned, find_slots

__all__ = [
    "ASSIGNED",
    "OFFICE_LANGUAGES",
    "AppliedPlan",
    "Assigned",
    "DoubleBooking",
    "MediatorCandidate",
    "MediatorChoice",
    "MediatorExclusion",
    "OutsideAvailability",
    "Plan",
    "PlanCancelled",
    "ProposedVisit",
    "Slot",
    "SlotSearch",
    "Unplaced",
    "VisitInfo",
    "apply_plan",
    "find_slots",
    "office_languages",
    "plan",
    "propose_mediators",
    "visit_info",
    "visits_between",
]
