"""Automatic numbers (case numbers, staff and facility codes) that never get stuck.

Two rules keep numbering going. The next number follows only the numbers of the exact
automatic shape (PREFIX + N ASCII digits), so a hand-typed or imported odd one (G-ZZZZZ)
cannot make every new number a duplicate. And the unique constraint, not the read, is the
guarantee: under PostgreSQL READ COMMITTED two officers read the same highest number, the
second insert waits for the first and then hits the constraint; it is retried inside a
savepoint with a freshly read number, so the loser gets the next one instead of an error.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import InstrumentedAttribute, Session

from guardian_desk.domain.errors import RuleViolation, ValidationError, ValidationErrors
from guardian_desk.i18n import _, ngettext

T = TypeVar("T")

ATTEMPTS = 5
UNIQUE_VIOLATION = "23505"  # PostgreSQL's SQLSTATE


def of_shape(
    session: Session, column: InstrumentedAttribute[str], prefix: str, digits: int
) -> ColumnElement[bool]:
    """The column holds exactly ``prefix`` followed by ``digits`` ASCII digits.

    ``prefix`` is built by the caller from checked parts (letters, digits, dashes), so it
    carries no pattern characters. GLOB and PostgreSQL's [0-9] match ASCII digits only.
    """
    if session.get_bind().dialect.name == "sqlite":
        return column.op("GLOB")(prefix + "[0-9]" * digits)
    return column.regexp_match(f"^{prefix}[0-9]{{{digits}}}$")


def next_number(
    session: Session, column: InstrumentedAttribute[str], prefix: str, digits: int, what: str
) -> str:
    """One more than the highest automatic number with this prefix (the first is 1)."""
    highest = session.scalar(
        select(func.max(column)).where(
            column.like(f"{prefix}%"), of_shape(session, column, prefix, digits)
        )
    )
    sequence = int(highest[len(prefix) :]) + 1 if highest else 1
    if sequence >= 10**digits:
        first, last = f"{prefix}{1:0{digits}d}", f"{prefix}{'9' * digits}"
        if what == "case number":
            text = _(
                "Every case number from {first} to {last} is taken; "
                "give the new record its case number by hand."
            )
        else:
            text = _(
                "Every code from {first} to {last} is taken; give the new record its code by hand."
            )
        raise RuleViolation(text.format(first=first, last=last))
    return f"{prefix}{sequence:0{digits}d}"


def is_duplicate(exc: IntegrityError, table: str, column: str) -> bool:
    """The insert broke the unique constraint on ``table.column`` (and nothing else)."""
    orig = exc.orig
    if getattr(orig, "sqlstate", None) == UNIQUE_VIOLATION:
        constraint = getattr(getattr(orig, "diag", None), "constraint_name", None)
        return constraint == f"uq_{table}_{column}"
    return f"UNIQUE constraint failed: {table}.{column}" in str(orig)


def insert_numbered(
    session: Session,
    *,
    given: str | None,
    next_free: Callable[[], str],
    insert: Callable[[str], T],
    table: str,
    column: str,
    field: str,
) -> T:
    """Insert with the ``given`` number, or with the next free one, retrying a lost race.

    ``insert(number)`` adds the row and flushes. It runs in a savepoint, so a duplicate
    leaves the caller's transaction usable. A duplicate ``given`` number is the officer's
    to fix; an automatic one is read again, up to ATTEMPTS times.
    """
    for _attempt in range(1 if given is not None else ATTEMPTS):
        number = given if given is not None else next_free()
        try:
            with session.begin_nested():
                return insert(number)
        except IntegrityError as exc:
            if not is_duplicate(exc, table, column):
                raise
            if given is not None:
                raise ValidationErrors(
                    [ValidationError(field, given, _("is already registered"))]
                ) from None
    if field == "case_number":
        text = ngettext(
            "No new case number could be given: other officers took the next {count} at the "
            "same moment. Nothing was saved; save again.",
            "No new case number could be given: other officers took the next {count} at the "
            "same moment. Nothing was saved; save again.",
            ATTEMPTS,
        )
    else:
        text = ngettext(
            "No new code could be given: other officers took the next {count} at the same "
            "moment. Nothing was saved; save again.",
            "No new code could be given: other officers took the next {count} at the same "
            "moment. Nothing was saved; save again.",
            ATTEMPTS,
        )
    raise RuleViolation(text.format(count=ATTEMPTS))
