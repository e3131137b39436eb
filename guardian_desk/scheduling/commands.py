"""`guardian-desk schedule plan --from DATE --weeks N [--apply] [--json]` (docs/scheduling.md).

``add_schedule_commands`` adds the ``schedule`` command to the main parser's subcommands;
each command's ``run(args)`` uses ``args.url`` and ``args.actor`` like the others in cli.py.
Children are named by case number only: the output may be pasted or mailed.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date, datetime
from typing import Any

from guardian_desk.cli_args import date_arg, whole_number_arg
from guardian_desk.scheduling.results import AppliedPlan, Plan, ProposedVisit, Unplaced


def add_schedule_commands(subparsers: Any) -> None:
    schedule = subparsers.add_parser("schedule", help="plan the guardians' visits")
    actions = schedule.add_subparsers(dest="schedule_command", required=True, metavar="ACTION")
    planner = actions.add_parser(
        "plan", help="propose a visit for every child due one, most overdue first"
    )
    planner.add_argument(
        "--from",
        dest="start",
        type=date_arg,
        default=None,
        metavar="YYYY-MM-DD",
        help="the first day of the plan (default: today)",
    )
    planner.add_argument(
        "--weeks", type=whole_number_arg, default=4, metavar="N", help="how many weeks (default 4)"
    )
    planner.add_argument(
        "--apply", action="store_true", help="save the proposed visits (audited) as planned"
    )
    planner.add_argument("--json", action="store_true", help="print JSON (docs/scheduling.md)")
    planner.set_defaults(run=cmd_schedule_plan)


def cmd_schedule_plan(args: argparse.Namespace) -> int:
    from guardian_desk.cli import _progress, _unit_of_work  # cli.py imports this module
    from guardian_desk.scheduling.applying import apply_plan
    from guardian_desk.scheduling.planning import plan

    start = args.start or date.today()
    quiet = args.json or not sys.stderr.isatty()

    def work(session: Any) -> tuple[Plan, AppliedPlan | None]:
        made = plan(session, start, args.weeks, progress=None if quiet else _progress("plan"))
        if not args.apply:
            return made, None
        saved = apply_plan(session, made.proposals, progress=None if quiet else _progress("save"))
        return made, saved

    result = _unit_of_work(args, work)
    assert isinstance(result, tuple)
    made: Plan = result[0]
    saved: AppliedPlan | None = result[1]
    if args.json:
        print(json.dumps(plan_json(made, saved), ensure_ascii=False, indent=2))
    else:
        print(plan_text(made, saved))
    return 0


def _time(moment: datetime) -> str:
    return moment.isoformat(timespec="minutes")


def _proposal(p: ProposedVisit) -> dict[str, Any]:
    return {
        "case_number": p.case_number,
        "guardian": {"id": p.guardian_id, "name": p.guardian_name},
        "mediator": {"id": p.mediator_id, "name": p.mediator_name} if p.mediator_id else None,
        "facility": {"id": p.facility_id, "name": p.facility_name},
        "starts_at": _time(p.starts_at),
        "ends_at": _time(p.ends_at),
        "starts_at_utc": _time(p.starts_at_utc),
        "ends_at_utc": _time(p.ends_at_utc),
        "due_on": p.due_on.isoformat(),
        "days_overdue": p.days_overdue,
        "first_visit": p.first_visit,
    }


def _unplaced(u: Unplaced) -> dict[str, Any]:
    return {
        "case_number": u.case_number,
        "guardian": {"id": u.guardian_id, "name": u.guardian_name},
        "due_on": u.due_on.isoformat(),
        "days_overdue": u.days_overdue,
        "reason": u.reason,
    }


def plan_json(made: Plan, saved: AppliedPlan | None = None) -> dict[str, Any]:
    """The documented JSON shape of a plan (docs/scheduling.md)."""
    return {
        "from": made.first_day.isoformat(),
        "to": made.last_day.isoformat(),
        "proposals": [_proposal(p) for p in made.proposals],
        "unplaced": [_unplaced(u) for u in made.unplaced],
        "not_due": made.not_due,
        "applied": saved is not None,
        "visit_ids": list(saved.visit_ids) if saved is not None else [],
    }


def plan_text(made: Plan, saved: AppliedPlan | None = None) -> str:
    lines = [
        f"Visits from {made.first_day.isoformat()} to {made.last_day.isoformat()}: "
        f"{len(made.proposals)} proposed, {len(made.unplaced)} with no slot, "
        f"{made.not_due} not due."
    ]
    if made.proposals:
        lines.append(f"{'case':<15}{'when':<28}{'guardian':<26}{'mediator':<26}{'facility':<30}due")
    for p in made.proposals:
        when = f"{p.starts_at:%a %Y-%m-%d %H:%M}–{p.ends_at:%H:%M}"
        late = f" ({p.days_overdue} days overdue)" if p.days_overdue else ""
        lines.append(
            f"{p.case_number:<15}{when:<28}{_cut(p.guardian_name, 25):<26}"
            f"{_cut(p.mediator_name or '-', 25):<26}{_cut(p.facility_name, 29):<30}"
            f"{p.due_on.isoformat()}{late}"
        )
    if made.unplaced:
        lines.append("No slot found:")
    for u in made.unplaced:
        lines.append(f"{u.case_number:<15}due {u.due_on.isoformat()}: {u.reason}")
    if saved is not None:
        count = len(saved.visit_ids)
        lines.append(f"Saved {count} planned visit{'' if count == 1 else 's'}.")
    else:
        lines.append("Nothing saved; run again with --apply to book these visits.")
    return "\n".join(lines)


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
