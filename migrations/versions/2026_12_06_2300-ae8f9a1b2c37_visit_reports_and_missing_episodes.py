"""Visit reports with follow-up actions, and missing-child episodes.

A held visit gets a report (minutes, who came, the child's wellbeing, concerns) with dated
follow-up actions. A missing episode (one open per child, kept by a unique partial index)
puts the child's planned visits on hold (``visit_holds``, one open hold per visit) until the
return. The register of papers learns the missing-child report (``missing_report``).

Revision ID: ae8f9a1b2c37
Revises: 9d7e8f0a1b26
Create Date: 2026-12-06 23:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "ae8f9a1b2c37"
down_revision: str | None = "9d7e8f0a1b26"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The paper kinds before this revision (8c6d7e9f0a15 added "termination"), and after it.
KINDS_BEFORE = ("appointment", "mediator_letter", "schedule", "summary", "card", "termination")
KINDS_AFTER = (*KINDS_BEFORE, "missing_report")


def _stamps() -> list[sa.Column]:  # type: ignore[type-arg]
    return [
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
    ]


def upgrade() -> None:
    op.create_table(
        "visit_reports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("visit_id", sa.Integer(), nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.Column("child_present", sa.Boolean(), nullable=False),
        sa.Column("guardian_present", sa.Boolean(), nullable=False),
        sa.Column("mediator_present", sa.Boolean(), nullable=False),
        sa.Column("others_present", sa.String(length=500), nullable=False),
        sa.Column("wellbeing", sa.SmallInteger(), nullable=True),
        sa.Column("wellbeing_note", sa.Text(), nullable=False),
        sa.Column("concerns", sa.Text(), nullable=False),
        sa.Column("written_by", sa.String(length=100), nullable=False),
        *_stamps(),
        sa.CheckConstraint("minutes BETWEEN 1 AND 720", name=op.f("ck_visit_reports_minutes")),
        sa.CheckConstraint(
            "wellbeing IS NULL OR wellbeing BETWEEN 1 AND 5",
            name=op.f("ck_visit_reports_wellbeing"),
        ),
        sa.ForeignKeyConstraint(
            ["visit_id"],
            ["visits.id"],
            name=op.f("fk_visit_reports_visit_id_visits"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_visit_reports")),
        sa.UniqueConstraint("visit_id", name=op.f("uq_visit_reports_visit_id")),
    )
    op.create_table(
        "follow_ups",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("child_id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(length=500), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("done_on", sa.Date(), nullable=True),
        sa.Column("done_by", sa.String(length=100), nullable=False),
        *_stamps(),
        sa.ForeignKeyConstraint(
            ["child_id"],
            ["children.id"],
            name=op.f("fk_follow_ups_child_id_children"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["report_id"],
            ["visit_reports.id"],
            name=op.f("fk_follow_ups_report_id_visit_reports"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_follow_ups")),
    )
    op.create_index(op.f("ix_follow_ups_child_id"), "follow_ups", ["child_id"])
    op.create_index(op.f("ix_follow_ups_report_id"), "follow_ups", ["report_id"])
    op.create_index(
        "ix_follow_ups_open_due",
        "follow_ups",
        ["due_on"],
        sqlite_where=sa.text("done_on IS NULL"),
        postgresql_where=sa.text("done_on IS NULL"),
    )
    op.create_table(
        "missing_episodes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("child_id", sa.Integer(), nullable=False),
        sa.Column("missing_since", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen_place", sa.String(length=300), nullable=False),
        sa.Column("circumstances", sa.Text(), nullable=False),
        sa.Column("appearance", sa.Text(), nullable=False),
        sa.Column("reported_to_police", sa.Boolean(), nullable=False),
        sa.Column("police_reported_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("police_reference", sa.String(length=100), nullable=False),
        sa.Column("reported_by", sa.String(length=100), nullable=False),
        sa.Column("returned_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("found_place", sa.String(length=300), nullable=False),
        sa.Column("return_note", sa.Text(), nullable=False),
        sa.Column("return_recorded_by", sa.String(length=100), nullable=False),
        *_stamps(),
        sa.CheckConstraint(
            "reported_to_police OR police_reported_at IS NULL",
            name=op.f("ck_missing_episodes_police_report_time"),
        ),
        sa.CheckConstraint(
            "returned_at IS NULL OR returned_at >= missing_since",
            name=op.f("ck_missing_episodes_range"),
        ),
        sa.ForeignKeyConstraint(
            ["child_id"],
            ["children.id"],
            name=op.f("fk_missing_episodes_child_id_children"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_missing_episodes")),
    )
    op.create_index(op.f("ix_missing_episodes_child_id"), "missing_episodes", ["child_id"])
    # Two officers recording the same disappearance at once: the second insert fails here.
    op.create_index(
        "uq_missing_episodes_one_open",
        "missing_episodes",
        ["child_id"],
        unique=True,
        sqlite_where=sa.text("returned_at IS NULL"),
        postgresql_where=sa.text("returned_at IS NULL"),
    )
    op.create_table(
        "visit_holds",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("visit_id", sa.Integer(), nullable=False),
        sa.Column("episode_id", sa.Integer(), nullable=False),
        sa.Column("held_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("released_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["episode_id"],
            ["missing_episodes.id"],
            name=op.f("fk_visit_holds_episode_id_missing_episodes"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["visit_id"],
            ["visits.id"],
            name=op.f("fk_visit_holds_visit_id_visits"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_visit_holds")),
    )
    op.create_index(op.f("ix_visit_holds_episode_id"), "visit_holds", ["episode_id"])
    op.create_index(
        "uq_visit_holds_one_open",
        "visit_holds",
        ["visit_id"],
        unique=True,
        sqlite_where=sa.text("released_at IS NULL"),
        postgresql_where=sa.text("released_at IS NULL"),
    )
    _paper_kinds(KINDS_AFTER)


def _paper_kinds(values: tuple[str, ...]) -> None:
    """The register's CHECK on ``kind`` with ``values``, under its one name on both backends."""
    listed = ", ".join(f"'{v}'" for v in values)
    name = op.f("ck_issued_documents_kind")
    if op.get_bind().dialect.name == "sqlite":
        # issued_documents has no triggers, so SQLite may copy it; the copy keeps every other
        # constraint as reflected and gets the CHECK anew.
        with op.batch_alter_table("issued_documents", recreate="always") as batch_op:
            batch_op.drop_constraint(name, type_="check")
            batch_op.create_check_constraint(name, sa.text(f"kind IN ({listed})"))
    else:
        op.drop_constraint(name, "issued_documents", type_="check")
        op.create_check_constraint(name, "issued_documents", f"kind IN ({listed})")


def downgrade() -> None:
    op.execute("DELETE FROM issued_documents WHERE kind = 'missing_report'")
    _paper_kinds(KINDS_BEFORE)
    op.drop_index("uq_visit_holds_one_open", table_name="visit_holds")
    op.drop_index(op.f("ix_visit_holds_episode_id"), table_name="visit_holds")
    op.drop_table("visit_holds")
    op.drop_index("uq_missing_episodes_one_open", table_name="missing_episodes")
    op.drop_index(op.f("ix_missing_episodes_child_id"), table_name="missing_episodes")
    op.drop_table("missing_episodes")
    op.drop_index("ix_follow_ups_open_due", table_name="follow_ups")
    op.drop_index(op.f("ix_follow_ups_report_id"), table_name="follow_ups")
    op.drop_index(op.f("ix_follow_ups_child_id"), table_name="follow_ups")
    op.drop_table("follow_ups")
    op.drop_table("visit_reports")
