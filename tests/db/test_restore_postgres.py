"""A PostgreSQL restore takes only a Guardian Desk archive, checked in a scratch database."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from guardian_desk.db.backup import backup_database
from guardian_desk.db.engine import session_scope
from guardian_desk.db.migrate import head_revision, prepare_database
from guardian_desk.db.restore import RestoreRefused, restore_database
from guardian_desk.db.restore_pg import parse_toc, toc_problem
from guardian_desk.services import children
from tests.core import factories
from tests.db.data import add_future_migration, fill_office, sessions, snapshot
from tests.db.test_refuse import execute, pg_dump_text
from tests.pgserver import PgServer

pytestmark = pytest.mark.usefixtures("pg_tools_on_path")


def databases(server: PgServer) -> set[str]:
    with server.admin_connect() as connection:
        rows = connection.execute("SELECT datname FROM pg_database").fetchall()
    return {row[0] for row in rows}


def dump(server: PgServer, url: str, destination: Path) -> Path:
    """A plain pg_dump archive, as another program's administrator would make it."""
    subprocess.run(
        [
            server.tool("pg_dump"),
            "--format=custom",
            f"--host={server.socket_dir}",
            "--username=postgres",
            f"--dbname={make_url(url).database}",
            f"--file={destination}",
        ],
        check=True,
        capture_output=True,
    )
    return destination


def assert_refused(server: PgServer, db: str, source: Path, backups: Path, part: str) -> None:
    before, names = pg_dump_text(server, db), databases(server)
    with pytest.raises(RestoreRefused) as refused:
        restore_database(db, source, backup_folder=backups)
    assert part in str(refused.value)
    assert "The current database has not been changed" in str(refused.value)
    assert pg_dump_text(server, db) == before
    assert databases(server) == names  # no scratch database left behind


def test_a_guardian_desk_archive_restores(pg_server: PgServer, pg_db: str, tmp_path: Path) -> None:
    fill_office(pg_db)
    before = snapshot(pg_db)
    archive = backup_database(pg_db, tmp_path / "office.dump")
    with sessions(pg_db) as factory, session_scope(factory) as s:
        children.create_child(s, factories.child(given_name="Registered after the backup"))
    names = databases(pg_server)

    done = restore_database(pg_db, archive, backup_folder=tmp_path / "backups")

    assert snapshot(pg_db) == before
    assert done.revision == head_revision() and done.safety_backup is not None
    assert done.safety_backup.read_bytes().startswith(b"PGDMP")
    assert databases(pg_server) == names
    assert sorted(p.name for p in (tmp_path / "backups").iterdir()) == [done.safety_backup.name]


def test_another_programs_dump_is_refused_and_nothing_added(
    pg_server: PgServer, pg_db: str, pg_url: str, tmp_path: Path
) -> None:
    """Before: pg_restore added the other program's tables to the office database."""
    execute(pg_url, "CREATE TABLE invoices (id serial PRIMARY KEY, total numeric)")
    execute(pg_url, "INSERT INTO invoices (total) VALUES (12.5)")
    archive = dump(pg_server, pg_url, tmp_path / "shop.dump")

    assert_refused(
        pg_server,
        pg_db,
        archive,
        tmp_path / "b",
        "not a Guardian Desk database (it holds invoices)",
    )


def test_our_archive_with_a_foreign_table_added_is_refused(
    pg_server: PgServer, pg_db: str, tmp_path: Path
) -> None:
    theirs = backup_database(pg_db, tmp_path / "mine.dump")
    restore_database(pg_db, theirs, backup_folder=tmp_path / "b")  # a fresh copy to spoil
    execute(pg_db, "CREATE TABLE invoices (id serial PRIMARY KEY)")
    spoiled = dump(pg_server, pg_db, tmp_path / "spoiled.dump")
    execute(pg_db, "DROP TABLE invoices")

    assert_refused(pg_server, pg_db, spoiled, tmp_path / "b", "not Guardian Desk's (invoices)")


