"""`guardian-desk warnings` and `guardian-desk screening list` on the command line."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy.pool import NullPool

from guardian_desk.cli import main
from guardian_desk.db.engine import make_engine, make_session_factory, session_scope
from guardian_desk.services.adults import add_adult
from guardian_desk.services.screenings import ScreeningInput, record_screening
from tests.scheduling.office import Office


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def _office(url: str) -> tuple[str, str]:
    engine = make_engine(url, poolclass=NullPool)
    try:
        with session_scope(make_session_factory(engine), actor="test") as session:
            office = Office(session)
            place = office.facility()
            waiting = office.child(place, identified_on=date(2026, 3, 2))
            screened = office.child(place, given_name="Bilal", identified_on=date(2026, 3, 2))
            add_adult(session, screened.id, "Karim Rahimi", "uncle")
            record_screening(
                session,
                ScreeningInput(
                    child_id=screened.id,
                    screened_at=datetime.now(office.zone) - timedelta(days=1),
                    answers={"cl-dr-01": "observed", "cl-dr-02": "observed"},
                ),
            )
            return waiting.case_number, screened.case_number
    finally:
        engine.dispose()


def test_warnings_and_screenings(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    database = tmp_path / "office.sqlite3"
    db = ["--db", str(database)]
    assert run(capsys, *db, "db", "upgrade")[0] == 0
    waiting, screened = _office(f"sqlite:///{database}")

    code, out, err = run(capsys, *db, "warnings")
    assert code == 0, err
    lines = out.strip().splitlines()
    # The adult was registered before the (back-dated) screening was written: not a new contact.
    assert lines[-1] == "3 warnings."
    assert any(line.startswith(f"{waiting}  Not screened yet  since 2 Mar 2026") for line in lines)
    assert any(f"{screened}  Unverified adult" in line and "uncle" in line for line in lines)
    assert any(f"{screened}  Positive, not referred" in line for line in lines)
    assert not any(f"{screened}  Re-screen: new adult" in line for line in lines)
    assert "working days" in out
    assert "Ahmad" not in out and "Bilal" not in out and "Karim" not in out  # no names

    code, out, err = run(capsys, *db, "warnings", "--kind", "not_screened")
    assert code == 0, err
    assert out.strip().splitlines()[-1] == "1 warning." and waiting in out and screened not in out
    with pytest.raises(SystemExit):
        run(capsys, *db, "warnings", "--kind", "nonsense")
    assert "is not a kind of warning" in capsys.readouterr().err

    code, out, err = run(capsys, *db, "screening", "list", screened)
    assert code == 0, err
    assert "First contact" in out and "Deceptive recruitment" in out
    assert "decision: Not decided yet" in out and out.strip().endswith("1 screening.")
    code, out, err = run(capsys, *db, "screening", "list", waiting)
    assert code == 0 and out.strip() == "0 screenings."
