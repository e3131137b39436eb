"""Figures for the national coordinator: anonymised counts of one period (docs/protection.md).

``coordinator_figures(session, start, end)`` counts, for the days ``start``..``end`` (both
included, the office's calendar):

- children identified in the period (``children.identified_on``) by nationality, sex and age
  band at identification (AGE_BANDS: 0-13, 14-15, 16-17, 18+, and "unknown" without a date of
  birth);
- screenings made in the period, how many the rule flagged, how many had each element
  positive, and the officers' decisions;
- referrals sent in the period by recipient and by their status now;
- missing episodes begun in the period, and how many of them have ended with the return;
- for the children identified in the period, working days from identification to their first
  guardian (the office's country's working days, against ``appointment_deadline_days``):
  appointed within the deadline, late, still waiting (case open, no guardian yet), closed
  without a guardian, and the median;
- language demand against supply: per language, the children identified in the period who
  speak it, the children in care at the period's end who speak it, and the active mediators
  who speak it.

Every count comes from an aggregate query (GROUP BY) that works on SQLite and PostgreSQL; no
name, case number or id leaves this module. The results are raw counts: suppression of small
counts happens where figures leave the app (protection/figures_export.py), never here.
"""

from __future__ import annotations

import json
import statistics
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, String, and_, case, cast, extract, func, or_, select
from sqlalchemy.orm import Session

from guardian_desk.db.models import (
    Assignment,
    Child,
    ChildLanguage,
    Mediator,
    MediatorLanguage,
    MissingEpisode,
    Referral,
    Screening,
)
from guardian_desk.domain.enums import AssignmentRole
from guardian_desk.domain.errors import ValidationError
from guardian_desk.domain.vocabularies import RECIPIENTS, REFERRAL_STATUSES
from guardian_desk.i18n import _
from guardian_desk.protection.indicators import ELEMENTS
from guardian_desk.scheduling.working_days import is_working_day
from guardian_desk.security.roles import Permission, requires
from guardian_desk.services.settings import get_settings

# Age at identification, in whole years: (key, lowest age, highest age or None for no limit).
AGE_BANDS: tuple[tuple[str, int, int | None], ...] = (
    ("0-13", 0, 13),
    ("14-15", 14, 15),
    ("16-17", 16, 17),
    ("18+", 18, None),
)
UNKNOWN_AGE = "unknown"
AGE_BAND_KEYS = (*(band for band, _low, _high in AGE_BANDS), UNKNOWN_AGE)
# The parts of "days to a guardian" (the children identified in the period).
GUARDIAN_PARTS = ("within", "late", "waiting", "closed_without")
MAX_DAYS = 3 * 366  # a longer period is refused: the figures are for a quarter or a year


@dataclass(frozen=True)
class GuardianTiming:
    """Working days from identification to the first guardian, for the period's children."""

    deadline_days: int
    within: int  # appointed within the deadline
    late: int  # appointed after it
    waiting: int  # case open, no guardian yet
    waiting_overdue: int  # of those waiting, how many are past the deadline already
    closed_without: int  # case closed before any guardian was appointed
    median_days: float | None  # over the appointed ones; None when nobody was appointed

    def parts(self) -> dict[str, int]:
        return {key: getattr(self, key) for key in GUARDIAN_PARTS}


@dataclass(frozen=True)
class LanguageSupply:
    code: str  # ISO 639-3
    identified: int  # children identified in the period who speak it
    in_care: int  # children in care at the period's end who speak it
    mediators: int  # active mediators who speak it


@dataclass(frozen=True)
class Figures:
    """The coordinator's figures for one period: counts only, plain data (GUI-thread safe).

    Every breakdown is a tuple of (key, count), largest first where the keys have no order of
    their own; the keys are codes (country, sex, band, element, recipient, status), translated
    where they are shown."""

    start: date
    end: date
    as_of: date  # "still waiting", "in care", "returned" are as of this day
    country: str  # the office's country (its working days)
    children_identified: int
    by_nationality: tuple[tuple[str, int], ...]
    by_sex: tuple[tuple[str, int], ...]
    by_age_band: tuple[tuple[str, int], ...]
    screenings: int
    children_screened: int
    screenings_flagged: int
    positive_elements: tuple[tuple[str, int], ...]  # in ELEMENTS order, every element
    decisions: tuple[tuple[str, int], ...]
    referrals: int
    referrals_by_recipient: tuple[tuple[str, int], ...]
    referrals_by_status: tuple[tuple[str, int], ...]
    missing_begun: int
    missing_returned: int
    guardian: GuardianTiming
    languages: tuple[LanguageSupply, ...]  # most demanded first

    @property
    def missing_still(self) -> int:
        return self.missing_begun - self.missing_returned

    @property
    def screenings_not_flagged(self) -> int:
        return self.screenings - self.screenings_flagged


