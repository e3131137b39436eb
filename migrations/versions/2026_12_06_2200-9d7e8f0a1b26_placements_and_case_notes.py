"""Placements (a child's facility history) and dated, typed case notes with amendments.

``placements``: one row per stay at a facility (moved there on ``moved_on`` from
``from_facility_id``; ``left_on`` NULL while it is the current one). Each child's current
facility becomes a first placement (from none, on the arrival or else the identification
date). The database keeps ``children.facility_id`` and the open placement in step: a child
registered with a facility gets its first placement, a facility changed in the record (the
form, an import, plain SQL) closes the open placement and opens one at the new facility,
unless the app's move (services/placements.py) has already opened it. At most one open
placement per child: a unique partial index.

``case_notes`` and ``case_note_amendments``: a trigger refuses to change a note's text, kind,
date or author 24 hours after it was written (and to delete it then); amendments are never
changed or deleted. The one change allowed after that is retention's erasure (the text
emptied, ``erased_at`` set).

SQLite's batch mode recreates a table and drops its triggers: a later migration that batches
``children``, ``case_notes`` or ``case_note_amendments`` must create these again
(tests/db/test_case_history_db.py checks they exist at the head).

Revision ID: 9d7e8f0a1b26
Revises: 8c6d7e9f0a15
Create Date: 2026-12-06 22:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "9d7e8f0a1b26"
down_revision: str | None = "8c6d7e9f0a15"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# What the services recognise in the errors: the triggers' messages start with these.
NOTE_LOCKED = "case_note_locked"
AMENDMENT_FIXED = "case_note_amendment_fixed"

REASONS = (
    "first",
    "needs",
    "safety",
    "capacity",
    "family",
    "child_request",
    "record_edit",
    "other",
)
NOTE_KINDS = ("contact", "phone_call", "incident", "health", "education", "legal", "other")

_PLACEMENT_COLUMNS = (
    "child_id, facility_id, from_facility_id, moved_on, left_on, reason, note, recorded_by, "
    "version, created_at, updated_at"
)

SQLITE_TRIGGERS = {
    "trg_children_first_placement": f"""
CREATE TRIGGER trg_children_first_placement AFTER INSERT ON children
WHEN NEW.facility_id IS NOT NULL
BEGIN
    INSERT INTO placements ({_PLACEMENT_COLUMNS})
    VALUES (NEW.id, NEW.facility_id, NULL, coalesce(NEW.arrived_on, NEW.identified_on), NULL,
            'first', '', '', 1, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP);
END""",
    "trg_children_facility_moved": f"""
CREATE TRIGGER trg_children_facility_moved AFTER UPDATE OF facility_id ON children
WHEN OLD.facility_id IS NOT NEW.facility_id AND NOT EXISTS (
    SELECT 1 FROM placements
    WHERE child_id = NEW.id AND left_on IS NULL AND facility_id IS NEW.facility_id)
BEGIN
    UPDATE placements
    SET left_on = max(date('now'), moved_on), version = version + 1,
        updated_at = CURRENT_TIMESTAMP
    WHERE child_id = NEW.id AND left_on IS NULL;
    INSERT INTO placements ({_PLACEMENT_COLUMNS})
    SELECT NEW.id, NEW.facility_id, OLD.facility_id,
           max(date('now'), coalesce((SELECT max(moved_on) FROM placements
                                      WHERE child_id = NEW.id), date('now'))),
           NULL, 'record_edit', '', '', 1, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP
    WHERE NEW.facility_id IS NOT NULL;
END""",
    "trg_case_notes_locked": f"""
CREATE TRIGGER trg_case_notes_locked
BEFORE UPDATE OF kind, noted_on, text, author, author_name, created_at ON case_notes
WHEN OLD.created_at < datetime('now', '-24 hours')
    AND (NEW.kind IS NOT OLD.kind OR NEW.noted_on IS NOT OLD.noted_on
         OR NEW.text IS NOT OLD.text OR NEW.author IS NOT OLD.author
         OR NEW.author_name IS NOT OLD.author_name OR NEW.created_at IS NOT OLD.created_at)
    AND NOT (OLD.erased_at IS NULL AND NEW.erased_at IS NOT NULL AND NEW.text = ''
             AND NEW.kind IS OLD.kind AND NEW.noted_on IS OLD.noted_on
             AND NEW.author IS OLD.author AND NEW.created_at IS OLD.created_at)
BEGIN
    SELECT RAISE(ABORT, '{NOTE_LOCKED}: the note is locked; add an amendment');
END""",
    "trg_case_notes_no_delete": f"""
CREATE TRIGGER trg_case_notes_no_delete BEFORE DELETE ON case_notes
WHEN OLD.created_at < datetime('now', '-24 hours')
BEGIN
    SELECT RAISE(ABORT, '{NOTE_LOCKED}: a locked note cannot be deleted');
END""",
    "trg_case_note_amendments_fixed": f"""
