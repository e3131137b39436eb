"""`guardian-desk db encrypt` and `guardian-desk db new-recovery`.

``add_encryption_commands(db_commands)`` adds both under the existing ``db`` command. Only an
administrator may run them (the role that manages accounts: it adds the other accounts' key
slots). The recovery passphrase is printed once, on stdout, and never stored in the clear.
"""

from __future__ import annotations

import argparse
from typing import Any

from guardian_desk.i18n import N_, _, ngettext
from guardian_desk.security.roles import Permission, SignedIn, refuse_unless

RECOVERY_NOTE = N_(
    "Print this recovery passphrase and keep it in the office safe. It opens the database "
    "if every password is lost; it is shown only now."
)


def add_encryption_commands(db_commands: Any) -> None:
    encrypt = db_commands.add_parser(
        "encrypt",
        help=_(
            "encrypt the SQLite database (backed up first); prints the recovery passphrase once"
        ),
    )
    encrypt.set_defaults(run=cmd_db_encrypt, sign_in=False)  # refuses a second run first
    recovery = db_commands.add_parser(
        "new-recovery",
        help=_(
            "replace the recovery passphrase of an encrypted database (the old one stops working)"
        ),
    )
    # Signs in itself, with the key from its slot (main's sign-in needs the key wired in).
    recovery.set_defaults(run=cmd_db_new_recovery, sign_in=False)
    recover = db_commands.add_parser(
        "recover",
        help=_("every password forgotten: the recovery passphrase gives USER a new password"),
    )
    recover.add_argument("username", metavar="USER")
    recover.set_defaults(run=cmd_db_recover, sign_in=False)  # the passphrase is the authority


def _administrator(account: SignedIn, what: str) -> None:
    refuse_unless(account, Permission.MANAGE_ACCOUNTS, doing=what)


def _print_recovery(passphrase: str) -> None:
    print(_(RECOVERY_NOTE))
    print(f"    {passphrase}")


def cmd_db_encrypt(args: argparse.Namespace) -> int:
    """Sign in (administrator), encrypt with a slot for that account, print the passphrase."""
    from pathlib import Path

    from guardian_desk.account_commands import sign_in_for_command
    from guardian_desk.db.encryption import EncryptionError, encrypt_database
    from guardian_desk.db.engine import sqlite_path
    from guardian_desk.paths import backup_dir
    from guardian_desk.security.keyslots import is_encrypted

    path = sqlite_path(args.url)
    if path is not None and is_encrypted(Path(path)):
        raise EncryptionError(_("{file} is already encrypted").format(file=path))
    account = getattr(args, "account", None) or sign_in_for_command(args)
    # TRANSLATORS: completes "To ... you need the role administrator".
    _administrator(account, _("encrypt the database"))
    done = encrypt_database(
        args.url,
        {account.username: args.password},
        backup_folder=backup_dir(),
        lock_timeout=getattr(args, "wait", None),
    )
    print(
        _("Encrypted {file}; its key slots are in {keys}.").format(
            file=done.path, keys=done.keys_file
        )
    )
    print(
        # TRANSLATORS: {user} is the administrator's user name.
        _(
            "{user} opens it with their password; the administrator gives each other account "
            "its own slot when setting or resetting that account's password."
        ).format(user=account.username)
    )
    _print_recovery(done.recovery_passphrase)
    if done.plain_backups:
        count = len(done.plain_backups)
        print(
            ngettext(
                "{count} earlier backup in {folder} is not encrypted and still holds the data "
                "in the clear: delete it once the encrypted database has been checked.",
                "{count} earlier backups in {folder} are not encrypted and still hold the data "
                "in the clear: delete them once the encrypted database has been checked.",
                count,
            ).format(count=count, folder=done.safety_backup.parent)
        )
    return 0


def cmd_db_new_recovery(args: argparse.Namespace) -> int:
    """A lost or seen recovery sheet: a new passphrase; the old one opens nothing any more."""
    from guardian_desk.account_commands import SignInRefused, credentials
    from guardian_desk.db.engine import make_engine, make_session_factory, session_scope
    from guardian_desk.db.engine import sqlite_path as file_of
    from guardian_desk.security.keyslots import keys_path, new_recovery
    from guardian_desk.security.signing_in import sign_in
    from guardian_desk.security.unlocking import open_key

    username, password = credentials()
    key = open_key(args.url, username, password)  # with the pauses after wrong passwords
    path = file_of(args.url)
    if key is None or path is None:
        raise SignInRefused(_("The database is not encrypted: it has no recovery passphrase."))
    engine = make_engine(args.url, key=key, actor="sign-in")
    try:
        with session_scope(make_session_factory(engine), writes=True) as session:
            result = sign_in(session, username, password, via="command line")
    finally:
        engine.dispose()
    if result.account is None:
        raise SignInRefused(result.refusal)
    # TRANSLATORS: completes "To ... you need the role administrator".
    _administrator(result.account, _("replace the recovery passphrase"))
    _print_recovery(new_recovery(keys_path(path), key))
    return 0


def cmd_db_recover(args: argparse.Namespace) -> int:
    """$GUARDIAN_DESK_RECOVERY (or asked), then the new password ($GUARDIAN_DESK_NEW_PASSWORD)."""
    import getpass
    import os
    import sys

    from guardian_desk.account_commands import SignInRefused, new_password
    from guardian_desk.paths import backup_dir
    from guardian_desk.security.recovery import recover_account

    passphrase = os.environ.get("GUARDIAN_DESK_RECOVERY", "")
    if not passphrase:
        if not sys.stdin.isatty():
            raise SignInRefused(
                # TRANSLATORS: {variable} names an environment variable (keep it as it is).
                _("Set {variable}, or run the command in a terminal to be asked.").format(
                    variable="GUARDIAN_DESK_RECOVERY"
                )
            )
        passphrase = getpass.getpass(_("Recovery passphrase (from the office safe): "))
    password = new_password(
        _("New password for {user}: ").format(user=args.username),
        _("New password for {user} again: ").format(user=args.username),
    )
    done = recover_account(
        args.url, passphrase, args.username, password, backup_folder=backup_dir()
    )
    # TRANSLATORS: {user} is a user name.
    print(_("{user} has a new password and opens the database with it again.").format(user=done))
    return 0
