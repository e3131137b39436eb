"""Key slots: every account opens the one database key; nothing else does."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from guardian_desk.security import keyslots
from guardian_desk.security.keyslots import (
    WRONG_CREDENTIALS,
    KeySlotError,
    WrongCredentials,
    add_slot,
    create_slots,
    is_encrypted,
    keys_path,
    new_database_key,
    new_recovery,
    remove_slot,
    rewrap,
    slot_names,
    unlock,
    unlock_with_recovery,
)


@pytest.fixture
def slots(tmp_path: Path) -> tuple[Path, bytes, str]:
    key = new_database_key()
    path = keys_path(tmp_path / "office.sqlite3")
    recovery = create_slots(path, key, {"amira": "first pass", "Jonas": "second pass"})
    return path, key, recovery


def test_each_account_unlocks_the_same_key(slots: tuple[Path, bytes, str]) -> None:
    path, key, _ = slots
    assert unlock(path, "amira", "first pass") == key
    assert unlock(path, "jonas", "second pass") == key  # user names are not case-sensitive
    assert slot_names(path) == ["amira", "jonas"]


def test_wrong_password_and_unknown_user_get_the_same_words(
    slots: tuple[Path, bytes, str],
) -> None:
    path, _, _ = slots
    with pytest.raises(WrongCredentials) as wrong:
        unlock(path, "amira", "second pass")
    with pytest.raises(WrongCredentials) as unknown:
        unlock(path, "nobody", "first pass")
    assert str(wrong.value) == str(unknown.value) == WRONG_CREDENTIALS


def test_slot_cannot_be_moved_to_another_name(slots: tuple[Path, bytes, str]) -> None:
    """The user name is bound into each slot: copying Amira's slot to Jonas opens nothing."""
    path, _, _ = slots
    data = json.loads(path.read_text())
    data["slots"]["jonas"] = data["slots"]["amira"]
    path.write_text(json.dumps(data))
    with pytest.raises(WrongCredentials):
        unlock(path, "jonas", "first pass")


def test_password_change_rewraps_one_slot(slots: tuple[Path, bytes, str]) -> None:
    path, key, _ = slots
    before = json.loads(path.read_text())
    rewrap(path, "amira", "first pass", "a new pass")
    after = json.loads(path.read_text())
    assert unlock(path, "amira", "a new pass") == key
    with pytest.raises(WrongCredentials):
        unlock(path, "amira", "first pass")
    assert after["slots"]["jonas"] == before["slots"]["jonas"]
    assert after["recovery"] == before["recovery"]
    with pytest.raises(WrongCredentials):
        rewrap(path, "jonas", "wrong", "anything")


def test_recovery_passphrase_opens_and_can_be_replaced(slots: tuple[Path, bytes, str]) -> None:
    path, key, recovery = slots
    assert len(recovery.split("-")) == 6
    assert unlock_with_recovery(path, recovery.lower().replace("-", " ")) == key
    fresh = new_recovery(path, key)
    assert unlock_with_recovery(path, fresh) == key
    with pytest.raises(WrongCredentials):
        unlock_with_recovery(path, recovery)


def test_administrator_adds_and_removes_slots(slots: tuple[Path, bytes, str]) -> None:
    path, key, _ = slots
    add_slot(path, key, "Lena", "lena pass")
    assert unlock(path, "lena", "lena pass") == key
    add_slot(path, key, "lena", "reset pass")  # a reset replaces the slot
    assert unlock(path, "lena", "reset pass") == key
    remove_slot(path, "lena")
    with pytest.raises(WrongCredentials):
        unlock(path, "lena", "reset pass")
    with pytest.raises(KeySlotError, match="another database key"):
        add_slot(path, new_database_key(), "mallory", "x")  # would wrap a key that opens nothing


def test_slots_file_holds_no_key_and_only_the_owner_reads_it(
    slots: tuple[Path, bytes, str],
) -> None:
    path, key, recovery = slots
    text = path.read_text()
    for secret in (key.hex(), "first pass", recovery, recovery.replace("-", "")):
        assert secret not in text
    if os.name != "nt":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert not list(path.parent.glob("*.partial"))


def test_missing_or_foreign_slots_file_is_named(tmp_path: Path) -> None:
    missing = tmp_path / "gone.sqlite3.keys"
    with pytest.raises(KeySlotError, match=r"gone\.sqlite3\.keys is missing"):
        unlock(missing, "amira", "x")
    missing.write_text("{}")
    with pytest.raises(KeySlotError, match="not a Guardian Desk key slots file"):
        unlock(missing, "amira", "x")


def test_is_encrypted_needs_a_foreign_header_and_the_slots(tmp_path: Path) -> None:
    db = tmp_path / "office.sqlite3"
    assert not is_encrypted(db)  # no file
    db.write_bytes(keyslots.SQLITE_MAGIC + bytes(100))
    keys_path(db).write_text("{}")
    assert not is_encrypted(db)  # plain file, stale slots: a conversion that was interrupted
    db.write_bytes(os.urandom(4096))
    assert is_encrypted(db)
    keys_path(db).unlink()
    assert not is_encrypted(db)
