"""Booking, moving, cancelling visits and recording how they went (docs/scheduling.md).

Nobody is ever double-booked: a meeting that overlaps another of the child's, the
guardian's or the mediator's (travel time included) raises ``DoubleBooking`` naming the
clash. A time outside the visiting hours, someone's weekly free time, on a public holiday
or during an absence raises ``OutsideAvailability``, unless the officer writes an
``override_reason`` (kept in the audit row). A stale ``expected_version`` raises
ConflictError. Every change of time, place or status raises the visit's ``sequence``
(what calendars compare); every write leaves an audit row.
"""

from __future__ import annotations

import enum
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from guardian_desk.db.models import Child, Facility, Mediator, Visit
from guardian_desk.domain import validation as v
from guardian_desk.domain.enums import (
    VisitPurpose,
    VisitStatus,
    status_text,
    visit_status_text,
)
from guardian_desk.domain.errors import NotFoundError, RuleViolation, ValidationError
from guardian_desk.i18n import _, ngettext
from guardian_desk.i18n.formats import date_text
from guardian_desk.scheduling.clock import OfficeClock, span_text, to_minute
from guardian_desk.scheduling.loading import load_schedule
from guardian_desk.scheduling.model import Attendees
from guardian_desk.scheduling.saving import ENTITY, check_meeting, visit_summary
from guardian_desk.scheduling.slots import ASSIGNED, Assigned, resolve_attendees
from guardian_desk.security.roles import Permission, require, requires
from guardian_desk.services import audit, missing
from guardian_desk.services.assignments import OPEN_STATUSES
from guardian_desk.services.locking import flush_checked, load_for_update
from guardian_desk.services.settings import get_settings

OUTCOMES = (VisitStatus.HELD, VisitStatus.MISSED, VisitStatus.CANCELLED)


class Keep(enum.Enum):
    """Leave this as it is (``move_visit``)."""

    KEEP = "keep"


KEEP = Keep.KEEP


def _instant(field: str, value: datetime) -> datetime:
    """An aware datetime that exists on the wall clock; returned in UTC."""
    if not isinstance(value, datetime) or value.tzinfo is None:
        raise ValidationError(field, value, _("needs a date, a time and the office's time zone"))
    if isinstance(value.tzinfo, ZoneInfo):
        wall = value.replace(tzinfo=None)
        if value.astimezone(UTC).astimezone(value.tzinfo).replace(tzinfo=None) != wall:
            raise ValidationError(
                field,
                f"{wall:%Y-%m-%d %H:%M}",
                _("does not exist: the clocks go forward over that hour"),
            )
    return value.astimezone(UTC).replace(second=0, microsecond=0)


def _times(
    session: Session, starts_at: datetime, ends_at: datetime | None
) -> tuple[datetime, datetime]:
    start = _instant("starts_at", starts_at)
    if ends_at is None:
        return start, start + timedelta(minutes=get_settings(session).visit_minutes)
    end = _instant("ends_at", ends_at)
    minutes = (end - start).total_seconds() / 60
    if minutes <= 0:
        raise ValidationError("ends_at", ends_at.isoformat(), _("must be after the start"))
    if not 15 <= minutes <= 480:
        raise ValidationError(
            "ends_at",
            ends_at.isoformat(),
            ngettext(
                "makes {minutes} minute; a meeting lasts 15 to 480",
                "makes {minutes} minutes; a meeting lasts 15 to 480",
                round(minutes),
            ).format(minutes=f"{minutes:.0f}"),
        )
    return start, end


def check_attendees(
    session: Session,
    attendees: Attendees,
    start: datetime,
    end: datetime,
    *,
    ignore: int | None = None,
    override_reason: str = "",
    extra: list[str] | None = None,
) -> list[str]:
    """Load what these attendees have around that time and refuse what must be refused."""
    if attendees.facility_id is not None and session.get(Facility, attendees.facility_id) is None:
        raise NotFoundError("facility", attendees.facility_id)
    local = ZoneInfo(get_settings(session).time_zone)
    schedule = load_schedule(
        session,
        start.astimezone(local).date(),
        end.astimezone(local).date(),
        children=[attendees.child_id],
        guardians=[attendees.guardian_id] if attendees.guardian_id is not None else [],
        mediators=[attendees.mediator_id] if attendees.mediator_id is not None else [],
        facilities=[attendees.facility_id] if attendees.facility_id is not None else [],
    )
    for kind, key, known in (
        ("guardian", attendees.guardian_id, schedule.guardians),
        ("mediator", attendees.mediator_id, schedule.mediators),
    ):
        if key is not None and key not in known:
            raise NotFoundError(kind, key)
    for person in schedule.people(attendees):
        if not person.active:
            if person.suspended_reason.strip():
                # TRANSLATORS: {person} is like "guardian Ana Hoxha"; {reason} the officer's words.
                text = _("{person} is suspended ({reason}) and cannot be booked")
            else:
                text = _("{person} is suspended and cannot be booked")
            raise RuleViolation(
                text.format(person=person.label, reason=person.suspended_reason.strip())
            )
    overridden = check_meeting(
        schedule,
        attendees,
        to_minute(start),
        to_minute(end),
        ignore=ignore,
        override_reason=override_reason,
        extra=extra,
    )
    if overridden:
        require(session, Permission.OVERRIDE_RULES)
    return overridden


