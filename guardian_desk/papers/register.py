"""The document register: issuing a paper gives it a reference, a register row and an audit row.

    paper = issue_document(session, DocumentKind.APPOINTMENT, assignment_id=12)
    paper.reference  # "GD-2026-000123", sequential per year, unique
    again = reprint(session, paper.reference)  # the same paper marked COPY; copies + 1

What a paper was issued for (the assignment, child, guardian, mediator, a schedule's period,
a summary's fields, purpose and recipient, its language and whether it is bilingual) is kept
in the "issue" audit row, so that a reprint prints the same paper, in the same language, from
the records as they are now. A paper is printed in the office's language unless another is
asked for (services/office_texts.papers_language). The caller owns the unit of work (nothing
here commits).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from guardian_desk.db.base import utcnow
from guardian_desk.db.models import Child, Guardian, IssuedDocument, Mediator
from guardian_desk.domain.enums import AssignmentRole, DocumentKind
from guardian_desk.domain.errors import NotFoundError, RuleViolation
from guardian_desk.i18n import N_, _
from guardian_desk.i18n.formats import date_text
from guardian_desk.papers import (
    render_appointment,
    render_card,
    render_mediator_letter,
    render_schedule,
    render_summary,
    render_termination,
    sources,
)
from guardian_desk.papers.languages import paper_language, paper_language_code
from guardian_desk.papers.missing_report import render_missing_report
from guardian_desk.papers.referral_letter import render_referral_letter
from guardian_desk.papers.targets import (
    Target,
    assignment,
    resolve,
    target_from_json,
    target_json,
)
from guardian_desk.papers.transfer_summary import render_transfer_summary
from guardian_desk.security.roles import SYSTEM, Permission, requires, signed_in
from guardian_desk.services import audit
from guardian_desk.services.office_texts import papers_language
from guardian_desk.services.settings import get_settings

ENTITY = "document"
PREFIX = "GD"
ATTEMPTS = 5  # another officer may take the same number at once: try the next one

# Each paper's name: in English in the register's stored subject, translated where shown.
TITLES: dict[DocumentKind, str] = {
    DocumentKind.APPOINTMENT: N_("Appointment decision"),
    DocumentKind.MEDIATOR_LETTER: N_("Mediator letter"),
    DocumentKind.SCHEDULE: N_("Visit schedule"),
    DocumentKind.SUMMARY: N_("Case summary"),
    DocumentKind.CARD: N_("Child's card"),
    DocumentKind.TERMINATION: N_("Termination decision"),
    DocumentKind.MISSING_REPORT: N_("Missing child report"),
    DocumentKind.REFERRAL_LETTER: N_("Referral letter"),
    DocumentKind.TRANSFER_SUMMARY: N_("Case transfer summary"),
    DocumentKind.COORDINATOR_REPORT: N_("Coordinator's report"),
}
_RENDER: dict[DocumentKind, Any] = {
    DocumentKind.APPOINTMENT: render_appointment,
    DocumentKind.MEDIATOR_LETTER: render_mediator_letter,
    DocumentKind.SCHEDULE: render_schedule,
    DocumentKind.SUMMARY: render_summary,
    DocumentKind.CARD: render_card,
    DocumentKind.TERMINATION: render_termination,
    DocumentKind.MISSING_REPORT: render_missing_report,
    DocumentKind.REFERRAL_LETTER: render_referral_letter,
    DocumentKind.TRANSFER_SUMMARY: render_transfer_summary,
}


@dataclass(frozen=True)
class IssuedPaper:
    """A paper as issued or reprinted: plain data, safe to hand to the GUI thread."""

    reference: str
    kind: DocumentKind
    subject: str  # "Appointment decision: AL-2026-00012 Ahmad Rahimi"
    pdf: bytes
    copy: bool  # a reprint, marked COPY
    copies: int  # reprints so far, this one included
    issued_on: date  # the original's date, in the office's zone

    @property
    def file_name(self) -> str:
        return f"{self.reference}-{self.kind.value.replace('_', '-')}.pdf"


class DecisionAlreadyIssued(RuleViolation):
    """An appointment has its decision already: offer the reprint (one reference per decision);
    a new decision is issued only when the officer asks for it (``again=True``)."""

    def __init__(self, reference: str, issued_on: date) -> None:
        self.reference = reference
        self.issued_on = issued_on
        super().__init__(
            # TRANSLATORS: {reference} is a paper's register number, {date} when it was issued.
            _(
                "The appointment decision was already issued as {reference} on {date}: "
                "reprint it (marked COPY), or issue a new decision only if the appointment "
                "has changed."
            ).format(reference=reference, date=date_text(issued_on))
        )


def issued_decision(session: Session, assignment_id: int) -> IssuedDocument | None:
    """The appointment decision already issued for an assignment (the first, if several)."""
    return session.scalars(
        select(IssuedDocument)
        .where(
            IssuedDocument.kind == DocumentKind.APPOINTMENT,
            IssuedDocument.assignment_id == assignment_id,
        )
        .order_by(IssuedDocument.id)
        .limit(1)
    ).first()


@dataclass(frozen=True)
class PaperChoice:
    """A paper that can be printed for an assignment: pass it to `issue_choice`."""

    kind: DocumentKind
    title: str
    assignment_id: int | None
    child_id: int


@dataclass(frozen=True)
class RegisterRow:
    reference: str
    kind: DocumentKind
    subject: str
    issued_at: datetime  # UTC
    issued_by: str
    copies: int
    case_number: str | None = None  # the child the paper is about, if any
    guardian_code: str | None = None
    mediator_code: str | None = None


def next_reference(session: Session, year: int) -> str:
    """The year's next number; a unique constraint catches two officers taking it at once."""
    prefix = f"{PREFIX}-{year}-"
    highest = session.scalar(
        select(func.max(IssuedDocument.reference)).where(
            IssuedDocument.reference.like(f"{prefix}%")
        )
    )
    sequence = int(highest.rsplit("-", 1)[1]) + 1 if highest else 1
    return f"{prefix}{sequence:06d}"


