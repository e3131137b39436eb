"""Children in care, their languages, siblings and the adults who came with them."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, String, Text, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

from guardian_desk.db.base import Base, Versioned, enum_type, utcnow
from guardian_desk.db.models.facilities import Facility
from guardian_desk.db.models.staff import LanguageFields
from guardian_desk.domain.closure import ClosureReason
from guardian_desk.domain.enums import ChildStatus, GenderPreference, Sex


class Child(Versioned, Base):
    __tablename__ = "children"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_number: Mapped[str] = mapped_column(String(16), unique=True)
    given_name: Mapped[str] = mapped_column(String(200))
    family_name: Mapped[str] = mapped_column(String(200), default="")
    given_name_original: Mapped[str] = mapped_column(String(200), default="")
    family_name_original: Mapped[str] = mapped_column(String(200), default="")
    aliases: Mapped[list[str]] = mapped_column(default=list)
    sex: Mapped[Sex] = mapped_column(enum_type(Sex, "sex"))
    date_of_birth: Mapped[date | None]
    dob_estimated: Mapped[bool] = mapped_column(default=False)
    nationality: Mapped[str] = mapped_column(String(2))
    guardian_gender_preference: Mapped[GenderPreference] = mapped_column(
        enum_type(GenderPreference, "guardian_gender_preference"), default=GenderPreference.ANY
    )
    mediator_gender_preference: Mapped[GenderPreference] = mapped_column(
        enum_type(GenderPreference, "mediator_gender_preference"), default=GenderPreference.ANY
    )
    facility_id: Mapped[int | None] = mapped_column(
        ForeignKey("facilities.id", ondelete="RESTRICT"), index=True
    )
    identified_on: Mapped[date]
    arrived_on: Mapped[date | None]
    status: Mapped[ChildStatus] = mapped_column(
        enum_type(ChildStatus, "status"), default=ChildStatus.IDENTIFIED, index=True
    )
    notes: Mapped[str] = mapped_column(Text, default="")
    # How and when the case was closed (services/case_closure.py); None while it is open.
    closure_reason: Mapped[ClosureReason | None] = mapped_column(
        enum_type(ClosureReason, "closure_reason")
    )
    closed_on: Mapped[date | None]
    closure_note: Mapped[str] = mapped_column(String(1000), default="", server_default="")
    search_text: Mapped[str] = mapped_column(Text, default="")

    facility: Mapped[Facility | None] = relationship()
    languages: Mapped[list[ChildLanguage]] = relationship(
        cascade="all, delete-orphan", order_by="ChildLanguage.code", lazy="selectin"
    )
    accompanying_adults: Mapped[list[AccompanyingAdult]] = relationship(
        cascade="all, delete-orphan", order_by="AccompanyingAdult.id"
    )

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}".strip()


class ChildLanguage(LanguageFields, Base):
    __tablename__ = "child_languages"
    child_id: Mapped[int] = mapped_column(
        ForeignKey("children.id", ondelete="CASCADE"), primary_key=True
    )


class ChildSibling(Base):
    """An unordered sibling pair, kept once with the lower id first."""

    __tablename__ = "child_siblings"
    __table_args__ = (CheckConstraint("child_id < sibling_id", name="ordered_pair"),)

    child_id: Mapped[int] = mapped_column(
        ForeignKey("children.id", ondelete="CASCADE"), primary_key=True
    )
    sibling_id: Mapped[int] = mapped_column(
        ForeignKey("children.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class AccompanyingAdult(Base):
    """An adult who arrived with the child; the claimed relationship may be unverified."""

    __tablename__ = "accompanying_adults"
    __table_args__ = (
        CheckConstraint(
            "check_method IN ('documents', 'interview', 'consistency', 'none')",
            name="check_method",
        ),
        CheckConstraint(
            "check_outcome IN ('pending', 'confirmed', 'not_confirmed', 'contradicted')",
            name="check_outcome",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    child_id: Mapped[int] = mapped_column(ForeignKey("children.id", ondelete="CASCADE"), index=True)
    full_name: Mapped[str] = mapped_column(String(200))
    claimed_relationship: Mapped[str] = mapped_column(String(100), default="")
    verified: Mapped[bool] = mapped_column(default=False)
    # How the claimed relationship was checked and what came of it (services/adults.py).
    check_method: Mapped[str] = mapped_column(String(12), default="none", server_default="none")
    check_outcome: Mapped[str] = mapped_column(
        String(14), default="pending", server_default="pending"
    )
    checked_on: Mapped[date | None]
    checked_by: Mapped[str] = mapped_column(String(100), default="", server_default="")
    check_note: Mapped[str] = mapped_column(Text, default="", server_default="")
    # When the office first heard of this adult: a new adult contact asks for a new screening.
    added_at: Mapped[datetime] = mapped_column(default=utcnow, server_default=func.now())
