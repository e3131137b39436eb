"""Missing children: the disappearance, the hold on their visits, the return (docs/casework.md).

``report_missing`` records when and where the child was last seen, what happened and whether
(and when) the police were told; it puts every planned visit of the child from that moment
on ON HOLD (a ``VisitHold`` row each, the visit's calendar SEQUENCE raised: calendars show it
as TENTATIVE, "On hold: ..."). One open episode per child: the service refuses a second, and
the database's unique partial index refuses it when two officers write at once.
``record_return`` closes the episode, releases the holds and asks the officer to re-screen
the child for trafficking risk (``ReturnRecorded.rescreen``). The case itself stays open:
closing it ("missing beyond N days") is a separate, deliberate step.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from guardian_desk.db.models import Child, MissingEpisode, Visit, VisitHold
from guardian_desk.domain import validation as v
from guardian_desk.domain.enums import VisitStatus, status_text
from guardian_desk.domain.errors import NotFoundError, RuleViolation, ValidationError
from guardian_desk.i18n import _
from guardian_desk.i18n.formats import datetime_text
from guardian_desk.security.roles import Permission, requires
from guardian_desk.services import audit
from guardian_desk.services.children import CLOSED_STATUSES, get_child
from guardian_desk.services.locking import flush_checked, load_for_update
from guardian_desk.services.settings import get_settings

ENTITY = "missing_episode"
VISIT_ENTITY = "visit"
ONE_OPEN_INDEX = "uq_missing_episodes_one_open"


@dataclass(frozen=True)
class EpisodeInfo:
    """A missing episode as plain data (safe to hand to the GUI thread)."""

    episode_id: int
    version: int
    child_id: int
    case_number: str
    child_name: str
    missing_since: datetime  # aware, in the office's time zone
    last_seen_place: str
    circumstances: str
    appearance: str
    reported_to_police: bool
    police_reported_at: datetime | None
    police_reference: str
    reported_by: str
    returned_at: datetime | None
    found_place: str
    return_note: str
    visits_on_hold: int

    @property
    def is_open(self) -> bool:
        return self.returned_at is None


@dataclass(frozen=True)
class ReturnRecorded:
    episode: EpisodeInfo
    released: tuple[int, ...]  # the visits taken off hold (still planned)
    rescreen: str  # what the officer is asked to do now, in the interface language


def rescreen_prompt(case_number: str) -> str:
    # TRANSLATORS: shown when a missing child has come back; {case_number} identifies the child.
    return _(
        "{case_number} is back. Re-screen the child for trafficking risk: a child who went "
        "missing may have been exploited or may go missing again."
    ).format(case_number=case_number)


def _moment(session: Session, field: str, value: datetime, now: datetime) -> datetime:
    """An aware time, not in the future; returned in UTC."""
    if not isinstance(value, datetime) or value.tzinfo is None:
        raise ValidationError(field, value, _("needs a date, a time and the office's time zone"))
    moment = value.astimezone(UTC).replace(second=0, microsecond=0)
    if moment > now:
        zone = ZoneInfo(get_settings(session).time_zone)
        raise ValidationError(
            field, datetime_text(moment.astimezone(zone)), _("lies in the future")
        )
    return moment


@requires(Permission.READ_RECORDS)
def open_episode(session: Session, child_id: int) -> MissingEpisode | None:
    """The child's open missing episode, if the child is missing now."""
    return session.scalar(
        select(MissingEpisode).where(
            MissingEpisode.child_id == child_id, MissingEpisode.returned_at.is_(None)
        )
    )


def is_on_hold(session: Session, visit_id: int) -> bool:
    return (
        session.scalar(
            select(func.count())
            .select_from(VisitHold)
            .where(VisitHold.visit_id == visit_id, VisitHold.released_at.is_(None))
        )
        or 0
    ) > 0


