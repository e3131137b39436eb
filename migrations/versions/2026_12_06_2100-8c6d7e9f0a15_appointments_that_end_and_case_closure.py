"""Appointments that end (date, structured reason) and cases closed with a structured reason.

- ``assignments.end_reason_code``: why an appointment ended (domain/closure.EndReason); the
  free text stays in ``end_reason``. Added with ADD COLUMN: a batch copy of ``assignments``
  on SQLite would drop its caseload triggers (migration 3c1d2e4f5a60).
- ``children.closure_reason``, ``closed_on``, ``closure_note``: how and when a case closed
  (ClosureReason), no longer a line in the notes. A case already closed gets the reason its
  status says and the day it was last changed.
- ``issued_documents.kind`` accepts "termination", the paper that ends an appointment.

Revision ID: 8c6d7e9f0a15
Revises: 7b5c6d8e9fa4
Create Date: 2026-12-06 21:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "8c6d7e9f0a15"
down_revision: str | None = "7b5c6d8e9fa4"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

END_REASONS = (
    "resigned",
    "replaced",
    "child_transferred",
    "case_closed",
    "conflict_of_interest",
    "other",
)
CLOSURE_REASONS = (
    "transferred",
    "returned_to_family",
    "reunified",
    "turned_18",
    "missing",
    "moved_on",
    "other",
)
KINDS_BEFORE = ("appointment", "mediator_letter", "schedule", "summary", "card")
KINDS_AFTER = (*KINDS_BEFORE, "termination")
# A case closed before this revision: the reason its status says.
CLOSURE_OF_STATUS = {
    "transferred": "transferred",
    "returned": "returned_to_family",
    "reunified": "reunified",
    "aged_out": "turned_18",
    "missing": "missing",
    "closed": "other",
}


def _enum(values: Sequence[str], name: str) -> sa.Enum:
    return sa.Enum(*values, name=name, native_enum=False, create_constraint=True, length=24)


def _check(column: str, values: Sequence[str]) -> str:
    listed = ", ".join(f"'{v}'" for v in values)
    return f"{column} IN ({listed})"


def _add_checked(table: str, column: str, values: Sequence[str]) -> None:
    """A nullable enum column with its named CHECK, by ADD COLUMN on both backends."""
    name = f"ck_{table}_{column}"
    if op.get_bind().dialect.name == "sqlite":  # SQLite takes a CHECK only inside ADD COLUMN
        op.execute(
            f"ALTER TABLE {table} ADD COLUMN {column} VARCHAR(24) "
            f"CONSTRAINT {name} CHECK ({_check(column, values)})"
        )
        return
    op.add_column(table, sa.Column(column, sa.String(length=24), nullable=True))
    op.create_check_constraint(op.f(name), table, _check(column, values))


def _set_kinds(values: Sequence[str]) -> None:
    if op.get_bind().dialect.name == "sqlite":
        # issued_documents has no triggers: its copy, with the new CHECK, loses nothing.
        with op.batch_alter_table("issued_documents", recreate="always") as batch:
            batch.drop_constraint(batch.f("ck_issued_documents_kind"), type_="check")
            batch.create_check_constraint(
                batch.f("ck_issued_documents_kind"), _check("kind", values)
            )
    else:
        op.drop_constraint(op.f("ck_issued_documents_kind"), "issued_documents", type_="check")
        op.create_check_constraint(
            op.f("ck_issued_documents_kind"), "issued_documents", _check("kind", values)
        )


def upgrade() -> None:
    _add_checked("assignments", "end_reason_code", END_REASONS)
    _add_checked("children", "closure_reason", CLOSURE_REASONS)
    op.add_column("children", sa.Column("closed_on", sa.Date(), nullable=True))
    op.add_column(
        "children",
        sa.Column("closure_note", sa.String(length=1000), server_default="", nullable=False),
    )
    children = sa.table(
        "children",
        sa.column("status", sa.String),
        sa.column("closure_reason", sa.String),
        sa.column("closed_on", sa.Date),
        sa.column("updated_at", sa.DateTime),
    )
    for status, reason in CLOSURE_OF_STATUS.items():
        op.execute(
            children.update()
            .where(children.c.status == status)
            .values(closure_reason=reason, closed_on=sa.func.date(children.c.updated_at))
        )
    assignments = sa.table(
        "assignments", sa.column("ends_on", sa.Date), sa.column("end_reason_code", sa.String)
    )
    op.execute(
        assignments.update()
        .where(assignments.c.ends_on.is_not(None))
        .values(end_reason_code="other")
    )
    _set_kinds(KINDS_AFTER)


def downgrade() -> None:
    op.execute("DELETE FROM issued_documents WHERE kind = 'termination'")
    _set_kinds(KINDS_BEFORE)
    if op.get_bind().dialect.name != "sqlite":  # SQLite drops a column's CHECK with it
        op.drop_constraint(op.f("ck_children_closure_reason"), "children", type_="check")
        op.drop_constraint(op.f("ck_assignments_end_reason_code"), "assignments", type_="check")
    # DROP COLUMN (SQLite 3.35+): no batch copy of assignments, whose triggers must stay.
    op.drop_column("children", "closure_note")
    op.drop_column("children", "closed_on")
    op.drop_column("children", "closure_reason")
    op.drop_column("assignments", "end_reason_code")
