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
from guardian_desk.command_session import progress_counter, unit_of_work
from guardian_desk.i18n import _, ngettext
from guardian_desk.i18n.formats import date_text, time_text, weekday_text
from guardian_desk.scheduling.results import AppliedPlan, Plan, ProposedVisit, Unplaced


def add_schedule_commands(subparsers: Any) -> None:
    schedule = subparsers.add_parser("schedule", help=_("plan the guardians' visits"))
    actions = schedule.add_subparsers(dest="schedule_command", required=True, metavar="ACTION")
    planner = actions.add_parser(
        "plan", help=_("propose a visit for every child due one, most overdue first")
    )
    planner.add_argument(
        "--from",
        dest="start",
        type=date_arg,
        default=None,
        metavar="YYYY-MM-DD",
        help=_("the first day of the plan (default: today)"),
    )
    planner.add_argument(
        "--weeks",
        type=whole_number_arg,
        default=4,
        metavar="N",
        help=_("how many weeks (default 4)"),
    )
    planner.add_argument(
        "--apply", action="store_true", help=_("save the proposed visits (audited) as planned")
    )
    planner.add_argument("--json", action="store_true", help=_("print JSON (docs/scheduling.md)"))
    planner.set_defaults(run=cmd_schedule_plan)


def cmd_schedule_plan(args: argparse.Namespace) -> int:
    from guardian_desk.scheduling.applying import apply_plan
    from guardian_desk.scheduling.planning import plan

    start = args.start or date.today()
    quiet = args.json or not sys.stderr.isatty()

    def work(session: Any) -> tuple[Plan, AppliedPlan | None]:
        # TRANSLATORS: names the planning on the terminal's progress counter.
        planning = None if quiet else progress_counter(_("plan"))
        made = plan(session, start, args.weeks, progress=planning)
        if not args.apply:
            return made, None
        # TRANSLATORS: names the saving on the terminal's progress counter.
        saving = None if quiet else progress_counter(_("save"))
        saved = apply_plan(session, made.proposals, progress=saving)
        return made, saved

    result = unit_of_work(args, work)
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
        # TRANSLATORS: {first} and {last} are days; {proposed}, {unplaced} and {not_due} count
        # children: a visit proposed, no free slot found, no visit due yet.
        _(
            "Visits from {first} to {last}: {proposed} proposed, {unplaced} with no slot, "
            "{not_due} not due."
        ).format(
            first=date_text(made.first_day),
            last=date_text(made.last_day),
            proposed=len(made.proposals),
            unplaced=len(made.unplaced),
            not_due=made.not_due,
        )
    ]
    if made.proposals:
        # TRANSLATORS: the plan's column headings (a text table: keep them short).
        headings = (_("case"), _("when"), _("guardian"), _("mediator"), _("facility"), _("due"))
        case, when, guardian, mediator, facility, due = headings
        lines.append(
            f"{_cut(case, 14):<15}{_cut(when, 27):<28}{_cut(guardian, 25):<26}"
            f"{_cut(mediator, 25):<26}{_cut(facility, 29):<30}{due}"
        )
    for p in made.proposals:
        moment = f"{weekday_text(p.starts_at)} {date_text(p.starts_at.date())} "
        moment += f"{time_text(p.starts_at)}–{time_text(p.ends_at)}"
        due_on = date_text(p.due_on)
        if p.days_overdue:
            # TRANSLATORS: after the day a visit was due.
            late = ngettext(
                "{day} ({count} day overdue)", "{day} ({count} days overdue)", p.days_overdue
            )
            due_on = late.format(day=due_on, count=p.days_overdue)
        lines.append(
            f"{p.case_number:<15}{moment:<28}{_cut(p.guardian_name, 25):<26}"
            f"{_cut(p.mediator_name or '-', 25):<26}{_cut(p.facility_name, 29):<30}"
            f"{due_on}"
        )
    if made.unplaced:
        lines.append(_("No slot found:"))
    for u in made.unplaced:
        # TRANSLATORS: {day} is the day a visit was due; {reason} why no slot was found.
        why = _("due {day}: {reason}").format(day=date_text(u.due_on), reason=u.reason)
        lines.append(f"{u.case_number:<15}{why}")
    if saved is not None:
        count = len(saved.visit_ids)
        lines.append(
            ngettext("Saved {count} planned visit.", "Saved {count} planned visits.", count).format(
                count=count
            )
        )
    else:
        lines.append(_("Nothing saved; run again with --apply to book these visits."))
    return "\n".join(lines)


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
