"""Accounts and the first-start office set-up.

Adds the ``accounts`` table (user name, full name, title, role, argon2id password hash,
lock-out counters) and four office settings: the office's language, the idle minutes before
the window locks, the retention period in years and ``set_up_at``, when the first-start set-up
created the administrator. Existing offices get no account: the app (or
`guardian-desk setup`) asks for the administrator at the next start, prefilled with the
office's name, country and time zone.

Revision ID: 5f3a4b6c7d82
Revises: 4d2e3f5a6b71
Create Date: 2026-12-06 18:00:00
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "5f3a4b6c7d82"
down_revision: str | None = "4d2e3f5a6b71"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ROLES = ("administrator", "supervisor", "officer", "auditor")
# office_settings: (column, SQLite type, default, CHECK)
SETTINGS_COLUMNS = (
    ("language", "VARCHAR(12)", "'en'", ""),
    ("idle_lock_minutes", "INTEGER", "10", "idle_lock_minutes BETWEEN 1 AND 240"),
    ("retention_years", "INTEGER", "10", "retention_years BETWEEN 1 AND 100"),
)


def upgrade() -> None:
    op.create_table(
        "accounts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(length=32), nullable=False),
        sa.Column("full_name", sa.String(length=200), nullable=False),
        sa.Column("title", sa.String(length=200), server_default=sa.text("''"), nullable=False),
        sa.Column(
            "role",
            sa.Enum(*ROLES, name="account_role", native_enum=False, length=24),
            nullable=False,
        ),
        sa.Column("password_hash", sa.String(length=255), nullable=False),
        sa.Column("active", sa.Boolean(), server_default=sa.true(), nullable=False),
        sa.Column("failed_attempts", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("must_change_password", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("last_sign_in_at", sa.DateTime(timezone=True), nullable=True),
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
        sa.CheckConstraint("failed_attempts >= 0", name=op.f("ck_accounts_failed_attempts")),
        sa.CheckConstraint(
            "length(username) BETWEEN 2 AND 32", name=op.f("ck_accounts_username_length")
        ),
        sa.CheckConstraint(
            "role IN ('administrator', 'supervisor', 'officer', 'auditor')",
            name=op.f("ck_accounts_account_role"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_accounts")),
        sa.UniqueConstraint("username", name=op.f("uq_accounts_username")),
    )
    if op.get_bind().dialect.name == "sqlite":
        # ALTER TABLE ... ADD COLUMN (with its CHECK): a batch would recreate office_settings,
        # and SQLite refuses that rename while the caseload triggers on assignments read it.
        for name, sql_type, default, check in SETTINGS_COLUMNS:
            constraint = f" CONSTRAINT ck_office_settings_{name} CHECK ({check})" if check else ""
            op.execute(
                f"ALTER TABLE office_settings ADD COLUMN {name} {sql_type} NOT NULL "
                f"DEFAULT {default}{constraint}"
            )
        op.execute("ALTER TABLE office_settings ADD COLUMN set_up_at DATETIME")
        return
    for name, _sql_type, default, check in SETTINGS_COLUMNS:
        column_type: sa.types.TypeEngine[Any] = (
            sa.String(length=12) if name == "language" else sa.Integer()
        )
        op.add_column(
            "office_settings",
            sa.Column(name, column_type, server_default=sa.text(default), nullable=False),
        )
        if check:
            op.create_check_constraint(op.f(f"ck_office_settings_{name}"), "office_settings", check)
    op.add_column("office_settings", sa.Column("set_up_at", sa.DateTime(timezone=True)))


def downgrade() -> None:
    names = ["set_up_at", *(name for name, *_ in reversed(SETTINGS_COLUMNS))]
    if op.get_bind().dialect.name == "sqlite":  # native DROP COLUMN: no recreated table
        for name in names:
            op.execute(f"ALTER TABLE office_settings DROP COLUMN {name}")
    else:
        for name, *_rest, check in SETTINGS_COLUMNS:
            if check:
                op.drop_constraint(op.f(f"ck_office_settings_{name}"), "office_settings", "check")
        for name in names:
            op.drop_column("office_settings", name)
    op.drop_table("accounts")