def refuse_if_missing(session: Session, child: Child) -> None:
    """RuleViolation naming since when, when the child is missing now (no new bookings)."""
    episode = open_episode(session, child.id)
    if episode is not None:
        zone = ZoneInfo(get_settings(session).time_zone)
        raise RuleViolation(
            # TRANSLATORS: {when} is a date and time, such as "3 March 2026, 21:30".
            _(
                "{case_number} has been missing since {when}; record the child's return "
                "before booking a visit"
            ).format(
                case_number=child.case_number,
                when=datetime_text(episode.missing_since.astimezone(zone)),
            )
        )


def _summary(e: MissingEpisode) -> dict[str, object]:
    return {
        "child_id": e.child_id,
        "missing_since": e.missing_since,
        "last_seen_place": e.last_seen_place,
        "circumstances": e.circumstances,
        "appearance": e.appearance,
        "reported_to_police": e.reported_to_police,
        "police_reported_at": e.police_reported_at,
        "police_reference": e.police_reference,
        "returned_at": e.returned_at,
        "found_place": e.found_place,
        "return_note": e.return_note,
    }


def _info(session: Session, e: MissingEpisode) -> EpisodeInfo:
    zone = ZoneInfo(get_settings(session).time_zone)
    child = get_child(session, e.child_id)
    held = (
        session.scalar(
            select(func.count())
            .select_from(VisitHold)
            .where(VisitHold.episode_id == e.id, VisitHold.released_at.is_(None))
        )
        or 0
    )
    return EpisodeInfo(
        episode_id=e.id,
        version=e.version,
        child_id=e.child_id,
        case_number=child.case_number,
        child_name=child.full_name,
        missing_since=e.missing_since.astimezone(zone),
        last_seen_place=e.last_seen_place,
        circumstances=e.circumstances,
        appearance=e.appearance,
        reported_to_police=e.reported_to_police,
        police_reported_at=e.police_reported_at.astimezone(zone) if e.police_reported_at else None,
        police_reference=e.police_reference,
        reported_by=e.reported_by,
        returned_at=e.returned_at.astimezone(zone) if e.returned_at else None,
        found_place=e.found_place,
        return_note=e.return_note,
        visits_on_hold=held,
    )


def _police(
    session: Session,
    reported: bool,
    reported_at: datetime | None,
    since: datetime,
    now: datetime,
) -> datetime | None:
    if not reported:
        if reported_at is not None:
            raise ValidationError(
                "police_reported_at", reported_at, _("is only for a report made to the police")
            )
        return None
    if reported_at is None:
        return None  # reported, the time not known
    moment = _moment(session, "police_reported_at", reported_at, now)
    if moment < since:
        raise ValidationError(
            "police_reported_at", reported_at, _("is before the child went missing")
        )
    return moment


@requires(Permission.EDIT_CASEWORK)
def report_missing(
    session: Session,
    child_id: int,
    *,
    missing_since: datetime,
    last_seen_place: str = "",
    circumstances: str = "",
    appearance: str = "",
    reported_to_police: bool = False,
    police_reported_at: datetime | None = None,
    police_reference: str = "",
    now: datetime | None = None,
) -> MissingEpisode:
    """Record a disappearance; the child's planned visits from ``missing_since`` on go on
    hold. Refused for a closed case and for a child already missing."""
    moment_now = (now or datetime.now(UTC)).astimezone(UTC)
    since = _moment(session, "missing_since", missing_since, moment_now)
    place = v.text("last_seen_place", last_seen_place, max_length=300, required=False)
    story = v.note("circumstances", circumstances, max_length=10_000)
    looks = v.note("appearance", appearance, max_length=4000)
    reference = v.text("police_reference", police_reference, max_length=100, required=False)
    police_at = _police(session, reported_to_police, police_reported_at, since, moment_now)
    child = get_child(session, child_id)
    if child.status in CLOSED_STATUSES:
        # TRANSLATORS: {status} is a case status such as "closed".
        raise RuleViolation(
            _("{case_number} is {status}; reopen the case to record a disappearance").format(
                case_number=child.case_number, status=status_text(child.status)
            )
        )
    if open_episode(session, child_id) is not None:
        raise RuleViolation(_already_missing(child.case_number))
    episode = MissingEpisode(
        child_id=child_id,
        missing_since=since,
        last_seen_place=place,
        circumstances=story,
        appearance=looks,
        reported_to_police=reported_to_police,
        police_reported_at=police_at,
        police_reference=reference,
        reported_by=audit.actor_of(session),
        found_place="",
        return_note="",
        return_recorded_by="",
    )
    try:
        with session.begin_nested():
            session.add(episode)
    except IntegrityError as exc:
        if ONE_OPEN_INDEX in str(exc.orig) or "missing_episodes.child_id" in str(exc.orig):
            raise RuleViolation(_already_missing(child.case_number)) from None
        raise
    held = _hold_visits(session, episode, moment_now)
    audit.record(
        session, ENTITY, episode.id, "report", after=_summary(episode) | {"visits_on_hold": held}
    )
    return episode


