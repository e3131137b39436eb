"""Possible duplicates dismissed by an officer, and merged children.

(Reserved in the chain by the lead; the helper of this part writes its schema here.)

Revision ID: c0ab1c3d4e59
Revises: bf9a0b2c3d48
Create Date: 2026-12-06 23:20:00
"""

from __future__ import annotations

from collections.abc import Sequence

revision: str = "c0ab1c3d4e59"
down_revision: str | None = "bf9a0b2c3d48"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
