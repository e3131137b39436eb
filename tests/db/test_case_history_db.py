"""Placements and case notes: the rules the database itself keeps, on SQLite and PostgreSQL
(revision 9d7e8f0a1b26): one open placement per child, the child's facility and its open
placement in step, a note locked 24 hours after it was written, amendments never changed."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command
from sqlalchemy.exc import IntegrityError
from sqlalchemy.pool import NullPool

from guardian_desk.db.base import utcnow
from guardian_desk.db.engine import make_engine, session_scope
from guardian_desk.db.migrate import alembic_config, prepare_database
from guardian_desk.db.models import CaseNote, Placement
from guardian_desk.domain.case_history import NoteKind, PlacementReason
from guardian_desk.domain.errors import RuleViolation
from guardian_desk.services import case_notes, children, facilities
from guardian_desk.services.placements import move_child, placements_of
from tests.core import factories
from tests.db.data import sessions

BEFORE = "8c6d7e9f0a15"
LOCKED = "case_note_locked"
FIXED = "case_note_amendment_fixed"
TRIGGERS = {
    "sqlite": {
        "trg_children_first_placement",
        "trg_children_facility_moved",
        "trg_case_notes_locked",
        "trg_case_notes_no_delete",
        "trg_case_note_amendments_fixed",
        "trg_case_note_amendments_no_delete",
    },
    "postgresql": {
        "trg_children_first_placement",
        "trg_children_facility_moved",
        "trg_case_notes_locked",
        "trg_case_note_amendments_fixed",
    },
}


def placed_child(url: str) -> tuple[int, int, int]:
    """A child at one facility, and a second facility: (child, first, second)."""
    with sessions(url) as factory, session_scope(factory) as s:
        first = facilities.create_facility(s, factories.facility())
        second = facilities.create_facility(s, factories.facility(name="Shkodër Shelter"))
        child = children.create_child(s, factories.child(facility_code=first.code))
        return child.id, first.id, second.id


def test_the_triggers_are_there_at_the_head(db: str, backend: str) -> None:
    query = (
        "SELECT name FROM sqlite_master WHERE type = 'trigger'"
        if backend == "sqlite"
        else "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal"
    )
    with sessions(db) as factory, session_scope(factory) as s:
        found = set(s.scalars(sa.text(query)))
    assert TRIGGERS[backend] <= found


def test_the_database_refuses_a_second_open_placement(db: str) -> None:
    child_id, _first, second = placed_child(db)
    with pytest.raises(IntegrityError), sessions(db) as factory, session_scope(factory) as s:
        s.add(
            Placement(
                child_id=child_id,
                facility_id=second,
                moved_on=date(2026, 10, 9),
                reason=PlacementReason.OTHER,
            )
        )
        s.flush()


def test_a_move_and_a_plain_update_keep_the_facility_and_placements_in_step(db: str) -> None:
    child_id, first, second = placed_child(db)
    with sessions(db) as factory:
        with session_scope(factory) as s:
            child = children.get_child(s, child_id)
            move_child(
                s, child_id, child.version, second, moved_on=date(2026, 10, 9),
                reason="safety", today=date(2026, 10, 20),
            )  # fmt: skip
        with session_scope(factory) as s:  # plain SQL, as another program might
            s.execute(
                sa.text("UPDATE children SET facility_id = :f WHERE id = :c"),
                {"f": first, "c": child_id},
            )
        with session_scope(factory) as s:
            rows = placements_of(s, child_id)
            facility_id = children.get_child(s, child_id).facility_id
    assert [(r.facility_id, r.reason, r.current) for r in rows] == [
        (first, PlacementReason.FIRST, False),
        (second, PlacementReason.SAFETY, False),
        (first, PlacementReason.RECORD_EDIT, True),
    ]
    assert facility_id == first


def a_note_written_long_ago(url: str) -> tuple[int, int]:
    """A note with an amendment, written 25 hours ago: (note, amendment)."""
    with sessions(url) as factory:
        with session_scope(factory) as s:
            child = children.create_child(s, factories.child())
            note = case_notes.add_note(s, child.id, NoteKind.HEALTH, date(2026, 10, 2), "Fever")
            amendment = case_notes.amend_note(s, note.id, "Fever, seen by the doctor")
            ids = note.id, amendment.id
        with session_scope(factory) as s:
            s.execute(
                sa.update(CaseNote)
                .where(CaseNote.id == ids[0])
                .values(created_at=utcnow() - timedelta(hours=25))
            )
    return ids


@pytest.mark.parametrize(
    ("statement", "message"),
    [
        ("UPDATE case_notes SET text = 'No fever' WHERE id = :note", LOCKED),
        ("UPDATE case_notes SET kind = 'other' WHERE id = :note", LOCKED),
        ("UPDATE case_notes SET created_at = CURRENT_TIMESTAMP WHERE id = :note", LOCKED),
        ("DELETE FROM case_notes WHERE id = :note", LOCKED),
        ("UPDATE case_note_amendments SET text = 'x' WHERE id = :amendment", FIXED),
        ("DELETE FROM case_note_amendments WHERE id = :amendment", FIXED),
    ],
)
def test_the_database_refuses_to_change_a_locked_note(
    db: str, statement: str, message: str
) -> None:
    note, amendment = a_note_written_long_ago(db)
    with (
        pytest.raises(IntegrityError, match=message),
        sessions(db) as factory,
        session_scope(factory) as s,
    ):
        s.execute(sa.text(statement), {"note": note, "amendment": amendment})


def test_a_locked_note_may_still_follow_its_child_and_be_erased(db: str) -> None:
    note, _amendment = a_note_written_long_ago(db)
    with sessions(db) as factory:
        with session_scope(factory) as s:
            other = children.create_child(s, factories.child(given_name="Omid"))
            s.execute(sa.update(CaseNote).where(CaseNote.id == note).values(child_id=other.id))
        with session_scope(factory) as s:
            assert case_notes.erase_notes_of_child(s, other.id) == 2
        with session_scope(factory) as s:
            row = case_notes.get_note(s, note)
    assert row.erased and row.text == "" and row.child_id == other.id


def test_the_service_turns_the_database_lock_into_one_clear_line(
    db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    note, _amendment = a_note_written_long_ago(db)
    monkeypatch.setattr(case_notes, "is_locked", lambda _note, now=None: False)  # a slow clock
    with (
        pytest.raises(RuleViolation, match="just been locked"),
        sessions(db) as factory,
        session_scope(factory) as s,
    ):
        row = case_notes.get_note(s, note)
        case_notes.edit_note(s, note, row.version, NoteKind.HEALTH, date(2026, 10, 2), "No fever")


def test_the_upgrade_places_every_child_at_its_facility(blank_url: str, tmp_path: Path) -> None:
    engine = make_engine(blank_url, foreign_keys=False, poolclass=NullPool)
    try:
        with engine.begin() as connection:
            config = alembic_config(blank_url)
            config.attributes["connection"] = connection
            command.upgrade(config, BEFORE)
            connection.execute(
                sa.text(
                    "INSERT INTO facilities (id, code, name, address, municipality, "
                    "contact_name, contact_phone, contact_email, active, notes, search_text, "
                    "version, created_at, updated_at) VALUES (7, 'F1', 'Home', '', '', '', '', "
                    "'', true, '', '', 1, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
                )
            )
            for n, (facility, arrived) in enumerate([(7, "2026-01-03"), (7, None), (None, None)]):
                connection.execute(
                    sa.text(
                        "INSERT INTO children (id, case_number, given_name, family_name, "
                        "given_name_original, family_name_original, aliases, sex, "
                        "dob_estimated, nationality, guardian_gender_preference, "
                        "mediator_gender_preference, facility_id, identified_on, arrived_on, "
                        "status, notes, search_text, version, created_at, updated_at) VALUES "
                        "(:id, :number, 'A', 'B', '', '', '[]', 'male', false, 'AF', 'any', "
                        "'any', :facility, '2026-01-05', :arrived, 'identified', '', '', 1, "
                        "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
                    ),
                    {
                        "id": n + 1,
                        "number": f"AL-2026-0000{n}",
                        "facility": facility,
                        "arrived": arrived,
                    },
                )
    finally:
        engine.dispose()

    prepare_database(blank_url, backup_folder=tmp_path / "backups")

    with sessions(blank_url) as factory, session_scope(factory) as s:
        rows = s.execute(
            sa.select(Placement.child_id, Placement.facility_id, Placement.from_facility_id,
                      Placement.moved_on, Placement.left_on, Placement.reason)
            .order_by(Placement.child_id)
        ).all()  # fmt: skip
    assert [tuple(r) for r in rows] == [
        (1, 7, None, date(2026, 1, 3), None, PlacementReason.FIRST),
        (2, 7, None, date(2026, 1, 5), None, PlacementReason.FIRST),
    ]