def _audit(
    session: Session,
    visit: Visit,
    action: str,
    before: dict[str, object] | None,
    overridden: list[str],
    override_reason: str,
) -> None:
    after: dict[str, object] = visit_summary(visit)
    if overridden:
        after |= {"overridden": overridden, "override_reason": override_reason.strip()}
        action = f"override_{action}"
    audit.record(session, ENTITY, visit.id, action, before=before, after=after)


@requires(Permission.EDIT_CASEWORK)
def create_visit(
    session: Session,
    child_id: int,
    *,
    starts_at: datetime,
    ends_at: datetime | None = None,
    guardian_id: int | Assigned | None = ASSIGNED,
    mediator_id: int | Assigned | None = ASSIGNED,
    facility_id: int | Assigned | None = ASSIGNED,
    place: str = "",
    purpose: VisitPurpose = VisitPurpose.VISIT,
    override_reason: str = "",
    extra_problems: list[str] | None = None,
) -> Visit:
    """Book a meeting with the child (status planned). By default the child's guardian and
    mediator come, at the child's facility, for the office's visit length. Refused while the
    child is missing (services/missing.py)."""
    start, end = _times(session, starts_at, ends_at)
    place = v.text("place", place, max_length=300, required=False)
    attendees = resolve_attendees(session, child_id, guardian_id, mediator_id, facility_id, place)
    if purpose is VisitPurpose.VISIT and attendees.guardian_id is None:
        raise ValidationError(
            "guardian_id", None, _("is required: a guardian's visit needs the guardian")
        )
    child = session.get(Child, child_id)
    assert child is not None  # resolve_attendees checked
    if child.status not in OPEN_STATUSES:
        # TRANSLATORS: {status} is a case status such as "closed".
        raise RuleViolation(
            _("{case_number} is {status}").format(
                case_number=child.case_number, status=status_text(child.status)
            )
        )
    missing.refuse_if_missing(session, child)
    overridden = check_attendees(
        session, attendees, start, end, override_reason=override_reason, extra=extra_problems
    )
    visit = Visit(
        child_id=child_id,
        guardian_id=attendees.guardian_id,
        mediator_id=attendees.mediator_id,
        facility_id=attendees.facility_id,
        place=attendees.place,
        starts_at=start,
        ends_at=end,
        status=VisitStatus.PLANNED,
        purpose=purpose,
        outcome_note="",
        sequence=0,
    )
    session.add(visit)
    session.flush()
    _audit(session, visit, "create", None, overridden, override_reason)
    return visit


@requires(Permission.EDIT_CASEWORK)
def book_mediator(
    session: Session,
    child_id: int,
    mediator_id: int,
    *,
    starts_at: datetime,
    ends_at: datetime,
    purpose: VisitPurpose = VisitPurpose.OTHER,
    facility_id: int | Assigned | None = ASSIGNED,
    place: str = "",
    guardian_id: int | None = None,
    override_reason: str = "",
) -> Visit:
    """Book a mediator for an interview, a doctor, a school or a court (a guardian may come
    too). An expired or missing vetting needs an override reason, like a time outside
    their free time; ``scheduling.propose_mediators`` lists who can come."""
    mediator = session.get(Mediator, mediator_id)
    if mediator is None:
        raise NotFoundError("mediator", mediator_id)
    local = ZoneInfo(get_settings(session).time_zone)
    day = _instant("starts_at", starts_at).astimezone(local).date()
    extra = []
    if mediator.vetting_expires_on is None:
        extra.append(_("mediator {name} has no vetting on record").format(name=mediator.full_name))
    elif mediator.vetting_expires_on < day:
        extra.append(
            _("mediator {name}'s vetting expired on {date}").format(
                name=mediator.full_name, date=date_text(mediator.vetting_expires_on)
            )
        )
    return create_visit(
        session,
        child_id,
        starts_at=starts_at,
        ends_at=ends_at,
        guardian_id=guardian_id,
        mediator_id=mediator_id,
        facility_id=facility_id,
        place=place,
        purpose=purpose,
        override_reason=override_reason,
        extra_problems=extra,
    )


def _planned(visit: Visit, action: str) -> None:
    """``action``: "moved" or "cancelled"."""
    if visit.status is not VisitStatus.PLANNED:
        if action == "moved":
            # TRANSLATORS: {status} is a visit's status such as "held".
            text = _("the visit is {status}; only a planned visit can be moved")
        else:
            text = _("the visit is {status}; only a planned visit can be cancelled")
        raise RuleViolation(text.format(status=visit_status_text(visit.status)))


