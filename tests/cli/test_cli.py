"""The command line as an officer or an administrator uses it."""

from __future__ import annotations

import hashlib
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from guardian_desk.cli import main
from guardian_desk.exchange import KINDS
from tests.signed_in import set_up_for_subprocess

ROOT = Path(__file__).resolve().parents[2]


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def counts(database: Path) -> dict[str, int]:
    with sqlite3.connect(database) as connection:
        return {
            table: connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in (
                "children",
                "guardians",
                "mediators",
                "facilities",
                "availability_slots",
                "absences",
                "child_languages",
                "audit_events",
                "assignments",
            )
        }


def test_status_upgrade_and_refusal(capsys, tmp_path) -> None:  # type: ignore[no-untyped-def]
    database = tmp_path / "office.sqlite3"
    assert run(capsys, "--db", str(database), "db", "status")[1].count("state:     empty") == 1
    assert "upgraded from empty" in run(capsys, "--db", str(database), "db", "upgrade")[1]
    code, out, _ = run(capsys, "--db", str(database), "db", "status")
    assert code == 0 and "state:     current" in out and "children:   0" in out

    foreign = tmp_path / "photo.jpg"
    foreign.write_bytes(b"\xff\xd8\xff\xe0" + bytes(range(256)) * 40)
    before = hashlib.sha256(foreign.read_bytes()).digest()
    code, _, err = run(capsys, "--db", str(foreign), "db", "upgrade")
    assert code == 1
    assert f"{foreign} is not a Guardian Desk database" in err
    assert hashlib.sha256(foreign.read_bytes()).digest() == before


def test_demo_export_import_round_trip_gives_identical_content(capsys, tmp_path) -> None:  # type: ignore[no-untyped-def]
    first, second = tmp_path / "first.sqlite3", tmp_path / "second.sqlite3"
    code, out, err = run(capsys, "--db", str(first), "demo", "--children", "120")
    assert code == 0, err
    assert "120 children" in out
    exported, again = tmp_path / "exported", tmp_path / "again"
    for kind in KINDS:
        assert (
            run(
                capsys,
                "--db",
                str(first),
                "export",
                kind,
                str(exported / f"{kind}.csv"),
                "--include-personal-data",
            )[0]
            == 0
        )
    for kind in KINDS:
        code, out, err = run(
            capsys, "--db", str(second), "import", kind, str(exported / f"{kind}.csv")
        )
        assert code == 0, err
    for kind in KINDS:
        run(
            capsys,
            "--db",
            str(second),
            "export",
            kind,
            str(again / f"{kind}.csv"),
            "--include-personal-data",
        )
        assert (again / f"{kind}.csv").read_bytes() == (exported / f"{kind}.csv").read_bytes(), kind
    one, two = counts(first), counts(second)
    for table in (
        "children",
        "guardians",
        "mediators",
        "facilities",
        "availability_slots",
        "absences",
        "child_languages",
    ):
        assert one[table] == two[table], table


def test_children_export_carries_no_names_unless_asked(capsys, tmp_path) -> None:  # type: ignore[no-untyped-def]
    database = tmp_path / "office.sqlite3"
    run(capsys, "--db", str(database), "demo", "--children", "30")
    plain = tmp_path / "children.csv"
    assert run(capsys, "--db", str(database), "export", "children", str(plain))[0] == 0
    header = plain.read_text(encoding="utf-8-sig").splitlines()[0]
    assert "case_number" in header and "given_name" not in header
    code, _, err = run(
        capsys,
        "--db",
        str(database),
        "export",
        "children",
        str(tmp_path / "named.csv"),
        "--include-personal-data",
    )
    assert code == 0 and "names the children" in err


