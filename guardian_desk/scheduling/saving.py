"""Checks and audit records shared by every write that books a meeting (visits, plans)."""

from __future__ import annotations

from typing import Any

from guardian_desk.db.models import Visit
from guardian_desk.scheduling.availability import Schedule
from guardian_desk.scheduling.model import Attendees
from guardian_desk.scheduling.results import DoubleBooking, OutsideAvailability

ENTITY = "visit"


def visit_summary(visit: Visit) -> dict[str, Any]:
    """What an audit row keeps of a visit (times in UTC)."""
    return {
        "child_id": visit.child_id,
        "guardian_id": visit.guardian_id,
        "mediator_id": visit.mediator_id,
        "facility_id": visit.facility_id,
        "place": visit.place,
        "starts_at": visit.starts_at,
        "ends_at": visit.ends_at,
        "status": visit.status,
        "purpose": visit.purpose,
        "outcome_note": visit.outcome_note,
        "sequence": visit.sequence,
    }


def check_meeting(
    schedule: Schedule,
    attendees: Attendees,
    start: int,
    end: int,
    *,
    ignore: int | None = None,
    override_reason: str = "",
    prefix: str = "",
    extra: list[str] | None = None,
) -> list[str]:
    """Refuse a double booking (always) and a time outside anyone's availability (unless an
    override reason is written); returns the availability problems overridden. ``extra``:
    more problems the caller found (an expired vetting), overridable alike."""
    clashes = schedule.clashes(attendees, start, end, ignore)
    if clashes:
        raise DoubleBooking(clashes, prefix)
    problems = schedule.problems(attendees, start, end) + (extra or [])
    if problems and not override_reason.strip():
        raise OutsideAvailability([prefix + problems[0], *problems[1:]])
    return problems
