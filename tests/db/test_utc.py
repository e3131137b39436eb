"""Times are stored in UTC and come back as aware UTC datetimes for the same instant."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import text
from sqlalchemy.exc import StatementError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import NullPool

from guardian_desk.db.engine import make_engine, make_session_factory, session_scope
from guardian_desk.db.models import Visit
from guardian_desk.services import assignments, children, staff
from tests.core import factories

BELGRADE = ZoneInfo("Europe/Belgrade")


@pytest.fixture
def factory(db: str) -> Iterator[sessionmaker[Session]]:
    """On PostgreSQL the session's own time zone is neither UTC nor Belgrade, on purpose."""
    extra = {}
    if db.startswith("postgresql"):
        extra = {"connect_args": {"options": "-c TimeZone=America/New_York"}}
    engine = make_engine(db, poolclass=NullPool, **extra)
    yield make_session_factory(engine)
    engine.dispose()


def add_visit(factory: sessionmaker[Session], starts_at: datetime) -> int:
    with session_scope(factory) as s:
        kid = children.create_child(s, factories.child())
        guardian = staff.create_staff(s, "guardian", factories.guardian())
        assignments.assign_guardian(s, kid.id, guardian.id, starts_on=date(2026, 10, 5))
        visit = Visit(
            child_id=kid.id,
            guardian_id=guardian.id,
            starts_at=starts_at,
            ends_at=starts_at + timedelta(hours=1),
        )
        s.add(visit)
        s.flush()
        return visit.id


@pytest.mark.parametrize(
    ("local", "utc"),
    [
        pytest.param(datetime(2026, 11, 3, 10, 0, tzinfo=BELGRADE), "2026-11-03 09:00", id="CET"),
        pytest.param(datetime(2026, 7, 1, 10, 0, tzinfo=BELGRADE), "2026-07-01 08:00", id="CEST"),
    ],
)
def test_a_belgrade_time_comes_back_as_the_same_instant_in_utc(
    factory: sessionmaker[Session], local: datetime, utc: str
) -> None:
    key = add_visit(factory, local)

    with session_scope(factory) as s:
        visit = s.get(Visit, key)
        assert visit is not None
        assert visit.starts_at == local  # the same instant
        assert visit.starts_at.utcoffset() == timedelta(0)
        assert visit.starts_at.tzinfo is UTC
        assert visit.starts_at.strftime("%Y-%m-%d %H:%M") == utc
        assert visit.ends_at - visit.starts_at == timedelta(hours=1)
        # What the database itself holds: UTC wall-clock time.
        if s.get_bind().dialect.name == "sqlite":
            raw = s.execute(text("SELECT starts_at FROM visits WHERE id = :k"), {"k": key})
        else:
            raw = s.execute(
                text(
                    "SELECT to_char(starts_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') "
                    "FROM visits WHERE id = :k"
                ),
                {"k": key},
            )
        assert str(raw.scalar()).startswith(utc)


def test_a_naive_time_is_refused(factory: sessionmaker[Session]) -> None:
    with pytest.raises(StatementError, match="naive datetime"):
        add_visit(factory, datetime(2026, 11, 3, 10, 0))