@requires(Permission.EDIT_CASEWORK)
def move_visit(
    session: Session,
    visit_id: int,
    expected_version: int,
    *,
    starts_at: datetime,
    ends_at: datetime | None = None,
    facility_id: int | Keep | None = KEEP,
    place: str | Keep = KEEP,
    override_reason: str = "",
) -> Visit:
    """Give a planned visit a new time (and place); the length stays unless ``ends_at``."""
    visit = load_for_update(session, Visit, visit_id, expected_version, ENTITY)
    _planned(visit, "moved")
    length = visit.ends_at - visit.starts_at
    start, end = _times(session, starts_at, ends_at or starts_at + length)
    new_facility = visit.facility_id if isinstance(facility_id, Keep) else facility_id
    new_place = (
        visit.place
        if isinstance(place, Keep)
        else v.text("place", place, max_length=300, required=False)
    )
    if (start, end, new_facility, new_place) == (
        visit.starts_at,
        visit.ends_at,
        visit.facility_id,
        visit.place,
    ):
        return visit
    before = visit_summary(visit)
    attendees = Attendees(
        visit.child_id, visit.guardian_id, visit.mediator_id, new_facility, new_place
    )
    overridden = check_attendees(
        session, attendees, start, end, ignore=visit.id, override_reason=override_reason
    )
    visit.starts_at, visit.ends_at = start, end
    visit.facility_id, visit.place = new_facility, new_place
    visit.sequence += 1
    flush_checked(session, visit, ENTITY, expected_version)
    _audit(session, visit, "move", before, overridden, override_reason)
    return visit


@requires(Permission.EDIT_CASEWORK)
def cancel_visit(session: Session, visit_id: int, expected_version: int, reason: str) -> Visit:
    """Call off a planned visit; the reason is kept as its outcome note."""
    reason = v.note("reason", reason, max_length=1000)
    if not reason:
        raise ValidationError("reason", reason, _("is required: say why the visit is cancelled"))
    visit = load_for_update(session, Visit, visit_id, expected_version, ENTITY)
    _planned(visit, "cancelled")
    return _set_outcome(session, visit, expected_version, VisitStatus.CANCELLED, reason, "cancel")


@requires(Permission.EDIT_CASEWORK)
def record_outcome(
    session: Session,
    visit_id: int,
    expected_version: int,
    outcome: VisitStatus,
    note: str = "",
    *,
    now: datetime | None = None,
) -> Visit:
    """Record how a visit went: held, missed (with the reason) or cancelled (with the
    reason). Held and missed only once it has started; a recorded outcome may be
    corrected between held and missed, but a cancelled visit stays cancelled. A visit on
    hold (its child is missing) cannot be held; its report: services/visit_reports.py."""
    if outcome not in OUTCOMES:
        raise ValidationError("outcome", str(outcome), _("must be held, missed or cancelled"))
    note = v.note("note", note, max_length=4000)
    if outcome is not VisitStatus.HELD and not note:
        if outcome is VisitStatus.MISSED:
            problem = _("is required: say why the visit was missed")
        else:
            problem = _("is required: say why the visit was cancelled")
        raise ValidationError("note", note, problem)
    visit = load_for_update(session, Visit, visit_id, expected_version, ENTITY)
    if visit.status is VisitStatus.CANCELLED:
        raise RuleViolation(_("the visit was cancelled; book a new one instead"))
    if outcome is VisitStatus.HELD and missing.is_on_hold(session, visit.id):
        raise RuleViolation(
            _("the visit is on hold while the child is missing; record the return first")
        )
    if outcome is not VisitStatus.CANCELLED:
        moment = now or datetime.now(UTC)
        if visit.starts_at > moment:
            clock = OfficeClock(get_settings(session).time_zone)
            when = span_text(clock, to_minute(visit.starts_at), to_minute(visit.ends_at))
            # TRANSLATORS: {when} is like "10:00–11:00 on 12 March".
            raise RuleViolation(_("the visit has not started yet ({when})").format(when=when))
    elif visit.status is not VisitStatus.PLANNED:
        # TRANSLATORS: {status} is a visit's status such as "held".
        raise RuleViolation(
            _("the visit was {status}; it cannot be cancelled now").format(
                status=visit_status_text(visit.status)
            )
        )
    if (visit.status, visit.outcome_note) == (outcome, note):
        return visit
    return _set_outcome(session, visit, expected_version, outcome, note, "outcome")


def _set_outcome(
    session: Session,
    visit: Visit,
    expected_version: int,
    outcome: VisitStatus,
    note: str,
    action: str,
) -> Visit:
    before = visit_summary(visit)
    if visit.status is not outcome:
        visit.sequence += 1
    visit.status = outcome
    visit.outcome_note = note
    flush_checked(session, visit, ENTITY, expected_version)
    audit.record(session, ENTITY, visit.id, action, before=before, after=visit_summary(visit))
    return visit