CREATE TRIGGER trg_case_note_amendments_fixed BEFORE UPDATE ON case_note_amendments
WHEN NOT (OLD.erased_at IS NULL AND NEW.erased_at IS NOT NULL AND NEW.text = ''
          AND NEW.note_id IS OLD.note_id AND NEW.author IS OLD.author
          AND NEW.created_at IS OLD.created_at)
BEGIN
    SELECT RAISE(ABORT, '{AMENDMENT_FIXED}: amendments cannot be changed');
END""",
    "trg_case_note_amendments_no_delete": f"""
CREATE TRIGGER trg_case_note_amendments_no_delete BEFORE DELETE ON case_note_amendments
BEGIN
    SELECT RAISE(ABORT, '{AMENDMENT_FIXED}: amendments cannot be deleted');
END""",
}

POSTGRES_FUNCTIONS = {
    "children_first_placement": f"""
CREATE OR REPLACE FUNCTION children_first_placement() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.facility_id IS NOT NULL THEN
        INSERT INTO placements ({_PLACEMENT_COLUMNS})
        VALUES (NEW.id, NEW.facility_id, NULL, coalesce(NEW.arrived_on, NEW.identified_on),
                NULL, 'first', '', '', 1, now(), now());
    END IF;
    RETURN NULL;
END
$$""",
    "children_facility_moved": f"""
CREATE OR REPLACE FUNCTION children_facility_moved() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    latest date;
BEGIN
    IF OLD.facility_id IS NOT DISTINCT FROM NEW.facility_id THEN
        RETURN NULL;
    END IF;
    IF EXISTS (SELECT 1 FROM placements WHERE child_id = NEW.id AND left_on IS NULL
               AND facility_id IS NOT DISTINCT FROM NEW.facility_id) THEN
        RETURN NULL;  -- the app's move opened it already
    END IF;
    SELECT max(moved_on) INTO latest FROM placements WHERE child_id = NEW.id;
    latest := greatest(CURRENT_DATE, coalesce(latest, CURRENT_DATE));
    UPDATE placements SET left_on = latest, version = version + 1, updated_at = now()
        WHERE child_id = NEW.id AND left_on IS NULL;
    IF NEW.facility_id IS NOT NULL THEN
        INSERT INTO placements ({_PLACEMENT_COLUMNS})
        VALUES (NEW.id, NEW.facility_id, OLD.facility_id, latest, NULL, 'record_edit', '', '',
                1, now(), now());
    END IF;
    RETURN NULL;
END
$$""",
    "case_notes_locked": f"""
CREATE OR REPLACE FUNCTION case_notes_locked() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.created_at >= now() - interval '24 hours' THEN
        IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
        RETURN NEW;
    END IF;
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION '{NOTE_LOCKED}: a locked note cannot be deleted'
            USING ERRCODE = 'check_violation';
    END IF;
    IF NEW.kind IS NOT DISTINCT FROM OLD.kind AND NEW.noted_on IS NOT DISTINCT FROM OLD.noted_on
        AND NEW.author IS NOT DISTINCT FROM OLD.author
        AND NEW.author_name IS NOT DISTINCT FROM OLD.author_name
        AND NEW.created_at IS NOT DISTINCT FROM OLD.created_at
        AND (NEW.text IS NOT DISTINCT FROM OLD.text
             OR (OLD.erased_at IS NULL AND NEW.erased_at IS NOT NULL AND NEW.text = '')) THEN
        RETURN NEW;  -- the text unchanged, or erased by retention
    END IF;
    RAISE EXCEPTION '{NOTE_LOCKED}: the note is locked; add an amendment'
        USING ERRCODE = 'check_violation';
END
$$""",
    "case_note_amendments_fixed": f"""
CREATE OR REPLACE FUNCTION case_note_amendments_fixed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.erased_at IS NULL AND NEW.erased_at IS NOT NULL
        AND NEW.text = '' AND NEW.note_id = OLD.note_id
        AND NEW.author IS NOT DISTINCT FROM OLD.author
        AND NEW.created_at IS NOT DISTINCT FROM OLD.created_at THEN
        RETURN NEW;  -- erased by retention
    END IF;
    RAISE EXCEPTION '{AMENDMENT_FIXED}: amendments cannot be changed or deleted (%)', TG_OP
        USING ERRCODE = 'check_violation';
END
$$""",
}

POSTGRES_TRIGGERS = {
    "trg_children_first_placement": (
        "children",
        """CREATE TRIGGER trg_children_first_placement AFTER INSERT ON children
FOR EACH ROW EXECUTE FUNCTION children_first_placement()""",
    ),
    "trg_children_facility_moved": (
        "children",
        """CREATE TRIGGER trg_children_facility_moved AFTER UPDATE OF facility_id ON children
FOR EACH ROW EXECUTE FUNCTION children_facility_moved()""",
    ),
    "trg_case_notes_locked": (
        "case_notes",
        """CREATE TRIGGER trg_case_notes_locked BEFORE UPDATE OR DELETE ON case_notes
