"""The `guardian-desk` command line: a thin layer over the services.

Exit status: 0 done, 1 refused or failed (the message says why), 2 wrong usage.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy import func, select

from guardian_desk import __version__
from guardian_desk.cli_args import seconds_arg, whole_number_arg
from guardian_desk.command_session import progress_counter, signed_in, unit_of_work
from guardian_desk.db.backup import backup_database
from guardian_desk.db.engine import (
    describe,
    make_engine,
    make_session_factory,
    resolve_url,
)
from guardian_desk.db.migrate import (
    DatabaseState,
    ensure_openable,
    inspect_database,
    prepare_database,
)
from guardian_desk.db.models import Child, Facility, Guardian, Mediator, Visit
from guardian_desk.domain.errors import ValidationErrors
from guardian_desk.i18n import N_, _, ngettext
from guardian_desk.i18n.formats import list_text
from guardian_desk.paths import backup_dir, log_dir

log = logging.getLogger("guardian_desk.cli")
KINDS = ("facilities", "guardians", "mediators", "children", "availability")
LANGUAGE_VAR = "GUARDIAN_DESK_LANGUAGE"
# The system's own choice, in POSIX order: the first of these that is set decides.
LOCALE_VARS = ("LC_ALL", "LC_MESSAGES", "LANG")
# `db status` says what state the database is in (DatabaseState's values stay as they are).
STATE_NAMES = {
    DatabaseState.EMPTY: N_("empty"),
    DatabaseState.CURRENT: N_("current"),
    DatabaseState.OUTDATED: N_("outdated"),
    DatabaseState.NEWER: N_("newer"),
    DatabaseState.FOREIGN: N_("foreign"),
}


def system_language() -> str | None:
    """The language this computer's locale asks for, if Guardian Desk speaks it."""
    from guardian_desk.i18n.languages import first_supported

    for name in LOCALE_VARS:
        value = os.environ.get(name, "")
        if value:
            return first_supported([value])
    return None


def choose_language() -> str:
    """$GUARDIAN_DESK_LANGUAGE, else the system's language, else English; returns the code."""
    from guardian_desk.cli_words import translate_argparse
    from guardian_desk.i18n import set_language
    from guardian_desk.i18n.languages import ENGLISH

    translate_argparse()
    return set_language(os.environ.get(LANGUAGE_VAR) or system_language() or ENGLISH)


def records_text(kind: str, count: int) -> str:
    """ "3 children": a number of records of one kind (import, export and demo name them)."""
    if kind == "facilities":
        text = ngettext("{count} facility", "{count} facilities", count)
    elif kind == "guardians":
        text = ngettext("{count} guardian", "{count} guardians", count)
    elif kind == "mediators":
        text = ngettext("{count} mediator", "{count} mediators", count)
    elif kind == "children":
        text = ngettext("{count} child", "{count} children", count)
    elif kind == "slots":
        text = ngettext("{count} availability slot", "{count} availability slots", count)
    elif kind == "absences":
        text = ngettext("{count} absence", "{count} absences", count)
    elif kind == "assignments":
        text = ngettext("{count} assignment", "{count} assignments", count)
    elif kind == "screenings":
        text = ngettext("{count} screening", "{count} screenings", count)
    elif kind == "referrals":
        text = ngettext("{count} referral", "{count} referrals", count)
    elif kind == "adult_checks":
        text = ngettext(
            "{count} check of an accompanying adult", "{count} checks of accompanying adults", count
        )
    else:
        return f"{count} {kind}"
    return text.format(count=count)


