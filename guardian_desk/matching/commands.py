"""`guardian-desk match suggest CASE_NO [--json] [--limit N]` and
`guardian-desk match bulk [--apply] [--json]` (the JSON shapes: docs/matching.md).

``add_match_commands`` adds the ``match`` command to the main parser's subcommands; each
command's ``run(args)`` uses ``args.url`` and ``args.actor`` like the others in cli.py.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict
from datetime import date
from typing import Any, cast

from guardian_desk.cli_args import date_arg, whole_number_arg
from guardian_desk.matching.bulk_apply import BulkApplied
from guardian_desk.matching.results import BulkPlan, GuardianProposal, MediatorOption, Suggestion

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
        "--limit",
        type=whole_number_arg,
        default=20,
        metavar="N",
        help="proposals to list (default 20)",
    )
    suggest.add_argument(
        "--date",
        type=date_arg,
        default=None,
        metavar="YYYY-MM-DD",
        help="the assignment date vetting is checked on (default: today)",
    )
    suggest.set_defaults(run=cmd_match_suggest)
    bulk = actions.add_parser(
        "bulk", help="propose guardians for every child waiting for one (and save them)"
    )
    bulk.add_argument(
        "--apply", action="store_true", help="appoint the proposed guardians and mediators"
    )
    bulk.add_argument("--json", action="store_true", help="print JSON (docs/matching.md)")
    bulk.add_argument(
        "--date",
        type=date_arg,
        default=None,
        metavar="YYYY-MM-DD",
        help="the appointment date rules are checked on (default: today)",
    )
    bulk.set_defaults(run=cmd_match_bulk)


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


def cmd_match_bulk(args: argparse.Namespace) -> int:
    from guardian_desk.cli import _progress, _unit_of_work
    from guardian_desk.matching.bulk import bulk_match
    from guardian_desk.matching.bulk_apply import BulkChoice, apply_bulk
    from guardian_desk.matching.loading import load_pool

    on = args.date or date.today()
    quiet = args.json

    def work(session: Any) -> tuple[BulkPlan, BulkApplied | None]:
        pool = load_pool(session, today=on)
        plan = bulk_match(pool, progress=None if quiet else _progress("children"))
        if not args.apply:
            return plan, None
        choices = [
            BulkChoice(
                p.child_id,
                p.proposal.guardian_id,
                p.proposal.mediator.mediator_id if p.proposal.mediator else None,
            )
            for p in plan.proposals
        ]
        progress = None if quiet else _progress("appointments")
        return plan, apply_bulk(session, choices, starts_on=on, progress=progress)

    plan, applied = cast(tuple[BulkPlan, BulkApplied | None], _unit_of_work(args, work))
    if args.json:
        print(json.dumps(bulk_json(plan, applied), ensure_ascii=False, indent=2))
    else:
        print(bulk_text(plan, applied))
    return 0


def bulk_json(plan: BulkPlan, applied: BulkApplied | None = None) -> dict[str, Any]:
    """The documented JSON shape of a bulk plan (docs/matching.md)."""
    found: dict[str, Any] = {
        "waiting": plan.waiting,
        "matched": len(plan.proposals),
        "upper_bound": plan.upper_bound,
        "total_score": plan.total_score,
        "score_bound": plan.score_bound,
        "proven_optimal": plan.proven_optimal,
        "method": plan.method,
        "proposals": [
            {
                "child": {"id": p.child_id, "case_number": p.case_number, "name": p.child_name},
                "siblings_together": list(p.siblings),
                **_proposal(rank, p.proposal),
            }
            for rank, p in enumerate(plan.proposals, 1)
        ],
        "unmatched": [
            {
                "child": {"id": u.child_id, "case_number": u.case_number, "name": u.child_name},
                "reasons": list(u.reasons),
            }
            for u in plan.unmatched
        ],
    }
    for item in found["proposals"]:
        del item["rank"], item["alternatives"]
    if applied is not None:
        found["applied"] = {
            "appointed": list(applied.appointed),
            "refused": [{"case_number": c, "reason": why} for c, why in applied.refused],
        }
    return found


def bulk_text(plan: BulkPlan, applied: BulkApplied | None = None) -> str:
    proof = "proven optimal" if plan.proven_optimal else "not proven optimal"
    lines = [
        f"{len(plan.proposals)} of {plan.waiting} waiting children matched "
        f"(at most {plan.upper_bound} possible); total score {plan.total_score:.1f} "
        f"(at most {plan.score_bound:.1f}); {plan.method}, {proof}."
    ]
    for p in plan.proposals:
        g = p.proposal
        with_whom = f", mediator {g.mediator.code} ({g.mediator.bridge})" if g.mediator else ""
        together = f", with siblings {', '.join(p.siblings)}" if p.siblings else ""
        lines.append(f"  {p.case_number}  {g.score:5.1f}  {g.code} {g.name}{with_whom}{together}")
    if plan.unmatched:
        lines.append(f"Not matched: {len(plan.unmatched)}")
        for u in plan.unmatched:
            lines.append(f"  {u.case_number}  " + "; ".join(u.reasons))
    if applied is not None:
        lines.append(f"Appointed: {len(applied.appointed)}; refused: {len(applied.refused)}")
        for case_number, why in applied.refused:
            lines.append(f"  {case_number}  {why}")
    return "\n".join(lines)


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
