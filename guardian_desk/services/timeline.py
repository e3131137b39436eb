"""A child's case as one story: every dated event of the record, oldest first.

Arrival and identification, placements, appointments of guardians and mediators (their
start and end), visits (and their reports), case notes and their amendments, papers issued,
status changes (read from the audit trail) and missing episodes. Each event is typed
(EventKind), so the record's Timeline tab and the case summary can choose kinds.

Visit reports and missing episodes live in tables of migration ae8f9a1b2c37; they are read
only where those tables exist, so the timeline works on a database without them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import inspect, or_, select
from sqlalchemy.orm import Session

from guardian_desk.db.models import (
    Assignment,
    AuditEvent,
    Facility,
    Guardian,
    IssuedDocument,
    Mediator,
    Visit,
)
from guardian_desk.domain.case_history import (
    EventKind,
    note_kind_text,
    placement_reason_text,
)
from guardian_desk.domain.enums import (
    AssignmentRole,
    ChildStatus,
    DocumentKind,
    VisitPurpose,
    VisitStatus,
    status_text,
    visit_status_text,
)
from guardian_desk.i18n import N_, _
from guardian_desk.i18n.formats import date_text
from guardian_desk.security.roles import Permission, requires
from guardian_desk.services.case_notes import notes_of
from guardian_desk.services.children import ENTITY as CHILD_ENTITY
from guardian_desk.services.children import get_child
from guardian_desk.services.placements import placements_of
from guardian_desk.services.settings import get_settings

ALL_KINDS: frozenset[EventKind] = frozenset(EventKind)
_NOON = time(12, 0)

VISIT_TITLES = {
    # TRANSLATORS: a timeline event: a meeting with the child and its status ("held").
    VisitPurpose.VISIT: N_("Visit ({status})"),
    VisitPurpose.ASYLUM_INTERVIEW: N_("Asylum interview ({status})"),
    VisitPurpose.POLICE_INTERVIEW: N_("Police interview ({status})"),
    VisitPurpose.MEDICAL: N_("Medical appointment ({status})"),
    VisitPurpose.SCHOOL: N_("School appointment ({status})"),
    VisitPurpose.COURT: N_("Court hearing ({status})"),
    VisitPurpose.OTHER: N_("Appointment ({status})"),
}


@dataclass(frozen=True)
class TimelineEvent:
    """One event. ``on`` is the office's local day; ``at`` the UTC moment when the event has
    a time (a visit, a note written, a paper issued), else None."""

    kind: EventKind
    on: date
    at: datetime | None
    title: str  # in the language active when the timeline was read
    detail: str = ""
    by: str = ""  # who recorded it, where known
    record_id: int | None = None  # the note, visit, placement ... the event comes from

    def sort_key(self, zone: ZoneInfo) -> tuple[date, datetime]:
        moment = (
            self.at.astimezone(zone).replace(tzinfo=None)
            if self.at is not None
            else datetime.combine(self.on, time.min)
        )
        return self.on, moment


def _local_day(at: datetime, zone: ZoneInfo) -> date:
    return at.astimezone(zone).date()


def _has_table(session: Session, name: str) -> bool:
    known: dict[str, bool] = session.info.setdefault("timeline_tables", {})
    if name not in known:
        known[name] = inspect(session.connection()).has_table(name)
    return known[name]


def _arrival(child: Any) -> list[TimelineEvent]:
    found = [
        TimelineEvent(
            EventKind.IDENTIFICATION,
            child.identified_on,
            None,
            _("Identified; case {case_number} opened").format(case_number=child.case_number),
        )
    ]
    if child.arrived_on is not None:
        found.append(TimelineEvent(EventKind.ARRIVAL, child.arrived_on, None, _("Arrived")))
    return found


def _placements(session: Session, child_id: int) -> list[TimelineEvent]:
    rows = placements_of(session, child_id)
    found = []
    for n, p in enumerate(rows):
        if p.from_facility is None:
            title = _("Placed at {facility}").format(facility=p.facility)
        else:
            # TRANSLATORS: a timeline event; {source} and {target} are facilities.
            title = _("Moved from {source} to {target}").format(
                source=p.from_facility, target=p.facility
            )
        detail = placement_reason_text(p.reason)
        if p.note:
            detail = f"{detail}: {p.note}"
        found.append(
            TimelineEvent(EventKind.PLACEMENT, p.moved_on, None, title, detail, p.recorded_by, p.id)
        )
        following = rows[n + 1] if n + 1 < len(rows) else None
        if p.left_on is not None and (following is None or following.from_facility is None):
            found.append(
                TimelineEvent(
                    EventKind.PLACEMENT,
                    p.left_on,
                    None,
                    _("Left {facility}").format(facility=p.facility),
                    record_id=p.id,
                )
            )
    return found


def _appointments(session: Session, child_id: int) -> list[TimelineEvent]:
    rows = session.execute(
        select(Assignment, Guardian, Mediator)
        .outerjoin(Guardian, Guardian.id == Assignment.guardian_id)
        .outerjoin(Mediator, Mediator.id == Assignment.mediator_id)
        .where(Assignment.child_id == child_id)
        .order_by(Assignment.starts_on, Assignment.id)
    )
    found = []
    for a, guardian_row, mediator_row in rows:
        guardian = a.role is AssignmentRole.GUARDIAN
        person = guardian_row if guardian else mediator_row
        name = person.full_name if person is not None else ""
        if guardian:
            title = _("{name} appointed guardian").format(name=name)
        else:
            title = _("{name} appointed mediator").format(name=name)
        detail = a.reason
        if a.decision_ref:
            # TRANSLATORS: the reference of a written decision, e.g. "Decision 12/2026".
            ref = _("decision {reference}").format(reference=a.decision_ref)
            detail = f"{detail}; {ref}" if detail else ref
        found.append(
            TimelineEvent(EventKind.APPOINTMENT, a.starts_on, None, title, detail, "", a.id)
        )
        if a.ends_on is not None:
            if guardian:
                title = _("{name}'s appointment as guardian ended").format(name=name)
            else:
                title = _("{name}'s appointment as mediator ended").format(name=name)
            found.append(
                TimelineEvent(EventKind.APPOINTMENT, a.ends_on, None, title, a.end_reason, "", a.id)
            )
    return found


def _people(guardian: str | None, mediator: str | None, place: str) -> str:
    names = [n for n in (guardian, mediator) if n]
    parts = [", ".join(names)] if names else []
    if place:
        parts.append(place)
    return "; ".join(parts)


def _visits(session: Session, child_id: int, zone: ZoneInfo) -> list[TimelineEvent]:
    rows = session.execute(
        select(Visit, Guardian, Mediator, Facility.name)
        .outerjoin(Guardian, Guardian.id == Visit.guardian_id)
        .outerjoin(Mediator, Mediator.id == Visit.mediator_id)
        .outerjoin(Facility, Facility.id == Visit.facility_id)
        .where(Visit.child_id == child_id)
        .order_by(Visit.starts_at)
    )
    found = []
    for visit, guardian_row, mediator_row, facility in rows:
        guardian = guardian_row.full_name if guardian_row is not None else None
        mediator = mediator_row.full_name if mediator_row is not None else None
        title = _(VISIT_TITLES[visit.purpose]).format(status=visit_status_text(visit.status))
        detail = _people(guardian, mediator, facility or visit.place)
        if visit.outcome_note and visit.status is not VisitStatus.PLANNED:
            detail = f"{detail} — {visit.outcome_note}" if detail else visit.outcome_note
        found.append(
            TimelineEvent(
                EventKind.VISIT,
                _local_day(visit.starts_at, zone),
                visit.starts_at,
                title,
                detail,
                record_id=visit.id,
            )
        )
    return found


def _visit_reports(session: Session, child_id: int, zone: ZoneInfo) -> list[TimelineEvent]:
    if not _has_table(session, "visit_reports"):
        return []
    try:
        from guardian_desk.db.models.episodes import VisitReport
    except ImportError:  # pragma: no cover - the visit reports are not built yet
        return []
    rows = session.execute(
        select(VisitReport, Visit.ends_at)
        .join(Visit, Visit.id == VisitReport.visit_id)
        .where(Visit.child_id == child_id)
    )
    found = []
    for report, ends_at in rows:
        parts = [
            # TRANSLATORS: how long a visit lasted, in a visit report.
            _("{minutes} min").format(minutes=report.minutes),
        ]
        if report.wellbeing is not None:
            # TRANSLATORS: the child's wellbeing on a scale from 1 to 5.
            parts.append(_("wellbeing {score}/5").format(score=report.wellbeing))
        if report.concerns:
            parts.append(_("concerns: {concerns}").format(concerns=report.concerns))
        found.append(
            TimelineEvent(
                EventKind.VISIT_REPORT,
                _local_day(ends_at, zone),
                ends_at,
                _("Visit report"),
                "; ".join(parts),
                report.written_by,
                report.id,
            )
        )
    return found


def _missing(session: Session, child_id: int, zone: ZoneInfo) -> list[TimelineEvent]:
    if not _has_table(session, "missing_episodes"):
        return []
    try:
        from guardian_desk.db.models.episodes import MissingEpisode
    except ImportError:  # pragma: no cover - the missing episodes are not built yet
        return []
    found = []
    for episode in session.scalars(
        select(MissingEpisode).where(MissingEpisode.child_id == child_id)
    ):
        where = episode.last_seen_place
        found.append(
            TimelineEvent(
                EventKind.MISSING,
                _local_day(episode.missing_since, zone),
                episode.missing_since,
                _("Went missing; last seen at {place}").format(place=where)
                if where
                else _("Went missing"),
                episode.circumstances,
                episode.reported_by,
                episode.id,
            )
        )
        if episode.returned_at is not None:
            place = episode.found_place
            found.append(
                TimelineEvent(
                    EventKind.MISSING,
                    _local_day(episode.returned_at, zone),
                    episode.returned_at,
                    _("Returned; found at {place}").format(place=place) if place else _("Returned"),
                    episode.return_note,
                    episode.return_recorded_by,
                    episode.id,
                )
            )
    return found


def _notes(session: Session, child_id: int) -> list[TimelineEvent]:
    found = []
    for note in notes_of(session, child_id):
        # TRANSLATORS: a timeline event: a case note and its kind ("Note (phone call)").
        title = _("Note ({kind})").format(kind=note_kind_text(note.kind))
        found.append(
            TimelineEvent(
                EventKind.NOTE,
                note.noted_on,
                None,
                title,
                note.text,
                note.author_name or note.author,
                note.id,
            )
        )
    return found


def _papers(session: Session, child_id: int, zone: ZoneInfo) -> list[TimelineEvent]:
    from guardian_desk.papers.register import TITLES  # reportlab only when asked for

    appointments = select(Assignment.id).where(Assignment.child_id == child_id)
    papers = session.scalars(
        select(IssuedDocument)
        .where(
            or_(
                IssuedDocument.child_id == child_id,
                IssuedDocument.assignment_id.in_(appointments),
            )
        )
        .order_by(IssuedDocument.issued_at)
    )
    found = []
    for paper in papers:
        name = TITLES.get(DocumentKind(paper.kind))
        # TRANSLATORS: a timeline event: a paper issued and its reference ("GD-2026-000123").
        title = _("{paper} issued ({reference})").format(
            paper=_(name) if name else paper.kind.value, reference=paper.reference
        )
        found.append(
            TimelineEvent(
                EventKind.PAPER,
                _local_day(paper.issued_at, zone),
                paper.issued_at,
                title,
                "",
                paper.issued_by,
                paper.id,
            )
        )
    return found


def _status_value(found: object) -> ChildStatus | None:
    if isinstance(found, dict):
        found = found.get("status")
    try:
        return ChildStatus(found) if isinstance(found, str) else None
    except ValueError:
        return None


def _status_changes(session: Session, child_id: int, zone: ZoneInfo) -> list[TimelineEvent]:
    """From the record's audit rows: every row whose status differs from the one before."""
    rows = session.execute(
        select(AuditEvent.at, AuditEvent.actor, AuditEvent.before, AuditEvent.after)
        .where(AuditEvent.entity == CHILD_ENTITY, AuditEvent.entity_id == str(child_id))
        .order_by(AuditEvent.id)
    )
    found = []
    last: ChildStatus | None = None
    for at, actor, before, after in rows:
        status = _status_value(after)
        if status is None:
            continue
        # The status before this change, as its row saw it (an appointment may have changed
        # it in between without a row of the child's own); else the last one known.
        last = _status_value(before) or last
        if last is not None and status is not last:
            # TRANSLATORS: a timeline event; {before} and {after} are case statuses.
            title = _("Case status changed from {before} to {after}").format(
                before=status_text(last), after=status_text(status)
            )
            reason = after.get("reason", "") if isinstance(after, dict) else ""
            found.append(
                TimelineEvent(
                    EventKind.STATUS,
                    _local_day(at, zone),
                    at,
                    title,
                    reason if isinstance(reason, str) else "",
                    actor,
                )
            )
        last = status
    return found


