"""Early warning: open cases that need a screening, a referral, an adult's check or a re-screening.

Each warning is dated from the event that raised it and aged in working days of the office's
country (weekends and public holidays do not count). The warnings (docs/protection.md):

- not screened: an open case with no screening, since the child was identified;
- positive, not referred: the latest screening has a positive element (or flags the child),
  no referral was sent on or after its day and the officer did not decide "no indication";
- unverified adult: an accompanying adult whose relationship is not confirmed;
- re-screening due, each clearing when a screening is recorded after its event: after a
  missing episode ended with the child's return, after a new adult contact, after a move to
  another facility (the placements table: the database follows a facility changed in the
  child's form with a placement of its own), and every ``rescreen_after_days`` days counted
  from the first screening.

The list is built from a few set-based queries over every open case (it backs the home page
at 20,000 children), then judged row by row in memory.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from guardian_desk.db.models import (
    AccompanyingAdult,
    Child,
    MissingEpisode,
    Placement,
    Referral,
    Screening,
)
from guardian_desk.i18n import N_, _, ngettext
from guardian_desk.i18n.formats import date_text, list_text
from guardian_desk.scheduling.working_days import is_working_day
from guardian_desk.security.roles import Permission, requires
from guardian_desk.services.children import CLOSED_STATUSES
from guardian_desk.services.settings import get_settings


class WarningKind(StrEnum):
    NOT_SCREENED = "not_screened"
    POSITIVE_NOT_REFERRED = "positive_not_referred"
    UNVERIFIED_ADULT = "unverified_adult"
    RESCREEN_AFTER_MISSING = "rescreen_after_missing"
    RESCREEN_NEW_ADULT = "rescreen_new_adult"
    RESCREEN_FACILITY_CHANGE = "rescreen_facility_change"
    RESCREEN_PERIODIC = "rescreen_periodic"


WARNING_NAMES: dict[WarningKind, str] = {
    WarningKind.NOT_SCREENED: N_("Not screened yet"),
    WarningKind.POSITIVE_NOT_REFERRED: N_("Positive, not referred"),
    WarningKind.UNVERIFIED_ADULT: N_("Unverified adult"),
    WarningKind.RESCREEN_AFTER_MISSING: N_("Re-screen after missing"),
    WarningKind.RESCREEN_NEW_ADULT: N_("Re-screen: new adult"),
    WarningKind.RESCREEN_FACILITY_CHANGE: N_("Re-screen: facility change"),
    WarningKind.RESCREEN_PERIODIC: N_("Re-screening due"),
}
_ORDER = {kind: n for n, kind in enumerate(WarningKind)}


def warning_name(kind: WarningKind) -> str:
    return _(WARNING_NAMES[kind])


@dataclass(frozen=True)
class EarlyWarning:
    kind: WarningKind
    child_id: int
    case_number: str
    since: date
    working_days: int
    detail: str  # one translated line; never the child's or an adult's name


class _WorkingDays:
    """Working days after ``since`` up to and including ``today``, from one pass over the range."""

    def __init__(self, today: date, country: str) -> None:
        self.today = today
        self.country = country
        self.start = today
        self.days: list[date] = []  # the working days in (start, today]

    def __call__(self, since: date) -> int:
        if since >= self.today:
            return 0
        if since < self.start:
            extra = []
            day = since + timedelta(days=1)
            while day <= self.start:
                if is_working_day(day, self.country):
                    extra.append(day)
                day += timedelta(days=1)
            self.days = extra + self.days
            self.start = since
        return len(self.days) - bisect_right(self.days, since)


@dataclass
class _Latest:
    first_on: date  # the first screening's day, in the office's zone
    latest: datetime
    latest_on: date
    positive: tuple[str, ...]
    flagged: bool
    decision: str
    recorded: datetime  # when the last screening was written (a back-dated one is later)


def _open_children(child_id: int | None) -> Select[int]:
    query = select(Child.id).where(Child.status.not_in(list(CLOSED_STATUSES)))
    if child_id is not None:
        query = query.where(Child.id == child_id)
    return query


def _collect(
    session: Session, today: date | None, child_id: int | None, *, details: bool = True
) -> list[EarlyWarning]:
    settings = get_settings(session)
    zone = ZoneInfo(settings.time_zone)
    today = today or datetime.now(zone).date()
    every = int(settings.rescreen_after_days or 90)
    open_ids = _open_children(child_id)

    def local(moment: datetime) -> date:
        return moment.astimezone(zone).date()

    run = session.connection().execute  # plain rows: no ORM bookkeeping for 20,000 children
    children = run(
        select(Child.id, Child.case_number, Child.identified_on).where(Child.id.in_(open_ids))
    ).all()
    if not children:
        return []
    case_of = {cid: case for cid, case, _identified in children}

    # Each child's first and latest screening times (the index on child and time), then the
    # latest screening's result; two at the same minute: the later recorded wins.
    span = (
        select(
            Screening.child_id,
            func.min(Screening.screened_at).label("first"),
            func.max(Screening.screened_at).label("latest"),
            func.max(Screening.created_at).label("recorded"),
        )
        .where(Screening.child_id.in_(open_ids))
        .group_by(Screening.child_id)
        .subquery()
    )
    screened: dict[int, _Latest] = {}
    for cid, at, positive, flagged, decision, first, recorded in run(
        select(
            Screening.child_id,
            Screening.screened_at,
            Screening.positive_elements,
            Screening.flagged,
            Screening.decision,
            span.c.first,
            span.c.recorded,
        )
        .join(
            span,
            (span.c.child_id == Screening.child_id) & (span.c.latest == Screening.screened_at),
        )
        .order_by(Screening.id)
    ):
        screened[cid] = _Latest(
            local(first),
            at,
            local(at),
            tuple(positive or ()),
            bool(flagged),
            decision,
            max(at, recorded),
        )

    referred = dict(
        run(
            select(Referral.child_id, func.max(Referral.sent_on))
            .where(Referral.child_id.in_(open_ids))
            .group_by(Referral.child_id)
        ).all()
    )
    returns = run(
        select(MissingEpisode.child_id, MissingEpisode.returned_at).where(
            MissingEpisode.child_id.in_(open_ids), MissingEpisode.returned_at.is_not(None)
        )
    ).all()
    adults = run(
        select(
            AccompanyingAdult.child_id,
            AccompanyingAdult.added_at,
            AccompanyingAdult.verified,
            AccompanyingAdult.claimed_relationship,
        )
        .where(AccompanyingAdult.child_id.in_(open_ids))
        .order_by(AccompanyingAdult.added_at, AccompanyingAdult.id)
    ).all()
    first_placement = (
        select(Placement.child_id, func.min(Placement.id).label("first_id"))
        .where(Placement.child_id.in_(open_ids))
        .group_by(Placement.child_id)
        .subquery()
    )
    moves = run(
        select(Placement.child_id, Placement.moved_on, Placement.created_at)
        .join(first_placement, first_placement.c.child_id == Placement.child_id)
        .where(Placement.id != first_placement.c.first_id)
    ).all()

    aged = _WorkingDays(today, settings.country)
    day_texts: dict[date, str] = {}

    def day(value: date) -> str:
        if value not in day_texts:
            day_texts[value] = date_text(value)
        return day_texts[value]

    found: list[EarlyWarning] = []
    relationship_texts: dict[tuple[str, ...], str] = {}

    def relationships(items: tuple[str, ...]) -> str:
        if items not in relationship_texts:
            relationship_texts[items] = _relationships(items)
        return relationship_texts[items]

    positive_texts: dict[tuple[tuple[str, ...], bool], str] = {}

    def positive_detail(elements: tuple[str, ...], flagged: bool) -> str:
        if (elements, flagged) not in positive_texts:
            positive_texts[elements, flagged] = _positive_detail(elements, flagged)
        return positive_texts[elements, flagged]

    def periodic_detail(screened_on: date) -> str:
        return ngettext(
            "Last screened on {date}; the office screens again every {count} day.",
            "Last screened on {date}; the office screens again every {count} days.",
            every,
        ).format(date=day(screened_on), count=every)

    def returned_detail(back: date) -> str:
        # TRANSLATORS: {date} is the day a missing child came back.
        return _("Back from a missing episode on {date}.").format(date=day(back))

    def moved_detail(moved_on: date) -> str:
        # TRANSLATORS: {date} is the day the child moved to another facility.
        return _("Moved to another facility on {date}.").format(date=day(moved_on))

    def unverified_detail(items: tuple[str, ...]) -> str:
        return ngettext(
            "Relationship not verified: {relationships}.",
            "Relationships not verified: {relationships}.",
            len(items),
        ).format(relationships=relationships(items))

    def new_adult_detail(items: tuple[str, ...]) -> str:
        return ngettext(
            "A new adult contact since the last screening: {relationships}.",
            "New adult contacts since the last screening: {relationships}.",
            len(items),
        ).format(relationships=relationships(items))

    def warn(
        kind: WarningKind, cid: int, since: date, detail: Callable[..., str], *args: Any
    ) -> None:
        """``detail(*args)`` only when the list is shown (the counts need no text, no age)."""
        if details:
            found.append(EarlyWarning(kind, cid, case_of[cid], since, aged(since), detail(*args)))
        else:
            found.append(EarlyWarning(kind, cid, case_of[cid], since, 0, ""))

    for cid, _case, identified_on in children:
        if cid not in screened:
            warn(
                WarningKind.NOT_SCREENED,
                cid,
                identified_on,
                _not_screened_detail,
            )
            continue
        last = screened[cid]
        screened_on = last.latest_on
        if (last.positive or last.flagged) and last.decision != "no_indication":
            sent = referred.get(cid)
            if sent is None or sent < screened_on:
                warn(
                    WarningKind.POSITIVE_NOT_REFERRED,
                    cid,
                    screened_on,
                    positive_detail,
                    last.positive,
                    last.flagged,
                )
        periodic = _periodic_due(last.first_on, every, today)
        if periodic is not None and screened_on < periodic:
            warn(
                WarningKind.RESCREEN_PERIODIC,
                cid,
                periodic,
                periodic_detail,
                screened_on,
            )

    returned = [(cid, back) for cid, back in returns if back is not None]
    for cid, back in _earliest_after(returned, screened).items():
        warn(
            WarningKind.RESCREEN_AFTER_MISSING,
            cid,
            local(back),
            returned_detail,
            local(back),
        )

    unverified: dict[int, list[tuple[datetime, str]]] = {}
    new_adults: dict[int, list[tuple[datetime, str]]] = {}
    for cid, added_at, verified, relationship in adults:
        if not verified:
            unverified.setdefault(cid, []).append((added_at, relationship))
        last_seen = screened.get(cid)
        # New to the office after the last screening was written: the screener could not
        # ask about this adult (an adult registered with a back-dated screening is not new).
        if last_seen is not None and added_at > last_seen.recorded:
            new_adults.setdefault(cid, []).append((added_at, relationship))
    for cid, rows in unverified.items():
        warn(
            WarningKind.UNVERIFIED_ADULT,
            cid,
            local(min(at for at, _rel in rows)),
            unverified_detail,
            tuple(rel for _at, rel in rows),
        )
    for cid, rows in new_adults.items():
        warn(
            WarningKind.RESCREEN_NEW_ADULT,
            cid,
            local(min(at for at, _rel in rows)),
            new_adult_detail,
            tuple(rel for _at, rel in rows),
        )

    moved: dict[int, date] = {}
    for cid, moved_on, created_at in moves:
        last_seen = screened.get(cid)
        if last_seen is None:
            continue
        # Started after the screening's day, or on that day but recorded after the screening.
        screened_on = last_seen.latest_on
        if moved_on > screened_on or (moved_on == screened_on and created_at > last_seen.latest):
            moved[cid] = min(moved_on, moved.get(cid, moved_on))
    for cid, moved_on in moved.items():
        warn(
            WarningKind.RESCREEN_FACILITY_CHANGE,
            cid,
            moved_on,
            moved_detail,
            moved_on,
        )

    if details:  # the counts need no order
        found.sort(key=lambda w: (-w.working_days, w.since, w.case_number, _ORDER[w.kind]))
    return found


def _not_screened_detail() -> str:
    return _("No trafficking screening is recorded.")


def _periodic_due(first: date, every: int, today: date) -> date | None:
    """The latest date first + k x every (k >= 1) that is not after today, if any."""
    if (today - first).days < every:
        return None
    periods = (today - first).days // every
    return first + timedelta(days=periods * every)


def _earliest_after(
    events: Iterable[tuple[int, datetime]], screened: dict[int, _Latest]
) -> dict[int, datetime]:
    """Per screened child, the earliest event after the child's latest screening."""
    found: dict[int, datetime] = {}
    for cid, moment in events:
        last = screened.get(cid)
        if last is None or moment <= last.latest:
            continue
        if cid not in found or moment < found[cid]:
            found[cid] = moment
    return found


