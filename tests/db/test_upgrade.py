"""Upgrading a database that holds data: nothing lost, and a failed upgrade changes nothing."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.exc import IntegrityError
from sqlalchemy.pool import NullPool

from guardian_desk.db.engine import make_engine, session_scope, sqlite_path
from guardian_desk.db.migrate import (
    DatabaseState,
    alembic_config,
    inspect_database,
    prepare_database,
)
from guardian_desk.domain.errors import DatabaseRefused
from guardian_desk.domain.records import Companion
from guardian_desk.services import children
from tests.core import factories
from tests.db.data import add_future_migration, counts, fill_office, sessions, snapshot

# On SQLite the batch RECREATES `children` (create copy, copy rows, DROP, rename), as it must
# for most changes other than a plain added column (recreate="auto" would use ADD COLUMN for
# this one, so it is forced here). With foreign keys on, that DROP cascades into
# child_languages, child_siblings and accompanying_adults. PostgreSQL just ALTERs the table.
ADD_COLUMN_TO_CHILDREN = """
recreate = "always" if op.get_bind().dialect.name == "sqlite" else "auto"
with op.batch_alter_table("children", recreate=recreate) as b:
    b.add_column(sa.Column("x", sa.String(10), nullable=True))
"""


def columns(url: str, table: str) -> set[str]:
    engine = make_engine(url, poolclass=NullPool)
    try:
        return {c["name"] for c in sa_inspect(engine).get_columns(table)}
    finally:
        engine.dispose()


def tables(url: str) -> set[str]:
    engine = make_engine(url, poolclass=NullPool)
    try:
        return set(sa_inspect(engine).get_table_names())
    finally:
        engine.dispose()


def foreign_key_problems(path: str) -> list[tuple[object, ...]]:
    connection = sqlite3.connect(path)
    try:
        return connection.execute("PRAGMA foreign_key_check").fetchall()
    finally:
        connection.close()


def test_upgrade_keeps_every_row(db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fill_office(db)
    before = snapshot(db)
    assert all(before.values()), f"every table should hold rows: {counts(before)}"
    old_head, new_head = add_future_migration(tmp_path, monkeypatch, ADD_COLUMN_TO_CHILDREN)
    backups = tmp_path / "backups"

    found = prepare_database(db, backup_folder=backups)

    assert (found.state, found.revision) == (DatabaseState.OUTDATED, old_head)
    assert inspect_database(db).state is DatabaseState.CURRENT
    after = snapshot(db)
    assert after.pop("alembic_version") == [(new_head,)]
    assert before.pop("alembic_version") == [(old_head,)]
    assert counts(after) == counts(before)
    assert after == before  # not only as many rows: the same rows, value for value
    assert "x" in columns(db, "children")
    path = sqlite_path(db)
    if path is None:
        assert not backups.exists()  # server databases are backed up by pg_dump, not here
        return
    assert foreign_key_problems(path) == []
    # The timestamped copy taken before the upgrade opens as ours, at the old revision.
    [backup] = list(backups.iterdir())
    assert re.fullmatch(r"office-\d{8}-\d{6}-\d{6}\.sqlite3", backup.name)
    backup_url = f"sqlite:///{backup}"
    status = inspect_database(backup_url)
    assert (status.state, status.revision) == (DatabaseState.OUTDATED, old_head)
    assert counts(snapshot(backup_url)) == counts(before) | {"alembic_version": 1}
    assert "x" not in columns(backup_url, "children")


def test_the_trap_is_real_with_foreign_keys_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Why upgrade_database turns foreign keys off on SQLite: with them on, the same
    migration silently deletes the children's languages and companions."""
    url = f"sqlite:///{tmp_path / 'office.sqlite3'}"
    prepare_database(url)
    with sessions(url) as factory, session_scope(factory) as s:
        first = children.create_child(s, factories.child())
        children.create_child(
            s,
            factories.child(
                sibling_case_numbers=[first.case_number],
                accompanying_adults=[Companion("Karim Rahimi", "uncle")],
            ),
        )
    before = counts(snapshot(url))
    assert (before["child_languages"], before["child_siblings"]) == (2, 1)
    assert before["accompanying_adults"] == 1
    add_future_migration(tmp_path, monkeypatch, ADD_COLUMN_TO_CHILDREN)

    engine = make_engine(url, foreign_keys=True, poolclass=NullPool)
    try:
        with engine.begin() as connection:
            config = alembic_config(url)
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    finally:
        engine.dispose()

    after = counts(snapshot(url))
    assert after["children"] == 2
    # Lost without a word: what test_upgrade_keeps_every_row guards against.
    assert (after["child_languages"], after["child_siblings"], after["accompanying_adults"]) == (
        0,
        0,
        0,
    )


@pytest.mark.parametrize(
    "failure",
    [
        pytest.param("raise RuntimeError('migration bug')", id="raises"),
        pytest.param(
            'op.execute("UPDATE office_settings SET caseload_cap = 0")', id="violates-check"
        ),
    ],
)
def test_a_failing_migration_rolls_back_whole(
    db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failure: str
) -> None:
    fill_office(db)
    before = snapshot(db)
    tables_before = tables(db)
    old_head, _ = add_future_migration(
        tmp_path, monkeypatch, ADD_COLUMN_TO_CHILDREN + "\n" + failure
    )

    with pytest.raises((RuntimeError, IntegrityError)):
        prepare_database(db, backup_folder=tmp_path / "backups")

    status = inspect_database(db)
    assert (status.state, status.revision) == (DatabaseState.OUTDATED, old_head)
    assert "x" not in columns(db, "children")
    assert tables(db) == tables_before  # no _alembic_tmp_children left behind
    assert snapshot(db) == before
    path = sqlite_path(db)
    if path is not None:
        assert foreign_key_problems(path) == []
        # The copy taken before the attempt is there too, for the officer's peace of mind.
        [backup] = list((tmp_path / "backups").iterdir())
        assert inspect_database(f"sqlite:///{backup}").revision == old_head


def test_a_migration_leaving_dangling_references_is_refused(
    db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Facilities deleted while children still point at them: SQLite (foreign keys off during
    the upgrade) is caught by the foreign_key_check; PostgreSQL refuses the DELETE itself."""
    fill_office(db)
    before = snapshot(db)
    old_head, _ = add_future_migration(
        tmp_path, monkeypatch, ADD_COLUMN_TO_CHILDREN + '\nop.execute("DELETE FROM facilities")'
    )

    if sqlite_path(db) is not None:
        with pytest.raises(DatabaseRefused, match=r"pointing at missing.*nothing was changed"):
            prepare_database(db)
    else:
        with pytest.raises(IntegrityError, match="foreign key"):
            prepare_database(db)

    status = inspect_database(db)
    assert (status.state, status.revision) == (DatabaseState.OUTDATED, old_head)
    assert "x" not in columns(db, "children")
    assert snapshot(db) == before
