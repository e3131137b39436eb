"""Every reason a guardian can be excluded for, reached by a hand-made case."""

from __future__ import annotations

from datetime import date

import pytest

from guardian_desk.domain.enums import GenderPreference
from guardian_desk.domain.records import WeeklyWindow
from tests.matching.office import BASIC, FLUENT, NATIVE, WORKING, Office, speaks


@pytest.fixture
def office(session) -> Office:  # type: ignore[no-untyped-def]
    return Office(session)


def test_a_guardian_who_meets_every_rule_is_proposed_through_a_mediator(office: Office) -> None:
    place = office.facility()
    office.mediator()
    guardian = office.guardian()
    assert office.reasons(office.child(place), guardian) == ()


@pytest.mark.parametrize(
    ("overrides", "reason"),
    [
        (dict(active=False), "suspended"),
        (dict(active=False, suspended_reason="on leave"), "suspended (on leave)"),
        (dict(vetting_expires_on=None), "no vetting on record"),
        (dict(vetting_expires_on=date(2026, 9, 1)), "vetting expired on 1 Sept 2026"),
        (
            dict(slots=[WeeklyWindow(2, 600, 720)]),
            "no time in common with the facility's visiting hours",
        ),
        (dict(slots=[]), "no weekly availability on record"),
        (
            dict(slots=[WeeklyWindow(1, 690, 800)]),
            "at most 30 minutes in a row in common with the facility's visiting hours; "
            "a visit takes 60",
        ),
    ],
)  # fmt: skip
def test_one_reason_each(office: Office, overrides: dict[str, object], reason: str) -> None:
    place = office.facility()
    office.mediator()
    guardian = office.guardian(**overrides)  # type: ignore[arg-type]
    assert office.reasons(office.child(place), guardian) == (reason,)


def test_caseload_counts_against_the_lower_of_own_maximum_and_office_cap(office: Office) -> None:
    place = office.facility()
    office.mediator()
    guardian = office.guardian(max_caseload=1)
    office.appoint(office.child(place, given_name="Omid"), guardian)
    assert office.reasons(office.child(place), guardian) == ("caseload 1 of 1",)


def test_gender_preference_is_a_hard_rule_by_default(office: Office) -> None:
    place = office.facility()
    office.mediator()
    guardian = office.guardian()  # female
    child = office.child(place, guardian_gender_preference=GenderPreference.MALE)
    assert office.reasons(child, guardian) == ("the child asked for a male guardian",)


def test_a_facility_without_visiting_hours(office: Office) -> None:
    place = office.facility(hours=[])
    guardian = office.guardian()
    office.mediator()
    assert "the facility has no visiting hours on record" in office.reasons(
        office.child(place), guardian
    )


def test_no_mediator_registered_for_the_pair(office: Office) -> None:
    place = office.facility()
    guardian = office.guardian(languages=speaks(("sqi", NATIVE)))
    assert office.reasons(office.child(place), guardian) == (
        "speaks no Dari, and no Dari–Albanian mediator is registered",
    )


def test_the_only_mediator_is_suspended(office: Office) -> None:
    place = office.facility()
    office.mediator(active=False)
    guardian = office.guardian(languages=speaks(("sqi", NATIVE)))
    assert office.reasons(office.child(place), guardian) == (
        "speaks no Dari, and no Dari–Albanian mediator is eligible",
    )


def test_the_mediator_is_of_the_wrong_gender(office: Office) -> None:
    place = office.facility()
    office.mediator()  # male
    guardian = office.guardian(languages=speaks(("sqi", NATIVE)))
    child = office.child(place, mediator_gender_preference=GenderPreference.FEMALE)
    assert office.reasons(child, guardian) == (
        "speaks no Dari, and no Dari–Albanian mediator is eligible",
    )


def test_the_mediator_is_not_free_when_guardian_and_facility_are(office: Office) -> None:
    place = office.facility()
    office.mediator(slots=[WeeklyWindow(2, 600, 720)])
    guardian = office.guardian(languages=speaks(("sqi", NATIVE)))
    assert office.reasons(office.child(place), guardian) == (
        "speaks no Dari, and no Dari–Albanian mediator is free when the guardian and the "
        "facility are",
    )


def test_without_a_facility_the_mediator_must_be_free_when_the_guardian_is(
    office: Office,
) -> None:
    office.mediator(slots=[WeeklyWindow(2, 600, 720)])
    guardian = office.guardian(languages=speaks(("sqi", NATIVE)))
    assert office.reasons(office.child(None), guardian) == (
        "speaks no Dari, and no Dari–Albanian mediator is free when the guardian is",
    )


def test_a_basic_level_is_not_enough(office: Office) -> None:
    place = office.facility()
    guardian = office.guardian(languages=speaks(("sqi", NATIVE), ("prs", BASIC)))
    assert office.reasons(office.child(place), guardian) == (
        "speaks Dari only at basic level, and no Dari–Albanian mediator is registered",
    )


def test_several_languages_on_each_side(office: Office) -> None:
    place = office.facility()
    guardian = office.guardian()  # Albanian native, English fluent
    child = office.child(place, languages=speaks(("prs", NATIVE), ("urd", FLUENT)))
    assert office.reasons(child, guardian) == (
        "speaks no Dari or Urdu, and no mediator speaking Dari or Urdu and Albanian or "
        "English is registered",
    )


def test_a_guardian_with_no_working_language(office: Office) -> None:
    place = office.facility()
    guardian = office.guardian(languages=speaks(("sqi", BASIC)))
    assert office.reasons(office.child(place), guardian) == (
        "speaks no Dari, and speaks no language at working level for a mediator to bridge",
    )


def test_the_child_speaks_nothing_at_working_level(office: Office) -> None:
    place = office.facility()
    guardian = office.guardian()
    child = office.child(place, languages=speaks(("prs", BASIC)))
    assert office.reasons(child, guardian) == (
        "the child speaks no language at working level or better",
    )


def test_the_childs_languages_are_not_recorded(office: Office) -> None:
    place = office.facility()
    guardian = office.guardian()
    assert office.reasons(office.child(place, languages=[]), guardian) == (
        "the child's languages are not recorded",
    )


def test_every_reason_is_listed_and_the_closest_misses_come_first(office: Office) -> None:
    place = office.facility()
    near = office.guardian(vetting_expires_on=None, languages=speaks(("prs", WORKING)))
    far = office.guardian(
        active=False,
        vetting_expires_on=date(2026, 9, 1),
        slots=[],
        languages=speaks(("sqi", NATIVE)),
    )
    child = office.child(place, guardian_gender_preference=GenderPreference.MALE)
    found = office.suggest(child)
    assert [e.guardian_id for e in found.excluded] == [near.id, far.id]
    assert found.excluded_total == 2
    assert found.excluded[1].reasons == (
        "suspended",
        "vetting expired on 1 Sept 2026",
        "the child asked for a male guardian",
        "no weekly availability on record",
        "speaks no Dari, and no Dari–Albanian mediator is registered",
    )
