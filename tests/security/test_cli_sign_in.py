"""The command line signs in: from the environment, asked in a terminal, or refused in one line."""

from __future__ import annotations

import io
import sqlite3
from pathlib import Path

import pytest

from guardian_desk import account_commands
from guardian_desk.cli import main
from guardian_desk.paths import resources_dir
from guardian_desk.security.signing_in import WRONG
from tests.signed_in import TEST_PASSWORD, TEST_USER, set_up_for_subprocess

SAMPLE = resources_dir() / "samples" / "facilities.csv"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def trail(database: Path) -> list[tuple[str, str, str]]:
    with sqlite3.connect(database) as connection:
        return connection.execute(
            "SELECT actor, entity, action FROM audit_events ORDER BY id"
        ).fetchall()


def test_scripts_sign_in_from_the_environment_and_the_audit_names_them(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    database = tmp_path / "office.sqlite3"
    code, out, err = run(capsys, "--db", str(database), "import", "facilities", str(SAMPLE))
    assert (code, err) == (0, ""), err
    actors = {actor for actor, entity, _ in trail(database) if entity == "facility"}
    assert actors == {TEST_USER}
    code, out, _ = run(capsys, "--db", str(database), "account", "list")
    assert code == 0 and out.split()[:3] == [TEST_USER, "administrator", "active"]


def test_a_new_office_is_told_to_run_setup(
    bare_office: None, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    database = tmp_path / "office.sqlite3"
    code, out, err = run(capsys, "--db", str(database), "import", "facilities", str(SAMPLE))
    assert (code, out) == (1, "")
    assert err == (
        "error: This office has no account yet: run `guardian-desk setup` (or start the app) "
        "to create the administrator.\n"
    )
    code, out, _ = run(capsys, "--db", str(database), "db", "status")  # no sign-in needed
    assert code == 0 and "state:     current" in out


def test_setup_then_the_administrator_signs_in(
    bare_office: None,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    database = tmp_path / "office.sqlite3"
    monkeypatch.setenv(account_commands.PASSWORD_VAR, "office password 1")
    setup = ["setup", "--office-name", "Tirana Office", "--country", "AL", "--time-zone"]
    admin = ["--username", "ana", "--full-name", "Ana Hoxha", "--title", "Head of office"]
    code, out, err = run(capsys, "--db", str(database), *setup, "Europe/Tirane", *admin)
    assert (code, err) == (0, "") and out == "Office set up; ana is its administrator.\n"
    code, _, err = run(capsys, "--db", str(database), *setup, "Europe/Tirane", *admin)
    assert code == 1 and "This office is already set up" in err

    monkeypatch.setenv(account_commands.USER_VAR, "ana")
    code, out, err = run(capsys, "--db", str(database), "import", "facilities", str(SAMPLE))
    assert (code, err) == (0, "")
    assert ("ana", "office_settings", "set_up") in trail(database)


def test_without_a_terminal_or_the_environment_it_says_so_in_one_line(
    bare_office: None, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    database = tmp_path / "office.sqlite3"
    set_up_for_subprocess(f"sqlite:///{database}")  # a database that has its administrator
    code, out, err = run(capsys, "--db", str(database), "export", "facilities", "f.csv")
    assert (code, out) == (1, "")
    assert err == (
        "error: Sign-in needed: set GUARDIAN_DESK_USER and GUARDIAN_DESK_PASSWORD, or run the "
        "command in a terminal to be asked.\n"
    )


def test_in_a_terminal_it_asks(
    bare_office: None,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    database = tmp_path / "office.sqlite3"
    set_up_for_subprocess(f"sqlite:///{database}")
    asked: list[str] = []
    monkeypatch.setattr(account_commands, "_interactive", lambda: True)
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{TEST_USER}\n"))

    def getpass(prompt: str) -> str:
        asked.append(prompt)
        return TEST_PASSWORD

    monkeypatch.setattr(account_commands.getpass, "getpass", getpass)
    code, out, err = run(capsys, "--db", str(database), "account", "list")
    assert code == 0 and TEST_USER in out
    assert err == "User name: " and asked == ["Password: "]


def test_bad_credentials_are_one_line_and_exit_1_and_pause_after_five(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    database = tmp_path / "office.sqlite3"
    assert run(capsys, "--db", str(database), "account", "list")[0] == 0  # set up
    monkeypatch.setenv(account_commands.PASSWORD_VAR, "not the password")
    errors = [run(capsys, "--db", str(database), "account", "list") for _ in range(5)]
    assert {(code, out) for code, out, _ in errors} == {(1, "")}
    assert all(err.count("\n") == 1 and err.startswith(f"error: {WRONG}") for *_, err in errors)
    assert "wait 30 seconds" in errors[-1][2]
    monkeypatch.setenv(account_commands.USER_VAR, "nobody")
    assert run(capsys, "--db", str(database), "account", "list")[2] == f"error: {WRONG}\n"
    failed = [a for a in trail(database) if a[2] == "sign_in_failed"]
    assert len(failed) == 6


def test_the_actor_option_is_refused(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "--db", str(tmp_path / "o.sqlite3"), "--actor", "x", "db", "status")
    assert code == 2 and "--actor is no longer used" in err


def test_accounts_from_the_command_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = ["--db", str(tmp_path / "office.sqlite3")]
    monkeypatch.setenv(account_commands.NEW_PASSWORD_VAR, "first password 1")
    code, out, err = run(capsys, *db, "account", "add", "besa", "--full-name", "Besa Krasniqi")
    assert (code, err) == (0, "") and out.startswith("Account besa (officer) created")

    monkeypatch.setenv(account_commands.USER_VAR, "besa")
    monkeypatch.setenv(account_commands.PASSWORD_VAR, "first password 1")
    code, _, err = run(capsys, *db, "export", "facilities", str(tmp_path / "f.csv"))
    assert code == 1 and err == f"error: {account_commands.MUST_CHANGE}\n"
    monkeypatch.setenv(account_commands.NEW_PASSWORD_VAR, "besa's own pass")
    assert run(capsys, *db, "account", "passwd") == (0, "Your password is changed.\n", "")
    monkeypatch.setenv(account_commands.PASSWORD_VAR, "besa's own pass")
    code, _, err = run(capsys, *db, "account", "list")  # an officer: refused, naming the role
    assert code == 1 and "you need the role administrator" in err

    monkeypatch.setenv(account_commands.USER_VAR, TEST_USER)
    monkeypatch.setenv(account_commands.PASSWORD_VAR, TEST_PASSWORD)
    assert run(capsys, *db, "account", "suspend", "besa")[1] == "Account besa is suspended.\n"
    monkeypatch.setenv(account_commands.NEW_PASSWORD_VAR, "temporary pass 2")
    assert run(capsys, *db, "account", "reset-password", "besa")[0] == 0
    monkeypatch.setenv(account_commands.USER_VAR, "besa")
    monkeypatch.setenv(account_commands.PASSWORD_VAR, "temporary pass 2")
    code, _, err = run(capsys, *db, "account", "passwd")
    assert code == 1 and "This account is suspended" in err
