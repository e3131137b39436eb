"""`guardian-desk audit verify [--expect HASH]`: is the audit trail as it was written?

``add_audit_commands`` adds the ``audit`` command to the main parser's subcommands. The check
reads only; it prints one line and exits 0 when every row matches its hash and links to the
one before it, 1 at the first broken link (services/audit_chain.py).
"""

from __future__ import annotations

import argparse
from typing import Any

from guardian_desk.command_session import unit_of_work
from guardian_desk.i18n import _


def add_audit_commands(subparsers: Any) -> None:
    audit = subparsers.add_parser("audit", help=_("check the audit trail"))
    actions = audit.add_subparsers(dest="audit_command", required=True, metavar="ACTION")
    verify = actions.add_parser(
        "verify", help=_("check that no audit row was changed or removed since it was written")
    )
    verify.add_argument(
        "--expect",
        metavar="HASH",
        default=None,
        help=_(
            "a last hash printed by an earlier check: that row must still be in the trail "
            "(finds rows removed from the end)"
        ),
    )
    verify.set_defaults(run=cmd_audit_verify)


def cmd_audit_verify(args: argparse.Namespace) -> int:
    from guardian_desk.services.audit_chain import noted_hash, verify

    expect = None if args.expect is None else noted_hash(args.expect, "--expect")
    report = unit_of_work(args, lambda session: verify(session, expect_hash=expect), writes=False)
    print(report.line())
    return 0 if report.intact else 1
