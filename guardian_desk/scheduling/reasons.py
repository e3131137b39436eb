"""Why no meeting fits between two dates, in the words an officer would use.

The reasons name people and dates: "mediator Farid Noori absent 3–17 March; guardian Elira
Hoxha fully booked on 2 and 23 March", or, when the weekly times never meet, "guardian Elira
Hoxha free only on Sundays, when Tirana Reception Centre is closed".
"""

from __future__ import annotations

from datetime import date

from guardian_desk.i18n import _, ngettext
from guardian_desk.scheduling.availability import Schedule, days, suspended_text
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
        # TRANSLATORS: {together} is weekly hours such as "Mon–Fri 09:00–13:00"; {first} and
        # {last} are days such as "12 March".
        return _(
            "they can meet only {together}, and no such day falls between {first} and {last}"
        ).format(together=together, first=day_text(first), last=day_text(last))
    parts = list(absences.values())
    if holidays:
        # TRANSLATORS: {days} is like "4, 11 and 18 March".
        text = ngettext("public holiday on {days}", "public holidays on {days}", len(holidays))
        parts.append(text.format(days=days_text(holidays)))
    parts.extend(
        # TRANSLATORS: {who} is like "guardian Ana Hoxha", {days} like "4, 11 and 18 March".
        _("{who} fully booked on {days}").format(who=who, days=days_text(found))
        for who, found in booked.items()
    )
    if short:
        parts.append(_("the clocks change on {days}").format(days=days_text(short)))
    if not parts:
        return ngettext(
            "no free {length} minute between {first} and {last}",
            "no free {length} minutes between {first} and {last}",
            length,
        ).format(length=length, first=day_text(first), last=day_text(last))
    # TRANSLATORS: {reasons} lists why no day fits, separated by semicolons; {together} is
    # weekly hours such as "Mon–Fri 09:00–13:00".
    return _("{reasons} (they can meet only {together})").format(
        reasons="; ".join(parts), together=together
    )


def settled_problems(schedule: Schedule, attendees: Attendees) -> list[str]:
    """What rules out every date: a suspended person, a closed facility, no hours on record."""
    texts = []
    place = schedule.facility(attendees)
    if place is not None:
        if not place.active:
            # TRANSLATORS: {place} is a facility's name.
            texts.append(_("{place} is not active").format(place=place.name))
        elif not place.hours:
            texts.append(_("{place} has no visiting hours on record").format(place=place.name))
    for person in schedule.people(attendees):
        if not person.active:
            texts.append(suspended_text(person))
        elif not person.windows:
            # TRANSLATORS: {person} is like "guardian Ana Hoxha".
            text = _("{person} has no weekly availability on record")
            texts.append(text.format(person=person.label))
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
    if child is None:
        return _("the child")
    return _("child {case_number}").format(case_number=child.case_number)


def weekly_reason(schedule: Schedule, attendees: Attendees, length: int) -> str:
    """Why the weekly windows never leave ``length`` minutes in common."""
    place = schedule.facility(attendees)
    people = schedule.people(attendees)
    if place is not None:
        for person in people:
            if not _meet(person.windows, place.hours, length):
                # TRANSLATORS: ends "free only on Sundays, when …"; {place} is a facility.
                closed = _("{place} is closed").format(place=place.name)
                # TRANSLATORS: ends "never 60 minutes in a row within the …".
                what = _("visiting hours of {place}").format(place=place.name)
                return _apart(person, place.hours, closed, what, length)
    if len(people) == 2:
        guardian, mediator = people
        if place is None:
            # TRANSLATORS: ends "free only on Sundays, when …"; {person} is like "guardian
            # Ana Hoxha".
            closed = _("{person} is not").format(person=guardian.label)
            what, common = guardian.label, guardian.windows
        else:
            # TRANSLATORS: ends "free only on Sundays, when …".
            closed = _("{person} and {place} are not both free").format(
                person=guardian.label, place=place.name
            )
            # TRANSLATORS: ends "never 60 minutes in a row within the …".
            what = _("common time of {person} and {place}").format(
                person=guardian.label, place=place.name
            )
            common = {
                day: tuple(intersect(hours, guardian.windows.get(day, ())))
                for day, hours in place.hours.items()
            }
        if not _meet(mediator.windows, common, length):
            return _apart(mediator, common, closed, what, length)
    return ngettext(
        "they never have {length} minute in a row in common",
        "they never have {length} minutes in a row in common",
        length,
    ).format(length=length)


def _meet(first: Weekly, second: Weekly, length: int) -> bool:
    return any(
        longest(intersect(windows, second.get(day, ()))) >= length for day, windows in first.items()
    )


def _apart(person: Person, other: Weekly, closed: str, what: str, length: int) -> str:
    own = set(person.windows)
    shared = own & {day for day, windows in other.items() if windows}
    if not shared:
        # TRANSLATORS: {person} is like "guardian Ana Hoxha", {weekdays} like "Saturdays and
        # Sundays", {closed} like "Tirana Centre is closed".
        return _("{person} free only on {weekdays}, when {closed}").format(
            person=person.label, weekdays=weekdays_text(list(own)), closed=closed
        )
    listed = windows_text({day: tuple(w) for day, w in other.items() if w})
    # TRANSLATORS: {hours} and {listed} are weekly hours such as "Mon–Fri 09:00–13:00", {what}
    # like "visiting hours of Tirana Centre".
    return ngettext(
        "{person} free {hours}: never {length} minute in a row within the {what} ({listed})",
        "{person} free {hours}: never {length} minutes in a row within the {what} ({listed})",
        length,
    ).format(
        person=person.label,
        hours=windows_text(person.windows),
        length=length,
        what=what,
        listed=listed,
    )
