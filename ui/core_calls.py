"""The core calls the main window makes on the worker, importing the core only there.

Importing SQLAlchemy, Alembic and the models takes about a second; done here, on the worker
thread, it no longer delays the window's first paint.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from guardian_desk.db.migrate import DatabaseStatus
    from guardian_desk.services.home import HomeSummary


def open_database(url: str) -> DatabaseStatus:
    from guardian_desk.db.migrate import prepare_database
    from guardian_desk.paths import backup_dir

    return prepare_database(url, backup_folder=backup_dir(), daily_backup=True)


def overview(session: Session, task: Any) -> dict[str, Any]:
    from guardian_desk.services.overview import overview as office

    return office(session)


def home_summary(session: Session, task: Any) -> HomeSummary:
    from guardian_desk.services.home import home_summary as summary

    return summary(session)


def child_of_visit(session: Session, visit_id: int) -> int | None:
    from guardian_desk.services.listing import child_of_visit as find

    return find(session, visit_id)
