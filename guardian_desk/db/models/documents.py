"""The register of issued papers: every printed document has a reference and a history."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from guardian_desk.db.base import Base, Versioned, enum_type, utcnow
from guardian_desk.domain.enums import DocumentKind


class IssuedDocument(Versioned, Base):
    """One paper issued for a child, a guardian or a mediator; reprints count as copies."""

    __tablename__ = "issued_documents"
    __table_args__ = (Index("ix_issued_documents_child", "child_id", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(40), unique=True)  # "GD-2026-000123"
    kind: Mapped[DocumentKind] = mapped_column(enum_type(DocumentKind, "kind"))
    child_id: Mapped[int | None] = mapped_column(ForeignKey("children.id", ondelete="RESTRICT"))
    guardian_id: Mapped[int | None] = mapped_column(
        ForeignKey("guardians.id", ondelete="RESTRICT"), index=True
    )
    mediator_id: Mapped[int | None] = mapped_column(
        ForeignKey("mediators.id", ondelete="RESTRICT"), index=True
    )
    # What else identifies the paper: the assignment it appoints, a schedule's period.
    assignment_id: Mapped[int | None] = mapped_column(
        ForeignKey("assignments.id", ondelete="RESTRICT"), index=True
    )
    subject: Mapped[str] = mapped_column(String(200), default="")
    issued_at: Mapped[datetime] = mapped_column(default=utcnow)
    issued_by: Mapped[str] = mapped_column(String(100), default="")
    copies: Mapped[int] = mapped_column(default=0)  # reprints after the original
