"""Placements (a child's facility history) and dated, typed case notes with amendments.

(Reserved in the chain by the lead; the helper of this part writes its schema here.)

Revision ID: 9d7e8f0a1b26
Revises: 8c6d7e9f0a15
Create Date: 2026-12-06 22:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

revision: str = "9d7e8f0a1b26"
down_revision: str | None = "8c6d7e9f0a15"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
