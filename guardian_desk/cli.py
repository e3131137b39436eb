"""The `guardian-desk` command line: a thin layer over the services.

Exit status: 0 done, 1 refused or failed (the message says why), 2 wrong usage.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from guardian_desk import __version__
from guardian_desk.cli_args import seconds_arg, whole_number_arg
from guardian_desk.db.backup import backup_database
from guardian_desk.db.engine import (
    describe,
    make_engine,
    make_session_factory,
    resolve_url,
    session_scope,
)
from guardian_desk.db.migrate import (
    DatabaseState,
    ensure_openable,
    inspect_database,
    prepare_database,
)
from guardian_desk.db.models import Child, Facility, Guardian, Mediator, Visit
from guardian_desk.domain.errors import PermissionDenied, ValidationErrors
from guardian_desk.paths import backup_dir, log_dir
from guardian_desk.security.roles import SignedIn

log = logging.getLogger("guardian_desk.cli")
KINDS = ("facilities", "guardians", "mediators", "children", "availability")


def _actor(args: argparse.Namespace) -> str:
    """The signed-in account's user name (pg_stat_activity shows it)."""
    account = getattr(args, "account", None)
    return account.username if isinstance(account, SignedIn) else "system"


def _unit_of_work(
    args: argparse.Namespace, work: Callable[[Session], object], *, writes: bool = True
) -> object:
    """Open (and if needed upgrade) the database, run ``work`` in one transaction.

    The unit acts for the account main() signed in (``args.account``): the services check
    its role and the audit rows name it. A writing unit takes the write lock first, so it
    waits (up to --wait seconds) for another officer's change instead of failing half way.
    """
    account = getattr(args, "account", None)
    if not isinstance(account, SignedIn):  # fail closed: nothing runs without a sign-in
        raise PermissionDenied("Sign in first: this command acts for a signed-in account.")
    key = getattr(args, "key", None)  # an encrypted database: unlocked at sign-in
    if not getattr(args, "prepared", False):  # the sign-in has done it already
        prepare_database(args.url, backup_folder=backup_dir(), key=key)
        args.prepared = True
    engine = make_engine(
        args.url, lock_timeout=getattr(args, "wait", None), actor=_actor(args), key=key
    )
    try:
        with session_scope(make_session_factory(engine), writes=writes, account=account) as session:
            return work(session)
    finally:
        engine.dispose()


def _progress(label: str) -> Callable[[int, int], None]:
    """A counter on a terminal; silent when stderr is a file or a pipe (no flood of lines)."""
    if not sys.stderr.isatty():
        return lambda done, total: None

    def report(done: int, total: int) -> None:
        print(f"\r{label}: {done}/{total}", end="", file=sys.stderr, flush=True)
        if done >= total:
            print(file=sys.stderr)

    return report


def cmd_db_upgrade(args: argparse.Namespace) -> int:
    status = prepare_database(args.url, backup_folder=backup_dir())
    if status.state is DatabaseState.CURRENT:
        print(f"{describe(args.url)} is up to date (schema {status.head}).")
    else:
        print(f"{describe(args.url)} upgraded from {status.revision or 'empty'} to {status.head}.")
    return 0


def cmd_db_status(args: argparse.Namespace) -> int:
    status = inspect_database(args.url)
    print(f"database:  {status.where}")
    print(f"state:     {status.state.value}{' - ' + status.detail if status.detail else ''}")
    print(f"schema:    {status.revision or '-'} (this app: {status.head})")
    if status.state in (DatabaseState.CURRENT, DatabaseState.OUTDATED):
        engine = make_engine(args.url)
        try:
            with make_session_factory(engine)() as session:
                for label, model in (
                    ("children", Child),
                    ("guardians", Guardian),
                    ("mediators", Mediator),
                    ("facilities", Facility),
                    ("visits", Visit),
                ):
                    count = session.scalar(select(func.count()).select_from(model))
                    print(f"{label + ':':<12}{count}")
        finally:
            engine.dispose()
    return 1 if status.state in (DatabaseState.FOREIGN, DatabaseState.NEWER) else 0


def _may_back_up(args: argparse.Namespace) -> None:
    """Backups and restores are the administrator's (the core's rule, checked here too)."""
    from guardian_desk.security.roles import Permission, refuse_unless

    account = getattr(args, "account", None)
    if not isinstance(account, SignedIn):  # fail closed, as _unit_of_work does
        raise PermissionDenied("Sign in first: this command acts for a signed-in account.")
    refuse_unless(account, Permission.BACKUP_RESTORE)


