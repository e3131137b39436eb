"""What happened at a visit (its report and follow-up actions) and a child's missing episodes.

A visit report belongs to one held visit. A missing episode runs from the disappearance to
the return; while it is open the child's planned visits are on hold (``VisitHold`` rows,
released at the return). The database itself keeps one open episode per child and one open
hold per visit (unique partial indexes), whoever writes at the same time.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, SmallInteger, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from guardian_desk.db.base import Base, Versioned

_OPEN_EPISODE = text("returned_at IS NULL")
_OPEN_HOLD = text("released_at IS NULL")
_OPEN_FOLLOW_UP = text("done_on IS NULL")


class VisitReport(Versioned, Base):
    """What happened at a held visit: how long, who came, how the child is, what worries."""

    __tablename__ = "visit_reports"
    __table_args__ = (
        CheckConstraint("minutes BETWEEN 1 AND 720", name="minutes"),
        CheckConstraint("wellbeing IS NULL OR wellbeing BETWEEN 1 AND 5", name="wellbeing"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    visit_id: Mapped[int] = mapped_column(ForeignKey("visits.id", ondelete="RESTRICT"), unique=True)
    minutes: Mapped[int]
    child_present: Mapped[bool] = mapped_column(default=True)
    guardian_present: Mapped[bool] = mapped_column(default=True)
    mediator_present: Mapped[bool] = mapped_column(default=False)
    others_present: Mapped[str] = mapped_column(String(500), default="")
    wellbeing: Mapped[int | None] = mapped_column(SmallInteger)  # 1 very poor .. 5 very good
    wellbeing_note: Mapped[str] = mapped_column(Text, default="")
    concerns: Mapped[str] = mapped_column(Text, default="")
    written_by: Mapped[str] = mapped_column(String(100), default="")

    follow_ups: Mapped[list[FollowUp]] = relationship(
        back_populates="report", order_by="FollowUp.due_on, FollowUp.id"
    )


class FollowUp(Versioned, Base):
    """An action a visit report asks for, due on a date; done once ``done_on`` is set."""

    __tablename__ = "follow_ups"
    __table_args__ = (
        # The home page: what is due and not done, soonest first.
        Index(
            "ix_follow_ups_open_due",
            "due_on",
            sqlite_where=_OPEN_FOLLOW_UP,
            postgresql_where=_OPEN_FOLLOW_UP,
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(
        ForeignKey("visit_reports.id", ondelete="CASCADE"), index=True
    )
    child_id: Mapped[int] = mapped_column(
        ForeignKey("children.id", ondelete="RESTRICT"), index=True
    )
    action: Mapped[str] = mapped_column(String(500))
    due_on: Mapped[date]
    done_on: Mapped[date | None]
    done_by: Mapped[str] = mapped_column(String(100), default="")

    report: Mapped[VisitReport] = relationship(back_populates="follow_ups")

    @property
    def done(self) -> bool:
        return self.done_on is not None


class MissingEpisode(Versioned, Base):
    """A child gone missing: when, where last seen, what happened, the police report and the
    return. One open episode per child, kept by the database."""

    __tablename__ = "missing_episodes"
    __table_args__ = (
        Index(
            "uq_missing_episodes_one_open",
            "child_id",
            unique=True,
            sqlite_where=_OPEN_EPISODE,
            postgresql_where=_OPEN_EPISODE,
        ),
        CheckConstraint(
            "reported_to_police OR police_reported_at IS NULL", name="police_report_time"
        ),
        CheckConstraint("returned_at IS NULL OR returned_at >= missing_since", name="range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    child_id: Mapped[int] = mapped_column(
        ForeignKey("children.id", ondelete="RESTRICT"), index=True
    )
    missing_since: Mapped[datetime]
    last_seen_place: Mapped[str] = mapped_column(String(300), default="")
    circumstances: Mapped[str] = mapped_column(Text, default="")
    # What the child looks like and wore, for the police and the hotline (no photo is kept).
    appearance: Mapped[str] = mapped_column(Text, default="")
    reported_to_police: Mapped[bool] = mapped_column(default=False)
    police_reported_at: Mapped[datetime | None]
    police_reference: Mapped[str] = mapped_column(String(100), default="")
    reported_by: Mapped[str] = mapped_column(String(100), default="")
    returned_at: Mapped[datetime | None]
    found_place: Mapped[str] = mapped_column(String(300), default="")
    return_note: Mapped[str] = mapped_column(Text, default="")
    return_recorded_by: Mapped[str] = mapped_column(String(100), default="")

    @property
    def is_open(self) -> bool:
        return self.returned_at is None


class VisitHold(Base):
    """A planned visit put on hold while its child is missing; released at the return."""

    __tablename__ = "visit_holds"
    __table_args__ = (
        Index(
            "uq_visit_holds_one_open",
            "visit_id",
            unique=True,
            sqlite_where=_OPEN_HOLD,
            postgresql_where=_OPEN_HOLD,
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    visit_id: Mapped[int] = mapped_column(ForeignKey("visits.id", ondelete="RESTRICT"))
    episode_id: Mapped[int] = mapped_column(
        ForeignKey("missing_episodes.id", ondelete="RESTRICT"), index=True
    )
    held_at: Mapped[datetime]
    released_at: Mapped[datetime | None]
