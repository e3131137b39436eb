"""`guardian-desk match suggest CASE_NO [--json] [--limit N]` (the JSON shape: docs/matching.md).

``add_match_commands`` adds the ``match`` command to the main parser's subcommands; each
command's ``run(args)`` uses ``args.url`` and ``args.actor`` like the others in cli.py.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict
from datetime import date
from typing import Any

from guardian_desk.matching.results import GuardianProposal, MediatorOption, Suggestion

TEXT_EXCLUSIONS = 15  # the closest misses printed as text; --json gives up to 100


def add_match_commands(subparsers: Any) -> None:
    match = subparsers.add_parser("match", help="suggest guardians and mediators for a child")
    actions = match.add_subparsers(dest="match_command", required=True, metavar="ACTION")
    suggest = actions.add_parser(
        "suggest", help="rank the guardians for one child, with mediators and reasons"
    )
    suggest.add_argument("case_number", metavar="CASE_NO")
    suggest.add_argument("--json", action="store_true", help="print JSON (docs/matching.md)")
    suggest.add_argument(
        "--limit", type=int, default=20, metavar="N", help="proposals to list (default 20)"
    )
    suggest.add_argument(
        "--date",
        type=date.fromisoformat,
        default=None,
        metavar="YYYY-MM-DD",
        help="the assignment date vetting is checked on (default: today)",
    )
    suggest.set_defaults(run=cmd_match_suggest)


def cmd_match_suggest(args: argparse.Namespace) -> int:
    from guardian_desk.cli import _unit_of_work  # cli.py imports this module
    from guardian_desk.matching.confirm import suggest_for_child
    from guardian_desk.services.children import find_by_case_number

    def work(session: Any) -> Suggestion:
        child = find_by_case_number(session, args.case_number)
        return suggest_for_child(session, child.id, today=args.date, limit=max(args.limit, 0))

    found = _unit_of_work(args, work)
    assert isinstance(found, Suggestion)
    if args.json:
        print(json.dumps(suggestion_json(found), ensure_ascii=False, indent=2))
    else:
        print(suggestion_text(found))
    return 0


def _mediator(option: MediatorOption) -> dict[str, Any]:
    return {
        "id": option.mediator_id,
        "code": option.code,
        "name": option.name,
        "sex": option.sex,
        "bridge": option.bridge,
        "score": option.score,
        "parts": [asdict(part) for part in option.parts],
    }


def _proposal(rank: int, proposal: GuardianProposal) -> dict[str, Any]:
    return {
        "rank": rank,
        "guardian": {
            "id": proposal.guardian_id,
            "code": proposal.code,
            "name": proposal.name,
            "sex": proposal.sex,
            "caseload": proposal.caseload,
            "capacity": proposal.capacity,
            "distance_km": proposal.distance_km,
        },
        "score": proposal.score,
        "parts": [asdict(part) for part in proposal.parts],
        "shared_language": proposal.shared_language,
        "mediator": _mediator(proposal.mediator) if proposal.mediator else None,
        "alternatives": [_mediator(option) for option in proposal.alternatives],
    }


def suggestion_json(found: Suggestion) -> dict[str, Any]:
    """The documented JSON shape of a suggestion (docs/matching.md)."""
    return {
        "child": {
            "id": found.child_id,
            "case_number": found.case_number,
            "name": found.child_name,
            "languages": found.languages,
        },
        "proposals": [_proposal(rank, p) for rank, p in enumerate(found.proposals, 1)],
        "excluded": [
            {
                "guardian": {"id": e.guardian_id, "code": e.code, "name": e.name},
                "reasons": list(e.reasons),
            }
            for e in found.excluded
        ],
        "excluded_total": found.excluded_total,
    }


def suggestion_text(found: Suggestion) -> str:
    lines = [
        f"{found.case_number} {found.child_name} — speaks {found.languages or 'nothing recorded'}"
    ]
    if not found.proposals:
        lines.append("No guardian meets every rule.")
    for rank, p in enumerate(found.proposals, 1):
        talk = f"speaks {p.shared_language}" if p.shared_language else "needs a mediator"
        lines.append(
            f"{rank:>3}. {p.score:5.1f}  {p.code}  {p.name}  ({talk}; caseload "
            f"{p.caseload} of {p.capacity})"
        )
        for part in p.parts:
            lines.append(f"          {part.points:5.1f} of {part.weight:4.1f}  {part.label}")
        if p.mediator is not None:
            m = p.mediator
            lines.append(f"        mediator {m.code} {m.name} ({m.bridge}), score {m.score:.1f}")
            for other in p.alternatives:
                lines.append(
                    f"          or {other.code} {other.name} ({other.bridge}), "
                    f"score {other.score:.1f}"
                )
    if found.excluded_total:
        shown = found.excluded[:TEXT_EXCLUSIONS]
        lines.append(f"Excluded: {found.excluded_total} guardians; the closest {len(shown)}:")
        for e in shown:
            lines.append(f"     {e.code}  {e.name}: " + "; ".join(e.reasons))
        if found.excluded_total > len(shown):
            lines.append("     (--json lists more)")
    return "\n".join(lines)
