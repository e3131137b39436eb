"""Backups are consistent copies that open as the same database, on both backends."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from guardian_desk.db import backup as backup_module
from guardian_desk.db.backup import BackupError, backup_database, restore_postgres, restore_sqlite
from guardian_desk.db.engine import session_scope
from guardian_desk.db.migrate import DatabaseState, inspect_database
from guardian_desk.services import children
from tests.core import factories
from tests.db.data import counts, fill_office, sessions, snapshot


def test_sqlite_backup_opens_with_the_same_rows(sqlite_db: str, tmp_path: Path) -> None:
    fill_office(sqlite_db)
    before = snapshot(sqlite_db)
    copy = tmp_path / "copies" / "office-copy.sqlite3"

    assert backup_database(sqlite_db, copy) == copy

    copy_url = f"sqlite:///{copy}"
    assert inspect_database(copy_url).state is DatabaseState.CURRENT
    assert snapshot(copy_url) == before
    with pytest.raises(BackupError, match="already exists"):
        backup_database(sqlite_db, copy)


def test_sqlite_restore_brings_the_old_rows_back(sqlite_db: str, tmp_path: Path) -> None:
    fill_office(sqlite_db)
    before = snapshot(sqlite_db)
    copy = backup_database(sqlite_db, tmp_path / "office-copy.sqlite3")
    with sessions(sqlite_db) as factory, session_scope(factory) as s:
        children.create_child(s, factories.child(given_name="Registered after the backup"))
    assert counts(snapshot(sqlite_db))["children"] == counts(before)["children"] + 1

    restore_sqlite(copy, sqlite_db)

    assert snapshot(sqlite_db) == before


@pytest.mark.usefixtures("pg_tools_on_path")
def test_postgres_backup_restores_into_a_fresh_database(
    pg_db: str, pg_url: str, tmp_path: Path
) -> None:
    fill_office(pg_db)
    before = snapshot(pg_db)
    dump = tmp_path / "office.dump"

    backup_database(pg_db, dump)

    assert dump.read_bytes().startswith(b"PGDMP")  # pg_dump's custom format
    assert inspect_database(pg_url).state is DatabaseState.EMPTY
    restore_postgres(dump, pg_url)
    assert inspect_database(pg_url).state is DatabaseState.CURRENT
    assert snapshot(pg_url) == before
    # The restored database is a working one: sequences continue after the restored rows.
    with sessions(pg_url) as factory, session_scope(factory) as s:
        kid = children.create_child(s, factories.child(given_name="After the restore"))
        assert kid.id > max(row[0] for row in before["children"])


@pytest.mark.usefixtures("pg_tools_on_path")
def test_a_failed_pg_dump_leaves_no_file(pg_url: str, tmp_path: Path) -> None:
    missing = pg_url.replace("/test_", "/no_such_database_")
    dump = tmp_path / "office.dump"

    with pytest.raises(BackupError, match="pg_dump failed"):
        backup_database(missing, dump)

    assert not dump.exists()


def test_a_backup_that_fails_partway_leaves_no_file(
    sqlite_db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before: a full disk left a 0-byte file under the final name, which blocked the retry."""
    real_copy = backup_module._copy_sqlite

    def disk_fills_up(source: Path, partial: Path) -> None:
        partial.write_bytes(b"SQLite format 3\x00" + bytes(4000))
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(backup_module, "_copy_sqlite", disk_fills_up)
    copy = tmp_path / "copies" / "office-copy.sqlite3"

    with pytest.raises(BackupError, match="the disk is full; free some space"):
        backup_database(sqlite_db, copy)

    assert list(copy.parent.iterdir()) == []
    monkeypatch.setattr(backup_module, "_copy_sqlite", real_copy)
    assert backup_database(sqlite_db, copy) == copy  # the retry is not blocked
    assert inspect_database(f"sqlite:///{copy}").state is DatabaseState.CURRENT
    assert sorted(p.name for p in copy.parent.iterdir()) == ["office-copy.sqlite3"]


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A 64 KiB tmpfs: a real full disk (needs root and mount; skipped where impossible)."""
    folder = tmp_path / "tiny"
    folder.mkdir()
    if not sys.platform.startswith("linux") or os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("mounting a tmpfs needs root on Linux")
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(folder)],
        capture_output=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode(errors='replace')}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=False)


def test_a_backup_onto_a_full_disk_leaves_no_file(sqlite_db: str, tiny_disk: Path) -> None:
    fill_office(sqlite_db)
    destination = tiny_disk / "office-copy.sqlite3"

    with pytest.raises(BackupError) as failed:
        backup_database(sqlite_db, destination)

    assert "the disk is full" in str(failed.value)
    assert list(tiny_disk.iterdir()) == []
