"""Unlocking an encrypted database: the account's key slot, with the same pauses as sign-in.

On an encrypted database a wrong password fails at the key slot, before the database (and
its failed-attempt counter) can be opened. The pauses are then kept in this process: after
the 5th wrong password in a row for a user name, 30 s, doubling up to 15 min (the same rule
as signing_in.pause_after). Someone who copies the file guesses offline, where only the
argon2id cost of each slot (about 0.1 s a guess) slows them down: choose long passwords.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from pathlib import Path

from guardian_desk.db.engine import sqlite_path
from guardian_desk.domain.errors import RuleViolation
from guardian_desk.security.encrypted_files import is_encrypted
from guardian_desk.security.encrypted_files import is_encrypted_url as is_encrypted_url
from guardian_desk.security.keyslots import WrongCredentials
from guardian_desk.security.signing_in import pause_after, paused_message


@dataclass
class _Failures:
    count: int = 0
    paused_until: float = 0.0


_failures: dict[tuple[str, str], _Failures] = {}
_guard = threading.Lock()


def open_key(url: str, username: str, password: str, *, clock: float | None = None) -> bytes | None:
    """The key that opens ``url`` for this account (None for a plain or server database)."""
    from guardian_desk.db.encryption import database_key
    from guardian_desk.security.accounts import normalise_username

    path = sqlite_path(url)
    if path is None or not is_encrypted(path):
        return None
    now = time.monotonic() if clock is None else clock
    who = (str(Path(path).resolve()), normalise_username(username))
    with _guard:
        state = _failures.setdefault(who, _Failures())
        if state.paused_until > now:
            wait = int(state.paused_until - now) + 1
            raise RuleViolation(paused_message(wait))
    try:
        key = database_key(url, username, password)
    except WrongCredentials:
        with _guard:
            state.count += 1
            pause = pause_after(state.count)
            if pause is not None:
                state.paused_until = now + pause.total_seconds()
        raise
    with _guard:
        _failures.pop(who, None)
    return key
