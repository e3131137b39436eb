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

from guardian_desk.command_session import unit_of_work
from guardian_desk.db.engine import make_engine, make_session_factory, session_scope
from guardian_desk.db.migrate import prepare_database
from guardian_desk.domain.errors import GuardianDeskError
from guardian_desk.i18n import N_, _
from guardian_desk.paths import backup_dir
from guardian_desk.security import accounts
from guardian_desk.security.roles import Role, SignedIn, role_name
from guardian_desk.security.signing_in import sign_in

USER_VAR = "GUARDIAN_DESK_USER"
PASSWORD_VAR = "GUARDIAN_DESK_PASSWORD"
NEW_PASSWORD_VAR = "GUARDIAN_DESK_NEW_PASSWORD"
NO_ACCOUNT = N_(
    "This office has no account yet: run `guardian-desk setup` (or start the app) to create "
    "the administrator."
)
MUST_CHANGE = N_(
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
            # TRANSLATORS: {user} and {password} name environment variables (keep as they are).
            _(
                "Sign-in needed: set {user} and {password}, or run the command in a "
                "terminal to be asked."
            ).format(user=USER_VAR, password=PASSWORD_VAR)
        )
    return (
        username or _ask(_("User name: ")),
        password or getpass.getpass(_("Password: ")),
    )


def new_password(what: str, again: str) -> str:
    """A password being set: $GUARDIAN_DESK_NEW_PASSWORD, else asked twice in a terminal.

    ``what`` and ``again`` are the two prompts, already translated ("New password: ",
    "New password again: ").
    """
    given = os.environ.get(NEW_PASSWORD_VAR, "")
    if given:
        return given
    if not _interactive():
        raise SignInRefused(
            # TRANSLATORS: {variable} names an environment variable (keep it as it is).
            _("Set {variable}, or run the command in a terminal to be asked.").format(
                variable=NEW_PASSWORD_VAR
            )
        )
    first = getpass.getpass(what)
    if getpass.getpass(again) != first:
        raise SignInRefused(_("The two passwords differ; nothing was changed. Try again."))
    return first


def _office_without_account(factory: sessionmaker[Session]) -> None:
    """A database nobody has set up yet: only `setup` (or the app) may continue."""
    raise SignInRefused(_(NO_ACCOUNT))


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
        raise SignInRefused(_(MUST_CHANGE))
    args.password = password  # `account passwd` checks it again as the old password
    return result.account


def cmd_setup(args: argparse.Namespace) -> int:
    office = accounts.OfficeSetUp(args.office_name, args.country, args.time_zone, args.language)
    admin = accounts.NewAccount(args.username, args.full_name, args.title, Role.ADMINISTRATOR)
    password = os.environ.get(PASSWORD_VAR, "") or new_password(
        _("Administrator's password: "), _("Administrator's password again: ")
    )
    engine, factory = _factory(args)
    try:
        with session_scope(factory, writes=True) as session:
            done = accounts.set_up_office(session, office, admin, password)
    finally:
        engine.dispose()
    # TRANSLATORS: {user} is the administrator's user name.
    print(_("Office set up; {user} is its administrator.").format(user=done.username))
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    found = unit_of_work(args, accounts.list_accounts, writes=False)
    for a in found:
        # TRANSLATORS: `account list`: whether the account may sign in.
        state = _("active") if a.active else _("suspended")
        print(f"{a.username:<20} {role_name(a.role):<14} {state:<10} {a.full_name}")
    return 0


def cmd_add(args: argparse.Namespace) -> int:
    data = accounts.NewAccount(args.username, args.full_name, args.title, Role(args.role))
    password = new_password(
        _("Password for {user}: ").format(user=args.username),
        _("Password for {user} again: ").format(user=args.username),
    )
    made = unit_of_work(args, lambda s: accounts.create_account(s, data, password))
    print(
        # TRANSLATORS: {user} is a user name, {role} the account's role (officer...).
        _(
            "Account {user} ({role}) created; they choose their own password at the first sign-in."
        ).format(user=made.username, role=role_name(made.role))
    )
    return 0


def cmd_reset(args: argparse.Namespace) -> int:
    temporary = new_password(
        _("Temporary password for {user}: ").format(user=args.username),
        _("Temporary password for {user} again: ").format(user=args.username),
    )

    def work(session: Session) -> accounts.AccountData:
        found = accounts.find_account(session, args.username)
        return accounts.reset_password(session, found.id, temporary)

    done = unit_of_work(args, work)
    print(
        _("Password of {user} reset; they must choose a new one at the next sign-in.").format(
            user=done.username
        )
    )
    return 0


def cmd_passwd(args: argparse.Namespace) -> int:
    chosen = new_password(_("New password: "), _("New password again: "))
    old = getattr(args, "password", "")
    unit_of_work(args, lambda s: accounts.change_own_password(s, old, chosen))
    print(_("Your password is changed."))
    return 0


def cmd_suspend(args: argparse.Namespace) -> int:
    def work(session: Session) -> accounts.AccountData:
        found = accounts.find_account(session, args.username)
        return accounts.update_account(session, found.id, found.version, active=args.reinstate)

    done = unit_of_work(args, work)
    if done.active:
        print(_("Account {user} is active.").format(user=done.username))
    else:
        print(_("Account {user} is suspended.").format(user=done.username))
    return 0


def add_account_commands(commands: Any) -> None:
    setup = commands.add_parser("setup", help=_("first start: the office and its administrator"))
    setup.add_argument("--office-name", required=True, metavar="NAME")
    setup.add_argument("--country", required=True, metavar="CC", help=_("ISO code such as AL"))
    setup.add_argument("--time-zone", required=True, metavar="ZONE", help=_("e.g. Europe/Tirane"))
    setup.add_argument(
        "--language", default="en", metavar="TAG", help=_("e.g. en, sq (default en)")
    )
    setup.add_argument(
        "--username", required=True, metavar="NAME", help=_("the administrator's user name")
    )
    setup.add_argument("--full-name", required=True, metavar="NAME")
    setup.add_argument("--title", default="", help=_("printed under the signature"))
    setup.set_defaults(run=cmd_setup, sign_in=False)

    account = commands.add_parser("account", help=_("accounts: list, add, reset-password, passwd"))
    actions = account.add_subparsers(dest="account_command", required=True, metavar="ACTION")
    actions.add_parser("list", help=_("every account")).set_defaults(run=cmd_list)
    add = actions.add_parser(
        "add", help=_("a new account (password asked or from the environment)")
    )
    add.add_argument("username", metavar="USER")
    add.add_argument("--full-name", required=True, metavar="NAME")
    add.add_argument("--title", default="")
    add.add_argument("--role", choices=[r.value for r in Role], default=Role.OFFICER.value)
    add.set_defaults(run=cmd_add)
    reset = actions.add_parser("reset-password", help=_("a temporary password for USER"))
    reset.add_argument("username", metavar="USER")
    reset.set_defaults(run=cmd_reset)
    actions.add_parser("passwd", help=_("change your own password")).set_defaults(run=cmd_passwd)
    suspend = actions.add_parser("suspend", help=_("USER can no longer sign in"))
    suspend.add_argument("username", metavar="USER")
    suspend.add_argument("--reinstate", action="store_true", help=_("let USER sign in again"))
    suspend.set_defaults(run=cmd_suspend)
