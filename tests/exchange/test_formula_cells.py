"""Cells a spreadsheet would run as formulas are written with an apostrophe and read back as
they were (docs/formats.md, "Cells that look like formulas")."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from guardian_desk.db.engine import session_scope
from guardian_desk.db.models import Child, Facility, Guardian
from guardian_desk.exchange import export_csv, import_csv
from guardian_desk.exchange.cells import FORMULA_STARTS, NUMBER_COLUMNS, neutralised, restored
from guardian_desk.exchange.columns import ALL_COLUMNS, KEY_COLUMN
from guardian_desk.exchange.exporting import _write
from guardian_desk.exchange.importing import row_values
from guardian_desk.exchange.reader import CsvSource
from guardian_desk.exchange.report import ErrorSink, ImportReport
from guardian_desk.services import facilities, staff
from guardian_desk.services.children import create_child
from tests.core import factories

EXACT_CELLS = ['=HYPERLINK("http://x")', "+1", "-2", "@SUM(A1)", "\t=1", "\r=1", "'=already"]
# One column of each sort: free text, names, a list, a phone, a number, a date, a code.
COLUMN_SORTS = sorted({name for names in ALL_COLUMNS.values() for name in names})

# Any text a CSV file can carry: no NUL (refused as "not UTF-8 text") and no lone surrogates.
cell_text = st.text(st.characters(codec="utf-8", exclude_characters="\x00"), max_size=30)
risky_text = st.one_of(
    cell_text,
    st.builds(
        lambda quotes, start, rest: "'" * quotes + start + rest,
        st.integers(0, 3),
        st.sampled_from(FORMULA_STARTS),
        cell_text,
    ),
    st.sampled_from(EXACT_CELLS),
)


def _opens_as_formula(cell: str) -> bool:
    return cell.startswith(FORMULA_STARTS)


def _file_round_trip(path: Path, kind: str, row: dict[str, str]) -> tuple[str, dict[str, str]]:
    """Write one row as export does, read it back as import does: (file text, raw row)."""
    header = list(ALL_COLUMNS[kind])
    _write(path, header, [row])
    report = ImportReport(kind=kind, rows=0, errors=[])
    sink = ErrorSink(report)
    with CsvSource(path) as source:
        names: list[str | None] = list(source.header)
        records = list(source.rows())
    assert len(records) == 1 and report.ok
    line, fields = records[0]
    raw = row_values(line, names, fields, sink)
    assert raw is not None
    with path.open(encoding="utf-8-sig", newline="") as f:  # "\r" inside a cell kept
        return f.read(), raw


@settings(max_examples=400, deadline=None)
@given(column=st.sampled_from(COLUMN_SORTS), value=risky_text)
def test_cell_rule_is_undone_by_import_in_every_column(column: str, value: str) -> None:
    written = neutralised(column, value)
    assert restored(written) == value
    if _opens_as_formula(written):  # only a plain number in a number column stays so
        assert column in NUMBER_COLUMNS
        float(written)


@settings(max_examples=150, deadline=None)
@given(kind=st.sampled_from(sorted(ALL_COLUMNS)), data=st.data())
def test_file_export_then_import_gives_every_cell_back(
    tmp_path_factory: pytest.TempPathFactory, kind: str, data: st.DataObject
) -> None:
    row = {name: data.draw(risky_text, label=name) for name in ALL_COLUMNS[kind]}
    row[KEY_COLUMN[kind]] = "K-1"  # a row whose cells are all blank is skipped on import
    path = tmp_path_factory.mktemp("cells") / f"{kind}.csv"
    _, raw = _file_round_trip(path, kind, row)
    assert raw == row


def test_the_exact_cells_are_escaped_in_the_file_and_read_back(tmp_path: Path) -> None:
    row = {name: "" for name in ALL_COLUMNS["children"]}
    row["case_number"] = "AL-2026-00001"
    for cell in EXACT_CELLS:
        row["notes"] = cell
        text, raw = _file_round_trip(tmp_path / "children.csv", "children", row)
        assert raw["notes"] == cell
        written = list(csv.reader(io.StringIO(text, newline="")))[1]
        shown = written[ALL_COLUMNS["children"].index("notes")]
        assert shown == "'" + cell  # '=already gets its second apostrophe
        assert not _opens_as_formula(shown)


def test_names_with_an_apostrophe_are_left_alone() -> None:
    for cell in ("O'Brien", "'Ali'", "'", "''", "a=b", " =1"):
        assert neutralised("given_name", cell) == cell
        assert restored(cell) == cell


def _office(session: Session) -> None:
    facilities.create_facility(
        session,
        factories.facility(
            code="FAC-01", notes='=HYPERLINK("http://x")', latitude=-19.8187, longitude=-43.9
        ),
    )
    staff.create_staff(
        session,
        "guardian",
        factories.guardian(code="G-00001", phone="+355691234567", notes="@SUM(A1)"),
    )
    create_child(
        session,
        factories.child(
            case_number="AL-2026-00001", given_name="=1+2", family_name="-Rahimi", notes="+1"
        ),
    )


def test_database_export_escapes_text_and_phones_but_not_coordinates(
    factory: sessionmaker[Session], second_factory: sessionmaker[Session], tmp_path: Path
) -> None:
    with session_scope(factory, actor="test-officer") as s:
        _office(s)
    paths = {kind: tmp_path / f"{kind}.csv" for kind in ("facilities", "guardians", "children")}
    with session_scope(factory, actor="test-officer") as s:
        for kind, path in paths.items():
            export_csv(s, kind, path, include_personal=True)

    facility_file = paths["facilities"].read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK" in facility_file
    assert ",-19.8187,-43.9," in facility_file  # a number a map can use, not text
    guardian_file = paths["guardians"].read_text(encoding="utf-8-sig")
    assert ",'+355691234567," in guardian_file and "'@SUM(A1)" in guardian_file
    child_file = paths["children"].read_text(encoding="utf-8-sig")
    assert ",'=1+2,'-Rahimi," in child_file and ",'+1\n" in child_file

    with session_scope(second_factory, actor="test-officer") as s:
        for kind, path in paths.items():
            import_csv(s, kind, path)
    with second_factory() as s:
        facility = s.scalars(select(Facility)).one()
        assert facility.notes == '=HYPERLINK("http://x")' and facility.latitude == -19.8187
        guardian = s.scalars(select(Guardian)).one()
        assert (guardian.phone, guardian.notes) == ("+355691234567", "@SUM(A1)")
        child = s.scalars(select(Child)).one()
        assert (child.given_name, child.family_name, child.notes) == ("=1+2", "-Rahimi", "+1")