def test_bad_import_lists_every_row_and_imports_nothing(capsys, tmp_path) -> None:  # type: ignore[no-untyped-def]
    database = tmp_path / "office.sqlite3"
    run(capsys, "--db", str(database), "db", "upgrade")
    set_up_for_subprocess(f"sqlite:///{database}")  # counted before: the set-up's audit rows
    before = counts(database)
    bad = tmp_path / "children.csv"
    bad.write_text(
        "case_number,given_name,family_name,sex,nationality,identified_on,date_of_birth\n"
        "AL-2026-00001,Omid,Karimi,male,AF,2026-10-01,2010-04-02\n"
        "AL-2026-00002,Sara,<b>Noori</b>,female,AF,2026-10-01,2031-01-01\n"
        "AL-2026-00001,Navid,Karimi,male,ZZ,2026-10-01,2011-01-01\n",
        encoding="utf-8",
    )
    code, _, err = run(capsys, "--db", str(database), "import", "children", str(bad))
    assert code == 1
    assert "line 3, column date_of_birth: '2031-01-01' is in the future" in err
    assert "line 4, column nationality: 'ZZ'" in err
    assert "line 4, column case_number" in err
    assert err.count("Nothing was imported") == 1  # said once
    assert counts(database) == before


def test_backup_and_restore(capsys, tmp_path) -> None:  # type: ignore[no-untyped-def]
    database = tmp_path / "office.sqlite3"
    run(capsys, "--db", str(database), "demo", "--children", "20")
    copy = tmp_path / "copy.sqlite3"
    assert run(capsys, "--db", str(database), "db", "backup", str(copy))[0] == 0
    saved = counts(database)
    other = tmp_path / "other.sqlite3"
    run(capsys, "--db", str(other), "db", "upgrade")
    code, out, err = run(capsys, "--db", str(other), "db", "restore", str(copy))
    assert code == 0, err
    assert "The data it replaced is in" in out
    assert counts(other) == saved
    assert run(capsys, "--db", str(database), "db", "backup", str(copy))[0] == 1  # never overwrites


@pytest.mark.slow
def test_kill_during_import_leaves_database_openable_and_unchanged(capsys, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from guardian_desk.demo import DemoSizes, generate
    from guardian_desk.exchange import write_records_csv

    database = tmp_path / "office.sqlite3"
    run(capsys, "--db", str(database), "demo", "--children", "10")
    before = counts(database)
    data = generate(DemoSizes(children=15_000, guardians=10, mediators=5, facilities=12), seed=9)
    big = tmp_path / "children.csv"
    for child in data.children:
        child.case_number = (child.case_number or "").replace("AL-", "MK-")
        child.sibling_case_numbers = [s.replace("AL-", "MK-") for s in child.sibling_case_numbers]
    write_records_csv("children", data.children, big)
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "guardian_desk.cli",
            "--db",
            str(database),
            "import",
            "children",
            str(big),
        ],
        cwd=ROOT,
        env={**os.environ},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wal = Path(f"{database}-wal")
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        if wal.exists() and wal.stat().st_size > 2_000_000:  # rows are being written
            break
        time.sleep(0.02)
    assert process.poll() is None, "the import finished before it could be interrupted"
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    with sqlite3.connect(database) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert counts(database) == before
    assert run(capsys, "--db", str(database), "db", "status")[0] == 0


def test_progress_counters_stay_off_files_and_pipes(capsys: pytest.CaptureFixture[str]) -> None:
    from guardian_desk.command_session import progress_counter

    report = progress_counter("children")
    for done in range(0, 101, 10):
        report(done, 100)
    assert capsys.readouterr().err == ""  # captured stderr is no terminal


def test_new_commands_name_the_bad_value_and_change_nothing(capsys, tmp_path) -> None:  # type: ignore[no-untyped-def]
    database = tmp_path / "office.sqlite3"
    assert run(capsys, "--db", str(database), "demo")[0] == 0
    before = counts(database)
    db = ("--db", str(database))
    refusals = {
        ("schedule", "plan", "--from", "2026-11-30", "--weeks", "0", "--apply"): (
            "weeks: 0 must be between 1 and 26"
        ),
        ("match", "suggest", "AL-9999-99999"): "child 'AL-9999-99999' does not exist",
        ("calendar", "export", "--guardian", "G-99999"): "guardian 'G-99999' does not exist",
        ("print", "card", "--case", "AL-9999-99999", "-o", str(tmp_path / "card.pdf")): (
            "AL-9999-99999"
        ),
    }
    for args, message in refusals.items():
        code, _out, err = run(capsys, *db, *args)
        assert code == 1 and message in err, args
    assert not (tmp_path / "card.pdf").exists()
    assert counts(database) == before  # nothing written, not even an audit row
