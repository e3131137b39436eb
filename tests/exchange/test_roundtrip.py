"""Export -> import into an empty database -> export again gives the very same bytes."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from guardian_desk.db.engine import session_scope
from guardian_desk.db.models import AuditEvent
from guardian_desk.domain.enums import ChildStatus, GenderPreference, Proficiency, Sex
from guardian_desk.domain.records import AbsencePeriod, Companion, LanguageSkill, WeeklyWindow
from guardian_desk.exchange import KINDS, columns, export_csv, import_csv, write_records_csv
from guardian_desk.services import availability, children, facilities, staff
from guardian_desk.services.children import child_data
from tests.core import factories
from tests.exchange.helpers import counts

TRICKY_NAME = 'Shelter "Shpresa", Tirana <North>'
TRICKY_NOTE = 'Says "hello", then <b>waves</b>; likes football\nSecond line, with a comma'


def build_db1(session: Session) -> None:
    """A handful of records in several scripts, with every awkward character CSV has."""
    facilities.create_facility(
        session,
        factories.facility(
            code="FAC-TIR-02",
            name=TRICKY_NAME,
            address="Rruga e Kavajës 120, Tiranë",
            latitude=41.3231,
            longitude=19.7964,
            contact_name="Mirela Hoxha",
            contact_phone="+355692043310",
            contact_email="shpresa@example.al",
            notes="Girls under 16\nNo visits on holidays",
        ),
    )
    facilities.create_facility(
        session,
        factories.facility(code="FAC-GJI-01", name="Kakavijë transit", hours=[], active=False),
    )
    g1 = staff.create_staff(
        session, "guardian", factories.guardian(code="G-00001", phone="+355691234567")
    )
    staff.create_staff(
        session,
        "guardian",
        factories.guardian(
            code="G-00002",
            given_name="Јелена",
            family_name="Петровић",
            languages=[
                LanguageSkill("srp", Proficiency.NATIVE),
                LanguageSkill("sqi", Proficiency.FLUENT),
            ],
            phone="+381641234567",
            email="jelena@example.rs",
            latitude=41.331712,
            longitude=19.8172,
            background_check_on=date(2026, 2, 3),
            training_on=date(2026, 3, 10),
            active=False,
            suspended_reason="On leave, until March",
            notes=TRICKY_NOTE,
        ),
    )
    m1 = staff.create_staff(
        session,
        "mediator",
        factories.guardian(
            code="M-00001",
            given_name="ተስፋይ",
            family_name="ገብረመድህን",
            sex=Sex.MALE,
            languages=[
                LanguageSkill("tir", Proficiency.NATIVE),
                LanguageSkill("amh", Proficiency.FLUENT),
            ],
            phone="+355675553303",
            dialects=["Asmara Tigrinya", "Tigre <coastal>"],
            certification="Court interpreter, 2024",
            organisation='Red Cross "Albania"',
        ),
    )
    staff.create_staff(
        session,
        "mediator",
        factories.guardian(
            code="M-00002",
            given_name="رانيا",
            family_name="حداد",
            languages=[LanguageSkill("ara", Proficiency.NATIVE)],
            phone="",
        ),
    )
    children.create_child(
        session,
        factories.child(
            case_number="AL-2026-00001",
            facility_code="FAC-TIR-02",
            aliases=["Ahmed", "Amad <the small>"],
            arrived_on=date(2026, 9, 28),
            accompanying_adults=[
                Companion("Karim Rahimi", "uncle", False),
                Companion('Zahra "Zari" Rahimi, aunt', "", True),
            ],
            notes=TRICKY_NOTE,
        ),
    )
    children.create_child(
        session,
        factories.child(
            case_number="AL-2026-00002",
            given_name="Mariam",
            given_name_original="مریم",
            sex=Sex.FEMALE,
            guardian_gender_preference=GenderPreference.FEMALE,
            sibling_case_numbers=["AL-2026-00001"],
        ),
    )
    children.create_child(
        session,
        factories.child(
            case_number="AL-2026-00003",
            given_name="Tesfay",
            family_name="Berhane, Jr.",
            given_name_original="ተስፋይ",
            family_name_original="በርሀነ",
            nationality="ER",
            languages=[
                LanguageSkill("tir", Proficiency.NATIVE),
                LanguageSkill("ara", Proficiency.BASIC),
            ],
            facility_code="FAC-GJI-01",
            status=ChildStatus.AWAITING_GUARDIAN,
            sibling_case_numbers=["AL-2026-00001", "AL-2026-00002"],
        ),
    )
    children.create_child(
        session,
        factories.child(
            case_number="AL-2026-00004",
            given_name="Omar",
            family_name="Al-Khatib",
            given_name_original="عمر",
            family_name_original="الخطيب",
            nationality="SY",
            date_of_birth=None,
            dob_estimated=False,
            languages=[LanguageSkill("ara", Proficiency.NATIVE)],
        ),
    )
    availability.set_availability(
        session,
        "guardian",
        g1.id,
        [WeeklyWindow(3, 840, 1080), WeeklyWindow(1, 540, 780)],
        [
            AbsencePeriod(date(2027, 2, 1), date(2027, 2, 3), "Training; Athens"),
            AbsencePeriod(date(2026, 12, 22), date(2027, 1, 3), "Annual leave, abroad"),
        ],
        expected_version=None,
    )
    availability.set_availability(
        session, "mediator", m1.id, [WeeklyWindow(6, 600, 1440)], [], expected_version=None
    )


def export_all(factory: sessionmaker[Session], folder: Path) -> dict[str, bytes]:
    folder.mkdir()
    with session_scope(factory) as s:
        for kind in KINDS:
            export_csv(s, kind, folder / f"{kind}.csv", include_personal=True)
    return {kind: (folder / f"{kind}.csv").read_bytes() for kind in KINDS}


def test_export_import_export_gives_identical_files(
    factory: sessionmaker[Session], second_factory: sessionmaker[Session], tmp_path: Path
) -> None:
    with session_scope(factory, actor="test-officer") as s:
        build_db1(s)
    first = export_all(factory, tmp_path / "first")

    for kind in KINDS:
        with session_scope(second_factory, actor="importer") as s:
            import_csv(s, kind, tmp_path / "first" / f"{kind}.csv")
    second = export_all(second_factory, tmp_path / "second")

    for kind in KINDS:
        assert second[kind] == first[kind], kind
    table_counts = counts(factory)
    second_counts = counts(second_factory)
    for table in table_counts:
        if table != "audit_events":
            assert second_counts[table] == table_counts[table], table

    text = first["children"].decode("utf-8-sig")
    assert (
        "ተስፋይ" in text
        and "عمر" in text
        and 'Karim Rahimi | uncle | no; Zahra ""Zari"" Rahimi, aunt |  | yes"' in text
    )
    assert "AL-2026-00001; AL-2026-00002" in text  # siblings written both ways
    assert "Петровић" in first["guardians"].decode("utf-8-sig")
    assert "24:00" in first["availability"].decode("utf-8-sig")


def test_import_writes_an_audit_row_per_record(
    factory: sessionmaker[Session], second_factory: sessionmaker[Session], tmp_path: Path
) -> None:
    with session_scope(factory) as s:
        build_db1(s)
    export_all(factory, tmp_path / "out")
    for kind in KINDS:
        with session_scope(second_factory, actor="importer") as s:
            import_csv(s, kind, tmp_path / "out" / f"{kind}.csv")
    with second_factory() as s:
        events = s.execute(select(AuditEvent.entity, AuditEvent.action, AuditEvent.actor)).all()
    assert {actor for _, _, actor in events} == {"importer"}
    created = [entity for entity, action, _ in events if action == "create"]
    assert sorted(created) == sorted(
        ["facility"] * 2 + ["guardian"] * 2 + ["mediator"] * 2 + ["child"] * 4
    )
    assert ("child", "link_siblings", "importer") in events
    assert sum(1 for _, action, _ in events if action == "set_availability") == 2


def test_export_writes_a_bom_and_sorts_by_key(session: Session, tmp_path: Path) -> None:
    for code in ("FAC-C", "FAC-A", "FAC-B"):
        facilities.create_facility(session, factories.facility(code=code))
    path = tmp_path / "facilities.csv"
    assert export_csv(session, "facilities", path) == 3
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfcode,name,")
    assert data.endswith(b"\r\n")
    rows = list(csv.reader(data.decode("utf-8-sig").splitlines()))
    assert [r[0] for r in rows[1:]] == ["FAC-A", "FAC-B", "FAC-C"]


def test_children_export_leaves_out_personal_data_by_default(
    session: Session, tmp_path: Path
) -> None:
    children.create_child(session, factories.child(case_number="AL-2026-00007", notes="Secret"))
    path = tmp_path / "children.csv"
    export_csv(session, "children", path)
    text = path.read_text(encoding="utf-8-sig")
    header = text.splitlines()[0].split(",")
    assert header == columns("children", include_personal=False)
    assert "given_name" not in header and "notes" not in header and "date_of_birth" not in header
    assert "AL-2026-00007" in text
    assert (
        "Ahmad" not in text and "احمد" not in text and "Secret" not in text and "2011" not in text
    )


def test_write_records_csv_matches_export(session: Session, tmp_path: Path) -> None:
    build_db1(session)
    session.flush()
    export_csv(session, "children", tmp_path / "db.csv", include_personal=True)
    records = [
        child_data(session, children.find_by_case_number(session, f"AL-2026-0000{i}"))
        for i in (4, 2, 3, 1)
    ]
    assert write_records_csv("children", records, tmp_path / "mem.csv") == 4
    assert (tmp_path / "mem.csv").read_bytes() == (tmp_path / "db.csv").read_bytes()


def test_write_records_csv_availability_without_a_database(tmp_path: Path) -> None:
    path = tmp_path / "availability.csv"
    records = [
        ("M-00002", [WeeklyWindow(2, 600, 720)], []),
        (
            "G-00001",
            [WeeklyWindow(5, 540, 600), WeeklyWindow(1, 540, 600)],
            [AbsencePeriod(date(2026, 12, 1), date(2026, 12, 3), "Sick")],
        ),
    ]
    assert write_records_csv("availability", records, path) == 4
    assert path.read_text(encoding="utf-8-sig").splitlines() == [
        "person,weekday,start,end,absent_from,absent_to,reason",
        "G-00001,Mon,09:00,10:00,,,",
        "G-00001,Fri,09:00,10:00,,,",
        "G-00001,,,,2026-12-01,2026-12-03,Sick",
        "M-00002,Tue,10:00,12:00,,,",
    ]
