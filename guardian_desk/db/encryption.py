"""Encryption at rest for the SQLite file: convert a plain database, find the key at sign-in.

``encrypt_database`` converts in a way a crash (power cut, kill -9) cannot hurt: a backup
first; then, holding SQLite's exclusive lock on the plain file (so no other Guardian Desk can
read or write it meanwhile), ``sqlcipher_export`` into a new file beside it, a check that the
new file opens with the key and holds the same rows, fsync, the key slots file, and only then
one rename over the original. Until that rename the plain file is intact and a stale ``.keys``
beside it is ignored (is_encrypted looks at the file's header); after it, the encrypted file
and its slots are both in place.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from guardian_desk.db.backup import backup_database
from guardian_desk.db.cipher import cipher_connect, cipher_module, key_literal
from guardian_desk.db.engine import lock_timeout_seconds, sqlite_path
from guardian_desk.db.migrate import backups_of, ensure_openable, timestamped_name
from guardian_desk.domain.errors import GuardianDeskError
from guardian_desk.i18n import _
from guardian_desk.private_files import make_private
from guardian_desk.security.keyslots import (
    create_slots,
    is_encrypted,
    keys_path,
    new_database_key,
    unlock,
)

__all__ = [
    "Encrypted",
    "EncryptionError",
    "database_key",
    "encrypt_database",
    "is_encrypted",
    "keys_path",
]
_SIDE_FILES = ("-journal", "-wal", "-shm")


class EncryptionError(GuardianDeskError):
    """The database could not be encrypted; it was left as it was, plain and usable."""


@dataclass(frozen=True)
class Encrypted:
    """What ``db encrypt`` did. ``recovery_passphrase`` is shown once, then never again."""

    path: Path
    keys_file: Path
    recovery_passphrase: str
    safety_backup: Path
    plain_backups: list[Path] = field(default_factory=list)


def database_key(url: str, username: str, password: str) -> bytes | None:
    """The key that opens the database at ``url`` for this account; None when it is plain.

    Raises WrongCredentials (one message for a wrong password and an unknown user).
    PostgreSQL and plain SQLite need no key.
    """
    path = sqlite_path(url)
    if path is None or not is_encrypted(path):
        return None
    return unlock(keys_path(path), username, password)


def _fsync(path: Path, *, folder: bool = False) -> None:
    if folder and os.name == "nt":
        return
    fd = os.open(path, os.O_RDONLY | (getattr(os, "O_DIRECTORY", 0) if folder else 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _remove(path: Path) -> None:
    for leftover in (path, *(path.with_name(path.name + x) for x in _SIDE_FILES)):
        leftover.unlink(missing_ok=True)


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _row_counts(connection: Any, schema: str) -> dict[str, int]:
    tables = [
        str(row[0])
        for row in connection.execute(
            f"SELECT name FROM {schema}.sqlite_master WHERE type = 'table' "
            "AND name NOT LIKE 'sqlite_%'"
        )
    ]
    return {
        table: int(
            connection.execute(f"SELECT count(*) FROM {schema}.{_quoted(table)}").fetchone()[0]
        )
        for table in tables
    }


def _take_alone(connection: Any, path: Path) -> None:
    """Leave WAL mode and keep an exclusive lock: refused while another program has it open.

    Leaving WAL needs every other connection closed; in exclusive locking mode the lock taken
    by BEGIN EXCLUSIVE is kept after COMMIT, so no one reads or writes the plain file until
    this connection closes, after the encrypted file has replaced it.
    """
    module = cipher_module()
    try:
        mode = connection.execute("PRAGMA journal_mode=DELETE").fetchone()[0]
        if str(mode).lower() == "delete":
            connection.execute("PRAGMA main.locking_mode=EXCLUSIVE")
            connection.execute("BEGIN EXCLUSIVE")
            connection.execute("COMMIT")
    except module.OperationalError:
        mode = "wal"
    if str(mode).lower() != "delete":
        raise EncryptionError(
            _(
                "{file} is open in another Guardian Desk or program; close it on every PC and "
                "run db encrypt again. Nothing was changed."
            ).format(file=path)
        )


def _export(source: Any, partial: Path, key: bytes) -> dict[str, int]:
    """Copy everything into ``partial``, encrypted; the plain file stays locked and unchanged."""
    counts = _row_counts(source, "main")
    source.execute(f"ATTACH DATABASE ? AS encrypted KEY {key_literal(key)}", (str(partial),))
    try:
        source.execute("SELECT sqlcipher_export('encrypted')").fetchall()
    finally:
        source.execute("DETACH DATABASE encrypted")
    return counts


def _verify(partial: Path, key: bytes, expected: Mapping[str, int], where: Path) -> None:
    """The new file opens with the key, passes the integrity check and holds the same rows."""
    module = cipher_module()
    check = cipher_connect(partial, key)
    try:
        report = [str(row[0]) for row in check.execute("PRAGMA integrity_check")]
        found = _row_counts(check, "main")
    except module.DatabaseError as exc:
        raise EncryptionError(
            # TRANSLATORS: {file} is the database's path; {kind} the programmer's name of the error.
            _(
                "the encrypted copy of {file} could not be read back ({kind}); nothing was changed"
            ).format(file=where, kind=type(exc).__name__)
        ) from None
    finally:
        check.close()
    if report != ["ok"] or found != dict(expected):
        raise EncryptionError(
            _(
                "the encrypted copy of {file} does not match it (integrity check or row "
                "counts); nothing was changed"
            ).format(file=where)
        )


def encrypt_database(
    url: str,
    accounts: Mapping[str, str],
    *,
    backup_folder: Path,
    lock_timeout: float | None = None,
) -> Encrypted:
    """Encrypt the plain SQLite database at ``url``; ``accounts`` ({user: password}) get slots.

    Returns what was done, with the recovery passphrase to show once. On any failure the
    plain database is left as it was.
    """
    where = sqlite_path(url)
    if where is None:
        raise EncryptionError(
            _(
                "only a SQLite database file is encrypted by Guardian Desk; a PostgreSQL "
                "server protects its data itself (disk encryption and access rules)"
            )
        )
    path = Path(where).resolve()
    if is_encrypted(path):
        raise EncryptionError(_("{file} is already encrypted").format(file=path))
    if not accounts:
        raise EncryptionError(_("name at least one account that will open the database"))
    ensure_openable(url)  # ours, not newer, not on a network share
    if not path.is_file() or path.stat().st_size == 0:
        raise EncryptionError(
            _("{file} holds no database yet; start Guardian Desk once first").format(file=path)
        )
    backup_folder = Path(backup_folder)
    safety = backup_database(url, backup_folder / timestamped_name(path))

    key = new_database_key()
    partial = path.with_name(f".{path.name}.encrypting")
    _remove(partial)  # the leftover of a conversion that was killed
    source = cipher_connect(path, None, isolation_level=None)
    try:
        source.execute(f"PRAGMA busy_timeout = {int(lock_timeout_seconds(lock_timeout) * 1000)}")
        _take_alone(source, path)
        counts = _export(source, partial, key)
        _verify(partial, key, counts, path)
        make_private(partial)  # owner only, as the plain file should have been
        _fsync(partial)
        recovery = create_slots(keys_path(path), key, accounts)
        for side in _SIDE_FILES:  # none in rollback mode; a stray one must not meet the new file
            path.with_name(path.name + side).unlink(missing_ok=True)
        os.replace(partial, path)
        _fsync(path.parent, folder=True)
    except BaseException:
        _remove(partial)
        raise
    finally:
        source.close()  # releases the lock on the old, now unlinked, plain file
    plain = [
        found for _stamp, found in backups_of(backup_folder, path.stem) if not is_encrypted(found)
    ]
    return Encrypted(path, keys_path(path), recovery, safety, plain)


def random_password() -> str:
    """For tests and the benchmark: a password nobody has to type."""
    return secrets.token_urlsafe(18)
