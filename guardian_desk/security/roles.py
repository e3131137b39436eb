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
from guardian_desk.i18n import N_, _
from guardian_desk.i18n.formats import list_text

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
    MERGE_CHILDREN = "merge child records"


# What a person reads for each (the enums' values are identifiers and stay in English).
ROLE_NAMES: dict[Role, str] = {
    Role.ADMINISTRATOR: N_("administrator"),
    Role.SUPERVISOR: N_("supervisor"),
    Role.OFFICER: N_("officer"),
    Role.AUDITOR: N_("auditor"),
}
# TRANSLATORS: each completes "To ... you need the role ...".
PERMISSION_ACTIONS: dict[Permission, str] = {
    Permission.READ_RECORDS: N_("read records"),
    Permission.EDIT_CASEWORK: N_("change casework records"),
    Permission.PRINT_PAPERS: N_("print papers"),
    Permission.EXPORT_PERSONAL: N_("export personal data"),
    Permission.OVERRIDE_RULES: N_("override a rule"),
    Permission.CLOSE_CASES: N_("close a case"),
    Permission.REPORTS: N_("see reports"),
    Permission.READ_AUDIT: N_("read the audit trail"),
    Permission.MANAGE_ACCOUNTS: N_("manage accounts"),
    Permission.MANAGE_SETTINGS: N_("change the office settings"),
    Permission.BACKUP_RESTORE: N_("back up and restore"),
    Permission.RETENTION: N_("anonymise old cases"),
    Permission.MERGE_CHILDREN: N_("merge child records"),
}


def role_name(role: Role) -> str:
    """The role as a person reads it, in the interface language."""
    return _(ROLE_NAMES[role])


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
            Permission.MERGE_CHILDREN,
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
    action when the permission's own name is too broad ("encrypt the database"), already
    translated."""
    if not account.may(permission):
        needed = list_text((role_name(role) for role in roles_with(permission)), style="or")
        raise PermissionDenied(
            # TRANSLATORS: {action} is what was refused ("print papers"); {roles} the roles that
            # may ("administrator or supervisor"); {user} a user name; {role} that user's role.
            _(
                "To {action} you need the role {roles}; {user} is signed in as {role}. "
                "Nothing was changed."
            ).format(
                action=doing or _(PERMISSION_ACTIONS[permission]),
                roles=needed,
                user=account.username,
                role=role_name(account.role),
            )
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
