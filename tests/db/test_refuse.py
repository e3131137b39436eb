"""What is not ours, or is newer than us, is refused and left exactly as it was."""

from __future__ import annotations

import sqlite3
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from guardian_desk.db.engine import make_engine, sqlite_path
from guardian_desk.db.migrate import (
    DatabaseState,
    ensure_openable,
    head_revision,
    inspect_database,
    prepare_database,
)
from guardian_desk.domain.errors import DatabaseRefused
from tests.db.data import NEWER_REVISION, folder_state
from tests.pgserver import PgServer


def pg_dump_text(server: PgServer, url: str) -> str:
    """The whole database as SQL text: equal dumps, equal databases."""
    name = make_url(url).database
    result = subprocess.run(
        [
            server.tool("pg_dump"),
            "--no-owner",
            f"--host={server.socket_dir}",
            "--username=postgres",
            f"--dbname={name}",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    # pg_dump 15.14+ frames its output in \restrict <random key> ... \unrestrict <key>.
    return "".join(
        line
        for line in result.stdout.splitlines(keepends=True)
        if not line.startswith(("\\restrict ", "\\unrestrict "))
    )


def execute(url: str, *statements: str) -> None:
    engine = make_engine(url, poolclass=NullPool)
    try:
        with engine.begin() as connection:
            for statement in statements:
                connection.execute(text(statement))
    finally:
        engine.dispose()


# -- a database written by a newer version -----------------------------------------------


def test_newer_sqlite_database_is_refused_untouched(sqlite_db: str, tmp_path: Path) -> None:
    db = sqlite_db
    path = Path(sqlite_path(db) or "")
    execute(db, f"UPDATE alembic_version SET version_num = '{NEWER_REVISION}'")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["office.sqlite3"]  # WAL folded in
    before = folder_state(tmp_path)

    with pytest.raises(DatabaseRefused) as refused:
        ensure_openable(db)
    with pytest.raises(DatabaseRefused):
        prepare_database(db, backup_folder=tmp_path / "backups")

    message = str(refused.value)
    assert str(path) in message
    assert "newer version of Guardian Desk" in message
    assert NEWER_REVISION in message and head_revision() in message
    assert "has not been changed" in message
    # Same bytes, same mtime, and no -wal/-shm or backup appeared beside it.
    assert folder_state(tmp_path) == before
    status = inspect_database(db)
    assert (status.state, status.revision) == (DatabaseState.NEWER, NEWER_REVISION)


def test_newer_postgres_database_is_refused_untouched(
    pg_server: PgServer, pg_db: str, tmp_path: Path
) -> None:
    pg_url = pg_db
    execute(pg_url, f"UPDATE alembic_version SET version_num = '{NEWER_REVISION}'")
    before = pg_dump_text(pg_server, pg_url)
    assert NEWER_REVISION in before

    with pytest.raises(DatabaseRefused, match=r"newer version.*not been changed") as refused:
        prepare_database(pg_url, backup_folder=tmp_path / "backups")

    assert "postgresql://" in str(refused.value) and "test_" in str(refused.value)
    assert pg_dump_text(pg_server, pg_url) == before
    assert not (tmp_path / "backups").exists()


# -- files and databases of other programs -------------------------------------------------


def _text(path: Path) -> None:
    path.write_text("given_name,family_name\nAhmad,Rahimi\n", encoding="utf-8")


def _png(path: Path) -> None:
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 16)


def _sqlite_of(journal_mode: str) -> Callable[[Path], None]:
    def build(path: Path) -> None:
        connection = sqlite3.connect(path)
        connection.execute(f"PRAGMA journal_mode={journal_mode}")
        connection.execute("CREATE TABLE foo (id INTEGER PRIMARY KEY, bar TEXT)")
        connection.execute("INSERT INTO foo (bar) VALUES ('keep me')")
        connection.commit()
        connection.close()

    return build


def _ours_without_version(path: Path) -> None:
    connection = sqlite3.connect(path)
    for table in ("children", "guardians", "office_settings"):
        connection.execute(f"CREATE TABLE {table} (id INTEGER PRIMARY KEY)")
    connection.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)")
    connection.commit()
    connection.close()


def _damaged(path: Path) -> None:
    path.write_bytes(b"SQLite format 3\x00" + b"\x10\x00\x01\x01" + b"\xab" * 4076)


def _folder(path: Path) -> None:
    path.mkdir()
    (path / "notes.txt").write_text("not a database")


FOREIGN = {
    "text-file": (_text, "is not a SQLite database file"),
    "png-image": (_png, "is not a SQLite database file"),
    "other-program-sqlite": (_sqlite_of("DELETE"), "tables of another program (foo)"),
    "other-program-sqlite-wal": (_sqlite_of("WAL"), "tables of another program (foo)"),
    "ours-without-version": (_ours_without_version, "it has no schema version"),
    "damaged-sqlite": (_damaged, "SQLite cannot read it"),
    "folder": (_folder, "it is a folder"),
}


@pytest.mark.parametrize("kind", FOREIGN)
def test_a_foreign_file_is_refused_untouched(kind: str, tmp_path: Path) -> None:
    build, reason = FOREIGN[kind]
    folder = tmp_path / "chosen"
    folder.mkdir()
    path = folder / "office.sqlite3"
    build(path)
    url = f"sqlite:///{path}"
    before = folder_state(folder)
    inside = folder_state(path) if path.is_dir() else None

    with pytest.raises(DatabaseRefused) as refused:
        ensure_openable(url)
    with pytest.raises(DatabaseRefused):
        prepare_database(url, backup_folder=folder / "backups")

    message = str(refused.value)
    assert message.startswith(f"{path} is not a Guardian Desk database")
    assert reason in message
    assert "has not been changed" in message
    # Not a byte, not an mtime, and no -wal/-shm/-journal or backups folder appeared.
    assert folder_state(folder) == before
    if inside is not None:
        assert folder_state(path) == inside


def test_a_zero_length_file_becomes_a_new_database(tmp_path: Path) -> None:
    """An empty file is what some tools leave when asked for a 'new file': it is taken as a
    new database, created in place (there is nothing in it to lose)."""
    path = tmp_path / "office.sqlite3"
    path.touch()
    url = f"sqlite:///{path}"

    found = prepare_database(url, backup_folder=tmp_path / "backups")

    assert found.state is DatabaseState.EMPTY
    assert inspect_database(url).state is DatabaseState.CURRENT
    assert path.stat().st_size > 0
    assert not (tmp_path / "backups").exists()  # nothing worth backing up


def test_a_foreign_postgres_database_is_refused_untouched(pg_server: PgServer, pg_url: str) -> None:
    execute(pg_url, "CREATE TABLE foo (id integer PRIMARY KEY)", "INSERT INTO foo VALUES (1)")
    before = pg_dump_text(pg_server, pg_url)

    with pytest.raises(DatabaseRefused, match=r"tables of another program \(foo\)"):
        prepare_database(pg_url)

    assert pg_dump_text(pg_server, pg_url) == before
