"""Case notes: dated, typed, by the officer signed in, locked 24 hours after they are written."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from guardian_desk.db.base import utcnow
from guardian_desk.db.models import AuditEvent, CaseNote
from guardian_desk.domain.case_history import NoteKind
from guardian_desk.domain.errors import PermissionDenied, RuleViolation, ValidationError
from guardian_desk.security.roles import ACCOUNT_KEY, Role, SignedIn
from guardian_desk.services.case_notes import (
    add_note,
    amend_note,
    edit_note,
    erase_notes_of_child,
    notes_of,
)
from tests.scheduling.office import Office

TODAY = date(2026, 3, 20)
ARTA = SignedIn("arta", "Arta Krasniqi", Role.OFFICER)
BESNIK = SignedIn("besnik", "Besnik Gashi", Role.OFFICER)
AUDITOR = SignedIn("ilir", "Ilir Auditor", Role.AUDITOR)


@pytest.fixture
def child_id(session: Session) -> int:
    return Office(session).child(None).id


def as_(session: Session, account: SignedIn) -> None:
    session.info[ACCOUNT_KEY] = account


def written_hours_ago(session: Session, note_id: int, hours: int) -> None:
    """As if the note had been written ``hours`` ago (allowed while it is still fresh)."""
    session.execute(
        update(CaseNote)
        .where(CaseNote.id == note_id)
        .values(created_at=utcnow() - timedelta(hours=hours))
    )
    session.expire_all()


def test_a_note_names_its_author_kind_and_day(session: Session, child_id: int) -> None:
    as_(session, ARTA)
    add_note(
        session,
        child_id,
        NoteKind.PHONE_CALL,
        date(2026, 3, 18),
        "  Called the school. ",
        today=TODAY,
    )

    [note] = notes_of(session, child_id)
    assert (note.kind, note.noted_on, note.text) == (
        NoteKind.PHONE_CALL,
        date(2026, 3, 18),
        "Called the school.",
    )
    assert (note.author, note.author_name) == ("arta", "Arta Krasniqi")
    assert not note.locked()
    assert (
        session.scalar(select(AuditEvent.actor).where(AuditEvent.entity == "case_note")) == "arta"
    )


@pytest.mark.parametrize(
    ("kind", "noted_on", "text", "field"),
    [
        ("gossip", date(2026, 3, 1), "x", "kind"),
        (NoteKind.HEALTH, date(2026, 3, 21), "x", "noted_on"),
        (NoteKind.HEALTH, date(2026, 3, 1), "   ", "text"),
    ],
)
def test_a_note_is_checked(
    session: Session, child_id: int, kind: str, noted_on: date, text: str, field: str
) -> None:
    with pytest.raises(ValidationError) as raised:
        add_note(session, child_id, kind, noted_on, text, today=TODAY)
    assert raised.value.field == field


def test_an_auditor_writes_no_notes(session: Session, child_id: int) -> None:
    as_(session, AUDITOR)
    with pytest.raises(PermissionDenied):
        add_note(session, child_id, NoteKind.OTHER, TODAY, "x", today=TODAY)


def test_its_author_corrects_a_fresh_note_in_place(session: Session, child_id: int) -> None:
    as_(session, ARTA)
    note = add_note(session, child_id, NoteKind.CONTACT, TODAY, "Met him", today=TODAY)

    edit_note(
        session, note.id, note.version, NoteKind.HEALTH, TODAY, "Met him at the clinic", today=TODAY
    )

    [row] = notes_of(session, child_id)
    assert (row.kind, row.text, row.amendments) == (NoteKind.HEALTH, "Met him at the clinic", ())


def test_another_officer_amends_instead_of_editing(session: Session, child_id: int) -> None:
    as_(session, ARTA)
    note = add_note(session, child_id, NoteKind.CONTACT, TODAY, "Met him", today=TODAY)
    as_(session, BESNIK)

    with pytest.raises(RuleViolation, match="Only Arta Krasniqi may correct"):
        edit_note(session, note.id, note.version, NoteKind.CONTACT, TODAY, "x", today=TODAY)


def test_after_24_hours_a_note_is_locked_and_changes_are_amendments(
    session: Session, child_id: int
) -> None:
    as_(session, ARTA)
    note = add_note(session, child_id, NoteKind.INCIDENT, TODAY, "A fight at dinner.", today=TODAY)
    written_hours_ago(session, note.id, 25)

    with pytest.raises(RuleViolation, match="locked"):
        edit_note(
            session, note.id, note.version, NoteKind.INCIDENT, TODAY, "No fight.", today=TODAY
        )
    as_(session, BESNIK)
    amend_note(session, note.id, "A quarrel at dinner, no one hurt.", "the staff's report")
    amend_note(session, note.id, "A quarrel at dinner; the other boy moved rooms.")

    [row] = notes_of(session, child_id)
    assert row.locked()
    assert row.original_text == "A fight at dinner."  # stays readable
    assert row.text == "A quarrel at dinner; the other boy moved rooms."
    assert [(a.author, a.reason) for a in row.amendments] == [
        ("besnik", "the staff's report"),
        ("besnik", ""),
    ]


def test_an_amendment_must_change_something(session: Session, child_id: int) -> None:
    note = add_note(session, child_id, NoteKind.LEGAL, TODAY, "Court on Monday", today=TODAY)
    with pytest.raises(ValidationError, match="same"):
        amend_note(session, note.id, "Court on Monday")


def test_retention_erases_the_texts_but_keeps_the_notes(session: Session, child_id: int) -> None:
    note = add_note(session, child_id, NoteKind.HEALTH, TODAY, "Asthma", today=TODAY)
    amend_note(session, note.id, "Asthma, inhaler given")
    written_hours_ago(session, note.id, 48)

    assert erase_notes_of_child(session, child_id) == 2

    session.expire_all()
    [row] = notes_of(session, child_id)
    assert row.erased and row.original_text == "" and row.text == ""
    assert (row.kind, row.noted_on) == (NoteKind.HEALTH, TODAY)
