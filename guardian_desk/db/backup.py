"""Consistent copies of a database: SQLite's online backup API, pg_dump for PostgreSQL."""

from __future__ import annotations

import errno
import logging
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from sqlalchemy.engine import make_url

from guardian_desk.db.engine import sqlite_path
from guardian_desk.domain.errors import GuardianDeskError
from guardian_desk.i18n import _
from guardian_desk.private_files import make_private

log = logging.getLogger(__name__)


class BackupError(GuardianDeskError):
    """A backup could not be written; no file was left behind."""


def libpq_uri(url: str) -> str:
    parsed = make_url(url).set(drivername="postgresql")
    return parsed.render_as_string(hide_password=False)


def _first_line(stderr: str) -> str:
    """The error itself; DETAIL and CONTEXT lines may quote row values (personal data)."""
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    return lines[0] if lines else _("no reason given")


def pg_tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise BackupError(
            # TRANSLATORS: {program} is a program's name (pg_dump, pg_restore).
            _(
                "{program} is not installed; install the PostgreSQL client tools "
                "(apt-get install postgresql-client) to back up a server database"
            ).format(program=name)
        )
    return found


SQLITE_FULL = 13
_SIDE_FILES = ("-journal", "-wal", "-shm")


def _remove_partial(partial: Path) -> None:
    """The unfinished file and any journal SQLite left beside it."""
    for leftover in (partial, *(partial.with_name(partial.name + x) for x in _SIDE_FILES)):
        try:
            leftover.unlink(missing_ok=True)
        except OSError:
            log.warning("could not remove the unfinished backup %s", leftover)


def _fsync(path: Path, *, folder: bool = False) -> None:
    """Flush to disk, so a power cut after the rename cannot leave an empty backup."""
    if folder and os.name == "nt":
        return  # Windows cannot open a folder for fsync; NTFS journals the rename
    flags = os.O_RDONLY | (getattr(os, "O_DIRECTORY", 0) if folder else 0)
    fd = os.open(path, flags)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _copy_sqlite(source: Path, partial: Path) -> None:
    reader = sqlite3.connect(f"{source.as_uri()}?mode=ro", uri=True)
    try:
        writer = sqlite3.connect(partial)
        try:
            reader.backup(writer)
        finally:
            writer.close()
    finally:
        reader.close()


def _copy_encrypted(source: Path, partial: Path, key: bytes) -> None:
    """SQLCipher to SQLCipher with the same key: the copy is as encrypted as the database."""
    from guardian_desk.db.cipher import cipher_connect

    reader = cipher_connect(f"{source.as_uri()}?mode=ro", key, uri=True)
    try:
        writer = cipher_connect(partial, key)
        try:
            reader.backup(writer)
        finally:
            writer.close()
    finally:
        reader.close()


def _copy_keys(source: Path, destination: Path) -> Path | None:
    """The key slots file beside the copy (``<copy>.keys``): the copy opens with any account."""
    from guardian_desk.security.keyslots import keys_path, write_atomically

    slots = keys_path(source)
    if not slots.is_file():
        return None
    target = keys_path(destination)
    write_atomically(target, slots.read_text(encoding="utf-8"))
    return target


