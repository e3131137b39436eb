"""`guardian-desk figures --from D --to D [--csv FILE] [--pdf FILE]`: the coordinator's
anonymised figures of a period (docs/protection.md), with counts from 1 to 4 as "<5"."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import Any

from guardian_desk.command_session import unit_of_work
from guardian_desk.i18n import _


def day_arg(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            # TRANSLATORS: {value} is what was typed, quoted; keep YYYY-MM-DD as it is.
            _("{value} is not a date in the form YYYY-MM-DD").format(value=repr(text))
        ) from None


def add_figures_commands(subparsers: Any) -> None:
    figures = subparsers.add_parser(
        "figures",
        help=_("the national coordinator's anonymised figures of a period (CSV, PDF)"),
    )
    figures.add_argument(
        "--from", dest="start", required=True, type=day_arg, metavar="YYYY-MM-DD",
        help=_("the period's first day"),
    )  # fmt: skip
    figures.add_argument(
        "--to", dest="end", required=True, type=day_arg, metavar="YYYY-MM-DD",
        help=_("the period's last day"),
    )  # fmt: skip
    figures.add_argument("--csv", metavar="FILE.csv", help=_("write the figures as CSV"))
    figures.add_argument("--pdf", metavar="FILE.pdf", help=_("write the report as PDF"))
    figures.set_defaults(run=cmd_figures)


def cmd_figures(args: argparse.Namespace) -> int:
    from guardian_desk.private_files import write_private_bytes

    def work(session: Any) -> tuple[list[str], bytes | None, bytes | None]:
        from guardian_desk.papers.coordinator_report import coordinator_report_pdf
        from guardian_desk.protection.figures import coordinator_figures
        from guardian_desk.protection.figures_export import figure_tables, figures_csv

        figures = coordinator_figures(session, args.start, args.end)
        tables = figure_tables(figures)
        lines = [f"{label}: {cell.text}" for label, cell in tables.tiles]
        csv_data = figures_csv(figures) if args.csv else None
        pdf = (
            coordinator_report_pdf(session, args.start, args.end, figures=figures)
            if args.pdf
            else None
        )
        return lines, csv_data, pdf

    result = unit_of_work(args, work, writes=False)
    lines, csv_data, pdf = result
    for line in lines:
        print(line)
    for name, data in ((args.csv, csv_data), (args.pdf, pdf)):
        if name and data is not None:
            write_private_bytes(Path(name), data)
            print(_("Written: {file}").format(file=name))
    return 0
