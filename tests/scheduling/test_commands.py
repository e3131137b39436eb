"""`schedule plan --from DATE --weeks N [--apply] [--json]` prints the documented shapes."""

from __future__ import annotations

import argparse
import json
from datetime import date

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from guardian_desk.db.engine import session_scope
from guardian_desk.db.models import Visit
from guardian_desk.scheduling.commands import add_schedule_commands
from tests.scheduling.office import Office
from tests.signed_in import TEST_ADMIN


def parser() -> argparse.ArgumentParser:
    made = argparse.ArgumentParser()
    made.add_argument("--actor")
    add_schedule_commands(made.add_subparsers(dest="command", required=True))
    return made


def run(db_url: str, *argv: str) -> None:
    args = parser().parse_args(["--actor", "test-officer", *argv])
    args.url, args.account = db_url, TEST_ADMIN
    assert args.run(args) == 0


@pytest.fixture
def numbers(factory: sessionmaker[Session]) -> tuple[str, str]:
    with session_scope(factory, actor="test-officer") as session:
        office = Office(session)
        place = office.facility()
        seen = office.child(place, given_name="Omid")
        office.appoint(seen, office.guardian(), date(2026, 3, 2))
        office.mediate(seen, office.mediator(), date(2026, 3, 2))
        lost = office.child(None, given_name="Yonas")
        office.appoint(lost, office.guardian(given_name="Drita"), date(2026, 3, 2))
        return seen.case_number, lost.case_number


def test_plan_prints_json_by_case_number_only(
    db_url: str, numbers: tuple[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    seen, lost = numbers
    run(db_url, "schedule", "plan", "--from", "2026-03-09", "--weeks", "2", "--json")
    out = capsys.readouterr().out
    found = json.loads(out)
    assert set(found) == {
        "from", "to", "proposals", "unplaced", "not_due", "applied", "visit_ids",
    }  # fmt: skip
    assert (found["from"], found["to"], found["not_due"], found["applied"]) == (
        "2026-03-09", "2026-03-22", 0, False,
    )  # fmt: skip
    (proposal,) = found["proposals"]
    assert proposal == {
        "case_number": seen,
        "guardian": {"id": 1, "name": "Elira Hoxha"},
        "mediator": {"id": 1, "name": "Farid Noori"},
        "facility": {"id": 1, "name": "Tirana Reception Centre"},
        "starts_at": "2026-03-09T09:00+01:00",
        "ends_at": "2026-03-09T10:00+01:00",
        "starts_at_utc": "2026-03-09T08:00+00:00",
        "ends_at_utc": "2026-03-09T09:00+00:00",
        "due_on": "2026-03-09",
        "days_overdue": 0,
        "first_visit": True,
    }
    assert found["unplaced"] == [
        {
            "case_number": lost,
            "guardian": {"id": 2, "name": "Drita Hoxha"},
            "due_on": "2026-03-09",
            "days_overdue": 0,
            "reason": "the child has no facility on record; book this visit with a place",
        }
    ]
    assert "Omid" not in out and "Rahimi" not in out  # children by case number only


def test_plan_prints_a_table_and_applies(
    db_url: str,
    numbers: tuple[str, str],
    factory: sessionmaker[Session],
    capsys: pytest.CaptureFixture[str],
) -> None:
    seen, lost = numbers
    run(db_url, "schedule", "plan", "--from", "2026-03-09", "--weeks", "1")
    out = capsys.readouterr().out
    assert out.splitlines()[0] == (
        "Visits from 9 Mar 2026 to 15 Mar 2026: 1 proposed, 1 with no slot, 0 not due."
    )
    assert f"{seen}" in out and "Mon 9 Mar 2026 09:00–10:00" in out and "Farid Noori" in out
    assert f"{lost}" in out and "no facility on record" in out
    assert out.rstrip().endswith("run again with --apply to book these visits.")
    run(db_url, "schedule", "plan", "--from", "2026-03-09", "--weeks", "1", "--apply")
    assert "Saved 1 planned visit." in capsys.readouterr().out
    with session_scope(factory) as session:
        assert session.scalar(select(func.count()).select_from(Visit)) == 1
