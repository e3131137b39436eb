"""Trafficking screenings, accompanying adults' checks, referrals, disclosures, case transfers.

- ``screenings`` + ``screening_answers``: one answer per ILO/EC 2009 indicator, the rule's result
  and the officer's decision (issue 14);
- ``accompanying_adults``: how the claimed relationship was checked, the outcome, and when the
  office first heard of the adult (a new adult contact asks for a new screening). This table has
  no trigger, so the SQLite batch that adds its CHECKs may recreate it;
- ``referrals``: the case sent to a service and its answer;
- ``disclosures``: what left the office, to whom, on which basis, with whose consent;
- ``case_transfers``: where an imported case came from (a bundle is imported once: unique id);
- ``office_settings.rescreen_after_days``: a new screening this many days after the first;
- ``office_settings.office_indicators``: the screening indicators the office added (JSON list).

Revision ID: d1bc2d3e4f5a
Revises: c0ab1c3d4e59
Create Date: 2026-12-06 23:30:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "d1bc2d3e4f5a"
down_revision: str | None = "c0ab1c3d4e59"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

RESCREEN_CHECK = "rescreen_after_days BETWEEN 7 AND 730"
# The register's paper kinds before this revision, and after it (a referral letter, a transfer
# bundle's summary, the coordinator's report).
KINDS_BEFORE = (
    "appointment",
    "mediator_letter",
    "schedule",
    "summary",
    "card",
    "termination",
    "missing_report",
)
KINDS_AFTER = (*KINDS_BEFORE, "referral_letter", "transfer_summary", "coordinator_report")


def upgrade() -> None:
    op.create_table(
        "case_transfers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("child_id", sa.Integer(), nullable=False),
        sa.Column("bundle_id", sa.String(length=36), nullable=False),
        sa.Column("source_office", sa.String(length=200), nullable=False),
        sa.Column("source_office_uid", sa.String(length=36), nullable=False),
        sa.Column("source_country", sa.String(length=2), nullable=False),
        sa.Column("source_case_number", sa.String(length=40), nullable=False),
        sa.Column("reference", sa.String(length=100), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("imported_by", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(
            ["child_id"],
            ["children.id"],
            name=op.f("fk_case_transfers_child_id_children"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_transfers")),
        sa.UniqueConstraint("bundle_id", name=op.f("uq_case_transfers_bundle_id")),
    )
    with op.batch_alter_table("case_transfers", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_case_transfers_child_id"), ["child_id"], unique=False)

    op.create_table(
        "screenings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("child_id", sa.Integer(), nullable=False),
        sa.Column("screened_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("occasion", sa.String(length=20), nullable=False),
        sa.Column("indicator_set", sa.String(length=10), nullable=False),
        sa.Column("catalogue_version", sa.String(length=40), nullable=False),
        sa.Column("language", sa.String(length=12), nullable=False),
        sa.Column("mediator_id", sa.Integer(), nullable=True),
        sa.Column("screened_by", sa.String(length=100), nullable=False),
        sa.Column("positive_elements", sa.JSON(), nullable=False),
        sa.Column("flagged", sa.Boolean(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("decision", sa.String(length=20), nullable=False),
        sa.Column("decision_note", sa.Text(), nullable=False),
        sa.Column("decided_by", sa.String(length=100), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.CheckConstraint(
            "decision IN ('pending', 'no_indication', 'monitor', 'refer', 'presumed_victim')",
            name=op.f("ck_screenings_decision"),
        ),
        sa.CheckConstraint(
            "indicator_set IN ('labour', 'sexual')", name=op.f("ck_screenings_indicator_set")
        ),
        sa.CheckConstraint(
            "occasion IN ('first_contact', 'after_missing', 'new_adult', 'facility_change', 'periodic', 'other')",
            name=op.f("ck_screenings_occasion"),
        ),
        sa.ForeignKeyConstraint(
            ["child_id"],
            ["children.id"],
            name=op.f("fk_screenings_child_id_children"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["mediator_id"],
            ["mediators.id"],
            name=op.f("fk_screenings_mediator_id_mediators"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_screenings")),
    )
    with op.batch_alter_table("screenings", schema=None) as batch_op:
        batch_op.create_index("ix_screenings_child_time", ["child_id", "screened_at"], unique=False)
        batch_op.create_index("ix_screenings_time", ["screened_at"], unique=False)

    op.create_table(
        "referrals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("child_id", sa.Integer(), nullable=False),
        sa.Column("screening_id", sa.Integer(), nullable=True),
        sa.Column("recipient_kind", sa.String(length=12), nullable=False),
        sa.Column("recipient_name", sa.String(length=200), nullable=False),
        sa.Column("sent_on", sa.Date(), nullable=False),
        sa.Column("legal_basis", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("child_consent", sa.String(length=14), nullable=False),
        sa.Column("guardian_consent", sa.String(length=14), nullable=False),
        sa.Column("status", sa.String(length=14), nullable=False),
        sa.Column("status_on", sa.Date(), nullable=False),
        sa.Column("response", sa.Text(), nullable=False),
        sa.Column("their_reference", sa.String(length=100), nullable=False),
        sa.Column("referred_by", sa.String(length=100), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.CheckConstraint(
            "child_consent IN ('given', 'refused', 'not_asked', 'not_required')",
            name=op.f("ck_referrals_child_consent"),
        ),
        sa.CheckConstraint(
            "guardian_consent IN ('given', 'refused', 'not_asked', 'not_required')",
            name=op.f("ck_referrals_guardian_consent"),
        ),
        sa.CheckConstraint(
            "recipient_kind IN ('nrm', 'police', 'prosecutor', 'shelter', 'health', 'legal_aid', 'asylum', 'other')",
            name=op.f("ck_referrals_recipient_kind"),
        ),
        sa.CheckConstraint(
            "status IN ('sent', 'acknowledged', 'accepted', 'declined', 'closed')",
            name=op.f("ck_referrals_status"),
        ),
        sa.ForeignKeyConstraint(
            ["child_id"],
            ["children.id"],
            name=op.f("fk_referrals_child_id_children"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["screening_id"],
            ["screenings.id"],
            name=op.f("fk_referrals_screening_id_screenings"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_referrals")),
    )
    with op.batch_alter_table("referrals", schema=None) as batch_op:
        batch_op.create_index("ix_referrals_child", ["child_id", "sent_on"], unique=False)
        batch_op.create_index("ix_referrals_sent_on", ["sent_on"], unique=False)

    op.create_table(
        "screening_answers",
        sa.Column("screening_id", sa.Integer(), nullable=False),
        sa.Column("indicator_id", sa.String(length=40), nullable=False),
        sa.Column("answer", sa.String(length=20), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.CheckConstraint(
            "answer IN ('observed', 'reported_by_child', 'reported_by_others', 'not_observed', 'not_asked')",
            name=op.f("ck_screening_answers_answer"),
        ),
        sa.ForeignKeyConstraint(
            ["screening_id"],
            ["screenings.id"],
            name=op.f("fk_screening_answers_screening_id_screenings"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("screening_id", "indicator_id", name=op.f("pk_screening_answers")),
    )
    op.create_table(
        "disclosures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("child_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("recipient", sa.String(length=300), nullable=False),
        sa.Column("legal_basis", sa.Text(), nullable=False),
        sa.Column("consent", sa.String(length=200), nullable=False),
        sa.Column("fields", sa.JSON(), nullable=False),
        sa.Column("attachment_ids", sa.JSON(), nullable=False),
        sa.Column("reference", sa.String(length=100), nullable=False),
        sa.Column("referral_id", sa.Integer(), nullable=True),
        sa.Column("disclosed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("disclosed_by", sa.String(length=100), nullable=False),
        sa.CheckConstraint(
            "kind IN ('referral_letter', 'transfer_bundle')", name=op.f("ck_disclosures_kind")
        ),
        sa.ForeignKeyConstraint(
            ["child_id"],
            ["children.id"],
            name=op.f("fk_disclosures_child_id_children"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["referral_id"],
            ["referrals.id"],
            name=op.f("fk_disclosures_referral_id_referrals"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_disclosures")),
    )
    with op.batch_alter_table("disclosures", schema=None) as batch_op:
        batch_op.create_index("ix_disclosures_child", ["child_id", "disclosed_at"], unique=False)

    with op.batch_alter_table("accompanying_adults", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("check_method", sa.String(length=12), server_default="none", nullable=False)
        )
        batch_op.add_column(
            sa.Column(
                "check_outcome", sa.String(length=14), server_default="pending", nullable=False
            )
        )
        batch_op.add_column(sa.Column("checked_on", sa.Date(), nullable=True))
        batch_op.add_column(
            sa.Column("checked_by", sa.String(length=100), server_default="", nullable=False)
        )
        batch_op.add_column(sa.Column("check_note", sa.Text(), server_default="", nullable=False))
        batch_op.add_column(
            sa.Column(
                "added_at",
                sa.DateTime(timezone=True),
                server_default=sa.text("(CURRENT_TIMESTAMP)"),
                nullable=False,
            )
        )

        batch_op.create_check_constraint(
            "check_method", "check_method IN ('documents', 'interview', 'consistency', 'none')"
        )
        batch_op.create_check_constraint(
            "check_outcome",
            "check_outcome IN ('pending', 'confirmed', 'not_confirmed', 'contradicted')",
        )

    if op.get_bind().dialect.name == "sqlite":
        # ADD COLUMN with its CHECK: a batch would recreate office_settings, which the
        # caseload triggers on assignments read (see revision 5f3a4b6c7d82).
        op.execute(
            "ALTER TABLE office_settings ADD COLUMN rescreen_after_days INTEGER NOT NULL "
            f"DEFAULT 90 CONSTRAINT ck_office_settings_rescreen_after_days CHECK ({RESCREEN_CHECK})"
        )
        op.execute(
            "ALTER TABLE office_settings ADD COLUMN office_indicators JSON NOT NULL DEFAULT '[]'"
        )
    else:
        op.add_column(
            "office_settings",
            sa.Column(
                "rescreen_after_days", sa.Integer(), server_default=sa.text("90"), nullable=False
            ),
        )
        op.create_check_constraint(
            op.f("ck_office_settings_rescreen_after_days"), "office_settings", RESCREEN_CHECK
        )
        op.add_column(
            "office_settings",
            sa.Column(
                "office_indicators", sa.JSON(), server_default=sa.text("'[]'"), nullable=False
            ),
        )
    _paper_kinds(KINDS_AFTER)


def _paper_kinds(values: tuple[str, ...]) -> None:
    """The register's CHECK on ``kind`` with ``values``, under its one name on both backends."""
    listed = ", ".join(f"'{v}'" for v in values)
    name = op.f("ck_issued_documents_kind")
    if op.get_bind().dialect.name == "sqlite":
        # issued_documents has no triggers, so SQLite may copy it (see revision ae8f9a1b2c37).
        with op.batch_alter_table("issued_documents", recreate="always") as batch_op:
            batch_op.drop_constraint(name, type_="check")
            batch_op.create_check_constraint(name, sa.text(f"kind IN ({listed})"))
    else:
        op.drop_constraint(name, "issued_documents", type_="check")
        op.create_check_constraint(name, "issued_documents", f"kind IN ({listed})")


