"""The database session a command runs in, and its progress counter on the terminal.

cli.py and the command modules (``*_commands.py``, ``*/commands.py``) share these, so none
of them imports anything back from cli.py.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from sqlalchemy.orm import Session

from guardian_desk.db.engine import make_engine, make_session_factory, session_scope
from guardian_desk.db.migrate import prepare_database
from guardian_desk.domain.errors import PermissionDenied
from guardian_desk.i18n import N_, _
from guardian_desk.paths import backup_dir
from guardian_desk.security.roles import SignedIn

SIGN_IN_FIRST = N_("Sign in first: this command acts for a signed-in account.")
Progress = Callable[[int, int], None]
Result = TypeVar("Result")


def signed_in(args: argparse.Namespace) -> SignedIn:
    """The account main() signed in (``args.account``); refused when there is none."""
    account = getattr(args, "account", None)
    if not isinstance(account, SignedIn):  # fail closed: nothing runs without a sign-in
        raise PermissionDenied(_(SIGN_IN_FIRST))
    return account


def actor(args: argparse.Namespace) -> str:
    """The signed-in account's user name (pg_stat_activity shows it)."""
    account = getattr(args, "account", None)
    return account.username if isinstance(account, SignedIn) else "system"


@contextmanager
def command_session(args: argparse.Namespace, *, writes: bool = True) -> Iterator[Session]:
    """Open (and if needed upgrade) the database; one transaction, committed on leaving.

    The session acts for the account main() signed in (``args.account``): the services check
    its role and the audit rows name it. A writing session takes the write lock first, so it
    waits (up to --wait seconds) for another officer's change instead of failing half way.
    """
    account = signed_in(args)
    key = getattr(args, "key", None)  # an encrypted database: unlocked at sign-in
    if not getattr(args, "prepared", False):  # the sign-in has done it already
        prepare_database(args.url, backup_folder=backup_dir(), key=key)
        args.prepared = True
    engine = make_engine(
        args.url, lock_timeout=getattr(args, "wait", None), actor=actor(args), key=key
    )
    try:
        with session_scope(make_session_factory(engine), writes=writes, account=account) as session:
            yield session
    finally:
        engine.dispose()


def unit_of_work(
    args: argparse.Namespace, work: Callable[[Session], Result], *, writes: bool = True
) -> Result:
    """``work`` run in one ``command_session``; its result, with its type."""
    with command_session(args, writes=writes) as session:
        return work(session)


def progress_counter(label: str) -> Progress:
    """A counter on a terminal; silent when stderr is a file or a pipe (no flood of lines)."""
    if not sys.stderr.isatty():
        return lambda done, total: None

    def report(done: int, total: int) -> None:
        # TRANSLATORS: a counter on the terminal: {label} is what runs, then done / total.
        line = _("{label}: {done}/{total}").format(label=label, done=done, total=total)
        print(f"\r{line}", end="", file=sys.stderr, flush=True)
        if done >= total:
            print(file=sys.stderr)

    return report
