"""`guardian-desk child duplicates` and `guardian-desk child merge KEEP OTHER`.

``add_duplicate_commands`` adds them under the ``child`` command (made here, or found if
another part of the command line made it first).
"""

from __future__ import annotations

import argparse
from typing import Any

from guardian_desk.command_session import unit_of_work
from guardian_desk.i18n import _, ngettext


def child_actions(subparsers: Any) -> Any:
    """The ``child`` command's actions, made once whichever part of the command line asks."""
    parser = subparsers.choices.get("child")
    if parser is None:
        parser = subparsers.add_parser("child", help=_("work on children's records"))
    for action in parser._actions:  # argparse keeps the sub-actions only there
        if isinstance(action, argparse._SubParsersAction):
            return action
    return parser.add_subparsers(dest="child_command", required=True, metavar="ACTION")


def add_duplicate_commands(subparsers: Any) -> None:
    actions = child_actions(subparsers)
    listing = actions.add_parser(
        "duplicates",
        help=_(
            "list pairs of children who are likely one child (same nationality, birth years "
            "at most one apart, names alike in any script)"
        ),
    )
    listing.add_argument(
        "--limit", type=int, default=200, metavar="N", help=_("at most N pairs (default 200)")
    )
    listing.set_defaults(run=cmd_child_duplicates)
    dismiss = actions.add_parser(
        "not-duplicate",
        help=_("mark two children as not the same child: the pair is not listed again"),
    )
    dismiss.add_argument("first", metavar="CASE_NUMBER")
    dismiss.add_argument("second", metavar="CASE_NUMBER")
    dismiss.set_defaults(run=cmd_child_not_duplicate)
    merge = actions.add_parser(
        "merge",
        help=_(
            "merge the record OTHER into KEEP: everything of both stays on KEEP, OTHER's case "
            "number stays searchable"
        ),
    )
    merge.add_argument("keep", metavar="KEEP")
    merge.add_argument("other", metavar="OTHER")
    merge.set_defaults(run=cmd_child_merge)


def _year(year: int | None) -> str:
    return str(year) if year is not None else "?"


def cmd_child_duplicates(args: argparse.Namespace) -> int:
    from guardian_desk.services.duplicates import possible_duplicates

    pairs = unit_of_work(args, lambda s: possible_duplicates(s, limit=args.limit), writes=False)
    for pair in pairs:
        first, second = pair.first, pair.second
        print(
            f"{pair.score:>3}  {first.case_number}  {first.name} ({_year(first.birth_year)}, "
            f"{first.nationality})  ~  {second.case_number}  {second.name} "
            f"({_year(second.birth_year)}, {second.nationality})"
        )
    print(
        ngettext(
            "{count} pair of possible duplicates.",
            "{count} pairs of possible duplicates.",
            len(pairs),
        ).format(count=len(pairs))
    )
    return 0


def cmd_child_not_duplicate(args: argparse.Namespace) -> int:
    from guardian_desk.services.duplicates import dismiss_pair
    from guardian_desk.services.merge import resolve_case_number

    def work(session: Any) -> bool:
        first = resolve_case_number(session, args.first)
        second = resolve_case_number(session, args.second)
        return dismiss_pair(session, first, second)

    changed = unit_of_work(args, work)
    if changed:
        print(
            _("{first} and {second} are marked as not the same child.").format(
                first=args.first.upper(), second=args.second.upper()
            )
        )
    else:
        print(
            _("{first} and {second} were already marked as not the same child.").format(
                first=args.first.upper(), second=args.second.upper()
            )
        )
    return 0


def cmd_child_merge(args: argparse.Namespace) -> int:
    from guardian_desk.services.merge import MergeResult, merge_children, resolve_case_number

    def work(session: Any) -> MergeResult:
        keep = resolve_case_number(session, args.keep)
        other = resolve_case_number(session, args.other)
        return merge_children(session, keep, other)

    result = unit_of_work(args, work)
    moved = sum(result.moved.values())
    print(
        ngettext(
            "Merged {other} into {keep}: {count} record moved; {other} now finds {keep}.",
            "Merged {other} into {keep}: {count} records moved; {other} now finds {keep}.",
            moved,
        ).format(other=result.merged_case_number, keep=result.kept_case_number, count=moved)
    )
    return 0
