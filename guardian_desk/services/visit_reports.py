"""Visit reports: what happened at a held visit, and the follow-up actions it asks for.

``record_held`` marks a visit held (services/visits.record_outcome) and saves its report in one
unit of work: how long it lasted, who attended, the child's wellbeing (a five-step scale
and/or words), concerns, and follow-up actions, each with a due date and a done flag.
``update_report`` corrects it later (follow-ups keep their done flag). Follow-ups due today
or overdue and not done are on the home page (``follow_ups_due``). A missed visit keeps its
reason as the visit's outcome note (services/visits.record_outcome requires it).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from guardian_desk.db.models import Child, FollowUp, Visit, VisitReport
from guardian_desk.domain import validation as v
from guardian_desk.domain.enums import VisitStatus, visit_status_text
from guardian_desk.domain.errors import NotFoundError, RuleViolation, ValidationError
from guardian_desk.i18n import N_, _
from guardian_desk.i18n.formats import date_text
from guardian_desk.security.roles import Permission, requires
from guardian_desk.services import audit
from guardian_desk.services.locking import flush_checked, load_for_update
from guardian_desk.services.settings import get_settings
from guardian_desk.services.visits import record_outcome

ENTITY = "visit_report"
FOLLOW_UP = "follow_up"
MAX_MINUTES = 720
WELLBEING_LEVELS: dict[int, str] = {
    # TRANSLATORS: the child's wellbeing on a five-step scale, in a visit report.
    1: N_("very poor"),
    2: N_("poor"),
    3: N_("fair"),
    4: N_("good"),
    5: N_("very good"),
}


def wellbeing_text(level: int) -> str:
    """A wellbeing level as words, translated."""
    return _(WELLBEING_LEVELS[level])


@dataclass(frozen=True)
class FollowUpInput:
    """A follow-up action as the officer typed it; ``follow_up_id`` for one already saved."""

    action: str
    due_on: date
    done: bool = False
    follow_up_id: int | None = None


@dataclass(frozen=True)
class ReportInput:
    minutes: int
    child_present: bool = True
    guardian_present: bool = True
    mediator_present: bool = False
    others_present: str = ""
    wellbeing: int | None = None  # 1 very poor .. 5 very good
    wellbeing_note: str = ""
    concerns: str = ""
    follow_ups: tuple[FollowUpInput, ...] = ()


@dataclass(frozen=True)
class FollowUpInfo:
    follow_up_id: int
    version: int
    action: str
    due_on: date
    done_on: date | None
    done_by: str

    @property
    def done(self) -> bool:
        return self.done_on is not None


@dataclass(frozen=True)
class ReportInfo:
    """A visit report as plain data (safe to hand to the GUI thread)."""

    report_id: int
    version: int
    visit_id: int
    visit_version: int
    minutes: int
    child_present: bool
    guardian_present: bool
    mediator_present: bool
    others_present: str
    wellbeing: int | None
    wellbeing_note: str
    concerns: str
    written_by: str
    follow_ups: tuple[FollowUpInfo, ...]


def _local_day(session: Session, moment: datetime) -> date:
    return moment.astimezone(ZoneInfo(get_settings(session).time_zone)).date()


def _checked(session: Session, visit: Visit, report: ReportInput) -> ReportInput:
    if not isinstance(report.minutes, int) or not 1 <= report.minutes <= MAX_MINUTES:
        raise ValidationError(
            "minutes",
            report.minutes,
            _("must be between {minimum} and {maximum} minutes").format(
                minimum=1, maximum=MAX_MINUTES
            ),
        )
    if report.wellbeing is not None and report.wellbeing not in WELLBEING_LEVELS:
        raise ValidationError("wellbeing", report.wellbeing, _("must be a level from 1 to 5"))
    note = v.note("wellbeing_note", report.wellbeing_note, max_length=4000)
    if report.wellbeing is None and not note:
        raise ValidationError(
            "wellbeing", None, _("is required: choose a level or describe how the child is")
        )
    if not report.child_present:
        # A visit without the child is not a held visit: record it as missed.
        raise ValidationError(
            "child_present", False, _("the child must attend a held visit; record it as missed")
        )
    visit_day = _local_day(session, visit.starts_at)
    follow_ups = []
    for n, item in enumerate(report.follow_ups, start=1):
        action = v.text(f"follow_ups[{n}].action", item.action, max_length=500)
        if not isinstance(item.due_on, date):
            raise ValidationError(f"follow_ups[{n}].due_on", item.due_on, _("needs a date"))
        if item.due_on < visit_day:
            raise ValidationError(
                f"follow_ups[{n}].due_on",
                date_text(item.due_on),
                _("is before the visit ({date})").format(date=date_text(visit_day)),
            )
        follow_ups.append(FollowUpInput(action, item.due_on, bool(item.done), item.follow_up_id))
    return ReportInput(
        minutes=report.minutes,
        child_present=True,
        guardian_present=bool(report.guardian_present),
        mediator_present=bool(report.mediator_present),
        others_present=v.text(
            "others_present", report.others_present, max_length=500, required=False
        ),
        wellbeing=report.wellbeing,
        wellbeing_note=note,
        concerns=v.note("concerns", report.concerns, max_length=10_000),
        follow_ups=tuple(follow_ups),
    )


def _summary(r: VisitReport) -> dict[str, object]:
    return {
        "visit_id": r.visit_id,
        "minutes": r.minutes,
        "child_present": r.child_present,
        "guardian_present": r.guardian_present,
        "mediator_present": r.mediator_present,
        "others_present": r.others_present,
        "wellbeing": r.wellbeing,
        "wellbeing_note": r.wellbeing_note,
        "concerns": r.concerns,
        "follow_ups": [
            {"id": f.id, "action": f.action, "due_on": f.due_on, "done_on": f.done_on}
            for f in r.follow_ups
        ],
    }


def _apply(session: Session, row: VisitReport, visit: Visit, report: ReportInput) -> None:
    row.minutes = report.minutes
    row.child_present = report.child_present
    row.guardian_present = report.guardian_present
    row.mediator_present = report.mediator_present
    row.others_present = report.others_present
    row.wellbeing = report.wellbeing
    row.wellbeing_note = report.wellbeing_note
    row.concerns = report.concerns
    kept = {f.id: f for f in row.follow_ups}
    wanted: list[FollowUp] = []
    today = datetime.now(UTC).astimezone(ZoneInfo(get_settings(session).time_zone)).date()
    actor = audit.actor_of(session)
    for item in report.follow_ups:
        found = kept.pop(item.follow_up_id, None) if item.follow_up_id is not None else None
        if found is None:
            found = FollowUp(child_id=visit.child_id, done_on=None, done_by="")
        found.action, found.due_on = item.action, item.due_on
        if item.done and found.done_on is None:
            found.done_on, found.done_by = today, actor
        elif not item.done:
            found.done_on, found.done_by = None, ""
        wanted.append(found)
    for gone in kept.values():
        session.delete(gone)
    row.follow_ups = wanted


@requires(Permission.EDIT_CASEWORK)
def record_held(
    session: Session,
    visit_id: int,
    expected_version: int,
    report: ReportInput,
    *,
    now: datetime | None = None,
) -> VisitReport:
    """Mark the visit held and save its report (a visit already held: its report replaced)."""
    visit = session.get(Visit, visit_id)
    if visit is None:
        raise NotFoundError("visit", visit_id)
    checked = _checked(session, visit, report)
    note = visit.outcome_note if visit.status is VisitStatus.HELD else ""
    visit = record_outcome(session, visit_id, expected_version, VisitStatus.HELD, note, now=now)
    row = session.scalar(select(VisitReport).where(VisitReport.visit_id == visit_id))
    before = None if row is None else _summary(row)
    if row is None:
        row = VisitReport(visit_id=visit_id, written_by=audit.actor_of(session))
        session.add(row)
    _apply(session, row, visit, checked)
    session.flush()
    audit.record(
        session, ENTITY, row.id, "create" if before is None else "update", before=before,
        after=_summary(row),
    )  # fmt: skip
    return row


@requires(Permission.EDIT_CASEWORK)
def update_report(
    session: Session, report_id: int, expected_version: int, report: ReportInput
) -> VisitReport:
    """Correct a report; follow-ups matched by id keep their done date, those left out go."""
    row = load_for_update(session, VisitReport, report_id, expected_version, ENTITY)
    visit = session.get(Visit, row.visit_id)
    assert visit is not None
    if visit.status is not VisitStatus.HELD:
        raise RuleViolation(
            # TRANSLATORS: {status} is a visit's status such as "missed".
            _("the visit is {status}; only a held visit has a report").format(
                status=visit_status_text(visit.status)
            )
        )
    checked = _checked(session, visit, report)
    before = _summary(row)
    _apply(session, row, visit, checked)
    row.updated_at = datetime.now(UTC)  # the version rises when only follow-ups changed
    flush_checked(session, row, ENTITY, expected_version)
    audit.record(session, ENTITY, row.id, "update", before=before, after=_summary(row))
    return row


@requires(Permission.EDIT_CASEWORK)
def set_follow_up_done(
    session: Session, follow_up_id: int, expected_version: int, done: bool = True
) -> FollowUp:
    """Tick a follow-up action off (or on again)."""
    row = load_for_update(session, FollowUp, follow_up_id, expected_version, FOLLOW_UP)
    if row.done == done:
        return row
    before = {"done_on": row.done_on, "done_by": row.done_by}
    if done:
        row.done_on = datetime.now(UTC).astimezone(ZoneInfo(get_settings(session).time_zone)).date()
        row.done_by = audit.actor_of(session)
    else:
        row.done_on, row.done_by = None, ""
    flush_checked(session, row, FOLLOW_UP, expected_version)
    audit.record(
        session, FOLLOW_UP, row.id, "done" if done else "undone", before=before,
        after={"done_on": row.done_on, "done_by": row.done_by},
    )  # fmt: skip
    return row


def _info(row: VisitReport, visit_version: int) -> ReportInfo:
    return ReportInfo(
        report_id=row.id,
        version=row.version,
        visit_id=row.visit_id,
        visit_version=visit_version,
        minutes=row.minutes,
        child_present=row.child_present,
        guardian_present=row.guardian_present,
        mediator_present=row.mediator_present,
        others_present=row.others_present,
        wellbeing=row.wellbeing,
        wellbeing_note=row.wellbeing_note,
        concerns=row.concerns,
        written_by=row.written_by,
        follow_ups=tuple(
            FollowUpInfo(f.id, f.version, f.action, f.due_on, f.done_on, f.done_by)
            for f in row.follow_ups
        ),
    )


@requires(Permission.READ_RECORDS)
def report_of(session: Session, visit_id: int) -> ReportInfo | None:
    """The visit's report as plain data, or None when it has none."""
    row = session.scalar(select(VisitReport).where(VisitReport.visit_id == visit_id))
    if row is None:
        return None
    visit = session.get(Visit, visit_id)
    assert visit is not None
    return _info(row, visit.version)


