"""The office's holidays kept between starts: the same answers, read back without the
`holidays` package's import of every country, and safe against a bad or unwritable file."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from guardian_desk.scheduling import holiday_cache
from guardian_desk.scheduling.working_days import holiday_names
from tests.fresh_python import printed_by


def kept_files() -> list[Path]:
    return sorted((Path(os.environ["GUARDIAN_DESK_HOME"]) / holiday_cache.FOLDER).glob("*"))


def test_a_second_start_reads_the_kept_holidays_without_the_package() -> None:
    holiday_names.cache_clear()
    first = holiday_names("AL", 2026)
    assert first[date(2026, 11, 28)] == "Flag and Independence Day"
    assert [p.name.split("-")[:2] for p in kept_files()] == [["AL", "2026"]]
    code = (
        "import sys; from datetime import date\n"
        "from guardian_desk.scheduling.working_days import holiday_names, add_working_days\n"
        "names = holiday_names('AL', 2026)\n"
        "print(names[date(2026, 11, 28)], add_working_days(date(2026, 11, 20), 15, 'AL'),\n"
        "      'holidays.countries' in sys.modules)\n"
    )
    printed = printed_by(code)
    assert printed.split() == ["Flag", "and", "Independence", "Day", "2026-12-17", "False"]


def test_a_damaged_kept_file_is_computed_again() -> None:
    holiday_names.cache_clear()
    holiday_names("RS", 2026)
    (path,) = kept_files()
    path.write_text("{not json", encoding="utf-8")
    holiday_names.cache_clear()
    assert date(2026, 1, 7) in holiday_names("RS", 2026)  # Orthodox Christmas
    assert holiday_cache.load("RS", 2026) == holiday_names("RS", 2026)  # written again


def test_an_unknown_country_keeps_no_holidays_and_an_unwritable_folder_is_no_fault(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    holiday_names.cache_clear()
    assert holiday_names("XX", 2026) == {}
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the folder would be", encoding="utf-8")
    monkeypatch.setenv("GUARDIAN_DESK_HOME", str(blocked))
    holiday_names.cache_clear()
    assert date(2026, 11, 28) in holiday_names("AL", 2026)
