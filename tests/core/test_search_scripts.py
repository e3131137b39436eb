"""Search finds a name whatever script or keyboard it was typed with, on SQLite and PostgreSQL.

A Serbian name in Latin finds it stored in Cyrillic and back; Macedonian likewise; an officer
with an Arabic keyboard finds Dari names (ی/ي, ک/ك, ة/ه, alef forms, Arabic-Indic digits);
a zero-width non-joiner inside a Persian name does not stop a match.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy.orm import Session

from guardian_desk.db.engine import session_scope
from guardian_desk.domain.listings import filter_rows
from guardian_desk.domain.text import SERBIAN_LATIN, fold
from guardian_desk.services import children, facilities, listing, search, staff
from tests.core import factories
from tests.db.conftest import (  # noqa: F401 (fixtures)
    backend,
    db,
    pg_db,
    pg_server,
    pg_template,
    pg_url,
    sqlite_db,
    sqlite_template,
)
from tests.db.data import sessions
from tests.signed_in import set_up_test_office

ZWNJ = "\u200c"

CHILDREN = {
    # Serbian, stored in Cyrillic and in Latin.
    "jovanovic": dict(given_name="Стефан", family_name="Јовановић", nationality="RS"),
    "dordevic": dict(given_name="Milica", family_name="Đorđević", nationality="RS"),
    "ljubica": dict(given_name="Љубица", family_name="Џаковић", nationality="RS"),
    # Macedonian, stored in Cyrillic.
    "gjorgji": dict(given_name="Ѓорѓи", family_name="Ќосевски", nationality="MK"),
    "dzvezdana": dict(given_name="Ѕвездана", family_name="Николовска", nationality="MK"),
    # Russian: other Cyrillic keeps matching as before (й typed as и).
    "yuri": dict(given_name="Юрий", family_name="Соколов", nationality="RU"),
    # Dari, typed on a Persian keyboard (keheh, Farsi yeh); the case number is searched too.
    "karim": dict(
        given_name="Karim",
        family_name="Rahimi",
        given_name_original="کریم",
        family_name_original="رحیمی",
        case_number="AL-2026-00042",
    ),
    # Arabic: alef maksura, alef with hamza, alef with madda and teh marbuta.
    "mustafa": dict(
        given_name="Mustafa",
        family_name="Al-Amin",
        given_name_original="مصطفى",
        family_name_original="الأمين",
        nationality="SY",
    ),
    "amina": dict(
        given_name="Amina",
        family_name="Ibrahim",
        given_name_original="آمنة",
        family_name_original="إبراهيم",
        nationality="SY",
    ),
    # Dari with a zero-width non-joiner inside the name.
    "mohammadreza": dict(
        given_name="Mohammadreza",
        family_name="Sultani",
        given_name_original=f"محمد{ZWNJ}رضا",
        family_name_original="سلطانی",
    ),
}
NO_ORIGINAL = {"given_name_original": "", "family_name_original": ""}


@pytest.fixture
def office(db: str) -> Iterator[tuple[Session, dict[str, int]]]:  # noqa: F811
    """The children above, a guardian and a facility in Cyrillic, on each backend."""
    with sessions(db) as factory:
        set_up_test_office(factory)
        with session_scope(factory, actor="registrar") as s:
            made = {
                key: children.create_child(s, factories.child(**(NO_ORIGINAL | values))).id
                for key, values in CHILDREN.items()
            }
            made["guardian"] = staff.create_staff(
                s, "guardian", factories.guardian(given_name="Марија", family_name="Петровска")
            ).id
            made["facility"] = facilities.create_facility(
                s, factories.facility(name="Прихватилиште Крњача", municipality="Београд")
            ).id
        with session_scope(factory, actor="officer") as s:
            yield s, made


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # Serbian: Latin finds Cyrillic, Cyrillic finds Latin, with or without the marks.
        ("Jovanović", "jovanovic"),
        ("jovanovic stefan", "jovanovic"),
        ("Јовановић", "jovanovic"),
        ("Ђорђевић", "dordevic"),
        ("ЂОРЂЕВИЋ милица", "dordevic"),
        ("dordevic", "dordevic"),
        ("Ljubica Džaković", "ljubica"),
        ("ǈubica", "ljubica"),  # the single-letter Latin digraph
        ("dzakovic", "ljubica"),
        ("љубица", "ljubica"),
        # Macedonian: ѓ → gj, ќ → kj, ѕ → dz.
        ("Gjorgji Kjosevski", "gjorgji"),
        ("Ѓорѓи", "gjorgji"),
        ("Dzvezdana Nikolovska", "dzvezdana"),
        ("ѕвездана", "dzvezdana"),
        # Russian, as before.
        ("юрии", "yuri"),
        ("Юрий Соколов", "yuri"),
        # An Arabic keyboard finds a Dari name, and a Persian keyboard an Arabic one.
        ("كريم", "karim"),  # kaf U+0643, yeh U+064A
        ("رحيمي", "karim"),
        ("مصطفی", "mustafa"),  # Farsi yeh for alef maksura
        ("مصطفي", "mustafa"),
        ("الامين", "mustafa"),  # bare alef for alef with hamza
        ("امنه", "amina"),  # bare alef for madda, heh for teh marbuta
        ("ابراهيم", "amina"),
        # Case numbers typed with Arabic-Indic or Persian digits.
        ("٠٠٠٤٢", "karim"),
        ("۰۰۰۴۲", "karim"),
        ("al-2026-٠٠٠٤٢", "karim"),
        # A zero-width non-joiner on either side.
        ("محمدرضا", "mohammadreza"),
        (f"محمد{ZWNJ}رضا", "mohammadreza"),
        ("سلطاني", "mohammadreza"),
    ],
)
def test_children_are_found_across_scripts(
    office: tuple[Session, dict[str, int]], query: str, expected: str
) -> None:
    session, made = office
    assert search.search_ids(session, "children", query) == [made[expected]]


@pytest.mark.parametrize(
    ("kind", "query", "expected"),
    [
        ("guardians", "Marija Petrovska", "guardian"),
        ("guardians", "марија", "guardian"),
        ("facilities", "krnjaca", "facility"),
        ("facilities", "Beograd", "facility"),
    ],
)
def test_staff_and_facilities_are_found_across_scripts(
    office: tuple[Session, dict[str, int]], kind: str, query: str, expected: str
) -> None:
    session, made = office
    assert search.search_ids(session, kind, query) == [made[expected]]


@pytest.mark.parametrize("query", ["Jovanović", "كريم", "٠٠٠٤٢", "محمدرضا", "Gjorgji"])
def test_the_registry_filter_agrees_with_search(
    office: tuple[Session, dict[str, int]], query: str
) -> None:
    """The registry window filters in memory with the same folding as the database search."""
    session, _ = office
    rows = listing.listing(session, "children")
    kept = [rid for rid, k in zip(rows.ids, filter_rows(rows, query), strict=True) if k]
    assert kept == search.search_ids(session, "children", query)
    assert len(kept) == 1


def test_different_names_stay_apart(office: tuple[Session, dict[str, int]]) -> None:
    session, _ = office
    for query in ("Jovanovski", "Ђорђе Петровић", "کریمه", "٠٠٠٤١"):
        assert search.search_ids(session, "children", query) == []


# --- the folding itself ---------------------------------------------------------------------


def test_serbian_cyrillic_folds_as_its_latin_spelling() -> None:
    """Every letter of the alphabet, through the exact standard correspondence."""
    cyrillic = "".join(SERBIAN_LATIN)
    latin = "".join(SERBIAN_LATIN.values())
    assert fold(cyrillic) == fold(latin) == fold(cyrillic.upper()) == fold(latin.upper())
    assert fold("Љ Њ Џ Ђ Ћ") == fold("Lj Nj Dž Đ Ć") == "lj nj dz d c"


def test_what_folding_did_before_still_holds() -> None:
    assert fold("ËNDRIT") == "endrit"
    assert fold("مُحَمَّد") == fold("محـــمد") == "محمد"  # harakat and tatweel
    assert fold("Straße Øst Łódź") == "strasse ost lodz"
    assert fold("Ёлка") == fold("елка")
    assert fold("ሰላም") == "ሰላም"