@dataclass(frozen=True)
class FollowUpLine:
    """A follow-up action due today or overdue, as the home page lists it."""

    follow_up_id: int
    version: int
    child_id: int
    case_number: str
    name: str
    action: str
    due_on: date
    days_overdue: int  # 0: due today


@requires(Permission.READ_RECORDS)
def follow_ups_due(
    session: Session, today: date, *, limit: int = 200
) -> tuple[tuple[FollowUpLine, ...], int]:
    """Follow-ups due on ``today`` or before and not done, the oldest first; and their count."""
    rows = session.execute(  # the lines and, beside each, how many there are in all
        select(
            FollowUp, Child.case_number, Child.given_name, Child.family_name, func.count().over()
        )
        .join(Child, Child.id == FollowUp.child_id)
        .where(FollowUp.done_on.is_(None), FollowUp.due_on <= today)
        .order_by(FollowUp.due_on, FollowUp.id)
        .limit(limit)
    ).all()
    total = rows[0][4] if rows else 0
    lines = tuple(
        FollowUpLine(
            follow_up_id=f.id,
            version=f.version,
            child_id=f.child_id,
            case_number=case,
            name=f"{given or ''} {family or ''}".strip(),
            action=f.action,
            due_on=f.due_on,
            days_overdue=(today - f.due_on).days,
        )
        for f, case, given, family, _total in rows
    )
    return lines, total


@requires(Permission.EDIT_CASEWORK)
def check_report_input(session: Session, visit_id: int, report: ReportInput) -> None:
    """Validate without saving (the dialog's early check); raises what ``record_held`` would."""
    visit = session.get(Visit, visit_id)
    if visit is None:
        raise NotFoundError("visit", visit_id)
    _checked(session, visit, report)


def follow_up_texts(items: Sequence[FollowUpInfo]) -> list[str]:
    """Follow-ups as lines a person reads: "Ask the school for a place (due 12 March)"."""
    lines = []
    for f in items:
        if f.done_on is not None:
            # TRANSLATORS: a follow-up action of a visit report, and when it was done.
            text = _("{action} (done on {date})").format(action=f.action, date=date_text(f.done_on))
        else:
            # TRANSLATORS: a follow-up action of a visit report, and when it is due.
            text = _("{action} (due {date})").format(action=f.action, date=date_text(f.due_on))
        lines.append(text)
    return lines
