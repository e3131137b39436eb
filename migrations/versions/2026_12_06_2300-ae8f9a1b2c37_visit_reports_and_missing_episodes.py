"""Visit reports with follow-up actions, and missing-child episodes.

(Reserved in the chain by the lead; the helper of this part writes its schema here.)

Revision ID: ae8f9a1b2c37
Revises: 9d7e8f0a1b26
Create Date: 2026-12-06 23:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

revision: str = "ae8f9a1b2c37"
down_revision: str | None = "9d7e8f0a1b26"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
