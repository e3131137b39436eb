"""Alembic environment: batch mode on SQLite, type comparison on, one transaction per run.

The app passes its own open connection (config.attributes["connection"]) so that the upgrade
and its checks share one transaction; the `alembic` command line opens one here instead.
"""

from __future__ import annotations

import os

from alembic import context
from sqlalchemy.pool import NullPool

from guardian_desk.db.base import UTCDateTime
from guardian_desk.db.engine import make_engine, resolve_url
from guardian_desk.db.models import Base

config = context.config
target_metadata = Base.metadata


def _configure(connection: object) -> None:
    context.configure(
        connection=connection,  # type: ignore[arg-type]
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",  # type: ignore[attr-defined]
        compare_type=True,
        compare_server_default=False,
        render_item=_render_item,
    )


def _render_item(type_: str, obj: object, autogen_context: object) -> str | bool:
    """Migrations use plain SQLAlchemy types so they never import the app's own."""
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False


def run_offline() -> None:
    context.configure(
        url=config.get_main_option("sqlalchemy.url"),
        target_metadata=target_metadata,
        literal_binds=True,
        render_as_batch=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _configure(connection)
        with context.begin_transaction():
            context.run_migrations()
        return
    url = config.get_main_option("sqlalchemy.url") or resolve_url(
        os.environ.get("GUARDIAN_DESK_DB")
    )
    engine = make_engine(url, foreign_keys=False, poolclass=NullPool)
    with engine.begin() as own_connection:
        _configure(own_connection)
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
