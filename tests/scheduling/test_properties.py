"""Property tests on random small offices in memory, across a daylight-saving change: a plan
never double-books anyone (guardian, mediator or child, travel time included) and never places
a visit outside the facility's hours, anyone's free time, an absence or a public holiday.

Every check here reads the wall clock minute by minute with zoneinfo, independently of the
planner's own conversions."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import combinations
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from guardian_desk.domain.records import AbsencePeriod, WeeklyWindow
from guardian_desk.scheduling.availability import Schedule
from guardian_desk.scheduling.clock import OfficeClock, to_minute
from guardian_desk.scheduling.model import (
    Attendees,
    Booking,
    ChildInfo,
    Person,
    Place,
    Rules,
    Weekly,
    weekly,
)
from guardian_desk.scheduling.planning import Appointment, plan_visits
from guardian_desk.scheduling.saving import check_meeting
from guardian_desk.scheduling.working_days import holiday_name

ZONE = "Europe/Belgrade"
STARTS = (date(2026, 3, 23), date(2026, 10, 19))  # two weeks around each change
DAYS = 14


@st.composite
def windows(draw: st.DrawFn) -> list[WeeklyWindow]:
    """Weekly windows in quarter hours: mostly daytime, often at night (where the clocks
    change, 02:00-03:00), Sundays likely (both changes fall on a Sunday)."""
    found = []
    days = draw(st.sets(st.integers(1, 7), min_size=2, max_size=7)) | {7}
    for day in days:
        start = draw(st.one_of(st.integers(32, 40), st.integers(0, 12), st.integers(0, 92)))
        length = draw(st.integers(4, 40))
        found.append(WeeklyWindow(day, start * 15, min(96, start + length) * 15))
    return found


@st.composite
def absences(draw: st.DrawFn, first: date) -> tuple[AbsencePeriod, ...]:
    if not draw(st.booleans()):
        return ()
    start = first + timedelta(days=draw(st.integers(-3, DAYS)))
    return (AbsencePeriod(start, start + timedelta(days=draw(st.integers(0, 6)))),)


@st.composite
def offices(draw: st.DrawFn) -> tuple[Schedule, list[Appointment], date, list[Booking]]:
    first = draw(st.sampled_from(STARTS))
    rules = Rules(
        time_zone=ZONE,
        country="RS",
        visit_minutes=draw(st.sampled_from([30, 45, 60, 90])),
        travel_buffer_minutes=draw(st.sampled_from([0, 15, 30, 60])),
    )
    places = [
        Place(
            n,
            f"F{n}",
            f"Facility {n}",
            weekly(draw(windows())),
            draw(st.sampled_from([True] * 9 + [False])),
        )
        for n in range(1, draw(st.integers(1, 2)) + 1)
    ]

    def people(role: str, most: int) -> list[Person]:
        return [
            Person(
                role,
                n,
                f"{role[0]}{n}",
                f"{role} {n}",
                weekly(draw(windows())),
                draw(absences(first)),
                active=draw(st.sampled_from([True] * 9 + [False])),
            )
            for n in range(1, draw(st.integers(most // 3, most)) + 1)
        ]

    guardians, mediators = people("guardian", 3), people("mediator", 2)
    children, appointments = [], []
    for n in range(1, draw(st.integers(1, 7)) + 1):
        mediator = draw(st.sampled_from([None] + [m.id for m in mediators]))
        children.append(
            ChildInfo(
                n,
                f"RS-2026-{n:05d}",
                draw(st.sampled_from([p.id for p in places])),
                (mediator,) if mediator else (),
            )
        )
        appointed = first - timedelta(days=draw(st.integers(0, 60)))
        appointments.append(
            Appointment(n, draw(st.sampled_from([g.id for g in guardians])), appointed)
        )
    clock = OfficeClock(ZONE)
    stored = []
    for n in range(draw(st.integers(0, 5))):
        child = draw(st.sampled_from(children))
        start = clock.instant(first + timedelta(days=draw(st.integers(0, DAYS - 1))), 0)
        start += draw(st.integers(0, 95)) * 15
        stored.append(
            Booking(
                start=start,
                end=start + draw(st.sampled_from([30, 60, 120])),
                child_id=child.id,
                case_number=child.case_number,
                guardian_id=draw(st.sampled_from([None] + [g.id for g in guardians])),
                mediator_id=draw(st.sampled_from([None] + [m.id for m in mediators])),
                where=draw(st.sampled_from([None, ("facility", "1"), ("place", "court")])),
                visit_id=1000 + n,
            )
        )
    schedule = Schedule(
        rules=rules,
        guardians=guardians,
        mediators=mediators,
        facilities=places,
        children=children,
        bookings=stored,
    )
    return schedule, appointments, first, stored


def _always_within(zone: ZoneInfo, start: int, end: int, weekly_windows: Weekly) -> bool:
    """At every minute of [start, end) the wall clock shows a time inside a window of the
    visit's local date."""
    clock = OfficeClock(zone)
    day = clock.local_date(start)
    for minute in range(start, end):
        wall = clock.wall(minute)
        at = wall.hour * 60 + wall.minute
        if wall.date() != day:
            return False
        if not any(a <= at < b for a, b in weekly_windows.get(day.isoweekday(), ())):
            return False
    return True


