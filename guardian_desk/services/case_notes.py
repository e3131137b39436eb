"""Case notes: dated and typed, written by the officer signed in, locked after 24 hours.

Within 24 hours of writing it, its author may still correct a note in place (the audit keeps
the text before). After that the note is locked, by the database too (migration
9d7e8f0a1b26): a change is an amendment, kept beside the original text, which stays
readable. Anyone who may change casework may amend a note; an amendment names its author.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from guardian_desk.db.base import utcnow
from guardian_desk.db.models import CaseNote, CaseNoteAmendment
from guardian_desk.domain import validation as v
from guardian_desk.domain.case_history import NoteKind
from guardian_desk.domain.errors import RuleViolation, ValidationError
from guardian_desk.i18n import _
from guardian_desk.i18n.formats import datetime_text
from guardian_desk.security.roles import ACCOUNT_KEY, Permission, SignedIn, requires
from guardian_desk.services import audit
from guardian_desk.services.children import get_child
from guardian_desk.services.locking import flush_checked, load_for_update

ENTITY = "case_note"
LOCK_AFTER = timedelta(hours=24)
# The database's lock (migration 9d7e8f0a1b26) raises with this text.
NOTE_LOCKED = "case_note_locked"
MAX_TEXT = 10_000


@dataclass(frozen=True)
class AmendmentRow:
    id: int
    text: str
    reason: str
    author: str
    author_name: str
    created_at: datetime  # UTC


@dataclass(frozen=True)
class NoteRow:
    id: int
    version: int
    child_id: int
    kind: NoteKind
    noted_on: date
    original_text: str
    author: str
    author_name: str
    created_at: datetime  # UTC
    locks_at: datetime  # UTC
    amendments: tuple[AmendmentRow, ...]
    erased: bool

    @property
    def text(self) -> str:
        """The note as it reads now: the last amendment's text, else the original."""
        return self.amendments[-1].text if self.amendments else self.original_text

    def locked(self, now: datetime | None = None) -> bool:
        return (now or utcnow()) >= self.locks_at


def is_locked(note: CaseNote, now: datetime | None = None) -> bool:
    return (now or utcnow()) >= note.created_at + LOCK_AFTER


def _author(session: Session) -> tuple[str, str]:
    """The user name and full name of who writes: the account signed in, else the unit's actor."""
    account = session.info.get(ACCOUNT_KEY)
    if isinstance(account, SignedIn):
        return account.username, account.full_name
    return audit.actor_of(session), ""


def _row(note: CaseNote) -> NoteRow:
    return NoteRow(
        id=note.id,
        version=note.version,
        child_id=note.child_id,
        kind=note.kind,
        noted_on=note.noted_on,
        original_text=note.text,
        author=note.author,
        author_name=note.author_name,
        created_at=note.created_at,
        locks_at=note.created_at + LOCK_AFTER,
        amendments=tuple(
            AmendmentRow(a.id, a.text, a.reason, a.author, a.author_name, a.created_at)
            for a in note.amendments
        ),
        erased=note.erased_at is not None,
    )


def _note_summary(note: CaseNote) -> dict[str, object]:
    return {
        "child_id": note.child_id,
        "kind": note.kind,
        "noted_on": note.noted_on,
        "text": note.text,
        "author": note.author,
    }


def _get_note(session: Session, note_id: int) -> CaseNote:
    note = session.get(CaseNote, note_id)
    if note is None:
        raise RuleViolation(_("This note no longer exists."))
    return note


def _check(kind: NoteKind | str, noted_on: date, text: str, today: date | None) -> NoteKind:
    checked = v.enum_value("kind", kind, NoteKind)
    v.parse_date("noted_on", noted_on, today=today)
    if not text.strip():
        raise ValidationError("text", "", _("is required"))
    return checked


@requires(Permission.READ_RECORDS)
def notes_of(session: Session, child_id: int) -> list[NoteRow]:
    """The child's notes, the newest day first (then the newest written first)."""
    notes = session.scalars(
        select(CaseNote)
        .where(CaseNote.child_id == child_id)
        .order_by(CaseNote.noted_on.desc(), CaseNote.id.desc())
    )
    return [_row(n) for n in notes]


