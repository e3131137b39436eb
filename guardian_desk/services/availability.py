"""A guardian's or a mediator's weekly free time and absences."""

from __future__ import annotations

from itertools import pairwise
from typing import cast

from sqlalchemy.orm import Session

from guardian_desk.db.models import Absence, AvailabilitySlot, Mediator
from guardian_desk.domain.errors import NotFoundError, ValidationError
from guardian_desk.domain.parsing import format_windows
from guardian_desk.domain.records import AbsencePeriod, WeeklyWindow
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
            raise ValidationError("slots", format_windows([first, second]), "overlap")
    for window in slots:
        if not (1 <= window.weekday <= 7 and 0 <= window.start_minute < window.end_minute <= 1440):
            raise ValidationError("slots", window, "is not a window within one day")
    for absence in absences:
        if absence.ends_on < absence.starts_on:
            raise ValidationError("absent_to", absence.ends_on.isoformat(), "is before absent_from")


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