def _register(session: Session, target: Target, subject: str, year: int) -> IssuedDocument:
    for attempt in range(ATTEMPTS):
        row = IssuedDocument(
            reference=next_reference(session, year),
            kind=target.kind,
            child_id=target.child_id,
            guardian_id=target.guardian_id,
            mediator_id=target.mediator_id,
            assignment_id=target.assignment_id,
            subject=subject[:200],
            issued_at=utcnow(),
            issued_by=audit.actor_of(session),
            copies=0,
        )
        try:
            with session.begin_nested():
                session.add(row)
        except IntegrityError:
            if attempt == ATTEMPTS - 1:
                raise
            continue
        return row
    raise AssertionError("unreachable")


SIGNERS_KEY = "guardian_desk.paper_signers"  # session.info: user name -> (name, title)


def _signer(session: Session, username: str | None = None) -> tuple[str, str | None]:
    """Who signs: the signed-in account's full name and title (a copy: whoever issued it).

    Without an account (tests, scripts acting as the system) the audit's actor name signs.
    """
    from guardian_desk.db.models import Account

    account = signed_in(session)
    name = username or (account.username if account is not SYSTEM else None)
    if name is not None:
        # a batch of letters: one query
        known: dict[str, tuple[str, str | None] | None] = session.info.setdefault(SIGNERS_KEY, {})
        if name not in known:
            row = session.scalar(select(Account).where(Account.username == name))
            known[name] = None if row is None else (row.full_name, row.title or None)
        signer = known[name]
        if signer is not None:
            return signer
        if username is None:
            return account.full_name, account.title or None
    return username or audit.actor_of(session), None


def _head(
    session: Session, reference: str, issued_on: date, copy: bool, issued_by: str | None = None
) -> dict[str, Any]:
    officer_name, officer_title = _signer(session, issued_by)
    return {
        "settings": get_settings(session),
        "reference": reference,
        "issued_on": issued_on,
        "officer_name": officer_name,
        "officer_title": officer_title,
        "copy": copy,
    }


