"""Encryption at rest: the file, its -wal and backups hold no name; a wrong key opens nothing."""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import Engine, exc, func, select, text

from guardian_desk.db.backup import backup_database
from guardian_desk.db.encryption import EncryptionError, database_key, encrypt_database
from guardian_desk.db.engine import make_engine, make_session_factory, session_scope
from guardian_desk.db.migrate import alembic_config, head_revision, prepare_database
from guardian_desk.db.models import Child
from guardian_desk.db.restore import RestoreRefused, restore_database
from guardian_desk.domain.errors import DatabaseRefused
from guardian_desk.security.keyslots import WrongCredentials, is_encrypted, keys_path
from guardian_desk.services import children
from tests.core import factories

NAME = "Zephyrine"  # distinctive: found in a file's bytes only if stored in the clear
FAMILY = "Quillbottom"
ACCOUNT = {"amira": "correct horse battery"}


def _names_in(path: Path) -> list[str]:
    data = path.read_bytes()
    return [
        word
        for word in (NAME, FAMILY)
        for encoding in ("utf-8", "utf-16-le", "utf-16-be")
        if word.encode(encoding) in data
    ]


def _add_child(engine: Engine, given_name: str = NAME) -> None:
    with session_scope(make_session_factory(engine), writes=True) as session:
        children.create_child(session, factories.child(given_name=given_name, family_name=FAMILY))


def _count(engine: Engine) -> int:
    with make_session_factory(engine)() as session:
        return int(session.scalar(select(func.count()).select_from(Child)) or 0)


@pytest.fixture
def encrypted(tmp_path: Path) -> Iterator[tuple[str, bytes]]:
    """An office database with one child, encrypted; the key as sign-in unlocks it."""
    url = f"sqlite:///{tmp_path / 'office.sqlite3'}"
    prepare_database(url)
    engine = make_engine(url)
    _add_child(engine, given_name="Before")
    engine.dispose()
    encrypt_database(url, ACCOUNT, backup_folder=tmp_path / "backups")
    key = database_key(url, "amira", ACCOUNT["amira"])
    assert key is not None
    yield url, key


def test_names_never_reach_the_disk_in_the_clear(
    encrypted: tuple[str, bytes], tmp_path: Path
) -> None:
    url, key = encrypted
    db = tmp_path / "office.sqlite3"
    engine = make_engine(url, key=key)
    try:
        _add_child(engine)
        wal = db.with_name(db.name + "-wal")
        assert wal.stat().st_size > 0  # the new child is in the -wal until a checkpoint
        backup = backup_database(url, tmp_path / "copies" / "office-copy.sqlite3", key=key)
        files = [db, wal, backup, keys_path(db), keys_path(backup)]
        assert {f: _names_in(f) for f in files} == {f: [] for f in files}
        assert _count(engine) == 2
    finally:
        engine.dispose()
    assert _names_in(db) == []
    reopened = make_engine(url, key=database_key(url, "amira", ACCOUNT["amira"]))
    assert _count(reopened) == 2  # the backup opens with the same key: checked via restore below
    reopened.dispose()


def test_wrong_password_or_key_opens_nothing(encrypted: tuple[str, bytes], tmp_path: Path) -> None:
    url, _ = encrypted
    db = tmp_path / "office.sqlite3"
    with pytest.raises(WrongCredentials):
        database_key(url, "amira", "wrong horse")
    plain = sqlite3.connect(db)
    with pytest.raises(sqlite3.DatabaseError, match="not a database"):
        plain.execute("SELECT count(*) FROM sqlite_master").fetchone()
    plain.close()
    wrong = make_engine(url, key=bytes(32))
    with pytest.raises(exc.DatabaseError):
        _count(wrong)
    wrong.dispose()
    with pytest.raises(DatabaseRefused, match="is encrypted: sign in"):
        prepare_database(url)  # no key: refused in words, the file untouched


