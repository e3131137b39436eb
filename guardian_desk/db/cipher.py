"""The SQLCipher driver: connections to an encrypted SQLite file opened with a raw key.

The database key is 32 random bytes (see guardian_desk.security.keyslots); SQLCipher gets it
as a raw key (``x'<64 hex>'``), so opening runs no key derivation: the slow, password-based
step happens once at sign-in, when a key slot is unwrapped. This module imports nothing of the
app, so engine.py can use it.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from types import ModuleType
from typing import Any

KEY_BYTES = 32


def cipher_module() -> ModuleType:
    """sqlcipher3's DB-API module (imported late: plain offices never load it)."""
    return importlib.import_module("sqlcipher3.dbapi2")


def key_literal(key: bytes) -> str:
    """``"x'<64 hex>'"``: SQLCipher's raw-key form, quoted for PRAGMA key / ATTACH ... KEY."""
    if len(key) != KEY_BYTES:
        raise ValueError(f"a database key is {KEY_BYTES} bytes, not {len(key)}")
    return f"\"x'{key.hex()}'\""


def apply_key(dbapi_connection: Any, key: bytes) -> None:
    """The first statement on a new connection: nothing can be read before it."""
    cursor = dbapi_connection.cursor()
    try:
        # A wrong key is reported by the error raised; SQLCipher's own log would print
        # "hmac check failed" lines on stderr.
        cursor.execute("PRAGMA cipher_log_level = NONE")
        cursor.execute(f"PRAGMA key = {key_literal(key)}")
    finally:
        cursor.close()


def cipher_connect(path: Path | str, key: bytes | None, *, uri: bool = False, **kw: Any) -> Any:
    """A DB-API connection to ``path`` keyed with ``key`` (plain SQLite when ``key`` is None)."""
    connection = cipher_module().connect(str(path), uri=uri, **kw)
    if key is not None:
        try:
            apply_key(connection, key)
        except BaseException:
            connection.close()
            raise
    return connection


def opens_with(path: Path | str, key: bytes | None) -> bool:
    """Does ``key`` (None: no key) read the database at ``path``? Read-only, creates nothing."""
    module = cipher_module()
    try:
        connection = cipher_connect(Path(path).resolve().as_uri() + "?mode=ro", key, uri=True)
    except module.Error:
        return False
    try:
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return True
    except module.DatabaseError:
        return False
    finally:
        connection.close()
