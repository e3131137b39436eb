"""Caseload caps guaranteed by the database, on both backends.

Two officers appointing different children to a guardian with one free place could both pass
the service's count-then-insert check under PostgreSQL's READ COMMITTED. A trigger now refuses
an active appointment (without a written override) that would put a guardian or mediator at or
over min(their own cap, the office cap). On PostgreSQL it first locks the person's row, so a
second appointment waits for the first to commit and then counts it; SQLite serialises writers.

SQLite's batch mode recreates a table and drops its triggers: a later migration that batches
`assignments` must create these again (tests/db/test_caps_in_database.py checks they exist).

Revision ID: 3c1d2e4f5a60
Revises: 8a9eb861db8d
Create Date: 2026-12-06 16:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "3c1d2e4f5a60"
down_revision: str | None = "8a9eb861db8d"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# What the services recognise in the error: the trigger's message starts with it.
CAP_MESSAGE = "caseload_cap_reached"

_SQLITE_LOAD = """(SELECT count(*) FROM assignments AS a
      WHERE a.role = NEW.role AND a.ends_on IS NULL AND a.id IS NOT NEW.id
        AND ((NEW.role = 'guardian' AND a.guardian_id = NEW.guardian_id)
          OR (NEW.role = 'mediator' AND a.mediator_id = NEW.mediator_id)))"""
_SQLITE_CAP = """min(
        coalesce((SELECT caseload_cap FROM office_settings WHERE id = 1), 100),
        coalesce(CASE NEW.role
            WHEN 'guardian' THEN (SELECT max_caseload FROM guardians WHERE id = NEW.guardian_id)
            ELSE (SELECT max_caseload FROM mediators WHERE id = NEW.mediator_id) END, 100))"""

SQLITE_TRIGGERS = {
    "trg_assignments_cap_insert": f"""
CREATE TRIGGER trg_assignments_cap_insert BEFORE INSERT ON assignments
WHEN NEW.ends_on IS NULL AND coalesce(NEW.override_reason, '') = ''
BEGIN
    SELECT RAISE(ABORT, '{CAP_MESSAGE}') WHERE {_SQLITE_LOAD} >= {_SQLITE_CAP};
END""",
    "trg_assignments_cap_update": f"""
CREATE TRIGGER trg_assignments_cap_update
BEFORE UPDATE OF ends_on, guardian_id, mediator_id, role, override_reason ON assignments
WHEN NEW.ends_on IS NULL AND coalesce(NEW.override_reason, '') = ''
    AND NOT (OLD.ends_on IS NULL AND OLD.role IS NEW.role
        AND OLD.guardian_id IS NEW.guardian_id AND OLD.mediator_id IS NEW.mediator_id)
BEGIN
    SELECT RAISE(ABORT, '{CAP_MESSAGE}') WHERE {_SQLITE_LOAD} >= {_SQLITE_CAP};
END""",
}

POSTGRES_FUNCTION = f"""
CREATE OR REPLACE FUNCTION assignments_caseload_cap() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    person_cap integer;
    office_cap integer;
    current_load integer;
BEGIN
    IF NEW.ends_on IS NOT NULL OR coalesce(NEW.override_reason, '') <> '' THEN
        RETURN NEW;
    END IF;
    IF TG_OP = 'UPDATE' AND OLD.ends_on IS NULL AND OLD.role = NEW.role
        AND OLD.guardian_id IS NOT DISTINCT FROM NEW.guardian_id
        AND OLD.mediator_id IS NOT DISTINCT FROM NEW.mediator_id THEN
        RETURN NEW;  -- an open appointment edited, not a new place taken
    END IF;
    -- Lock the person: a concurrent appointment waits here and then counts ours.
    IF NEW.role = 'guardian' THEN
        SELECT max_caseload INTO person_cap FROM guardians WHERE id = NEW.guardian_id FOR UPDATE;
        SELECT count(*) INTO current_load FROM assignments
            WHERE guardian_id = NEW.guardian_id AND role = 'guardian' AND ends_on IS NULL
              AND id <> NEW.id;
    ELSE
        SELECT max_caseload INTO person_cap FROM mediators WHERE id = NEW.mediator_id FOR UPDATE;
        SELECT count(*) INTO current_load FROM assignments
            WHERE mediator_id = NEW.mediator_id AND role = 'mediator' AND ends_on IS NULL
              AND id <> NEW.id;
    END IF;
    SELECT caseload_cap INTO office_cap FROM office_settings WHERE id = 1;
    IF current_load >= least(coalesce(person_cap, 100), coalesce(office_cap, 100)) THEN
        RAISE EXCEPTION '{CAP_MESSAGE}: % of %', current_load,
            least(coalesce(person_cap, 100), coalesce(office_cap, 100))
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END
$$"""

POSTGRES_TRIGGER = """
CREATE TRIGGER trg_assignments_caseload_cap
BEFORE INSERT OR UPDATE OF ends_on, guardian_id, mediator_id, role, override_reason
ON assignments FOR EACH ROW EXECUTE FUNCTION assignments_caseload_cap()"""


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for sql in SQLITE_TRIGGERS.values():
            op.execute(sql)
    else:
        op.execute(POSTGRES_FUNCTION)
        op.execute(POSTGRES_TRIGGER)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in SQLITE_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    else:
        op.execute("DROP TRIGGER IF EXISTS trg_assignments_caseload_cap ON assignments")
        op.execute("DROP FUNCTION IF EXISTS assignments_caseload_cap()")