def imported_text(kind: str, count: int, file: str) -> str:
    """`import`'s last line: whole sentences, so the verb can agree with the number."""
    if kind == "facilities":
        text = ngettext(
            "Imported {count} facility from {file}.",
            "Imported {count} facilities from {file}.",
            count,
        )
    elif kind == "guardians":
        text = ngettext(
            "Imported {count} guardian from {file}.",
            "Imported {count} guardians from {file}.",
            count,
        )
    elif kind == "mediators":
        text = ngettext(
            "Imported {count} mediator from {file}.",
            "Imported {count} mediators from {file}.",
            count,
        )
    elif kind == "children":
        text = ngettext(
            "Imported {count} child from {file}.", "Imported {count} children from {file}.", count
        )
    else:
        text = ngettext(
            "Imported {count} availability row from {file}.",
            "Imported {count} availability rows from {file}.",
            count,
        )
    return text.format(count=count, file=file)


def exported_text(kind: str, count: int, file: str) -> str:
    """`export`'s last line: whole sentences, so the verb can agree with the number."""
    if kind == "facilities":
        text = ngettext(
            "Exported {count} facility to {file}.", "Exported {count} facilities to {file}.", count
        )
    elif kind == "guardians":
        text = ngettext(
            "Exported {count} guardian to {file}.", "Exported {count} guardians to {file}.", count
        )
    elif kind == "mediators":
        text = ngettext(
            "Exported {count} mediator to {file}.", "Exported {count} mediators to {file}.", count
        )
    elif kind == "children":
        text = ngettext(
            "Exported {count} child to {file}.", "Exported {count} children to {file}.", count
        )
    else:
        text = ngettext(
            "Exported {count} availability row to {file}.",
            "Exported {count} availability rows to {file}.",
            count,
        )
    return text.format(count=count, file=file)


def cmd_db_upgrade(args: argparse.Namespace) -> int:
    status = prepare_database(args.url, backup_folder=backup_dir())
    db = describe(args.url)
    if status.state is DatabaseState.CURRENT:
        # TRANSLATORS: {db} names the database; {schema} is a schema revision (a code).
        print(_("{db} is up to date (schema {schema}).").format(db=db, schema=status.head))
    elif status.revision is None:
        # TRANSLATORS: {db} names the database; {schema} is a schema revision (a code).
        print(_("{db} upgraded from empty to {schema}.").format(db=db, schema=status.head))
    else:
        # TRANSLATORS: {db} names the database; {old} and {schema} are schema revisions.
        print(
            _("{db} upgraded from {old} to {schema}.").format(
                db=db, old=status.revision, schema=status.head
            )
        )
    return 0


def cmd_db_status(args: argparse.Namespace) -> int:
    status = inspect_database(args.url)
    state = _(STATE_NAMES[status.state])
    if status.detail:
        # TRANSLATORS: `db status`: the database's state (current, empty...), then why.
        state = _("{state} - {detail}").format(state=state, detail=status.detail)
    rows = (
        # TRANSLATORS: `db status` prints these labels in a column, each before its value.
        (_("database:"), status.where),
        (_("state:"), state),
        (
            _("schema:"),
            # TRANSLATORS: `db status`: the database's schema revision, then the app's.
            _("{revision} (this app: {schema})").format(
                revision=status.revision or "-", schema=status.head
            ),
        ),
    )
    width = max(len(label) for label, _value in rows) + 2
    for label, value in rows:
        print(f"{label:<{width}}{value}")
    if status.state in (DatabaseState.CURRENT, DatabaseState.OUTDATED):
        engine = make_engine(args.url)
        try:
            with make_session_factory(engine)() as session:
                counted = (
                    # TRANSLATORS: `db status` prints these labels in a column, before numbers.
                    (_("children:"), Child),
                    (_("guardians:"), Guardian),
                    (_("mediators:"), Mediator),
                    (_("facilities:"), Facility),
                    (_("visits:"), Visit),
                )
                width = max(12, max(len(label) for label, _model in counted) + 1)
                for label, model in counted:
                    count = session.scalar(select(func.count()).select_from(model))
                    print(f"{label:<{width}}{count}")
        finally:
            engine.dispose()
    return 1 if status.state in (DatabaseState.FOREIGN, DatabaseState.NEWER) else 0


