"""The audit trail: who changed what, when, with the values before and after.

Rows are append-only (database triggers refuse UPDATE, DELETE and TRUNCATE) and chained: each
row keeps the hash of the row before it (``prev_hash``) and its own ``hash`` over its values and
that link (guardian_desk.services.audit_chain). A row changed or removed with plain SQL breaks
the chain at that row; `guardian-desk audit verify` says where. ``prev_hash`` is unique: the
database refuses a second row chained onto the same predecessor (a fork).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from guardian_desk.db.base import Base, utcnow

HASH_LENGTH = 64  # sha256, hex


class AuditEvent(Base):
    __tablename__ = "audit_events"
    __table_args__ = (
        Index("ix_audit_events_entity", "entity", "entity_id"),
        UniqueConstraint("prev_hash"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    actor: Mapped[str] = mapped_column(String(120))
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[str] = mapped_column(String(40))
    action: Mapped[str] = mapped_column(String(40))
    before: Mapped[dict[str, Any] | None]
    after: Mapped[dict[str, Any] | None]
    prev_hash: Mapped[str] = mapped_column(String(HASH_LENGTH))
    hash: Mapped[str] = mapped_column(String(HASH_LENGTH))
