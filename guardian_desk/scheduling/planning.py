"""Plan the guardians' visits for some weeks, and save a reviewed plan.

The policy (docs/scheduling.md): the first visit is due ``first_visit_days`` after the
guardian's appointment starts; each later one ``visit_interval_days`` after the last held
or planned visit, and may be placed from ``EARLY_DAYS`` before that. Children are taken
most overdue first; each gets the earliest slot where the facility admits visitors and
the guardian (and the child's mediator, when the child has one) are free, and that slot
is booked in memory at once, so no two proposals ever share anyone's time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from guardian_desk.db.models import Assignment, Child, Visit
from guardian_desk.domain.enums import AssignmentRole, ChildStatus, VisitPurpose, VisitStatus
from guardian_desk.domain.errors import ValidationError
from guardian_desk.i18n import _
from guardian_desk.scheduling.availability import Schedule
from guardian_desk.scheduling.clock import to_minute, to_utc
from guardian_desk.scheduling.loading import load_schedule
from guardian_desk.scheduling.model import Attendees, Booking, place_key
from guardian_desk.scheduling.reasons import why_nothing_fits
from guardian_desk.scheduling.results import Plan, PlanCancelled, ProposedVisit, Unplaced
from guardian_desk.security.roles import Permission, requires

Progress = Callable[[int, int], None]
Cancel = Callable[[], bool]
EARLY_DAYS = 7  # a later visit may be placed up to a week before it is due
MAX_WEEKS = 26
OPEN_CASES = (ChildStatus.IDENTIFIED, ChildStatus.AWAITING_GUARDIAN, ChildStatus.UNDER_GUARDIANSHIP)


def current_time() -> datetime:
    """This moment (tests pin it): planning proposes nothing before it."""
    return datetime.now(UTC)


@dataclass(frozen=True)
class Appointment:
    """An active guardian appointment, as planning needs it."""

    child_id: int
    guardian_id: int
    appointed_on: date
    last_visit_on: date | None = None  # last held or planned visit by this guardian since


@dataclass(frozen=True)
class Due:
    opens_on: date  # the first day the visit may be placed
    due_on: date  # the last day it is due by
    first_visit: bool


def due_of(schedule: Schedule, appointment: Appointment) -> Due:
    rules = schedule.rules
    last = appointment.last_visit_on
    if last is None or last < appointment.appointed_on:
        on = appointment.appointed_on
        return Due(on, on + timedelta(days=rules.first_visit_days), True)
    due = last + timedelta(days=rules.visit_interval_days)
    opens = max(last + timedelta(days=1), due - timedelta(days=EARLY_DAYS))
    return Due(opens, due, False)


class Steps:
    """Progress about a hundred times in all; the cancel check before each."""

    def __init__(self, total: int, progress: Progress | None, cancel: Cancel | None) -> None:
        self.total, self.done = total, 0
        self.every = max(1, -(-total // 100))
        self.progress, self.cancel = progress, cancel

    def start(self) -> None:
        if self.cancel is not None and self.cancel():
            raise PlanCancelled(_("cancelled; nothing was saved"))
        if self.progress is not None:
            self.progress(0, self.total)

    def __call__(self, count: int = 1) -> None:
        self.done += count
        if self.done % self.every == 0 or self.done >= self.total:
            if self.cancel is not None and self.cancel():
                raise PlanCancelled(_("cancelled; nothing was saved"))
            if self.progress is not None:
                self.progress(min(self.done, self.total), self.total)


@requires(Permission.READ_RECORDS)
def plan(
    session: Session,
    start: date,
    weeks: int,
    *,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    now: datetime | None = None,
) -> Plan:
    """Propose a visit for every child whose visit falls due from ``start`` for ``weeks``
    weeks, none starting before ``now`` (default: this moment), even when ``start`` is
    today. Reads only; ``apply_plan`` saves the proposals the officer keeps."""
    if not 1 <= weeks <= MAX_WEEKS:
        problem = _("must be between {minimum} and {maximum}").format(minimum=1, maximum=MAX_WEEKS)
        raise ValidationError("weeks", weeks, problem)
    last = start + timedelta(days=7 * weeks - 1)
    schedule = load_schedule(session, start, last)
    return plan_visits(
        schedule,
        appointments(session, schedule),
        start,
        last,
        progress=progress,
        cancel=cancel,
        not_before=to_minute(now or current_time()),
    )


@requires(Permission.READ_RECORDS)
def appointments(session: Session, schedule: Schedule) -> list[Appointment]:
    """Active guardian appointments of open cases, with each one's last visit since."""
    latest: dict[tuple[int, int], date] = {}
    for cid, gid, at in session.execute(
        select(Visit.child_id, Visit.guardian_id, func.max(Visit.starts_at))
        .where(
            Visit.status.in_([VisitStatus.HELD, VisitStatus.PLANNED]),
            Visit.purpose == VisitPurpose.VISIT,
            Visit.guardian_id.is_not(None),
        )
        .group_by(Visit.child_id, Visit.guardian_id)
    ):
        if gid is not None:
            latest[(cid, gid)] = at.astimezone(schedule.clock.zone).date()
    rows = session.execute(
        select(Assignment.child_id, Assignment.guardian_id, Assignment.starts_on)
        .join(Child, Child.id == Assignment.child_id)
        .where(
            Assignment.role == AssignmentRole.GUARDIAN,
            Assignment.ends_on.is_(None),
            Child.status.in_(OPEN_CASES),
        )
    )
    return [
        Appointment(cid, gid, starts_on, latest.get((cid, gid)))
        for cid, gid, starts_on in rows
        if gid is not None
    ]


