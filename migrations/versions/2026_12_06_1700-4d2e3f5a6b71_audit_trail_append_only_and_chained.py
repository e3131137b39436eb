"""Audit trail append-only and chained with a hash.

Every audit row gets ``prev_hash`` (the previous row's ``hash``; 64 zeros for the first) and
``hash`` (sha256 over its values and that link). Existing rows are chained here, in id order,
with a copy of the hash function as it is today (the app's may change; this must not). Then
triggers refuse UPDATE and DELETE (and TRUNCATE on PostgreSQL) of audit rows.

SQLite's batch mode recreates a table and drops its triggers, so the triggers are created after
the batch below; a later migration that batches `audit_events` must create them again
(tests/db/test_audit_chain.py checks they exist at the head).

Revision ID: 4d2e3f5a6b71
Revises: 3c1d2e4f5a60
Create Date: 2026-12-06 17:00:00
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "4d2e3f5a6b71"
down_revision: str | None = "3c1d2e4f5a60"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

GENESIS = "0" * 64
HASHED = ("id", "at", "actor", "entity", "entity_id", "action", "before", "after", "prev_hash")
BATCH = 2000
# What the app recognises in the error: the triggers' message starts with it.
APPEND_ONLY_MESSAGE = "audit_trail_append_only"

audit = sa.table(
    "audit_events",
    sa.column("id", sa.Integer()),
    sa.column("at", sa.DateTime(timezone=True)),
    sa.column("actor", sa.String()),
    sa.column("entity", sa.String()),
    sa.column("entity_id", sa.String()),
    sa.column("action", sa.String()),
    sa.column("before", sa.JSON()),
    sa.column("after", sa.JSON()),
    sa.column("prev_hash", sa.String()),
    sa.column("hash", sa.String()),
)

SQLITE_TRIGGERS = {
    "trg_audit_events_no_update": f"""
CREATE TRIGGER trg_audit_events_no_update BEFORE UPDATE ON audit_events
BEGIN
    SELECT RAISE(ABORT, '{APPEND_ONLY_MESSAGE}: audit rows cannot be changed');
END""",
    "trg_audit_events_no_delete": f"""
CREATE TRIGGER trg_audit_events_no_delete BEFORE DELETE ON audit_events
BEGIN
    SELECT RAISE(ABORT, '{APPEND_ONLY_MESSAGE}: audit rows cannot be deleted');
END""",
}

POSTGRES_FUNCTION = f"""
CREATE OR REPLACE FUNCTION audit_events_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '{APPEND_ONLY_MESSAGE}: audit rows cannot be changed or deleted (%)', TG_OP
        USING ERRCODE = 'restrict_violation';
END
$$"""

POSTGRES_TRIGGERS = {
    "trg_audit_events_append_only": """
CREATE TRIGGER trg_audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()""",
    "trg_audit_events_no_truncate": """
CREATE TRIGGER trg_audit_events_no_truncate BEFORE TRUNCATE ON audit_events
FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only()""",
}


def row_hash(row: dict[str, Any]) -> str:
    """sha256 over the row's values and link as sorted compact JSON, ``at`` as UTC ISO text."""
    payload = {name: row[name] for name in HASHED}
    at: datetime = row["at"]
    at = at.replace(tzinfo=UTC) if at.tzinfo is None else at.astimezone(UTC)
    payload["at"] = at.isoformat(timespec="microseconds")
    serialised = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(serialised.encode("utf-8", "surrogatepass")).hexdigest()


def chain_existing_rows(connection: sa.Connection) -> None:
    """Hash the rows there are, in id order, a batch at a time (memory stays flat)."""
    columns = [audit.c[name] for name in HASHED if name != "prev_hash"]
    update = (
        sa.update(audit)
        .where(audit.c.id == sa.bindparam("row_id"))
        .values(prev_hash=sa.bindparam("new_prev"), hash=sa.bindparam("new_hash"))
    )
    last_id, last_hash = 0, GENESIS
    while True:
        rows = connection.execute(
            sa.select(*columns).where(audit.c.id > last_id).order_by(audit.c.id).limit(BATCH)
        ).all()
        if not rows:
            return
        changes = []
        for found in rows:
            row = found._asdict() | {"prev_hash": last_hash}
            new_hash = row_hash(row)
            changes.append({"row_id": row["id"], "new_prev": last_hash, "new_hash": new_hash})
            last_id, last_hash = row["id"], new_hash
        connection.execute(update, changes)


def upgrade() -> None:
    connection = op.get_bind()
    op.add_column("audit_events", sa.Column("prev_hash", sa.String(length=64), nullable=True))
    op.add_column("audit_events", sa.Column("hash", sa.String(length=64), nullable=True))
    chain_existing_rows(connection)
    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        batch_op.alter_column("prev_hash", existing_type=sa.String(length=64), nullable=False)
        batch_op.alter_column("hash", existing_type=sa.String(length=64), nullable=False)
        batch_op.create_unique_constraint(batch_op.f("uq_audit_events_prev_hash"), ["prev_hash"])
    if connection.dialect.name == "sqlite":
        for sql in SQLITE_TRIGGERS.values():
            op.execute(sql)
    else:
        op.execute(POSTGRES_FUNCTION)
        for sql in POSTGRES_TRIGGERS.values():
            op.execute(sql)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in SQLITE_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    else:
        for name in POSTGRES_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name} ON audit_events")
        op.execute("DROP FUNCTION IF EXISTS audit_events_append_only()")
    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_audit_events_prev_hash"), type_="unique")
        batch_op.drop_column("hash")
        batch_op.drop_column("prev_hash")
