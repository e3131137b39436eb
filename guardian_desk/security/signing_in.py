"""Signing in and out, with a lock-out delay after repeated wrong passwords.

``sign_in`` never raises for a wrong password: it returns a refusal, so the caller's unit of
work commits the failed-attempt counter and the audit row (a raised error would roll both
back and make guessing free). Open the unit with ``writes=True``.

An unknown user name costs the same password check (against a dummy hash) and gets the same
message as a wrong password, so the sign-in screen does not tell which names exist. Its audit
row does not repeat the typed name: people type their password into the name field.
Known limit: once a name is paused after repeated failures, the pause message shows that the
name exists (as in most systems); the pause is what protects the password.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from guardian_desk.db.base import utcnow
from guardian_desk.db.models import Account
from guardian_desk.i18n import N_, _, ngettext
from guardian_desk.security import passwords
from guardian_desk.security.accounts import ENTITY, acting_as, normalise_username
from guardian_desk.security.keyslots import WRONG_CREDENTIALS
from guardian_desk.security.roles import SignedIn
from guardian_desk.services import audit

LOCK_AFTER = 5  # wrong passwords in a row before the first pause
FIRST_PAUSE = timedelta(seconds=30)
LONGEST_PAUSE = timedelta(minutes=15)
WRONG = WRONG_CREDENTIALS  # the same words as an encrypted database's key slot
SUSPENDED = N_("This account is suspended. Ask your office's administrator.")


@dataclass(frozen=True)
class SignInResult:
    """Either ``account`` (signed in) or ``refusal`` (one sentence to show)."""

    account: SignedIn | None = None
    refusal: str = ""
    # The administrator reset the password: the owner must choose a new one before working.
    must_change_password: bool = False
    wait_seconds: int = 0  # a paused name: how long until the next try is checked

    @property
    def ok(self) -> bool:
        return self.account is not None


def pause_after(failures: int) -> timedelta | None:
    """30 s after the 5th wrong password in a row, then doubling, up to 15 min."""
    if failures < LOCK_AFTER:
        return None
    seconds = FIRST_PAUSE.total_seconds() * 2 ** min(failures - LOCK_AFTER, 16)
    return min(timedelta(seconds=seconds), LONGEST_PAUSE)


def describe_wait(seconds: int) -> str:
    if seconds < 90:
        return ngettext("{count} second", "{count} seconds", seconds).format(count=seconds)
    minutes = math.ceil(seconds / 60)
    return ngettext("{count} minute", "{count} minutes", minutes).format(count=minutes)


def paused_message(seconds: int) -> str:
    """The refusal while a user name is paused after repeated wrong passwords."""
    if seconds < 90:
        return ngettext(
            "Too many wrong passwords in a row for this user name: wait {count} second "
            "and try again (or ask your administrator to reset the password).",
            "Too many wrong passwords in a row for this user name: wait {count} seconds "
            "and try again (or ask your administrator to reset the password).",
            seconds,
        ).format(count=seconds)
    minutes = math.ceil(seconds / 60)
    return ngettext(
        "Too many wrong passwords in a row for this user name: wait {count} minute "
        "and try again (or ask your administrator to reset the password).",
        "Too many wrong passwords in a row for this user name: wait {count} minutes "
        "and try again (or ask your administrator to reset the password).",
        minutes,
    ).format(count=minutes)


def _failed(session: Session, username: str, account_id: object, reason: str, via: str) -> None:
    with acting_as(session, username):
        audit.record(
            session, ENTITY, account_id, "sign_in_failed", after={"reason": reason, "via": via}
        )


def sign_in(
    session: Session,
    username: str,
    password: str,
    *,
    via: str = "app",
    record: bool = True,
    now: datetime | None = None,
) -> SignInResult:
    """Check the password; count a failure, or reset the count and return the account.

    Failures are always counted and audited. ``record=False`` (the command line, which signs
    in for every command) writes nothing for a success unless a failure count must be
    cleared or the hash renewed: the command's own audit rows name the account, and a
    refused command leaves the database as it was.
    """
    now = now or utcnow()
    name = normalise_username(username)
    row = session.scalar(
        select(Account).where(Account.username == name).execution_options(populate_existing=True)
    )
    if row is None:
        passwords.verify_dummy(password)
        _failed(session, "unknown", "-", "unknown user name", via)
        return SignInResult(refusal=_(WRONG))
    if row.locked_until is not None and row.locked_until > now:
        wait = math.ceil((row.locked_until - now).total_seconds())
        _failed(session, row.username, row.id, "paused after repeated failures", via)
        return SignInResult(refusal=paused_message(wait), wait_seconds=wait)
    if not passwords.verify(row.password_hash, password):
        return _count_failure(session, row, via, now)
    if not row.active:
        _failed(session, row.username, row.id, "account suspended", via)
        return SignInResult(refusal=_(SUSPENDED))
    values: dict[str, object] = {}
    if row.failed_attempts or row.locked_until is not None:
        values.update(failed_attempts=0, locked_until=None)
    if record:
        values["last_sign_in_at"] = now
    stored_hash = row.password_hash
    if passwords.needs_rehash(stored_hash):
        values["password_hash"] = passwords.hash_password(password)
    if values:
        session.execute(
            # Only if the hash is still the one checked: an administrator's reset meanwhile wins.
            update(Account)
            .where(Account.id == row.id, Account.password_hash == stored_hash)
            .values(**values)
            .execution_options(synchronize_session=False)
        )
    account = SignedIn(row.username, row.full_name, row.role, row.title, row.id)
    if record:
        with acting_as(session, row.username):
            audit.record(session, ENTITY, row.id, "sign_in", after={"via": via})
    return SignInResult(account=account, must_change_password=row.must_change_password)


def _count_failure(session: Session, row: Account, via: str, now: datetime) -> SignInResult:
    """One more wrong password, counted in the database (two tries at once both count)."""
    failures = session.execute(
        update(Account)
        .where(Account.id == row.id)
        .values(failed_attempts=Account.failed_attempts + 1)
        .returning(Account.failed_attempts)
        .execution_options(synchronize_session=False)
    ).scalar_one()
    _failed(session, row.username, row.id, "wrong password", via)
    pause = pause_after(failures)
    if pause is None:
        return SignInResult(refusal=_(WRONG))
    session.execute(
        update(Account)
        .where(Account.id == row.id)
        .values(locked_until=now + pause)
        .execution_options(synchronize_session=False)
    )
    seconds = int(pause.total_seconds())
    refusal = f"{_(WRONG)} {paused_message(seconds)}"  # two sentences, each translated
    return SignInResult(refusal=refusal, wait_seconds=seconds)


def unlock(session: Session, account: SignedIn, password: str) -> SignInResult:
    """The lock screen: the same account's password again (counted like a sign-in)."""
    return sign_in(session, account.username, password, via="unlock")


def sign_out(session: Session, account: SignedIn, *, via: str = "app") -> None:
    """Audit the end of a session (the app's Sign out, or closing the window)."""
    with acting_as(session, account.username):
        audit.record(session, ENTITY, account.account_id or "-", "sign_out", after={"via": via})