def downgrade() -> None:
    op.execute(
        "DELETE FROM issued_documents WHERE kind IN "
        "('referral_letter', 'transfer_summary', 'coordinator_report')"
    )
    _paper_kinds(KINDS_BEFORE)
    if op.get_bind().dialect.name == "sqlite":  # native DROP COLUMN: no recreated table
        op.execute("ALTER TABLE office_settings DROP COLUMN office_indicators")
        op.execute("ALTER TABLE office_settings DROP COLUMN rescreen_after_days")
    else:
        op.drop_column("office_settings", "office_indicators")
        op.drop_constraint(
            op.f("ck_office_settings_rescreen_after_days"), "office_settings", "check"
        )
        op.drop_column("office_settings", "rescreen_after_days")

    with op.batch_alter_table("accompanying_adults", schema=None) as batch_op:
        batch_op.drop_constraint("check_outcome", type_="check")
        batch_op.drop_constraint("check_method", type_="check")
        batch_op.drop_column("added_at")
        batch_op.drop_column("check_note")
        batch_op.drop_column("checked_by")
        batch_op.drop_column("checked_on")
        batch_op.drop_column("check_outcome")
        batch_op.drop_column("check_method")

    with op.batch_alter_table("disclosures", schema=None) as batch_op:
        batch_op.drop_index("ix_disclosures_child")

    op.drop_table("disclosures")
    op.drop_table("screening_answers")
    with op.batch_alter_table("referrals", schema=None) as batch_op:
        batch_op.drop_index("ix_referrals_sent_on")
        batch_op.drop_index("ix_referrals_child")

    op.drop_table("referrals")
    with op.batch_alter_table("screenings", schema=None) as batch_op:
        batch_op.drop_index("ix_screenings_time")
        batch_op.drop_index("ix_screenings_child_time")

    op.drop_table("screenings")
    with op.batch_alter_table("case_transfers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_case_transfers_child_id"))

    op.drop_table("case_transfers")
