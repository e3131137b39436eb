"""Search is Unicode-aware: case- and accent-insensitive in every script."""

from __future__ import annotations

import pytest

from guardian_desk.services import children, search
from tests.core import factories


@pytest.fixture
def registered(session):  # type: ignore[no-untyped-def]
    made = {
        "endrit": children.create_child(
            session,
            factories.child(
                given_name="Ëndrit",
                family_name="Gashi",
                nationality="XK",
                given_name_original="",
                family_name_original="",
            ),
        ),
        "ljubica": children.create_child(
            session,
            factories.child(
                given_name="Ljubica",
                family_name="Petrović",
                given_name_original="Љубица",
                family_name_original="Петровић",
                nationality="RS",
            ),
        ),
        "mohammad": children.create_child(
            session,
            factories.child(
                given_name="Mohammad",
                family_name="Al-Hassan",
                given_name_original="مُحَمَّد",
                family_name_original="الحسن",
                nationality="SY",
                aliases=["Hamoudi"],
            ),
        ),
        "selam": children.create_child(
            session,
            factories.child(
                given_name="Selam",
                family_name="Tesfay",
                given_name_original="ሰላም",
                family_name_original="ተስፋይ",
                nationality="ER",
            ),
        ),
    }
    return {key: child.id for key, child in made.items()}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("endrit", "endrit"),
        ("ËNDRIT", "endrit"),
        ("љубица", "ljubica"),
        ("ЉУБИЦА", "ljubica"),
        ("petrovic", "ljubica"),
        ("محمد", "mohammad"),  # typed without harakat
        ("مُحَمَّد", "mohammad"),
        ("hamoudi", "mohammad"),  # an alias
        ("ሰላም", "selam"),
        ("al-2026-00003", "mohammad"),  # the case number
        ("tesfay selam", "selam"),  # words in any order
    ],
)
def test_finds_by_any_script(session, registered, query, expected) -> None:  # type: ignore[no-untyped-def]
    assert search.search_ids(session, "children", query) == [registered[expected]]


def test_wildcards_are_literal(session, registered) -> None:  # type: ignore[no-untyped-def]
    assert search.search_ids(session, "children", "%") == []
    assert search.search_ids(session, "children", "_") == []