def plan_visits(
    schedule: Schedule,
    appointments: Iterable[Appointment],
    first: date,
    last: date,
    *,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    not_before: int | None = None,
) -> Plan:
    """``plan`` on a schedule in memory (bookings proposed are added to it); nothing starts
    before the epoch minute ``not_before``."""
    due: list[tuple[date, str, Appointment, Due]] = []
    not_due = 0
    for appointment in appointments:
        window = due_of(schedule, appointment)
        if window.due_on > last:
            not_due += 1
            continue
        number = schedule.children[appointment.child_id].case_number
        due.append((window.due_on, number, appointment, window))
    due.sort(key=lambda item: (item[0], item[1]))
    step = Steps(len(due), progress, cancel)
    step.start()
    proposals: list[ProposedVisit] = []
    unplaced: list[Unplaced] = []
    for _due_on, _number, appointment, window in due:
        found = place_one(schedule, appointment, window, first, last, not_before)
        if isinstance(found, ProposedVisit):
            proposals.append(found)
        else:
            unplaced.append(found)
        step()
    step(0)
    return Plan(first, last, tuple(proposals), tuple(unplaced), not_due)


def place_one(
    schedule: Schedule,
    appointment: Appointment,
    window: Due,
    first: date,
    last: date,
    not_before: int | None = None,
) -> ProposedVisit | Unplaced:
    """The earliest slot for one child's visit (booked into ``schedule``), or why none."""
    child = schedule.children[appointment.child_id]
    guardian = schedule.guardians[appointment.guardian_id]
    overdue = max(0, (first - window.due_on).days)
    length = schedule.rules.visit_minutes
    searched = max(first, window.opens_on)

    def unplaced(reason: str) -> Unplaced:
        return Unplaced(
            child.id, child.case_number, guardian.id, guardian.name, window.due_on, overdue, reason
        )

    if child.facility_id is None:
        return unplaced(_("the child has no facility on record; book this visit with a place"))
    best: tuple[int, int, Attendees] | None = None
    reasons: list[str] = []
    options: Sequence[int | None] = child.mediator_ids or (None,)
    for mediator_id in options:
        attendees = Attendees(child.id, guardian.id, mediator_id, child.facility_id)
        slots = schedule.slots(attendees, searched, last, length, not_before=not_before)
        if slots and (best is None or slots[0][0] < best[0]):
            best = (slots[0][0], slots[0][0] + length, attendees)
        elif not slots:
            reason = why_nothing_fits(schedule, attendees, searched, last, length)
            if mediator_id is not None and len(options) > 1:
                # TRANSLATORS: why no time fits when the visit is planned with this mediator.
                reason = _("with {mediator}: {reason}").format(
                    mediator=schedule.mediators[mediator_id].label, reason=reason
                )
            reasons.append(reason)
    if best is None:
        return unplaced(" | ".join(reasons))
    start, end, attendees = best
    schedule.add(
        Booking(
            start=start,
            end=end,
            child_id=child.id,
            case_number=child.case_number,
            guardian_id=guardian.id,
            mediator_id=attendees.mediator_id,
            where=place_key(attendees.facility_id),
        )
    )
    mediator = schedule.mediators[attendees.mediator_id] if attendees.mediator_id else None
    facility = schedule.facilities[child.facility_id]
    clock = schedule.clock
    return ProposedVisit(
        child_id=child.id,
        case_number=child.case_number,
        guardian_id=guardian.id,
        guardian_name=guardian.name,
        mediator_id=mediator.id if mediator else None,
        mediator_name=mediator.name if mediator else "",
        facility_id=facility.id,
        facility_name=facility.name,
        starts_at=clock.local(start),
        ends_at=clock.local(end),
        starts_at_utc=to_utc(start),
        ends_at_utc=to_utc(end),
        due_on=window.due_on,
        days_overdue=overdue,
        first_visit=window.first_visit,
    )
