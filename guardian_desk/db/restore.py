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
from guardian_desk.i18n import _, ngettext
from guardian_desk.i18n.formats import number_text
from guardian_desk.paths import migrations_dir

Schema = Mapping[str, frozenset[str]]  # table -> its columns
_SIDE_FILES = ("-wal", "-shm", "-journal")


class RestoreRefused(DatabaseRefused):
    """The backup failed a check; the current database has not been changed."""

    def __init__(self, source: Path, reason: str) -> None:
        self.source = source
        self.reason = reason
        super().__init__(
            # TRANSLATORS: {file} is the backup's path; {reason} a phrase saying why.
            _(
                "{file} cannot be restored: {reason}. The current database has not been changed."
            ).format(file=source, reason=reason)
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
        # TRANSLATORS: {tables} names the missing tables of the database.
        return ngettext(
            "table {tables} is missing", "tables {tables} are missing", len(missing)
        ).format(tables=names)
    extra = sorted(set(found) - set(expected))
    if extra:
        # TRANSLATORS: {tables} lists table names.
        return _(
            "it holds tables that are not Guardian Desk's ({tables}); "
            "it may be another program's database"
        ).format(tables=", ".join(extra[:5]))
    for table in sorted(expected):
        lost = sorted(expected[table] - found[table])
        if lost:
            # TRANSLATORS: {table} is a table's name, {column} a column's.
            return _("column {table}.{column} is missing").format(table=table, column=lost[0])
        added = sorted(found[table] - expected[table])
        if added:
            # TRANSLATORS: {table} is a table's name, {column} a column's.
            return _("table {table} has a column Guardian Desk does not know ({column})").format(
                table=table, column=added[0]
            )
    return None


def revision_problem(revision: str | None, tables: Schema) -> str | None:
    if revision is None:
        if "alembic_version" in tables:
            return _("it is not a Guardian Desk database (it has no schema version)")
        if not tables:
            return _("it is not a Guardian Desk database (it holds no tables)")
        # TRANSLATORS: {tables} lists table names.
        return _("it is not a Guardian Desk database (it holds {tables})").format(
            tables=", ".join(sorted(tables)[:5])
        )
    if not is_known_revision(revision):
        # TRANSLATORS: {revision} and {schema} are schema revisions (codes).
        return _(
            "it was made by a newer version of Guardian Desk (schema {revision}; this app "
            "knows up to {schema}); install the newer version to restore it"
        ).format(revision=revision, schema=head_revision())
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
            # TRANSLATORS: {reason} is SQLite's own (English) error text.
            reason = _("the backup is damaged: SQLite reports {reason}").format(reason=exc)
            raise RestoreRefused(source, reason) from None
        if report != ["ok"]:
            if len(report) > 1:
                more = len(report) - 1
                # TRANSLATORS: {problem} is SQLite's own (English) first problem found.
                reason = ngettext(
                    "the backup is damaged: integrity check reports '{problem}' "
                    "(and {count} more problem)",
                    "the backup is damaged: integrity check reports '{problem}' "
                    "(and {count} more problems)",
                    more,
                ).format(problem=report[0], count=number_text(more))
            else:
                # TRANSLATORS: {problem} is SQLite's own (English) problem found.
                reason = _("the backup is damaged: integrity check reports '{problem}'").format(
                    problem=report[0]
                )
            raise RestoreRefused(source, reason)
        found = _sqlite_schema(connection)
        revision = _sqlite_revision(connection)
        problem = revision_problem(revision, found)
        if problem is None and expect is not None and revision != expect:
            # TRANSLATORS: {revision} and {schema} are schema revisions (codes).
            problem = _("after the upgrade its schema version is {revision}, not {schema}").format(
                revision=revision, schema=expect
            )
        assert revision is not None or problem is not None
        problem = problem or schema_problem(found, schema_at(str(revision)))
        if problem:
            raise RestoreRefused(source, problem)
        broken = connection.execute("PRAGMA foreign_key_check").fetchall()
        if broken:
            raise RestoreRefused(
                source,
                # TRANSLATORS: {table} is a table's name.
                ngettext(
                    "{count} row points at missing records (in table {table})",
                    "{count} rows point at missing records (first in table {table})",
                    len(broken),
                ).format(count=number_text(len(broken)), table=broken[0][0]),
            )
        return str(revision)
    finally:
        connection.close()


def _encrypted_source(source: Path, key: bytes | None) -> bytes:
    """The key of an encrypted backup: the database's own (backups keep the database key)."""
    from guardian_desk.db.cipher import opens_with
    from guardian_desk.security.keyslots import keys_path

    if not keys_path(source).is_file():
        raise RestoreRefused(source, _("it is not a SQLite database file"))
    if key is None:
        raise RestoreRefused(
            source,
            _(
                "it is encrypted and this database is not; encrypt this database first "
                "(guardian-desk db encrypt), then restore"
            ),
        )
    if not opens_with(source, key):
        raise RestoreRefused(source, _("it is encrypted with another database's key"))
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
            # TRANSLATORS: {reason} is the operating system's own words for the problem.
            _(
                "it could not be copied beside the database to be checked ({reason}); "
                "free some space in that folder"
            ).format(reason=exc.strerror),
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
                # TRANSLATORS: {reason} says why the upgrade was refused.
                raise RestoreRefused(
                    source, _("it cannot be upgraded: {reason}").format(reason=exc)
                ) from None
            except SQLAlchemyError as exc:
                # TRANSLATORS: {schema} is a schema revision; {kind} the programmer's name of
                # the error.
                reason = _("it cannot be upgraded to schema {schema} ({kind})").format(
                    schema=head, kind=type(exc).__name__
                )
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
        raise RestoreRefused(source, _("there is no such file"))
    if sqlite_path(url) is not None:
        return restore_sqlite_checked(url, source, backup_folder, key)
    from guardian_desk.db.restore_pg import restore_postgres_checked

    return restore_postgres_checked(url, source, backup_folder)
