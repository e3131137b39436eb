"""Optimistic locking: a save names the version it was read at; a stale one is refused."""

from __future__ import annotations

from typing import Any, TypeVar

from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from guardian_desk.domain.errors import ConflictError, NotFoundError

M = TypeVar("M")


def load_for_update(
    session: Session, model: type[M], key: int, expected_version: int, entity: str
) -> M:
    """The row, if it is still at ``expected_version``; else ConflictError with what is stored."""
    row = session.get(model, key, populate_existing=True)
    if row is None:
        raise NotFoundError(entity, key)
    if row.version != expected_version:  # type: ignore[attr-defined]
        raise ConflictError(entity, key, expected_version, row.version)  # type: ignore[attr-defined]
    return row


def flush_checked(session: Session, row: Any, entity: str, expected_version: int) -> None:
    """Flush; a concurrent writer that slipped in between read and write becomes a conflict."""
    key = getattr(row, "id", "?")  # read now: a failed flush expires the row
    try:
        session.flush()
    except StaleDataError:
        raise ConflictError(entity, key, expected_version, None) from None


def touch(row: Any) -> None:
    """Bump a parent's version when only its child rows (languages, slots) changed."""
    from sqlalchemy.orm.attributes import flag_modified

    flag_modified(row, "updated_at")