def _already_missing(case_number: str) -> str:
    return _("{case_number} is already reported missing; record the return first").format(
        case_number=case_number
    )


def _hold_visits(session: Session, episode: MissingEpisode, now: datetime) -> list[int]:
    visits = session.scalars(
        select(Visit)
        .where(
            Visit.child_id == episode.child_id,
            Visit.status == VisitStatus.PLANNED,
            Visit.ends_at > episode.missing_since,
            ~select(VisitHold.id)
            .where(VisitHold.visit_id == Visit.id, VisitHold.released_at.is_(None))
            .exists(),
        )
        .order_by(Visit.starts_at)
    ).all()
    for visit in visits:
        session.add(VisitHold(visit_id=visit.id, episode_id=episode.id, held_at=now))
        visit.sequence += 1  # the calendars must see it change
    session.flush()
    ids = [visit.id for visit in visits]
    for vid in ids:
        audit.record(session, VISIT_ENTITY, vid, "hold", after={"missing_episode": episode.id})
    return ids


@requires(Permission.EDIT_CASEWORK)
def update_missing(
    session: Session,
    episode_id: int,
    expected_version: int,
    *,
    missing_since: datetime,
    last_seen_place: str = "",
    circumstances: str = "",
    appearance: str = "",
    reported_to_police: bool = False,
    police_reported_at: datetime | None = None,
    police_reference: str = "",
    now: datetime | None = None,
) -> MissingEpisode:
    """Correct or complete a disappearance (the police were told later, a better place)."""
    moment_now = (now or datetime.now(UTC)).astimezone(UTC)
    episode = load_for_update(session, MissingEpisode, episode_id, expected_version, ENTITY)
    since = _moment(session, "missing_since", missing_since, moment_now)
    if episode.returned_at is not None and episode.returned_at < since:
        raise ValidationError("missing_since", missing_since, _("is after the child's return"))
    before = _summary(episode)
    episode.missing_since = since
    episode.last_seen_place = v.text(
        "last_seen_place", last_seen_place, max_length=300, required=False
    )
    episode.circumstances = v.note("circumstances", circumstances, max_length=10_000)
    episode.appearance = v.note("appearance", appearance, max_length=4000)
    episode.reported_to_police = reported_to_police
    episode.police_reported_at = _police(
        session, reported_to_police, police_reported_at, since, moment_now
    )
    episode.police_reference = v.text(
        "police_reference", police_reference, max_length=100, required=False
    )
    if _summary(episode) == before:
        return episode
    flush_checked(session, episode, ENTITY, expected_version)
    audit.record(session, ENTITY, episode.id, "update", before=before, after=_summary(episode))
    return episode


