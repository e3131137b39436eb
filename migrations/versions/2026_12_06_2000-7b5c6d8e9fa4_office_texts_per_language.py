"""The texts an office writes on its papers, one per language: legal basis, duties of the
guardian, closing formula and the signatory's title (table office_texts).

The legal basis was one text in office_settings.legal_basis: it becomes the office
language's legal basis (Serbian Latin, Macedonian ... as the office's language tag reads;
English when the tag names a language the papers are not printed in). The old column stays
as it was (a downgrade finds it unchanged) and is no longer printed.

Revision ID: 7b5c6d8e9fa4
Revises: 6a4b5c7d8e93
Create Date: 2026-12-06 20:00:00
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision: str = "7b5c6d8e9fa4"
down_revision: str | None = "6a4b5c7d8e93"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

KINDS = ("legal_basis", "duties", "closing", "signatory_title")
# The languages papers are printed in at this revision (guardian_desk/i18n/languages.py).
LANGUAGES = ("en", "sq", "sr", "sr-Latn", "mk")


def paper_language(tag: str | None) -> str:
    """The office's language tag as one of LANGUAGES (a copy of the app's normalise)."""
    text = (tag or "").strip().split(".")[0].replace("_", "-")
    modifier = ""
    if "@" in text:
        text, modifier = text.split("@", 1)
    parts = [p for p in text.split("-") if p]
    if not parts:
        return "en"
    language = parts[0].lower()
    if language == "sr":
        latin = any(p.title() == "Latn" for p in parts[1:]) or modifier.lower() == "latin"
        return "sr-Latn" if latin else "sr"
    return language if language in LANGUAGES else "en"


def upgrade() -> None:
    texts = op.create_table(
        "office_texts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("language", sa.String(length=12), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "kind IN ('legal_basis', 'duties', 'closing', 'signatory_title')",
            name=op.f("ck_office_texts_kind"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_office_texts")),
        sa.UniqueConstraint("language", "kind", name=op.f("uq_office_texts_language_kind")),
    )
    bind = op.get_bind()
    found = bind.execute(
        sa.text("SELECT language, legal_basis FROM office_settings WHERE id = 1")
    ).first()
    if found is not None and (found.legal_basis or "").strip():
        now = datetime.now(UTC)  # stored as the app stores it: naive UTC text on SQLite
        op.bulk_insert(
            texts,
            [
                {
                    "language": paper_language(found.language),
                    "kind": "legal_basis",
                    "text": found.legal_basis,
                    "updated_at": now
                    if bind.dialect.name != "sqlite"
                    else now.replace(tzinfo=None),
                }
            ],
        )


def downgrade() -> None:
    op.drop_table("office_texts")
