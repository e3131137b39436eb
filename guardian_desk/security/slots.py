"""Keeping the accounts' key slots in step with their passwords on an encrypted database.

Each account opens an encrypted database with its own slot (security/keyslots.py): the
database key wrapped with a key derived from that account's password. When an account is
created, its password reset or changed, the slot is written with the key this connection
opened the database with; a suspended account's slot is removed, so the password alone no
longer opens a copy of the file. The slot file is written before the commit and put back as
it was if the unit of work rolls back, so a password and its slot never disagree.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import event
from sqlalchemy.orm import Session

from guardian_desk.db.engine import KEY_INFO, sqlite_path
from guardian_desk.domain.errors import RuleViolation
from guardian_desk.i18n import _
from guardian_desk.security import keyslots


def _encrypted_file(session: Session) -> tuple[Path, bytes] | None:
    path = sqlite_path(session.connection().engine.url.render_as_string(hide_password=True))
    if path is None or not keyslots.is_encrypted(path):
        return None
    key = session.connection().info.get(KEY_INFO)
    if not isinstance(key, bytes):
        raise RuleViolation(
            _("The database is encrypted but was opened without its key; sign in again.")
        )
    return keyslots.keys_path(path), key


def _restore_on_rollback(session: Session, slots_file: Path) -> None:
    before = slots_file.read_bytes() if slots_file.exists() else None

    def put_back(_session: Session) -> None:
        if before is not None:
            keyslots.write_atomically(slots_file, before.decode("utf-8"))

    event.listen(session, "after_rollback", put_back, once=True)


def set_slot(session: Session, username: str, password: str) -> None:
    """The account opens the encrypted database with ``password`` (nothing on a plain one)."""
    found = _encrypted_file(session)
    if found is None:
        return
    slots_file, key = found
    _restore_on_rollback(session, slots_file)
    keyslots.add_slot(slots_file, key, username, password)


def drop_slot(session: Session, username: str) -> None:
    found = _encrypted_file(session)
    if found is None:
        return
    slots_file, _key = found
    if username in keyslots.slot_names(slots_file):
        _restore_on_rollback(session, slots_file)
        keyslots.remove_slot(slots_file, username)


def has_slot(session: Session, username: str) -> bool:
    found = _encrypted_file(session)
    return found is None or username in keyslots.slot_names(found[0])
