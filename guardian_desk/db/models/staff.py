"""Guardians and cultural mediators/interpreters, their languages and their time."""

from __future__ import annotations

from datetime import date

from sqlalchemy import CheckConstraint, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, declared_attr, mapped_column, relationship

from guardian_desk.db.base import Base, Versioned, enum_type
from guardian_desk.domain.enums import Proficiency, Sex


class StaffFields(Versioned):
    """What guardians and mediators have in common: identity, contact, vetting, caseload."""

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    given_name: Mapped[str] = mapped_column(String(200))
    family_name: Mapped[str] = mapped_column(String(200))
    sex: Mapped[Sex] = mapped_column(enum_type(Sex, "sex"))
    phone: Mapped[str] = mapped_column(String(32), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    municipality: Mapped[str] = mapped_column(String(120), default="")
    latitude: Mapped[float | None]
    longitude: Mapped[float | None]
    max_caseload: Mapped[int] = mapped_column(default=20)
    background_check_on: Mapped[date | None]
    training_on: Mapped[date | None]
    vetting_expires_on: Mapped[date | None]
    active: Mapped[bool] = mapped_column(default=True)
    suspended_reason: Mapped[str] = mapped_column(String(500), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    search_text: Mapped[str] = mapped_column(Text, default="")

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}".strip()


class Guardian(StaffFields, Base):
    __tablename__ = "guardians"
    __table_args__ = (CheckConstraint("max_caseload BETWEEN 1 AND 100", name="max_caseload"),)

    languages: Mapped[list[GuardianLanguage]] = relationship(
        cascade="all, delete-orphan", order_by="GuardianLanguage.code", lazy="selectin"
    )
    slots: Mapped[list[AvailabilitySlot]] = relationship(
        cascade="all, delete-orphan",
        order_by="(AvailabilitySlot.weekday, AvailabilitySlot.start_minute)",
        foreign_keys="AvailabilitySlot.guardian_id",
    )
    absences: Mapped[list[Absence]] = relationship(
        cascade="all, delete-orphan",
        order_by="Absence.starts_on",
        foreign_keys="Absence.guardian_id",
    )


class Mediator(StaffFields, Base):
    __tablename__ = "mediators"
    __table_args__ = (CheckConstraint("max_caseload BETWEEN 1 AND 100", name="max_caseload"),)

    dialects: Mapped[list[str]] = mapped_column(default=list)
    certification: Mapped[str] = mapped_column(String(200), default="")
    organisation: Mapped[str] = mapped_column(String(200), default="")

    languages: Mapped[list[MediatorLanguage]] = relationship(
        cascade="all, delete-orphan", order_by="MediatorLanguage.code", lazy="selectin"
    )
    slots: Mapped[list[AvailabilitySlot]] = relationship(
        cascade="all, delete-orphan",
        order_by="(AvailabilitySlot.weekday, AvailabilitySlot.start_minute)",
        foreign_keys="AvailabilitySlot.mediator_id",
    )
    absences: Mapped[list[Absence]] = relationship(
        cascade="all, delete-orphan",
        order_by="Absence.starts_on",
        foreign_keys="Absence.mediator_id",
    )


class LanguageFields:
    """A language an individual speaks (ISO 639-3) and how well."""

    code: Mapped[str] = mapped_column(String(3), primary_key=True, index=True)

    @declared_attr
    def proficiency(cls) -> Mapped[Proficiency]:
        return mapped_column(enum_type(Proficiency, "proficiency"))


class GuardianLanguage(LanguageFields, Base):
    __tablename__ = "guardian_languages"
    guardian_id: Mapped[int] = mapped_column(
        ForeignKey("guardians.id", ondelete="CASCADE"), primary_key=True
    )


class MediatorLanguage(LanguageFields, Base):
    __tablename__ = "mediator_languages"
    mediator_id: Mapped[int] = mapped_column(
        ForeignKey("mediators.id", ondelete="CASCADE"), primary_key=True
    )


_ONE_OWNER = "(guardian_id IS NULL) <> (mediator_id IS NULL)"


class AvailabilitySlot(Base):
    """A weekly recurring window in which a guardian or a mediator is free (office local time)."""

    __tablename__ = "availability_slots"
    __table_args__ = (
        CheckConstraint(_ONE_OWNER, name="one_owner"),
        CheckConstraint("weekday BETWEEN 1 AND 7", name="weekday"),
        CheckConstraint(
            "start_minute >= 0 AND end_minute <= 1440 AND start_minute < end_minute", name="window"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    guardian_id: Mapped[int | None] = mapped_column(
        ForeignKey("guardians.id", ondelete="CASCADE"), index=True
    )
    mediator_id: Mapped[int | None] = mapped_column(
        ForeignKey("mediators.id", ondelete="CASCADE"), index=True
    )
    weekday: Mapped[int]
    start_minute: Mapped[int]
    end_minute: Mapped[int]


class Absence(Base):
    """A date range (inclusive) in which a guardian or a mediator is not available."""

    __tablename__ = "absences"
    __table_args__ = (
        CheckConstraint(_ONE_OWNER, name="one_owner"),
        CheckConstraint("starts_on <= ends_on", name="range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    guardian_id: Mapped[int | None] = mapped_column(
        ForeignKey("guardians.id", ondelete="CASCADE"), index=True
    )
    mediator_id: Mapped[int | None] = mapped_column(
        ForeignKey("mediators.id", ondelete="CASCADE"), index=True
    )
    starts_on: Mapped[date]
    ends_on: Mapped[date]
    reason: Mapped[str] = mapped_column(String(300), default="")
