"""Small helpers for the account tests: a database at the head, set up, and units of work."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import NullPool

from guardian_desk.db.engine import make_engine, make_session_factory, session_scope
from guardian_desk.db.models import AuditEvent
from guardian_desk.security.roles import SignedIn

OFFICE_PASSWORD = "test password, long enough"


@contextmanager
def factory_for(url: str) -> Iterator[sessionmaker[Session]]:
    engine = make_engine(url, poolclass=NullPool)
    try:
        yield make_session_factory(engine)
    finally:
        engine.dispose()


@contextmanager
def unit(
    factory: sessionmaker[Session], account: SignedIn | None = None, *, writes: bool = True
) -> Iterator[Session]:
    with session_scope(factory, writes=writes, account=account) as session:
        yield session


def audit_rows(factory: sessionmaker[Session]) -> list[AuditEvent]:
    with session_scope(factory) as session:
        rows = list(session.scalars(select(AuditEvent).order_by(AuditEvent.id)))
        session.expunge_all()
        return rows
