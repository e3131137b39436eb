"""The core calls the main window makes on the worker, importing the core only there.

Importing SQLAlchemy, Alembic and the models takes about a second; done here, on the worker
thread, it no longer delays the window's first paint.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable

    from sqlalchemy import Engine
    from sqlalchemy.orm import Session

    from guardian_desk.db.migrate import DatabaseStatus
    from guardian_desk.services.home import HomeSummary


def open_database(url: str, engine: Callable[[], Engine] | None = None) -> DatabaseStatus | str:
    """Check, back up and upgrade the database; "encrypted" when it needs a sign-in first.
    ``engine``: the window's own, for a server's check (its first connection then serves
    the first screens too, instead of a connection and a first look of its own, some ten
    round trips)."""
    from guardian_desk.db.engine import sqlite_path
    from guardian_desk.db.migrate import prepare_database
    from guardian_desk.paths import backup_dir
    from guardian_desk.security.encrypted_files import is_encrypted_url

    if is_encrypted_url(url):
        return "encrypted"
    shared = engine() if engine is not None and sqlite_path(url) is None else None
    # The day's backup runs later, beside the officer's work (daily_backup below); a backup
    # before an upgrade is still taken here, first.
    return prepare_database(url, backup_folder=backup_dir(), engine=shared)


FIRST_SCREENS = (
    "guardian_desk.db.models",
    "guardian_desk.services.overview",
    "guardian_desk.services.registry_pages",
    "guardian_desk.domain.languages",
    "guardian_desk.services.home",
)


def import_first_screens() -> None:
    """The modules the first screens run on the worker and the reader (the schema's mappings,
    configured: 50 ms of the first query otherwise; the overview's, the registries' and the
    home page's services: about 0.3 s of Python in all), in the order the screens need them,
    ahead on a thread that would otherwise wait for a server's answers."""
    from importlib import import_module

    from sqlalchemy.orm import configure_mappers

    for name in FIRST_SCREENS:
        import_module(name)
        if name == "guardian_desk.db.models":
            configure_mappers()


def daily_backup(url: str, key: bytes | None) -> str | None:
    """Today's backup of a SQLite database when none was taken yet (on its own thread, not
    the worker's: the window is usable meanwhile). The backup's file name, or None."""
    from guardian_desk.db.migrate import daily_backup_due, take_backup
    from guardian_desk.paths import backup_dir

    folder = backup_dir()
    if not daily_backup_due(url, folder):
        return None
    return take_backup(url, folder, key=key).name


def unlock_and_sign_in(url: str, username: str, password: str) -> tuple[bytes | None, Any]:
    """An encrypted database: the account's key slot opens it, then the account signs in."""
    from guardian_desk.db.engine import make_engine, make_session_factory, session_scope
    from guardian_desk.db.migrate import prepare_database
    from guardian_desk.paths import backup_dir
    from guardian_desk.security.signing_in import sign_in
    from guardian_desk.security.unlocking import open_key

    key = open_key(url, username, password)
    prepare_database(url, backup_folder=backup_dir(), key=key)
    engine = make_engine(url, key=key, actor="sign-in")
    try:
        with session_scope(make_session_factory(engine), writes=True) as session:
            return key, sign_in(session, username, password)
    finally:
        engine.dispose()


def overview(session: Session, task: Any) -> dict[str, Any]:
    from guardian_desk.services.overview import overview as office

    return office(session)


def home_summary(session: Session, task: Any) -> HomeSummary:
    """The home page's lists; the early warnings' counts come next (warning_counts)."""
    from guardian_desk.services.home import home_summary as summary

    return summary(session, warnings=False)


def warning_counts(session: Session, task: Any) -> tuple[tuple[str, int], ...]:
    from guardian_desk.services.early_warning import warning_counts as counted

    return tuple((str(kind), count) for kind, count in counted(session).items())


def child_of_visit(session: Session, visit_id: int) -> int | None:
    from guardian_desk.services.listing import child_of_visit as find

    return find(session, visit_id)