FOR EACH ROW EXECUTE FUNCTION case_notes_locked()""",
    ),
    "trg_case_note_amendments_fixed": (
        "case_note_amendments",
        """CREATE TRIGGER trg_case_note_amendments_fixed
BEFORE UPDATE OR DELETE ON case_note_amendments
FOR EACH ROW EXECUTE FUNCTION case_note_amendments_fixed()""",
    ),
}


def _check(column: str, values: Sequence[str]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def _versioned() -> list[sa.Column[object]]:
    return [
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
    ]


def upgrade() -> None:
    op.create_table(
        "placements",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("child_id", sa.Integer(), nullable=False),
        sa.Column("facility_id", sa.Integer(), nullable=False),
        sa.Column("from_facility_id", sa.Integer(), nullable=True),
        sa.Column("moved_on", sa.Date(), nullable=False),
        sa.Column("left_on", sa.Date(), nullable=True),
        sa.Column("reason", sa.String(length=24), nullable=False),
        sa.Column("note", sa.String(length=1000), nullable=False),
        sa.Column("recorded_by", sa.String(length=120), nullable=False),
        *_versioned(),
        sa.CheckConstraint(
            "left_on IS NULL OR left_on >= moved_on", name=op.f("ck_placements_range")
        ),
        sa.CheckConstraint(
            "from_facility_id IS NULL OR from_facility_id <> facility_id",
            name=op.f("ck_placements_a_move"),
        ),
        sa.CheckConstraint(_check("reason", REASONS), name=op.f("ck_placements_reason")),
        sa.ForeignKeyConstraint(
            ["child_id"],
            ["children.id"],
            name=op.f("fk_placements_child_id_children"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["facility_id"],
            ["facilities.id"],
            name=op.f("fk_placements_facility_id_facilities"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["from_facility_id"],
            ["facilities.id"],
            name=op.f("fk_placements_from_facility_id_facilities"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_placements")),
    )
    op.create_index(
        "uq_placements_one_open",
        "placements",
        ["child_id"],
        unique=True,
        sqlite_where=sa.text("left_on IS NULL"),
        postgresql_where=sa.text("left_on IS NULL"),
    )
    op.create_index("ix_placements_child_moved", "placements", ["child_id", "moved_on"])
    op.create_index(op.f("ix_placements_facility_id"), "placements", ["facility_id"])

    op.create_table(
        "case_notes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("child_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("noted_on", sa.Date(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("author", sa.String(length=120), nullable=False),
        sa.Column("author_name", sa.String(length=200), nullable=False),
        sa.Column("erased_at", sa.DateTime(timezone=True), nullable=True),
        *_versioned(),
        sa.CheckConstraint(_check("kind", NOTE_KINDS), name=op.f("ck_case_notes_kind")),
        sa.ForeignKeyConstraint(
            ["child_id"],
            ["children.id"],
            name=op.f("fk_case_notes_child_id_children"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_notes")),
    )
    op.create_index("ix_case_notes_child_noted", "case_notes", ["child_id", "noted_on"])
    op.create_table(
        "case_note_amendments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("note_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("reason", sa.String(length=500), nullable=False),
        sa.Column("author", sa.String(length=120), nullable=False),
        sa.Column("author_name", sa.String(length=200), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column("erased_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["note_id"],
            ["case_notes.id"],
            name=op.f("fk_case_note_amendments_note_id_case_notes"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_note_amendments")),
    )
    op.create_index(op.f("ix_case_note_amendments_note_id"), "case_note_amendments", ["note_id"])

    # Each child's facility today becomes its first placement.
    op.execute(
        f"INSERT INTO placements ({_PLACEMENT_COLUMNS}) "
        "SELECT id, facility_id, NULL, coalesce(arrived_on, identified_on), NULL, 'first', "
        "'', '', 1, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP FROM children "
        "WHERE facility_id IS NOT NULL"
    )

    if op.get_bind().dialect.name == "sqlite":
        for sql in SQLITE_TRIGGERS.values():
            op.execute(sql)
    else:
        for sql in POSTGRES_FUNCTIONS.values():
            op.execute(sql)
        for _table, sql in POSTGRES_TRIGGERS.values():
            op.execute(sql)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in SQLITE_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    else:
        for name, (table, _sql) in POSTGRES_TRIGGERS.items():
            op.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
        for name in POSTGRES_FUNCTIONS:
            op.execute(f"DROP FUNCTION IF EXISTS {name}()")
    op.drop_index(op.f("ix_case_note_amendments_note_id"), table_name="case_note_amendments")
    op.drop_table("case_note_amendments")
    op.drop_index("ix_case_notes_child_noted", table_name="case_notes")
    op.drop_table("case_notes")
    op.drop_index(op.f("ix_placements_facility_id"), table_name="placements")
    op.drop_index("ix_placements_child_moved", table_name="placements")
    op.drop_index("uq_placements_one_open", table_name="placements")
    op.drop_table("placements")
