"""A writer waits for another's lock up to a setting, then says who holds it.

Before: transactions began with a plain BEGIN, so SQLite could not wait: another process
holding the write lock made `import` fail at once with "database is locked" and a traceback.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from guardian_desk import cli
from guardian_desk.db.engine import make_engine, session_scope, sqlite_path
from guardian_desk.db.lock_holders import parse_proc_locks
from guardian_desk.db.models import Facility
from guardian_desk.domain.errors import DatabaseBusy
from guardian_desk.paths import resources_dir
from guardian_desk.services import facilities
from tests.core import factories
from tests.db.data import sessions

SAMPLE = resources_dir() / "samples" / "facilities.csv"


@contextmanager
def writer_holding_lock(path: str, seconds: float) -> Iterator[subprocess.Popen[str]]:
    """Another program (plain sqlite3) holding the write lock for ``seconds``."""
    script = textwrap.dedent(
        f"""
        import sqlite3, sys, time
        c = sqlite3.connect({path!r}, isolation_level=None)
        c.execute("BEGIN IMMEDIATE")
        print("locked", flush=True)
        time.sleep({seconds})
        c.execute("COMMIT")
        """
    )
    holder = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "locked"
        yield holder
    finally:
        holder.kill()
        holder.wait()


def facility_count(url: str) -> int:
    with sessions(url) as factory, session_scope(factory) as s:
        return int(s.scalar(select(func.count()).select_from(Facility)) or 0)


def test_import_waits_for_another_writer_and_then_saves(
    sqlite_db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = sqlite_path(sqlite_db)
    assert path is not None
    with writer_holding_lock(path, 2.0):
        status = cli.main(["--db", sqlite_db, "--wait", "20", "import", "facilities", str(SAMPLE)])
    assert status == 0, capsys.readouterr().err
    assert facility_count(sqlite_db) == 4


def test_import_gives_up_after_the_wait_and_names_the_holder(
    sqlite_db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = sqlite_path(sqlite_db)
    assert path is not None
    with writer_holding_lock(path, 60) as holder:
        status = cli.main(["--db", sqlite_db, "--wait", "1", "import", "facilities", str(SAMPLE)])
        err = capsys.readouterr().err
    assert status == 1
    assert err.count("\n") == 1, err  # one line
    assert "is busy" in err and "Nothing was saved" in err
    if Path("/proc/locks").exists():
        assert f"process {holder.pid}" in err
    assert "Traceback" not in err
    assert facility_count(sqlite_db) == 0


def test_a_bad_wait_setting_is_named(
    sqlite_db: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GUARDIAN_DESK_LOCK_TIMEOUT", "forever")
    assert cli.main(["--db", sqlite_db, "import", "facilities", str(SAMPLE)]) == 1
    err = capsys.readouterr().err
    assert "GUARDIAN_DESK_LOCK_TIMEOUT: 'forever' is not a number of seconds" in err


def test_proc_locks_lines_are_read_for_holders_not_waiters() -> None:
    listing = (
        "1: POSIX  ADVISORY  WRITE 4242 08:02:1835009 1073741824 1073742335\n"
        "1: -> POSIX  ADVISORY  WRITE 5151 08:02:1835009 1073741824 1073742335\n"
        "2: POSIX  ADVISORY  READ 777 00:1f:99 128 128\n"
        "3: FLOCK  ADVISORY  WRITE 888 08:02:1835009 0 EOF\n"
    )
    assert parse_proc_locks(listing, {(8, 2, 1835009)}) == [4242, 888]
    assert parse_proc_locks(listing, {(0, 0x1F, 99)}) == [777]


@pytest.mark.postgres
def test_postgres_names_the_officer_who_holds_the_record(pg_db: str) -> None:
    with sessions(pg_db) as factory, session_scope(factory) as s:
        key = facilities.create_facility(s, factories.facility()).id

    holder = make_engine(pg_db, actor="anna")
    held = threading.Event()
    release = threading.Event()

    def hold() -> None:
        with holder.begin() as connection:
            connection.execute(
                text("SELECT id FROM facilities WHERE id = :id FOR UPDATE"), {"id": key}
            )
            held.set()
            release.wait(30)

    thread = threading.Thread(target=hold)
    thread.start()
    try:
        assert held.wait(10)
        waiter = make_engine(pg_db, lock_timeout=1, actor="boris")
        try:
            with pytest.raises(DatabaseBusy) as refused, waiter.begin() as connection:
                connection.execute(
                    text("UPDATE facilities SET notes = 'x' WHERE id = :id"), {"id": key}
                )
        finally:
            waiter.dispose()
    finally:
        release.set()
        thread.join()
        holder.dispose()
    message = str(refused.value)
    assert "guardian-desk anna@" in message
    assert "more than 1 s" in message
