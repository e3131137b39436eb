"""The officer's home page: what needs doing today, in four lists.

Visits of today and this week, children still waiting for a guardian (with the working days left
before the legal deadline), vettings that expire soon, and children whose guardian has not seen
them within the visit interval. A handful of set-based queries, whatever the size of the office;
long lists are cut to the most urgent ``limit`` lines and the full count is given beside them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from typing import Any, Generic, TypeVar
from zoneinfo import ZoneInfo

from sqlalchemy import (
    ColumnElement,
    Exists,
    and_,
    exists,
    func,
    literal,
    null,
    or_,
    select,
    union_all,
)
from sqlalchemy.orm import Session, aliased

from guardian_desk.db.models import Assignment, Child, Facility, Guardian, Mediator, Visit
from guardian_desk.domain.enums import AssignmentRole, ChildStatus, VisitPurpose, VisitStatus
from guardian_desk.scheduling.working_days import add_working_days, working_days_between
from guardian_desk.security.roles import Permission, requires
from guardian_desk.services.age import TURNING_ADULT_DAYS, TurningAdult, turning_adult
from guardian_desk.services.missing import MissingLine, missing_now
from guardian_desk.services.settings import get_settings
from guardian_desk.services.visit_reports import FollowUpLine, follow_ups_due

T = TypeVar("T")
VETTING_WARNING_DAYS = 30
DEFAULT_LIMIT = 200
WAITING_STATUSES = (ChildStatus.IDENTIFIED, ChildStatus.AWAITING_GUARDIAN)


@dataclass(frozen=True)
class VisitLine:
    visit_id: int
    child_id: int
    case_number: str
    child_name: str
    child_original_name: str  # in the child's own script, "" when not recorded
    starts_at: datetime  # aware, in the office's time zone
    ends_at: datetime
    guardian_name: str
    mediator_name: str  # "" when no mediator comes
    place: str  # the facility's name, or the place written on the visit
    status: VisitStatus


@dataclass(frozen=True)
class WaitingChild:
    child_id: int
    case_number: str
    name: str
    original_name: str  # in the child's own script, "" when not recorded
    identified_on: date
    deadline: date  # identified_on + the appointment deadline, in working days
    working_days_left: int  # negative: overdue by that many working days


@dataclass(frozen=True)
class ExpiringVetting:
    kind: str  # "guardians" or "mediators"
    person_id: int
    code: str
    name: str
    vetting_expires_on: date
    days_left: int  # negative: expired that many days ago


@dataclass(frozen=True)
class OverdueVisit:
    child_id: int
    case_number: str
    name: str
    original_name: str
    guardian_id: int | None
    guardian_name: str  # "" when the child has no active guardian (a data fault)
    last_held_on: date | None  # None: never visited
    appointed_on: date | None  # the current guardian's appointment
    days_since: int | None  # since the last held visit, else since the appointment


@dataclass(frozen=True)
class Section(Generic[T]):
    """The first lines of a list, most urgent first, and how many there are in all."""

    lines: tuple[T, ...]
    total: int

    @property
    def truncated(self) -> bool:
        return self.total > len(self.lines)


@dataclass(frozen=True)
class HomeSummary:
    today: date
    week_starts_on: date  # Monday
    week_ends_on: date  # Sunday
    time_zone: str
    appointment_deadline_days: int
    visit_interval_days: int
    vetting_warning_days: int
    visits_today: Section[VisitLine]
    visits_this_week: Section[VisitLine]
    waiting: Section[WaitingChild]
    waiting_overdue: int  # of waiting.total, how many are past their deadline
    vettings: Section[ExpiringVetting]
    overdue_visits: Section[OverdueVisit]
    # Children missing now (services/missing.py) and follow-ups due (services/visit_reports.py).
    missing: Section[MissingLine] = Section((), 0)
    follow_ups: Section[FollowUpLine] = Section((), 0)
    # Open cases of children turning 18 within TURNING_ADULT_DAYS, or already 18 (services/age.py).
    turning_adult: Section[TurningAdult] = Section((), 0)
    turning_adult_days: int = TURNING_ADULT_DAYS
    # Early warnings (services/early_warning.py): (kind, count) of every kind, in its order;
    # None when not counted here (the app asks for them on their own, after the lists).
    early_warnings: tuple[tuple[str, int], ...] | None = ()


@requires(Permission.READ_RECORDS)
def home_summary(
    session: Session,
    *,
    today: date | None = None,
    now: datetime | None = None,
    limit: int = DEFAULT_LIMIT,
    warnings: bool = True,
) -> HomeSummary:
    """Everything the home page shows; ``today`` (a local date) wins over ``now``.

    ``warnings=False`` leaves the early warnings' counts out (``None``): at 20,000 children
    they take several times the rest of the page (docs/performance.md), so the app shows the
    lists first and asks for the counts next (early_warning.warning_counts)."""
    settings = get_settings(session)
    zone = ZoneInfo(settings.time_zone)
    if today is None:
        today = (now or datetime.now(UTC)).astimezone(zone).date()
    monday = today - timedelta(days=today.weekday())
    sunday = monday + timedelta(days=6)
    visits_today, visits_this_week = _visits(session, zone, today, monday, limit)
    waiting, waiting_overdue = _waiting(
        session, today, settings.appointment_deadline_days, settings.country, limit
    )
    return HomeSummary(
        today=today,
        week_starts_on=monday,
        week_ends_on=sunday,
        time_zone=settings.time_zone,
        appointment_deadline_days=settings.appointment_deadline_days,
        visit_interval_days=settings.visit_interval_days,
        vetting_warning_days=VETTING_WARNING_DAYS,
        visits_today=visits_today,
        visits_this_week=visits_this_week,
        waiting=waiting,
        waiting_overdue=waiting_overdue,
        vettings=_vettings(session, today, limit),
        overdue_visits=_overdue_visits(session, zone, today, settings.visit_interval_days, limit),
        missing=Section(*missing_now(session, now=now, limit=limit)),
        follow_ups=Section(*follow_ups_due(session, today, limit=limit)),
        turning_adult=_turning_adult(session, today, limit),
        early_warnings=_early_warning_counts(session, today) if warnings else None,
    )


def _early_warning_counts(session: Session, today: date) -> tuple[tuple[str, int], ...]:
    """(kind, count) of every kind of early warning, in the list's order."""
    from guardian_desk.services.early_warning import warning_counts

    return tuple((str(kind), count) for kind, count in warning_counts(session, today).items())