def default_period(today: date) -> tuple[date, date]:
    """The last full calendar quarter before ``today``: what coordinators report on."""
    first_of_quarter = date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    end = first_of_quarter - timedelta(days=1)
    start = date(end.year, 3 * ((end.month - 1) // 3) + 1, 1)
    return start, end


def check_period(start: date, end: date) -> None:
    if end < start:
        raise ValidationError(
            "to",
            end,
            # TRANSLATORS: the figures' period: its last day is before its first.
            _("The period ends before it begins."),
        )
    if (end - start).days > MAX_DAYS:
        raise ValidationError(
            "to",
            end,
            _("The period is longer than three years: choose a shorter one."),
        )


# (value, count) pairs, as the figures hold them.
Counts = tuple[tuple[str, int], ...]


def _ordered(rows: Iterable[tuple[object, int]]) -> Counts:
    counted: Counter[str] = Counter()
    for key, count in rows:
        counted[str(getattr(key, "value", key) or "")] += int(count)
    return tuple(sorted(counted.items(), key=lambda pair: (-pair[1], pair[0])))


def _keyed(rows: Iterable[tuple[object, int]], keys: Iterable[str]) -> tuple[tuple[str, int], ...]:
    found = dict(_ordered(rows))
    return tuple((key, found.get(key, 0)) for key in keys)


def _age_band_expression() -> ColumnElement[str]:
    born, seen = Child.date_of_birth, Child.identified_on
    before_birthday = case(
        (
            extract("month", seen) * 100 + extract("day", seen)
            < extract("month", born) * 100 + extract("day", born),
            1,
        ),
        else_=0,
    )
    age = extract("year", seen) - extract("year", born) - before_birthday
    whens = [(age <= high if high is not None else age >= low, key) for key, low, high in AGE_BANDS]
    return case((born.is_(None), UNKNOWN_AGE), *whens, else_=AGE_BANDS[0][0])


def _children(
    session: Session, in_period: ColumnElement[bool]
) -> tuple[int, Counts, Counts, Counts]:
    total = session.scalar(select(func.count()).select_from(Child).where(in_period)) or 0
    nationality = session.execute(
        select(Child.nationality, func.count()).where(in_period).group_by(Child.nationality)
    )
    sex = session.execute(select(Child.sex, func.count()).where(in_period).group_by(Child.sex))
    band = _age_band_expression().label("band")
    bands = session.execute(select(band, func.count()).where(in_period).group_by(band))
    return total, _ordered(nationality), _ordered(sex), _keyed(bands, AGE_BAND_KEYS)


def _screenings(
    session: Session, since: datetime, until: datetime
) -> tuple[int, int, int, Counts, Counts]:
    in_period = and_(Screening.screened_at >= since, Screening.screened_at < until)
    total, flagged, screened = session.execute(
        select(
            func.count(),
            func.coalesce(func.sum(case((Screening.flagged, 1), else_=0)), 0),
            func.count(func.distinct(Screening.child_id)),
        ).where(in_period)
    ).one()
    # The JSON lists grouped as text: at most a few dozen combinations of six elements.
    combination = cast(Screening.positive_elements, String).label("combination")
    elements: Counter[str] = Counter()
    for text, count in session.execute(
        select(combination, func.count()).where(in_period).group_by(combination)
    ):
        for element in set(json.loads(text) if text else ()):
            elements[element] += count
    decisions = session.execute(
        select(Screening.decision, func.count()).where(in_period).group_by(Screening.decision)
    )
    positive = tuple((element, elements.get(element, 0)) for element in ELEMENTS)
    return int(total), int(screened), int(flagged), positive, _ordered(decisions)


def _referrals(session: Session, start: date, end: date) -> tuple[int, Counts, Counts]:
    in_period = and_(Referral.sent_on >= start, Referral.sent_on <= end)
    total = session.scalar(select(func.count()).select_from(Referral).where(in_period)) or 0
    recipients = session.execute(
        select(Referral.recipient_kind, func.count())
        .where(in_period)
        .group_by(Referral.recipient_kind)
    )
    statuses = session.execute(
        select(Referral.status, func.count()).where(in_period).group_by(Referral.status)
    )
    return int(total), _keyed(recipients, RECIPIENTS), _keyed(statuses, REFERRAL_STATUSES)


def _missing(session: Session, since: datetime, until: datetime) -> tuple[int, int]:
    begun, returned = session.execute(
        select(func.count(), func.count(MissingEpisode.returned_at)).where(
            MissingEpisode.missing_since >= since, MissingEpisode.missing_since < until
        )
    ).one()
    return int(begun), int(returned)


class _WorkingDays:
    """Working days between two dates by a running count over the span (one pass, no loops
    per child): ``between(a, b)`` = working days after a up to and including b."""

    def __init__(self, country: str, first: date, last: date) -> None:
        self.first = first
        self.index: list[int] = []
        running = 0
        for n in range((last - first).days + 1):
            if is_working_day(first + timedelta(days=n), country):
                running += 1
            self.index.append(running)

    def between(self, start: date, end: date) -> int:
        return self.index[(end - self.first).days] - self.index[(start - self.first).days]


def _guardian_timing(
    session: Session, in_period: ColumnElement[bool], deadline: int, country: str, as_of: date
) -> GuardianTiming:
    first = (
        select(Assignment.child_id, func.min(Assignment.starts_on).label("appointed"))
        .where(Assignment.role == AssignmentRole.GUARDIAN)
        .group_by(Assignment.child_id)
        .subquery()
    )
    # Grouped by the pair of dates: a few thousand rows at most, whatever the children.
    rows = session.execute(
        select(
            Child.identified_on,
            first.c.appointed,
            Child.closed_on.is_(None).label("open"),
            func.count(),
        )
        .select_from(Child)
        .outerjoin(first, first.c.child_id == Child.id)
        .where(in_period)
        .group_by(Child.identified_on, first.c.appointed, Child.closed_on.is_(None))
    ).all()
    if not rows:
        return GuardianTiming(deadline, 0, 0, 0, 0, 0, None)
    lowest = min(min(r[0], r[1] or r[0]) for r in rows)
    highest = max(max(r[0], r[1] or r[0], as_of) for r in rows)
    days = _WorkingDays(country, lowest, highest)
    within = late = waiting = overdue = closed = 0
    spans: Counter[int] = Counter()
    for identified, appointed, still_open, count in rows:
        if appointed is None:
            if still_open:
                waiting += count
                if days.between(identified, max(identified, as_of)) > deadline:
                    overdue += count
            else:
                closed += count
            continue
        span = max(0, days.between(identified, appointed))
        spans[span] += count
        if span <= deadline:
            within += count
        else:
            late += count
    median = statistics.median(spans.elements()) if spans else None
    return GuardianTiming(deadline, within, late, waiting, overdue, closed, median)


def _languages(
    session: Session, in_period: ColumnElement[bool], end: date
) -> tuple[LanguageSupply, ...]:
    identified = dict(
        session.execute(
            select(ChildLanguage.code, func.count())
            .join(Child, Child.id == ChildLanguage.child_id)
            .where(in_period)
            .group_by(ChildLanguage.code)
        ).all()
    )
    in_care_now = and_(
        Child.identified_on <= end, or_(Child.closed_on.is_(None), Child.closed_on > end)
    )
    in_care = dict(
        session.execute(
            select(ChildLanguage.code, func.count())
            .join(Child, Child.id == ChildLanguage.child_id)
            .where(in_care_now)
            .group_by(ChildLanguage.code)
        ).all()
    )
    mediators = dict(
        session.execute(
            select(MediatorLanguage.code, func.count())
            .join(Mediator, Mediator.id == MediatorLanguage.mediator_id)
            .where(Mediator.active.is_(True))
            .group_by(MediatorLanguage.code)
        ).all()
    )
    codes = set(identified) | set(in_care)  # languages no child speaks are no demand
    found = [
        LanguageSupply(
            code,
            int(identified.get(code, 0)),
            int(in_care.get(code, 0)),
            int(mediators.get(code, 0)),
        )
        for code in codes
    ]
    found.sort(key=lambda row: (-row.identified, -row.in_care, row.code))
    return tuple(found)


@requires(Permission.REPORTS)
def coordinator_figures(
    session: Session, start: date, end: date, *, today: date | None = None
) -> Figures:
    """The coordinator's counts for the days ``start``..``end`` (both included)."""
    check_period(start, end)
    settings = get_settings(session)
    zone = ZoneInfo(settings.time_zone)
    as_of = today or datetime.now(zone).date()
    since = datetime.combine(start, time(), zone)
    until = datetime.combine(end + timedelta(days=1), time(), zone)
    in_period = and_(Child.identified_on >= start, Child.identified_on <= end)
    total, nationality, sex, bands = _children(session, in_period)
    screenings, screened, flagged, positive, decisions = _screenings(session, since, until)
    referrals, recipients, statuses = _referrals(session, start, end)
    begun, returned = _missing(session, since, until)
    timing = _guardian_timing(
        session, in_period, settings.appointment_deadline_days, settings.country, as_of
    )
    return Figures(
        start=start,
        end=end,
        as_of=as_of,
        country=settings.country,
        children_identified=int(total),
        by_nationality=nationality,
        by_sex=sex,
        by_age_band=bands,
        screenings=screenings,
        children_screened=screened,
        screenings_flagged=flagged,
        positive_elements=positive,
        decisions=decisions,
        referrals=referrals,
        referrals_by_recipient=recipients,
        referrals_by_status=statuses,
        missing_begun=begun,
        missing_returned=returned,
        guardian=timing,
        languages=_languages(session, in_period, end),
    )
