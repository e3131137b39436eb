"""`guardian-desk match suggest CASE_NO [--json] [--limit N]` and
`guardian-desk match bulk [--apply] [--json]` (the JSON shapes: docs/matching.md).

``add_match_commands`` adds the ``match`` command to the main parser's subcommands; each
command's ``run(args)`` uses ``args.url`` and ``args.actor`` like the others in cli.py.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from dataclasses import asdict
from datetime import date
from typing import TYPE_CHECKING, Any

from guardian_desk.cli_args import date_arg, whole_number_arg
from guardian_desk.command_session import progress_counter, unit_of_work
from guardian_desk.i18n import _, ngettext
from guardian_desk.i18n.formats import list_text, number_text
from guardian_desk.matching.bulk_apply import BulkApplied
from guardian_desk.matching.results import BulkPlan, GuardianProposal, MediatorOption, Suggestion

if TYPE_CHECKING:
    from guardian_desk.matching.pool import MatchingPool

TEXT_EXCLUSIONS = 15  # the closest misses printed as text; --json gives up to 100


def add_match_commands(subparsers: Any) -> None:
    match = subparsers.add_parser("match", help=_("suggest guardians and mediators for a child"))
    actions = match.add_subparsers(dest="match_command", required=True, metavar="ACTION")
    suggest = actions.add_parser(
        "suggest", help=_("rank the guardians for one child, with mediators and reasons")
    )
    suggest.add_argument("case_number", metavar="CASE_NO")
    suggest.add_argument("--json", action="store_true", help=_("print JSON (docs/matching.md)"))
    suggest.add_argument(
        "--limit",
        type=whole_number_arg,
        default=20,
        metavar="N",
        help=_("proposals to list (default 20)"),
    )
    suggest.add_argument(
        "--date",
        type=date_arg,
        default=None,
        metavar="YYYY-MM-DD",
        help=_("the assignment date vetting is checked on (default: today)"),
    )
    suggest.set_defaults(run=cmd_match_suggest)
    bulk = actions.add_parser(
        "bulk", help=_("propose guardians for every child waiting for one (and save them)")
    )
    bulk.add_argument(
        "--apply", action="store_true", help=_("appoint the proposed guardians and mediators")
    )
    bulk.add_argument("--json", action="store_true", help=_("print JSON (docs/matching.md)"))
    bulk.add_argument(
        "--date",
        type=date_arg,
        default=None,
        metavar="YYYY-MM-DD",
        help=_("the appointment date rules are checked on (default: today)"),
    )
    bulk.set_defaults(run=cmd_match_bulk)


def cmd_match_suggest(args: argparse.Namespace) -> int:
    from guardian_desk.matching.confirm import suggest_for_child
    from guardian_desk.services.children import find_by_case_number

    def work(session: Any) -> Suggestion:
        child = find_by_case_number(session, args.case_number)
        return suggest_for_child(session, child.id, today=args.date, limit=max(args.limit, 0))

    found = unit_of_work(args, work)
    if args.json:
        print(json.dumps(suggestion_json(found), ensure_ascii=False, indent=2))
    else:
        print(suggestion_text(found))
    return 0


def _children_counter(
    counter: Callable[[int, int], None], pool: MatchingPool
) -> Callable[[int, int], None]:
    """bulk_match's per mille back to the children looked at (its first SCANNED per mille);
    the terminal shows each count once."""
    from guardian_desk.matching.bulk import SCANNED, waiting_children

    waiting = len(waiting_children(pool))
    shown = [-1]

    def report(done: int, _total: int) -> None:
        children = min(waiting, done * waiting // SCANNED)
        if children > shown[0]:
            shown[0] = children
            counter(children, waiting)

    return report


def cmd_match_bulk(args: argparse.Namespace) -> int:
    from guardian_desk.matching.bulk import bulk_match
    from guardian_desk.matching.bulk_apply import BulkChoice, apply_bulk
    from guardian_desk.matching.loading import load_pool

    on = args.date or date.today()
    quiet = args.json

    def work(session: Any) -> tuple[BulkPlan, BulkApplied | None]:
        pool = load_pool(session, today=on)
        # TRANSLATORS: names the matching on the terminal's progress counter.
        counter = None if quiet else _children_counter(progress_counter(_("children")), pool)
        plan = bulk_match(pool, progress=counter)
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
        # TRANSLATORS: names the appointing on the terminal's progress counter.
        progress = None if quiet else progress_counter(_("appointments"))
        return plan, apply_bulk(session, choices, starts_on=on, progress=progress)

    plan, applied = unit_of_work(args, work)
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


def _score(value: float, width: int = 5) -> str:
    """A score with one decimal, in the language's digits, right-aligned in a column."""
    return f"{number_text(value, digits=1):>{width}}"


