"""`guardian-desk db encrypt` and `db new-recovery` through the command line's main()."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from guardian_desk import cli
from guardian_desk.security.keyslots import (
    WrongCredentials,
    is_encrypted,
    keys_path,
    unlock,
    unlock_with_recovery,
)
from tests.signed_in import TEST_PASSWORD, TEST_USER

PASSPHRASE = re.compile(r"^    ([2-9A-Z]{5}(?:-[2-9A-Z]{5}){5})$", re.MULTILINE)


def test_db_encrypt_prints_the_recovery_passphrase_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "office.sqlite3"
    assert cli.main(["--db", str(db), "db", "status"]) == 0
    assert cli.main(["--db", str(db), "db", "encrypt"]) == 0
    out = capsys.readouterr().out
    found = PASSPHRASE.findall(out)
    assert len(found) == 1
    assert is_encrypted(db)
    key = unlock(keys_path(db), TEST_USER, TEST_PASSWORD)
    assert unlock_with_recovery(keys_path(db), found[0]) == key
    assert "keep it in the office safe" in out

    assert cli.main(["--db", str(db), "db", "new-recovery"]) == 0
    fresh = PASSPHRASE.findall(capsys.readouterr().out)
    assert len(fresh) == 1 and fresh != found
    assert unlock_with_recovery(keys_path(db), fresh[0]) == key
    with pytest.raises(WrongCredentials):
        unlock_with_recovery(keys_path(db), found[0])


def test_db_encrypt_twice_is_refused_in_words(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "office.sqlite3"
    assert cli.main(["--db", str(db), "db", "encrypt"]) == 0
    capsys.readouterr()
    before = db.read_bytes()
    assert cli.main(["--db", str(db), "db", "encrypt"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "encrypted" in err
    assert db.read_bytes() == before
