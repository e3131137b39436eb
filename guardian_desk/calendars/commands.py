"""`guardian-desk calendar export (--guardian X | --mediator X | --facility X | --all DIR)
[-o FILE] [--from DATE] [--alarm MINUTES] [--with-names]` (the format: docs/calendars.md).

``add_calendar_commands`` adds the ``calendar`` command to the main parser's subcommands; its
``run(args)`` uses ``args.url`` and ``args.actor`` like the others in cli.py. A single
calendar goes to standard output unless ``-o`` names a file.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from guardian_desk.calendars.records import MAX_ALARM_MINUTES, OWNERS, CalendarOwner
from guardian_desk.cli_args import date_arg
from guardian_desk.command_session import progress_counter, unit_of_work
from guardian_desk.domain import validation as v
from guardian_desk.i18n import N_, _, ngettext

NAMES_WARNING = N_(
    "Warning: these calendars name the children in full. Calendar programs copy events to "
    "phones and to the cloud; share them only with people who may know who the children are."
)


def _minutes(text: str) -> int:
    if not v.INT_RE.fullmatch(text.strip()) or not 0 <= int(text) <= MAX_ALARM_MINUTES:
        raise argparse.ArgumentTypeError(
            # TRANSLATORS: {value} is what was typed, quoted; {most} the largest number allowed.
            _("{value} is not a number of minutes from 0 to {most}").format(
                value=repr(text), most=MAX_ALARM_MINUTES
            )
        )
    return int(text)


def add_calendar_commands(subparsers: Any) -> None:
    calendar = subparsers.add_parser("calendar", help=_("export visits to calendar files (.ics)"))
    actions = calendar.add_subparsers(dest="calendar_command", required=True, metavar="ACTION")
    export = actions.add_parser(
        "export",
        help=_("write a guardian's, mediator's or facility's visits, or everyone's, as .ics"),
        description=_(
            "Visits name the child by case number and initials only, unless "
            "--with-names. Importing a newer export again updates the events (same UID, higher "
            "SEQUENCE) instead of adding them twice."
        ),
    )
    whose = export.add_mutually_exclusive_group(required=True)
    whose.add_argument("--guardian", metavar="CODE_OR_ID", help=_("one guardian's calendar"))
    whose.add_argument("--mediator", metavar="CODE_OR_ID", help=_("one mediator's calendar"))
    whose.add_argument("--facility", metavar="CODE_OR_ID", help=_("one facility's calendar"))
    whose.add_argument(
        "--all",
        metavar="DIR",
        dest="all_into",
        help=_("every guardian's, mediator's and facility's calendar into DIR, by code"),
    )
    export.add_argument(
        "-o", "--output", metavar="FILE", help=_("write to FILE (default: standard output)")
    )
    export.add_argument(
        "--from",
        dest="starting_from",
        type=date_arg,
        metavar="YYYY-MM-DD",
        help=_("only visits from this day on (default: all)"),
    )
    export.add_argument(
        "--alarm",
        type=_minutes,
        metavar="MINUTES",
        help=_("a reminder this many minutes before each planned visit still to come"),
    )
    export.add_argument(
        "--with-names",
        action="store_true",
        help=_("put the children's full names in the events (by default: initials only)"),
    )
    export.set_defaults(run=cmd_calendar_export)


def _owner(args: argparse.Namespace) -> tuple[CalendarOwner, str]:
    for owner in OWNERS:
        key = getattr(args, owner)
        if key is not None:
            return owner, key
    raise AssertionError("argparse requires one of --guardian, --mediator, --facility, --all")


def _wrote(owner: CalendarOwner, visits: int) -> str:
    """The last line of one calendar's export, a whole sentence for each kind of owner."""
    if owner == "guardian":
        # TRANSLATORS: {code} is the guardian's code, {name} their name, {file} a path.
        return ngettext(
            "Wrote {count} visit of guardian {code} ({name}) to {file}.",
            "Wrote {count} visits of guardian {code} ({name}) to {file}.",
            visits,
        )
    if owner == "mediator":
        # TRANSLATORS: {code} is the mediator's code, {name} their name, {file} a path.
        return ngettext(
            "Wrote {count} visit of mediator {code} ({name}) to {file}.",
            "Wrote {count} visits of mediator {code} ({name}) to {file}.",
            visits,
        )
    # TRANSLATORS: {code} is the facility's code, {name} its name, {file} a path.
    return ngettext(
        "Wrote {count} visit of facility {code} ({name}) to {file}.",
        "Wrote {count} visits of facility {code} ({name}) to {file}.",
        visits,
    )


def cmd_calendar_export(args: argparse.Namespace) -> int:
    from guardian_desk.calendars.export import (
        export_all_calendars,
        export_calendar,
        write_calendar_file,
    )

    if args.all_into is not None and args.output is not None:
        from guardian_desk.faults import error_line

        print(error_line(_("-o names one file; --all writes a folder of them")), file=sys.stderr)
        return 2
    if args.with_names:
        print(_(NAMES_WARNING), file=sys.stderr)
    chosen: dict[str, Any] = dict(
        starting_from=args.starting_from,
        alarm_minutes=args.alarm,
        reveal_identity=args.with_names,
    )
    if args.all_into is not None:
        folder = Path(args.all_into)
        done = unit_of_work(
            args,
            lambda s: export_all_calendars(
                s,
                folder,
                # TRANSLATORS: names the calendar export on the terminal's progress counter.
                progress=progress_counter(_("calendars")),
                **chosen,
            ),
        )
        visits = ngettext("{count} visit", "{count} visits", done.visits).format(count=done.visits)
        # TRANSLATORS: {visits} is a number of visits ("5 visits"); {folder} a folder's path.
        text = ngettext(
            "Wrote {count} calendar ({visits}) to {folder}.",
            "Wrote {count} calendars ({visits}) to {folder}.",
            done.files,
        )
        print(text.format(count=done.files, visits=visits, folder=done.folder))
        return 0
    owner, key = _owner(args)
    found = unit_of_work(args, lambda s: export_calendar(s, owner, key, **chosen))
    if args.output is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(found.content)  # bytes: the CRLF line ends stay as they are
        sys.stdout.buffer.flush()
        return 0
    write_calendar_file(Path(args.output), found.content)
    print(
        _wrote(owner, found.visits).format(
            count=found.visits, code=found.owner.code, name=found.owner.name, file=args.output
        )
    )
    return 0
