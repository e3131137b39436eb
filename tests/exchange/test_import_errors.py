"""Bad files: every problem reported with line, column and reason, and nothing written."""

from __future__ import annotations

import random
import tracemalloc
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from guardian_desk.db.engine import session_scope
from guardian_desk.exchange import RowError, columns
from guardian_desk.exchange.report import MAX_ERRORS
from guardian_desk.services import children, facilities, staff
from tests.core import factories
from tests.exchange.helpers import (
    child_row,
    children_file,
    failed_import,
    messages,
    write_csv,
)


def test_cp1252_file_names_the_line_and_asks_for_csv_utf8(
    factory: sessionmaker[Session], tmp_path: Path
) -> None:
    path = write_csv(
        tmp_path / "g.csv",
        ["code", "given_name", "family_name", "sex", "languages"],
        [["G-1", "Elira", "Hoxha", "female", "sqi"], ["G-2", "Dritan", "Berishë", "male", "sqi"]],
        encoding="cp1252",
    )
    report = failed_import(factory, "guardians", path)
    [error] = report.errors
    assert error.line == 3 and error.column == ""
    assert "is not UTF-8 text" in error.reason and '"CSV UTF-8' in error.reason
    assert "Berish" in error.value  # shows where in the line


def test_utf16_file_is_refused_on_line_1(factory: sessionmaker[Session], tmp_path: Path) -> None:
    path = write_csv(tmp_path / "g.csv", ["code", "name"], [["FAC-1", "Qendra"]], encoding="utf-16")
    [error] = failed_import(factory, "facilities", path).errors
    assert error.line == 1 and "is not UTF-8 text" in error.reason and "UTF-16" in error.reason


def test_missing_required_column_is_one_error_on_line_1(
    factory: sessionmaker[Session], tmp_path: Path
) -> None:
    header = [c for c in columns("children") if c != "given_name"]
    path = write_csv(tmp_path / "c.csv", header, [child_row()])
    report = failed_import(factory, "children", path)
    assert report.errors == [RowError(1, "given_name", "", "column given_name is missing")]
    assert messages(report) == ["line 1: column given_name is missing"]
    assert "the header row is wrong" in report.summary()


def test_unknown_and_repeated_columns_are_errors(
    factory: sessionmaker[Session], tmp_path: Path
) -> None:
    path = write_csv(
        tmp_path / "f.csv", ["code", "name", "nickname", "name"], [["FAC-1", "A", "x", "A"]]
    )
    report = failed_import(factory, "facilities", path)
    assert [(e.line, e.column) for e in report.errors] == [(1, "nickname"), (1, "name")]
    assert report.errors[0].reason.startswith(
        "column nickname is not a column of the facilities file"
    )
    assert report.errors[1].reason == "column name appears twice in the header"


def test_bad_and_future_dates_name_line_and_column(
    factory: sessionmaker[Session], tmp_path: Path
) -> None:
    path = children_file(
        tmp_path / "c.csv",
        child_row(case_number="AL-2026-00001", notes="two\nlines"),  # lines 2-3
        child_row(case_number="AL-2026-00002", date_of_birth="2011-02-30"),  # line 4
        child_row(case_number="AL-2026-00003", identified_on="2099-01-01"),  # line 5
        child_row(case_number="AL-2026-00004", date_of_birth="1990-01-01"),  # line 6
    )
    report = failed_import(factory, "children", path)
    assert report.rows == 4
    assert messages(report) == [
        "line 4, date_of_birth: '2011-02-30' is not a date in the form YYYY-MM-DD",
        "line 5, identified_on: '2099-01-01' is in the future",
        "line 6, date_of_birth: '1990-01-01' makes the child 36 years old when identified "
        "(must be under 18)",
    ]
    assert report.summary() == "Nothing was imported from the children file: 3 rows have errors."


def test_every_fault_of_a_row_is_reported(factory: sessionmaker[Session], tmp_path: Path) -> None:
    path = children_file(
        tmp_path / "c.csv", child_row(given_name="", sex="boy", nationality="QQ", languages="xx")
    )
    report = failed_import(factory, "children", path)
    assert {e.column for e in report.errors} == {"given_name", "sex", "nationality", "languages"}
    assert all(e.line == 2 for e in report.errors)


