"""Roles and what each may do, enforced in the core (not by hiding buttons).

Every service function that reads or changes records is wrapped in ``@requires(permission)``;
the check reads the account the unit of work was opened for (``session.info["account"]``,
set by ``session_scope``). A refusal names the role that is needed.

The administrator may also do all casework: in a small office the one officer is also the
administrator. Separation of duties, where an office wants it, comes from giving the
administrator account to someone who does not do casework.

A unit of work opened without an account (tests, benchmarks, migrations, the demo loader
called from the command line after signing in) acts as ``SYSTEM``; the entry points, the
command line and the desktop app, always open theirs for the signed-in account.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, TypeVar

from guardian_desk.domain.errors import PermissionDenied

F = TypeVar("F", bound=Callable[..., Any])
ACCOUNT_KEY = "account"  # session.info key
PERMISSION_ATTRIBUTE = "__guardian_desk_permission__"


class Role(StrEnum):
    ADMINISTRATOR = "administrator"
    SUPERVISOR = "supervisor"
    OFFICER = "officer"
    AUDITOR = "auditor"


class Permission(StrEnum):
    READ_RECORDS = "read records"
    EDIT_CASEWORK = "change casework records"
    PRINT_PAPERS = "print papers"
    EXPORT_PERSONAL = "export personal data"
    OVERRIDE_RULES = "override a rule"
    CLOSE_CASES = "close a case"
    REPORTS = "see reports"
    READ_AUDIT = "read the audit trail"
    MANAGE_ACCOUNTS = "manage accounts"
    MANAGE_SETTINGS = "change the office settings"
    BACKUP_RESTORE = "back up and restore"
    RETENTION = "anonymise old cases"


_CASEWORK = {
    Permission.READ_RECORDS,
    Permission.EDIT_CASEWORK,
    Permission.PRINT_PAPERS,
    Permission.EXPORT_PERSONAL,
}
ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.ADMINISTRATOR: frozenset(Permission),
    Role.SUPERVISOR: frozenset(
        _CASEWORK
        | {
            Permission.OVERRIDE_RULES,
            Permission.CLOSE_CASES,
            Permission.REPORTS,
            Permission.READ_AUDIT,
        }
    ),
    Role.OFFICER: frozenset(_CASEWORK),
    Role.AUDITOR: frozenset({Permission.READ_RECORDS, Permission.READ_AUDIT, Permission.REPORTS}),
}


def roles_with(permission: Permission) -> list[Role]:
    return [role for role in Role if permission in ROLE_PERMISSIONS[role]]


@dataclass(frozen=True)
class SignedIn:
    """The account a unit of work acts for; plain data, safe to hand between threads."""

    username: str
    full_name: str
    role: Role
    title: str = ""
    account_id: int | None = None

    def may(self, permission: Permission) -> bool:
        return permission in ROLE_PERMISSIONS[self.role]


SYSTEM = SignedIn("system", "Guardian Desk", Role.ADMINISTRATOR)


def signed_in(session: Any) -> SignedIn:
    account = session.info.get(ACCOUNT_KEY)
    return account if isinstance(account, SignedIn) else SYSTEM


def refuse_unless(account: SignedIn, permission: Permission, *, doing: str = "") -> None:
    """PermissionDenied naming the role needed, unless ``account`` may; ``doing`` words the
    action when the permission's own name is too broad ("encrypt the database")."""
    if not account.may(permission):
        needed = " or ".join(role.value for role in roles_with(permission))
        raise PermissionDenied(
            f"To {doing or permission.value} you need the role {needed}; {account.username} is "
            f"signed in as {account.role.value}. Nothing was changed."
        )


def require(session: Any, permission: Permission) -> SignedIn:
    """The signed-in account, if its role allows ``permission``; else PermissionDenied."""
    account = signed_in(session)
    refuse_unless(account, permission)
    return account


def requires(permission: Permission) -> Callable[[F], F]:
    """Decorate a service function ``fn(session, ...)``: refused before it reads or writes."""

    def decorate(fn: F) -> F:
        @functools.wraps(fn)
        def checked(session: Any, *args: Any, **kwargs: Any) -> Any:
            require(session, permission)
            return fn(session, *args, **kwargs)

        setattr(checked, PERMISSION_ATTRIBUTE, permission)
        return checked  # type: ignore[return-value]

    return decorate
