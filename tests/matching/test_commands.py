"""`match suggest CASE_NO --json` prints the documented shape."""

from __future__ import annotations

import argparse
import json

import pytest
from sqlalchemy.orm import Session, sessionmaker

from guardian_desk.db.engine import session_scope
from guardian_desk.matching.commands import add_match_commands
from tests.matching.office import Office, speaks
from tests.signed_in import TEST_ADMIN


def parser() -> argparse.ArgumentParser:
    made = argparse.ArgumentParser()
    made.add_argument("--actor")
    add_match_commands(made.add_subparsers(dest="command", required=True))
    return made


def run(db_url: str, *argv: str) -> None:
    args = parser().parse_args(["--actor", "test-officer", *argv])
    args.url, args.account = db_url, TEST_ADMIN
    assert args.run(args) == 0


def test_suggest_prints_json_with_the_documented_shape(
    db_url: str, factory: sessionmaker[Session], capsys: pytest.CaptureFixture[str]
) -> None:
    with session_scope(factory, actor="test-officer") as session:
        office = Office(session)
        place = office.facility()
        office.mediator()
        office.guardian()
        office.guardian(languages=speaks(("prs", "native")), given_name="Zahra")  # type: ignore[arg-type]
        office.guardian(active=False, given_name="Away")
        number = office.child(place).case_number
    run(db_url, "match", "suggest", number, "--json", "--date", "2026-10-05")
    found = json.loads(capsys.readouterr().out)
    assert set(found) == {"child", "proposals", "excluded", "excluded_total"}
    assert found["child"]["case_number"] == number
    assert found["child"]["languages"] == "Dari (native)"
    direct, mediated = found["proposals"]
    assert (direct["rank"], direct["guardian"]["name"], direct["shared_language"]) == (
        1,
        "Zahra Hoxha",
        "Dari",
    )
    assert direct["mediator"] is None
    assert set(direct["guardian"]) == {
        "id", "code", "name", "sex", "caseload", "capacity", "distance_km",
    }  # fmt: skip
    assert [p["key"] for p in direct["parts"]] == [
        "language", "distance", "availability", "load", "continuity", "preference",
    ]  # fmt: skip
    assert set(direct["parts"][0]) == {"key", "label", "value", "weight", "points"}
    assert mediated["mediator"]["bridge"] == "Dari → Albanian"
    assert set(mediated["mediator"]) == {"id", "code", "name", "sex", "bridge", "score", "parts"}
    assert mediated["alternatives"] == []
    assert found["excluded"] == [
        {
            "guardian": {"id": 3, "code": "G-00003", "name": "Away Hoxha"},
            "reasons": ["suspended"],
        }
    ]
    assert found["excluded_total"] == 1


def test_suggest_prints_a_readable_list(
    db_url: str, factory: sessionmaker[Session], capsys: pytest.CaptureFixture[str]
) -> None:
    with session_scope(factory, actor="test-officer") as session:
        office = Office(session)
        office.guardian(languages=speaks(("prs", "native")))  # type: ignore[arg-type]
        number = office.child(office.facility()).case_number
    run(db_url, "match", "suggest", number, "--limit", "5")
    out = capsys.readouterr().out
    assert "1.  " in out and "G-00001" in out and "speaks Dari" in out


def test_bulk_json_lists_proposals_and_unmatched_and_apply_appoints_them(
    db_url: str, factory: sessionmaker[Session], capsys: pytest.CaptureFixture[str]
) -> None:
    with session_scope(factory, actor="test-officer") as session:
        office = Office(session)
        place = office.facility()
        office.mediator()
        office.guardian(max_caseload=1)  # speaks Albanian: needs the mediator
        office.guardian(languages=speaks(("prs", "native")), given_name="Zahra", max_caseload=1)  # type: ignore[arg-type]
        first = office.child(place).case_number
        second = office.child(place, given_name="Omid").case_number
        third = office.child(place, given_name="Nabi").case_number
    run(db_url, "match", "bulk", "--json", "--date", "2026-10-05")
    found = json.loads(capsys.readouterr().out)
    assert (found["waiting"], found["matched"], found["upper_bound"]) == (3, 2, 2)
    assert found["proven_optimal"] is True
    placed = {p["child"]["case_number"]: p for p in found["proposals"]}
    assert set(placed) | {u["child"]["case_number"] for u in found["unmatched"]} == {
        first, second, third,
    }  # fmt: skip
    mediated = [p for p in placed.values() if p["mediator"]]
    assert len(mediated) == 1 and mediated[0]["mediator"]["bridge"] == "Dari → Albanian"
    (left,) = found["unmatched"]
    # The binding resource, then the closest candidates by score (not by code).
    assert (
        left["reasons"][0] == "the 2 eligible guardians are full with other children in this plan"
    )
    assert [r.split(" (score")[0] for r in left["reasons"][1:]] == [
        "closest: G-00002 Zahra Hoxha", "closest: G-00001 Elira Hoxha",
    ]  # fmt: skip
    assert all(r.endswith("): full with other children in this plan") for r in left["reasons"][1:])
    assert "applied" not in found

    run(db_url, "match", "bulk", "--apply", "--date", "2026-10-05")
    out = capsys.readouterr().out
    assert "Appointed: 2; refused: 0" in out
    run(db_url, "match", "bulk", "--json", "--date", "2026-10-05")
    again = json.loads(capsys.readouterr().out)
    assert (again["waiting"], again["matched"]) == (1, 0)
    assert again["unmatched"][0]["reasons"][0] == "no guardian is eligible (2 excluded)"
    assert "caseload 1 of 1" in again["unmatched"][0]["reasons"][1]
