"""Finding slots: daylight saving, holidays, absences, travel time, and why nothing fits."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy.orm import Session

from guardian_desk.domain.enums import VisitPurpose, VisitStatus
from guardian_desk.domain.records import AbsencePeriod, WeeklyWindow
from guardian_desk.scheduling import find_slots
from tests.scheduling.office import Office, every_day

TEN_TO_NOON = every_day(600, 720)


@pytest.mark.parametrize(
    ("zone", "country", "first", "change"),
    [
        ("Europe/Belgrade", "RS", date(2026, 3, 23), date(2026, 3, 29)),
        ("Europe/Tirane", "AL", date(2026, 10, 19), date(2026, 10, 25)),
        ("Europe/Belgrade", "RS", date(2026, 10, 19), date(2026, 10, 25)),
    ],
)
def test_a_ten_o_clock_window_gives_ten_o_clock_slots_across_the_clock_change(
    session: Session, zone: str, country: str, first: date, change: date
) -> None:
    office = Office(session, zone=zone, country=country)
    place = office.facility(TEN_TO_NOON)
    child = office.child(place)
    office.appoint(child, office.guardian(TEN_TO_NOON), first)

    found = find_slots(session, child.id, start=first, days=14, limit=14)

    assert len(found.slots) == 14 and found.reason == ""
    assert {(s.starts_at.hour, s.starts_at.minute) for s in found.slots} == {(10, 0)}
    assert len({s.starts_at_utc for s in found.slots}) == 14
    offsets = {s.starts_at.date(): s.starts_at_utc.hour for s in found.slots}
    before, after = offsets[change - (change - first)], offsets[change + (change - first)]
    assert {before, after} == {8, 9} and offsets[change] == after
    assert all(s.starts_at_utc.tzinfo is UTC for s in found.slots)


def test_no_slot_starts_in_the_skipped_hour(session: Session) -> None:
    office = Office(session, zone="Europe/Belgrade", country="RS")
    night = [WeeklyWindow(7, 120, 300)]  # Sunday 02:00-05:00, which lasts two hours that night
    place = office.facility(night)
    child = office.child(place)
    office.appoint(child, office.guardian(night), date(2026, 3, 23))

    slot = find_slots(session, child.id, start=date(2026, 3, 29), days=1).slots[0]

    assert (slot.starts_at.hour, slot.starts_at.minute) == (3, 0)
    assert slot.starts_at_utc == datetime(2026, 3, 29, 1, tzinfo=UTC)
    assert slot.free_until.hour == 5


def test_the_repeated_hour_gives_distinct_instants_not_duplicate_slots(session: Session) -> None:
    office = Office(session, zone="Europe/Tirane")
    night = [WeeklyWindow(7, 120, 180)]  # Sunday 02:00-03:00: two real hours on 25 October
    place = office.facility(night)
    first, second = office.child(place, given_name="One"), office.child(place, given_name="Two")
    guardian = office.guardian(night)
    office.appoint(first, guardian, date(2026, 10, 1))
    office.appoint(second, office.guardian(night, given_name="Drita"), date(2026, 10, 1))
    booked = office.stored_visit(
        first, datetime(2026, 10, 25, 0, tzinfo=UTC), guardian=guardian, facility=place
    )
    assert booked.starts_at.astimezone(office.zone).hour == 2

    found = find_slots(session, first.id, start=date(2026, 10, 25), days=1, limit=5)

    # The first 02:00 is taken; the same guardian may come again at the second 02:00 (same
    # facility, so no travel time), and only that once.
    assert [s.starts_at_utc for s in found.slots] == [datetime(2026, 10, 25, 1, tzinfo=UTC)]
    assert found.slots[0].starts_at.hour == 2 and found.slots[0].starts_at.fold == 1


def test_public_holidays_close_the_facility_and_say_so(session: Session) -> None:
    office = Office(session)
    place = office.facility()
    child = office.child(place)
    office.appoint(child, office.guardian(), date(2026, 12, 1))

    found = find_slots(session, child.id, start=date(2026, 12, 25), days=1)
    assert found.slots == ()
    assert found.reason == "public holiday on 25 December (they can meet only Mon–Fri 09:00–13:00)"
    after = find_slots(session, child.id, start=date(2026, 12, 24), days=7, limit=7)
    assert [s.starts_at.date().day for s in after.slots] == [24, 28, 29, 30]


def test_an_absent_mediator_is_named_with_the_dates(session: Session) -> None:
    office = Office(session)
    place = office.facility()
    child = office.child(place)
    office.appoint(child, office.guardian(), date(2026, 3, 2))
    away = [AbsencePeriod(date(2026, 3, 3), date(2026, 3, 17), "")]
    office.mediate(child, office.mediator(absences=away), date(2026, 3, 2))

    found = find_slots(session, child.id, start=date(2026, 3, 3), days=15)
    assert found.slots == ()
    assert found.reason == (
        "mediator Farid Noori absent 3–17 March (they can meet only Mon–Fri 09:00–13:00)"
    )
    later = find_slots(session, child.id, start=date(2026, 3, 3), days=16)
    assert later.slots[0].starts_at == office.at(2026, 3, 18, 9)


def test_a_guardian_free_only_when_the_facility_is_closed(session: Session) -> None:
    office = Office(session)
    place = office.facility()  # Mon-Fri mornings
    child = office.child(place)
    office.appoint(child, office.guardian([WeeklyWindow(7, 600, 900)]), date(2026, 3, 2))

    found = find_slots(session, child.id, start=date(2026, 3, 2), days=28)
    assert found.reason == (
        "guardian Elira Hoxha free only on Sundays, when Tirana Reception Centre is closed"
    )


def test_a_mediator_never_free_with_guardian_and_facility(session: Session) -> None:
    office = Office(session)
    place = office.facility()
    child = office.child(place)
    office.appoint(child, office.guardian(every_day(540, 600, range(1, 6))), date(2026, 3, 2))
    office.mediate(child, office.mediator(every_day(720, 780, range(1, 6))), date(2026, 3, 2))

    found = find_slots(session, child.id, start=date(2026, 3, 2), days=28)
    assert found.reason == (
        "mediator Farid Noori free Mon–Fri 12:00–13:00: never 60 minutes in a row within the "
        "common time of guardian Elira Hoxha and Tirana Reception Centre (Mon–Fri 09:00–10:00)"
    )


def test_travel_time_is_kept_between_visits_at_different_places(session: Session) -> None:
    office = Office(session, buffer=30)
    place = office.facility(name="Tirana Reception Centre")
    other = office.facility(name="Durrës Shelter")
    guardian = office.guardian()
    child, elsewhere, here = office.child(place), office.child(other), office.child(place)
    for c in (child, elsewhere, here):
        office.appoint(c, guardian, date(2026, 3, 2))
    office.stored_visit(elsewhere, office.at(2026, 3, 18, 9), guardian=guardian, facility=other)
    found = find_slots(session, child.id, start=date(2026, 3, 18), days=1)
    assert found.slots[0].starts_at == office.at(2026, 3, 18, 10, 30)

    # At the same facility no travel time is needed: straight after the visit.
    office.stored_visit(here, office.at(2026, 3, 19, 9), guardian=guardian, facility=place)
    found = find_slots(session, child.id, start=date(2026, 3, 19), days=1)
    assert found.slots[0].starts_at == office.at(2026, 3, 19, 10)


def test_the_child_is_never_double_booked_either(session: Session) -> None:
    office = Office(session)
    place = office.facility()
    child = office.child(place)
    guardian = office.guardian()
    office.appoint(child, guardian, date(2026, 3, 2))
    office.stored_visit(
        child, office.at(2026, 3, 18, 9), 120, place="Court of Tirana",
        purpose=VisitPurpose.COURT, mediator=office.mediator(),
    )  # fmt: skip
    office.stored_visit(
        child, office.at(2026, 3, 19, 9), 240, guardian=guardian, facility=place,
        status=VisitStatus.CANCELLED,
    )  # fmt: skip
    found = find_slots(session, child.id, start=date(2026, 3, 18), days=2, limit=3)
    assert [s.starts_at for s in found.slots] == [
        office.at(2026, 3, 18, 11, 30),
        office.at(2026, 3, 19, 9),  # a cancelled visit takes no time
    ]


def test_not_before_and_one_slot_per_free_stretch(session: Session) -> None:
    office = Office(session)
    place = office.facility()
    child = office.child(place)
    office.appoint(child, office.guardian(), date(2026, 3, 2))
    found = find_slots(
        session,
        child.id,
        start=date(2026, 3, 18),
        days=2,
        not_before=office.at(2026, 3, 18, 10, 5),
    )
    assert [(s.starts_at, s.free_until) for s in found.slots] == [
        (office.at(2026, 3, 18, 10, 15), office.at(2026, 3, 18, 13)),
        (office.at(2026, 3, 19, 9), office.at(2026, 3, 19, 13)),
    ]
    assert found.minutes == 60 and found.last_day == date(2026, 3, 19)
