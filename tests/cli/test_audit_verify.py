"""`guardian-desk audit verify`: one line and exit 0 for an intact trail, exit 1 at a break."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from guardian_desk.cli import main
from guardian_desk.db.migrate import prepare_database
from tests.db.data import fill_office


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def rows(database: Path) -> list[tuple[int, str]]:
    with sqlite3.connect(database) as connection:
        return connection.execute("SELECT id, hash FROM audit_events ORDER BY id").fetchall()


@pytest.fixture
def office(tmp_path: Path) -> Path:
    database = tmp_path / "office.sqlite3"
    prepare_database(f"sqlite:///{database}")
    fill_office(f"sqlite:///{database}")
    return database


def test_an_intact_trail_is_reported_with_its_last_hash(
    capsys: pytest.CaptureFixture[str], office: Path
) -> None:
    trail = rows(office)

    code, out, err = run(capsys, "--db", str(office), "audit", "verify")

    assert (code, err) == (0, "")
    assert out == f"Audit trail intact: {len(trail)} rows, last hash {trail[-1][1]}.\n"
    code, out, _ = run(capsys, "--db", str(office), "audit", "verify", "--expect", trail[-1][1])
    assert code == 0


def test_a_row_changed_with_the_sqlite3_shell_is_named(
    capsys: pytest.CaptureFixture[str], office: Path
) -> None:
    with sqlite3.connect(office) as connection:
        connection.execute("DROP TRIGGER trg_audit_events_no_update")
        connection.execute("UPDATE audit_events SET actor = 'nobody' WHERE id = 3")
    changed = rows(office)

    code, out, err = run(capsys, "--db", str(office), "audit", "verify")

    assert (code, err) == (1, "")
    assert out.startswith(
        "Audit trail broken at row 3 (row 3 was changed after it was written); "
        "2 rows before it are intact."
    )
    assert out.count("\n") == 1
    assert rows(office) == changed  # the check wrote nothing


def test_rows_removed_from_the_end_are_found_with_the_noted_hash(
    capsys: pytest.CaptureFixture[str], office: Path
) -> None:
    noted = rows(office)[-1][1]
    with sqlite3.connect(office) as connection:
        connection.execute("DROP TRIGGER trg_audit_events_no_delete")
        connection.execute("DELETE FROM audit_events WHERE id = (SELECT max(id) FROM audit_events)")

    assert run(capsys, "--db", str(office), "audit", "verify")[0] == 0
    code, out, _ = run(capsys, "--db", str(office), "audit", "verify", "--expect", noted[:12])
    assert code == 1
    assert out.startswith(f"Audit trail broken (no row has the hash {noted[:12]}… noted earlier")


def test_a_noted_hash_that_is_not_one_is_refused_by_name(
    capsys: pytest.CaptureFixture[str], office: Path
) -> None:
    code, out, err = run(capsys, "--db", str(office), "audit", "verify", "--expect", "abc")
    assert (code, out) == (1, "")
    assert err == "error: --expect: 'abc' is not a hash of at least 12 hex digits\n"
