"""Attachments stored with the database, estimated ages and age assessments.

(Reserved in the chain by the lead; the helper of this part writes its schema here.)

Revision ID: bf9a0b2c3d48
Revises: ae8f9a1b2c37
Create Date: 2026-12-06 23:10:00
"""

from __future__ import annotations

from collections.abc import Sequence

revision: str = "bf9a0b2c3d48"
down_revision: str | None = "ae8f9a1b2c37"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