def _turning_adult(session: Session, today: date, limit: int) -> Section[TurningAdult]:
    lines, total = turning_adult(session, today, days=TURNING_ADULT_DAYS, limit=limit)
    return Section(tuple(lines), total)


def _utc_midnight(day: date, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, time(0), tzinfo=zone).astimezone(UTC)


def _full_name(given: str | None, family: str | None) -> str:
    return f"{given or ''} {family or ''}".strip()


# --- visits --------------------------------------------------------------------------------------


def _visits(
    session: Session, zone: ZoneInfo, today: date, monday: date, limit: int
) -> tuple[Section[VisitLine], Section[VisitLine]]:
    """Today's and this week's visits (local days), not cancelled, in the order they start."""
    week_from, week_to = _utc_midnight(monday, zone), _utc_midnight(monday + timedelta(7), zone)
    day_from, day_to = _utc_midnight(today, zone), _utc_midnight(today + timedelta(1), zone)
    # One pass over the week (ids and start times only), then the lines shown, by id.
    week = session.execute(
        select(Visit.id, Visit.starts_at)
        .where(
            Visit.starts_at >= week_from,
            Visit.starts_at < week_to,
            Visit.status != VisitStatus.CANCELLED,
        )
        .order_by(Visit.starts_at, Visit.id)
    ).all()
    day = [vid for vid, starts in week if day_from <= starts < day_to]
    week_ids = [vid for vid, _ in week[:limit]]
    shown = {
        line.visit_id: line
        for line in _visit_lines(session, zone, Visit.id.in_({*week_ids, *day[:limit]}))
    }
    return (
        Section(tuple(shown[vid] for vid in day[:limit]), len(day)),
        Section(tuple(shown[vid] for vid in week_ids), len(week)),
    )


