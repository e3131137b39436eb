"""Refuse, before the first write, a SQLite database that cannot be written where it lies.

SQLite writes the file and, beside it, the -wal and -shm files of WAL mode; a read-only file,
folder or drive otherwise surfaces half way through the officer's first change as
"attempt to write a readonly database" or "unable to open database file".
"""

from __future__ import annotations

import os
from pathlib import Path

from guardian_desk.domain.errors import DatabaseRefused

_ADVICE = "Ask IT to make it writable, or copy the database to a folder you may write to."


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
            f"The database {path} is on a read-only drive; Guardian Desk cannot save changes "
            f"there. {_ADVICE} Nothing was changed."
        )
    if path.exists() and not os.access(path, os.W_OK):
        raise DatabaseRefused(
            f"The database file {path} is read-only. {_ADVICE} Nothing was changed."
        )
    if existing is not None and not os.access(folder, os.W_OK | os.X_OK):
        raise DatabaseRefused(
            f"The folder {folder} may not be written to, and SQLite keeps its journal beside "
            f"the database. {_ADVICE} Nothing was changed."
        )
