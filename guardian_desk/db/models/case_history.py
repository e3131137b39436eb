"""A child's facility history (placements) and the officers' dated, typed case notes.

``children.facility_id`` is the current placement: the database keeps it and the open
placement row in step (triggers of migration 9d7e8f0a1b26) and holds at most one open
placement per child (a unique partial index). A case note's text, kind and date are locked
24 hours after it was written (a trigger refuses the UPDATE); later changes are amendments,
which are never changed or deleted.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, func, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from guardian_desk.db.base import Base, Versioned, enum_type, utcnow
from guardian_desk.db.models.children import Child
from guardian_desk.db.models.facilities import Facility
from guardian_desk.domain.case_history import NoteKind, PlacementReason

_OPEN = text("left_on IS NULL")


class Placement(Versioned, Base):
    """A stay at a facility: moved there on ``moved_on`` from ``from_facility``; open while
    ``left_on`` is None (the current placement)."""

    __tablename__ = "placements"
    __table_args__ = (
        CheckConstraint("left_on IS NULL OR left_on >= moved_on", name="range"),
        CheckConstraint(
            "from_facility_id IS NULL OR from_facility_id <> facility_id", name="a_move"
        ),
        Index(
            "uq_placements_one_open",
            "child_id",
            unique=True,
            sqlite_where=_OPEN,
            postgresql_where=_OPEN,
        ),
        Index("ix_placements_child_moved", "child_id", "moved_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    child_id: Mapped[int] = mapped_column(ForeignKey("children.id", ondelete="RESTRICT"))
    facility_id: Mapped[int] = mapped_column(
        ForeignKey("facilities.id", ondelete="RESTRICT"), index=True
    )
    from_facility_id: Mapped[int | None] = mapped_column(
        ForeignKey("facilities.id", ondelete="RESTRICT")
    )
    moved_on: Mapped[date]
    left_on: Mapped[date | None]
    reason: Mapped[PlacementReason] = mapped_column(enum_type(PlacementReason, "reason"))
    note: Mapped[str] = mapped_column(String(1000), default="")
    recorded_by: Mapped[str] = mapped_column(String(120), default="")

    child: Mapped[Child] = relationship()
    facility: Mapped[Facility] = relationship(foreign_keys=[facility_id])
    from_facility: Mapped[Facility | None] = relationship(foreign_keys=[from_facility_id])


class CaseNote(Versioned, Base):
    """A dated, typed note by the officer signed in; locked 24 hours after ``created_at``."""

    __tablename__ = "case_notes"
    __table_args__ = (Index("ix_case_notes_child_noted", "child_id", "noted_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    child_id: Mapped[int] = mapped_column(ForeignKey("children.id", ondelete="RESTRICT"))
    kind: Mapped[NoteKind] = mapped_column(enum_type(NoteKind, "kind"))
    noted_on: Mapped[date]
    text: Mapped[str] = mapped_column(Text)
    author: Mapped[str] = mapped_column(String(120))  # the account's user name
    author_name: Mapped[str] = mapped_column(String(200), default="")
    # Set when retention removes the text of a closed case (the only change after the lock).
    erased_at: Mapped[datetime | None]

    amendments: Mapped[list[CaseNoteAmendment]] = relationship(
        back_populates="note", order_by="CaseNoteAmendment.id", lazy="selectin"
    )


class CaseNoteAmendment(Base):
    """A later change to a note: the note's text from then on; never changed or deleted."""

    __tablename__ = "case_note_amendments"

    id: Mapped[int] = mapped_column(primary_key=True)
    note_id: Mapped[int] = mapped_column(
        ForeignKey("case_notes.id", ondelete="RESTRICT"), index=True
    )
    text: Mapped[str] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(String(500), default="")
    author: Mapped[str] = mapped_column(String(120))
    author_name: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow, server_default=func.now())
    erased_at: Mapped[datetime | None]

    note: Mapped[CaseNote] = relationship(back_populates="amendments")
