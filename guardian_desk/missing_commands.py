"""`guardian-desk missing (list | report | return | print)` and `guardian-desk follow-ups`:
missing children and the follow-ups of visit reports on the command line (docs/casework.md).

Times are typed on the office's wall clock, "YYYY-MM-DD HH:MM".
"""

from __future__ import annotations

import argparse
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from guardian_desk.command_session import unit_of_work
from guardian_desk.i18n import _, ngettext
from guardian_desk.i18n.formats import date_text, datetime_text
from guardian_desk.private_files import write_private_bytes


def moment_arg(text: str) -> datetime:
    """A wall-clock time "YYYY-MM-DD HH:MM" (the office's zone is added when it is used)."""
    try:
        return datetime.strptime(text.strip().replace("T", " "), "%Y-%m-%d %H:%M")
    except ValueError:
        raise argparse.ArgumentTypeError(
            # TRANSLATORS: {value} is what was typed, quoted; keep YYYY-MM-DD HH:MM as it is.
            _("{value} is not a time in the form YYYY-MM-DD HH:MM").format(value=repr(text))
        ) from None


def add_missing_commands(subparsers: Any) -> None:
    missing = subparsers.add_parser(
        "missing", help=_("missing children: report a disappearance, the return, the paper")
    )
    actions = missing.add_subparsers(dest="missing_command", required=True)
    actions.add_parser("list", help=_("the children missing now")).set_defaults(run=cmd_list)

    report = actions.add_parser(
        "report", help=_("report a child missing; the child's planned visits go on hold")
    )
    report.add_argument("case_number", metavar="CASE_NO")
    report.add_argument(
        "--since",
        required=True,
        type=moment_arg,
        metavar="'YYYY-MM-DD HH:MM'",
        help=_("when the child was last seen"),
    )
    report.add_argument("--last-seen", default="", help=_("where the child was last seen"))
    report.add_argument("--circumstances", default="", help=_("what happened"))
    report.add_argument(
        "--description", default="", help=_("height, build, hair, eyes, marks, clothing")
    )
    report.add_argument(
        "--police-at",
        type=moment_arg,
        metavar="'YYYY-MM-DD HH:MM'",
        help=_("when it was reported to the police"),
    )
    report.add_argument("--police-reference", default="", help=_("the police's reference"))
    report.set_defaults(run=cmd_report)

    back = actions.add_parser(
        "return", help=_("the child is back: the visits on hold are released")
    )
    back.add_argument("case_number", metavar="CASE_NO")
    back.add_argument(
        "--at", required=True, type=moment_arg, metavar="'YYYY-MM-DD HH:MM'", help=_("when")
    )
    back.add_argument("--found", default="", help=_("where the child was found"))
    back.add_argument("--note", default="", help=_("how the child is, what the child said"))
    back.set_defaults(run=cmd_return)

    paper = actions.add_parser(
        "print", help=_("issue the missing-child report for the police and the 116 000 hotline")
    )
    paper.add_argument("case_number", metavar="CASE_NO")
    paper.add_argument("output", metavar="FILE.pdf")
    from guardian_desk.papers.commands import language_arg  # checks the code, names a wrong one

    paper.add_argument(
        "--language",
        default=None,
        type=language_arg,
        metavar="CODE",
        help=_("the paper's language, e.g. sq"),
    )
    paper.add_argument("--bilingual", action="store_true", help=_("with English beside it"))
    paper.set_defaults(run=cmd_print)

    due = subparsers.add_parser(
        "follow-ups", help=_("follow-ups of visit reports due today or overdue, not done")
    )
    due.set_defaults(run=cmd_follow_ups)


def _zone(session: Any) -> ZoneInfo:
    from guardian_desk.services.settings import get_settings

    return ZoneInfo(get_settings(session).time_zone)


