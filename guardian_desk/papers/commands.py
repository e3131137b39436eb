"""`guardian-desk print (appointment | mediator-letter | schedule | summary | card | termination |
copy) ... [--language CODE] [--bilingual] -o FILE.pdf`: issue a paper into the register
(docs/papers.md) and write its PDF. A new paper prints in the office's language unless
``--language`` names another; ``copy`` keeps the original's language.

``add_print_commands`` adds the ``print`` command to the main parser's subcommands; each
command's ``run(args)`` uses ``args.url`` and ``args.actor`` like the others in cli.py.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from guardian_desk.cli_args import date_arg, whole_number_arg
from guardian_desk.command_session import unit_of_work
from guardian_desk.domain.enums import DocumentKind
from guardian_desk.domain.errors import ValidationError
from guardian_desk.i18n import _
from guardian_desk.i18n.languages import LANGUAGES, normalise
from guardian_desk.papers.register import IssuedPaper
from guardian_desk.papers.sources import SUMMARY_FIELDS
from guardian_desk.private_files import write_private_bytes
from guardian_desk.security.roles import Permission, requires


def _output(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-o", "--output", required=True, metavar="FILE.pdf", help=_("where to write the PDF")
    )


def language_arg(text: str) -> str:
    """One of the languages papers print in (any common spelling: sr_Latn, sq-AL), else a
    usage error naming the value."""
    code = normalise(text)
    if code not in LANGUAGES:
        raise argparse.ArgumentTypeError(
            # TRANSLATORS: {value} is what was typed, quoted; {choices} the codes to choose from.
            _("{value} is not a language papers print in (choose from {choices})").format(
                value=repr(text), choices=", ".join(LANGUAGES)
            )
        )
    return code


def _language(parser: argparse.ArgumentParser) -> None:
    """--language and --bilingual for a paper issued new (a copy keeps the original's)."""
    parser.add_argument(
        "--language",
        dest="paper_language",
        type=language_arg,
        metavar="CODE",
        # TRANSLATORS: {choices} lists the language codes (keep them as they are).
        help=_("the paper's language: {choices} (default: the office's language)").format(
            choices=", ".join(LANGUAGES)
        ),
    )
    parser.add_argument(
        "--bilingual",
        action="store_true",
        help=_("print each heading and sentence in English as well"),
    )


def _case(parser: argparse.ArgumentParser, *, required: bool = True) -> None:
    parser.add_argument(
        "--case", dest="case_number", required=required, metavar="CASE_NO", help=_("the child")
    )


def add_print_commands(subparsers: Any) -> None:
    printer = subparsers.add_parser(
        "print", help=_("issue a paper (registered, numbered, audited) as a PDF file")
    )
    papers = printer.add_subparsers(dest="print_command", required=True, metavar="PAPER")

    appointment = papers.add_parser("appointment", help=_("the decision appointing a guardian"))
    which = appointment.add_mutually_exclusive_group(required=True)
    which.add_argument(
        "--assignment", type=whole_number_arg, metavar="ID", help=_("the guardian assignment")
    )
    which.add_argument(
        "--case", dest="case_number", metavar="CASE_NO", help=_("the child's current guardian")
    )
    appointment.add_argument(
        "--again",
        action="store_true",
        help=_(
            "issue a new decision although one was issued for this appointment "
            "(otherwise: print it again with 'print copy REFERENCE')"
        ),
    )
    _language(appointment)
    _output(appointment)
    appointment.set_defaults(run=cmd_print, kind=DocumentKind.APPOINTMENT)

    letter = papers.add_parser("mediator-letter", help=_("the letter assigning a mediator"))
    _case(letter)
    letter.add_argument(
        "--mediator", metavar="CODE", help=_("which of the child's mediators (default: the first)")
    )
    _language(letter)
    _output(letter)
    letter.set_defaults(run=cmd_print, kind=DocumentKind.MEDIATOR_LETTER)

    schedule = papers.add_parser("schedule", help=_("a guardian's or a mediator's visits"))
    person = schedule.add_mutually_exclusive_group(required=True)
    person.add_argument("--guardian", metavar="CODE")
    person.add_argument("--mediator", metavar="CODE")
    for flag, name in (("--from", "first"), ("--to", "last")):
        schedule.add_argument(flag, dest=name, required=True, type=date_arg, metavar="YYYY-MM-DD")
    _language(schedule)
    _output(schedule)
    schedule.set_defaults(run=cmd_print, kind=DocumentKind.SCHEDULE)

    summary = papers.add_parser(
        "summary",
        help=_("a child's case summary with only the chosen fields"),
        # TRANSLATORS: {fields} lists the field names --fields takes (keep them as they are).
        description=_("Fields: {fields}").format(fields=", ".join(SUMMARY_FIELDS)),
    )
    _case(summary)
    summary.add_argument(
        "--fields", required=True, metavar="A,B,C", help=_("the fields to print, in this order")
    )
    summary.add_argument(
        "--purpose",
        choices=("referral", "transfer"),
        default="referral",
        help=_("(default {value})").format(value="referral"),
    )
    summary.add_argument("--to", dest="recipient", metavar="ORGANISATION", help=_("the recipient"))
    _language(summary)
    _output(summary)
    summary.set_defaults(run=cmd_print, kind=DocumentKind.SUMMARY)

    card = papers.add_parser("card", help=_("the child's card: guardian, mediator, whom to call"))
    _case(card)
    _language(card)
    _output(card)
    card.set_defaults(run=cmd_print, kind=DocumentKind.CARD)

    ended = papers.add_parser(
        "termination", help=_("the decision ending a guardian's or a mediator's appointment")
    )
    ended.add_argument(
        "--assignment",
        type=whole_number_arg,
        required=True,
        metavar="ID",
        help=_("the ended appointment"),
    )
    _language(ended)
    _output(ended)
    ended.set_defaults(run=cmd_print, kind=DocumentKind.TERMINATION)

    copy = papers.add_parser(
        "copy",
        help=_("print an issued paper again, marked COPY"),
        description=_(
            "A copy is printed in the language the paper was issued in (and bilingual if it was)."
        ),
    )
    copy.add_argument("reference", metavar="REFERENCE")
    _output(copy)
    copy.set_defaults(run=cmd_print, kind=None)


@requires(Permission.PRINT_PAPERS)
def issue_from_args(session: Any, args: argparse.Namespace) -> IssuedPaper:
    """Resolve case numbers and codes, then issue (or reprint) the paper."""
    from guardian_desk.papers.register import issue_document, reprint
    from guardian_desk.services.children import find_by_case_number
    from guardian_desk.services.staff import find_by_code

    if args.kind is None:
        return reprint(session, args.reference)
    options: dict[str, Any] = {}
    if getattr(args, "case_number", None):
        options["child_id"] = find_by_case_number(session, args.case_number).id
    if getattr(args, "assignment", None) is not None:
        options["assignment_id"] = args.assignment
    if getattr(args, "guardian", None):
        options["guardian_id"] = find_by_code(session, "guardian", args.guardian).id
    if getattr(args, "mediator", None):
        options["mediator_id"] = find_by_code(session, "mediator", args.mediator).id
    if getattr(args, "again", False):
        options["again"] = True
    if getattr(args, "paper_language", None):
        options["language"] = args.paper_language
    if getattr(args, "bilingual", False):
        options["bilingual"] = True
    if args.kind is DocumentKind.SCHEDULE:
        options["period"] = (args.first, args.last)
    if args.kind is DocumentKind.SUMMARY:
        options["fields"] = [f for f in args.fields.split(",") if f.strip()]
        options["purpose"] = args.purpose
        options["recipient"] = args.recipient
    return issue_document(session, args.kind, **options)


def cmd_print(args: argparse.Namespace) -> int:

    target = Path(args.output)
    if not target.parent.is_dir():
        raise ValidationError("-o", str(target), _("is in a folder that does not exist"))

    def work(session: Any) -> IssuedPaper:
        made = issue_from_args(session, args)
        # Before the commit: no registered paper without its file. Owner only (issue 11).
        write_private_bytes(target, made.pdf)
        return made

    paper = unit_of_work(args, work)
    if paper.copy:
        # TRANSLATORS: {reference} is the paper's register number; {number} which copy this is;
        # {subject} what the paper is about; {file} the PDF's path.
        text = _("{reference}: copy {number} of {subject}; written to {file}.")
    else:
        # TRANSLATORS: {reference} is the paper's register number; {subject} what the paper is
        # about; {file} the PDF's path.
        text = _("{reference}: issued {subject}; written to {file}.")
    print(
        text.format(
            reference=paper.reference, number=paper.copies, subject=paper.subject, file=target
        )
    )
    return 0
