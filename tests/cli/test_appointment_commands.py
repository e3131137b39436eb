"""`appointment list | end | change-guardian` and `case close | reopen` on the command line."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy.pool import NullPool

from guardian_desk.cli import main
from guardian_desk.db.engine import make_engine, make_session_factory, session_scope
from guardian_desk.db.models import Assignment, Child, Visit
from guardian_desk.domain.enums import ChildStatus, VisitStatus
from tests.scheduling.office import Office

START = date(2026, 3, 2)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def _office(url: str) -> dict[str, object]:
    engine = make_engine(url, poolclass=NullPool)
    try:
        with session_scope(make_session_factory(engine), actor="test") as session:
            office = Office(session)
            place = office.facility()
            old = office.guardian()
            new = office.guardian(given_name="Arben", family_name="Krasniqi")
            child = office.child(place)
            office.appoint(child, old, START)
            visit = office.stored_visit(child, office.at(2026, 3, 18, 10), guardian=old)
            return {
                "case": child.case_number,
                "child": child.id,
                "new": new.code,
                "visit": visit.id,
            }
    finally:
        engine.dispose()


def _read(url: str, fn):  # type: ignore[no-untyped-def]
    engine = make_engine(url, poolclass=NullPool)
    try:
        with session_scope(make_session_factory(engine)) as session:
            return fn(session)
    finally:
        engine.dispose()


def test_change_the_guardian_then_close_and_reopen_the_case(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    database = tmp_path / "office.sqlite3"
    db = ["--db", str(database)]
    assert run(capsys, *db, "db", "upgrade")[0] == 0
    url = f"sqlite:///{database}"
    made = _office(url)
    case = str(made["case"])

    code, out, err = run(
        capsys,
        *db,
        "appointment",
        "change-guardian",
        case,
        str(made["new"]),
        "--on",
        "2026-03-16",
        "--visits",
        "move",
        "--handover",
        "likes football",
        "--print",
        str(tmp_path),
    )
    assert code == 0, err
    assert "1 planned visit moved to the new guardian." in out
    assert len(list(tmp_path.glob("GD-*-termination.pdf"))) == 1
    assert len(list(tmp_path.glob("GD-*-appointment.pdf"))) == 1
    code, out, _err = run(capsys, *db, "appointment", "list", case)
    assert "(Replaced by another person)" in out and "since" in out

    code, out, _err = run(
        capsys, *db, "case", "close", case, "--reason", "reunified", "--on", "2026-03-17"
    )
    assert code == 0
    assert "ends the guardian appointment of" in out and "cancels the visit on" in out
    assert "Nothing was changed" in out
    assert (
        _read(url, lambda s: s.get(Child, made["child"]).status) is ChildStatus.UNDER_GUARDIANSHIP
    )

    code, out, _err = run(
        capsys, *db, "case", "close", case, "--reason", "reunified", "--on", "2026-03-17", "--yes"
    )
    assert code == 0 and "The case is closed." in out
    assert _read(url, lambda s: s.get(Visit, made["visit"]).status) is VisitStatus.CANCELLED
    assert _read(url, lambda s: s.get(Child, made["child"]).status) is ChildStatus.REUNIFIED

    code, out, _err = run(capsys, *db, "case", "reopen", case, "--note", "came back")
    assert code == 0 and "open again" in out
    assert _read(url, lambda s: s.get(Child, made["child"]).closure_reason) is None


def test_end_needs_words_for_other_and_names_what_it_cancelled(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    database = tmp_path / "office.sqlite3"
    db = ["--db", str(database)]
    run(capsys, *db, "db", "upgrade")
    url = f"sqlite:///{database}"
    _office(url)
    first = _read(url, lambda s: s.query(Assignment).first().id)
    code, _out, err = run(capsys, *db, "appointment", "end", str(first), "--reason", "other")
    assert code == 1 and "note" in err
    code, out, err = run(
        capsys,
        *db,
        "appointment",
        "end",
        str(first),
        "--reason",
        "resigned",
        "--on",
        "2026-03-10",
        "--print",
        str(tmp_path / "end.pdf"),
    )
    assert code == 0, err
    assert "Appointment 1 ended; 1 planned visit cancelled." in out
    assert (tmp_path / "end.pdf").read_bytes().startswith(b"%PDF")
