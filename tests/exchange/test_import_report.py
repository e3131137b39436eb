"""What an import says: counts in the right number, every problem of a row, in file order."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from guardian_desk.exchange import ImportReport
from tests.exchange.helpers import child_row, children_file, failed_import, imported, messages


def test_a_count_of_one_is_singular() -> None:
    assert ImportReport("guardians", 1, []).summary() == "Imported 1 guardian."
    assert ImportReport("children", 1, []).summary() == "Imported 1 child."
    assert ImportReport("children", 2, []).summary() == "Imported 2 children."
    assert ImportReport("facilities", 1, []).summary() == "Imported 1 facility."
    assert ImportReport("availability", 3, []).summary() == "Imported 3 availability rows."


def test_an_import_reports_what_it_imported(factory: sessionmaker[Session], tmp_path: Path) -> None:
    report = imported(factory, "children", children_file(tmp_path / "c.csv", child_row()))
    assert report.summary() == "Imported 1 child."


def test_a_row_with_a_bad_value_still_has_its_references_checked(
    factory: sessionmaker[Session], tmp_path: Path
) -> None:
    path = children_file(
        tmp_path / "c.csv",
        child_row(date_of_birth="2031-01-01", facility="NOWHERE", siblings="AL-2026-00001"),
    )
    assert messages(failed_import(factory, "children", path)) == [
        "line 2, date_of_birth: '2031-01-01' is in the future",
        "line 2, facility: 'NOWHERE' is not the code of a registered facility "
        "(import facilities first)",
        "line 2, siblings: 'AL-2026-00001' is the child's own case number",
    ]


def test_a_bad_row_names_siblings_missing_from_the_file(
    factory: sessionmaker[Session], tmp_path: Path
) -> None:
    path = children_file(
        tmp_path / "c.csv",
        child_row(nationality="ZZZ", siblings="AL-2026-00077; not-a-number"),
    )
    assert messages(failed_import(factory, "children", path)) == [
        "line 2, nationality: 'ZZZ' is not an ISO 3166 two-letter country code",
        "line 2, siblings: 'not-a-number' is not a case number like AL-2026-00042",
        "line 2, siblings: 'AL-2026-00077' is not the case number of a child in this file "
        "or already registered",
    ]


def test_problems_are_listed_by_line_then_by_column(
    factory: sessionmaker[Session], tmp_path: Path
) -> None:
    path = children_file(
        tmp_path / "c.csv",
        # Line 2's unknown sibling is found only once every row is read, after line 3's.
        child_row(siblings="AL-2026-00099"),
        child_row(case_number="AL-2026-00002", date_of_birth="2031-01-01", sex="robot"),
    )
    found = messages(failed_import(factory, "children", path))
    assert [line.split(",")[0] for line in found] == ["line 2", "line 3", "line 3"]
    assert found[0].startswith("line 2, siblings: 'AL-2026-00099'")
    # On one line, in the order of the file's columns (sex comes before date_of_birth).
    assert found[1].startswith("line 3, sex: 'robot'")
    assert found[2].startswith("line 3, date_of_birth: '2031-01-01'")
