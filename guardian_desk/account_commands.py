"""Signing in on the command line, `guardian-desk setup` and `guardian-desk account ...`.

Every command signs in (``sign_in_for_command``), except `db status`, `db upgrade` (every
command upgrades anyway, and a database from before accounts has no account to sign in with)
and `setup`. Scripts give GUARDIAN_DESK_USER and GUARDIAN_DESK_PASSWORD; in a terminal the
command asks; otherwise it says so in one line and exits 1. A new or temporary password for
someone else comes from GUARDIAN_DESK_NEW_PASSWORD, else it is asked twice.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from guardian_desk.db.engine import make_engine, make_session_factory, session_scope
from guardian_desk.db.migrate import prepare_database
from guardian_desk.domain.errors import GuardianDeskError
from guardian_desk.paths import backup_dir
from guardian_desk.security import accounts
from guardian_desk.security.roles import Role, SignedIn
from guardian_desk.security.signing_in import sign_in

USER_VAR = "GUARDIAN_DESK_USER"
PASSWORD_VAR = "GUARDIAN_DESK_PASSWORD"
NEW_PASSWORD_VAR = "GUARDIAN_DESK_NEW_PASSWORD"
NO_ACCOUNT = (
    "This office has no account yet: run `guardian-desk setup` (or start the app) to create "
    "the administrator."
)
MUST_CHANGE = (
    "Your password was set by an administrator: choose your own first with "
    "`guardian-desk account passwd`."
)


class SignInRefused(GuardianDeskError):
    """The command line could not sign in; the message is the one line the officer sees."""


def _interactive() -> bool:
    return sys.stdin.isatty()


def _ask(prompt: str) -> str:
    print(prompt, end="", file=sys.stderr, flush=True)
    return sys.stdin.readline().strip()


def credentials() -> tuple[str, str]:
    """User name and password: from the environment, else asked in a terminal."""
    username = os.environ.get(USER_VAR, "")
    password = os.environ.get(PASSWORD_VAR, "")
    if username and password:
        return username, password
    if not _interactive():
        raise SignInRefused(
            f"Sign-in needed: set {USER_VAR} and {PASSWORD_VAR}, or run the command in a "
            "terminal to be asked."
        )
    return username or _ask("User name: "), password or getpass.getpass("Password: ")


def new_password(what: str) -> str:
    """A password being set: $GUARDIAN_DESK_NEW_PASSWORD, else asked twice in a terminal."""
    given = os.environ.get(NEW_PASSWORD_VAR, "")
    if given:
        return given
    if not _interactive():
        raise SignInRefused(
            f"Set {NEW_PASSWORD_VAR}, or run the command in a terminal to be asked."
        )
    first = getpass.getpass(f"{what}: ")
    if getpass.getpass(f"{what} again: ") != first:
        raise SignInRefused("The two passwords differ; nothing was changed. Try again.")
    return first


def _office_without_account(factory: sessionmaker[Session]) -> None:
    """A database nobody has set up yet: only `setup` (or the app) may continue."""
    raise SignInRefused(NO_ACCOUNT)


def _factory(args: argparse.Namespace) -> tuple[Any, sessionmaker[Session]]:
    key = getattr(args, "key", None)
    prepare_database(args.url, backup_folder=backup_dir(), key=key)
    args.prepared = True  # checked, backed up and upgraded once per command
    engine = make_engine(
        args.url, lock_timeout=getattr(args, "wait", None), actor="sign-in", key=key
    )
    return engine, make_session_factory(engine)


def sign_in_for_command(args: argparse.Namespace) -> SignedIn:
    """Sign in for one command; the failed-attempt counter is committed even on a refusal.

    An encrypted database is unlocked first with the account's key slot (``args.key``).
    """
    from guardian_desk.security.unlocking import is_encrypted_url, open_key

    given: tuple[str, str] | None = None
    if is_encrypted_url(args.url):
        given = credentials()
        args.key = open_key(args.url, *given)
    engine, factory = _factory(args)
    try:
        with session_scope(factory) as session:
            empty = accounts.office_needs_set_up(session)
        if empty:
            _office_without_account(factory)
        username, password = given or credentials()
        # A reading unit: a success writes nothing (a read-only or busy database still lets
        # the command say what is wrong with it); a failure's counter is still committed.
        with session_scope(factory) as session:
            result = sign_in(session, username, password, via="command line", record=False)
    finally:
        engine.dispose()
    if result.account is None:
        raise SignInRefused(result.refusal)
    if result.must_change_password and getattr(args, "run", None) is not cmd_passwd:
        raise SignInRefused(MUST_CHANGE)
    args.password = password  # `account passwd` checks it again as the old password
    return result.account


def cmd_setup(args: argparse.Namespace) -> int:
    office = accounts.OfficeSetUp(args.office_name, args.country, args.time_zone, args.language)
    admin = accounts.NewAccount(args.username, args.full_name, args.title, Role.ADMINISTRATOR)
    password = os.environ.get(PASSWORD_VAR, "") or new_password("Administrator's password")
    engine, factory = _factory(args)
    try:
        with session_scope(factory, writes=True) as session:
            done = accounts.set_up_office(session, office, admin, password)
    finally:
        engine.dispose()
    print(f"Office set up; {done.username} is its administrator.")
    return 0


def _account_work(args: argparse.Namespace, work: Any, *, writes: bool = True) -> Any:
    from guardian_desk.cli import _unit_of_work  # cli.py imports this module

    return _unit_of_work(args, work, writes=writes)


def cmd_list(args: argparse.Namespace) -> int:
    found = _account_work(args, accounts.list_accounts, writes=False)
    for a in found:
        state = "active" if a.active else "suspended"
        print(f"{a.username:<20} {a.role.value:<14} {state:<10} {a.full_name}")
    return 0


def cmd_add(args: argparse.Namespace) -> int:
    data = accounts.NewAccount(args.username, args.full_name, args.title, Role(args.role))
    password = new_password(f"Password for {args.username}")
    made = _account_work(args, lambda s: accounts.create_account(s, data, password))
    print(
        f"Account {made.username} ({made.role.value}) created; they choose their own "
        "password at the first sign-in."
    )
    return 0


def cmd_reset(args: argparse.Namespace) -> int:
    temporary = new_password(f"Temporary password for {args.username}")

    def work(session: Session) -> accounts.AccountData:
        found = accounts.find_account(session, args.username)
        return accounts.reset_password(session, found.id, temporary)

    done = _account_work(args, work)
    print(f"Password of {done.username} reset; they must choose a new one at the next sign-in.")
    return 0


def cmd_passwd(args: argparse.Namespace) -> int:
    chosen = new_password("New password")
    old = getattr(args, "password", "")
    _account_work(args, lambda s: accounts.change_own_password(s, old, chosen))
    print("Your password is changed.")
    return 0


def cmd_suspend(args: argparse.Namespace) -> int:
    def work(session: Session) -> accounts.AccountData:
        found = accounts.find_account(session, args.username)
        return accounts.update_account(session, found.id, found.version, active=args.reinstate)

    done = _account_work(args, work)
    print(f"Account {done.username} is {'active' if done.active else 'suspended'}.")
    return 0


def add_account_commands(commands: Any) -> None:
    setup = commands.add_parser("setup", help="first start: the office and its administrator")
    setup.add_argument("--office-name", required=True, metavar="NAME")
    setup.add_argument("--country", required=True, metavar="CC", help="ISO code such as AL")
    setup.add_argument("--time-zone", required=True, metavar="ZONE", help="e.g. Europe/Tirane")
    setup.add_argument("--language", default="en", metavar="TAG", help="e.g. en, sq (default en)")
    setup.add_argument("--username", required=True, metavar="NAME", help="the administrator's")
    setup.add_argument("--full-name", required=True, metavar="NAME")
    setup.add_argument("--title", default="", help="printed under the signature")
    setup.set_defaults(run=cmd_setup, sign_in=False)

    account = commands.add_parser("account", help="accounts: list, add, reset-password, passwd")
    actions = account.add_subparsers(dest="account_command", required=True, metavar="ACTION")
    actions.add_parser("list", help="every account").set_defaults(run=cmd_list)
    add = actions.add_parser("add", help="a new account (password asked or from the environment)")
    add.add_argument("username", metavar="USER")
    add.add_argument("--full-name", required=True, metavar="NAME")
    add.add_argument("--title", default="")
    add.add_argument("--role", choices=[r.value for r in Role], default=Role.OFFICER.value)
    add.set_defaults(run=cmd_add)
    reset = actions.add_parser("reset-password", help="a temporary password for USER")
    reset.add_argument("username", metavar="USER")
    reset.set_defaults(run=cmd_reset)
    actions.add_parser("passwd", help="change your own password").set_defaults(run=cmd_passwd)
    suspend = actions.add_parser("suspend", help="USER can no longer sign in")
    suspend.add_argument("username", metavar="USER")
    suspend.add_argument("--reinstate", action="store_true", help="let USER sign in again")
    suspend.set_defaults(run=cmd_suspend)
