"""Whether a database file is encrypted, told from its first bytes and its key slots file.

Kept apart from ``keyslots`` (cryptography, argon2) and ``unlocking`` (the accounts, with
their language and phone-number rules): opening a plain database asks only this, and those
imports took 0.1 s of the start before the window answered (bench/startup.py).
"""

from __future__ import annotations

from pathlib import Path

SQLITE_MAGIC = b"SQLite format 3\x00"


def keys_path(db_path: Path | str) -> Path:
    """``<database file>.keys``, beside the database (and beside each of its backups)."""
    path = Path(db_path)
    return path.with_name(path.name + ".keys")


def is_encrypted(db_path: Path | str) -> bool:
    """An encrypted database: the file lacks SQLite's plain header and has its .keys beside it.

    An empty or missing file is not encrypted; a plain file with a stale .keys file (a
    conversion that was interrupted) is plain.
    """
    path = Path(db_path)
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_MAGIC))
    except OSError:
        return False
    return len(header) == len(SQLITE_MAGIC) and header != SQLITE_MAGIC and keys_path(path).is_file()


def is_encrypted_url(url: str) -> bool:
    from guardian_desk.db.engine import sqlite_path

    path = sqlite_path(url)
    return path is not None and is_encrypted(path)
