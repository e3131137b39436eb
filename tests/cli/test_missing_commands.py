"""`missing report | list | print | return` and `follow-ups` on the command line."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy.pool import NullPool

from guardian_desk.cli import main
from guardian_desk.db.engine import make_engine, make_session_factory, session_scope
from tests.scheduling.office import Office


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def _office(url: str) -> str:
    engine = make_engine(url, poolclass=NullPool)
    try:
        with session_scope(make_session_factory(engine), actor="test") as session:
            office = Office(session)
            place, guardian = office.facility(), office.guardian()
            child = office.child(place)
            office.appoint(child, guardian, date(2026, 3, 2))
            office.stored_visit(child, office.at(2030, 3, 18, 10), guardian=guardian)
            return child.case_number
    finally:
        engine.dispose()


def test_missing_then_back(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    database = tmp_path / "office.sqlite3"
    db = ["--db", str(database)]
    assert run(capsys, *db, "db", "upgrade")[0] == 0
    case = _office(f"sqlite:///{database}")

    code, out, err = run(
        capsys, *db, "missing", "report", case, "--since", "2026-03-09 21:30",
        "--last-seen", "Tirana bus station", "--police-at", "2026-03-09 23:00",
    )  # fmt: skip
    assert code == 0, err
    assert out.strip() == f"{case} is reported missing; 1 planned visit is on hold."
    code, out, _err = run(capsys, *db, "missing", "list")
    assert f"{case}" in out and "Tirana bus station" in out and "1 child is missing." in out
    paper = tmp_path / "missing.pdf"
    code, out, err = run(capsys, *db, "missing", "print", case, str(paper))
    assert code == 0, err
    assert paper.read_bytes().startswith(b"%PDF") and out.startswith("Issued GD-")
    code, out, err = run(capsys, *db, "missing", "return", case, "--at", "2026-03-10 12:00")
    assert code == 0, err
    assert "1 visit was taken off hold" in out and "Re-screen the child" in out
    code, out, err = run(capsys, *db, "missing", "return", case, "--at", "2026-03-10 12:00")
    assert code != 0 and "is not reported missing" in err
    code, out, _err = run(capsys, *db, "follow-ups")
    assert code == 0 and "0 follow-ups are due." in out


def test_a_time_in_the_wrong_form_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["missing", "report", "AL-2026-00001", "--since", "9 March"])
    assert "is not a time in the form YYYY-MM-DD HH:MM" in capsys.readouterr().err


def test_a_report_in_a_language_papers_do_not_print_in_is_refused_by_name(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["missing", "print", "AL-2026-00001", str(tmp_path / "r.pdf"), "--language", "xx"])
    assert stopped.value.code == 2
    assert "'xx' is not a language papers print in" in capsys.readouterr().err
    assert not (tmp_path / "r.pdf").exists()