def cmd_list(args: argparse.Namespace) -> int:
    from guardian_desk.services.missing import missing_now

    def work(session: Any) -> list[str]:
        lines, total = missing_now(session)
        found = []
        for line in lines:
            police = _("police told") if line.reported_to_police else _("police not told")
            # TRANSLATORS: one missing child: case number, name, since when, where, the police.
            found.append(
                _(
                    "{case_number}  {name}  missing since {when}, last seen at {place}; {police}"
                ).format(
                    case_number=line.case_number,
                    name=line.name,
                    when=datetime_text(line.missing_since),
                    place=line.last_seen_place or "–",
                    police=police,
                )
            )
        found.append(
            ngettext("{count} child is missing.", "{count} children are missing.", total).format(
                count=total
            )
        )
        return found

    for text in unit_of_work(args, work, writes=False):
        print(text)
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from guardian_desk.services.children import find_by_case_number
    from guardian_desk.services.missing import report_missing

    def work(session: Any) -> int:
        zone = _zone(session)
        child = find_by_case_number(session, args.case_number)
        police_at = args.police_at.replace(tzinfo=zone) if args.police_at else None
        report_missing(
            session,
            child.id,
            missing_since=args.since.replace(tzinfo=zone),
            last_seen_place=args.last_seen,
            circumstances=args.circumstances,
            appearance=args.description,
            reported_to_police=police_at is not None or bool(args.police_reference.strip()),
            police_reported_at=police_at,
            police_reference=args.police_reference,
        )
        from guardian_desk.services.missing import current_episode

        episode = current_episode(session, child.id)
        return episode.visits_on_hold if episode else 0

    held = unit_of_work(args, work)
    print(
        ngettext(
            "{case_number} is reported missing; {count} planned visit is on hold.",
            "{case_number} is reported missing; {count} planned visits are on hold.",
            held,
        ).format(case_number=args.case_number.strip().upper(), count=held)
    )
    return 0


def cmd_return(args: argparse.Namespace) -> int:
    from guardian_desk.domain.errors import RuleViolation
    from guardian_desk.services.children import find_by_case_number
    from guardian_desk.services.missing import open_episode, record_return

    def work(session: Any) -> tuple[int, str]:
        child = find_by_case_number(session, args.case_number)
        episode = open_episode(session, child.id)
        if episode is None:
            raise RuleViolation(
                _("{case_number} is not reported missing").format(case_number=child.case_number)
            )
        done = record_return(
            session,
            episode.id,
            episode.version,
            returned_at=args.at.replace(tzinfo=_zone(session)),
            found_place=args.found,
            note=args.note,
        )
        return len(done.released), done.rescreen

    result = unit_of_work(args, work)
    released, rescreen = result
    print(
        ngettext(
            "The return is recorded; {count} visit was taken off hold.",
            "The return is recorded; {count} visits were taken off hold.",
            released,
        ).format(count=released)
    )
    print(rescreen)
    return 0


def cmd_print(args: argparse.Namespace) -> int:
    from guardian_desk.domain.enums import DocumentKind
    from guardian_desk.papers.register import issue_document
    from guardian_desk.services.children import find_by_case_number

    target = Path(args.output)

    def work(session: Any) -> str:
        child = find_by_case_number(session, args.case_number)
        paper = issue_document(
            session,
            DocumentKind.MISSING_REPORT,
            child_id=child.id,
            language=args.language,
            bilingual=args.bilingual,
        )
        write_private_bytes(target, paper.pdf)
        return paper.reference

    reference = unit_of_work(args, work)
    # TRANSLATORS: {reference} is the paper's number, {file} where it was written.
    print(_("Issued {reference}: {file}").format(reference=reference, file=target))
    return 0


def cmd_follow_ups(args: argparse.Namespace) -> int:
    from guardian_desk.services.visit_reports import follow_ups_due

    def work(session: Any) -> list[str]:
        today = datetime.now(_zone(session)).date()
        lines, total = follow_ups_due(session, today)
        found = []
        for line in lines:
            if line.days_overdue:
                due = ngettext(
                    "overdue by {count} day", "overdue by {count} days", line.days_overdue
                ).format(count=line.days_overdue)
            else:
                due = _("due today")
            # TRANSLATORS: a follow-up: case number, what to do, its due date, how late.
            found.append(
                _("{case_number}  {action}  ({date}, {due})").format(
                    case_number=line.case_number,
                    action=line.action,
                    date=date_text(line.due_on),
                    due=due,
                )
            )
        found.append(
            ngettext("{count} follow-up is due.", "{count} follow-ups are due.", total).format(
                count=total
            )
        )
        return found

    for text in unit_of_work(args, work, writes=False):
        print(text)
    return 0
