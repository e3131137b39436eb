"""Save the visits of a plan the officer reviewed: checked again, then written and audited."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.orm import Session

from guardian_desk.db.models import Visit
from guardian_desk.domain.enums import VisitPurpose, VisitStatus
from guardian_desk.domain.errors import GuardianDeskError
from guardian_desk.scheduling.clock import to_minute
from guardian_desk.scheduling.loading import load_schedule
from guardian_desk.scheduling.model import Attendees, Booking, place_key
from guardian_desk.scheduling.planning import Cancel, Progress, Steps
from guardian_desk.scheduling.results import AppliedPlan, ProposedVisit
from guardian_desk.scheduling.saving import ENTITY, check_meeting, visit_summary
from guardian_desk.security.roles import Permission, requires
from guardian_desk.services import audit


@requires(Permission.EDIT_CASEWORK)
def apply_plan(
    session: Session,
    proposals: Sequence[ProposedVisit],
    *,
    skip_conflicts: bool = False,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> AppliedPlan:
    """Create a planned visit for each proposal, in the caller's unit of work.

    Each is checked again against what is stored now (someone may have booked since the
    plan was made) and against the proposals saved before it. A clash or a time outside
    anyone's availability raises ``DoubleBooking``/``OutsideAvailability`` naming the case,
    and the caller rolls back; with ``skip_conflicts`` that proposal is left out and listed
    in ``skipped`` instead. One audit row per visit ("create", with ``"source": "plan"``).
    """
    if not proposals:
        return AppliedPlan((), ())
    zone_days = [p.starts_at.date() for p in proposals]
    schedule = load_schedule(
        session,
        min(zone_days),
        max(zone_days),
        children={p.child_id for p in proposals},
        guardians={p.guardian_id for p in proposals},
        mediators={p.mediator_id for p in proposals if p.mediator_id is not None},
        facilities={p.facility_id for p in proposals},
    )
    step = Steps(len(proposals), progress, cancel)
    step.start()
    rows: list[Visit] = []
    skipped: list[tuple[ProposedVisit, str]] = []
    for proposal in proposals:
        attendees = Attendees(
            proposal.child_id, proposal.guardian_id, proposal.mediator_id, proposal.facility_id
        )
        start, end = to_minute(proposal.starts_at_utc), to_minute(proposal.ends_at_utc)
        try:
            check_meeting(schedule, attendees, start, end, prefix=f"{proposal.case_number}: ")
        except GuardianDeskError as refused:
            if not skip_conflicts:
                raise
            skipped.append((proposal, str(refused)))
            step()
            continue
        schedule.add(
            Booking(
                start=start,
                end=end,
                child_id=proposal.child_id,
                case_number=proposal.case_number,
                guardian_id=proposal.guardian_id,
                mediator_id=proposal.mediator_id,
                where=place_key(proposal.facility_id),
            )
        )
        rows.append(
            Visit(
                child_id=proposal.child_id,
                guardian_id=proposal.guardian_id,
                mediator_id=proposal.mediator_id,
                facility_id=proposal.facility_id,
                place="",
                starts_at=proposal.starts_at_utc,
                ends_at=proposal.ends_at_utc,
                status=VisitStatus.PLANNED,
                purpose=VisitPurpose.VISIT,
                outcome_note="",
                sequence=0,
            )
        )
        step()
    session.add_all(rows)
    session.flush()
    audit.record_many(
        session,
        ENTITY,
        "create",
        [(row.id, None, visit_summary(row) | {"source": "plan"}) for row in rows],
    )
    return AppliedPlan(tuple(row.id for row in rows), tuple(skipped))
