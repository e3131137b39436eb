"""The command-line checks an installed `guardian-desk` must pass, whichever way it was installed.

tests/packaging/test_wheel.py runs them on a wheel installed in a venv and per user,
tests/packaging/test_frozen_bundle.py on the frozen bundle's command.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ADMIN = {"GUARDIAN_DESK_USER": "admin", "GUARDIAN_DESK_PASSWORD": "a long enough password"}


def check_command_line(command: Path, folder: Path, env: dict[str, str]) -> None:
    """A new office through the command alone: upgrade, set-up, import, status in Albanian,
    the demo, a paper, the calendars, and a broken CSV refused with nothing imported."""
    database = folder / "office.sqlite3"
    env = {**env, **ADMIN}

    def run(*args: str, code: int = 0) -> subprocess.CompletedProcess[str]:
        done = subprocess.run(
            [str(command), "--db", str(database), *args],
            cwd=folder, env=env, capture_output=True, text=True, timeout=600,
        )  # fmt: skip
        assert done.returncode == code, (args, done.stdout, done.stderr)
        assert "Traceback" not in done.stderr
        return done

    assert "upgraded from empty" in run("db", "upgrade").stdout
    assert "admin is its administrator" in run(
        "setup", "--office-name", "Test office", "--country", "AL", "--time-zone",
        "Europe/Tirane", "--username", "admin", "--full-name", "Office Administrator",
    ).stdout  # fmt: skip
    assert "Demo data loaded" in run("demo", "--children", "20").stdout
    assert "state:     current" in run("db", "status").stdout
    env["GUARDIAN_DESK_LANGUAGE"] = "sq"  # the catalogues ship and load from this copy
    assert "gjendja:" in run("db", "status").stdout
    del env["GUARDIAN_DESK_LANGUAGE"]

    paper = folder / "card.pdf"
    run("print", "card", "--case", "AL-2025-00001", "-o", str(paper))
    assert paper.read_bytes().startswith(b"%PDF-")
    calendars = folder / "calendars"
    assert "Wrote" in run("calendar", "export", "--all", str(calendars)).stdout
    assert any(p.read_bytes().startswith(b"BEGIN:VCALENDAR") for p in calendars.rglob("*.ics"))

    exported = folder / "children.csv"
    run("export", "children", str(exported))
    before = exported.read_bytes()
    broken = folder / "broken.csv"
    broken.write_text(
        "case_number,given_name,family_name,sex,nationality,identified_on,date_of_birth\n"
        "AL-2026-09001,Sara,Noori,female,AF,2026-10-01,2031-01-01\n",
        encoding="utf-8",
    )
    refused = run("import", "children", str(broken), code=1)
    assert "line 2, column date_of_birth: '2031-01-01' is in the future" in refused.stderr
    run("export", "children", str(exported))
    assert exported.read_bytes() == before  # nothing was imported


def check_self_test(command: Path, folder: Path, env: dict[str, str]) -> str:
    """The desktop app's own installation check, offscreen; returns what it printed."""
    done = subprocess.run(
        [str(command), "--self-test", str(folder / "scratch")],
        cwd=folder, env={**env, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True, text=True, timeout=900,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert "The installation works" in done.stdout
    assert "Solver process started: process " in done.stdout  # spawned as this program
    assert "Traceback" not in done.stderr
    return done.stdout
