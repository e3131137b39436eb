"""`referral add | status | list | letter` on the command line."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.pool import NullPool

from guardian_desk.cli import main
from guardian_desk.db.engine import make_engine, make_session_factory, session_scope
from tests.papers.pdf import flat_text_of
from tests.scheduling.office import Office


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def _office(url: str) -> str:
    engine = make_engine(url, poolclass=NullPool)
    try:
        with session_scope(make_session_factory(engine), actor="test") as session:
            child = Office(session).child(None, given_name="Omid", family_name="Rahimi")
            return child.case_number
    finally:
        engine.dispose()


def test_refer_answer_list_and_print(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    database = tmp_path / "office.sqlite3"
    db = ["--db", str(database)]
    assert run(capsys, *db, "db", "upgrade")[0] == 0
    case = _office(f"sqlite:///{database}")

    code, out, err = run(
        capsys, *db, "referral", "add", case, "--to", "police", "--name", "Tirana Police",
        "--sent", "2026-03-10", "--legal-basis", "Law 70/2017", "--reason", "car wash debt",
        "--child-consent", "given",
    )  # fmt: skip
    assert code == 0, err
    assert out.strip() == f"Referral #1 recorded: {case} to Police: Tirana Police."
    code, out, err = run(capsys, *db, "referral", "status", "1", "accepted", "--on", "2026-03-09")
    assert code != 0 and "before the previous step" in err
    code, out, err = run(capsys, *db, "referral", "status", "1", "accepted", "--on", "2026-03-12")
    assert code == 0, err
    code, out, _err = run(capsys, *db, "referral", "list", case)
    assert "#1  Police: Tirana Police  sent 10 Mar 2026; accepted since 12 Mar 2026" in out
    assert f"{case}: 1 referral." in out

    code, out, _err = run(capsys, *db, "referral", "letter", "--list-fields")
    assert code == 0 and "date_of_birth" in out and "(sensitive)" in out
    paper = tmp_path / "letter.pdf"
    code, out, err = run(
        capsys, *db, "referral", "letter", "1", str(paper), "--fields", "sex,reason"
    )
    assert code == 0, err
    assert out.startswith("Issued GD-")
    text = flat_text_of(paper.read_bytes())
    assert case in text and "car wash debt" in text and "Male" in text
    assert "Omid" not in text and "Law 70/2017" not in text


def test_an_unknown_field_is_refused_by_name(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["referral", "letter", "1", "x.pdf", "--fields", "sex,photo"])
    assert "'photo' is not a referral letter field" in capsys.readouterr().err