def test_duplicate_case_numbers_in_the_file_and_in_the_database(
    factory: sessionmaker[Session], tmp_path: Path
) -> None:
    with session_scope(factory) as s:
        children.create_child(s, factories.child(case_number="AL-2026-00009"))
    path = children_file(
        tmp_path / "c.csv",
        child_row(case_number="AL-2026-00001"),
        child_row(case_number="AL-2026-00009"),
        child_row(case_number="al-2026-00001"),
    )
    report = failed_import(factory, "children", path)
    assert messages(report) == [
        "line 3, case_number: 'AL-2026-00009' is already registered",
        "line 4, case_number: 'AL-2026-00001' appears twice in the file (first on line 2)",
    ]


def test_unknown_facility_and_sibling(factory: sessionmaker[Session], tmp_path: Path) -> None:
    with session_scope(factory) as s:
        facilities.create_facility(s, factories.facility(code="FAC-TIR-01"))
    path = children_file(
        tmp_path / "c.csv",
        child_row(case_number="AL-2026-00001", facility="FAC-TIR-01", siblings="AL-2026-00002"),
        child_row(case_number="AL-2026-00002", facility="FAC-NOPE", siblings="AL-2026-00077"),
        child_row(case_number="AL-2026-00003", siblings="AL-2026-00003"),
    )
    report = failed_import(factory, "children", path)
    assert messages(report) == [
        "line 3, facility: 'FAC-NOPE' is not the code of a registered facility "
        "(import facilities first)",
        "line 3, siblings: 'AL-2026-00077' is not the case number of a child in this file "
        "or already registered",
        "line 4, siblings: 'AL-2026-00003' is the child's own case number",
    ]


def test_row_with_too_many_values(factory: sessionmaker[Session], tmp_path: Path) -> None:
    path = tmp_path / "f.csv"
    path.write_text("code,name\nFAC-1,Shelter, Tirana\nFAC-2,Ok\n", encoding="utf-8")
    [error] = failed_import(factory, "facilities", path).errors
    assert error.line == 2
    assert error.reason.startswith("has 3 values but the header has 2 columns")


def test_staff_problems(factory: sessionmaker[Session], tmp_path: Path) -> None:
    with session_scope(factory) as s:
        staff.create_staff(s, "mediator", factories.guardian(code="M-00001"))
    path = write_csv(
        tmp_path / "g.csv",
        [
            "code",
            "given_name",
            "family_name",
            "sex",
            "languages",
            "phone",
            "background_check_on",
            "vetting_expires_on",
        ],
        [
            ["M-00001", "Elira", "Hoxha", "female", "sqi", "", "", ""],
            ["G-00002", "Dritan", "Berisha", "male", "", "12", "", ""],
            ["G-00003", "Arta", "Gashi", "female", "sqi", "", "2026-05-01", "2026-01-01"],
        ],
    )
    report = failed_import(factory, "guardians", path)
    assert [(e.line, e.column) for e in report.errors] == [
        (2, "code"),
        (3, "languages"),  # every fault of a row, not only the first, in column order
        (3, "phone"),
        (4, "vetting_expires_on"),
    ]
    assert report.errors[0].reason.startswith("is already the code of a mediator")
    assert report.errors[1].reason == "must name at least one language"
    assert report.errors[2].reason == "is not a valid phone number (read in AL)"
    assert report.errors[3].reason == "is before background_check_on"


