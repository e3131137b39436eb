"""Retention: cases closed more than N years ago are anonymised (office_settings.retention_years).

What goes: the child's names (given, family, originals, aliases), the exact date of birth (kept
as 1 July of the birth year, marked estimated), the notes, the accompanying adults, the free
text of the child's visits and assignments, and the child's name in the subjects of the papers
issued for them. What stays, so that statistics still count the case: case number, sex,
nationality, languages, status, facility, the case's dates, siblings (as case numbers),
assignments and visits.

When a case closed: the moment its status last changed, read from the audit trail (the last
row that set the status, by ``close`` or by an edit, import or registration that changed it).
The trail is append-only and chained, so that date cannot move; ``updated_at`` moves with every
later edit (a note added after closing would postpone the erasure) and is used only for a
record whose status change is not in the trail (registered closed by an older version).

Not reached here: audit rows written before the anonymisation keep the values they recorded
(the trail is append-only by design), backups keep them until pruned, and files already
exported or printed are outside the database.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from guardian_desk.db.models import (
    Assignment,
    AuditEvent,
    Child,
    IssuedDocument,
    Visit,
)
from guardian_desk.domain.enums import ChildStatus
from guardian_desk.domain.text import search_blob
from guardian_desk.i18n import _, ngettext
from guardian_desk.i18n.formats import date_text
from guardian_desk.security.roles import Permission, requires
from guardian_desk.services import audit
from guardian_desk.services.children import ENTITY as CHILD_ENTITY
from guardian_desk.services.settings import get_settings

MARKER = "Anonymised"
CLOSED_STATUSES = frozenset(
    {
        ChildStatus.TRANSFERRED,
        ChildStatus.RETURNED,
        ChildStatus.REUNIFIED,
        ChildStatus.MISSING,
        ChildStatus.AGED_OUT,
        ChildStatus.CLOSED,
    }
)
SUMMARY_ENTITY = "retention"
ACTION = "anonymise"
ESTIMATED_MONTH_DAY = (7, 1)
_CHUNK = 500  # ids per IN (...) list


@dataclass
class RetentionReport:
    """What was (or, in a dry run, would be) anonymised; case numbers only, never names."""

    today: date
    retention_years: int
    closed_before: date
    dry_run: bool
    case_numbers: list[str] = field(default_factory=list)
    companions: int = 0
    papers: int = 0
    notes: int = 0  # visit and assignment texts cleared

    @property
    def children(self) -> int:
        return len(self.case_numbers)

    def line(self) -> str:
        """One sentence for the officer."""
        years = self.retention_years
        # TRANSLATORS: the retention period, in brackets after a date ("(7 years)").
        period = ngettext("{count} year", "{count} years", years).format(count=years)
        day = date_text(self.closed_before)
        if not self.case_numbers:
            # TRANSLATORS: {date} is a day; {period} the retention period ("7 years").
            return _(
                "No case closed before {date} ({period}) is left to anonymise; nothing was changed."
            ).format(date=day, period=period)
        if self.dry_run:
            # TRANSLATORS: {date} is a day; {period} the retention period ("7 years"); {cases}
            # lists case numbers.
            text = ngettext(
                "Would anonymise {count} case closed before {date} ({period}): {cases}; nothing "
                "was changed (dry run).",
                "Would anonymise {count} cases closed before {date} ({period}): {cases}; "
                "nothing was changed (dry run).",
                self.children,
            )
        else:
            # TRANSLATORS: {date} is a day; {period} the retention period ("7 years"); {cases}
            # lists case numbers.
            text = ngettext(
                "Anonymised {count} case closed before {date} ({period}): {cases}.",
                "Anonymised {count} cases closed before {date} ({period}): {cases}.",
                self.children,
            )
        return text.format(
            count=self.children, date=day, period=period, cases=", ".join(self.case_numbers)
        )


def years_before(day: date, years: int) -> date:
    """The same calendar day ``years`` earlier; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def _chunks(ids: list[int]) -> Iterable[list[int]]:
    for start in range(0, len(ids), _CHUNK):
        yield ids[start : start + _CHUNK]


