"""Unicode-aware search over names, aliases, case numbers and codes."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from guardian_desk.db.models import Child, Facility, Guardian, Mediator
from guardian_desk.domain.text import escape_like, fold
from guardian_desk.security.roles import Permission, requires

SEARCHABLE: dict[str, Any] = {
    "children": Child,
    "guardians": Guardian,
    "mediators": Mediator,
    "facilities": Facility,
}


def matching(model: Any, query: str) -> Select[tuple[int]]:
    """Ids whose folded text contains every word of the query, in any order."""
    statement = select(model.id)
    for word in fold(query).split():
        statement = statement.where(model.search_text.like(f"%{escape_like(word)}%", escape="\\"))
    return statement


@requires(Permission.READ_RECORDS)
def search_ids(session: Session, kind: str, query: str, limit: int | None = None) -> list[int]:
    statement = matching(SEARCHABLE[kind], query).order_by(SEARCHABLE[kind].id)
    if limit is not None:
        statement = statement.limit(limit)
    return list(session.scalars(statement))


@requires(Permission.READ_RECORDS)
def search_children(session: Session, query: str, limit: int = 200) -> list[Child]:
    ids = search_ids(session, "children", query, limit)
    if not ids:
        return []
    found = {c.id: c for c in session.scalars(select(Child).where(Child.id.in_(ids)))}
    return [found[i] for i in ids]
