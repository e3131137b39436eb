"""A guardian's or a mediator's weekly free time and absences."""

from __future__ import annotations

from itertools import pairwise
from typing import cast

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from guardian_desk.db.base import utcnow
from guardian_desk.db.models import Absence, AvailabilitySlot, Mediator
from guardian_desk.domain.errors import NotFoundError, ValidationError
from guardian_desk.domain.parsing import format_windows
from guardian_desk.domain.records import AbsencePeriod, WeeklyWindow
from guardian_desk.i18n import _
from guardian_desk.security.roles import Permission, requires
from guardian_desk.services import audit
from guardian_desk.services.locking import flush_checked, load_for_update, touch
from guardian_desk.services.staff import MODELS, Staff, StaffKind


def availability_of(row: Staff) -> tuple[list[WeeklyWindow], list[AbsencePeriod]]:
    slots = [WeeklyWindow(s.weekday, s.start_minute, s.end_minute) for s in row.slots]
    absences = [AbsencePeriod(a.starts_on, a.ends_on, a.reason) for a in row.absences]
    return slots, absences


def check_availability(slots: list[WeeklyWindow], absences: list[AbsencePeriod]) -> None:
    ordered = sorted(slots, key=lambda w: (w.weekday, w.start_minute))
    for first, second in pairwise(ordered):
        if first.weekday == second.weekday and second.start_minute < first.end_minute:
            raise ValidationError("slots", format_windows([first, second]), _("overlap"))
    for window in slots:
        if not (1 <= window.weekday <= 7 and 0 <= window.start_minute < window.end_minute <= 1440):
            raise ValidationError("slots", window, _("is not a window within one day"))
    for absence in absences:
        if absence.ends_on < absence.starts_on:
            # TRANSLATORS: {other} is the name of another field as files write it; keep it.
            problem = _("is before {other}").format(other="absent_from")
            raise ValidationError("absent_to", absence.ends_on.isoformat(), problem)


@requires(Permission.EDIT_CASEWORK)
def set_availability(
    session: Session,
    kind: StaffKind,
    staff_id: int,
    slots: list[WeeklyWindow],
    absences: list[AbsencePeriod],
    expected_version: int | None,
) -> Staff:
    """Replace the person's weekly slots and absences (None: no version check, for imports)."""
    check_availability(slots, absences)
    model = MODELS[kind]
    if expected_version is None:
        row = cast(Staff | None, session.get(model, staff_id))
        if row is None:
            raise NotFoundError(kind, staff_id)
    else:
        row = load_for_update(session, model, staff_id, expected_version, kind)
    before = availability_of(row)
    owner = "mediator_id" if isinstance(row, Mediator) else "guardian_id"
    row.slots = [
        AvailabilitySlot(
            weekday=w.weekday,
            start_minute=w.start_minute,
            end_minute=w.end_minute,
            **{owner: row.id},
        )
        for w in sorted(slots, key=lambda w: (w.weekday, w.start_minute))
    ]
    row.absences = [
        Absence(starts_on=a.starts_on, ends_on=a.ends_on, reason=a.reason, **{owner: row.id})
        for a in sorted(absences, key=lambda a: a.starts_on)
    ]
    touch(row)
    flush_checked(session, row, kind, expected_version or row.version)
    audit.record(
        session,
        kind,
        row.id,
        "set_availability",
        before={"slots": before[0], "absences": before[1]},
        after={"slots": slots, "absences": absences},
    )
    return row


@requires(Permission.EDIT_CASEWORK)
def replace_availability_many(
    session: Session,
    kind: StaffKind,
    plans: dict[int, tuple[list[WeeklyWindow], list[AbsencePeriod]]],
) -> None:
    """Imports: replace many people's availability with a few set-based statements.

    Same rules and audit as set_availability, without a load and flush per person (6,000
    people took half a minute one by one). Each person's version steps once.
    """
    if not plans:
        return
    model = MODELS[kind]
    owner = AvailabilitySlot.mediator_id if kind == "mediator" else AvailabilitySlot.guardian_id
    absent_owner = Absence.mediator_id if kind == "mediator" else Absence.guardian_id
    owner_key = "mediator_id" if kind == "mediator" else "guardian_id"
    ids = sorted(plans)
    for slots, absences in plans.values():
        check_availability(slots, absences)
    before_slots: dict[int, list[WeeklyWindow]] = {i: [] for i in ids}
    before_absences: dict[int, list[AbsencePeriod]] = {i: [] for i in ids}
    for start in range(0, len(ids), 2_000):
        chunk = ids[start : start + 2_000]
        for pid, day, begin, end in session.execute(
            select(
                owner,
                AvailabilitySlot.weekday,
                AvailabilitySlot.start_minute,
                AvailabilitySlot.end_minute,
            )
            .where(owner.in_(chunk))
            .order_by(owner, AvailabilitySlot.weekday, AvailabilitySlot.start_minute)
        ):
            before_slots[cast(int, pid)].append(WeeklyWindow(day, begin, end))
        for pid, first, last, reason in session.execute(
            select(absent_owner, Absence.starts_on, Absence.ends_on, Absence.reason)
            .where(absent_owner.in_(chunk))
            .order_by(absent_owner, Absence.starts_on)
        ):
            before_absences[cast(int, pid)].append(AbsencePeriod(first, last, reason))
        session.execute(delete(AvailabilitySlot).where(owner.in_(chunk)))
        session.execute(delete(Absence).where(absent_owner.in_(chunk)))
        session.execute(
            update(model)
            .where(model.id.in_(chunk))
            .values(version=model.version + 1, updated_at=utcnow())
            .execution_options(synchronize_session=False)
        )
    slot_rows = [
        {
            owner_key: pid,
            "weekday": w.weekday,
            "start_minute": w.start_minute,
            "end_minute": w.end_minute,
        }
        for pid in ids
        for w in sorted(plans[pid][0], key=lambda w: (w.weekday, w.start_minute))
    ]
    absence_rows = [
        {owner_key: pid, "starts_on": a.starts_on, "ends_on": a.ends_on, "reason": a.reason}
        for pid in ids
        for a in sorted(plans[pid][1], key=lambda a: a.starts_on)
    ]
    if slot_rows:
        session.execute(insert(AvailabilitySlot), slot_rows)
    if absence_rows:
        session.execute(insert(Absence), absence_rows)
    session.expire_all()  # loaded people hold stale slot lists and versions
    audit.record_many(
        session,
        kind,
        "set_availability",
        [
            (
                pid,
                {"slots": before_slots[pid], "absences": before_absences[pid]},
                {"slots": plans[pid][0], "absences": plans[pid][1]},
            )
            for pid in ids
        ],
    )
