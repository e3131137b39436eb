"""Engines and units of work for SQLite (one office PC) and PostgreSQL (a shared server)."""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from guardian_desk.db.lock_holders import postgres_lock_holders, sqlite_lock_holders
from guardian_desk.db.urls import ENV_VAR, describe, resolve_url
from guardian_desk.domain.errors import DatabaseBusy, DatabaseRefused, ValidationError
from guardian_desk.i18n import _
from guardian_desk.security.roles import ACCOUNT_KEY, SignedIn

__all__ = [
    "ENV_VAR",
    "describe",
    "make_engine",
    "make_session_factory",
    "resolve_url",
    "session_scope",
    "sqlite_path",
]
SQLITE_BUSY = 5
SQLITE_BUSY_SNAPSHOT = 517  # SQLITE_BUSY | (2 << 8)
PG_LOCK_NOT_AVAILABLE = "55P03"
LOCK_TIMEOUT_VAR = "GUARDIAN_DESK_LOCK_TIMEOUT"
DEFAULT_LOCK_TIMEOUT = 15.0  # seconds a writer waits for another officer's transaction
WRITE_OPTION = "guardian_desk_writes"  # execution option: this unit of work writes
KEY_INFO = "guardian_desk_key"  # connection info: the SQLCipher key it was opened with


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


def lock_timeout_seconds(value: float | str | None = None) -> float:
    """How long a writer waits for a lock: the given value, else the environment, else 15 s."""
    chosen = value if value is not None else os.environ.get(LOCK_TIMEOUT_VAR)
    if chosen is None or chosen == "":
        return DEFAULT_LOCK_TIMEOUT
    try:
        seconds = float(chosen)
    except ValueError:
        raise ValidationError(
            LOCK_TIMEOUT_VAR, chosen, _("is not a number of seconds (for example 15)")
        ) from None
    if not 0 <= seconds <= 3600:
        raise ValidationError(LOCK_TIMEOUT_VAR, chosen, _("must be between 0 and 3600 seconds"))
    return seconds


