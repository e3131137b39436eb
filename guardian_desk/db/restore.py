"""Restoring a backup that cannot hurt the office: check a scratch copy fully, then swap.

The incoming file is never trusted: a copy of it is checked for damage (SQLite's full
integrity check), for rows pointing at missing records, for being a Guardian Desk database of
a known schema version with exactly our tables and columns, and upgraded to this version's
schema and checked again. Only then is the current database backed up and replaced in one
step. If anything fails, the message names it and the current database is left as it was.
"""

from __future__ import annotations

import functools
import os
import shutil
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from alembic import command
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.pool import StaticPool

from guardian_desk.db.backup import backup_database, restore_sqlite
from guardian_desk.db.engine import make_engine, sqlite_path
from guardian_desk.db.migrate import (
    SQLITE_MAGIC,
    DatabaseState,
    alembic_config,
    ensure_openable,
    head_revision,
    is_known_revision,
    timestamped_name,
    upgrade_database,
)
from guardian_desk.domain.errors import DatabaseRefused
from guardian_desk.paths import migrations_dir

Schema = Mapping[str, frozenset[str]]  # table -> its columns
_SIDE_FILES = ("-wal", "-shm", "-journal")


class RestoreRefused(DatabaseRefused):
    """The backup failed a check; the current database has not been changed."""

    def __init__(self, source: Path, reason: str) -> None:
        self.source = source
        self.reason = reason
        super().__init__(
            f"{source} cannot be restored: {reason}. The current database has not been changed."
        )


@dataclass(frozen=True)
class Restored:
    """What a restore did: the revision the backup was at, and where the replaced data is."""

    revision: str
    head: str
    safety_backup: Path | None


@functools.lru_cache(maxsize=16)
def _schema_at(migrations: str, revision: str) -> dict[str, frozenset[str]]:
    engine = make_engine("sqlite://", foreign_keys=False, poolclass=StaticPool)
    try:
        with engine.begin() as connection:
            config = alembic_config("sqlite://")
            config.attributes["connection"] = connection
            command.upgrade(config, revision)
            return _schema_of(connection)
    finally:
        engine.dispose()


def schema_at(revision: str) -> Schema:
    """Our tables and their columns as of ``revision`` (rehearsed in an in-memory database)."""
    return _schema_at(str(migrations_dir()), revision)


def _schema_of(connection: object) -> dict[str, frozenset[str]]:
    inspector = sa_inspect(connection)
    return {
        table: frozenset(column["name"] for column in inspector.get_columns(table))
        for table in inspector.get_table_names()
        if not table.startswith("sqlite_")
    }


def schema_problem(found: Schema, expected: Schema) -> str | None:
    """The first way ``found`` differs from ``expected``, in words; None when they agree."""
    missing = sorted(set(expected) - set(found))
    if missing:
        names = ", ".join(missing[:5])
        return f"table {names} is missing" if len(missing) == 1 else f"tables {names} are missing"
    extra = sorted(set(found) - set(expected))
    if extra:
        return (
            f"it holds tables that are not Guardian Desk's ({', '.join(extra[:5])}); "
            "it may be another program's database"
        )
    for table in sorted(expected):
        lost = sorted(expected[table] - found[table])
        if lost:
            return f"column {table}.{lost[0]} is missing"
        added = sorted(found[table] - expected[table])
        if added:
            return f"table {table} has a column Guardian Desk does not know ({added[0]})"
    return None


def revision_problem(revision: str | None, tables: Schema) -> str | None:
    if revision is None:
        if "alembic_version" in tables:
            return "it is not a Guardian Desk database (it has no schema version)"
        shown = ", ".join(sorted(tables)[:5]) or "no tables"
        return f"it is not a Guardian Desk database (it holds {shown})"
    if not is_known_revision(revision):
        return (
            f"it was made by a newer version of Guardian Desk (schema {revision}; this app "
            f"knows up to {head_revision()}); install the newer version to restore it"
        )
    return None


# -- SQLite ----------------------------------------------------------------------------------


def _remove_with_side_files(path: Path) -> None:
    for leftover in (path, *(path.with_name(path.name + x) for x in _SIDE_FILES)):
        leftover.unlink(missing_ok=True)


def _sqlite_schema(connection: sqlite3.Connection) -> dict[str, frozenset[str]]:
    names = [
        str(row[0])
        for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        if not str(row[0]).startswith("sqlite_")
    ]
    return {
        name: frozenset(
            str(row[1])
            for row in connection.execute('PRAGMA table_info("{}")'.format(name.replace('"', '""')))
        )
        for name in names
    }


def _sqlite_revision(connection: sqlite3.Connection) -> str | None:
    try:
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except Exception as exc:  # sqlite3's or sqlcipher3's error: no such table
        if not isinstance(exc, sqlite3.DatabaseError) and "sqlcipher3" not in type(exc).__module__:
            raise
        return None
    return str(row[0]) if row else None


def _open_scratch(scratch: Path, key: bytes | None) -> tuple[sqlite3.Connection, type[Exception]]:
    """A connection to the scratch copy (SQLCipher with ``key``) and its driver's error class."""
    if key is None:
        return sqlite3.connect(scratch), sqlite3.DatabaseError
    from guardian_desk.db.cipher import cipher_connect, cipher_module

    return cipher_connect(scratch, key), cipher_module().DatabaseError


