"""`guardian-desk referral (add | status | list | letter)`: referrals on the command line
(docs/protection.md, "Referral").

Dates are typed "YYYY-MM-DD". The letter prints only the fields named with --fields (the case
number always); `referral letter --list-fields` shows them.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import Any

from guardian_desk.command_session import unit_of_work
from guardian_desk.domain.vocabularies import CONSENTS, RECIPIENTS, REFERRAL_STATUSES
from guardian_desk.i18n import _, ngettext
from guardian_desk.i18n.formats import date_text
from guardian_desk.private_files import write_private_bytes


def day_arg(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            # TRANSLATORS: {value} is what was typed, quoted; keep YYYY-MM-DD as it is.
            _("{value} is not a date in the form YYYY-MM-DD").format(value=repr(text))
        ) from None


def fields_arg(text: str) -> list[str]:
    """Field keys separated by commas, each checked against the letter's fields."""
    from guardian_desk.papers.referral_letter import LETTER_FIELDS

    keys = [key.strip() for key in text.split(",") if key.strip()]
    unknown = [key for key in keys if key not in LETTER_FIELDS]
    if unknown:
        raise argparse.ArgumentTypeError(
            # TRANSLATORS: {value} is the unknown field key; {fields} lists the known ones.
            _("{value} is not a referral letter field ({fields})").format(
                value=repr(unknown[0]), fields=", ".join(LETTER_FIELDS)
            )
        )
    return keys


def add_referral_commands(subparsers: Any) -> None:
    referral = subparsers.add_parser(
        "referral", help=_("referrals to services, their answers and the referral letter")
    )
    actions = referral.add_subparsers(dest="referral_command", required=True)

    listing = actions.add_parser("list", help=_("a child's referrals, the latest first"))
    listing.add_argument("case_number", metavar="CASE_NO")
    listing.set_defaults(run=cmd_list)

    add = actions.add_parser("add", help=_("record a referral of a child to a service"))
    add.add_argument("case_number", metavar="CASE_NO")
    add.add_argument("--to", required=True, choices=RECIPIENTS, help=_("the kind of service"))
    add.add_argument("--name", default="", help=_("the service's name"))
    add.add_argument(
        "--sent", type=day_arg, default=None, metavar="YYYY-MM-DD", help=_("default: today")
    )
    add.add_argument(
        "--legal-basis", default="", help=_("default: the office's legal basis (settings)")
    )
    add.add_argument("--reason", default="", help=_("why the child is referred"))
    add.add_argument("--child-consent", choices=CONSENTS, default="not_asked")
    add.add_argument("--guardian-consent", choices=CONSENTS, default="not_asked")
    add.add_argument(
        "--screening",
        action="store_true",
        help=_("name the child's latest screening in the referral"),
    )
    add.set_defaults(run=cmd_add)

    status = actions.add_parser("status", help=_("record the service's answer"))
    status.add_argument("referral_id", type=int, metavar="REFERRAL_ID")
    status.add_argument("status", choices=REFERRAL_STATUSES)
    status.add_argument(
        "--on", type=day_arg, default=None, metavar="YYYY-MM-DD", help=_("default: today")
    )
    status.add_argument("--response", default=None, help=_("what the service answered"))
    status.add_argument("--their-reference", default=None, help=_("the service's reference"))
    status.set_defaults(run=cmd_status)

    letter = actions.add_parser(
        "letter", help=_("issue the referral letter with only the fields named")
    )
    letter.add_argument("referral_id", type=int, nargs="?", metavar="REFERRAL_ID")
    letter.add_argument("output", nargs="?", metavar="FILE.pdf")
    letter.add_argument(
        "--fields",
        type=fields_arg,
        default=None,
        metavar="KEY,KEY",
        help=_("the fields the letter carries, e.g. sex,nationality,reason,legal_basis"),
    )
    letter.add_argument(
        "--list-fields", action="store_true", help=_("show the fields a letter can carry")
    )
    from guardian_desk.papers.commands import language_arg  # checks the code, names a wrong one

    letter.add_argument(
        "--language",
        default=None,
        type=language_arg,
        metavar="CODE",
        help=_("the paper's language, e.g. sq"),
    )
    letter.add_argument("--bilingual", action="store_true", help=_("with English beside it"))
    letter.set_defaults(run=cmd_letter)