@requires(Permission.EDIT_CASEWORK)
def record_return(
    session: Session,
    episode_id: int,
    expected_version: int,
    *,
    returned_at: datetime,
    found_place: str = "",
    note: str = "",
    now: datetime | None = None,
) -> ReturnRecorded:
    """The child is back: the episode closes, the visits on hold are released (those still
    to come show as confirmed again), and the officer is asked to re-screen the child."""
    moment_now = (now or datetime.now(UTC)).astimezone(UTC)
    episode = load_for_update(session, MissingEpisode, episode_id, expected_version, ENTITY)
    child = get_child(session, episode.child_id)
    if episode.returned_at is not None:
        raise RuleViolation(
            _("the return of {case_number} is already recorded").format(
                case_number=child.case_number
            )
        )
    back = _moment(session, "returned_at", returned_at, moment_now)
    if back < episode.missing_since:
        raise ValidationError("returned_at", returned_at, _("is before the child went missing"))
    before = _summary(episode)
    episode.returned_at = back
    episode.found_place = v.text("found_place", found_place, max_length=300, required=False)
    episode.return_note = v.note("note", note, max_length=10_000)
    episode.return_recorded_by = audit.actor_of(session)
    flush_checked(session, episode, ENTITY, expected_version)
    released = _release(session, episode, moment_now)
    audit.record(
        session,
        ENTITY,
        episode.id,
        "return",
        before=before,
        after=_summary(episode) | {"released_visits": released},
    )
    return ReturnRecorded(
        _info(session, episode), tuple(released), rescreen_prompt(child.case_number)
    )


def _release(session: Session, episode: MissingEpisode, now: datetime) -> list[int]:
    holds = session.scalars(
        select(VisitHold).where(VisitHold.episode_id == episode.id, VisitHold.released_at.is_(None))
    ).all()
    released = []
    for hold in holds:
        hold.released_at = now
        visit = session.get(Visit, hold.visit_id)
        if visit is not None and visit.status is VisitStatus.PLANNED:
            visit.sequence += 1
            released.append(visit.id)
    session.flush()
    for vid in released:
        audit.record(session, VISIT_ENTITY, vid, "release", after={"missing_episode": episode.id})
    return released


@requires(Permission.READ_RECORDS)
def episode_info(session: Session, episode_id: int) -> EpisodeInfo:
    episode = session.get(MissingEpisode, episode_id)
    if episode is None:
        raise NotFoundError(ENTITY, episode_id)
    return _info(session, episode)


@requires(Permission.READ_RECORDS)
def current_episode(session: Session, child_id: int) -> EpisodeInfo | None:
    """The child's open episode as plain data, or None when the child is not missing."""
    episode = open_episode(session, child_id)
    return None if episode is None else _info(session, episode)


@requires(Permission.READ_RECORDS)
def episodes_of(session: Session, child_id: int) -> list[EpisodeInfo]:
    """Every missing episode of the child, the latest first."""
    rows = session.scalars(
        select(MissingEpisode)
        .where(MissingEpisode.child_id == child_id)
        .order_by(MissingEpisode.missing_since.desc(), MissingEpisode.id.desc())
    ).all()
    return [_info(session, e) for e in rows]


@dataclass(frozen=True)
class MissingLine:
    """A missing child as the home page lists them."""

    episode_id: int
    child_id: int
    case_number: str
    name: str
    missing_since: datetime  # aware, in the office's time zone
    last_seen_place: str
    reported_to_police: bool
    days_missing: int


@requires(Permission.READ_RECORDS)
def missing_now(
    session: Session, *, now: datetime | None = None, limit: int = 200
) -> tuple[tuple[MissingLine, ...], int]:
    """The children missing now, longest missing first, and how many there are."""
    zone = ZoneInfo(get_settings(session).time_zone)
    moment = (now or datetime.now(UTC)).astimezone(zone)
    rows = session.execute(  # the lines and, beside each, how many there are in all
        select(
            MissingEpisode,
            Child.case_number,
            Child.given_name,
            Child.family_name,
            func.count().over(),
        )
        .join(Child, Child.id == MissingEpisode.child_id)
        .where(MissingEpisode.returned_at.is_(None))
        .order_by(MissingEpisode.missing_since, MissingEpisode.id)
        .limit(limit)
    ).all()
    total = rows[0][4] if rows else 0
    lines = tuple(
        MissingLine(
            episode_id=e.id,
            child_id=e.child_id,
            case_number=case,
            name=f"{given or ''} {family or ''}".strip(),
            missing_since=e.missing_since.astimezone(zone),
            last_seen_place=e.last_seen_place,
            reported_to_police=e.reported_to_police,
            days_missing=(moment.date() - e.missing_since.astimezone(zone).date()).days,
        )
        for e, case, given, family, _total in rows
    )
    return lines, total