def _check_sqlite_copy(
    source: Path, scratch: Path, *, expect: str | None, key: bytes | None = None
) -> str:
    """Run every check on the scratch copy; return its revision or raise RestoreRefused."""
    connection, db_error = _open_scratch(scratch, key)
    try:
        try:
            report = [str(row[0]) for row in connection.execute("PRAGMA integrity_check")]
        except db_error as exc:
            raise RestoreRefused(source, f"the backup is damaged: SQLite reports {exc}") from None
        if report != ["ok"]:
            more = f" (and {len(report) - 1:,} more problems)" if len(report) > 1 else ""
            raise RestoreRefused(
                source, f"the backup is damaged: integrity check reports '{report[0]}'{more}"
            )
        found = _sqlite_schema(connection)
        revision = _sqlite_revision(connection)
        problem = revision_problem(revision, found)
        if problem is None and expect is not None and revision != expect:
            problem = f"after the upgrade its schema version is {revision}, not {expect}"
        assert revision is not None or problem is not None
        problem = problem or schema_problem(found, schema_at(str(revision)))
        if problem:
            raise RestoreRefused(source, problem)
        broken = connection.execute("PRAGMA foreign_key_check").fetchall()
        if broken:
            raise RestoreRefused(
                source,
                f"{len(broken):,} rows point at missing records (first in table {broken[0][0]})",
            )
        return str(revision)
    finally:
        connection.close()


def _encrypted_source(source: Path, key: bytes | None) -> bytes:
    """The key of an encrypted backup: the database's own (backups keep the database key)."""
    from guardian_desk.db.cipher import opens_with
    from guardian_desk.security.keyslots import keys_path

    if not keys_path(source).is_file():
        raise RestoreRefused(source, "it is not a SQLite database file")
    if key is None:
        raise RestoreRefused(
            source,
            "it is encrypted and this database is not; encrypt this database first "
            "(guardian-desk db encrypt), then restore",
        )
    if not opens_with(source, key):
        raise RestoreRefused(source, "it is encrypted with another database's key")
    return key


def _copy_in(source: Path, scratch: Path, key: bytes | None = None) -> bytes | None:
    """Copy the bytes (and a -wal beside the backup, which holds its last commits).

    Returns the key the copy is encrypted with (None: a plain copy).
    """
    with source.open("rb") as handle:
        header = handle.read(len(SQLITE_MAGIC))
    scratch_key = None if header == SQLITE_MAGIC else _encrypted_source(source, key)
    wal = source.with_name(source.name + "-wal")
    try:
        shutil.copyfile(source, scratch)
        if wal.is_file():
            shutil.copyfile(wal, scratch.with_name(scratch.name + "-wal"))
    except OSError as exc:
        raise RestoreRefused(
            source,
            f"it could not be copied beside the database to be checked ({exc.strerror}); "
            "free some space in that folder",
        ) from None
    return scratch_key


def _encrypt_scratch(scratch: Path, key: bytes) -> Path:
    """A plain backup restored into an encrypted database is encrypted first (same key)."""
    from guardian_desk.db.cipher import cipher_connect, key_literal

    encrypted = scratch.with_name(scratch.name + "-encrypted")
    _remove_with_side_files(encrypted)
    connection = cipher_connect(scratch, None, isolation_level=None)
    try:
        connection.execute(
            f"ATTACH DATABASE ? AS encrypted KEY {key_literal(key)}", (str(encrypted),)
        )
        connection.execute("SELECT sqlcipher_export('encrypted')").fetchall()
        connection.execute("DETACH DATABASE encrypted")
    finally:
        connection.close()
    return encrypted


def restore_sqlite_checked(
    url: str, source: Path, backup_folder: Path, key: bytes | None = None
) -> Restored:
    path = sqlite_path(url)
    assert path is not None
    target = Path(path)
    status = ensure_openable(url, key=key)  # a network share, a foreign or a newer target
    target.parent.mkdir(parents=True, exist_ok=True)
    scratch = target.with_name(f".{target.name}.restore-check-{os.getpid()}")
    _remove_with_side_files(scratch)
    encrypted = scratch.with_name(scratch.name + "-encrypted")
    try:
        scratch_key = _copy_in(source, scratch, key)
        revision = _check_sqlite_copy(source, scratch, expect=None, key=scratch_key)
        head = head_revision()
        if revision != head:
            try:
                upgrade_database(f"sqlite:///{scratch}", key=scratch_key)
            except DatabaseRefused as exc:
                raise RestoreRefused(source, f"it cannot be upgraded: {exc}") from None
            except SQLAlchemyError as exc:
                reason = f"it cannot be upgraded to schema {head} ({type(exc).__name__})"
                raise RestoreRefused(source, reason) from None
            _check_sqlite_copy(source, scratch, expect=head, key=scratch_key)
        ready = scratch
        if key is not None and scratch_key is None:
            ready = _encrypt_scratch(scratch, key)
        safety = None
        if status.state is not DatabaseState.EMPTY:
            safety = backup_database(url, backup_folder / timestamped_name(target), key=key)
        restore_sqlite(ready, url, key=key)
        return Restored(revision, head, safety)
    finally:
        _remove_with_side_files(scratch)
        _remove_with_side_files(encrypted)


def restore_database(
    url: str, source: Path, *, backup_folder: Path, key: bytes | None = None
) -> Restored:
    """Check ``source`` in a scratch copy and, when it passes, make it the database at ``url``.

    ``key``: the encrypted database's key (from sign-in); an encrypted backup of it opens
    with the same key, and a plain backup restored into it is encrypted on the way in.

    The data it replaces is backed up to ``backup_folder`` first. Raises RestoreRefused (the
    database untouched) when the backup is damaged, not ours, newer, or incomplete.
    """
    source = Path(source)
    if not source.is_file():
        raise RestoreRefused(source, "there is no such file")
    if sqlite_path(url) is not None:
        return restore_sqlite_checked(url, source, backup_folder, key)
    from guardian_desk.db.restore_pg import restore_postgres_checked

    return restore_postgres_checked(url, source, backup_folder)
