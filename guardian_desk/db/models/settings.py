"""The office's settings: one row, edited like any other record; and the texts the office
writes on its papers, one per language and kind (services/office_texts.py)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    CheckConstraint,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    text,
    true,
)
from sqlalchemy.orm import Mapped, mapped_column

from guardian_desk.db.base import Base, Versioned, utcnow
from guardian_desk.domain.vocabularies import TEXT_KINDS

SETTINGS_ID = 1


class OfficeSettings(Versioned, Base):
    __tablename__ = "office_settings"
    __table_args__ = (
        CheckConstraint(f"id = {SETTINGS_ID}", name="single_row"),
        CheckConstraint("caseload_cap BETWEEN 1 AND 100", name="caseload_cap"),
        CheckConstraint("appointment_deadline_days BETWEEN 1 AND 90", name="deadline"),
        CheckConstraint("visit_interval_days BETWEEN 1 AND 180", name="visit_interval"),
        CheckConstraint("visit_minutes BETWEEN 15 AND 480", name="visit_minutes"),
        CheckConstraint("first_visit_days BETWEEN 1 AND 90", name="first_visit_days"),
        CheckConstraint("travel_buffer_minutes BETWEEN 0 AND 240", name="travel_buffer"),
        CheckConstraint("idle_lock_minutes BETWEEN 1 AND 240", name="idle_lock_minutes"),
        CheckConstraint("retention_years BETWEEN 1 AND 100", name="retention_years"),
        CheckConstraint("attachment_max_mb BETWEEN 1 AND 100", name="attachment_max_mb"),
        CheckConstraint("rescreen_after_days BETWEEN 7 AND 730", name="rescreen_after_days"),
    )

    id: Mapped[int] = mapped_column(primary_key=True, default=SETTINGS_ID)
    organisation_name: Mapped[str] = mapped_column(String(200), default="")
    organisation_address: Mapped[str] = mapped_column(Text, default="")
    country: Mapped[str] = mapped_column(String(2), default="AL")
    time_zone: Mapped[str] = mapped_column(String(64), default="Europe/Tirane")
    caseload_cap: Mapped[int] = mapped_column(default=25)
    # Working days from the asylum application to the guardian's appointment (EU: 15).
    appointment_deadline_days: Mapped[int] = mapped_column(default=15)
    visit_interval_days: Mapped[int] = mapped_column(default=30)
    # Matching (docs/matching.md): a child's gender preference excludes (True) or only lowers
    # the score (False); a visit's length, which guardian, mediator and facility must share.
    gender_preference_hard: Mapped[bool] = mapped_column(default=True, server_default=true())
    visit_minutes: Mapped[int] = mapped_column(default=60, server_default=text("60"))
    # The weights the office changed, by part ("language", "distance", ...); a missing part
    # keeps its documented default (services.settings.MATCHING_WEIGHT_DEFAULTS).
    matching_weights: Mapped[dict[str, Any]] = mapped_column(
        default=dict, server_default=text("'{}'")
    )
    first_visit_days: Mapped[int] = mapped_column(default=7, server_default=text("7"))
    travel_buffer_minutes: Mapped[int] = mapped_column(default=30, server_default=text("30"))
    # Before revision 7b5c6d8e9fa4: the legal basis, now in office_texts (one per language).
    # Copied there by the migration and no longer printed.
    legal_basis: Mapped[str] = mapped_column(Text, default="", server_default=text("''"))
    # Printed on the letterhead; the help line on the child's card (the office phone without).
    office_phone: Mapped[str] = mapped_column(String(40), default="", server_default=text("''"))
    office_email: Mapped[str] = mapped_column(String(200), default="", server_default=text("''"))
    help_line: Mapped[str] = mapped_column(String(40), default="", server_default=text("''"))
    # The letterhead's logo (PNG or JPEG bytes); None prints the name and address only.
    letterhead_logo: Mapped[bytes | None] = mapped_column(LargeBinary)
    # Names this office in calendar UIDs, so that two offices' visits never collide.
    office_uid: Mapped[str] = mapped_column(String(36), default=lambda: str(uuid.uuid4()))
    # The office's language: the papers are printed in it unless the officer chooses another.
    language: Mapped[str] = mapped_column(String(12), default="en", server_default=text("'en'"))
    # The window locks after this many idle minutes.
    idle_lock_minutes: Mapped[int] = mapped_column(default=10, server_default=text("10"))
    # Cases closed longer ago than this may be anonymised by an administrator.
    retention_years: Mapped[int] = mapped_column(default=10, server_default=text("10"))
    # The largest file that may be attached to a child's record, in MB (services/attachments.py).
    attachment_max_mb: Mapped[int] = mapped_column(default=10, server_default=text("10"))
    # A child is screened again this many days after the first screening (issue 14).
    rescreen_after_days: Mapped[int] = mapped_column(default=90, server_default=text("90"))
    # The screening indicators the office added (the indicator file's entries: id, set,
    # element, strength, text by language, rationale), merged into the shipped list by
    # guardian_desk.protection.indicators.merge_office_indicators (services/screenings.py).
    office_indicators: Mapped[list[dict[str, Any]]] = mapped_column(
        JSON, default=list, server_default=text("'[]'")
    )
    # When the first-start office set-up was done (UTC); None: not yet. Claimed with an
    # UPDATE ... WHERE set_up_at IS NULL, so two set-ups racing cannot both succeed.
    set_up_at: Mapped[datetime | None]


class OfficeText(Base):
    """A text the office wrote for its papers in one language: its legal basis, the duties of
    a guardian (one a line), the closing formula or the signatory's title.

    Edits are guarded by the settings row's version (services/office_texts.py bumps it).
    """

    __tablename__ = "office_texts"
    __table_args__ = (
        UniqueConstraint("language", "kind"),
        CheckConstraint(f"kind IN ({', '.join(repr(k) for k in TEXT_KINDS)})", name="kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    language: Mapped[str] = mapped_column(String(12))  # en, sq, sr, sr-Latn, mk
    kind: Mapped[str] = mapped_column(String(32))  # legal_basis, duties, closing, signatory_title
    text: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