@requires(Permission.PRINT_PAPERS)
def issue_document(
    session: Session,
    kind: DocumentKind | str,
    *,
    assignment_id: int | None = None,
    child_id: int | None = None,
    guardian_id: int | None = None,
    mediator_id: int | None = None,
    period: tuple[date, date] | None = None,
    fields: Sequence[str] | None = None,
    purpose: str = "Referral",
    recipient: str | None = None,
    episode_id: int | None = None,
    referral_id: int | None = None,
    disclosure_id: int | None = None,
    copy_of: str | None = None,
    language: str | None = None,
    bilingual: bool = False,
    again: bool = False,
) -> IssuedPaper:
    """Register a new paper (or, with ``copy_of``, reprint that one) and render it.

    An appointment whose decision was issued already raises DecisionAlreadyIssued (offer
    the reprint) unless ``again``: the officer asks for a new decision (after a change).

    ``language``: what the paper is printed in (default: the office's language, see
    services/office_texts.papers_language); ``bilingual``: with English beside it.
    ``episode_id``: the missing episode a missing-child report is about (default: the
    child's open one). ``referral_id``: the referral a referral letter is for
    (services/referrals.py: issue_referral_letter also records the disclosure).
    """
    if copy_of is not None:
        return reprint(session, copy_of)
    settings = get_settings(session)
    target = Target(
        DocumentKind(kind),
        assignment_id,
        child_id,
        guardian_id,
        mediator_id,
        period,
        tuple(fields or ()),
        purpose,
        recipient,
        paper_language_code(language or papers_language(settings)),
        bilingual,
        episode_id,
        disclosure_id,
        referral_id=referral_id,
    )
    today = datetime.now(ZoneInfo(settings.time_zone)).date()
    # Content first: a paper that cannot be made takes no number.
    resolved = resolve(session, target, TITLES[target.kind])
    done = resolved.target
    if done.kind is DocumentKind.APPOINTMENT and done.assignment_id is not None and not again:
        existing = issued_decision(session, done.assignment_id)
        if existing is not None:
            zone = ZoneInfo(settings.time_zone)
            raise DecisionAlreadyIssued(
                existing.reference, existing.issued_at.astimezone(zone).date()
            )
    with paper_language(done.language, done.bilingual):
        content = resolved.build(_head(session, "", today, False))
    row = _register(session, done, resolved.subject, today.year)
    audit.record(
        session,
        ENTITY,
        row.reference,
        "issue",
        after={"subject": resolved.subject, **target_json(done)},
    )
    content = replace(content, reference=row.reference)
    pdf = _render(done, content, settings)
    return IssuedPaper(row.reference, done.kind, resolved.subject, pdf, False, 0, today)


def _render(target: Target, content: Any, settings: Any) -> bytes:
    with paper_language(target.language, target.bilingual):
        return bytes(
            _RENDER[target.kind](
                content,
                sources.letterhead(settings),
                language=target.language,
                bilingual=target.bilingual,
            )
        )


@requires(Permission.PRINT_PAPERS)
def reprint(session: Session, reference: str) -> IssuedPaper:
    """The paper again, with its reference and date, marked COPY; counted and audited."""
    reference = reference.strip().upper()
    row = session.scalar(select(IssuedDocument).where(IssuedDocument.reference == reference))
    if row is None:
        raise NotFoundError(ENTITY, reference)
    issued = [e for e in audit.trail(session, ENTITY, reference) if e.action == "issue"]
    stored = dict(issued[0].after or {}) if issued else {}
    stored.setdefault("kind", row.kind.value)
    for key in ("assignment_id", "child_id", "guardian_id", "mediator_id"):
        stored.setdefault(key, getattr(row, key))
    target = target_from_json(stored)
    settings = get_settings(session)
    issued_on = row.issued_at.astimezone(ZoneInfo(settings.time_zone)).date()
    head = _head(session, reference, issued_on, True, issued_by=row.issued_by)
    resolved = resolve(session, target, TITLES[target.kind])
    with paper_language(target.language, target.bilingual):
        content = resolved.build(head)
    row.copies += 1
    session.flush()
    audit.record(
        session,
        ENTITY,
        reference,
        "reprint",
        before={"copies": row.copies - 1},
        after={"copies": row.copies, "subject": row.subject},
    )
    pdf = _render(replace(target, kind=row.kind), content, settings)
    return IssuedPaper(reference, row.kind, row.subject, pdf, True, row.copies, issued_on)