def _status_of(values: Any) -> str | None:
    return values.get("status") if isinstance(values, dict) else None


def closed_on(session: Session, children: list[Child]) -> dict[int, date]:
    """Each child's day of its last status change (UTC), from the audit trail, else updated_at."""
    changed: dict[int, date] = {}
    by_key = {str(c.id): c.id for c in children}
    for chunk in _chunks([c.id for c in children]):
        rows = session.execute(
            select(AuditEvent.entity_id, AuditEvent.at, AuditEvent.before, AuditEvent.after)
            .where(
                AuditEvent.entity == CHILD_ENTITY,
                AuditEvent.entity_id.in_([str(i) for i in chunk]),
            )
            .order_by(AuditEvent.id)
        )
        for entity_id, at, before, after in rows:
            status = _status_of(after)
            if status is not None and status != _status_of(before):
                changed[by_key[entity_id]] = at.date()
    return {c.id: changed.get(c.id) or c.updated_at.date() for c in children}


def is_anonymised(child: Child) -> bool:
    """Already in the state anonymisation leaves (run twice, the second run finds nothing)."""
    born = child.date_of_birth
    return (
        child.given_name == MARKER
        and child.family_name == child.case_number
        and not (child.given_name_original or child.family_name_original or child.aliases)
        and not child.notes
        and not child.accompanying_adults
        and (born is None or (born.month, born.day) == ESTIMATED_MONTH_DAY)
    )


def due_children(session: Session, today: date, years: int) -> list[Child]:
    """Closed cases whose status last changed before ``today`` minus ``years``, by number."""
    cutoff = years_before(today, years)
    candidates = list(
        session.scalars(
            select(Child)
            .where(Child.status.in_(CLOSED_STATUSES))
            .options(selectinload(Child.accompanying_adults))
            .order_by(Child.case_number)
        )
    )
    candidates = [c for c in candidates if not is_anonymised(c)]
    closed = closed_on(session, candidates)
    return [c for c in candidates if closed[c.id] < cutoff]


def _estimated_birth(child: Child) -> date | None:
    if child.date_of_birth is None:
        return None
    return min(date(child.date_of_birth.year, *ESTIMATED_MONTH_DAY), child.identified_on)


def _clear_texts(rows: Iterable[Any], names: tuple[str, ...]) -> int:
    """Free text about the child becomes the marker (a filled field stays filled, for counts)."""
    cleared = 0
    for row in rows:
        for name in names:
            if getattr(row, name):
                setattr(row, name, MARKER)
                cleared += 1
    return cleared


def _casework_texts(session: Session, child_id: int) -> int:
    """Visit reports, their follow-ups and missing episodes: their words about the child."""
    from guardian_desk.db.models import FollowUp, MissingEpisode, VisitReport

    reports = session.scalars(
        select(VisitReport)
        .join(Visit, Visit.id == VisitReport.visit_id)
        .where(Visit.child_id == child_id)
    )
    follow_ups = session.scalars(select(FollowUp).where(FollowUp.child_id == child_id))
    episodes = session.scalars(select(MissingEpisode).where(MissingEpisode.child_id == child_id))
    return (
        _clear_texts(reports, ("others_present", "wellbeing_note", "concerns"))
        + _clear_texts(follow_ups, ("action",))
        + _clear_texts(
            episodes,
            ("last_seen_place", "circumstances", "appearance", "found_place", "return_note"),
        )
    )


