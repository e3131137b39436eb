"""A restore checks the backup fully in a scratch copy; the office database changes only when
every check passes, and byte for byte not at all otherwise."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from guardian_desk.cli import main
from guardian_desk.db.backup import backup_database
from guardian_desk.db.engine import session_scope
from guardian_desk.db.migrate import DatabaseState, head_revision, inspect_database
from guardian_desk.db.restore import RestoreRefused, restore_database, schema_at
from guardian_desk.services import children
from tests.core import factories
from tests.db.data import add_future_migration, fill_office, folder_state, sessions, snapshot

ADD_COLUMN = """
with op.batch_alter_table("children") as b:
    b.add_column(sa.Column("x", sa.String(10), nullable=True))
"""


@pytest.fixture
def office(sqlite_db: str, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    """A filled office database and a good backup of it, kept outside the office's folder."""
    fill_office(sqlite_db)
    return sqlite_db, backup_database(sqlite_db, tmp_path_factory.mktemp("in") / "good.sqlite3")


@pytest.fixture
def backups(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the safety backups go (not made yet)."""
    return tmp_path_factory.mktemp("safety") / "backups"


def spoiled(good: Path, name: str, *statements: str) -> Path:
    """A copy of ``good`` changed with foreign keys off (as a careless tool would)."""
    copy = good.with_name(name)
    shutil.copyfile(good, copy)
    connection = sqlite3.connect(copy)
    try:
        connection.execute("PRAGMA foreign_keys=OFF")
        for statement in statements:
            connection.execute(statement)
        connection.commit()
    finally:
        connection.close()
    return copy


def office_state(folder: Path) -> dict[str, tuple[str, int]]:
    """folder_state, but a reader's -shm (SQLite's shared-memory index) only by its bytes."""
    return {
        name: (digest, 0 if name.endswith("-shm") else mtime)
        for name, (digest, mtime) in folder_state(folder).items()
    }


def assert_refused(db: str, source: Path, folder: Path, backups: Path, *expected: str) -> None:
    before = office_state(folder)
    with pytest.raises(RestoreRefused) as refused:
        restore_database(db, source, backup_folder=backups)
    message = str(refused.value)
    for part in expected:
        assert part in message
    assert "The current database has not been changed" in message
    assert office_state(folder) == before  # same bytes, no scratch or -wal left behind
    assert not backups.exists()  # no safety backup of an unchanged db


def test_a_good_backup_restores(office: tuple[str, Path], tmp_path: Path, backups: Path) -> None:
    db, good = office
    before = snapshot(db)
    with sessions(db) as factory, session_scope(factory) as s:
        children.create_child(s, factories.child(given_name="Registered after the backup"))

    done = restore_database(db, good, backup_folder=backups)

    assert snapshot(db) == before
    assert (done.revision, done.head) == (head_revision(), head_revision())
    assert done.safety_backup is not None
    assert len(snapshot(f"sqlite:///{done.safety_backup}")["children"]) == 4
    assert sorted(p.name for p in tmp_path.iterdir()) == ["office.sqlite3"]


def test_a_backup_with_overwritten_pages_is_refused(
    office: tuple[str, Path], tmp_path: Path, backups: Path
) -> None:
    db, good = office
    damaged = good.with_name("damaged.sqlite3")
    data = bytearray(good.read_bytes())
    middle = len(data) // 2 // 4096 * 4096
    data[middle : middle + 4096] = bytes(range(256)) * 16
    damaged.write_bytes(bytes(data))

    assert_refused(db, damaged, tmp_path, backups, "the backup is damaged")


def test_a_backup_with_a_table_dropped_is_refused(
    office: tuple[str, Path], tmp_path: Path, backups: Path
) -> None:
    db, good = office
    dropped = spoiled(good, "dropped.sqlite3", "DROP TABLE guardians")

    assert_refused(db, dropped, tmp_path, backups, "table guardians is missing")


def test_rows_pointing_at_missing_records_are_refused(
    office: tuple[str, Path], tmp_path: Path, backups: Path
) -> None:
    db, good = office
    orphans = spoiled(good, "orphans.sqlite3", "DELETE FROM children")

    assert_refused(db, orphans, tmp_path, backups, "rows point at missing records (first in table ")


def test_a_column_dropped_or_a_table_added_is_refused(
    office: tuple[str, Path], tmp_path: Path, backups: Path
) -> None:
    db, good = office
    added = spoiled(good, "added.sqlite3", "CREATE TABLE invoices (id INTEGER PRIMARY KEY)")
    assert_refused(db, added, tmp_path, backups, "tables that are not Guardian Desk's (invoices)")
    narrowed = spoiled(good, "narrowed.sqlite3", "ALTER TABLE visits DROP COLUMN place")
    assert_refused(db, narrowed, tmp_path, backups, "column visits.place is missing")


def test_another_programs_file_or_a_newer_backup_is_refused(
    office: tuple[str, Path], tmp_path: Path, backups: Path
) -> None:
    db, good = office
    other = good.with_name("shop.sqlite3")
    with sqlite3.connect(other) as connection:
        connection.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
    connection.close()
    assert_refused(db, other, tmp_path, backups, "not a Guardian Desk database (it holds invoices)")
    newer = spoiled(good, "newer.sqlite3", "UPDATE alembic_version SET version_num = 'ffff'")
    assert_refused(db, newer, tmp_path, backups, "made by a newer version of Guardian Desk")
    text = good.with_name("notes.sqlite3")
    text.write_text("not a database")
    assert_refused(db, text, tmp_path, backups, "it is not a SQLite database file")


def test_an_older_backup_is_upgraded_in_the_scratch_copy(
    office: tuple[str, Path], tmp_path: Path, backups: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db, good = office
    before = snapshot(db)
    old_head, new_head = add_future_migration(good.parent, monkeypatch, ADD_COLUMN)
    assert "x" in schema_at(new_head)["children"] and "x" not in schema_at(old_head)["children"]

    done = restore_database(db, good, backup_folder=backups)

    assert (done.revision, done.head) == (old_head, new_head)
    status = inspect_database(db)
    assert (status.state, status.revision) == (DatabaseState.CURRENT, new_head)
    after = snapshot(db)
    assert after.pop("alembic_version") == [(new_head,)]
    before.pop("alembic_version")
    assert after == before


def test_the_command_line_refuses_with_one_line_and_exit_1(
    office: tuple[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db, good = office
    dropped = spoiled(good, "dropped.sqlite3", "DROP TABLE visits")
    # The command signs in first: that open and close folds the empty -wal the backup left.
    assert main(["--db", db, "db", "status"]) == 0
    capsys.readouterr()
    before = office_state(tmp_path)

    code = main(["--db", db, "db", "restore", str(dropped)])

    out, err = capsys.readouterr()
    assert code == 1 and out == ""
    assert err.strip().splitlines() == [
        f"error: {dropped} cannot be restored: table visits is missing. "
        "The current database has not been changed."
    ]
    assert office_state(tmp_path) == before
    assert main(["--db", db, "db", "restore", str(good)]) == 0
    assert "The data it replaced is in" in capsys.readouterr().out
