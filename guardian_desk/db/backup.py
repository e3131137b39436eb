"""Consistent copies of a database: SQLite's online backup API, pg_dump for PostgreSQL."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from pathlib import Path

from sqlalchemy.engine import make_url

from guardian_desk.db.engine import sqlite_path
from guardian_desk.domain.errors import GuardianDeskError


class BackupError(GuardianDeskError):
    pass


def _libpq_uri(url: str) -> str:
    parsed = make_url(url).set(drivername="postgresql")
    return parsed.render_as_string(hide_password=False)


def _pg_tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise BackupError(
            f"{name} is not installed; install the PostgreSQL client tools "
            "(apt-get install postgresql-client) to back up a server database"
        )
    return found


def backup_database(url: str, destination: Path) -> Path:
    """Write a consistent copy of the database to ``destination`` (never overwrites one)."""
    destination = Path(destination)
    if destination.exists():
        raise BackupError(f"{destination} already exists; choose a new file name")
    destination.parent.mkdir(parents=True, exist_ok=True)
    path = sqlite_path(url)
    if path is not None:
        source = sqlite3.connect(f"{Path(path).as_uri()}?mode=ro", uri=True)
        target = sqlite3.connect(destination)
        try:
            source.backup(target)
        finally:
            target.close()
            source.close()
        return destination
    result = subprocess.run(
        [
            _pg_tool("pg_dump"),
            "--format=custom",
            "--no-owner",
            f"--file={destination}",
            _libpq_uri(url),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        destination.unlink(missing_ok=True)
        raise BackupError(f"pg_dump failed: {result.stderr.strip()}")
    return destination


def restore_sqlite(source: Path, url: str) -> None:
    """Replace the SQLite database at ``url`` with ``source`` in one step (backup API)."""
    path = sqlite_path(url)
    assert path is not None
    reader = sqlite3.connect(f"{Path(source).resolve().as_uri()}?mode=ro", uri=True)
    writer = sqlite3.connect(path)
    try:
        reader.backup(writer)
    finally:
        writer.close()
        reader.close()


def restore_postgres(source: Path, url: str) -> None:
    result = subprocess.run(
        [
            _pg_tool("pg_restore"),
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            f"--dbname={_libpq_uri(url)}",
            str(source),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise BackupError(f"pg_restore failed: {result.stderr.strip()}")