def _audit_file_action(args: argparse.Namespace, action: str, after: dict[str, str]) -> None:
    """Who backed up or restored, when, and which file: a row in the audit trail."""
    from guardian_desk.services import audit

    _unit_of_work(args, lambda s: audit.record(s, "database", "-", action, after=after))


def cmd_db_backup(args: argparse.Namespace) -> int:
    _may_back_up(args)
    key = getattr(args, "key", None)
    ensure_openable(args.url, key=key)
    written = backup_database(args.url, Path(args.file), key=key)
    _audit_file_action(args, "backup", {"file": str(written)})
    print(f"Backed up {describe(args.url)} to {written}.")
    return 0


def cmd_db_restore(args: argparse.Namespace) -> int:
    """Check FILE fully in a scratch copy; replace the database only when every check passes."""
    from guardian_desk.db.restore import restore_database

    _may_back_up(args)
    source = Path(args.file)
    done = restore_database(
        args.url, source, backup_folder=backup_dir(), key=getattr(args, "key", None)
    )
    _audit_file_action(  # in the restored database: the trail says who put it back, and from what
        args,
        "restore",
        {"file": str(source), "replaced_data_kept_in": str(done.safety_backup or "")},
    )
    upgraded = f" (upgraded from schema {done.revision})" if done.revision != done.head else ""
    replaced = (
        f" The data it replaced is in {done.safety_backup}."
        if done.safety_backup
        else " There was no data to replace."
    )
    print(f"Restored {describe(args.url)} from {source}{upgraded}.{replaced}")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from guardian_desk.demo import DemoSizes, load_demo

    sizes = DemoSizes(
        children=args.children,
        guardians=args.guardians,
        mediators=args.mediators,
        facilities=args.facilities,
    )
    counts = _unit_of_work(
        args, lambda s: load_demo(s, sizes, seed=args.seed, progress=_progress("demo"))
    )
    print("Demo data loaded: " + ", ".join(f"{n} {k}" for k, n in dict(counts).items()))  # type: ignore[call-overload]
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from guardian_desk.exchange import ImportFailed, import_csv

    try:
        report = _unit_of_work(
            args, lambda s: import_csv(s, args.kind, Path(args.file), progress=_progress("import"))
        )
    except ImportFailed as failure:
        errors = failure.report.errors
        for error in errors:
            print(
                f"{args.file}: line {error.line}, column {error.column}: "
                f"{error.value!r} {error.reason}",
                file=sys.stderr,
            )
        print(f"{failure} Nothing was imported.", file=sys.stderr)
        return 1
    print(f"Imported {report.rows} {args.kind} from {args.file}.")  # type: ignore[attr-defined]
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from guardian_desk.exchange import export_csv

    if args.include_personal_data and args.kind == "children":
        print(
            "Warning: the file names the children; keep it on an encrypted, office-only drive.",
            file=sys.stderr,
        )
    rows = _unit_of_work(
        args,
        lambda s: export_csv(
            s, args.kind, Path(args.file), include_personal=args.include_personal_data
        ),
    )
    print(f"Exported {rows} {args.kind} to {args.file}.")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="guardian-desk",
        description="Guardian Desk: records of unaccompanied children, their guardians and "
        "mediators. The database is --db, else $GUARDIAN_DESK_DB, else the file in "
        "your data folder.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--db",
        metavar="URL",
        help="sqlite:///file, a file path, or postgresql+psycopg://user@host/dbname",
    )
    parser.add_argument("--actor", help=argparse.SUPPRESS)  # refused: the sign-in names you
    parser.add_argument(
        "--wait",
        metavar="SECONDS",
        type=seconds_arg,
        help="how long a change waits for another officer's change to finish "
        "(default $GUARDIAN_DESK_LOCK_TIMEOUT, else 15)",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    db = commands.add_parser("db", help="database upgrade, status, backup, restore")
    db_commands = db.add_subparsers(dest="db_command", required=True, metavar="ACTION")
    db_commands.add_parser(
        "upgrade", help="back up and upgrade to this version's schema"
    ).set_defaults(run=cmd_db_upgrade, sign_in=False)
    db_commands.add_parser("status", help="what the database is and holds").set_defaults(
        run=cmd_db_status, sign_in=False
    )
    backup = db_commands.add_parser("backup", help="write a consistent copy to FILE")
    backup.add_argument("file", metavar="FILE")
    backup.set_defaults(run=cmd_db_backup)
    restore = db_commands.add_parser(
        "restore", help="replace the data with FILE (the current data is backed up first)"
    )
    restore.add_argument("file", metavar="FILE")
    restore.set_defaults(run=cmd_db_restore)
    from guardian_desk.encryption_commands import add_encryption_commands

    add_encryption_commands(db_commands)

    demo = commands.add_parser(
        "demo", help="load a realistic synthetic data set (empty database only)"
    )
    for name, default in (
        ("children", 300),
        ("guardians", 60),
        ("mediators", 30),
        ("facilities", 12),
        ("seed", 2026),
    ):
        demo.add_argument(
            f"--{name}",
            type=whole_number_arg,
            default=default,
            metavar="N",
            help=f"default {default}",
        )
    demo.set_defaults(run=cmd_demo)

    importer = commands.add_parser("import", help="import a CSV file: all rows or none")
    importer.add_argument("kind", choices=KINDS)
    importer.add_argument("file", metavar="FILE.csv")
    importer.set_defaults(run=cmd_import)

    exporter = commands.add_parser("export", help="export to a CSV file (UTF-8 with BOM)")
    exporter.add_argument("kind", choices=KINDS)
    exporter.add_argument("file", metavar="FILE.csv")
    exporter.add_argument(
        "--include-personal-data",
        action="store_true",
        help="children: include names, birth dates, companions and notes "
        "(by default only case numbers)",
    )
    exporter.set_defaults(run=cmd_export)

    from guardian_desk.matching.commands import add_match_commands

    add_match_commands(commands)
    from guardian_desk.scheduling.commands import add_schedule_commands

    add_schedule_commands(commands)
    from guardian_desk.calendars.commands import add_calendar_commands

    add_calendar_commands(commands)
    from guardian_desk.papers.commands import add_print_commands

    add_print_commands(commands)
    from guardian_desk.audit_commands import add_audit_commands

    add_audit_commands(commands)
    from guardian_desk.retention_commands import add_retention_commands

    add_retention_commands(commands)
    from guardian_desk.account_commands import add_account_commands

    add_account_commands(commands)
    return parser


def _log_to_file(*, whole_process: bool) -> None:
    """Warnings on stderr; the error boundary's reports (code locations only) in a log file.

    ``whole_process``: also the crash traces (faulthandler, threading.excepthook), which only
    the real command may take over (not a test calling main()).
    """
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    from guardian_desk.faults import install_crash_traces

    faults_log = logging.getLogger("guardian_desk.faults")
    faults_log.propagate = False
    if faults_log.handlers:
        return
    try:
        folder = log_dir()
        handler = logging.FileHandler(folder / "guardian-desk-cli.log", encoding="utf-8")
    except OSError:
        faults_log.addHandler(logging.NullHandler())
        return
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    faults_log.addHandler(handler)
    if whole_process:
        install_crash_traces(folder)


def main(argv: Sequence[str] | None = None) -> int:
    from guardian_desk.private_files import keep_private

    if argv is None:  # the real command, not a test calling main() in its own process
        keep_private()  # databases, backups, exports, logs: owner-only from the first file
    _log_to_file(whole_process=argv is None)
    args = build_parser().parse_args(argv)
    from guardian_desk.faults import report_to_stderr

    try:
        args.url = resolve_url(args.db)
        if args.actor is not None:
            print(
                "error: --actor is no longer used: the audit trail names the account you sign "
                "in with (GUARDIAN_DESK_USER, or asked).",
                file=sys.stderr,
            )
            return 2
        if getattr(args, "sign_in", True):
            from guardian_desk.account_commands import sign_in_for_command

            args.account = sign_in_for_command(args)
        return int(args.run(args))
    except ValidationErrors as exc:
        for error in exc.errors:
            print(f"error: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted; nothing was saved", file=sys.stderr)
        return 130
    except Exception as exc:  # the boundary: one line, no traceback, no database text
        return report_to_stderr(exc, database=describe(getattr(args, "url", "") or ""))


if __name__ == "__main__":
    sys.exit(main())