def _other_casework(session: Session, child_id: int) -> tuple[int, int]:
    """Attachments go (their bytes are the child's papers); age assessments keep their dates
    and ages but lose who assessed and the notes. Case notes lose their texts (the one change
    their lock lets through), placements their reasons' words, and a record merged into this
    one its copy as it was. Returns (attachments removed, texts cleared)."""
    from guardian_desk.db.models import AgeAssessment, Attachment, ChildMerge, Placement
    from guardian_desk.services.case_notes import erase_notes_of_child

    placements = session.scalars(select(Placement).where(Placement.child_id == child_id))
    cleared = _clear_texts(placements, ("note",))
    for merge in session.scalars(select(ChildMerge).where(ChildMerge.kept_child_id == child_id)):
        # The merged record as it was (its names, notes): kept for the trail, not for ever.
        merge.merged_record = {"anonymised": True}
        cleared += 1
    attachments = list(session.scalars(select(Attachment).where(Attachment.child_id == child_id)))
    for attachment in attachments:
        session.delete(attachment)
    assessments = session.scalars(select(AgeAssessment).where(AgeAssessment.child_id == child_id))
    texts = _clear_texts(assessments, ("assessed_by", "notes"))
    return len(attachments), texts + cleared + erase_notes_of_child(session, child_id)


def _anonymise(session: Session, child: Child, report: RetentionReport) -> dict[str, Any]:
    """Remove the personal data of one child; what was removed, by field name (no values)."""
    removed = [
        name
        for name in ("given_name", "family_name", "given_name_original", "family_name_original")
        if getattr(child, name)
    ]
    if child.aliases:
        removed.append("aliases")
    if child.notes:
        removed.append("notes")
    if child.date_of_birth is not None:
        removed.append("date_of_birth")
    companions = len(child.accompanying_adults)
    papers = list(
        session.scalars(
            select(IssuedDocument).where(
                (IssuedDocument.child_id == child.id)
                | IssuedDocument.assignment_id.in_(
                    select(Assignment.id).where(Assignment.child_id == child.id)
                )
            )
        )
    )
    visits = session.scalars(select(Visit).where(Visit.child_id == child.id))
    assignments = session.scalars(select(Assignment).where(Assignment.child_id == child.id))
    texts = _clear_texts(visits, ("outcome_note",)) + _clear_texts(
        assignments, ("reason", "end_reason", "override_reason")
    )
    texts += _casework_texts(session, child.id)
    attachments, more_texts = _other_casework(session, child.id)
    texts += more_texts
    for paper in papers:
        paper.subject = f"{paper.kind.value.replace('_', ' ').capitalize()}: {child.case_number}"

    child.given_name = MARKER
    child.family_name = child.case_number
    child.given_name_original = ""
    child.family_name_original = ""
    child.aliases = []
    child.notes = ""
    if child.closure_note:
        removed.append("closure_note")
        child.closure_note = MARKER
    child.date_of_birth = _estimated_birth(child)
    child.dob_estimated = child.date_of_birth is not None or child.dob_estimated
    child.accompanying_adults = []
    child.search_text = search_blob([child.case_number, MARKER])

    report.companions += companions
    report.papers += len(papers)
    report.notes += texts
    return {
        "removed": removed,
        "companions_removed": companions,
        "paper_subjects": len(papers),
        "visit_and_assignment_texts": texts,
        "attachments_removed": attachments,
        "retention_years": report.retention_years,
    }


@requires(Permission.RETENTION)
def anonymise_closed_cases(
    session: Session, today: date, *, dry_run: bool = False
) -> RetentionReport:
    """Anonymise every case closed more than the office's retention_years before ``today``.

    One audit row per child (action ``anonymise``, the names of the removed fields, never
    their values) and one summary row. ``dry_run`` changes nothing and writes no audit row.
    """
    years = get_settings(session).retention_years
    report = RetentionReport(today, years, years_before(today, years), dry_run)
    due = due_children(session, today, years)
    report.case_numbers = [c.case_number for c in due]
    if dry_run:
        report.companions = sum(len(c.accompanying_adults) for c in due)
        return report
    for child in due:
        audit.record(
            session, CHILD_ENTITY, child.id, ACTION, after=_anonymise(session, child, report)
        )
    session.flush()
    if due:
        audit.record(
            session,
            SUMMARY_ENTITY,
            today.isoformat(),
            ACTION,
            after={
                "children": report.children,
                "case_numbers": report.case_numbers,
                "closed_before": report.closed_before,
                "retention_years": years,
                "companions_removed": report.companions,
                "paper_subjects": report.papers,
                "visit_and_assignment_texts": report.notes,
            },
        )
    return report
