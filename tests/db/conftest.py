"""Fixtures for the database-safety tests: every test runs on SQLite and, where it makes sense,
on a throwaway PostgreSQL server (started once per session, a fresh database per test).

The PostgreSQL fixtures are self-contained so they can move to tests/conftest.py unchanged.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.pgserver import INSTALL_HINT, PgServer, PgUnavailable, find_bindir


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def _unavailable(reason: str) -> None:
    """Skip on a developer's machine; fail loudly in CI, where PostgreSQL must be installed."""
    message = f"PostgreSQL tests need the server binaries: {reason}. Install: {INSTALL_HINT}"
    if _in_ci():
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    """A PostgreSQL server of our own on a unix socket; stopped and deleted at session end."""
    bindir = find_bindir()
    if bindir is None:
        _unavailable("initdb, pg_ctl and postgres were not found (pg_config, PATH, /usr/lib)")
    assert bindir is not None
    server = PgServer(bindir)
    try:
        server.start()
    except PgUnavailable as exc:
        _unavailable(str(exc))
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def pg_url(pg_server: PgServer) -> Iterator[str]:
    """A fresh, empty database on the session's server, dropped after the test."""
    name = pg_server.create_database()
    yield pg_server.url(name)
    pg_server.drop_database(name)


@pytest.fixture
def pg_tools_on_path(pg_server: PgServer, monkeypatch: pytest.MonkeyPatch) -> None:
    """pg_dump/pg_restore of the server's own version first on PATH (backup.py uses which)."""
    monkeypatch.setenv("PATH", f"{pg_server.bindir}{os.pathsep}{os.environ.get('PATH', '')}")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Whatever uses the server is a `postgres` test, so `-m "not postgres"` leaves it out."""
    for item in items:
        if "pg_server" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.postgres)


# -- both backends -------------------------------------------------------------------------


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def blank_url(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    """An empty database (no file yet on SQLite, an empty database on PostgreSQL)."""
    if backend == "sqlite":
        return f"sqlite:///{tmp_path / 'office.sqlite3'}"
    return str(request.getfixturevalue("pg_url"))


def _prepare_with_bundled_migrations(url: str) -> None:
    from guardian_desk.db.migrate import prepare_database

    with pytest.MonkeyPatch.context() as mp:
        mp.delenv("GUARDIAN_DESK_MIGRATIONS", raising=False)
        prepare_database(url)


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file migrated once per session; tests get copies (WAL folded in on close)."""
    path = tmp_path_factory.mktemp("template") / "office.sqlite3"
    _prepare_with_bundled_migrations(f"sqlite:///{path}")
    assert not path.with_name(path.name + "-wal").exists()
    return path


@pytest.fixture(scope="session")
def pg_template(pg_server: PgServer) -> str:
    """A PostgreSQL database migrated once per session; tests get copies (CREATE ... TEMPLATE)."""
    name = pg_server.create_database()
    _prepare_with_bundled_migrations(pg_server.url(name))
    return name


@pytest.fixture
def sqlite_db(sqlite_template: Path, tmp_path: Path) -> str:
    """A SQLite database at the head: ``<tmp_path>/office.sqlite3``."""
    path = tmp_path / "office.sqlite3"
    shutil.copyfile(sqlite_template, path)
    return f"sqlite:///{path}"


@pytest.fixture
def pg_db(pg_server: PgServer, pg_template: str) -> Iterator[str]:
    """A PostgreSQL database at the head, dropped after the test."""
    name = pg_server.create_database(template=pg_template)
    yield pg_server.url(name)
    pg_server.drop_database(name)


@pytest.fixture
def db(backend: str, request: pytest.FixtureRequest) -> str:
    """A database migrated to the head, empty but for the settings row, on each backend."""
    return str(request.getfixturevalue("sqlite_db" if backend == "sqlite" else "pg_db"))
