"""Possible duplicates dismissed by an officer, and merged children.

``duplicate_dismissals``: pairs of children an officer marked "not a duplicate" (lower id
first). ``child_merges``: the case number and record of each child merged into another
(the merged ``children`` row is removed once every row pointing at it has moved).
``ix_children_nationality_birth``: the duplicate check's candidates (same nationality,
birth dates within a window) read from an index at 20,000 children.

Only CREATE TABLE / CREATE INDEX: no table is recreated, so no trigger is dropped.

Revision ID: c0ab1c3d4e59
Revises: bf9a0b2c3d48
Create Date: 2026-12-06 23:20:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "c0ab1c3d4e59"
down_revision: str | None = "bf9a0b2c3d48"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "duplicate_dismissals",
        sa.Column("child_id", sa.Integer(), nullable=False),
        sa.Column("other_id", sa.Integer(), nullable=False),
        sa.Column("dismissed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("dismissed_by", sa.String(length=120), nullable=False),
        sa.CheckConstraint(
            "child_id < other_id", name=op.f("ck_duplicate_dismissals_ordered_pair")
        ),
        sa.ForeignKeyConstraint(
            ["child_id"],
            ["children.id"],
            name=op.f("fk_duplicate_dismissals_child_id_children"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["other_id"],
            ["children.id"],
            name=op.f("fk_duplicate_dismissals_other_id_children"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("child_id", "other_id", name=op.f("pk_duplicate_dismissals")),
    )
    op.create_index(op.f("ix_duplicate_dismissals_other_id"), "duplicate_dismissals", ["other_id"])
    op.create_table(
        "child_merges",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kept_child_id", sa.Integer(), nullable=False),
        sa.Column("merged_child_id", sa.Integer(), nullable=False),
        sa.Column("merged_case_number", sa.String(length=16), nullable=False),
        sa.Column("merged_record", sa.JSON(), nullable=False),
        sa.Column("merged_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("merged_by", sa.String(length=120), nullable=False),
        sa.ForeignKeyConstraint(
            ["kept_child_id"],
            ["children.id"],
            name=op.f("fk_child_merges_kept_child_id_children"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_child_merges")),
        sa.UniqueConstraint("merged_case_number", name=op.f("uq_child_merges_merged_case_number")),
    )
    op.create_index(op.f("ix_child_merges_kept_child_id"), "child_merges", ["kept_child_id"])
    op.create_index("ix_children_nationality_birth", "children", ["nationality", "date_of_birth"])


def downgrade() -> None:
    op.drop_index("ix_children_nationality_birth", table_name="children")
    op.drop_index(op.f("ix_child_merges_kept_child_id"), table_name="child_merges")
    op.drop_table("child_merges")
    op.drop_index(op.f("ix_duplicate_dismissals_other_id"), table_name="duplicate_dismissals")
    op.drop_table("duplicate_dismissals")
