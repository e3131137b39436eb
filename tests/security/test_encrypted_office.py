"""An encrypted office from the command line: every account opens it with its own password.

The account's key slot unlocks the database before anything is read; creating, resetting,
changing and suspending accounts keep the slots in step with the passwords.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from guardian_desk import cli
from guardian_desk.security.keyslots import WRONG_CREDENTIALS, is_encrypted, keys_path, slot_names
from guardian_desk.security.unlocking import _failures
from tests.signed_in import TEST_PASSWORD, TEST_USER

NEW_PASSWORD = "another long password"


@pytest.fixture
def office(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    db = tmp_path / "office.sqlite3"
    assert cli.main(["--db", str(db), "db", "encrypt"]) == 0
    assert is_encrypted(db)
    capsys.readouterr()
    _failures.clear()
    return db


def as_user(monkeypatch: pytest.MonkeyPatch, user: str, password: str) -> None:
    monkeypatch.setenv("GUARDIAN_DESK_USER", user)
    monkeypatch.setenv("GUARDIAN_DESK_PASSWORD", password)


def test_commands_run_on_the_encrypted_database(
    office: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    sample = Path(__file__).resolve().parents[2] / "resources" / "samples" / "facilities.csv"
    assert cli.main(["--db", str(office), "import", "facilities", str(sample)]) == 0
    out = tmp_path / "out.csv"
    assert cli.main(["--db", str(office), "export", "facilities", str(out)]) == 0
    assert "FAC-TIR-01" in out.read_text(encoding="utf-8-sig")
    assert b"Tirana" not in office.read_bytes()  # the file itself stays unreadable


def test_a_new_account_gets_its_own_slot_and_a_suspended_one_loses_it(
    office: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GUARDIAN_DESK_NEW_PASSWORD", NEW_PASSWORD)
    assert (
        cli.main(["--db", str(office), "account", "add", "besa", "--full-name", "Besa Krasniqi"])
        == 0
    ), capsys.readouterr().err
    assert "besa" in slot_names(keys_path(office))
    as_user(monkeypatch, "besa", NEW_PASSWORD)
    monkeypatch.setenv("GUARDIAN_DESK_NEW_PASSWORD", "besa's very own password")
    assert cli.main(["--db", str(office), "account", "passwd"]) == 0, capsys.readouterr().err
    as_user(monkeypatch, "besa", "besa's very own password")
    out = office.parent / "facilities.csv"
    assert cli.main(["--db", str(office), "export", "facilities", str(out)]) == 0
    as_user(monkeypatch, TEST_USER, TEST_PASSWORD)
    assert cli.main(["--db", str(office), "account", "suspend", "besa"]) == 0
    assert "besa" not in slot_names(keys_path(office))
    capsys.readouterr()
    as_user(monkeypatch, "besa", "besa's very own password")
    assert cli.main(["--db", str(office), "db", "backup", str(office.parent / "b.sqlite3")]) == 1
    err = capsys.readouterr().err
    assert err == f"error: {WRONG_CREDENTIALS}\n"


def test_wrong_passwords_pause_the_name_even_before_the_database_opens(
    office: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    as_user(monkeypatch, TEST_USER, "not the password at all")
    for _ in range(5):
        assert cli.main(["--db", str(office), "db", "backup", str(office) + ".b"]) == 1
    capsys.readouterr()
    as_user(monkeypatch, TEST_USER, TEST_PASSWORD)  # even the right one waits now
    assert cli.main(["--db", str(office), "db", "backup", str(office) + ".b"]) == 1
    assert "Too many wrong passwords" in capsys.readouterr().err


def test_only_an_administrator_backs_up_and_the_trail_names_them(
    office: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GUARDIAN_DESK_NEW_PASSWORD", NEW_PASSWORD)
    assert (
        cli.main(
            [
                "--db",
                str(office),
                "account",
                "add",
                "ilir",
                "--full-name",
                "Ilir Berisha",
                "--role",
                "officer",
            ]
        )
        == 0
    ), capsys.readouterr().err
    as_user(monkeypatch, "ilir", NEW_PASSWORD)
    monkeypatch.setenv("GUARDIAN_DESK_NEW_PASSWORD", "ilir's own long password")
    assert cli.main(["--db", str(office), "account", "passwd"]) == 0
    as_user(monkeypatch, "ilir", "ilir's own long password")
    capsys.readouterr()
    backup = office.parent / "backup.sqlite3"
    assert cli.main(["--db", str(office), "db", "backup", str(backup)]) == 1
    assert "need the role administrator" in capsys.readouterr().err
    assert not backup.exists()
    as_user(monkeypatch, TEST_USER, TEST_PASSWORD)
    assert cli.main(["--db", str(office), "db", "backup", str(backup)]) == 0
    assert is_encrypted(backup)


def test_the_recovery_passphrase_gives_a_forgotten_password_back(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import re

    db = tmp_path / "office.sqlite3"
    assert cli.main(["--db", str(db), "db", "encrypt"]) == 0
    passphrase = re.findall(r"^    (\S+)$", capsys.readouterr().out, re.MULTILINE)[0]
    monkeypatch.setenv("GUARDIAN_DESK_NEW_PASSWORD", NEW_PASSWORD)
    monkeypatch.setenv("GUARDIAN_DESK_RECOVERY", "WRONG-WRONG-WRONG")
    assert cli.main(["--db", str(db), "db", "recover", TEST_USER]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "recovery passphrase does not open" in err
    monkeypatch.setenv("GUARDIAN_DESK_RECOVERY", passphrase)
    assert cli.main(["--db", str(db), "db", "recover", TEST_USER]) == 0
    capsys.readouterr()
    as_user(monkeypatch, TEST_USER, NEW_PASSWORD)
    assert cli.main(["--db", str(db), "account", "list"]) == 0
    assert TEST_USER in capsys.readouterr().out
    as_user(monkeypatch, TEST_USER, TEST_PASSWORD)  # the forgotten one no longer works
    assert cli.main(["--db", str(db), "account", "list"]) == 1
