"""`guardian-desk warnings`, `guardian-desk screening list CASE_NO` and `guardian-desk screening
indicators list|import FILE|export FILE` (the office's own indicators; docs/protection.md).

The early warnings print case numbers, never names: the list may be read over a shoulder.
"""

from __future__ import annotations

import argparse
from typing import Any

from guardian_desk.command_session import unit_of_work
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
    add_indicator_commands(actions)


def add_indicator_commands(actions: Any) -> None:
    indicators = actions.add_parser(
        "indicators",
        help=_("the screening indicators the office added (listed, imported, exported)"),
    )
    verbs = indicators.add_subparsers(dest="indicators_command", required=True)
    listing = verbs.add_parser("list", help=_("the office's indicators, by list"))
    listing.set_defaults(run=cmd_indicators_list)
    importing = verbs.add_parser(
        "import",
        help=_(
            "replace the office's indicators with those of a JSON file (the indicator file's "
            "format); a bad entry refuses the whole file"
        ),
    )
    importing.add_argument("file", metavar="FILE")
    importing.set_defaults(run=cmd_indicators_import)
    exporting = verbs.add_parser(
        "export", help=_("write the office's indicators to a JSON file (the same format)")
    )
    exporting.add_argument("file", metavar="FILE")
    exporting.set_defaults(run=cmd_indicators_export)


def _list_name(indicator_set: str) -> str:
    from guardian_desk.protection.indicators import OFFICE_SET
    from guardian_desk.protection.words import SET_NAMES, word

    if indicator_set == OFFICE_SET:
        # TRANSLATORS: the list of an indicator the office added for both published lists.
        return _("Both lists (office)")
    return word(SET_NAMES, indicator_set)


def _indicator_lines(entries: list[dict[str, Any]]) -> list[str]:
    from guardian_desk.i18n import current_language
    from guardian_desk.i18n.transliteration import serbian_latin
    from guardian_desk.protection.indicators import Strength
    from guardian_desk.protection.words import strength_name
    from guardian_desk.services.screenings import element_name

    language = current_language()
    lines = []
    for entry in entries:
        texts = entry["text"]
        text = texts.get(language) or texts["en"]
        if language == "sr-Latn":
            text = serbian_latin(texts["sr"]) if texts.get("sr") else texts["en"]
        lines.append(
            # TRANSLATORS: one indicator the office added: its id, list, element, strength, text.
            _("{id}  {list}  {element}  {strength}  {text}").format(
                id=entry["id"],
                list=_list_name(entry["set"]),
                element=element_name(entry["element"]),
                strength=strength_name(Strength(entry["strength"])),
                text=text,
            )
        )
    lines.append(
        ngettext(
            "{count} indicator added by the office.",
            "{count} indicators added by the office.",
            len(entries),
        ).format(count=len(entries))
    )
    return lines


def cmd_indicators_list(args: argparse.Namespace) -> int:
    from guardian_desk.services.screenings import office_indicators

    def work(session: Any) -> list[str]:
        return _indicator_lines(office_indicators(session))

    for text in unit_of_work(args, work, writes=False):
        print(text)
    return 0


def cmd_indicators_import(args: argparse.Namespace) -> int:
    from pathlib import Path

    from guardian_desk.protection.indicators import read_office_file
    from guardian_desk.services.screenings import office_indicators, set_office_indicators

    entries = read_office_file(Path(args.file))

    def work(session: Any) -> list[str]:
        set_office_indicators(session, entries)
        return _indicator_lines(office_indicators(session))

    for text in unit_of_work(args, work):
        print(text)
    return 0


def cmd_indicators_export(args: argparse.Namespace) -> int:
    from pathlib import Path

    from guardian_desk.protection.indicators import write_office_file
    from guardian_desk.services.screenings import office_indicators_file

    data: Any = unit_of_work(args, office_indicators_file, writes=False)
    write_office_file(Path(args.file), data)
    count = len(data["indicators"])
    print(
        # TRANSLATORS: {file} is the file written.
        ngettext(
            "{count} indicator written to {file}.",
            "{count} indicators written to {file}.",
            count,
        ).format(count=count, file=args.file)
    )
    return 0


def cmd_warnings(args: argparse.Namespace) -> int:
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

    for text in unit_of_work(args, work, writes=False):
        print(text)
    return 0


def cmd_screening_list(args: argparse.Namespace) -> int:
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

    for text in unit_of_work(args, work, writes=False):
        print(text)
    return 0