def _visit_lines(session: Session, zone: ZoneInfo, where: ColumnElement[bool]) -> list[VisitLine]:
    statement = (
        select(
            Visit.id,
            Visit.child_id,
            Child.case_number,
            Child.given_name,
            Child.family_name,
            Child.given_name_original,
            Child.family_name_original,
            Visit.starts_at,
            Visit.ends_at,
            Guardian.given_name,
            Guardian.family_name,
            Mediator.given_name,
            Mediator.family_name,
            Facility.name,
            Visit.place,
            Visit.status,
        )
        .join(Child, Child.id == Visit.child_id)
        .outerjoin(Guardian, Guardian.id == Visit.guardian_id)  # bookings may have none
        .outerjoin(Mediator, Mediator.id == Visit.mediator_id)
        .outerjoin(Facility, Facility.id == Visit.facility_id)
        .where(where)
    )
    return [
        VisitLine(
            visit_id=vid,
            child_id=child_id,
            case_number=case,
            child_name=_full_name(given, family),
            child_original_name=_full_name(given_orig, family_orig),
            starts_at=starts.astimezone(zone),
            ends_at=ends.astimezone(zone),
            guardian_name=_full_name(g_given, g_family),
            mediator_name=_full_name(m_given, m_family),
            place=facility or place,
            status=status,
        )
        for (
            vid,
            child_id,
            case,
            given,
            family,
            given_orig,
            family_orig,
            starts,
            ends,
            g_given,
            g_family,
            m_given,
            m_family,
            facility,
            place,
            status,
        ) in session.execute(statement)
    ]


# --- children waiting for a guardian -------------------------------------------------------------


def _has_active_guardian() -> Exists:
    return exists().where(
        Assignment.child_id == Child.id,
        Assignment.role == AssignmentRole.GUARDIAN,
        Assignment.ends_on.is_(None),
    )


@lru_cache(maxsize=4096)
def _deadline(identified_on: date, days: int, country: str) -> date:
    return add_working_days(identified_on, days, country)


@lru_cache(maxsize=4096)
def _left(today: date, deadline: date, country: str) -> int:
    return working_days_between(today, deadline, country)


def _latest_overdue_identification(today: date, days: int, country: str) -> date:
    """The last identification day whose deadline is already behind ``today``.

    Deadlines grow with the identification day, so every child identified on or before this
    day is overdue, and none after it.
    """
    day = today - timedelta(days=1)
    while _deadline(day, days, country) >= today:
        day -= timedelta(days=1)
    return day


def _waiting(
    session: Session, today: date, days: int, country: str, limit: int
) -> tuple[Section[WaitingChild], int]:
    waiting = and_(Child.status.in_(WAITING_STATUSES), ~_has_active_guardian())
    overdue_before = _latest_overdue_identification(today, days, country)
    total, overdue = session.execute(
        select(
            func.count(),
            func.count().filter(Child.identified_on <= overdue_before),
        ).where(waiting)
    ).one()
    rows = session.execute(
        select(
            Child.id,
            Child.case_number,
            Child.given_name,
            Child.family_name,
            Child.given_name_original,
            Child.family_name_original,
            Child.identified_on,
        )
        .where(waiting)
        # The deadline follows the identification day, so this is most urgent first.
        .order_by(Child.identified_on, Child.case_number)
        .limit(limit)
    )
    lines = []
    for cid, case, given, family, given_orig, family_orig, identified in rows:
        deadline = _deadline(identified, days, country)
        lines.append(
            WaitingChild(
                child_id=cid,
                case_number=case,
                name=_full_name(given, family),
                original_name=_full_name(given_orig, family_orig),
                identified_on=identified,
                deadline=deadline,
                working_days_left=_left(today, deadline, country),
            )
        )
    return Section(tuple(lines), int(total)), int(overdue)


# --- vetting -------------------------------------------------------------------------------------


def _vettings(session: Session, today: date, limit: int) -> Section[ExpiringVetting]:
    horizon = today + timedelta(days=VETTING_WARNING_DAYS)
    parts = [
        select(
            literal(kind).label("kind"),
            model.id,
            model.code,
            model.given_name,
            model.family_name,
            model.vetting_expires_on,
        ).where(model.active.is_(True), model.vetting_expires_on <= horizon)
        for kind, model in (("guardians", Guardian), ("mediators", Mediator))
    ]
    both = union_all(*parts).subquery()
    total = session.scalar(select(func.count()).select_from(both)) or 0
    rows = session.execute(
        select(both).order_by(both.c.vetting_expires_on, both.c.kind, both.c.code).limit(limit)
    )
    lines = tuple(
        ExpiringVetting(
            kind=kind,
            person_id=pid,
            code=code,
            name=_full_name(given, family),
            vetting_expires_on=expires,
            days_left=(expires - today).days,
        )
        for kind, pid, code, given, family, expires in rows
    )
    return Section(lines, int(total))


