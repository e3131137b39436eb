"""Engines and units of work for SQLite (one office PC) and PostgreSQL (a shared server)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from guardian_desk.db.urls import ENV_VAR, describe, resolve_url

__all__ = [
    "ENV_VAR",
    "describe",
    "make_engine",
    "make_session_factory",
    "resolve_url",
    "session_scope",
    "sqlite_path",
]
SQLITE_BUSY_SNAPSHOT = 517  # SQLITE_BUSY | (2 << 8)


class SnapshotConflict(StaleDataError):
    """SQLite refused a write: another connection committed since this transaction read.

    In WAL mode a transaction that has read cannot write once another connection has
    committed (SQLITE_BUSY_SNAPSHOT; waiting does not help). For optimistic locking that is
    the same as an UPDATE matching no row, so it is raised as a StaleDataError, which the
    services turn into a ConflictError rather than "database is locked".
    """


def sqlite_path(url: str) -> str | None:
    """The file of a SQLite URL, or None for a server or an in-memory database."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return None
    database = parsed.database or ""
    return None if database in ("", ":memory:") else database


def _configure_sqlite(engine: Engine, *, foreign_keys: bool) -> None:
    """WAL, FULL sync, foreign keys, and transactional DDL (pysqlite autocommits DDL otherwise)."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves, below
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute(f"PRAGMA foreign_keys={'ON' if foreign_keys else 'OFF'}")
        cursor.execute("PRAGMA busy_timeout=10000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN")

    @event.listens_for(engine, "handle_error")
    def _on_error(context: Any) -> None:
        error = context.original_exception
        if getattr(error, "sqlite_errorcode", None) == SQLITE_BUSY_SNAPSHOT:
            raise SnapshotConflict(
                "another connection changed the database since this transaction read it"
            ) from error


def make_engine(url: str, *, foreign_keys: bool = True, **kwargs: Any) -> Engine:
    engine = create_engine(url, **kwargs)
    if engine.dialect.name == "sqlite":
        _configure_sqlite(engine, foreign_keys=foreign_keys)
    return engine


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def session_scope(factory: sessionmaker[Session], *, actor: str = "system") -> Iterator[Session]:
    """One unit of work: committed once at the end, rolled back whole on any error.

    ``actor`` is who the audit rows written in this unit name.
    """
    session = factory()
    session.info["actor"] = actor
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
