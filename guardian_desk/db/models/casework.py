"""Assignments of guardians and mediators to children, and the visits that follow."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from guardian_desk.db.base import Base, Versioned, enum_type
from guardian_desk.db.models.children import Child
from guardian_desk.db.models.facilities import Facility
from guardian_desk.db.models.staff import Guardian, Mediator
from guardian_desk.domain.closure import EndReason
from guardian_desk.domain.enums import AssignmentRole, VisitPurpose, VisitStatus

_ACTIVE_GUARDIAN = text("role = 'guardian' AND ends_on IS NULL")
_ACTIVE_MEDIATOR = text("role = 'mediator' AND ends_on IS NULL")


class Assignment(Versioned, Base):
    """A guardian or a mediator appointed for a child; ended rows stay as history."""

    __tablename__ = "assignments"
    __table_args__ = (
        CheckConstraint(
            "(role = 'guardian' AND guardian_id IS NOT NULL AND mediator_id IS NULL) OR "
            "(role = 'mediator' AND mediator_id IS NOT NULL AND guardian_id IS NULL)",
            name="role_matches_person",
        ),
        CheckConstraint("ends_on IS NULL OR ends_on >= starts_on", name="range"),
        # The database itself refuses a second active guardian for a child.
        Index(
            "uq_assignments_one_active_guardian",
            "child_id",
            unique=True,
            sqlite_where=_ACTIVE_GUARDIAN,
            postgresql_where=_ACTIVE_GUARDIAN,
        ),
        Index(
            "uq_assignments_active_mediator",
            "child_id",
            "mediator_id",
            unique=True,
            sqlite_where=_ACTIVE_MEDIATOR,
            postgresql_where=_ACTIVE_MEDIATOR,
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    child_id: Mapped[int] = mapped_column(
        ForeignKey("children.id", ondelete="RESTRICT"), index=True
    )
    role: Mapped[AssignmentRole] = mapped_column(enum_type(AssignmentRole, "role"))
    guardian_id: Mapped[int | None] = mapped_column(
        ForeignKey("guardians.id", ondelete="RESTRICT"), index=True
    )
    mediator_id: Mapped[int | None] = mapped_column(
        ForeignKey("mediators.id", ondelete="RESTRICT"), index=True
    )
    starts_on: Mapped[date]
    ends_on: Mapped[date | None]
    reason: Mapped[str] = mapped_column(String(500), default="")
    end_reason: Mapped[str] = mapped_column(String(500), default="")
    # Why it ended (services/appointment_changes.py); ``end_reason`` holds the officer's words.
    end_reason_code: Mapped[EndReason | None] = mapped_column(
        enum_type(EndReason, "end_reason_code")
    )
    decision_ref: Mapped[str] = mapped_column(String(100), default="")
    override_reason: Mapped[str] = mapped_column(String(1000), default="")

    child: Mapped[Child] = relationship()
    guardian: Mapped[Guardian | None] = relationship()
    mediator: Mapped[Mediator | None] = relationship()


class Visit(Versioned, Base):
    """A meeting with the child, times stored in UTC: a guardian's visit (with the mediator
    where they share no language), or an appointment a mediator is booked for (interview,
    doctor, school, court), where a guardian may or may not come."""

    __tablename__ = "visits"
    __table_args__ = (
        CheckConstraint("ends_at > starts_at", name="range"),
        CheckConstraint("purpose <> 'visit' OR guardian_id IS NOT NULL", name="visit_has_guardian"),
        CheckConstraint("guardian_id IS NOT NULL OR mediator_id IS NOT NULL", name="someone_comes"),
        Index("ix_visits_guardian_start", "guardian_id", "starts_at"),
        Index("ix_visits_mediator_start", "mediator_id", "starts_at"),
        Index("ix_visits_child_status_start", "child_id", "status", "starts_at"),
        Index("ix_visits_start", "starts_at"),  # the home page's today and this week
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    child_id: Mapped[int] = mapped_column(ForeignKey("children.id", ondelete="RESTRICT"))
    guardian_id: Mapped[int | None] = mapped_column(ForeignKey("guardians.id", ondelete="RESTRICT"))
    mediator_id: Mapped[int | None] = mapped_column(ForeignKey("mediators.id", ondelete="RESTRICT"))
    facility_id: Mapped[int | None] = mapped_column(
        ForeignKey("facilities.id", ondelete="RESTRICT"), index=True
    )
    place: Mapped[str] = mapped_column(String(300), default="")
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime]
    status: Mapped[VisitStatus] = mapped_column(
        enum_type(VisitStatus, "status"), default=VisitStatus.PLANNED
    )
    outcome_note: Mapped[str] = mapped_column(Text, default="")
    purpose: Mapped[VisitPurpose] = mapped_column(
        enum_type(VisitPurpose, "purpose"),
        default=VisitPurpose.VISIT,
        server_default=text("'visit'"),
    )
    # Raised on every change a calendar must see (RFC 5545 SEQUENCE): time, place, status.
    sequence: Mapped[int] = mapped_column(default=0, server_default=text("0"))

    child: Mapped[Child] = relationship()
    guardian: Mapped[Guardian | None] = relationship()
    mediator: Mapped[Mediator | None] = relationship()
    facility: Mapped[Facility | None] = relationship()