def _configure_sqlite(engine: Engine, *, foreign_keys: bool, lock_timeout: float) -> None:
    """WAL, FULL sync, foreign keys, and transactional DDL (pysqlite autocommits DDL otherwise).

    A unit of work that writes begins with BEGIN IMMEDIATE: it takes the write lock first and
    so can wait for another writer (busy_timeout). A plain BEGIN that has read and then writes
    gets SQLITE_BUSY at once under another writer, whatever busy_timeout says.
    """

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves, below
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute(f"PRAGMA foreign_keys={'ON' if foreign_keys else 'OFF'}")
        cursor.execute(f"PRAGMA busy_timeout={int(lock_timeout * 1000)}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        writes = connection.get_execution_options().get(WRITE_OPTION, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if writes else "BEGIN")

    @event.listens_for(engine, "handle_error")
    def _on_error(context: Any) -> None:
        error = context.original_exception
        code = getattr(error, "sqlite_errorcode", None)
        if code == SQLITE_BUSY_SNAPSHOT:
            raise SnapshotConflict(
                "another connection changed the database since this transaction read it"
            ) from error
        if code == SQLITE_BUSY:
            path = sqlite_path(str(engine.url)) or ":memory:"
            raise DatabaseBusy(path, lock_timeout, sqlite_lock_holders(path)) from None


def _key_first(engine: Engine, key: bytes) -> None:
    """PRAGMA key before any other statement on every new connection (SQLCipher).

    The key stays out of the URL (which reaches logs and Alembic's config) and the plain
    dialect keeps its pool; insert=True runs this ahead of the WAL and busy_timeout pragmas.
    """
    from guardian_desk.db.cipher import apply_key

    @event.listens_for(engine, "connect", insert=True)
    def _on_connect_key(dbapi_connection: Any, record: Any) -> None:
        apply_key(dbapi_connection, key)
        record.info[KEY_INFO] = key  # the accounts' key slots need it (security/slots.py)


def _configure_postgres(engine: Engine, *, lock_timeout: float) -> None:
    @event.listens_for(engine, "handle_error")
    def _on_error(context: Any) -> None:
        if getattr(context.original_exception, "sqlstate", None) == PG_LOCK_NOT_AVAILABLE:
            where = describe(engine.url.render_as_string(hide_password=True))
            raise DatabaseBusy(where, lock_timeout, postgres_lock_holders(engine)) from None


def app_name(actor: str) -> str:
    """What pg_stat_activity shows for our sessions: the account and the PC."""
    return f"guardian-desk {actor}@{socket.gethostname()}"[:63]


def _postgres_driver_installed() -> None:
    """PostgreSQL's driver is the optional ``postgres`` extra; say so instead of a traceback."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        raise DatabaseRefused(
            # TRANSLATORS: keep the command in quotes as it is.
            _(
                "This installation cannot reach a PostgreSQL server: its driver is missing. "
                "Install it with \"pip install 'guardian-desk[postgres]'\", or use the Windows "
                "installer, which includes it."
            )
        ) from None


def make_engine(
    url: str,
    *,
    foreign_keys: bool = True,
    lock_timeout: float | None = None,
    actor: str = "system",
    key: bytes | None = None,
    **kwargs: Any,
) -> Engine:
    """An engine for ``url``; with ``key``, a SQLite file is opened with SQLCipher and that key."""
    seconds = lock_timeout_seconds(lock_timeout)
    # An error's text never carries a statement's parameters (children's names among them).
    kwargs.setdefault("hide_parameters", True)
    if make_url(url).get_backend_name() == "postgresql":
        _postgres_driver_installed()
        # Named sessions: who holds a lock is visible to the officer who waits for it.
        kwargs["connect_args"] = {
            "application_name": app_name(actor),
            "options": f"-c lock_timeout={int(seconds * 1000)}",
            **kwargs.get("connect_args", {}),
        }
        # No hstore columns: without this SQLAlchemy asks the server for the type at every
        # engine's first connection (20 ms 5 ms away, on the way to the first screen).
        kwargs.setdefault("use_native_hstore", False)
    encrypted = key is not None and make_url(url).get_backend_name() == "sqlite"
    if encrypted:
        from guardian_desk.db.cipher import cipher_module

        kwargs["module"] = cipher_module()  # the pysqlite dialect, the SQLCipher driver
    engine = create_engine(url, **kwargs)
    if encrypted:
        assert key is not None
        _key_first(engine, key)
    if engine.dialect.name == "sqlite":
        _configure_sqlite(engine, foreign_keys=foreign_keys, lock_timeout=seconds)
    elif engine.dialect.name == "postgresql":
        _configure_postgres(engine, lock_timeout=seconds)
    return engine


def read_without_snapshot(session: Session) -> None:
    """Let a reading unit's statements each see the latest data, without a transaction around
    them, on a PostgreSQL server: its BEGIN and COMMIT are two round trips of the four a
    registry's search takes (5 ms each over an office network). For reads whose statements
    need not agree with each other (a registry's order, then its rows); call it first.
    SQLite's reads are local and keep their snapshot."""
    if session.get_bind().dialect.name == "postgresql":
        session.connection(execution_options={"isolation_level": "AUTOCOMMIT"})


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def session_scope(
    factory: sessionmaker[Session],
    *,
    actor: str = "system",
    writes: bool = False,
    account: SignedIn | None = None,
) -> Iterator[Session]:
    """One unit of work: committed once at the end, rolled back whole on any error.

    ``account`` is who signed in: the services check its role and the audit rows name it.
    Without one (tests, benchmarks), ``actor`` names the audit rows and the unit acts as the
    system. ``writes`` takes SQLite's write
    lock at the start (BEGIN IMMEDIATE), so the unit waits for another writer instead of
    failing half way; reading units leave it off and never wait.
    """
    session = factory()
    if account is not None:  # the signed-in account: audit rows name it, services check it
        session.info[ACCOUNT_KEY] = account
        actor = account.username
    session.info["actor"] = actor
    try:
        if writes:
            session.connection(execution_options={WRITE_OPTION: True})
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
