"""The duplicate check before registering a child, and the office's list of possible pairs."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy.orm import Session

from guardian_desk.domain.errors import PermissionDenied
from guardian_desk.security.roles import ACCOUNT_KEY, Role, SignedIn
from guardian_desk.services import children
from guardian_desk.services.duplicates import (
    KEY_CACHE,
    dismiss_pair,
    duplicates_of_data,
    likely_duplicates,
    possible_duplicates,
    restore_pair,
    skeleton,
)
from tests.core import factories


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    KEY_CACHE.clear()  # every test's database is new; ids repeat between them


def _numbers(found: list) -> list[str]:  # type: ignore[type-arg]
    return [c.case_number for c in found]


def test_skeletons_agree_across_scripts_and_spellings() -> None:
    assert skeleton("Mohammad Rasuli") == skeleton("محمد رسولی") == skeleton("Muhammed Rasouli")
    assert skeleton("Fatimah Haidari") == skeleton("فاطمة حيدري")
    assert skeleton("Khalid Osman") == skeleton("خالد عثمان") == skeleton("Osman Khaled")


def test_a_respelt_name_is_found(session: Session) -> None:
    existing = children.create_child(session, factories.child())
    found = likely_duplicates(
        session,
        given_name="Ahmed",
        family_name="Rahimy",
        nationality="AF",
        date_of_birth=date(2011, 9, 9),
    )
    assert _numbers(found) == [existing.case_number]
    assert found[0].birth_year == 2011 and found[0].nationality == "AF"


def test_the_original_script_alone_finds_the_latin_record(session: Session) -> None:
    existing = children.create_child(
        session, factories.child(given_name_original="", family_name_original="")
    )
    found = likely_duplicates(
        session, given_name="احمد", family_name="رحيمي", nationality="af", date_of_birth=None
    )
    assert _numbers(found) == [existing.case_number]


def test_serbian_cyrillic_and_latin_are_one(session: Session) -> None:
    existing = children.create_child(
        session,
        factories.child(
            given_name="Jovan",
            family_name="Jovanović",
            given_name_original="",
            family_name_original="",
            nationality="RS",
        ),
    )
    found = likely_duplicates(
        session,
        given_name="Јован",
        family_name="Јовановић",
        nationality="RS",
        date_of_birth=date(2012, 1, 1),
    )
    assert _numbers(found) == [existing.case_number]


def test_names_in_any_order_and_aliases(session: Session) -> None:
    existing = children.create_child(session, factories.child(aliases=["Jawad Noori"]))
    assert _numbers(
        likely_duplicates(session, given_name="Rahimi", family_name="Ahmad", nationality="AF")
    ) == [existing.case_number]
    assert _numbers(
        likely_duplicates(session, given_name="Jawad", family_name="Nuri", nationality="AF")
    ) == [existing.case_number]


def test_another_nationality_or_birth_year_two_apart_is_not_proposed(session: Session) -> None:
    children.create_child(session, factories.child())  # born 2011
    assert not likely_duplicates(
        session, given_name="Ahmad", family_name="Rahimi", nationality="PK"
    )
    assert not likely_duplicates(
        session,
        given_name="Ahmad",
        family_name="Rahimi",
        nationality="AF",
        date_of_birth=date(2013, 1, 1),
    )
    assert likely_duplicates(
        session,
        given_name="Ahmad",
        family_name="Rahimi",
        nationality="AF",
        date_of_birth=date(2012, 12, 31),
    )


def test_an_unknown_birth_date_is_compared_with_every_year(session: Session) -> None:
    existing = children.create_child(session, factories.child(date_of_birth=None))
    found = likely_duplicates(
        session,
        given_name="Ahmad",
        family_name="Rahimi",
        nationality="AF",
        date_of_birth=date(2005, 1, 1),
    )
    assert _numbers(found) == [existing.case_number]


def test_a_different_name_is_not_proposed(session: Session) -> None:
    children.create_child(session, factories.child())
    assert not likely_duplicates(
        session, given_name="Karim", family_name="Sultani", nationality="AF"
    )
    assert not likely_duplicates(
        session, given_name="Ahmad", family_name="Karimi", nationality="AF"
    )


def test_an_edited_name_is_compared_as_it_is_now(session: Session) -> None:
    child = children.create_child(session, factories.child())
    assert likely_duplicates(session, given_name="Ahmad", family_name="Rahimi", nationality="AF")
    data = children.child_data(session, child)
    data.given_name, data.family_name = "Yusuf", "Sultani"
    data.given_name_original, data.family_name_original = "", ""
    children.update_child(session, child.id, data, child.version)
    assert not likely_duplicates(
        session, given_name="Ahmad", family_name="Rahimi", nationality="AF"
    )


def test_the_record_itself_is_left_out_when_editing(session: Session) -> None:
    child = children.create_child(session, factories.child())
    data = children.child_data(session, child)
    assert duplicates_of_data(session, data)
    assert not duplicates_of_data(session, data, exclude_id=child.id)


def test_possible_pairs_and_not_a_duplicate(session: Session) -> None:
    first = children.create_child(session, factories.child())
    second = children.create_child(
        session, factories.child(given_name="Ahmed", family_name="Rahimy")
    )
    children.create_child(
        session,
        factories.child(
            given_name="Zahra", family_name="Noori", given_name_original="", family_name_original=""
        ),
    )
    children.create_child(session, factories.child(nationality="SY"))  # another nationality
    pairs = possible_duplicates(session)
    assert [(p.first.child_id, p.second.child_id) for p in pairs] == [(first.id, second.id)]
    assert dismiss_pair(session, second.id, first.id) is True
    assert dismiss_pair(session, first.id, second.id) is False
    assert possible_duplicates(session) == []
    assert restore_pair(session, first.id, second.id) is True
    assert len(possible_duplicates(session)) == 1


def test_an_auditor_may_look_but_not_dismiss(session: Session) -> None:
    first = children.create_child(session, factories.child())
    second = children.create_child(session, factories.child(given_name="Ahmed"))
    session.info[ACCOUNT_KEY] = SignedIn("auditor", "An Auditor", Role.AUDITOR)
    assert possible_duplicates(session)
    with pytest.raises(PermissionDenied):
        dismiss_pair(session, first.id, second.id)
