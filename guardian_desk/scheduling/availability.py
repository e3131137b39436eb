"""The availability algebra: who is free when, in memory, for any number of visits.

A ``Schedule`` holds everyone's weekly windows, absences, the facilities' visiting hours and
every booking (indexed by person and local date). Free time for a meeting on a date is

    weekly windows of the facility, the guardian and the mediator (intersected), that day,
    in real instants (clock.py), unless it is a public holiday or someone is absent,
    minus every booking of the child, the guardian and the mediator, widened by the travel
    buffer on both sides (no buffer between two meetings at the same place).

Nothing here touches the database: ``loading.load_schedule`` fills it with a few queries.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from guardian_desk.domain.records import AbsencePeriod
from guardian_desk.i18n import _, ngettext
from guardian_desk.scheduling.clock import (
    OfficeClock,
    day_text,
    range_text,
    span_text,
    windows_text,
)
from guardian_desk.scheduling.intervals import (
    GRID_MINUTES,
    Interval,
    contains,
    fits,
    intersect,
    subtract,
)
from guardian_desk.scheduling.model import (
    Attendees,
    Booking,
    ChildInfo,
    Key,
    Person,
    Place,
    Rules,
)
from guardian_desk.scheduling.working_days import holiday_name

ALL_DAY: tuple[Interval, ...] = ((0, 1440),)
ONE_DAY = timedelta(days=1)


@dataclass(frozen=True)
class DayOff:
    """Why a whole day is out for a meeting: a public holiday, or someone absent."""

    kind: str  # "holiday" or "absent"
    text: str  # "25 December is a public holiday (Christmas Day)"
    person: Person | None = None
    absence: AbsencePeriod | None = None


def days(first: date, last: date) -> Iterable[date]:
    day = first
    while day <= last:
        yield day
        day += ONE_DAY


class Schedule:
    """Everyone's time, and the bookings so far (stored visits, then proposals as added)."""

    def __init__(
        self,
        *,
        rules: Rules,
        guardians: Iterable[Person] = (),
        mediators: Iterable[Person] = (),
        facilities: Iterable[Place] = (),
        children: Iterable[ChildInfo] = (),
        bookings: Iterable[Booking] = (),
    ) -> None:
        self.rules = rules
        self.clock = OfficeClock(rules.time_zone)
        self.buffer = rules.travel_buffer_minutes
        self.guardians = {p.id: p for p in guardians}
        self.mediators = {p.id: p for p in mediators}
        self.facilities = {f.id: f for f in facilities}
        self.children = {c.id: c for c in children}
        self._by_day: dict[tuple[Key, date], list[Booking]] = defaultdict(list)
        self._weekly: dict[tuple[int | None, int | None, int | None], dict[int, list[Interval]]]
        self._weekly = {}
        for booking in bookings:
            self.add(booking)

    # --- bookings ------------------------------------------------------------------------------

    def add(self, booking: Booking) -> None:
        """Count a booking: the people in it are busy then (and travelling around it)."""
        first = self.clock.local_date(booking.start - self.buffer)
        last = self.clock.local_date(booking.end + self.buffer)
        for key in booking.members():
            for day in days(first, last):
                self._by_day[(key, day)].append(booking)

    def bookings_on(self, key: Key, day: date) -> list[Booking]:
        """Bookings of a person (or a child) that reach into a local date, travel included."""
        return self._by_day.get((key, day), [])

    def gap(self, booking: Booking, attendees: Attendees) -> int:
        """Travel time kept between this booking and a meeting of these attendees."""
        where = attendees.where
        return 0 if where is not None and booking.where == where else self.buffer

    # --- who and where -------------------------------------------------------------------------

    def people(self, attendees: Attendees) -> list[Person]:
        found = []
        if attendees.guardian_id is not None:
            found.append(self.guardians[attendees.guardian_id])
        if attendees.mediator_id is not None:
            found.append(self.mediators[attendees.mediator_id])
        return found

    def facility(self, attendees: Attendees) -> Place | None:
        fid = attendees.facility_id
        return self.facilities[fid] if fid is not None else None

    def bookable(self, attendees: Attendees) -> bool:
        """Nobody suspended and the facility (if any) active."""
        place = self.facility(attendees)
        if place is not None and not place.active:
            return False
        return all(person.active for person in self.people(attendees))

    def weekly(self, attendees: Attendees) -> dict[int, list[Interval]]:
        """Wall-clock windows, by weekday, in which the facility admits visitors and every
        person coming is free (cached per guardian, mediator and facility)."""
        key = (attendees.guardian_id, attendees.mediator_id, attendees.facility_id)
        found = self._weekly.get(key)
        if found is None:
            sources = [p.windows for p in self.people(attendees)]
            place = self.facility(attendees)
            if place is not None:
                sources.insert(0, place.hours)
            found = {}
            for weekday in range(1, 8):
                common = list(ALL_DAY)
                for source in sources:
                    common = intersect(common, source.get(weekday, ()))
                if common:
                    found[weekday] = common
            self._weekly[key] = found
        return found

    # --- one day -------------------------------------------------------------------------------

    def day_off(self, attendees: Attendees, day: date) -> DayOff | None:
        """Someone absent, else a public holiday; None on an ordinary day."""
        for person in self.people(attendees):
            absence = person.absence_on(day)
            if absence is not None:
                return DayOff("absent", absent_text(person, absence), person, absence)
        name = holiday_name(day, self.rules.country)
        if name is not None:
            return DayOff("holiday", holiday_text(day, name))
        return None

    def day_windows(self, attendees: Attendees, day: date) -> list[Interval]:
        """The day's common windows as real instants, before holidays and bookings."""
        local = self.weekly(attendees).get(day.isoweekday())
        return self.clock.windows(day, tuple(local)) if local else []

    def taken(
        self, attendees: Attendees, day: date, ignore: int | None = None, only: Key | None = None
    ) -> list[Interval]:
        """Time the day's bookings take from these attendees (``only``: one of them)."""
        found = []
        for key in [only] if only is not None else attendees.members():
            for booking in self.bookings_on(key, day):
                if ignore is not None and booking.visit_id == ignore:
                    continue
                gap = self.gap(booking, attendees)
                found.append((booking.start - gap, booking.end + gap))
        return found

    def free(self, attendees: Attendees, day: date, ignore: int | None = None) -> list[Interval]:
        """When all of them can meet on a date (epoch-minute intervals)."""
        windows = self.day_windows(attendees, day)
        if not windows or self.day_off(attendees, day) is not None:
            return []
        return subtract(windows, self.taken(attendees, day, ignore))

    def slots(
        self,
        attendees: Attendees,
        first: date,
        last: date,
        length: int,
        *,
        limit: int = 1,
        not_before: int | None = None,
        ignore: int | None = None,
    ) -> list[tuple[int, int]]:
        """Up to ``limit`` free stretches from ``first`` to ``last``, earliest first, each as
        (earliest start on the quarter hour, end of the stretch)."""
        found: list[tuple[int, int]] = []
        if not self.bookable(attendees):
            return found
        weekly = self.weekly(attendees)
        for day in days(first, last):
            if day.isoweekday() not in weekly:
                continue
            free = self.free(attendees, day, ignore)
            if not_before is not None:
                free = subtract(free, [(free[0][0], not_before)]) if free else free
            found.extend(fits(free, length, GRID_MINUTES))
            if len(found) >= limit:
                return found[:limit]
        return found

    # --- one meeting at a given time -------------------------------------------------------------

    def clashes(
        self,
        attendees: Attendees,
        start: int,
        end: int,
        ignore: int | None = None,
        only: list[Key] | None = None,
    ) -> list[str]:
        """Every booking this meeting would overlap (travel time included), in words;
        ``only``: the bookings of these attendees alone."""
        texts: list[str] = []
        seen: set[tuple[Key, int]] = set()
        for key in attendees.members() if only is None else only:
            for day in days(self.clock.local_date(start), self.clock.local_date(end)):
                for booking in self.bookings_on(key, day):
                    if ignore is not None and booking.visit_id == ignore:
                        continue
                    if (key, id(booking)) in seen:
                        continue
                    seen.add((key, id(booking)))
                    gap = self.gap(booking, attendees)
                    if booking.start - gap < end and start < booking.end + gap:
                        overlap = booking.start < end and start < booking.end
                        texts.append(self.clash_text(key, booking, overlap))
        return texts

    def clash_text(self, key: Key, booking: Booking, overlap: bool) -> str:
        role, pid = key
        when = span_text(self.clock, booking.start, booking.end)
        values = {"what": booking.what, "when": when, "case_number": booking.case_number}
        if role == "child":
            if overlap:
                # TRANSLATORS: {what} is like "a visit", {when} like "10:00–11:00 on 12 March".
                return _("child {case_number} already has {what} {when}").format(**values)
            text = ngettext(
                "child {case_number} has {what} {when} elsewhere and needs {minutes} minute "
                "to travel between them",
                "child {case_number} has {what} {when} elsewhere and needs {minutes} minutes "
                "to travel between them",
                self.buffer,
            )
            return text.format(minutes=self.buffer, **values)
        who = (self.guardians if role == "guardian" else self.mediators)[pid].label
        if overlap:
            # TRANSLATORS: {who} is like "guardian Ana Hoxha", {what} like "a visit", {when} like
            # "10:00–11:00 on 12 March".
            return _("{who} already has {what} {when} (case {case_number})").format(
                who=who, **values
            )
        text = ngettext(
            "{who} has {what} {when} (case {case_number}) elsewhere and needs {minutes} minute "
            "to travel between them",
            "{who} has {what} {when} (case {case_number}) elsewhere and needs {minutes} minutes "
            "to travel between them",
            self.buffer,
        )
        return text.format(who=who, minutes=self.buffer, **values)

    def problems(self, attendees: Attendees, start: int, end: int) -> list[str]:
        """What about this time breaks anyone's availability or the visiting hours, in words
        (bookings are ``clashes``)."""
        texts = self.place_problems(attendees, start, end)
        for person in self.people(attendees):
            texts.extend(self.person_problems(person, start, end))
        return texts

    def place_problems(self, attendees: Attendees, start: int, end: int) -> list[str]:
        """Midnight, a public holiday, the facility closed."""
        day = self.clock.local_date(start)
        texts = []
        if self.clock.local_date(end - 1) != day:
            texts.append(_("the meeting runs past midnight"))
        name = holiday_name(day, self.rules.country)
        if name is not None:
            texts.append(holiday_text(day, name))
        place = self.facility(attendees)
        if place is not None:
            if not place.active:
                texts.append(_("{place} is not active").format(place=place.name))
            hours = self.clock.windows(day, place.hours.get(day.isoweekday(), ()))
            if not contains(hours, start, end):
                if place.hours:
                    # TRANSLATORS: {place} is a facility, {hours} like "Mon–Fri 09:00–13:00".
                    text = _("{place} admits visitors only {hours}")
                    texts.append(text.format(place=place.name, hours=windows_text(place.hours)))
                else:
                    text = _("{place} has no visiting hours on record")
                    texts.append(text.format(place=place.name))
        return texts

    def person_problems(self, person: Person, start: int, end: int) -> list[str]:
        """Suspended, absent, or not free at that time by their weekly windows."""
        day = self.clock.local_date(start)
        texts = []
        if not person.active:
            texts.append(suspended_text(person))
        absence = person.absence_on(day)
        if absence is not None:
            texts.append(absent_text(person, absence))
        own = self.clock.windows(day, person.windows.get(day.isoweekday(), ()))
        if not contains(own, start, end):
            if person.windows:
                # TRANSLATORS: {person} is like "guardian Ana Hoxha", {hours} like "Mon–Fri
                # 09:00–13:00".
                text = _("{person} is free only {hours}")
                texts.append(text.format(person=person.label, hours=windows_text(person.windows)))
            else:
                text = _("{person} has no weekly availability on record")
                texts.append(text.format(person=person.label))
        return texts


def suspended_text(person: Person) -> str:
    """ "guardian Ana Hoxha is suspended (reason)", translated."""
    reason = person.suspended_reason.strip()
    if reason:
        # TRANSLATORS: {person} is like "guardian Ana Hoxha", {reason} the officer's words.
        return _("{person} is suspended ({reason})").format(person=person.label, reason=reason)
    return _("{person} is suspended").format(person=person.label)


def absent_text(person: Person, absence: AbsencePeriod) -> str:
    """ "guardian Ana Hoxha is absent 3–17 March (leave)", translated."""
    days = range_text(absence.starts_on, absence.ends_on)
    reason = absence.reason.strip()
    if not reason:
        return _("{person} is absent {days}").format(person=person.label, days=days)
    # TRANSLATORS: {person} is like "guardian Ana Hoxha", {days} like "3–17 March", {reason}
    # the officer's words.
    text = _("{person} is absent {days} ({reason})")
    return text.format(person=person.label, days=days, reason=reason)


def holiday_text(day: date, name: str) -> str:
    # TRANSLATORS: {day} is like "12 March", {name} the holiday's name.
    return _("{day} is a public holiday ({name})").format(day=day_text(day), name=name)
