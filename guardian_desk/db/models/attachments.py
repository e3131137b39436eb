"""Files kept with a child's record, and the assessments of a child's age.

An attachment's bytes live in the database (``attachments.content``), so that backups, restores
and encryption at rest cover them like every other record. The column is deferred: listing a
child's attachments never reads the bytes, only opening or saving one does.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from guardian_desk.db.base import Base, utcnow
from guardian_desk.domain.vocabularies import ASSESSMENT_METHODS, MAX_ASSESSED_AGE

# What may be attached, by what the file's first bytes say (services/attachments.py).
ATTACHMENT_KINDS = ("pdf", "jpeg", "png", "docx")


class Attachment(Base):
    """A file on a child's record: a scanned identity paper, a court decision, a report."""

    __tablename__ = "attachments"
    __table_args__ = (
        Index("ix_attachments_child", "child_id", "added_at"),
        CheckConstraint(f"kind IN ({', '.join(repr(k) for k in ATTACHMENT_KINDS)})", name="kind"),
        CheckConstraint("size > 0", name="size"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    child_id: Mapped[int] = mapped_column(ForeignKey("children.id", ondelete="CASCADE"))
    file_name: Mapped[str] = mapped_column(String(255))
    kind: Mapped[str] = mapped_column(String(8))  # pdf, jpeg, png, docx: by content
    size: Mapped[int]  # bytes
    sha256: Mapped[str] = mapped_column(String(64))
    description: Mapped[str] = mapped_column(Text, default="")
    added_at: Mapped[datetime] = mapped_column(default=utcnow)
    added_by: Mapped[str] = mapped_column(String(120))  # the account's user name
    content: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)


class AgeAssessment(Base):
    """One assessment of a child's age: when, how, the result (an age or a range), by whom."""

    __tablename__ = "age_assessments"
    __table_args__ = (
        Index("ix_age_assessments_child", "child_id", "assessed_on"),
        CheckConstraint(
            f"method IN ({', '.join(repr(m) for m in ASSESSMENT_METHODS)})", name="method"
        ),
        CheckConstraint(
            f"age_min >= 0 AND age_min <= age_max AND age_max <= {MAX_ASSESSED_AGE}",
            name="age_range",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    child_id: Mapped[int] = mapped_column(ForeignKey("children.id", ondelete="CASCADE"))
    assessed_on: Mapped[date]
    method: Mapped[str] = mapped_column(String(16))
    # The result in whole years: one age (min = max) or a range ("16 to 17").
    age_min: Mapped[int]
    age_max: Mapped[int]
    assessed_by: Mapped[str] = mapped_column(String(200), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow)
    recorded_by: Mapped[str] = mapped_column(String(120))