def bulk_text(plan: BulkPlan, applied: BulkApplied | None = None) -> str:
    if plan.proven_optimal:
        proof = _("proven optimal")
    elif len(plan.proposals) >= plan.upper_bound:
        proof = _("no plan places more children, score not proven optimal")
    else:
        proof = _("not proven optimal")
    lines = [
        # TRANSLATORS: {count} of {waiting} children got a guardian; {most} could at most;
        # {score} and {best} are scores; {method} names the solver; {proof} says whether the
        # plan is proven optimal.
        ngettext(
            "{count} of {waiting} waiting child matched (at most {most} possible); total score "
            "{score} (at most {best}); {method}, {proof}.",
            "{count} of {waiting} waiting children matched (at most {most} possible); total "
            "score {score} (at most {best}); {method}, {proof}.",
            plan.waiting,
        ).format(
            count=number_text(len(plan.proposals)),
            waiting=number_text(plan.waiting),
            most=number_text(plan.upper_bound),
            score=number_text(plan.total_score, digits=1),
            best=number_text(plan.score_bound, digits=1),
            method=plan.method,
            proof=proof,
        )
    ]
    for p in plan.proposals:
        g = p.proposal
        line = f"  {p.case_number}  {_score(g.score)}  {g.code} {g.name}"
        if g.mediator:
            # TRANSLATORS: after a guardian's name: {code} is the mediator's code, {bridge}
            # the languages they bridge ("Dari → Albanian").
            line += _(", mediator {code} ({bridge})").format(
                code=g.mediator.code, bridge=g.mediator.bridge
            )
        if p.siblings:
            # TRANSLATORS: {siblings} lists the siblings' case numbers.
            line += _(", with siblings {siblings}").format(siblings=list_text(p.siblings))
        lines.append(line)
    if plan.unmatched:
        lines.append(_("Not matched: {count}").format(count=len(plan.unmatched)))
        for u in plan.unmatched:
            lines.append(f"  {u.case_number}  " + "; ".join(u.reasons))
    if applied is not None:
        lines.append(
            _("Appointed: {appointed}; refused: {refused}").format(
                appointed=len(applied.appointed), refused=len(applied.refused)
            )
        )
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
    if found.languages:
        # TRANSLATORS: {case} is the child's case number, {name} their name, {languages} the
        # languages they speak.
        head = _("{case} {name} — speaks {languages}")
    else:
        # TRANSLATORS: {case} is the child's case number, {name} their name.
        head = _("{case} {name} — speaks nothing recorded")
    lines = [head.format(case=found.case_number, name=found.child_name, languages=found.languages)]
    if not found.proposals:
        lines.append(_("No guardian meets every rule."))
    for rank, p in enumerate(found.proposals, 1):
        if p.shared_language:
            # TRANSLATORS: {language} is a language the guardian and the child share;
            # {caseload} of {capacity} children the guardian looks after.
            talk = _("speaks {language}; caseload {caseload} of {capacity}")
        else:
            # TRANSLATORS: {caseload} of {capacity} children the guardian looks after.
            talk = _("needs a mediator; caseload {caseload} of {capacity}")
        said = talk.format(language=p.shared_language, caseload=p.caseload, capacity=p.capacity)
        lines.append(f"{rank:>3}. {_score(p.score)}  {p.code}  {p.name}  ({said})")
        for part in p.parts:
            # TRANSLATORS: a score's part: {points} of at most {weight} points, then its name.
            scored = _("{points} of {weight}  {label}").format(
                points=_score(part.points), weight=_score(part.weight, 4), label=part.label
            )
            lines.append(f"          {scored}")
        if p.mediator is not None:
            m = p.mediator
            # TRANSLATORS: {code} and {name} are the mediator's, {bridge} the languages they
            # bridge ("Dari → Albanian"), {score} their score.
            lines.append(
                "        "
                + _("mediator {code} {name} ({bridge}), score {score}").format(
                    code=m.code, name=m.name, bridge=m.bridge, score=number_text(m.score, digits=1)
                )
            )
            for other in p.alternatives:
                # TRANSLATORS: another mediator who could come instead; as the line above.
                lines.append(
                    "          "
                    + _("or {code} {name} ({bridge}), score {score}").format(
                        code=other.code,
                        name=other.name,
                        bridge=other.bridge,
                        score=number_text(other.score, digits=1),
                    )
                )
    if found.excluded_total:
        shown = found.excluded[:TEXT_EXCLUSIONS]
        # TRANSLATORS: {count} guardians were excluded; the {closest} nearest misses follow.
        excluded = ngettext(
            "Excluded: {count} guardian; the closest {closest}:",
            "Excluded: {count} guardians; the closest {closest}:",
            found.excluded_total,
        )
        lines.append(excluded.format(count=found.excluded_total, closest=len(shown)))
        for e in shown:
            lines.append(f"     {e.code}  {e.name}: " + "; ".join(e.reasons))
        if found.excluded_total > len(shown):
            lines.append("     " + _("(--json lists more)"))
    return "\n".join(lines)
