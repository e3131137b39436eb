"""Matching settings: gender preference hard or soft, visit length, weights.

Existing offices keep the documented defaults: preferences are hard, a visit takes an hour,
and no weight is changed (an empty object: every part keeps its default weight).

Revision ID: 757c077d4280
Revises: 1e71d408a058
Create Date: 2026-11-29 01:44:11.882308
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "757c077d4280"
down_revision: str | None = "1e71d408a058"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("office_settings", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "gender_preference_hard", sa.Boolean(), server_default=sa.true(), nullable=False
            )
        )
        batch_op.add_column(
            sa.Column("visit_minutes", sa.Integer(), server_default=sa.text("60"), nullable=False)
        )
        batch_op.add_column(
            sa.Column("matching_weights", sa.JSON(), server_default=sa.text("'{}'"), nullable=False)
        )
        batch_op.create_check_constraint("visit_minutes", "visit_minutes BETWEEN 15 AND 480")


def downgrade() -> None:
    with op.batch_alter_table("office_settings", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_office_settings_visit_minutes"), type_="check")
        batch_op.drop_column("matching_weights")
        batch_op.drop_column("visit_minutes")
        batch_op.drop_column("gender_preference_hard")
