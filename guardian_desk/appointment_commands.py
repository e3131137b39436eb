"""`guardian-desk appointment (list | end | change-guardian)` and `guardian-desk case (close |
reopen)`: the end of appointments and of cases on the command line (docs/casework.md).

``case close`` without ``--yes`` only says what closing would change; with it, it closes
exactly that (refused if the case changed in between).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from guardian_desk.cli_args import date_arg, whole_number_arg
from guardian_desk.command_session import unit_of_work
from guardian_desk.domain.closure import (
    ClosureReason,
    EndReason,
    closure_reason_text,
    end_reason_text,
)
from guardian_desk.domain.enums import DocumentKind
from guardian_desk.domain.errors import ValidationError
from guardian_desk.i18n import _, ngettext
from guardian_desk.i18n.formats import date_text, datetime_text
from guardian_desk.private_files import write_private_bytes


def _day(parser: argparse.ArgumentParser, *, help_text: str) -> None:
    parser.add_argument(
        "--on", dest="on", type=date_arg, metavar="YYYY-MM-DD", help=help_text, default=None
    )


def _reasons(values: Any) -> str:
    return ", ".join(value.value for value in values)


def add_appointment_commands(subparsers: Any) -> None:
    appointment = subparsers.add_parser(
        "appointment", help=_("end a guardian's or a mediator's appointment, change the guardian")
    )
    actions = appointment.add_subparsers(dest="appointment_command", required=True)

    listing = actions.add_parser("list", help=_("a child's appointments, current and ended"))
    listing.add_argument("case_number", metavar="CASE_NO")
    listing.set_defaults(run=cmd_list)

    end = actions.add_parser(
        "end",
        help=_("end an appointment; the person's planned visits with the child are cancelled"),
        # TRANSLATORS: {reasons} lists the values --reason takes (keep them as they are).
        description=_("Reasons: {reasons}").format(reasons=_reasons(EndReason)),
    )
    end.add_argument("assignment", type=whole_number_arg, metavar="ID")
    _day(end, help_text=_("the last day (default: today)"))
    end.add_argument("--reason", required=True, choices=[r.value for r in EndReason])
    end.add_argument("--note", default="", help=_("in your words (required for 'other')"))
    end.add_argument(
        "--print", dest="output", metavar="FILE.pdf", help=_("also issue the termination decision")
    )
    end.set_defaults(run=cmd_end)

    change = actions.add_parser(
        "change-guardian",
        help=_("end the guardian's appointment and appoint another from the same day"),
        description=_("Reasons: {reasons}").format(reasons=_reasons(EndReason)),
    )
    change.add_argument("case_number", metavar="CASE_NO")
    change.add_argument("guardian", metavar="GUARDIAN_CODE", help=_("the new guardian"))
    _day(change, help_text=_("the day the new guardian starts (default: today)"))
    change.add_argument(
        "--visits",
        required=True,
        choices=["move", "cancel"],
        help=_("the old guardian's planned visits: move them to the new guardian, or cancel"),
    )
    change.add_argument(
        "--reason", default=EndReason.REPLACED.value, choices=[r.value for r in EndReason]
    )
    change.add_argument("--note", default="", help=_("in your words (required for 'other')"))
    change.add_argument("--handover", default="", help=_("what the new guardian must know"))
    change.add_argument("--decision-ref", default="", help=_("the new decision's reference"))
    change.add_argument(
        "--override-reason", default="", help=_("a written reason to override a rule")
    )
    change.add_argument(
        "--print",
        dest="output",
        metavar="FOLDER",
        help=_("also issue the termination and the new appointment decisions into FOLDER"),
    )
    change.set_defaults(run=cmd_change)

    case = subparsers.add_parser("case", help=_("close a child's case, or reopen it"))
    case_actions = case.add_subparsers(dest="case_command", required=True)
    close = case_actions.add_parser(
        "close",
        help=_(
            "close a case: its appointments end and its planned visits are cancelled "
            "(without --yes, only shows what would change)"
        ),
        description=_("Reasons: {reasons}").format(reasons=_reasons(ClosureReason)),
    )
    close.add_argument("case_number", metavar="CASE_NO")
    close.add_argument("--reason", required=True, choices=[r.value for r in ClosureReason])
    _day(close, help_text=_("the day the case closes (default: today)"))
    close.add_argument("--note", default="", help=_("in your words (required for 'other')"))
    close.add_argument("--yes", action="store_true", help=_("close it, as listed"))
    close.set_defaults(run=cmd_close)
    reopen = case_actions.add_parser("reopen", help=_("open a closed case again"))
    reopen.add_argument("case_number", metavar="CASE_NO")
    reopen.add_argument("--note", default="", help=_("why, in your words"))
    reopen.set_defaults(run=cmd_reopen)


def _today(session: Any, on: Any) -> Any:
    from guardian_desk.services.case_closure import office_today

    return on or office_today(session)


def _local(session: Any, moment: Any) -> str:
    from guardian_desk.services.settings import get_settings

    return datetime_text(moment.astimezone(ZoneInfo(get_settings(session).time_zone)))


def cmd_list(args: argparse.Namespace) -> int:
    from guardian_desk.services.assignments import assignments_of_child
    from guardian_desk.services.case_closure import person_label
    from guardian_desk.services.children import find_by_case_number

    def work(session: Any) -> list[str]:
        child = find_by_case_number(session, args.case_number)
        lines = []
        for a in assignments_of_child(session, child.id):
            who = person_label(a)
            if a.ends_on is None:
                # TRANSLATORS: {id} an appointment's number, {role} guardian or mediator.
                line = _("{id}  {role}  {person}  since {start}").format(
                    id=a.id, role=_role(a.role), person=who, start=date_text(a.starts_on)
                )
            else:
                why = end_reason_text(a.end_reason_code or EndReason.OTHER)
                line = _("{id}  {role}  {person}  {start} – {end} ({reason})").format(
                    id=a.id,
                    role=_role(a.role),
                    person=who,
                    start=date_text(a.starts_on),
                    end=date_text(a.ends_on),
                    reason=why,
                )
            lines.append(line)
        return lines

    lines = unit_of_work(args, work, writes=False)
    print("\n".join(lines) if lines else _("No appointments."))
    return 0


def _role(role: Any) -> str:
    return _("guardian") if role == "guardian" else _("mediator")


def cmd_end(args: argparse.Namespace) -> int:
    from guardian_desk.papers.register import issue_document
    from guardian_desk.services.appointment_changes import end_appointment

    target = Path(args.output) if args.output else None
    if target is not None and not target.parent.is_dir():
        raise ValidationError("--print", str(target), _("is in a folder that does not exist"))

    def work(session: Any) -> tuple[int, str | None]:
        from guardian_desk.db.models import Assignment
        from guardian_desk.domain.errors import NotFoundError

        found = session.get(Assignment, args.assignment)
        if found is None:
            raise NotFoundError("assignment", args.assignment)
        done = end_appointment(
            session,
            args.assignment,
            found.version,
            ends_on=_today(session, args.on),
            reason=EndReason(args.reason),
            note=args.note,
        )
        reference = None
        if target is not None:
            paper = issue_document(session, DocumentKind.TERMINATION, assignment_id=done.ended_id)
            write_private_bytes(target, paper.pdf)
            reference = paper.reference
        return len(done.cancelled), reference

    result = unit_of_work(args, work)
    cancelled: int = result[0]
    reference: str | None = result[1]
    print(
        ngettext(
            "Appointment {id} ended; {count} planned visit cancelled.",
            "Appointment {id} ended; {count} planned visits cancelled.",
            cancelled,
        ).format(id=args.assignment, count=cancelled)
    )
    if reference is not None:
        print(
            _("{reference}: termination decision written to {file}.").format(
                reference=reference, file=target
            )
        )
    return 0


def cmd_change(args: argparse.Namespace) -> int:
    from guardian_desk.papers.register import issue_choice, papers_for_change
    from guardian_desk.services.appointment_changes import VisitChoice, change_guardian
    from guardian_desk.services.assignments import active_guardian_assignment
    from guardian_desk.services.children import find_by_case_number
    from guardian_desk.services.staff import find_by_code

    folder = Path(args.output) if args.output else None
    if folder is not None and not folder.is_dir():
        raise ValidationError("--print", str(folder), _("is not a folder"))

    def work(session: Any) -> tuple[int, int, int, list[str]]:
        from guardian_desk.domain.errors import RuleViolation

        child = find_by_case_number(session, args.case_number)
        current = active_guardian_assignment(session, child.id)
        if current is None:
            raise RuleViolation(
                _("{case_number} has no guardian").format(case_number=child.case_number)
            )
        new = find_by_code(session, "guardian", args.guardian)
        done = change_guardian(
            session,
            current.id,
            current.version,
            new.id,
            on=_today(session, args.on),
            visits_choice=VisitChoice(args.visits),
            handover_note=args.handover,
            reason=EndReason(args.reason),
            note=args.note,
            decision_ref=args.decision_ref,
            override_reason=args.override_reason,
        )
        written = []
        if folder is not None:
            for choice in papers_for_change(session, done.ended_id, done.new_id)[:2]:
                paper = issue_choice(session, choice)
                path = folder / paper.file_name
                write_private_bytes(path, paper.pdf)
                written.append(str(path))
        return len(done.moved), len(done.cancelled), done.new_id or 0, written

    result = unit_of_work(args, work)
    moved: int = result[0]
    cancelled: int = result[1]
    new_id: int = result[2]
    written: list[str] = result[3]
    # TRANSLATORS: {id} is the new appointment's number.
    print(
        _("{guardian} is the guardian of {case_number} (appointment {id}).").format(
            guardian=args.guardian, case_number=args.case_number.upper(), id=new_id
        )
    )
    if moved:
        print(
            ngettext(
                "{count} planned visit moved to the new guardian.",
                "{count} planned visits moved to the new guardian.",
                moved,
            ).format(count=moved)
        )
    if cancelled:
        print(
            ngettext(
                "{count} planned visit cancelled.", "{count} planned visits cancelled.", cancelled
            ).format(count=cancelled)
        )
    for path in written:
        print(_("Written: {file}").format(file=path))
    return 0


def cmd_close(args: argparse.Namespace) -> int:
    from guardian_desk.services.case_closure import close_case, closure_plan
    from guardian_desk.services.children import find_by_case_number

    def work(session: Any) -> list[str]:
        child = find_by_case_number(session, args.case_number)
        on = _today(session, args.on)
        plan = closure_plan(session, child.id, on)
        reason = ClosureReason(args.reason)
        lines = [
            # TRANSLATORS: {reason} is how the case ends, {date} the day.
            _("Closing {case_number} ({reason}) on {date}:").format(
                case_number=plan.case_number,
                reason=closure_reason_text(reason),
                date=date_text(on),
            )
        ]
        for end in plan.appointments:
            lines.append(
                _("  ends the {role} appointment of {person}").format(
                    role=_role(end.role), person=end.person
                )
            )
        for cancel in plan.visits:
            lines.append(
                _("  cancels the visit on {when} ({people})").format(
                    when=_local(session, cancel.starts_at), people=cancel.with_whom
                )
            )
        if not plan.appointments and not plan.visits:
            lines.append(_("  no appointment ends and no visit is cancelled"))
        if args.yes:
            close_case(
                session,
                child.id,
                plan.version,
                reason=reason,
                on=on,
                note=args.note,
                confirmed=plan,
            )
            lines.append(_("The case is closed."))
        else:
            lines.append(_("Nothing was changed: add --yes to close the case as listed."))
        return lines

    lines = unit_of_work(args, work, writes=args.yes)
    print("\n".join(lines))
    return 0


def cmd_reopen(args: argparse.Namespace) -> int:
    from guardian_desk.services.case_closure import reopen_case
    from guardian_desk.services.children import find_by_case_number

    def work(session: Any) -> str:
        child = find_by_case_number(session, args.case_number)
        reopen_case(session, child.id, child.version, note=args.note)
        return child.case_number

    number = unit_of_work(args, work)
    print(_("{case_number}'s case is open again.").format(case_number=number))
    return 0