def _relationships(items: Iterable[str]) -> str:
    # TRANSLATORS: stands for an adult whose relationship to the child was not stated.
    return list_text(item.strip() or _("relationship not stated") for item in items)


def _positive_detail(elements: tuple[str, ...], flagged: bool) -> str:
    from guardian_desk.services.screenings import element_name

    names = list_text(element_name(element) for element in elements)
    if flagged:
        # TRANSLATORS: {elements} lists the positive elements of the ILO/EC indicators.
        return _("The screening flags the child: {elements}.").format(elements=names)
    return ngettext(
        "Positive element: {elements}.", "Positive elements: {elements}.", len(elements)
    ).format(elements=names)


@requires(Permission.READ_RECORDS)
def early_warnings(session: Session, today: date | None = None) -> list[EarlyWarning]:
    """Every warning of every open case, the oldest in working days first."""
    return _collect(session, today, None)


@requires(Permission.READ_RECORDS)
def warning_counts(session: Session, today: date | None = None) -> dict[WarningKind, int]:
    """How many warnings of each kind (every kind present, 0 when none)."""
    counts = dict.fromkeys(WarningKind, 0)
    for warning in _collect(session, today, None, details=False):
        counts[warning.kind] += 1
    return counts


@requires(Permission.READ_RECORDS)
def child_warnings(
    session: Session, child_id: int, today: date | None = None
) -> list[EarlyWarning]:
    """The warnings of one child (none for a closed case)."""
    return _collect(session, today, child_id)
