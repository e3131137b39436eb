"""Refuse, before the first write, a SQLite database that cannot be written where it lies.

SQLite writes the file and, beside it, the -wal and -shm files of WAL mode; a read-only file,
folder or drive otherwise surfaces half way through the officer's first change as
"attempt to write a readonly database" or "unable to open database file".
"""

from __future__ import annotations

import os
from pathlib import Path

from guardian_desk.domain.errors import DatabaseRefused
from guardian_desk.i18n import _


def _on_read_only_drive(path: Path) -> bool:
    try:
        return bool(os.statvfs(path).f_flag & os.ST_RDONLY)
    except (OSError, AttributeError):  # Windows has no statvfs: the access checks decide
        return False


def refuse_unwritable(path: Path) -> None:
    """DatabaseRefused naming what is read-only: the drive, the file, or its folder."""
    folder = path.parent
    existing = folder if folder.exists() else None
    if existing is not None and _on_read_only_drive(existing):
        raise DatabaseRefused(
            _(
                "The database {file} is on a read-only drive; Guardian Desk cannot save changes "
                "there. Ask IT to make it writable, or copy the database to a folder you may "
                "write to. Nothing was changed."
            ).format(file=path)
        )
    if path.exists() and not os.access(path, os.W_OK):
        raise DatabaseRefused(
            _(
                "The database file {file} is read-only. Ask IT to make it writable, or copy the "
                "database to a folder you may write to. Nothing was changed."
            ).format(file=path)
        )
    if existing is not None and not os.access(folder, os.W_OK | os.X_OK):
        raise DatabaseRefused(
            _(
                "The folder {folder} may not be written to, and SQLite keeps its journal beside "
                "the database. Ask IT to make it writable, or copy the database to a folder you "
                "may write to. Nothing was changed."
            ).format(folder=folder)
        )
