"""Likely duplicate children: pairs an officer said are not the same child, and merges.

A merge moves every row of the merged child onto the kept one and removes the merged
``children`` row; ``child_merges`` keeps its case number (unique, searchable) and a snapshot
of its record as it was, so nothing of either child is lost.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, event, select
from sqlalchemy.orm import Mapped, mapped_column, object_session

from guardian_desk.db.base import Base, utcnow
from guardian_desk.db.models.children import Child
from guardian_desk.domain.text import fold


class DuplicateDismissal(Base):
    """Two children an officer marked "not a duplicate": the pair is not proposed again.

    Kept once, with the lower id first (as child_siblings)."""

    __tablename__ = "duplicate_dismissals"
    __table_args__ = (CheckConstraint("child_id < other_id", name="ordered_pair"),)

    child_id: Mapped[int] = mapped_column(
        ForeignKey("children.id", ondelete="CASCADE"), primary_key=True
    )
    other_id: Mapped[int] = mapped_column(
        ForeignKey("children.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    dismissed_at: Mapped[datetime] = mapped_column(default=utcnow)
    dismissed_by: Mapped[str] = mapped_column(String(120), default="")


class ChildMerge(Base):
    """One merge: the merged child's case number and record, kept with the child kept."""

    __tablename__ = "child_merges"

    id: Mapped[int] = mapped_column(primary_key=True)
    kept_child_id: Mapped[int] = mapped_column(
        ForeignKey("children.id", ondelete="RESTRICT"), index=True
    )
    # The merged child's id while it existed (its audit rows name it); its row is gone.
    merged_child_id: Mapped[int]
    merged_case_number: Mapped[str] = mapped_column(String(16), unique=True)
    merged_record: Mapped[dict[str, Any]]
    merged_at: Mapped[datetime] = mapped_column(default=utcnow)
    merged_by: Mapped[str] = mapped_column(String(120), default="")


# The duplicate check's candidates: same nationality, birth dates within a window.
Index(
    "ix_children_nationality_birth",
    Child.__table__.c.nationality,
    Child.__table__.c.date_of_birth,
)


@event.listens_for(Child.search_text, "set", retval=True)
def _merged_numbers_stay_searchable(
    target: Child, value: str, _old: object, _initiator: object
) -> str:
    """Whoever rewrites a child's folded search text (an edit, the merge, anonymising), the
    case numbers merged into the child stay in it: a search by an old number finds the child."""
    session = object_session(target)
    if session is None or target.id is None or not value:
        return value
    with session.no_autoflush:
        numbers = session.scalars(
            select(ChildMerge.merged_case_number).where(ChildMerge.kept_child_id == target.id)
        ).all()
    present = set(value.split("\x1f"))
    extra = [folded for folded in (fold(n) for n in numbers) if folded not in present]
    return "\x1f".join([value, *extra]) if extra else value
