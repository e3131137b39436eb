"""`guardian-desk transfer (fields | export | import)`: a case bundle for another office.

The passphrase is never an argument (a command line is seen by other users and kept in the
shell's history): it is asked for twice in a terminal, or read from GUARDIAN_DESK_BUNDLE_PASSPHRASE
by a script. It goes to the recipient by another channel than the file (docs/protection.md).
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path
from typing import Any

from guardian_desk.command_session import unit_of_work
from guardian_desk.domain.errors import GuardianDeskError
from guardian_desk.i18n import _, ngettext
from guardian_desk.i18n.formats import datetime_text
from guardian_desk.private_files import write_private_bytes

PASSPHRASE_VAR = "GUARDIAN_DESK_BUNDLE_PASSPHRASE"


class PassphraseRefused(GuardianDeskError):
    """No passphrase could be had, or the two typed differ."""


def add_transfer_commands(subparsers: Any) -> None:
    transfer = subparsers.add_parser(
        "transfer",
        help=_("send a case to another office as an encrypted bundle, or import one"),
    )
    actions = transfer.add_subparsers(dest="transfer_command", required=True)
    actions.add_parser("fields", help=_("the fields a bundle can carry")).set_defaults(
        run=cmd_fields
    )

    export = actions.add_parser(
        "export",
        help=_(
            "seal a case into a bundle for another office; the passphrase is asked for "
            "(or read from {variable})"
        ).format(variable=PASSPHRASE_VAR),
    )
    export.add_argument("case_number", metavar="CASE_NO")
    export.add_argument(
        "--fields",
        required=True,
        help=_("the fields to send, separated by commas (see: transfer fields)"),
    )
    export.add_argument(
        "--attachments",
        type=numbers_arg,
        default=[],
        help=_("the attachments to send, by number, separated by commas"),
    )
    export.add_argument("--recipient", required=True, help=_("the receiving office"))
    export.add_argument("--legal-basis", required=True, help=_("the legal basis for sending"))
    export.add_argument(
        "--consent",
        required=True,
        choices=("given", "refused", "not_asked", "not_required"),
        help=_("the child's consent"),
    )
    export.add_argument("--reference", default="", help=_("the transfer's reference"))
    export.add_argument("--to", required=True, metavar="FILE.gdbundle", help=_("the bundle file"))
    export.add_argument(
        "--summary",
        metavar="FILE.pdf",
        help=_("also print the transfer summary paper to this file"),
    )
    export.set_defaults(run=cmd_export)

    imported = actions.add_parser(
        "import",
        help=_("import a case bundle as a new case; the passphrase is asked for"),
    )
    imported.add_argument("file", metavar="FILE.gdbundle")
    imported.add_argument(
        "--preview", action="store_true", help=_("only show what the bundle carries")
    )
    imported.set_defaults(run=cmd_import)


def _interactive() -> bool:
    return sys.stdin.isatty()


def read_passphrase(*, twice: bool) -> str:
    """From the environment (scripts), else typed in a terminal (twice when sealing)."""
    given = os.environ.get(PASSPHRASE_VAR, "")
    if given:
        return given
    if not _interactive():
        raise PassphraseRefused(
            # TRANSLATORS: {variable} names an environment variable (keep it as it is).
            _("Set {variable}, or run the command in a terminal to be asked.").format(
                variable=PASSPHRASE_VAR
            )
        )
    first = getpass.getpass(_("Bundle passphrase: "))
    if twice and getpass.getpass(_("The same passphrase again: ")) != first:
        raise PassphraseRefused(_("The two passphrases differ; nothing was sent. Try again."))
    return first


def numbers_arg(text: str) -> list[int]:
    """Attachment numbers separated by commas ("12,15")."""
    found = []
    for part in text.split(","):
        part = part.strip()
        if not part:
            continue
        if not part.isdigit():
            raise argparse.ArgumentTypeError(
                _("{value} is not an attachment's number").format(value=repr(part))
            )
        found.append(int(part))
    return found


def _with_identity(listed: str) -> list[str]:
    """The fields named, the identity first: it always goes (the receiving office must know
    whom the case is about), as the send dialog's ticked, greyed box says."""
    from guardian_desk.services.transfers import REQUIRED

    named = [field.strip() for field in listed.split(",") if field.strip()]
    return list(dict.fromkeys([*REQUIRED, *named]))


def cmd_fields(args: argparse.Namespace) -> int:
    from guardian_desk.services.transfers import transfer_fields

    for field in transfer_fields():
        mark = " *" if field.sensitive else ""
        print(f"{field.key:22} {field.label}{mark}")
    print(_("* sensitive: send only when the recipient needs it."))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from guardian_desk.papers.register import issue_transfer_summary
    from guardian_desk.protection.bundle import check_passphrase
    from guardian_desk.services.children import find_by_case_number
    from guardian_desk.services.transfers import export_bundle

    passphrase = check_passphrase(read_passphrase(twice=True))
    target = Path(args.to)
    attachment_ids: list[int] = args.attachments

    def work(session: Any) -> tuple[Any, bytes, bytes | None]:
        child = find_by_case_number(session, args.case_number)
        data, summary = export_bundle(
            session,
            child.id,
            fields=_with_identity(args.fields),
            attachment_ids=attachment_ids,
            recipient=args.recipient,
            legal_basis=args.legal_basis,
            consent=args.consent,
            passphrase=passphrase,
            reference=args.reference,
        )
        paper = issue_transfer_summary(session, summary.disclosure_id) if args.summary else None
        # Written inside the unit of work: a file that cannot be written records no disclosure.
        write_private_bytes(target, data)
        if paper is not None:
            write_private_bytes(Path(args.summary), paper.pdf)
        return summary, data, paper.pdf if paper else None

    result = unit_of_work(args, work)
    summary = result[0]
    print(
        ngettext(
            "{file}: the case {case_number} for {recipient}, {count} attachment.",
            "{file}: the case {case_number} for {recipient}, {count} attachments.",
            len(summary.attachments),
        ).format(
            file=target,
            case_number=summary.case_number,
            recipient=summary.recipient,
            count=len(summary.attachments),
        )
    )
    print(
        _(
            "Give the passphrase to the recipient by another channel (a phone call), never "
            "with the file."
        )
    )
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from guardian_desk.services.transfers import (
        BundlePreview,
        import_bundle,
        preview_bundle,
    )

    data = Path(args.file).read_bytes()
    passphrase = read_passphrase(twice=False)

    def look(session: Any) -> BundlePreview:
        return preview_bundle(session, data, passphrase)

    shown = unit_of_work(args, look, writes=False)
    print(
        # TRANSLATORS: where a case bundle came from: office, country code, when, reference.
        _("From {office} ({country}), sent on {when}, reference {reference}").format(
            office=shown.office,
            country=shown.country,
            when=datetime_text(shown.sent_at),
            reference=shown.reference or "–",
        )
    )
    for label, value in shown.lines:
        print(f"  {label}: {value}")
    for carried in shown.attachments:
        print(f"  {carried.file_name}  SHA-256 {carried.sha256}")
    if args.preview:
        return 0

    result = unit_of_work(args, lambda session: import_bundle(session, data, passphrase))
    print(
        _("Imported as {case_number} (their case number {source}).").format(
            case_number=result.case_number,
            source=result.source_case_number,
        )
    )
    for same in result.possible_duplicates:
        print(
            _(
                "{case_number} {name} may be the same child: compare the records and merge "
                "them if so."
            ).format(case_number=same.case_number, name=same.name)
        )
    return 0