def test_a_sqlite_file_or_a_damaged_archive_is_refused(
    pg_server: PgServer, pg_db: str, sqlite_db: str, tmp_path: Path
) -> None:
    sqlite_file = Path(sqlite_db.removeprefix("sqlite:///"))
    assert_refused(pg_server, pg_db, sqlite_file, tmp_path / "b", "not a PostgreSQL backup")
    archive = backup_database(pg_db, tmp_path / "office.dump").read_bytes()
    cut = tmp_path / "cut.dump"
    cut.write_bytes(archive[: len(archive) // 2])
    assert_refused(pg_server, pg_db, cut, tmp_path / "b", "the backup is damaged")


def test_the_table_of_contents_names_what_a_backup_never_holds() -> None:
    listing = """;
; Archive created at 2026-12-06 15:30:39 UTC
226; 1259 16460 TABLE public absences postgres
3605; 0 16460 TABLE DATA public absences postgres
3454; 1417 16800 SERVER - remote postgres
227; 1259 16801 FOREIGN TABLE public remote_children postgres
"""
    entries = parse_toc(listing)
    assert [(e.kind, e.name) for e in entries][:2] == [
        ("TABLE", "absences"),
        ("TABLE DATA", "absences"),
    ]
    assert toc_problem(entries[:2]) is None
    assert (
        toc_problem(entries)
        == "it contains a SERVER (remote), which a Guardian Desk backup never holds"
    )
    assert "FOREIGN TABLE (remote_children)" in str(toc_problem(entries[3:]))
    other_schema = parse_toc("230; 1259 1 TABLE billing invoices postgres")
    assert toc_problem(other_schema) == (
        "it contains objects in the schema billing, which Guardian Desk does not use"
    )


ADD_COLUMN = """
op.add_column("children", sa.Column("x", sa.String(10), nullable=True))
"""


def test_an_older_archive_is_upgraded_in_the_scratch_database(
    pg_db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill_office(pg_db)
    before = snapshot(pg_db)
    archive = backup_database(pg_db, tmp_path / "office.dump")
    old_head, new_head = add_future_migration(tmp_path, monkeypatch, ADD_COLUMN)
    prepare_database(pg_db)  # the office is already at the new version's schema

    done = restore_database(pg_db, archive, backup_folder=tmp_path / "b")

    assert (done.revision, done.head) == (old_head, new_head)
    after = snapshot(pg_db)
    assert after.pop("alembic_version") == [(new_head,)]
    before.pop("alembic_version")
    assert after == before


@pytest.fixture
def clerk_url(pg_server: PgServer) -> Iterator[str]:
    """A database owned by a role that may not create databases (no scratch database)."""
    name = f"clerk_{pg_server.create_database()}"
    with pg_server.admin_connect() as connection:
        connection.execute("CREATE ROLE clerk LOGIN NOCREATEDB NOSUPERUSER")
        connection.execute(f'CREATE DATABASE "{name}" OWNER clerk')
    try:
        yield pg_server.url(name).replace("postgres@", "clerk@")
    finally:
        with pg_server.admin_connect() as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            connection.execute("DROP ROLE clerk")


def test_without_createdb_the_table_of_contents_and_one_transaction_guard_it(
    pg_server: PgServer, clerk_url: str, pg_url: str, tmp_path: Path
) -> None:
    prepare_database(clerk_url)
    fill_office(clerk_url)
    before = snapshot(clerk_url)
    archive = backup_database(clerk_url, tmp_path / "office.dump")
    with sessions(clerk_url) as factory, session_scope(factory) as s:
        children.create_child(s, factories.child(given_name="Registered after the backup"))

    restore_database(clerk_url, archive, backup_folder=tmp_path / "b")
    assert snapshot(clerk_url) == before

    execute(pg_url, "CREATE TABLE invoices (id serial PRIMARY KEY)")
    other = dump(pg_server, pg_url, tmp_path / "shop.dump")
    assert_refused(pg_server, clerk_url, other, tmp_path / "b", "not a Guardian Desk database")