@requires(Permission.READ_RECORDS)
def timeline(
    session: Session, child_id: int, kinds: Iterable[EventKind] | None = None
) -> list[TimelineEvent]:
    """The child's events of the kinds asked for (all by default), oldest first."""
    wanted = ALL_KINDS if kinds is None else frozenset(kinds)
    child = get_child(session, child_id)
    zone = ZoneInfo(get_settings(session).time_zone)
    events: list[TimelineEvent] = []
    if wanted & {EventKind.ARRIVAL, EventKind.IDENTIFICATION}:
        events += _arrival(child)
    if EventKind.PLACEMENT in wanted:
        events += _placements(session, child.id)
    if EventKind.APPOINTMENT in wanted:
        events += _appointments(session, child.id)
    if EventKind.VISIT in wanted:
        events += _visits(session, child.id, zone)
    if EventKind.VISIT_REPORT in wanted:
        events += _visit_reports(session, child.id, zone)
    if EventKind.NOTE in wanted:
        events += _notes(session, child.id)
    if EventKind.PAPER in wanted:
        events += _papers(session, child.id, zone)
    if EventKind.STATUS in wanted:
        events += _status_changes(session, child.id, zone)
    if EventKind.MISSING in wanted:
        events += _missing(session, child.id, zone)
    chosen = _named([e for e in events if e.kind in wanted], session)
    # Stable: events of one day without a time keep the order they were gathered in.
    return sorted(chosen, key=lambda e: e.sort_key(zone))


def _named(events: list[TimelineEvent], session: Session) -> list[TimelineEvent]:
    """Who recorded each event by the account's full name (rows keep user names)."""
    from dataclasses import replace

    from guardian_desk.db.models import Account

    usernames = {e.by for e in events if e.by}
    if not usernames:
        return events
    rows = session.execute(
        select(Account.username, Account.full_name).where(Account.username.in_(usernames))
    )
    names = {username: full_name for username, full_name in rows}
    return [replace(e, by=names.get(e.by, e.by)) if e.by else e for e in events]


def event_line(event: TimelineEvent) -> str:
    """One line for a paper: the day, what happened, the details."""
    text = f"{date_text(event.on)} — {event.title}"
    if event.detail:
        text = f"{text}: {event.detail}"
    return text
