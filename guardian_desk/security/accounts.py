"""Accounts: the first-start office set-up, and what an administrator does with accounts.

Every function returns plain data (``AccountData``, ``SignedIn``), never an ORM row, so the
desktop app can hand results between threads. Changes are audited in the same unit of work;
no audit row ever holds a password or its hash.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import langcodes
from sqlalchemy import exists, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from guardian_desk.db.base import utcnow
from guardian_desk.db.models import Account, OfficeSettings
from guardian_desk.db.models.settings import SETTINGS_ID
from guardian_desk.domain import validation as v
from guardian_desk.domain.errors import (
    NotFoundError,
    PermissionDenied,
    RuleViolation,
    ValidationError,
)
from guardian_desk.domain.parsing import Collector
from guardian_desk.i18n import _
from guardian_desk.security import passwords, slots
from guardian_desk.security.roles import Permission, Role, SignedIn, require, signed_in
from guardian_desk.services import audit
from guardian_desk.services.locking import flush_checked, load_for_update

USERNAME_RE = re.compile(r"[a-z0-9._-]{2,32}")
RESERVED_USERNAMES = frozenset({"system", "unknown"})  # names the audit trail uses itself
ENTITY = "account"


@dataclass(frozen=True)
class OfficeSetUp:
    """What the first start asks about the office."""

    name: str
    country: str
    time_zone: str
    language: str = "en"


@dataclass(frozen=True)
class NewAccount:
    username: str
    full_name: str
    title: str = ""
    role: Role = Role.OFFICER


@dataclass(frozen=True)
class AccountData:
    """An account as the screens and the command line show it (no password hash)."""

    id: int
    username: str
    full_name: str
    title: str
    role: Role
    active: bool
    must_change_password: bool
    locked_until: datetime | None
    last_sign_in_at: datetime | None
    version: int

    def signed_in(self) -> SignedIn:
        return SignedIn(self.username, self.full_name, self.role, self.title, self.id)


def account_data(row: Account) -> AccountData:
    return AccountData(
        id=row.id,
        username=row.username,
        full_name=row.full_name,
        title=row.title,
        role=row.role,
        active=row.active,
        must_change_password=row.must_change_password,
        locked_until=row.locked_until,
        last_sign_in_at=row.last_sign_in_at,
        version=row.version,
    )


def _public(row: Account) -> dict[str, object]:
    """What an audit row may say about an account."""
    return {
        "username": row.username,
        "full_name": row.full_name,
        "title": row.title,
        "role": row.role.value,
        "active": row.active,
    }


@contextmanager
def acting_as(session: Session, username: str) -> Iterator[None]:
    """Audit rows written inside name ``username`` (set-up and sign-in: nobody is signed in)."""
    before = session.info.get("actor")
    session.info["actor"] = username
    try:
        yield
    finally:
        session.info["actor"] = before


def normalise_username(value: str | None) -> str:
    """What is stored and looked up: NFC, trimmed, lower case (``Ana.Hoxha`` is ``ana.hoxha``)."""
    return unicodedata.normalize("NFC", value or "").strip().lower()


def check_username(value: str | None) -> str:
    cleaned = normalise_username(value)
    if not USERNAME_RE.fullmatch(cleaned):
        raise ValidationError(
            "username",
            value,
            _("must be 2 to 32 characters: letters a-z, digits 0-9, dot, underscore or hyphen"),
        )
    if cleaned in RESERVED_USERNAMES:
        raise ValidationError("username", value, _("is reserved by Guardian Desk; choose another"))
    return cleaned


def _clean_account(c: Collector, data: NewAccount) -> NewAccount:
    return NewAccount(
        username=c(lambda: check_username(data.username), ""),
        full_name=c(lambda: v.text("full_name", data.full_name), ""),
        title=c(lambda: v.text("title", data.title, required=False), ""),
        role=c(lambda: v.enum_value("role", data.role, Role), Role.OFFICER),
    )


def check_time_zone(value: str | None) -> str:
    cleaned = (value or "").strip()
    try:
        ZoneInfo(cleaned)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValidationError(
            "time_zone", value, _("is not a time zone name such as Europe/Tirane")
        ) from None
    return cleaned


def check_office_language(value: str | None) -> str:
    cleaned = (value or "").strip()
    if not cleaned or len(cleaned) > 12 or not langcodes.tag_is_valid(cleaned):
        raise ValidationError(
            "language", value, _("is not a language tag such as en, sq or sr-Latn")
        )
    return str(langcodes.standardize_tag(cleaned))


def _clean_office(c: Collector, office: OfficeSetUp) -> OfficeSetUp:
    return OfficeSetUp(
        name=c(lambda: v.text("office_name", office.name), ""),
        country=c(lambda: v.country("country", office.country) or "", ""),
        time_zone=c(lambda: check_time_zone(office.time_zone), ""),
        language=c(lambda: check_office_language(office.language), "en"),
    )


def office_needs_set_up(session: Session) -> bool:
    """True until the first administrator exists: the app shows the set-up, not the sign-in."""
    return not session.scalar(select(exists().where(Account.id.is_not(None))))


def set_up_defaults(session: Session) -> OfficeSetUp:
    """The set-up form prefilled from the settings (an office upgraded from before accounts)."""
    row = session.get(OfficeSettings, SETTINGS_ID)
    if row is None:
        return OfficeSetUp("", "", "", "en")
    return OfficeSetUp(row.organisation_name, row.country, row.time_zone, row.language)


def set_up_office(
    session: Session, office: OfficeSetUp, admin: NewAccount, password: str
) -> SignedIn:
    """The first start: the office's name, country, time zone, language and its administrator.

    Only once. The database guarantees it when two set-ups race: ``set_up_at`` is claimed with
    ``UPDATE ... WHERE set_up_at IS NULL`` (the second waits for the first's row lock, then
    matches nothing) and the user name is unique. Returns the administrator, signed in.
    """
    admin = NewAccount(admin.username, admin.full_name, admin.title, Role.ADMINISTRATOR)
    c = Collector()
    office = _clean_office(c, office)
    admin = _clean_account(c, admin)
    c(lambda: passwords.check_rule(password, admin.username), None)
    c.raise_if_any()
    already = RuleViolation(
        _("This office is already set up: sign in, or ask its administrator for an account.")
    )
    if not office_needs_set_up(session):
        raise already
    now = utcnow()
    claimed = session.execute(
        update(OfficeSettings)
        .where(OfficeSettings.id == SETTINGS_ID, OfficeSettings.set_up_at.is_(None))
        .values(
            organisation_name=office.name,
            country=office.country,
            time_zone=office.time_zone,
            language=office.language,
            set_up_at=now,
            version=OfficeSettings.version + 1,
        )
        .execution_options(synchronize_session=False)
    )
    if claimed.rowcount != 1:  # type: ignore[attr-defined]
        raise already
    row = Account(
        username=admin.username,
        full_name=admin.full_name,
        title=admin.title,
        role=Role.ADMINISTRATOR,
        password_hash=passwords.hash_password(password),
        last_sign_in_at=now,
    )
    session.add(row)
    try:
        session.flush()
    except IntegrityError:
        raise already from None
    with acting_as(session, row.username):
        audit.record(
            session,
            "office_settings",
            SETTINGS_ID,
            "set_up",
            after={
                "organisation_name": office.name,
                "country": office.country,
                "time_zone": office.time_zone,
                "language": office.language,
            },
        )
        audit.record(session, ENTITY, row.id, "create", after=_public(row))
    return account_data(row).signed_in()


def _load(session: Session, account_id: int) -> Account:
    row = session.get(Account, account_id, populate_existing=True)
    if row is None:
        raise NotFoundError(ENTITY, account_id)
    return row


def list_accounts(session: Session) -> list[AccountData]:
    require(session, Permission.MANAGE_ACCOUNTS)
    return [account_data(r) for r in session.scalars(select(Account).order_by(Account.username))]


def get_account(session: Session, account_id: int) -> AccountData:
    """An administrator reads any account; everyone reads their own."""
    if signed_in(session).account_id != account_id:
        require(session, Permission.MANAGE_ACCOUNTS)
    return account_data(_load(session, account_id))


def find_account(session: Session, username: str) -> AccountData:
    require(session, Permission.MANAGE_ACCOUNTS)
    row = session.scalar(select(Account).where(Account.username == normalise_username(username)))
    if row is None:
        raise NotFoundError(ENTITY, username)
    return account_data(row)


def create_account(
    session: Session, data: NewAccount, password: str, *, must_change_password: bool = True
) -> AccountData:
    """A new account; by default its owner must choose their own password at the first sign-in."""
    require(session, Permission.MANAGE_ACCOUNTS)
    c = Collector()
    data = _clean_account(c, data)
    c(lambda: passwords.check_rule(password, data.username), None)
    c.raise_if_any()
    taken = ValidationError("username", data.username, _("is already taken; choose another"))
    if session.scalar(select(exists().where(Account.username == data.username))):
        raise taken
    row = Account(
        username=data.username,
        full_name=data.full_name,
        title=data.title,
        role=data.role,
        password_hash=passwords.hash_password(password),
        must_change_password=must_change_password,
    )
    try:
        with session.begin_nested():
            session.add(row)
            session.flush()
    except IntegrityError:  # another administrator took the name a moment ago
        raise taken from None
    slots.set_slot(session, row.username, password)  # an encrypted database: its own key slot
    audit.record(session, ENTITY, row.id, "create", after=_public(row))
    return account_data(row)


def _keep_an_administrator(session: Session, row: Account) -> None:
    """Refuse to leave the office without an active administrator.

    The active administrators' rows are locked first (PostgreSQL), so two administrators
    demoting each other at once cannot both pass the count.
    """
    query = select(Account.id).where(Account.role == Role.ADMINISTRATOR, Account.active.is_(True))
    if session.get_bind().dialect.name == "postgresql":
        query = query.order_by(Account.id).with_for_update()
    others = [found for found in session.scalars(query) if found != row.id]
    if not others:
        raise RuleViolation(
            # TRANSLATORS: {user} is a user name.
            _(
                "{user} is the last active administrator: make another account an "
                "administrator first, so that someone can still manage accounts. Nothing was "
                "changed."
            ).format(user=row.username)
        )


def update_account(
    session: Session,
    account_id: int,
    expected_version: int,
    *,
    full_name: str | None = None,
    title: str | None = None,
    role: Role | str | None = None,
    active: bool | None = None,
) -> AccountData:
    """Change name, title, role or active (suspend: ``active=False``); None keeps a field."""
    require(session, Permission.MANAGE_ACCOUNTS)
    row = load_for_update(session, Account, account_id, expected_version, ENTITY)
    before = _public(row)
    c = Collector()
    new_name = (
        c(lambda: v.text("full_name", full_name), row.full_name)
        if full_name is not None
        else row.full_name
    )
    new_title = (
        c(lambda: v.text("title", title, required=False), row.title)
        if title is not None
        else row.title
    )
    new_role = (
        c(lambda: v.enum_value("role", role, Role), row.role) if role is not None else row.role
    )
    c.raise_if_any()
    new_active = row.active if active is None else bool(active)
    was_admin = row.active and row.role is Role.ADMINISTRATOR
    if was_admin and not (new_active and new_role is Role.ADMINISTRATOR):
        _keep_an_administrator(session, row)
    row.full_name, row.title, row.role, row.active = new_name, new_title, new_role, new_active
    if new_active and not before["active"]:  # a reinstated account starts without a lock-out
        row.failed_attempts, row.locked_until = 0, None
    flush_checked(session, row, ENTITY, expected_version)
    if before["active"] and not new_active:  # the password alone no longer opens the file
        slots.drop_slot(session, row.username)
    after = _public(row)
    if after != before:
        action = "suspend" if before["active"] and not new_active else "update"
        audit.record(session, ENTITY, row.id, action, before=before, after=after)
    return account_data(row)


def change_own_password(session: Session, old_password: str, new_password: str) -> None:
    """The signed-in account's own password; the old one must be given again."""
    me = signed_in(session)
    if me.account_id is None:
        raise PermissionDenied(_("Sign in with your own account to change its password."))
    row = _load(session, me.account_id)
    if not passwords.verify(row.password_hash, old_password):
        # TRANSLATORS: shown instead of a password the officer typed.
        hidden = _("(hidden)")
        raise ValidationError("old_password", hidden, _("is not your current password"))
    passwords.check_rule(new_password, row.username)
    if passwords.verify(row.password_hash, new_password):
        raise ValidationError("new_password", _("(hidden)"), _("must differ from the current one"))
    row.password_hash = passwords.hash_password(new_password)
    row.must_change_password = False
    session.flush()
    slots.set_slot(session, row.username, new_password)  # one slot re-wrapped, nothing re-encrypted
    audit.record(session, ENTITY, row.id, "change_password")


def reset_password(session: Session, account_id: int, temporary_password: str) -> AccountData:
    """An administrator sets a temporary password; its owner must change it at the next sign-in."""
    require(session, Permission.MANAGE_ACCOUNTS)
    row = _load(session, account_id)
    passwords.check_rule(temporary_password, row.username)
    row.password_hash = passwords.hash_password(temporary_password)
    row.must_change_password = True
    row.failed_attempts, row.locked_until = 0, None
    session.flush()
    slots.set_slot(session, row.username, temporary_password)  # also gives back a dropped slot
    audit.record(session, ENTITY, row.id, "reset_password")
    return account_data(row)
