"""Rows whose search_text the old folding wrote are found by the new queries after the upgrade.

Revision 6a4b5c7d8e93 recomputes every stored search_text (children, guardians, mediators,
facilities) from the columns it is made of. The rows here are written with plain SQL at the
revision before it, with the search_text exactly as the old app stored it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import sqlalchemy as sa
from alembic import command
from sqlalchemy.pool import NullPool

from guardian_desk.db.engine import make_engine, session_scope
from guardian_desk.db.migrate import alembic_config, prepare_database
from guardian_desk.domain.text import fold, search_blob
from guardian_desk.services import search
from tests.db.data import sessions
from tests.signed_in import set_up_test_office

BEFORE = "5f3a4b6c7d82"
ZWNJ = "\u200c"
SEP = "\x1f"

CHILD = dict(
    given_name_original="",
    family_name_original="",
    aliases=[],
    sex="male",
    dob_estimated=False,
    nationality="RS",
    guardian_gender_preference="any",
    mediator_gender_preference="any",
    identified_on=sa.func.current_date(),
    status="identified",
    notes="",
    version=1,
)
CHILDREN: list[dict[str, Any]] = [
    CHILD
    | dict(
        id=1,
        case_number="AL-2026-00001",
        given_name="Стефан",
        family_name="Јовановић",
        search_text=SEP.join(["al-2026-00001", "стефан", "јовановић"]),
    ),
    CHILD
    | dict(
        id=2,
        case_number="AL-2026-00042",
        given_name="Karim",
        family_name="Rahimi",
        given_name_original="کریم",
        family_name_original="رحیمی",
        aliases=[f"محمد{ZWNJ}رضا"],
        nationality="AF",
        search_text=SEP.join(
            ["al-2026-00042", "karim", "rahimi", "کریم", "رحیمی", f"محمد{ZWNJ}رضا"]
        ),
    ),
    # The old folding lost the marks of ѓ and ќ: only the columns can give gj and kj back.
    CHILD
    | dict(
        id=3,
        case_number="AL-2026-00003",
        given_name="Ѓорѓи",
        family_name="Ќосевски",
        nationality="MK",
        search_text=SEP.join(["al-2026-00003", "горги", "косевски"]),
    ),
    # Anonymised by services/retention.py: its search_text is the case number and the marker.
    CHILD
    | dict(
        id=4,
        case_number="AL-2026-00004",
        given_name="Anonymised",
        family_name="AL-2026-00004",
        search_text=SEP.join(["al-2026-00004", "anonymised"]),
    ),
]
STAFF = dict(
    sex="female",
    phone="",
    email="",
    max_caseload=20,
    active=True,
    suspended_reason="",
    notes="",
    version=1,
)
GUARDIAN = STAFF | dict(
    id=1,
    code="G-0001",
    given_name="Марија",
    family_name="Петровска",
    municipality="Скопје",
    search_text=SEP.join(["g-0001", "марија", "петровска", "скопје"]),
)
MEDIATOR = STAFF | dict(
    id=1,
    code="M-0001",
    given_name="Ѕвездана",
    family_name="Николовска",
    municipality="",
    dialects=[],
    certification="",
    organisation="",
    search_text=SEP.join(["m-0001", "ѕвездана", "николовска"]),
)
FACILITY = dict(
    id=1,
    code="F-01",
    name="Прихватилиште Крњача",
    address="",
    municipality="Београд",
    contact_name="",
    contact_phone="",
    contact_email="",
    active=True,
    notes="",
    version=1,
    search_text=SEP.join(["f-01", "прихватилиште крњача", "београд"]),
)


def _table(name: str, row: dict[str, Any]) -> sa.TableClause:
    json = ("aliases", "dialects")
    return sa.table(name, *(sa.column(c, sa.JSON() if c in json else None) for c in row))


def office_of_the_old_app(url: str) -> None:
    """The schema before the new folding, holding rows the old app wrote."""
    engine = make_engine(url, foreign_keys=False, poolclass=NullPool)
    try:
        with engine.begin() as connection:
            config = alembic_config(url)
            config.attributes["connection"] = connection
            command.upgrade(config, BEFORE)
            for name, rows in (
                ("children", CHILDREN),
                ("guardians", [GUARDIAN]),
                ("mediators", [MEDIATOR]),
                ("facilities", [FACILITY]),
            ):
                for row in rows:
                    connection.execute(sa.insert(_table(name, row)).values(row))
    finally:
        engine.dispose()


def test_old_search_text_is_recomputed_by_the_upgrade(blank_url: str, tmp_path: Path) -> None:
    office_of_the_old_app(blank_url)
    # What the new folding makes of a query is not in what the old one stored.
    assert fold("Jovanović") not in CHILDREN[0]["search_text"]
    assert fold("كريم") not in CHILDREN[1]["search_text"]

    prepare_database(blank_url, backup_folder=tmp_path / "backups")

    with sessions(blank_url) as factory:
        set_up_test_office(factory)
        with session_scope(factory) as s:
            for kind, query, expected in (
                ("children", "Jovanović", [1]),
                ("children", "Јовановић стефан", [1]),
                ("children", "كريم رحيمي", [2]),  # an Arabic keyboard, a Dari name
                ("children", "٠٠٠٤٢", [2]),
                ("children", "محمدرضا", [2]),  # the alias had a ZWNJ inside
                ("children", "Gjorgji Kjosevski", [3]),
                ("children", "Anonymised", [4]),
                ("guardians", "Marija Petrovska skopje", [1]),
                ("mediators", "Dzvezdana", [1]),
                ("facilities", "Krnjača Beograd", [1]),
            ):
                assert search.search_ids(s, kind, query) == expected, (kind, query)
            stored = dict(s.execute(sa.text("SELECT id, search_text FROM children")).all())
            versions = s.scalars(sa.text("SELECT version FROM children")).all()
    # The same text the app writes for these rows today, and nothing else changed.
    assert stored == {
        1: search_blob(["AL-2026-00001", "Стефан", "Јовановић"]),
        2: search_blob(["AL-2026-00042", "Karim", "Rahimi", "کریم", "رحیمی", f"محمد{ZWNJ}رضا"]),
        3: search_blob(["AL-2026-00003", "Ѓорѓи", "Ќосевски"]),
        4: search_blob(["AL-2026-00004", "Anonymised"]),
    }
    assert versions == [1, 1, 1, 1]
