"""kill -9 during `db encrypt` loses nothing: the plain file with all rows, or the encrypted one.

Twenty conversions are killed at random moments (a subprocess, os.kill after a random delay
spread over the conversion's measured length), and six more exactly at each step boundary.
After each, the database opens either plain or, with the account's password, encrypted, and
holds every row; a plain survivor can be encrypted again (the leftovers are cleared).
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from guardian_desk.db.cipher import cipher_connect
from guardian_desk.db.engine import make_engine, make_session_factory, session_scope
from guardian_desk.db.migrate import prepare_database
from guardian_desk.security.keyslots import is_encrypted, keys_path, unlock
from guardian_desk.services import children
from tests.core import factories

PASSWORD = "kill nine survivor"
CHILDREN = 150
ROOT = Path(__file__).resolve().parents[2]
SCRIPT = """
import os, sys
from pathlib import Path
from guardian_desk.db import encryption
crash_at, _, nth = os.environ.get("CRASH_AT", "").partition("#")
owner = os if crash_at == "replace" else encryption
if crash_at:
    real = getattr(owner, crash_at)
    calls = []
    def crash(*args, **kwargs):
        real(*args, **kwargs)
        calls.append(1)
        if len(calls) == int(nth or 1):
            os._exit(9)
    setattr(owner, crash_at, crash)
print("ready", flush=True)
sys.stdin.readline()
encryption.encrypt_database(
    "sqlite:///" + sys.argv[1], {"amira": sys.argv[2]}, backup_folder=Path(sys.argv[3])
)
print("done", flush=True)
"""


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("template")
    url = f"sqlite:///{folder / 'office.sqlite3'}"
    prepare_database(url)
    engine = make_engine(url)
    with session_scope(make_session_factory(engine), writes=True) as session:
        for number in range(CHILDREN):
            children.create_child(session, factories.child(given_name=f"Child{number}"))
    engine.dispose()
    return folder / "office.sqlite3"


def _start(db: Path, crash_at: str = "") -> subprocess.Popen[str]:
    env = {**os.environ, "CRASH_AT": crash_at, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(
        [sys.executable, "-c", SCRIPT, str(db), PASSWORD, str(db.parent / "backups")],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
        cwd=ROOT,
    )
    assert process.stdout is not None and process.stdout.readline() == "ready\n"
    return process


def _go(process: subprocess.Popen[str]) -> None:
    assert process.stdin is not None
    process.stdin.write("go\n")
    process.stdin.flush()


def _children_in(db: Path) -> tuple[str, int]:
    """How the database opens now, and how many children it holds."""
    if is_encrypted(db):
        key = unlock(keys_path(db), "amira", PASSWORD)
        connection = cipher_connect(db, key)
        state = "encrypted"
    else:
        connection = sqlite3.connect(db)
        state = "plain"
    try:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return state, int(connection.execute("SELECT count(*) FROM children").fetchone()[0])
    finally:
        connection.close()


def _fresh(template: Path, folder: Path) -> Path:
    folder.mkdir()
    db = folder / template.name
    shutil.copyfile(template, db)
    return db


def _survives(db: Path) -> str:
    state, count = _children_in(db)
    assert count == CHILDREN, f"{state} database holds {count} children, not {CHILDREN}"
    if state == "plain":  # and it can still be encrypted: the leftovers do not block it
        process = _start(db)
        _go(process)
        assert process.wait(timeout=120) == 0
        assert _children_in(db) == ("encrypted", CHILDREN)
    return state


def test_kill_9_at_random_moments_loses_nothing(template: Path, tmp_path: Path) -> None:
    db = _fresh(template, tmp_path / "measure")
    process = _start(db)
    started = time.perf_counter()
    _go(process)
    assert process.wait(timeout=120) == 0
    length = time.perf_counter() - started
    outcomes = []
    rng = random.Random(20261206)
    for trial in range(20):
        db = _fresh(template, tmp_path / f"trial{trial}")
        process = _start(db)
        _go(process)
        time.sleep(rng.uniform(0, length * 1.1))
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=60)
        outcomes.append(_survives(db))
    assert len(outcomes) == 20


@pytest.mark.parametrize(
    ("crash_at", "expected"),
    [
        ("backup_database", "plain"),
        ("_export", "plain"),
        ("_verify", "plain"),
        ("_fsync", "plain"),
        ("create_slots", "plain"),  # the slots beside a plain file are ignored
        ("replace#1", "plain"),  # the backup's rename
        ("replace#2", "plain"),  # the slots file's rename
        ("replace#3", "encrypted"),  # the database's rename: the commit point
    ],
)
def test_kill_at_each_step_boundary(
    template: Path, tmp_path: Path, crash_at: str, expected: str
) -> None:
    db = _fresh(template, tmp_path / "db")
    process = _start(db, crash_at)
    _go(process)
    assert process.wait(timeout=120) == 9
    assert _survives(db) == expected
