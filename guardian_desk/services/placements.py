"""Where a child has lived: placements at facilities, and moving a child to another one.

``children.facility_id`` is the current placement. A move closes the open placement on the
day of the move, opens one at the new facility and sets the child's facility, in one unit of
work; the database keeps at most one open placement per child (migration 9d7e8f0a1b26) and
follows a facility changed any other way (the record's form, an import) with a placement of
its own ("changed in the child's record").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, aliased

from guardian_desk.db.models import Child, Facility, Placement
from guardian_desk.domain import validation as v
from guardian_desk.domain.case_history import PlacementReason
from guardian_desk.domain.errors import RuleViolation, ValidationError
from guardian_desk.i18n import _
from guardian_desk.i18n.formats import date_text
from guardian_desk.security.roles import Permission, requires
from guardian_desk.services import audit
from guardian_desk.services.children import CLOSED_STATUSES
from guardian_desk.services.children import ENTITY as CHILD_ENTITY
from guardian_desk.services.locking import flush_checked, load_for_update

ENTITY = "placement"
# Reasons an officer chooses for a move (the others are written by the app itself).
MOVE_REASONS = (
    PlacementReason.NEEDS,
    PlacementReason.SAFETY,
    PlacementReason.CAPACITY,
    PlacementReason.FAMILY,
    PlacementReason.CHILD_REQUEST,
    PlacementReason.OTHER,
)


@dataclass(frozen=True)
class PlacementRow:
    """One stay at a facility; ``left_on`` None = the current placement."""

    id: int
    facility_id: int
    facility: str  # code and name
    from_facility: str | None
    moved_on: date
    left_on: date | None
    reason: PlacementReason
    note: str
    recorded_by: str

    @property
    def current(self) -> bool:
        return self.left_on is None


def _label(code: str | None, name: str | None) -> str | None:
    if code is None:
        return None
    return f"{code} — {name}" if name else code


@requires(Permission.READ_RECORDS)
def placements_of(session: Session, child_id: int) -> list[PlacementRow]:
    """The child's placements, oldest first."""
    to, came_from = aliased(Facility), aliased(Facility)
    rows = session.execute(
        select(Placement, to.code, to.name, came_from.code, came_from.name)
        .join(to, to.id == Placement.facility_id)
        .outerjoin(came_from, came_from.id == Placement.from_facility_id)
        .where(Placement.child_id == child_id)
        .order_by(Placement.moved_on, Placement.id)
    )
    return [
        PlacementRow(
            id=p.id,
            facility_id=p.facility_id,
            facility=_label(code, name) or "",
            from_facility=_label(from_code, from_name),
            moved_on=p.moved_on,
            left_on=p.left_on,
            reason=p.reason,
            note=p.note,
            recorded_by=p.recorded_by,
        )
        for p, code, name, from_code, from_name in rows
    ]


def open_placement(session: Session, child_id: int) -> Placement | None:
    return session.scalar(
        select(Placement).where(Placement.child_id == child_id, Placement.left_on.is_(None))
    )


def placement_summary(p: Placement) -> dict[str, object]:
    return {
        "child_id": p.child_id,
        "facility_id": p.facility_id,
        "from_facility_id": p.from_facility_id,
        "moved_on": p.moved_on,
        "left_on": p.left_on,
        "reason": p.reason,
        "note": p.note,
    }


@requires(Permission.EDIT_CASEWORK)
def move_child(
    session: Session,
    child_id: int,
    expected_version: int,
    facility_id: int,
    *,
    moved_on: date,
    reason: PlacementReason | str,
    note: str = "",
    today: date | None = None,
) -> Placement:
    """Move the child to another facility on ``moved_on``: the current placement ends that
    day, the new one starts, and the child's facility follows. ``expected_version`` is the
    child's, as the officer saw it."""
    reason = v.enum_value("reason", reason, PlacementReason)
    if reason not in MOVE_REASONS:
        raise ValidationError("reason", reason.value, _("is not a reason for a move"))
    note = v.text("note", note, max_length=1000, required=reason is PlacementReason.OTHER)
    v.parse_date("moved_on", moved_on, today=today)
    child = load_for_update(session, Child, child_id, expected_version, CHILD_ENTITY)
    if child.status in CLOSED_STATUSES:
        raise RuleViolation(
            _("{case_number} is a closed case: reopen it before moving the child.").format(
                case_number=child.case_number
            )
        )
    target = session.get(Facility, facility_id)
    if target is None:
        raise ValidationError("facility", facility_id, _("is not a registered facility"))
    if not target.active:
        raise ValidationError(
            "facility", target.code, _("is closed: choose a facility that takes children")
        )
    if child.facility_id == target.id:
        raise ValidationError(
            "facility", target.code, _("is where the child lives now: choose another facility")
        )
    current = open_placement(session, child.id)
    earliest = current.moved_on if current is not None else child.identified_on
    if child.arrived_on is not None and current is None:
        earliest = min(earliest, child.arrived_on)
    if moved_on < earliest:
        raise ValidationError(
            "moved_on",
            moved_on.isoformat(),
            # TRANSLATORS: {date} is when the child's current placement began (or the child
            # was identified).
            _("is before the current placement began ({date})").format(date=date_text(earliest))
            if current is not None
            else _("is before the child was identified ({date})").format(date=date_text(earliest)),
        )
    before_facility = child.facility_id
    case_number = child.case_number
    placement = Placement(
        child_id=child.id,
        facility_id=target.id,
        from_facility_id=before_facility,
        moved_on=moved_on,
        reason=reason,
        note=note,
        recorded_by=audit.actor_of(session),
    )
    try:
        with session.begin_nested():  # the database keeps one open placement per child
            if current is not None:
                current.left_on = moved_on
                flush_checked(session, current, ENTITY, current.version)
            session.add(placement)
            session.flush()
    except IntegrityError:
        raise RuleViolation(
            _(
                "{case_number} was moved by someone else just now; nothing was saved. "
                "Reload the record and check where the child lives."
            ).format(case_number=case_number)
        ) from None
    # The placement first, then the child: the database sees the move as already made.
    child.facility_id = target.id
    flush_checked(session, child, CHILD_ENTITY, expected_version)
    audit.record(session, ENTITY, placement.id, "move", after=placement_summary(placement))
    audit.record(
        session,
        CHILD_ENTITY,
        child.id,
        "move",
        before={"facility_id": before_facility},
        after={"facility_id": target.id, "moved_on": moved_on, "reason": reason},
    )
    return placement


@requires(Permission.READ_RECORDS)
def facility_choices(session: Session) -> list[tuple[int, str]]:
    """The facilities a child may move to (open ones): id and "code — name", by name."""
    rows = session.execute(
        select(Facility.id, Facility.code, Facility.name)
        .where(Facility.active.is_(True))
        .order_by(Facility.name, Facility.code)
    )
    return [(fid, _label(code, name) or code) for fid, code, name in rows]
