"""Every file the app writes with personal data is readable by its owner only (issue 11).

The command line runs for real, in a subprocess started with a permissive umask (022, the
usual default): what the files end up as is what the app made of them, not the test's umask.
"""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from guardian_desk.private_files import (
    keep_private,
    make_private,
    tighten_database,
    write_private_bytes,
)

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes only")

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "correct horse battery staple"


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def wide_umask() -> Iterator[None]:
    previous = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(previous)


class Cli:
    """`guardian-desk` as the officer runs it, signed in as the office's administrator."""

    def __init__(self, home: Path, database: Path | None) -> None:
        self.home = home
        self.database = database
        self.env = {
            **os.environ,
            "GUARDIAN_DESK_HOME": str(home),
            "GUARDIAN_DESK_USER": "admin",
            "GUARDIAN_DESK_PASSWORD": PASSWORD,
        }
        self.env.pop("GUARDIAN_DESK_DB", None)

    def __call__(self, *argv: str) -> str:
        db = ["--db", str(self.database)] if self.database is not None else []
        done = subprocess.run(
            [sys.executable, "-m", "guardian_desk.cli", *db, *argv],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            preexec_fn=lambda: os.umask(0o022),  # the usual default; the app must do better
            check=False,
            timeout=300,
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    def set_up(self) -> None:
        self(
            "setup",
            "--office-name",
            "Office",
            "--country",
            "AL",
            "--time-zone",
            "Europe/Tirane",
            "--username",
            "admin",
            "--full-name",
            "Ada Admin",
        )
        self("demo", "--children", "12", "--guardians", "6", "--mediators", "3")

    def first(self, sql: str) -> str:
        path = self.database or self.home / "guardian-desk.sqlite3"
        with sqlite3.connect(path) as connection:
            return str(connection.execute(sql).fetchone()[0])


def wide_file(path: Path) -> Path:
    """A file from before, readable by everyone: written over, it must not stay so."""
    path.write_bytes(b"old")
    path.chmod(0o644)
    return path


def test_every_file_the_command_line_writes_is_owner_only(tmp_path: Path) -> None:
    home, out = tmp_path / "home", tmp_path / "out"
    out.mkdir()
    database = tmp_path / "office.sqlite3"
    cli = Cli(home, database)
    cli.set_up()
    for made in (database, *(Path(f"{database}{side}") for side in ("-wal", "-shm"))):
        if made.exists():
            assert mode(made) == 0o600, made.name

    cli("export", "children", "--include-personal-data", str(out / "children.csv"))
    cli("export", "guardians", str(wide_file(out / "guardians.csv")))
    guardian = cli.first("SELECT code FROM guardians ORDER BY code")
    cli("calendar", "export", "--guardian", guardian, "-o", str(wide_file(out / "g.ics")))
    cli("calendar", "export", "--all", str(out / "calendars"))
    case = cli.first("SELECT case_number FROM children ORDER BY case_number")
    paper = wide_file(out / "summary.pdf")
    cli("print", "summary", "--case", case, "--fields", "sex", "--to", "UNHCR", "-o", str(paper))
    cli("db", "backup", str(out / "backup.sqlite3"))

    for name in ("children.csv", "guardians.csv", "g.ics", "summary.pdf", "backup.sqlite3"):
        assert mode(out / name) == 0o600, name
    calendars = list((out / "calendars").rglob("*.ics"))
    assert calendars and {mode(p) for p in calendars} == {0o600}
    assert {mode(p) for p in (out / "calendars").iterdir() if p.is_dir()} == {0o700}
    logs = home / "logs"
    assert mode(logs) == 0o700 and mode(home / "backups") == 0o700
    assert {p.name for p in logs.iterdir()} >= {"crash.log", "guardian-desk-cli.log"}
    assert {mode(p) for p in logs.iterdir()} == {0o600}


def test_files_left_readable_by_others_are_tightened_when_the_app_starts(tmp_path: Path) -> None:
    home = tmp_path / "home"
    cli = Cli(home, None)  # the database in the data folder, where the app keeps it
    cli.set_up()
    database = home / "guardian-desk.sqlite3"
    for loose in (home, home / "backups", home / "logs"):
        loose.chmod(0o755)
    for loose in (database, *(home / "backups").iterdir(), *(home / "logs").iterdir()):
        loose.chmod(0o644)
    wal = Path(f"{database}-wal")
    if not wal.exists():
        wal.write_bytes(b"")
    wal.chmod(0o644)

    cli("export", "facilities", str(tmp_path / "facilities.csv"))

    assert mode(database) == 0o600
    assert not wal.exists() or mode(wal) == 0o600
    for folder in (home, home / "backups", home / "logs"):
        assert mode(folder) == 0o700, folder.name
        assert {mode(p) for p in folder.iterdir() if p.is_file()} <= {0o600}, folder.name


def test_a_database_elsewhere_is_tightened_when_opened(tmp_path: Path) -> None:
    """`--db` outside the data folder: prepare_database tightens it (and its side files)."""
    database = tmp_path / "office.sqlite3"
    cli = Cli(tmp_path / "home", database)
    cli.set_up()
    database.chmod(0o644)
    cli("export", "facilities", str(tmp_path / "facilities.csv"))
    assert mode(database) == 0o600


def test_tighten_database_and_its_side_files_silently(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    database = wide_file(tmp_path / "office.sqlite3")
    wal = wide_file(tmp_path / "office.sqlite3-wal")
    elsewhere = wide_file(tmp_path / "elsewhere.sqlite3")
    link = tmp_path / "office.sqlite3-shm"
    link.symlink_to(elsewhere)  # a link is not followed to another file
    tighten_database(f"sqlite:///{database}")
    assert (mode(database), mode(wal), mode(elsewhere)) == (0o600, 0o600, 0o644)
    tighten_database("sqlite://")  # in memory: nothing to do
    tighten_database("postgresql+psycopg://u@h/db")
    assert capsys.readouterr() == ("", "")


@pytest.mark.usefixtures("wide_umask")
def test_files_written_over_older_ones_are_owner_only(tmp_path: Path) -> None:
    from guardian_desk.calendars.export import write_calendar_file
    from guardian_desk.exchange import write_records_csv

    paper = wide_file(tmp_path / "paper.pdf")
    write_private_bytes(paper, b"%PDF")
    assert (mode(paper), paper.read_bytes()) == (0o600, b"%PDF")
    fresh = tmp_path / "fresh.pdf"
    write_private_bytes(fresh, b"%PDF")
    assert mode(fresh) == 0o600
    calendar = wide_file(tmp_path / "g.ics")
    write_calendar_file(calendar, b"BEGIN:VCALENDAR")
    assert mode(calendar) == 0o600
    export = wide_file(tmp_path / "children.csv")
    write_records_csv("children", [], export)
    assert mode(export) == 0o600
    loose = wide_file(tmp_path / "loose")
    make_private(loose)
    assert mode(loose) == 0o600


@pytest.mark.usefixtures("wide_umask")
def test_a_backup_is_owner_only_whatever_the_umask(db_url: str, tmp_path: Path) -> None:
    from guardian_desk.db.backup import backup_database

    written = backup_database(db_url, tmp_path / "copies" / "backup.sqlite3")
    assert mode(written) == 0o600


@pytest.mark.usefixtures("wide_umask")
def test_keep_private_keeps_a_stricter_umask_and_closes_the_app_folders(tmp_path: Path) -> None:
    home = Path(os.environ["GUARDIAN_DESK_HOME"])
    home.chmod(0o755)
    wide_file(home / "guardian-desk.sqlite3")
    keep_private()
    assert os.umask(0o027) == 0o077  # and stricter bits survive a second call
    keep_private()
    assert os.umask(0o022) == 0o077
    assert mode(home) == 0o700 and mode(home / "guardian-desk.sqlite3") == 0o600
    os.umask(0o277)
    keep_private()
    assert os.umask(0o022) == 0o277