def _may_back_up(args: argparse.Namespace) -> None:
    """Backups and restores are the administrator's (the core's rule, checked here too)."""
    from guardian_desk.security.roles import Permission, refuse_unless

    refuse_unless(signed_in(args), Permission.BACKUP_RESTORE)


def _audit_file_action(args: argparse.Namespace, action: str, after: dict[str, str]) -> None:
    """Who backed up or restored, when, and which file: a row in the audit trail."""
    from guardian_desk.services import audit

    unit_of_work(args, lambda s: audit.record(s, "database", "-", action, after=after))


def cmd_db_backup(args: argparse.Namespace) -> int:
    _may_back_up(args)
    key = getattr(args, "key", None)
    ensure_openable(args.url, key=key)
    written = backup_database(args.url, Path(args.file), key=key)
    _audit_file_action(args, "backup", {"file": str(written)})
    print(_("Backed up {db} to {file}.").format(db=describe(args.url), file=written))
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
    db = describe(args.url)
    if done.revision != done.head:
        # TRANSLATORS: {db} names the database, {file} the backup; {schema} is a schema code.
        restored = _("Restored {db} from {file} (upgraded from schema {schema}).").format(
            db=db, file=source, schema=done.revision
        )
    else:
        restored = _("Restored {db} from {file}.").format(db=db, file=source)
    if done.safety_backup:
        replaced = _("The data it replaced is in {file}.").format(file=done.safety_backup)
    else:
        replaced = _("There was no data to replace.")
    print(f"{restored} {replaced}")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from guardian_desk.demo import DemoSizes, load_demo

    sizes = DemoSizes(
        children=args.children,
        guardians=args.guardians,
        mediators=args.mediators,
        facilities=args.facilities,
    )
    counts = unit_of_work(
        args,
        # TRANSLATORS: names the demo data's loading on the terminal's progress counter.
        lambda s: load_demo(s, sizes, seed=args.seed, progress=progress_counter(_("demo"))),
    )
    loaded = [records_text(k, n) for k, n in dict(counts).items()]
    # TRANSLATORS: {records} lists how many of each were made ("300 children, 60 guardians...").
    print(_("Demo data loaded: {records}").format(records=list_text(loaded)))
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from guardian_desk.exchange import ImportFailed, import_csv

    try:
        report = unit_of_work(
            args,
            lambda s: import_csv(
                s,
                args.kind,
                Path(args.file),
                # TRANSLATORS: names the import on the terminal's progress counter.
                progress=progress_counter(_("import")),
            ),
        )
    except ImportFailed as failure:
        errors = failure.report.errors
        for error in errors:
            # TRANSLATORS: one refused value of a CSV file: {value} is quoted, {reason} says why.
            line = _("{file}: line {line}, column {column}: {value} {reason}").format(
                file=args.file,
                line=error.line,
                column=error.column,
                value=repr(error.value),
                reason=error.reason,
            )
            print(line, file=sys.stderr)
        print(failure, file=sys.stderr)  # "Nothing was imported from the children file: …"
        return 1
    print(imported_text(args.kind, report.rows, args.file))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from guardian_desk.exchange import export_csv

    if args.include_personal_data and args.kind == "children":
        print(
            _("Warning: the file names the children; keep it on an encrypted, office-only drive."),
            file=sys.stderr,
        )
    rows = unit_of_work(
        args,
        lambda s: export_csv(
            s, args.kind, Path(args.file), include_personal=args.include_personal_data
        ),
    )
    print(exported_text(args.kind, rows, args.file))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="guardian-desk",
        description=_(
            "Guardian Desk: records of unaccompanied children, their guardians and "
            "mediators. The database is --db, else $GUARDIAN_DESK_DB, else the file in "
            "your data folder."
        ),
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--db",
        metavar="URL",
        help=_("sqlite:///file, a file path, or postgresql+psycopg://user@host/dbname"),
    )
    parser.add_argument("--actor", help=argparse.SUPPRESS)  # refused: the sign-in names you
    parser.add_argument(
        "--wait",
        metavar="SECONDS",
        type=seconds_arg,
        help=_(
            "how long a change waits for another officer's change to finish "
            "(default $GUARDIAN_DESK_LOCK_TIMEOUT, else 15)"
        ),
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    db = commands.add_parser("db", help=_("database upgrade, status, backup, restore"))
    db_commands = db.add_subparsers(dest="db_command", required=True, metavar="ACTION")
    db_commands.add_parser(
        "upgrade", help=_("back up and upgrade to this version's schema")
    ).set_defaults(run=cmd_db_upgrade, sign_in=False)
    db_commands.add_parser("status", help=_("what the database is and holds")).set_defaults(
        run=cmd_db_status, sign_in=False
    )
    backup = db_commands.add_parser("backup", help=_("write a consistent copy to FILE"))
    backup.add_argument("file", metavar="FILE")
    backup.set_defaults(run=cmd_db_backup)
    restore = db_commands.add_parser(
        "restore", help=_("replace the data with FILE (the current data is backed up first)")
    )
    restore.add_argument("file", metavar="FILE")
    restore.set_defaults(run=cmd_db_restore)
    from guardian_desk.encryption_commands import add_encryption_commands

    add_encryption_commands(db_commands)

    demo = commands.add_parser(
        "demo", help=_("load a realistic synthetic data set (empty database only)")
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
            # TRANSLATORS: `demo`'s options: how many are made unless told otherwise.
            help=_("default {value}").format(value=default),
        )
    demo.set_defaults(run=cmd_demo)

    importer = commands.add_parser("import", help=_("import a CSV file: all rows or none"))
    importer.add_argument("kind", choices=KINDS)
    importer.add_argument("file", metavar="FILE.csv")
    importer.set_defaults(run=cmd_import)

    exporter = commands.add_parser("export", help=_("export to a CSV file (UTF-8 with BOM)"))
    exporter.add_argument("kind", choices=KINDS)
    exporter.add_argument("file", metavar="FILE.csv")
    exporter.add_argument(
        "--include-personal-data",
        action="store_true",
        help=_(
            "children: include names, birth dates, companions and notes "
            "(by default only case numbers)"
        ),
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
    from guardian_desk.duplicate_commands import add_duplicate_commands

    add_duplicate_commands(commands)
    from guardian_desk.appointment_commands import add_appointment_commands

    add_appointment_commands(commands)
    from guardian_desk.missing_commands import add_missing_commands

    add_missing_commands(commands)
    from guardian_desk.referral_commands import add_referral_commands

    add_referral_commands(commands)
    from guardian_desk.figures_commands import add_figures_commands

    add_figures_commands(commands)
    from guardian_desk.protection_commands import add_protection_commands

    add_protection_commands(commands)
    from guardian_desk.transfer_commands import add_transfer_commands

    add_transfer_commands(commands)
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
    choose_language()  # before the parser: its help and errors speak the language
    args = build_parser().parse_args(argv)
    from guardian_desk.faults import error_line, report_to_stderr

    try:
        args.url = resolve_url(args.db)
        if args.actor is not None:
            print(
                error_line(
                    _(
                        "--actor is no longer used: the audit trail names the account you sign "
                        "in with (GUARDIAN_DESK_USER, or asked)."
                    )
                ),
                file=sys.stderr,
            )
            return 2
        if getattr(args, "sign_in", True):
            from guardian_desk.account_commands import sign_in_for_command

            args.account = sign_in_for_command(args)
        return int(args.run(args))
    except ValidationErrors as exc:
        for error in exc.errors:
            print(error_line(str(error)), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(_("interrupted; nothing was saved"), file=sys.stderr)
        return 130
    except Exception as exc:  # the boundary: one line, no traceback, no database text
        return report_to_stderr(exc, database=describe(getattr(args, "url", "") or ""))


if __name__ == "__main__":
    sys.exit(main())
