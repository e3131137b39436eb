"""Each kind of file imports; the notation, delimiters and sample files an officer will use."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from guardian_desk.db.models import Child, Facility, Mediator
from guardian_desk.domain.records import AbsencePeriod, WeeklyWindow
from guardian_desk.exchange import KINDS, ImportCancelled, columns, import_csv
from guardian_desk.paths import resources_dir
from guardian_desk.services import availability, children, facilities, staff
from guardian_desk.services.audit import history
from guardian_desk.services.availability import availability_of
from guardian_desk.services.children import child_data, sibling_ids
from guardian_desk.services.staff import find_by_code
from tests.core import factories
from tests.exchange.helpers import child_row, children_file, counts, imported, write_csv


def test_sample_files_import_cleanly_in_kinds_order(factory: sessionmaker[Session]) -> None:
    samples = resources_dir() / "samples"
    for kind in KINDS:
        report = imported(factory, kind, samples / f"{kind}.csv")
        assert report.ok and report.rows >= 3, kind
    got = counts(factory)
    assert got["facilities"] >= 3 and got["guardians"] >= 3 and got["mediators"] >= 3
    assert got["children"] >= 3 and got["child_siblings"] >= 1 and got["availability_slots"] >= 3


def test_facilities_import(session: Session, tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "f.csv",
        ["code", "name", "municipality", "contact_phone", "visiting_hours", "latitude"],
        [
            [
                "fac-tir-01",
                'Shtëpia "Shpresa", Tiranë',
                "Tiranë",
                "069 204 3310",
                "sat 10:00-13:00; Mon 10:00-12:00",
                "41.3231",
            ]
        ],
    )
    report = import_csv(session, "facilities", path)
    assert (report.kind, report.rows, report.errors, report.ok) == ("facilities", 1, [], True)
    row = session.scalar(select(Facility).where(Facility.code == "FAC-TIR-01"))
    assert row is not None and row.name == 'Shtëpia "Shpresa", Tiranë'
    assert row.contact_phone == "+355692043310"  # read in the office's country (AL)
    assert [(h.weekday, h.start_minute) for h in row.hours] == [(1, 600), (6, 600)]


def test_guardians_and_mediators_import(session: Session, tmp_path: Path) -> None:
    g = write_csv(
        tmp_path / "g.csv",
        ["code", "given_name", "family_name", "sex", "languages", "phone", "vetting_expires_on"],
        [
            [
                "G-00010",
                "Јелена",
                "Петровић",
                "female",
                "srp:native; sqi",
                "+381 64 123 4567",
                "2030-01-01",
            ]
        ],
    )
    m = write_csv(
        tmp_path / "m.csv",
        ["code", "given_name", "family_name", "sex", "languages", "dialects", "organisation"],
        [
            [
                "M-00010",
                "Farid",
                "Ahmadi",
                "male",
                "prs:native; pus:fluent",
                "Kabuli; Hazaragi",
                "Caritas",
            ]
        ],
    )
    assert import_csv(session, "guardians", g).rows == 1
    assert import_csv(session, "mediators", m).rows == 1
    guardian = find_by_code(session, "guardian", "G-00010")
    assert guardian.phone == "+381641234567" and guardian.max_caseload == 20 and guardian.active
    assert {(lang.code, lang.proficiency.value) for lang in guardian.languages} == {
        ("srp", "native"),
        ("sqi", "working"),
    }
    mediator = find_by_code(session, "mediator", "M-00010")
    assert isinstance(mediator, Mediator)
    assert mediator.dialects == ["Kabuli", "Hazaragi"] and mediator.organisation == "Caritas"


def test_children_import_links_siblings_named_on_one_side_or_both(
    session: Session, tmp_path: Path
) -> None:
    facilities.create_facility(session, factories.facility(code="FAC-TIR-01"))
    children.create_child(session, factories.child(case_number="AL-2026-00100"))
    path = children_file(
        tmp_path / "c.csv",
        child_row(
            case_number="AL-2026-00001",
            siblings="AL-2026-00002; AL-2026-00100",
            facility="FAC-TIR-01",
        ),
        child_row(
            case_number="AL-2026-00002", given_name="Mariam", sex="female", siblings="AL-2026-00001"
        ),
        child_row(
            case_number="AL-2026-00003", given_name="Zahra", sex="female", siblings="al-2026-00002"
        ),
    )
    assert import_csv(session, "children", path).rows == 3
    by_number = {c.case_number: c for c in session.scalars(select(Child))}
    data = child_data(session, by_number["AL-2026-00002"])
    assert data.sibling_case_numbers == ["AL-2026-00001", "AL-2026-00003"]
    assert data.given_name_original == "احمد"
    assert child_data(session, by_number["AL-2026-00001"]).facility_code == "FAC-TIR-01"
    assert sibling_ids(session, by_number["AL-2026-00100"].id) == [by_number["AL-2026-00001"].id]
    [event] = history(session, "child", by_number["AL-2026-00100"].id)[1:]
    assert (event.action, event.after) == ("link_siblings", {"siblings_added": ["AL-2026-00001"]})


def test_availability_import_replaces_each_named_persons_availability(
    session: Session, tmp_path: Path
) -> None:
    g1 = staff.create_staff(session, "guardian", factories.guardian(code="G-00001"))
    g2 = staff.create_staff(session, "guardian", factories.guardian(code="G-00002"))
    g3 = staff.create_staff(session, "guardian", factories.guardian(code="G-00003"))
    m1 = staff.create_staff(session, "mediator", factories.guardian(code="M-00001"))
    old = ([WeeklyWindow(2, 600, 700)], [AbsencePeriod(date(2026, 1, 1), date(2026, 1, 2))])
    for person in (g1, g2, g3):
        availability.set_availability(session, "guardian", person.id, *old, expected_version=None)
    path = write_csv(
        tmp_path / "a.csv",
        list(columns("availability")),
        [
            ["g-00001", "monday", "09:00", "12:30", "", "", ""],
            ["G-00001", "", "", "", "2027-01-10", "2027-01-20", "Leave"],
            ["M-00001", "7", "10:00", "24:00", "", "", ""],
            ["G-00002", "", "", "", "", "", ""],  # only the person: clears their availability
        ],
    )
    report = import_csv(session, "availability", path)
    assert report.rows == 4 and report.ok
    assert availability_of(g1) == (
        [WeeklyWindow(1, 540, 750)],
        [AbsencePeriod(date(2027, 1, 10), date(2027, 1, 20), "Leave")],
    )
    assert availability_of(m1) == ([WeeklyWindow(7, 600, 1440)], [])
    assert availability_of(g2) == ([], [])
    assert availability_of(g3) == old  # not named in the file: untouched


def test_semicolon_delimited_file_with_bom_imports(session: Session, tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "excel.csv",
        ["code", "name", "address", "visiting_hours"],
        [
            [
                "FAC-DUR-01",
                "Strehëza Durrës",
                "Lagjja 4, Shkozet",
                "Mon 10:00-12:00; Sat 10:00-12:00",
            ]
        ],
        encoding="utf-8-sig",
        delimiter=";",
    )
    assert path.read_bytes().startswith(b"\xef\xbb\xbfcode;name;")
    assert import_csv(session, "facilities", path).ok
    row = session.scalar(select(Facility).where(Facility.code == "FAC-DUR-01"))
    assert row is not None and row.address == "Lagjja 4, Shkozet" and len(row.hours) == 2


def test_header_is_read_leniently(session: Session, tmp_path: Path) -> None:
    """Column names in any case with spaces, a trailing unnamed column, missing optional columns."""
    path = tmp_path / "f.csv"
    path.write_text(
        " Code , NAME,\r\nFAC-1,Shelter,\r\n\r\n,,\r\nFAC-2,Other\r\n", encoding="utf-8"
    )
    assert import_csv(session, "facilities", path).rows == 2


def test_progress_is_reported_and_cancel_during_writing_rolls_back(
    factory: sessionmaker[Session], tmp_path: Path
) -> None:
    rows = [[f"FAC-{i:04d}", f"Shelter {i}"] for i in range(1200)]
    path = write_csv(tmp_path / "f.csv", ["code", "name"], rows)
    calls: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> None:
        calls.append((done, total))

    def cancel() -> bool:
        return bool(calls) and calls[-1][0] > 1200  # some facilities are written by now

    before = counts(factory)
    from guardian_desk.db.engine import session_scope

    with pytest.raises(ImportCancelled), session_scope(factory) as s:
        import_csv(s, "facilities", path, progress=progress, cancel=cancel)
    assert counts(factory) == before
    done = [d for d, _ in calls]
    assert done == sorted(done) and 500 in done and 1000 in done and 1200 in done
    assert calls[-1] == (1700, 2400) and all(d <= t for d, t in calls)


def test_cancel_while_checking(session: Session, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "f.csv", ["code", "name"], [["FAC-1", "Shelter"]])
    with pytest.raises(ImportCancelled, match="nothing was imported"):
        import_csv(session, "facilities", path, cancel=lambda: True)
