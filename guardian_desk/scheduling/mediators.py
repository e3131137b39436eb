"""Which mediators can come to a booking (an interview, a doctor, a court), best first.

A mediator qualifies when they speak one of the child's languages and one of the office
country's languages (``office_languages``), both at working level or better; are active
and vetted on the day; meet the child's mediator-gender preference (when preferences are
hard); and are free then: absent neither that day nor on a public holiday, within their
weekly windows, and with no booking within the travel time. They are ranked with the six
parts of matching (docs/matching.md), scored by ``guardian_desk.matching.scoring``.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from guardian_desk.db.models import Assignment, Facility, Mediator, MediatorLanguage
from guardian_desk.domain.enums import (
    AssignmentRole,
    Proficiency,
    VisitPurpose,
    asked_for_text,
    proficiency_text,
)
from guardian_desk.domain.errors import ValidationError
from guardian_desk.domain.languages import language_name
from guardian_desk.i18n import _
from guardian_desk.i18n.formats import date_text, list_text
from guardian_desk.matching import scoring
from guardian_desk.matching.child_match import mismatched
from guardian_desk.matching.loading import pool_children
from guardian_desk.matching.pool import (
    PROFICIENCY_VALUE,
    MatchingPool,
    MatchSettings,
    PoolChild,
    PoolFacility,
    PoolPerson,
    working_languages,
)
from guardian_desk.matching.results import ScorePart
from guardian_desk.scheduling.availability import Schedule
from guardian_desk.scheduling.clock import to_minute
from guardian_desk.scheduling.intervals import merge
from guardian_desk.scheduling.loading import load_schedule
from guardian_desk.scheduling.model import Attendees, Person
from guardian_desk.scheduling.office_languages import office_languages
from guardian_desk.scheduling.results import MediatorCandidate, MediatorChoice, MediatorExclusion
from guardian_desk.scheduling.slots import ASSIGNED, Assigned, resolve_attendees
from guardian_desk.security.roles import Permission, requires
from guardian_desk.services.settings import get_settings


@requires(Permission.READ_RECORDS)
def propose_mediators(
    session: Session,
    child_id: int,
    starts_at: datetime,
    ends_at: datetime,
    *,
    facility_id: int | Assigned | None = ASSIGNED,
    place: str = "",
    purpose: VisitPurpose = VisitPurpose.OTHER,
    guardian_id: int | None = None,
    ignore_visit_id: int | None = None,
    limit: int = 10,
) -> MediatorChoice:
    """Rank the mediators who can come to a booking of this child at this time.

    ``facility_id``/``place``: where (default the child's facility, or the place written);
    ``guardian_id``: a guardian also coming (their clashes are listed in ``notes``).
    """
    if ends_at <= starts_at:
        raise ValidationError("ends_at", ends_at.isoformat(), _("must be after the start"))
    settings = get_settings(session)
    attendees = resolve_attendees(
        session, child_id, guardian_id, None, facility_id, place, someone=False
    )
    start, end = to_minute(starts_at), to_minute(ends_at)
    local = office_languages(settings.country)
    pool_child = next(c for c in pool_children(session, [child_id]) if c.id == child_id)
    spoken = working_languages(pool_child.languages)
    candidates = _speakers(session, list(spoken))
    schedule = load_schedule(
        session,
        _local_day(settings.time_zone, starts_at),
        _local_day(settings.time_zone, ends_at),
        children=[child_id],
        guardians=[guardian_id] if guardian_id is not None else [],
        mediators=list(candidates),
        facilities=[attendees.facility_id] if attendees.facility_id is not None else [],
    )
    day = schedule.clock.local_date(start)
    notes = schedule.place_problems(attendees, start, end)
    notes += schedule.clashes(attendees, start, end, ignore_visit_id)
    notes += [
        text for p in schedule.people(attendees) for text in schedule.person_problems(p, start, end)
    ]
    pool = _pool(session, schedule, pool_child, candidates, attendees, day)
    found, excluded = [], []
    for mid in sorted(candidates):
        person = schedule.mediators[mid]
        with_mediator = Attendees(child_id, None, mid, attendees.facility_id, attendees.place)
        reasons = _faults(schedule, pool_child, person, candidates[mid], local, day)
        reasons += schedule.person_problems(person, start, end)
        reasons += schedule.clashes(with_mediator, start, end, ignore_visit_id, [person.key])
        if reasons:
            excluded.append(MediatorExclusion(mid, person.code, person.name, tuple(reasons)))
            continue
        found.append(_candidate(pool, pool_child, person, candidates[mid], local))
    found.sort(key=lambda c: (-c.score, c.code))
    excluded.sort(key=lambda e: (len(e.reasons), e.code))
    if not spoken:
        notes.append(_("the child speaks no language at working level or better"))
    return MediatorChoice(
        child_id=child_id,
        case_number=pool_child.case_number,
        purpose=purpose,
        starts_at=schedule.clock.local(start),
        ends_at=schedule.clock.local(end),
        local_languages=local,
        candidates=tuple(found[:limit]),
        excluded=tuple(excluded),
        notes=tuple(dict.fromkeys(notes)),
    )


def _local_day(zone: str, moment: datetime) -> date:
    return moment.astimezone(ZoneInfo(zone)).date()


def _speakers(session: Session, codes: list[str]) -> dict[int, dict[str, Proficiency]]:
    """Every mediator who speaks one of these languages at working level, with all they speak."""
    if not codes:
        return {}
    working = [level for level in Proficiency if level.rank >= Proficiency.WORKING.rank]
    ids = select(MediatorLanguage.mediator_id).where(
        MediatorLanguage.code.in_(codes), MediatorLanguage.proficiency.in_(working)
    )
    found: dict[int, dict[str, Proficiency]] = {}
    for mid, code, level in session.execute(
        select(
            MediatorLanguage.mediator_id, MediatorLanguage.code, MediatorLanguage.proficiency
        ).where(MediatorLanguage.mediator_id.in_(ids))
    ):
        found.setdefault(mid, {})[code] = level
    return found


def _faults(
    schedule: Schedule,
    child: PoolChild,
    person: Person,
    languages: dict[str, Proficiency],
    local: tuple[str, ...],
    day: date,
) -> list[str]:
    """The rules that do not depend on the time: vetting, gender, the office's language."""
    reasons = []
    if person.vetting_expires_on is None:
        reasons.append(_("no vetting on record"))
    elif person.vetting_expires_on < day:
        reasons.append(
            _("vetting expired on {date}").format(date=date_text(person.vetting_expires_on))
        )
    preference = child.mediator_preference
    if schedule.rules.gender_preference_hard and mismatched(preference, person.sex):
        reasons.append(asked_for_text(preference, "mediator"))
    if local and not any(code in working_languages(languages) for code in local):
        names = list_text((language_name(code) for code in local), style="or")
        # TRANSLATORS: about a mediator; {languages} is like "Albanian or English".
        reasons.append(_("speaks no {languages} at working level").format(languages=names))
    return reasons


def _pool(
    session: Session,
    schedule: Schedule,
    child: PoolChild,
    candidates: dict[int, dict[str, Proficiency]],
    attendees: Attendees,
    day: date,
) -> MatchingPool:
    """A matching pool of this child and these mediators, for matching's score parts."""
    ids = list(candidates)
    caseload: dict[int, int] = {}
    for mid in session.scalars(
        select(Assignment.mediator_id).where(
            Assignment.role == AssignmentRole.MEDIATOR,
            Assignment.ends_on.is_(None),
            Assignment.mediator_id.in_(ids),
        )
    ):
        if mid is not None:
            caseload[mid] = caseload.get(mid, 0) + 1
    homes = {
        mid: (lat, lon, most)
        for mid, lat, lon, most in session.execute(
            select(Mediator.id, Mediator.latitude, Mediator.longitude, Mediator.max_caseload).where(
                Mediator.id.in_(ids)
            )
        )
    }
    mediators = [
        PoolPerson(
            id=p.id,
            code=p.code,
            name=p.name,
            sex=p.sex,
            languages=candidates[p.id],
            active=p.active,
            vetting_expires_on=p.vetting_expires_on,
            max_caseload=homes[p.id][2],
            caseload=caseload.get(p.id, 0),
            latitude=homes[p.id][0],
            longitude=homes[p.id][1],
        )
        for p in schedule.mediators.values()
    ]
    facilities = []
    place = schedule.facility(attendees)
    row = session.get(Facility, place.id) if place is not None else None
    if place is not None and row is not None:
        facilities.append(
            PoolFacility(place.id, place.code, place.name, (), row.latitude, row.longitude)
        )
    settings = get_settings(session)
    return MatchingPool(
        children=[child],
        guardians=[],
        mediators=mediators,
        facilities=facilities,
        settings=MatchSettings(
            caseload_cap=settings.caseload_cap,
            gender_preference_hard=settings.gender_preference_hard,
            visit_minutes=settings.visit_minutes,
            weights=dict(settings.matching_weights or {}),
        ),
        today=day,
    )


def _candidate(
    pool: MatchingPool,
    child: PoolChild,
    person: Person,
    languages: dict[str, Proficiency],
    local: tuple[str, ...],
) -> MediatorCandidate:
    member = pool.mediators[person.id]
    speech = working_languages(languages)
    child_side = max(
        (c for c in working_languages(child.languages) if c in speech),
        key=lambda c: (scoring.link(child.languages[c], speech[c]), c),
    )
    child_link = scoring.link(child.languages[child_side], speech[child_side])
    office_side = max((c for c in local if c in speech), key=lambda c: speech[c].rank, default=None)
    office_link = PROFICIENCY_VALUE[speech[office_side]] if office_side else 1.0
    if office_side:
        # TRANSLATORS: {language} and {office_language} are languages' names, {level} and
        # {office_level} how well the mediator speaks them ("fluent").
        label = _(
            "Language: {language} with the child ({level}), {office_language} with officials "
            "({office_level})"
        ).format(
            language=language_name(child_side),
            level=proficiency_text(speech[child_side]),
            office_language=language_name(office_side),
            office_level=proficiency_text(speech[office_side]),
        )
    else:
        label = _("Language: {language} with the child ({level})").format(
            language=language_name(child_side), level=proficiency_text(speech[child_side])
        )
    facility = next(iter(pool.facilities.values()), None)
    distance, _km = scoring.distance_part(pool, member, facility)
    minutes = sum(
        end - start for windows in person.windows.values() for start, end in merge(windows)
    )
    parts: tuple[ScorePart, ...] = (
        scoring.part(pool, "language", label, child_link * office_link),
        distance,
        scoring.availability_part(pool, minutes, _("free on record")),
        scoring.load_part(pool, member),
        scoring.mediator_continuity(pool, child, person.id),
        scoring.preference_part(pool, child.mediator_preference, person.sex, "mediator"),
    )
    bridge = language_name(child_side) + (f" → {language_name(office_side)}" if office_side else "")
    return MediatorCandidate(
        mediator_id=person.id,
        code=person.code,
        name=person.name,
        sex=person.sex,
        score=scoring.total(parts),
        parts=parts,
        bridge=bridge,
    )
