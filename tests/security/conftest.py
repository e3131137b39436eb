"""The database fixtures of tests/db (SQLite and a throwaway PostgreSQL server), shared here."""

from __future__ import annotations

import pytest

from tests.db.conftest import (  # noqa: F401 (fixtures)
    backend,
    db,
    pg_db,
    pg_server,
    pg_template,
    pg_url,
    sqlite_db,
    sqlite_template,
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "pg_server" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.postgres)