@requires(Permission.READ_RECORDS)
def get_note(session: Session, note_id: int) -> NoteRow:
    return _row(_get_note(session, note_id))


@requires(Permission.EDIT_CASEWORK)
def add_note(
    session: Session,
    child_id: int,
    kind: NoteKind | str,
    noted_on: date,
    text: str,
    *,
    today: date | None = None,
) -> CaseNote:
    """A new note by the account signed in, about ``noted_on`` (today or before)."""
    username, full_name = _author(session)
    text = v.note("text", text, max_length=MAX_TEXT).strip()
    checked = _check(kind, noted_on, text, today)
    child = get_child(session, child_id)
    note = CaseNote(
        child_id=child.id,
        kind=checked,
        noted_on=noted_on,
        text=text,
        author=username,
        author_name=full_name,
    )
    session.add(note)
    session.flush()
    audit.record(session, ENTITY, note.id, "create", after=_note_summary(note))
    return note


@requires(Permission.EDIT_CASEWORK)
def edit_note(
    session: Session,
    note_id: int,
    expected_version: int,
    kind: NoteKind | str,
    noted_on: date,
    text: str,
    *,
    today: date | None = None,
) -> CaseNote:
    """Correct a note in place: only its author, and only within 24 hours of writing it."""
    username, _full_name = _author(session)
    text = v.note("text", text, max_length=MAX_TEXT).strip()
    checked = _check(kind, noted_on, text, today)
    note = load_for_update(session, CaseNote, note_id, expected_version, ENTITY)
    if note.author != username:
        raise RuleViolation(
            _("Only {author} may correct this note; add an amendment instead.").format(
                author=note.author_name or note.author
            )
        )
    if is_locked(note):
        raise RuleViolation(
            # TRANSLATORS: {time} is when the note was locked (24 hours after it was written).
            _("This note was locked on {time}; add an amendment instead.").format(
                time=datetime_text(note.created_at + LOCK_AFTER)
            )
        )
    before = _note_summary(note)
    note.kind, note.noted_on, note.text = checked, noted_on, text
    try:
        with session.begin_nested():
            flush_checked(session, note, ENTITY, expected_version)
    except IntegrityError as error:
        if NOTE_LOCKED in str(error.orig):
            raise RuleViolation(
                _("This note has just been locked; add an amendment instead.")
            ) from None
        raise
    audit.record(session, ENTITY, note_id, "edit", before=before, after=_note_summary(note))
    return note


@requires(Permission.EDIT_CASEWORK)
def amend_note(session: Session, note_id: int, text: str, reason: str = "") -> CaseNoteAmendment:
    """Change a note by an amendment: the new text, kept beside the original and earlier ones."""
    username, full_name = _author(session)
    text = v.note("text", text, max_length=MAX_TEXT).strip()
    if not text:
        raise ValidationError("text", "", _("is required"))
    reason = v.text("reason", reason, max_length=500, required=False)
    note = _get_note(session, note_id)
    if note.erased_at is not None:
        raise RuleViolation(_("This note was erased with the case's personal data."))
    current = note.amendments[-1].text if note.amendments else note.text
    if text == current:
        raise ValidationError("text", "", _("is the same as the note's text now"))
    amendment = CaseNoteAmendment(
        note_id=note.id,
        text=text,
        reason=reason,
        author=username,
        author_name=full_name,
    )
    session.add(amendment)
    session.flush()
    session.refresh(note, ["amendments"])
    audit.record(
        session,
        ENTITY,
        note.id,
        "amend",
        before={"text": current},
        after={"text": text, "reason": reason, "amendment_id": amendment.id},
    )
    return amendment


@requires(Permission.RETENTION)
def erase_notes_of_child(session: Session, child_id: int) -> int:
    """Retention: empty the texts of a closed case's notes and amendments (the only change
    the lock lets through); the notes' dates, kinds and authors stay. Returns how many texts."""
    now = utcnow()
    erased = 0
    notes = session.scalars(
        select(CaseNote).where(CaseNote.child_id == child_id, CaseNote.erased_at.is_(None))
    )
    for note in notes:
        for amendment in note.amendments:
            if amendment.erased_at is None:
                amendment.text, amendment.erased_at = "", now
                erased += 1
        note.text, note.erased_at = "", now
        erased += 1
    session.flush()
    return erased
