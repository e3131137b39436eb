"""Appointments that end (date, structured reason) and cases closed with a structured reason.

(Reserved in the chain by the lead; the helper of this part writes its schema here.)

Revision ID: 8c6d7e9f0a15
Revises: 7b5c6d8e9fa4
Create Date: 2026-12-06 21:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

revision: str = "8c6d7e9f0a15"
down_revision: str | None = "7b5c6d8e9fa4"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