@requires(Permission.PRINT_PAPERS)
def issue_transfer_summary(
    session: Session, disclosure_id: int, *, language: str | None = None
) -> IssuedPaper:
    """The readable summary of a transfer bundle sent (the disclosure names what it carried)."""
    from guardian_desk.db.models import Disclosure

    disclosure = session.get(Disclosure, disclosure_id)
    if disclosure is None or disclosure.kind != "transfer_bundle":
        raise NotFoundError("disclosure", disclosure_id)
    return issue_document(
        session,
        DocumentKind.TRANSFER_SUMMARY,
        child_id=disclosure.child_id,
        disclosure_id=disclosure_id,
        language=language,
    )


@requires(Permission.READ_RECORDS)
def papers_for_assignment(session: Session, assignment_id: int) -> list[PaperChoice]:
    """What a freshly confirmed appointment can print: the decision, the mediator's letter
    when the child has a mediator (and a guardian), and the child's card."""
    a = assignment(session, assignment_id)
    found: list[PaperChoice] = []
    has_guardian = bool(sources.active_assignments(session, a.child_id, AssignmentRole.GUARDIAN))
    if a.role is AssignmentRole.GUARDIAN:
        found.append(
            PaperChoice(
                DocumentKind.APPOINTMENT, _(TITLES[DocumentKind.APPOINTMENT]), a.id, a.child_id
            )
        )
        mediators = sources.active_assignments(session, a.child_id, AssignmentRole.MEDIATOR)
        for m in mediators:
            found.append(
                PaperChoice(
                    DocumentKind.MEDIATOR_LETTER,
                    _("Mediator letter ({name})").format(name=m.mediator.full_name)
                    if m.mediator
                    else _(TITLES[DocumentKind.MEDIATOR_LETTER]),
                    m.id,
                    a.child_id,
                )
            )
    elif has_guardian:
        found.append(
            PaperChoice(
                DocumentKind.MEDIATOR_LETTER,
                _(TITLES[DocumentKind.MEDIATOR_LETTER]),
                a.id,
                a.child_id,
            )
        )
    found.append(PaperChoice(DocumentKind.CARD, _(TITLES[DocumentKind.CARD]), None, a.child_id))
    return found


@requires(Permission.READ_RECORDS)
def papers_for_change(
    session: Session, ended_id: int, new_id: int | None = None
) -> list[PaperChoice]:
    """What an ended appointment can print: its termination decision and, after a change of
    guardian, the new guardian's appointment decision and the child's new card."""
    ended = assignment(session, ended_id)
    found = [
        PaperChoice(
            DocumentKind.TERMINATION, _(TITLES[DocumentKind.TERMINATION]), ended.id, ended.child_id
        )
    ]
    if new_id is not None:
        found += [
            choice
            for choice in papers_for_assignment(session, new_id)
            if choice.kind in (DocumentKind.APPOINTMENT, DocumentKind.CARD)
        ]
    return found


@requires(Permission.PRINT_PAPERS)
def issue_choice(
    session: Session, choice: PaperChoice, *, language: str | None = None, bilingual: bool = False
) -> IssuedPaper:
    """The paper; an appointment decision issued before comes again as its COPY."""
    try:
        return issue_document(
            session,
            choice.kind,
            assignment_id=choice.assignment_id,
            child_id=choice.child_id,
            language=language,
            bilingual=bilingual,
        )
    except DecisionAlreadyIssued as issued:
        return reprint(session, issued.reference)


@requires(Permission.READ_RECORDS)
def register_rows(session: Session, *, child_id: int | None = None) -> list[RegisterRow]:
    """The register, newest first (one child's papers when ``child_id`` is given), with the
    case number and the codes of whom each paper is for (one query)."""
    query = (
        select(IssuedDocument, Child.case_number, Guardian.code, Mediator.code)
        .outerjoin(Child, Child.id == IssuedDocument.child_id)
        .outerjoin(Guardian, Guardian.id == IssuedDocument.guardian_id)
        .outerjoin(Mediator, Mediator.id == IssuedDocument.mediator_id)
        .order_by(IssuedDocument.issued_at.desc(), IssuedDocument.id.desc())
    )
    if child_id is not None:
        query = query.where(IssuedDocument.child_id == child_id)
    return [
        RegisterRow(r.reference, r.kind, r.subject, r.issued_at, r.issued_by, r.copies, case, g, m)
        for r, case, g, m in session.execute(query)
    ]