@settings(max_examples=200, deadline=None)
@given(offices())
def test_a_plan_never_double_books_and_keeps_to_everyones_hours(
    office: tuple[Schedule, list[Appointment], date, list[Booking]],
) -> None:
    schedule, appointments, first, stored = office
    last = first + timedelta(days=DAYS - 1)
    made = plan_visits(schedule, appointments, first, last)
    zone = schedule.clock.zone
    buffer = schedule.rules.travel_buffer_minutes
    proposed = []
    assert len({p.child_id for p in made.proposals}) == len(made.proposals)
    for p in made.proposals:
        start, end = to_minute(p.starts_at_utc), to_minute(p.ends_at_utc)
        assert end - start == schedule.rules.visit_minutes
        assert start % 15 == 0
        assert p.starts_at == p.starts_at_utc.astimezone(zone)
        day = p.starts_at.date()
        assert first <= day <= last
        assert holiday_name(day, "RS") is None
        assert schedule.facilities[p.facility_id].active
        assert _always_within(zone, start, end, schedule.facilities[p.facility_id].hours)
        people = [schedule.guardians[p.guardian_id]]
        child = schedule.children[p.child_id]
        if child.mediator_ids:
            assert p.mediator_id is not None and p.mediator_id in child.mediator_ids
            people.append(schedule.mediators[p.mediator_id])
        for person in people:
            assert person.active and person.absence_on(day) is None
            assert _always_within(zone, start, end, person.windows)
        proposed.append(
            Booking(
                start,
                end,
                p.child_id,
                p.case_number,
                p.guardian_id,
                p.mediator_id,
                where=("facility", str(p.facility_id)),
            )
        )
    for one, other in combinations([*proposed, *stored], 2):
        if one in stored and other in stored:
            continue  # stored data is what it is
        if not set(one.members()) & set(other.members()):
            continue
        gap = 0 if one.where is not None and one.where == other.where else buffer
        assert one.end + gap <= other.start or other.end + gap <= one.start, (one, other)
    # Saving the plan would pass the same checks a booking by hand gets (apply_plan's).
    fresh = Schedule(
        rules=schedule.rules,
        guardians=schedule.guardians.values(),
        mediators=schedule.mediators.values(),
        facilities=schedule.facilities.values(),
        children=schedule.children.values(),
        bookings=stored,
    )
    for p, booking in zip(made.proposals, proposed, strict=True):
        attendees = Attendees(p.child_id, p.guardian_id, p.mediator_id, p.facility_id)
        assert check_meeting(fresh, attendees, booking.start, booking.end) == []
        fresh.add(booking)
    placed = {p.child_id for p in made.proposals} | {u.child_id for u in made.unplaced}
    assert len(placed) + made.not_due == len(appointments)
    assert all(u.reason for u in made.unplaced)