def test_availability_problems(factory: sessionmaker[Session], tmp_path: Path) -> None:
    with session_scope(factory) as s:
        staff.create_staff(s, "guardian", factories.guardian(code="G-00001"))
    path = write_csv(
        tmp_path / "a.csv",
        list(columns("availability")),
        [
            ["G-00001", "Mon", "09:00", "12:00", "", "", ""],
            ["G-00001", "Mon", "11:00", "13:00", "", "", ""],
            ["G-00001", "Tue", "09:00", "", "2026-12-01", "2026-12-02", ""],
            ["G-00099", "Wed", "09:00", "10:00", "", "", ""],
            ["G-00001", "Someday", "09:00", "10:00", "", "", ""],
            ["G-00001", "", "", "", "2026-12-05", "2026-12-01", "Leave"],
            ["", "Fri", "09:00", "10:00", "", "", ""],
        ],
    )
    assert messages(failed_import(factory, "availability", path)) == [
        "line 3, start: 'Mon 11:00-13:00' overlaps Mon 09:00-12:00",  # in line order
        "line 4: gives both a weekly slot and an absence: use one row for each",
        "line 5, person: 'G-00099' is not the code of a registered guardian or mediator",
        "line 6, weekday: 'Someday' is not a weekday (Mon, Tue, … Sun)",
        "line 7, absent_to: '2026-12-01' is before absent_from",
        "line 8, person: is required (the code of a guardian or mediator)",
    ]


def test_availability_file_needs_slot_or_absence_columns(
    factory: sessionmaker[Session], tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "a.csv", ["person", "weekday"], [["G-1", "Mon"]])
    [error] = failed_import(factory, "availability", path).errors
    assert (error.line, error.reason) == (1, "columns start, end are missing")


def test_empty_file(factory: sessionmaker[Session], tmp_path: Path) -> None:
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    [error] = failed_import(factory, "facilities", path).errors
    assert error.line == 1 and "empty" in error.reason


def test_megabytes_of_random_bytes_fail_on_line_1_in_little_memory(
    factory: sessionmaker[Session], tmp_path: Path
) -> None:
    path = tmp_path / "garbage.csv"
    path.write_bytes(random.Random(7).randbytes(20_000_000))
    tracemalloc.start()
    report = failed_import(factory, "children", path)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 20_000_000  # the time it takes: bench/import_errors.py
    [error] = report.errors
    assert error.line == 1 and "is not UTF-8 text" in error.reason


def test_a_long_file_of_nonsense_rows_stops_after_the_error_cap(
    factory: sessionmaker[Session], tmp_path: Path
) -> None:
    path = tmp_path / "nonsense.csv"
    nonsense = "".join(f"lorem {i},ipsum,dolor,{i}\n" for i in range(100_000))
    path.write_text(",".join(columns("children")) + "\n" + nonsense, encoding="utf-8")
    report = failed_import(factory, "children", path)
    assert len(report.errors) == MAX_ERRORS
    assert report.stopped_at_line is not None and report.stopped_at_line < 1000
    assert report.rows < 1000
    summary = report.summary()
    assert f"the first {MAX_ERRORS} problems are listed, and" in summary
    assert f"checking stopped at line {report.stopped_at_line}" in summary


def test_a_long_file_of_nonsense_without_header_fails_on_line_1(
    factory: sessionmaker[Session], tmp_path: Path
) -> None:
    path = tmp_path / "nonsense.txt"
    path.write_text("".join(f"word {i} and more\n" for i in range(100_000)), encoding="utf-8")
    report = failed_import(factory, "guardians", path)
    assert {e.line for e in report.errors} == {1} and report.rows == 0
    assert report.errors[-1].reason == (
        "columns code, given_name, family_name, sex, languages are missing"
    )


def test_every_slot_overlapping_a_long_one_is_reported(
    factory: sessionmaker[Session], tmp_path: Path
) -> None:
    with session_scope(factory) as s:
        staff.create_staff(s, "guardian", factories.guardian(code="G-00001"))
    path = write_csv(
        tmp_path / "a.csv",
        ["person", "weekday", "start", "end"],
        [
            ["G-00001", "Mon", "12:00", "13:00"],
            ["G-00001", "Mon", "09:00", "17:00"],
            ["G-00001", "Mon", "10:00", "11:00"],
            ["G-00001", "Tue", "10:00", "11:00"],
        ],
    )
    assert messages(failed_import(factory, "availability", path)) == [
        "line 2, start: 'Mon 12:00-13:00' overlaps Mon 09:00-17:00",
        "line 4, start: 'Mon 10:00-11:00' overlaps Mon 09:00-17:00",
    ]
