"""What a screen is opened on, picked from the data (the round-trip test and
bench/pg_latency.py look at the same screens): the busiest week and a waiting child."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from guardian_desk.db.models import Assignment, Child, Visit


def busiest_week(session: Session) -> tuple[int, date]:
    """The guardian with the most visits in one week, and that week's Monday."""
    if session.get_bind().dialect.name == "sqlite":
        monday = func.date(Visit.starts_at, "weekday 0", "-6 days")
    else:
        monday = func.date_trunc("week", Visit.starts_at)
    guardian, found = session.execute(
        select(Visit.guardian_id, monday)
        .where(Visit.guardian_id.is_not(None))
        .group_by(Visit.guardian_id, monday)
        .order_by(func.count().desc(), Visit.guardian_id)
        .limit(1)
    ).one()
    if isinstance(found, str):  # SQLite's date()
        return guardian, date.fromisoformat(found)
    return guardian, found.date() if isinstance(found, datetime) else found


def waiting_child(session: Session) -> int:
    """The first child who never had a guardian or mediator appointed."""
    waiting = ~select(Assignment.id).where(Assignment.child_id == Child.id).exists()
    return int(session.scalars(select(Child.id).where(waiting).order_by(Child.id)).first() or 0)
