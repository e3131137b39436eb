"""Protection work on a child's case: trafficking screenings, referrals, disclosures, transfers.

A screening holds one answer per indicator of the ILO/EC 2009 lists (the indicators themselves
live in resources/protection/, not here) and the officer's decision; its result (which elements
are positive, whether the rule flags the child) is stored with it so that the early-warning list
and the coordinator's figures read it without re-applying the rule to every screening.
A referral sends the case to a service (the national referral mechanism, the police ...) and
follows its answer. A disclosure records every piece of a case that left the office (a referral
letter, a transfer bundle): what, to whom, on which basis, with whose consent. A case transfer
records where an imported case came from; its bundle id is unique, so the same bundle cannot be
imported twice, whoever imports it.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from guardian_desk.db.base import Base, Versioned, utcnow
from guardian_desk.domain.vocabularies import CONSENTS, RECIPIENTS, REFERRAL_STATUSES


def _one_of(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


INDICATOR_SETS = ("labour", "sexual")
# Why the child was screened: the first contact, or the trigger that asked for a new screening.
OCCASIONS = ("first_contact", "after_missing", "new_adult", "facility_change", "periodic", "other")
# The five answers of the form (guardian_desk/protection/indicators.py: Answer).
ANSWERS = ("observed", "reported_by_child", "reported_by_others", "not_observed", "not_asked")
# The officer's decision after reading the result: the rule flags, the officer decides.
DECISIONS = ("pending", "no_indication", "monitor", "refer", "presumed_victim")
# How an accompanying adult's claimed relationship was checked, and what came of it.
CHECK_METHODS = ("documents", "interview", "consistency", "none")
CHECK_OUTCOMES = ("pending", "confirmed", "not_confirmed", "contradicted")
DISCLOSURE_KINDS = ("referral_letter", "transfer_bundle")


class Screening(Versioned, Base):
    """One screening of a child on one published list, with the office's own indicators."""

    __tablename__ = "screenings"
    __table_args__ = (
        Index("ix_screenings_child_time", "child_id", "screened_at"),
        Index("ix_screenings_time", "screened_at"),
        CheckConstraint(_one_of("indicator_set", INDICATOR_SETS), name="indicator_set"),
        CheckConstraint(_one_of("occasion", OCCASIONS), name="occasion"),
        CheckConstraint(_one_of("decision", DECISIONS), name="decision"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    child_id: Mapped[int] = mapped_column(ForeignKey("children.id", ondelete="RESTRICT"))
    screened_at: Mapped[datetime]
    occasion: Mapped[str] = mapped_column(String(20), default="first_contact")
    indicator_set: Mapped[str] = mapped_column(String(10), default="labour")
    catalogue_version: Mapped[str] = mapped_column(String(40), default="")
    language: Mapped[str] = mapped_column(String(12), default="")  # the interview's language
    mediator_id: Mapped[int | None] = mapped_column(ForeignKey("mediators.id", ondelete="SET NULL"))
    screened_by: Mapped[str] = mapped_column(String(100), default="")
    # The rule's result at the time of the screening (protection/indicators.py: assess).
    positive_elements: Mapped[list[str]] = mapped_column(JSON, default=list)
    flagged: Mapped[bool] = mapped_column(default=False)
    note: Mapped[str] = mapped_column(Text, default="")
    decision: Mapped[str] = mapped_column(String(20), default="pending")
    decision_note: Mapped[str] = mapped_column(Text, default="")
    decided_by: Mapped[str] = mapped_column(String(100), default="")
    decided_at: Mapped[datetime | None]

    answers: Mapped[list[ScreeningAnswer]] = relationship(
        back_populates="screening",
        cascade="all, delete-orphan",
        order_by="ScreeningAnswer.indicator_id",
    )


class ScreeningAnswer(Base):
    """The answer to one indicator in one screening."""

    __tablename__ = "screening_answers"
    __table_args__ = (CheckConstraint(_one_of("answer", ANSWERS), name="answer"),)

    screening_id: Mapped[int] = mapped_column(
        ForeignKey("screenings.id", ondelete="CASCADE"), primary_key=True
    )
    # The shipped ids reach 23 characters (office-unverified-adult); an office's own, 20.
    indicator_id: Mapped[str] = mapped_column(String(40), primary_key=True)
    answer: Mapped[str] = mapped_column(String(20))
    note: Mapped[str] = mapped_column(Text, default="")

    screening: Mapped[Screening] = relationship(back_populates="answers")


class Referral(Versioned, Base):
    """The case sent to a service, and the service's answer."""

    __tablename__ = "referrals"
    __table_args__ = (
        Index("ix_referrals_child", "child_id", "sent_on"),
        Index("ix_referrals_sent_on", "sent_on"),
        CheckConstraint(_one_of("recipient_kind", RECIPIENTS), name="recipient_kind"),
        CheckConstraint(_one_of("child_consent", CONSENTS), name="child_consent"),
        CheckConstraint(_one_of("guardian_consent", CONSENTS), name="guardian_consent"),
        CheckConstraint(_one_of("status", REFERRAL_STATUSES), name="status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    child_id: Mapped[int] = mapped_column(ForeignKey("children.id", ondelete="RESTRICT"))
    screening_id: Mapped[int | None] = mapped_column(
        ForeignKey("screenings.id", ondelete="SET NULL")
    )
    recipient_kind: Mapped[str] = mapped_column(String(12))
    recipient_name: Mapped[str] = mapped_column(String(200), default="")
    sent_on: Mapped[date]
    legal_basis: Mapped[str] = mapped_column(Text, default="")
    reason: Mapped[str] = mapped_column(Text, default="")
    child_consent: Mapped[str] = mapped_column(String(14), default="not_asked")
    guardian_consent: Mapped[str] = mapped_column(String(14), default="not_asked")
    status: Mapped[str] = mapped_column(String(14), default="sent")
    status_on: Mapped[date]
    response: Mapped[str] = mapped_column(Text, default="")
    their_reference: Mapped[str] = mapped_column(String(100), default="")
    referred_by: Mapped[str] = mapped_column(String(100), default="")


class Disclosure(Base):
    """A piece of a case that left the office: what, to whom, on which basis, whose consent.

    Rows are only ever added (the audit trail names the same disclosure)."""

    __tablename__ = "disclosures"
    __table_args__ = (
        Index("ix_disclosures_child", "child_id", "disclosed_at"),
        CheckConstraint(_one_of("kind", DISCLOSURE_KINDS), name="kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    child_id: Mapped[int] = mapped_column(ForeignKey("children.id", ondelete="RESTRICT"))
    kind: Mapped[str] = mapped_column(String(20))
    recipient: Mapped[str] = mapped_column(String(300))
    legal_basis: Mapped[str] = mapped_column(Text, default="")
    consent: Mapped[str] = mapped_column(String(200), default="")
    # The field keys and attachment ids that left, exactly as chosen by the officer.
    fields: Mapped[list[str]] = mapped_column(JSON, default=list)
    attachment_ids: Mapped[list[int]] = mapped_column(JSON, default=list)
    reference: Mapped[str] = mapped_column(String(100), default="")
    referral_id: Mapped[int | None] = mapped_column(ForeignKey("referrals.id", ondelete="SET NULL"))
    disclosed_at: Mapped[datetime] = mapped_column(default=utcnow)
    disclosed_by: Mapped[str] = mapped_column(String(100), default="")


class CaseTransfer(Base):
    """Where an imported case came from: the sending office, when, its reference.

    The bundle id is unique: importing the same bundle twice is refused by the database."""

    __tablename__ = "case_transfers"

    id: Mapped[int] = mapped_column(primary_key=True)
    child_id: Mapped[int] = mapped_column(ForeignKey("children.id", ondelete="CASCADE"), index=True)
    bundle_id: Mapped[str] = mapped_column(String(36), unique=True)
    source_office: Mapped[str] = mapped_column(String(200))
    source_office_uid: Mapped[str] = mapped_column(String(36), default="")
    source_country: Mapped[str] = mapped_column(String(2), default="")
    source_case_number: Mapped[str] = mapped_column(String(40), default="")
    reference: Mapped[str] = mapped_column(String(100), default="")
    sent_at: Mapped[datetime]
    imported_at: Mapped[datetime] = mapped_column(default=utcnow)
    imported_by: Mapped[str] = mapped_column(String(100), default="")
