"""Time: working days and holidays, availability, slots and visit plans (docs/scheduling.md).

The names below load their module when first used (PEP 562): the home page needs only
``working_days``, and importing every module here on its way took 0.1 s of the start.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from guardian_desk.lazy_names import lazy_names

# Loaded at once (it imports nothing): ``office_languages`` is both this module's name and
# its function's, and a lazy import would leave the package's attribute on the module.
from guardian_desk.scheduling.office_languages import OFFICE_LANGUAGES, office_languages

if TYPE_CHECKING:
    from guardian_desk.scheduling.agenda import VisitInfo, visit_info, visits_between
    from guardian_desk.scheduling.applying import apply_plan
    from guardian_desk.scheduling.mediators import propose_mediators
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

_MODULE_OF = {
    "VisitInfo": "agenda",
    "visit_info": "agenda",
    "visits_between": "agenda",
    "apply_plan": "applying",
    "propose_mediators": "mediators",
    "plan": "planning",
    **dict.fromkeys(
        (
            "AppliedPlan",
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
        ),
        "results",
    ),
    "ASSIGNED": "slots",
    "Assigned": "slots",
    "find_slots": "slots",
}

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


__getattr__ = lazy_names(__name__, _MODULE_OF)