def test_encrypting_keeps_every_row_and_refuses_twice(
    encrypted: tuple[str, bytes], tmp_path: Path
) -> None:
    url, key = encrypted
    db = tmp_path / "office.sqlite3"
    assert is_encrypted(db)
    assert not db.with_name(db.name + ".encrypting").exists()
    if os.name != "nt":  # owner only, the database and its key slots
        assert (
            stat.S_IMODE(db.stat().st_mode) == stat.S_IMODE(keys_path(db).stat().st_mode) == 0o600
        )
    engine = make_engine(url, key=key)
    assert _count(engine) == 1
    with engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
    engine.dispose()
    with pytest.raises(EncryptionError, match="already encrypted"):
        encrypt_database(url, ACCOUNT, backup_folder=tmp_path / "backups")


def test_encrypt_refuses_while_the_database_is_open_elsewhere(tmp_path: Path) -> None:
    import subprocess
    import sys

    url = f"sqlite:///{tmp_path / 'office.sqlite3'}"
    prepare_database(url)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sqlite3, sys, time; c = sqlite3.connect(sys.argv[1]); "
            "c.execute('SELECT 1 FROM children').fetchall(); print('open', flush=True); "
            "time.sleep(30)",
            str(tmp_path / "office.sqlite3"),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "open\n"
        with pytest.raises(EncryptionError, match="open in another Guardian Desk"):
            encrypt_database(url, ACCOUNT, backup_folder=tmp_path / "backups", lock_timeout=0)
    finally:
        holder.kill()
        holder.wait()
    assert not is_encrypted(tmp_path / "office.sqlite3")
    assert not keys_path(tmp_path / "office.sqlite3").exists()


def test_migrations_run_on_an_encrypted_database(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'office.sqlite3'}"
    engine = make_engine(url, foreign_keys=False)
    with engine.begin() as connection:
        config = alembic_config(url)
        config.attributes["connection"] = connection
        command.upgrade(config, "4d2e3f5a6b71")  # before the accounts
    engine.dispose()
    encrypt_database(url, ACCOUNT, backup_folder=tmp_path / "backups")
    key = database_key(url, "amira", ACCOUNT["amira"])
    status = prepare_database(url, backup_folder=tmp_path / "backups", key=key)
    assert status.revision == "4d2e3f5a6b71"
    engine = make_engine(url, key=key)
    with engine.connect() as connection:
        version = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
        assert version == head_revision()
    engine.dispose()
    upgrade_backups = [
        found for found in (tmp_path / "backups").iterdir() if not found.name.endswith(".keys")
    ]
    encrypted_ones = [found for found in upgrade_backups if is_encrypted(found)]
    assert len(encrypted_ones) == 1  # the backup before the upgrade: encrypted, with its slots


def test_encrypted_backup_restores_and_plain_backup_is_encrypted_on_the_way_in(
    encrypted: tuple[str, bytes], tmp_path: Path
) -> None:
    url, key = encrypted
    engine = make_engine(url, key=key)
    backup = backup_database(url, tmp_path / "copies" / "one-child.sqlite3", key=key)
    _add_child(engine)
    assert _count(engine) == 2
    engine.dispose()
    restore_database(url, backup, backup_folder=tmp_path / "backups", key=key)
    engine = make_engine(url, key=key)
    assert _count(engine) == 1
    engine.dispose()
    assert _names_in(tmp_path / "office.sqlite3") == []

    plain_url = f"sqlite:///{tmp_path / 'plain.sqlite3'}"
    prepare_database(plain_url)
    plain = make_engine(plain_url)
    _add_child(plain)
    _add_child(plain, given_name="Third")
    plain.dispose()
    restore_database(url, tmp_path / "plain.sqlite3", backup_folder=tmp_path / "backups", key=key)
    engine = make_engine(url, key=key)
    assert _count(engine) == 2
    engine.dispose()
    db = tmp_path / "office.sqlite3"
    assert is_encrypted(db) and _names_in(db) == []

    with pytest.raises(RestoreRefused, match="encrypted and this database is not"):
        restore_database(plain_url, backup, backup_folder=tmp_path / "backups")
    encrypt_database(plain_url, ACCOUNT, backup_folder=tmp_path / "backups")
    other_key = database_key(plain_url, "amira", ACCOUNT["amira"])
    other = backup_database(plain_url, tmp_path / "copies" / "other.sqlite3", key=other_key)
    with pytest.raises(RestoreRefused, match="another database's key"):
        restore_database(url, other, backup_folder=tmp_path / "backups", key=key)
