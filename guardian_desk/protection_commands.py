"""`guardian-desk warnings` and `guardian-desk screening list CASE_NO` (docs/protection.md).

The early warnings print case numbers, never names: the list may be read over a shoulder.
"""

from __future__ import annotations

import argparse
from typing import Any

from guardian_desk.i18n import _, ngettext
from guardian_desk.i18n.formats import date_text, datetime_text, list_text


def _kind_arg(text: str) -> str:
    from guardian_desk.services.early_warning import WarningKind

    value = text.strip().lower().replace("-", "_")
    if value not in {kind.value for kind in WarningKind}:
        raise argparse.ArgumentTypeError(
            # TRANSLATORS: {value} is what was typed; {kinds} the accepted words, kept in English.
            _("{value} is not a kind of warning ({kinds})").format(
                value=repr(text), kinds=", ".join(kind.value for kind in WarningKind)
            )
        )
    return value


def add_protection_commands(subparsers: Any) -> None:
    warnings = subparsers.add_parser(
        "warnings",
        help=_("early warnings: screenings and referrals due, unverified adults (no names)"),
    )
    warnings.add_argument(
        "--kind",
        action="append",
        type=_kind_arg,
        metavar="KIND",
        help=_("only this kind (may be given more than once), e.g. not_screened"),
    )
    warnings.set_defaults(run=cmd_warnings)

    screening = subparsers.add_parser("screening", help=_("a child's trafficking screenings"))
    actions = screening.add_subparsers(dest="screening_command", required=True)
    listing = actions.add_parser("list", help=_("the child's screenings, the newest first"))
    listing.add_argument("case_number", metavar="CASE_NO")
    listing.set_defaults(run=cmd_screening_list)


def cmd_warnings(args: argparse.Namespace) -> int:
    from guardian_desk.cli import _unit_of_work
    from guardian_desk.services.early_warning import early_warnings, warning_name

    chosen = set(args.kind or ())

    def work(session: Any) -> list[str]:
        found = [w for w in early_warnings(session) if not chosen or w.kind.value in chosen]
        lines = [
            # TRANSLATORS: one warning: case number, the warning, since when, its age.
            _("{case_number}  {warning}  since {date}  {days}  {detail}").format(
                case_number=w.case_number,
                warning=warning_name(w.kind),
                date=date_text(w.since),
                days=ngettext("{count} working day", "{count} working days", w.working_days).format(
                    count=w.working_days
                ),
                detail=w.detail,
            )
            for w in found
        ]
        lines.append(
            ngettext("{count} warning.", "{count} warnings.", len(found)).format(count=len(found))
        )
        return lines

    for text in _unit_of_work(args, work, writes=False):  # type: ignore[attr-defined]
        print(text)
    return 0


def cmd_screening_list(args: argparse.Namespace) -> int:
    from guardian_desk.cli import _unit_of_work
    from guardian_desk.protection.words import DECISION_NAMES, OCCASION_NAMES, SET_NAMES, word
    from guardian_desk.services.children import find_by_case_number
    from guardian_desk.services.screenings import element_name, screenings_of

    def work(session: Any) -> list[str]:
        child = find_by_case_number(session, args.case_number)
        found = screenings_of(session, child.id)
        lines = []
        for s in found:
            if s.positive_elements:
                result = list_text(element_name(e) for e in s.positive_elements)
            else:
                result = _("no positive element")
            if s.flagged:
                # TRANSLATORS: {elements} lists the positive elements; the rule flags the child.
                result = _("{elements} (flagged)").format(elements=result)
            lines.append(
                # TRANSLATORS: one screening: when, why, which list, the result, the decision.
                _("{when}  {occasion}  {list}  {result}  decision: {decision}").format(
                    when=datetime_text(s.screened_at),
                    occasion=word(OCCASION_NAMES, s.occasion),
                    list=word(SET_NAMES, s.indicator_set),
                    result=result,
                    decision=word(DECISION_NAMES, s.decision),
                )
            )
        lines.append(
            ngettext("{count} screening.", "{count} screenings.", len(found)).format(
                count=len(found)
            )
        )
        return lines

    for text in _unit_of_work(args, work, writes=False):  # type: ignore[attr-defined]
        print(text)
    return 0
