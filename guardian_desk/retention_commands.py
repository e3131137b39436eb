"""`guardian-desk retention anonymise [--dry-run]`: anonymise cases closed long ago.

``add_retention_commands`` adds the ``retention`` command to the main parser's subcommands.
The period is the office's setting (retention_years); only an administrator may run it, and
``--dry-run`` lists the case numbers that would be anonymised without changing anything.
"""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from guardian_desk.command_session import unit_of_work
from guardian_desk.i18n import _


def add_retention_commands(subparsers: Any) -> None:
    retention = subparsers.add_parser(
        "retention", help=_("anonymise cases closed longer ago than the retention period")
    )
    actions = retention.add_subparsers(dest="retention_command", required=True, metavar="ACTION")
    anonymise = actions.add_parser(
        "anonymise",
        help=_(
            "remove names, exact birth dates, notes and companions of cases closed more than "
            "the office's retention period ago (statistics still count them)"
        ),
    )
    anonymise.add_argument(
        "--dry-run",
        action="store_true",
        help=_("list the case numbers that would be anonymised; change nothing"),
    )
    anonymise.set_defaults(run=cmd_retention_anonymise)


def cmd_retention_anonymise(args: argparse.Namespace) -> int:
    from guardian_desk.services.retention import anonymise_closed_cases

    today = date.today()
    report = unit_of_work(
        args,
        lambda session: anonymise_closed_cases(session, today, dry_run=args.dry_run),
        writes=not args.dry_run,
    )
    print(report.line())
    return 0
