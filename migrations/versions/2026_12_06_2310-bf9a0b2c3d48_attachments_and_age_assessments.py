"""Attachments stored with the database, estimated ages and age assessments.

- ``attachments``: files on a child's record (PDF, JPEG, PNG, DOCX), their bytes in the
  database so that backups and encryption at rest cover them;
- ``age_assessments``: how and when a child's age was assessed, the result an age or a range;
- ``office_settings.attachment_max_mb``: the largest file that may be attached (default 10 MB).

An estimated age needs no column: entering "about 15" sets an estimated date of birth
(``children.dob_estimated``, services/age.py).

Revision ID: bf9a0b2c3d48
Revises: ae8f9a1b2c37
Create Date: 2026-12-06 23:10:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "bf9a0b2c3d48"
down_revision: str | None = "ae8f9a1b2c37"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

LIMIT_CHECK = "attachment_max_mb BETWEEN 1 AND 100"


def upgrade() -> None:
    op.create_table(
        "attachments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("child_id", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("added_by", sa.String(length=120), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.CheckConstraint(
            "kind IN ('pdf', 'jpeg', 'png', 'docx')", name=op.f("ck_attachments_kind")
        ),
        sa.CheckConstraint("size > 0", name=op.f("ck_attachments_size")),
        sa.ForeignKeyConstraint(
            ["child_id"],
            ["children.id"],
            name=op.f("fk_attachments_child_id_children"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attachments")),
    )
    op.create_index("ix_attachments_child", "attachments", ["child_id", "added_at"])
    op.create_table(
        "age_assessments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("child_id", sa.Integer(), nullable=False),
        sa.Column("assessed_on", sa.Date(), nullable=False),
        sa.Column("method", sa.String(length=16), nullable=False),
        sa.Column("age_min", sa.Integer(), nullable=False),
        sa.Column("age_max", sa.Integer(), nullable=False),
        sa.Column("assessed_by", sa.String(length=200), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("recorded_by", sa.String(length=120), nullable=False),
        sa.CheckConstraint(
            "method IN ('documents', 'interview', 'medical', 'other')",
            name=op.f("ck_age_assessments_method"),
        ),
        sa.CheckConstraint(
            "age_min >= 0 AND age_min <= age_max AND age_max <= 30",
            name=op.f("ck_age_assessments_age_range"),
        ),
        sa.ForeignKeyConstraint(
            ["child_id"],
            ["children.id"],
            name=op.f("fk_age_assessments_child_id_children"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_age_assessments")),
    )
    op.create_index("ix_age_assessments_child", "age_assessments", ["child_id", "assessed_on"])
    if op.get_bind().dialect.name == "sqlite":
        # ADD COLUMN with its CHECK: a batch would recreate office_settings, which the
        # caseload triggers on assignments read (see revision 5f3a4b6c7d82).
        op.execute(
            "ALTER TABLE office_settings ADD COLUMN attachment_max_mb INTEGER NOT NULL "
            f"DEFAULT 10 CONSTRAINT ck_office_settings_attachment_max_mb CHECK ({LIMIT_CHECK})"
        )
    else:
        op.add_column(
            "office_settings",
            sa.Column(
                "attachment_max_mb", sa.Integer(), server_default=sa.text("10"), nullable=False
            ),
        )
        op.create_check_constraint(
            op.f("ck_office_settings_attachment_max_mb"), "office_settings", LIMIT_CHECK
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":  # native DROP COLUMN: no recreated table
        op.execute("ALTER TABLE office_settings DROP COLUMN attachment_max_mb")
    else:
        op.drop_constraint(op.f("ck_office_settings_attachment_max_mb"), "office_settings", "check")
        op.drop_column("office_settings", "attachment_max_mb")
    op.drop_index("ix_age_assessments_child", table_name="age_assessments")
    op.drop_table("age_assessments")
    op.drop_index("ix_attachments_child", table_name="attachments")
    op.drop_table("attachments")