# --- children not visited within the interval ----------------------------------------------------


def _overdue_visits(
    session: Session, zone: ZoneInfo, today: date, interval: int, limit: int
) -> Section[OverdueVisit]:
    """Children under guardianship not seen at a held visit for more than ``interval`` days.

    A child never visited counts from the current guardian's appointment, so a guardian
    appointed yesterday is not flagged, but one appointed two months ago who never went is.
    """
    cutoff = today - timedelta(days=interval)
    held = aliased(Visit)
    # Only a guardian's visit that was held counts: not a planned or missed one, nor an
    # interview or a doctor's appointment a mediator was booked for.
    was_held = (
        held.child_id == Child.id,
        held.status == VisitStatus.HELD,
        held.purpose == VisitPurpose.VISIT,
    )
    seen_recently = exists(
        select(held.id).where(*was_held, held.starts_at >= _utc_midnight(cutoff, zone))
    )
    # Newest first and the first one: walks the (child, start) index backwards and stops.
    last_held = (
        select(held.starts_at)
        .where(*was_held)
        .order_by(held.starts_at.desc())
        .limit(1)
        .correlate(Child)
        .scalar_subquery()
    )
    ever_held = exists(select(held.id).where(*was_held))
    never_visited = and_(
        ~ever_held, or_(Assignment.starts_on.is_(None), Assignment.starts_on < cutoff)
    )
    candidates = (
        select()
        .select_from(Child)
        .outerjoin(
            Assignment,
            and_(
                Assignment.child_id == Child.id,
                Assignment.role == AssignmentRole.GUARDIAN,
                Assignment.ends_on.is_(None),
            ),
        )
        .outerjoin(Guardian, Guardian.id == Assignment.guardian_id)
        .where(Child.status == ChildStatus.UNDER_GUARDIANSHIP, ~seen_recently)
    )
    lines = candidates.add_columns(
        Child.id,
        Child.case_number,
        Child.given_name,
        Child.family_name,
        Child.given_name_original,
        Child.family_name_original,
        Guardian.id,
        Guardian.given_name,
        Guardian.family_name,
        Assignment.starts_on,
    )
    # Two short lists, each most overdue first and counted whole (a window over all rows),
    # merged below: never visited (no guardian at all first, then the longest since the
    # appointment) and visited long ago.
    last_at = last_held.label("last_held")
    never = lines.add_columns(null(), func.count().over()).where(never_visited)
    never = never.order_by(Assignment.starts_on.asc().nulls_first(), Child.case_number)
    lapsed = lines.add_columns(last_at, func.count().over()).where(ever_held)
    lapsed = lapsed.order_by(last_at, Child.case_number)
    found: list[OverdueVisit] = []
    total = 0
    for statement in (never.limit(limit), lapsed.limit(limit)):
        rows = session.execute(statement).all()
        found += [_overdue_line(row[:-1], zone, today) for row in rows]
        total += int(rows[0][-1]) if rows else 0
    found.sort(
        key=lambda o: (-(o.days_since if o.days_since is not None else 1 << 30), o.case_number)
    )
    return Section(tuple(found[:limit]), total)


def _overdue_line(row: Sequence[Any], zone: ZoneInfo, today: date) -> OverdueVisit:
    cid, case, given, family, given_orig, family_orig, gid, g_given, g_family, appointed, at = row
    last = at.astimezone(zone).date() if at is not None else None
    since = last or appointed
    return OverdueVisit(
        child_id=cid,
        case_number=case,
        name=_full_name(given, family),
        original_name=_full_name(given_orig, family_orig),
        guardian_id=gid,
        guardian_name=_full_name(g_given, g_family),
        last_held_on=last,
        appointed_on=appointed,
        days_since=(today - since).days if since is not None else None,
    )