def _dump_postgres(url: str, partial: Path) -> None:
    result = subprocess.run(
        [
            pg_tool("pg_dump"),
            "--format=custom",
            "--no-owner",
            f"--file={partial}",
            libpq_uri(url),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        # TRANSLATORS: {reason} is pg_dump's own first line of error text.
        raise BackupError(_("pg_dump failed: {reason}").format(reason=_first_line(result.stderr)))


def _why(exc: BaseException) -> str:
    if getattr(exc, "errno", None) == errno.ENOSPC or (
        getattr(exc, "sqlite_errorcode", None) == SQLITE_FULL
    ):
        return _("the disk is full; free some space or choose another folder")
    if isinstance(exc, PermissionError) or getattr(exc, "errno", None) in (errno.EROFS,):
        return _("the folder cannot be written to; choose another folder")
    if isinstance(exc, OSError):
        # TRANSLATORS: {reason} is the operating system's own words for the problem.
        return _("{reason}; choose another folder").format(
            reason=exc.strerror or type(exc).__name__
        )
    # TRANSLATORS: {reason} is SQLite's own (English) error text.
    return _("SQLite reports: {reason}; choose another folder").format(reason=exc)


def _is_cipher_error(exc: BaseException) -> bool:
    """sqlcipher3's errors are its own classes, not sqlite3's."""
    return type(exc).__module__.startswith("sqlcipher3")


def backup_database(url: str, destination: Path, *, key: bytes | None = None) -> Path:
    """Write a consistent copy of the database to ``destination`` (never overwrites one).

    With ``key`` (an encrypted SQLite database) the copy is encrypted with the same key and
    the key slots file is copied beside it as ``<destination>.keys``.

    The copy is written to ``<destination>.partial`` and renamed when complete, so a failed
    backup (full disk, server gone) leaves no file behind to block the retry or to be mistaken
    for a good backup.
    """
    destination = Path(destination)
    if destination.exists():
        raise BackupError(
            _("{file} already exists; choose a new file name").format(file=destination)
        )
    partial = destination.with_name(destination.name + ".partial")
    try:
        destination.parent.mkdir(parents=True, exist_ok=True)
        _remove_partial(partial)  # a leftover of an attempt that was killed
        path = sqlite_path(url)
        if path is not None and key is not None:
            _copy_encrypted(Path(path), partial, key)
        elif path is not None:
            _copy_sqlite(Path(path), partial)
        else:
            _dump_postgres(url, partial)
        make_private(partial)  # owner only (issue 11), whoever created it (SQLite, pg_dump)
        _fsync(partial)
        if key is not None and path is not None:  # never an encrypted copy without its slots
            _copy_keys(Path(path), destination)
        os.replace(partial, destination)
        _fsync(destination.parent, folder=True)
    except BaseException as exc:
        _remove_partial(partial)
        if key is not None and not destination.exists():
            destination.with_name(destination.name + ".keys").unlink(missing_ok=True)
        if isinstance(exc, OSError | sqlite3.Error) or _is_cipher_error(exc):
            # TRANSLATORS: {file} is the backup's path; {reason} says why and what to do.
            raise BackupError(
                _("could not write the backup {file}: {reason}").format(
                    file=destination, reason=_why(exc)
                )
            ) from None
        raise
    return destination


def restore_sqlite(source: Path, url: str, *, key: bytes | None = None) -> None:
    """Replace the SQLite database at ``url`` with ``source`` in one step (backup API).

    Unchecked: guardian_desk.db.restore.restore_database checks a copy first, then calls this.
    With ``key``, both are SQLCipher files encrypted with that key.
    """
    path = sqlite_path(url)
    assert path is not None
    if key is not None:
        from guardian_desk.db.cipher import cipher_connect

        uri = f"{Path(source).resolve().as_uri()}?mode=ro"
        reader, writer = cipher_connect(uri, key, uri=True), cipher_connect(path, key)
    else:
        reader = sqlite3.connect(f"{Path(source).resolve().as_uri()}?mode=ro", uri=True)
        writer = sqlite3.connect(path)
    try:
        reader.backup(writer)
    finally:
        writer.close()
        reader.close()


def restore_postgres(source: Path, url: str) -> None:
    """pg_restore ``source`` into ``url`` in one transaction, dropping what it replaces.

    Unchecked: guardian_desk.db.restore.restore_database checks the archive first.
    """
    result = subprocess.run(
        [
            pg_tool("pg_restore"),
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            f"--dbname={libpq_uri(url)}",
            str(source),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        # TRANSLATORS: {reason} is pg_restore's own first line of error text.
        raise BackupError(
            _("pg_restore failed, nothing was changed: {reason}").format(
                reason=_first_line(result.stderr)
            )
        )
