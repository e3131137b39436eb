"""The office's accounts: who may sign in, with which role, and the lock-out state.

The password is kept only as an argon2id hash (guardian_desk.security.passwords). The lock-out
counters are changed with plain UPDATEs that do not bump ``version``: a failed sign-in must not
turn an administrator's open edit of the account into a conflict.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, String, false, text, true
from sqlalchemy.orm import Mapped, mapped_column

from guardian_desk.db.base import Base, Versioned, enum_type
from guardian_desk.security.roles import Role

USERNAME_MAX = 32


class Account(Versioned, Base):
    __tablename__ = "accounts"
    __table_args__ = (
        CheckConstraint("failed_attempts >= 0", name="failed_attempts"),
        CheckConstraint(f"length(username) BETWEEN 2 AND {USERNAME_MAX}", name="username_length"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(USERNAME_MAX), unique=True)
    full_name: Mapped[str] = mapped_column(String(200))
    # Printed under the signature on the papers ("Guardian", "Head of office").
    title: Mapped[str] = mapped_column(String(200), default="", server_default=text("''"))
    role: Mapped[Role] = mapped_column(enum_type(Role, "account_role"))
    # argon2id in the PHC string form ($argon2id$v=19$m=...,t=...,p=...$salt$hash).
    password_hash: Mapped[str] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(default=True, server_default=true())
    failed_attempts: Mapped[int] = mapped_column(default=0, server_default=text("0"))
    locked_until: Mapped[datetime | None]
    must_change_password: Mapped[bool] = mapped_column(default=False, server_default=false())
    last_sign_in_at: Mapped[datetime | None]