def _line(info: Any) -> str:
    from guardian_desk.protection.words import REFERRAL_STATUS_NAMES, word

    # TRANSLATORS: one referral: its number, to whom, when sent, its status and since when.
    return _("#{id}  {recipient}  sent {sent}; {status} since {since}").format(
        id=info.referral_id,
        recipient=info.recipient,
        sent=date_text(info.sent_on),
        status=word(REFERRAL_STATUS_NAMES, info.status).lower(),
        since=date_text(info.status_on),
    )


def cmd_list(args: argparse.Namespace) -> int:
    from guardian_desk.services.children import find_by_case_number
    from guardian_desk.services.referrals import referrals_of

    def work(session: Any) -> list[str]:
        child = find_by_case_number(session, args.case_number)
        found = referrals_of(session, child.id)
        lines = [_line(info) for info in found]
        lines.append(
            ngettext(
                "{case_number}: {count} referral.", "{case_number}: {count} referrals.", len(found)
            ).format(case_number=child.case_number, count=len(found))
        )
        return lines

    for text in unit_of_work(args, work, writes=False):
        print(text)
    return 0


def cmd_add(args: argparse.Namespace) -> int:
    from guardian_desk.services.case_closure import office_today
    from guardian_desk.services.children import find_by_case_number
    from guardian_desk.services.referrals import ReferralInput, create_referral, latest_screening

    def work(session: Any) -> str:
        child = find_by_case_number(session, args.case_number)
        screening = latest_screening(session, child.id) if args.screening else None
        info = create_referral(
            session,
            ReferralInput(
                child_id=child.id,
                recipient_kind=args.to,
                recipient_name=args.name,
                sent_on=args.sent or office_today(session),
                legal_basis=args.legal_basis,
                reason=args.reason,
                child_consent=args.child_consent,
                guardian_consent=args.guardian_consent,
                screening_id=screening.screening_id if screening else None,
            ),
        )
        # TRANSLATORS: {id} is the referral's number, {recipient} to whom it was sent.
        return _("Referral #{id} recorded: {case_number} to {recipient}.").format(
            id=info.referral_id, case_number=info.case_number, recipient=info.recipient
        )

    print(unit_of_work(args, work))
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    from guardian_desk.services.case_closure import office_today
    from guardian_desk.services.referrals import referral_info, update_status

    def work(session: Any) -> str:
        current = referral_info(session, args.referral_id)
        info = update_status(
            session,
            current.referral_id,
            current.version,
            args.status,
            args.on or office_today(session),
            current.response if args.response is None else args.response,
            current.their_reference if args.their_reference is None else args.their_reference,
        )
        return _line(info)

    print(unit_of_work(args, work))
    return 0


def cmd_letter(args: argparse.Namespace) -> int:
    from guardian_desk.papers.referral_letter import LETTER_FIELDS, SENSITIVE

    if args.list_fields:
        for key, label in LETTER_FIELDS.items():
            mark = "  " + _("(sensitive)") if key in SENSITIVE else ""
            print(f"{key:22} {_(label)}{mark}")
        return 0
    if args.referral_id is None or args.output is None or args.fields is None:
        import sys

        print(
            _("referral letter: give REFERRAL_ID, FILE.pdf and --fields (or --list-fields)"),
            file=sys.stderr,
        )
        return 2
    from guardian_desk.services.referrals import issue_referral_letter

    target = Path(args.output)

    def work(session: Any) -> str:
        paper = issue_referral_letter(
            session,
            args.referral_id,
            args.fields,
            language=args.language,
            bilingual=args.bilingual,
        )
        write_private_bytes(target, paper.pdf)
        return paper.reference

    reference = unit_of_work(args, work)
    print(_("Issued {reference}: {file}").format(reference=reference, file=target))
    return 0
