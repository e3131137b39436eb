"""Every password forgotten: the recovery passphrase opens an encrypted database once more.

The passphrase printed when the database was encrypted (the office safe's sheet) unwraps the
database key; the account named gets a new password and a new key slot, and signs in as usual
from then on. On a plain or server database there is nothing to recover: an administrator
resets the password (account reset-password), and the server's own administrator helps on
PostgreSQL.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from guardian_desk.db.engine import make_engine, make_session_factory, session_scope, sqlite_path
from guardian_desk.db.migrate import prepare_database
from guardian_desk.db.models import Account
from guardian_desk.domain.errors import NotFoundError, RuleViolation
from guardian_desk.i18n import _
from guardian_desk.security import keyslots, passwords, slots
from guardian_desk.security.accounts import ENTITY, acting_as, normalise_username
from guardian_desk.services import audit


def recover_account(
    url: str, passphrase: str, username: str, new_password: str, *, backup_folder: Path
) -> str:
    """Give ``username`` ``new_password`` with the recovery passphrase; returns the user name."""
    path = sqlite_path(url)
    if path is None or not keyslots.is_encrypted(path):
        raise RuleViolation(
            _(
                "This database is not encrypted, so it has no recovery passphrase: an "
                "administrator resets the password (guardian-desk account reset-password USER)."
            )
        )
    try:
        key = keyslots.unlock_with_recovery(keyslots.keys_path(path), passphrase)
    except keyslots.WrongCredentials:
        raise RuleViolation(
            _(
                "That recovery passphrase does not open this database (check it against the "
                "sheet from the office safe). Nothing was changed."
            )
        ) from None
    prepare_database(url, backup_folder=backup_folder, key=key)
    name = normalise_username(username)
    engine = make_engine(url, key=key, actor="recovery")
    try:
        with session_scope(make_session_factory(engine), writes=True) as session:
            row = session.scalar(select(Account).where(Account.username == name))
            if row is None:
                raise NotFoundError("account", name)
            passwords.check_rule(new_password, row.username)
            row.password_hash = passwords.hash_password(new_password)
            row.must_change_password = False
            row.failed_attempts, row.locked_until = 0, None
            session.flush()
            slots.set_slot(session, row.username, new_password)
            with acting_as(session, "recovery"):
                audit.record(session, ENTITY, row.id, "recover_password", after={"via": "recovery"})
            return row.username
    finally:
        engine.dispose()
