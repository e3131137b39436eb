"""A CSV file goes through the same strict rules as a form: named by line and column."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from guardian_desk.db.engine import session_scope
from guardian_desk.exchange import columns
from guardian_desk.services import staff
from tests.core import factories
from tests.exchange.helpers import child_row, children_file, failed_import, messages, write_csv


def test_hidden_characters_odd_digits_and_odd_dates_in_a_children_file(
    factory: sessionmaker[Session], tmp_path: Path
) -> None:
    path = children_file(
        tmp_path / "c.csv",
        child_row(case_number="AL-2026-٠٠٠٠١"),  # line 2
        child_row(case_number="AL-2026-00002", given_name="\u200b"),  # line 3
        child_row(case_number="AL-2026-00003", family_name="Rahimi\u202eimihaR"),  # line 4
        child_row(case_number="AL-2026-00004", identified_on="2026-W05-2"),  # line 5
        child_row(case_number="AL-2026-00005", date_of_birth="20110301"),  # line 6
        child_row(case_number="AL-2026-00006", aliases="Omid\u2028Ali"),  # line 7
        child_row(case_number="AL-2026-00007", given_name="Om\ufeffid"),  # line 8
        child_row(case_number="AL-2026-00008", family_name_original="\ufb2c" * 70),  # line 9
        child_row(case_number="AL-2026-00009", siblings="AL-2026-٠٠٠٠٢"),  # line 10
    )
    report = failed_import(factory, "children", path)
    assert [(e.line, e.column) for e in report.errors] == [
        (2, "case_number"),
        (3, "given_name"),
        (4, "family_name"),
        (5, "identified_on"),
        (6, "date_of_birth"),
        (7, "aliases"),
        (8, "given_name"),
        (9, "family_name_original"),
        (10, "siblings"),
    ]
    shown = messages(report)
    assert shown[0].startswith("line 2, case_number: 'AL-2026-٠٠٠٠١' is not a case number")
    assert "(U+0660); use only the letters A-Z and the digits 0-9" in shown[0]
    assert shown[1] == (
        "line 3, given_name: '[U+200B]' contains a hidden zero width space (U+200B)"
    )
    assert shown[2] == (
        "line 4, family_name: 'Rahimi[U+202E]imihaR' contains a hidden right-to-left "
        "override character (U+202E)"
    )
    assert shown[3] == "line 5, identified_on: '2026-W05-2' is not a date in the form YYYY-MM-DD"
    assert shown[4] == "line 6, date_of_birth: '20110301' is not a date in the form YYYY-MM-DD"
    assert "contains a line separator (U+2028)" in shown[5]
    assert "contains a hidden byte-order mark (U+FEFF)" in shown[6]
    assert "210 characters long once written in standard (NFC) form" in shown[7]
    assert not any("\u202e" in m or "\u200b" in m or "\ufeff" in m for m in shown)


def test_a_guardians_file_with_odd_numbers_and_codes(
    factory: sessionmaker[Session], tmp_path: Path
) -> None:
    header = ["code", "given_name", "family_name", "sex", "languages", "max_caseload", "latitude"]
    path = write_csv(
        tmp_path / "g.csv",
        header,
        [
            ["G-٠٠٠٠١", "Elira", "Hoxha", "female", "sqi", "20", ""],
            ["G-00002", "Ana", "Kola", "female", "sqi", "1_5", ""],
            ["G-00003", "Ana", "Kola", "female", "sqi", "١٥", ""],
            ["G-00004", "Ana", "Kola", "female", "sqi", "15", "٤١.٣"],
        ],
    )
    report = failed_import(factory, "guardians", path)
    assert [(e.line, e.column) for e in report.errors] == [
        (2, "code"),
        (3, "max_caseload"),
        (4, "max_caseload"),
        (5, "latitude"),
    ]
    assert messages(report)[1] == ("line 3, max_caseload: '1_5' is not a whole number (digits 0-9)")


def test_an_availability_file_with_arabic_indic_weekdays_and_compact_dates(
    factory: sessionmaker[Session], tmp_path: Path
) -> None:
    with session_scope(factory) as s:
        staff.create_staff(s, "guardian", factories.guardian(code="G-00001"))
    path = write_csv(
        tmp_path / "a.csv",
        list(columns("availability")),
        [
            ["G-00001", "٣", "09:00", "12:00", "", "", ""],
            ["G-00001", "3", "0900", "1200", "", "", ""],
            ["G-00001", "", "", "", "20261201", "2026-12-02", "Leave"],
            ["G-00001", "", "", "", "2026-12-01", "2026-12-02", "Le\u202eave"],
        ],
    )
    assert messages(failed_import(factory, "availability", path)) == [
        "line 2, weekday: '٣' is not a weekday (Mon, Tue, … Sun)",
        "line 3, start: '0900' is not a time in the form HH:MM",
        "line 4, absent_from: '20261201' is not a date in the form YYYY-MM-DD",
        "line 5, reason: 'Le[U+202E]ave' contains a hidden right-to-left override character "
        "(U+202E)",
    ]
