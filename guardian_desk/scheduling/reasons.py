"""Why no meeting fits between two dates, in the words an officer would use.

The reasons name people and dates: "mediator Farid Noori absent 3–17 March; guardian Elira
Hoxha fully booked on 2 and 23 March", or, when the weekly times never meet, "guardian Elira
Hoxha free only on Sundays, when Tirana Reception Centre is closed".
"""

from __future__ import annotations

from datetime import date

from guardian_desk.scheduling.availability import Schedule, days
from guardian_desk.scheduling.clock import (
    day_text,
    days_text,
    range_text,
    weekdays_text,
    windows_text,
)
from guardian_desk.scheduling.intervals import Interval, fits, intersect, longest, subtract
from guardian_desk.scheduling.model import Attendees, Key, Person, Weekly


def why_nothing_fits(
    schedule: Schedule,
    attendees: Attendees,
    first: date,
    last: date,
    length: int,
    ignore: int | None = None,
) -> str:
    """The reasons no ``length``-minute meeting of these attendees fits from first to last."""
    settled = settled_problems(schedule, attendees)
    if settled:
        return "; ".join(settled)
    weekly = schedule.weekly(attendees)
    if not any(longest(w) >= length for w in weekly.values()):
        return weekly_reason(schedule, attendees, length)
    absences: dict[tuple[Key, date, date], str] = {}
    holidays: list[date] = []
    booked: dict[str, list[date]] = {}
    short: list[date] = []
    candidates = 0
    for day in days(first, last):
        if longest(weekly.get(day.isoweekday(), [])) < length:
            continue
        candidates += 1
        off = schedule.day_off(attendees, day)
        if off is not None and off.person is not None and off.absence is not None:
            a = off.absence
            text = f"{off.person.label} absent {range_text(a.starts_on, a.ends_on)}"
            absences.setdefault((off.person.key, a.starts_on, a.ends_on), text)
            continue
        if off is not None:
            holidays.append(day)
            continue
        windows = schedule.day_windows(attendees, day)
        if not fits(windows, length):
            short.append(day)  # the skipped hour of a clock change took the time
            continue
        for who in busy(schedule, attendees, day, windows, length, ignore):
            booked.setdefault(who, []).append(day)
    together = windows_text({d: tuple(w) for d, w in weekly.items() if longest(w) >= length})
    if not candidates:
        return (
            f"they can meet only {together}, and no such day falls between "
            f"{day_text(first)} and {day_text(last)}"
        )
    parts = list(absences.values())
    if holidays:
        plural = "s" if len(holidays) > 1 else ""
        parts.append(f"public holiday{plural} on {days_text(holidays)}")
    parts.extend(f"{who} fully booked on {days_text(found)}" for who, found in booked.items())
    if short:
        parts.append(f"the clocks change on {days_text(short)}")
    if not parts:
        return f"no free {length} minutes between {day_text(first)} and {day_text(last)}"
    return "; ".join(parts) + f" (they can meet only {together})"


def settled_problems(schedule: Schedule, attendees: Attendees) -> list[str]:
    """What rules out every date: a suspended person, a closed facility, no hours on record."""
    texts = []
    place = schedule.facility(attendees)
    if place is not None:
        if not place.active:
            texts.append(f"{place.name} is not active")
        elif not place.hours:
            texts.append(f"{place.name} has no visiting hours on record")
    for person in schedule.people(attendees):
        if not person.active:
            why = f" ({person.suspended_reason})" if person.suspended_reason.strip() else ""
            texts.append(f"{person.label} is suspended{why}")
        elif not person.windows:
            texts.append(f"{person.label} has no weekly availability on record")
    return texts


def busy(
    schedule: Schedule,
    attendees: Attendees,
    day: date,
    windows: list[Interval],
    length: int,
    ignore: int | None,
) -> list[str]:
    """Who is booked up that day: each one whose bookings alone leave no room, else all
    those with bookings that day."""
    alone, involved = [], []
    for key in attendees.members():
        taken = schedule.taken(attendees, day, ignore, only=key)
        if not taken:
            continue
        who = _who(schedule, key, day)
        involved.append(who)
        if not fits(subtract(windows, taken), length):
            alone.append(who)
    return alone or involved


def _who(schedule: Schedule, key: Key, day: date) -> str:
    role, pid = key
    if role == "guardian":
        return schedule.guardians[pid].label
    if role == "mediator":
        return schedule.mediators[pid].label
    child = schedule.children.get(pid)
    return f"child {child.case_number}" if child is not None else "the child"


def weekly_reason(schedule: Schedule, attendees: Attendees, length: int) -> str:
    """Why the weekly windows never leave ``length`` minutes in common."""
    place = schedule.facility(attendees)
    people = schedule.people(attendees)
    if place is not None:
        for person in people:
            if not _meet(person.windows, place.hours, length):
                closed = f"{place.name} is closed"
                return _apart(
                    person, place.hours, closed, f"visiting hours of {place.name}", length
                )
    if len(people) == 2:
        guardian, mediator = people
        if place is None:
            closed, what, common = f"{guardian.label} is not", guardian.label, guardian.windows
        else:
            both = f"{guardian.label} and {place.name}"
            closed, what = f"{both} are not both free", f"common time of {both}"
            common = {
                day: tuple(intersect(hours, guardian.windows.get(day, ())))
                for day, hours in place.hours.items()
            }
        if not _meet(mediator.windows, common, length):
            return _apart(mediator, common, closed, what, length)
    return f"they never have {length} minutes in a row in common"


def _meet(first: Weekly, second: Weekly, length: int) -> bool:
    return any(
        longest(intersect(windows, second.get(day, ()))) >= length for day, windows in first.items()
    )


def _apart(person: Person, other: Weekly, closed: str, what: str, length: int) -> str:
    own = set(person.windows)
    shared = own & {day for day, windows in other.items() if windows}
    if not shared:
        return f"{person.label} free only on {weekdays_text(list(own))}, when {closed}"
    listed = windows_text({day: tuple(w) for day, w in other.items() if w})
    return (
        f"{person.label} free {windows_text(person.windows)}: never {length} minutes "
        f"in a row within the {what} ({listed})"
    )
