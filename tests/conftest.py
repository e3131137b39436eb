"""Shared fixtures: a fresh, migrated database for every test (Vorta's habit)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.orm import Session, sessionmaker

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def _isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No test touches the real user's data folder or database."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("GUARDIAN_DESK_HOME", str(home))
    monkeypatch.delenv("GUARDIAN_DESK_DB", raising=False)


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    from guardian_desk.db.migrate import prepare_database

    url = f"sqlite:///{tmp_path / 'test.sqlite3'}"
    prepare_database(url)
    return url


@pytest.fixture
def factory(db_url: str) -> Iterator[sessionmaker[Session]]:
    from guardian_desk.db.engine import make_engine, make_session_factory

    engine = make_engine(db_url)
    yield make_session_factory(engine)
    engine.dispose()


@pytest.fixture
def session(factory: sessionmaker[Session]) -> Iterator[Session]:
    """A session whose work is committed at the end of the test if it did not fail."""
    from guardian_desk.db.engine import session_scope

    with session_scope(factory, actor="test-officer") as s:
        yield s


@pytest.fixture(autouse=True)
def _cheap_password_hashing() -> Iterator[None]:
    """argon2id at its smallest cost: the tests hash hundreds of passwords.

    The production parameters are checked in tests/security/test_passwords.py.
    """
    from argon2 import PasswordHasher, Type

    from guardian_desk.security import passwords

    previous = passwords.use_hasher(
        PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1, type=Type.ID)
    )
    yield
    passwords.use_hasher(previous)


@pytest.fixture
def bare_office() -> None:
    """Ask for this to see the command line as a new office sees it: no account, no sign-in."""


@pytest.fixture(autouse=True)
def _signed_in_command_line(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The command line signs in as the test administrator (tests/signed_in.py).

    A command that finds a database with no account sets the office up with that
    administrator first, as `guardian-desk setup` would, and then signs in with the password.
    """
    from guardian_desk import account_commands
    from tests.signed_in import TEST_PASSWORD, TEST_USER, set_up_test_office

    for name in (account_commands.USER_VAR, account_commands.PASSWORD_VAR):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.delenv(account_commands.NEW_PASSWORD_VAR, raising=False)
    if "bare_office" in request.fixturenames:
        return
    monkeypatch.setenv(account_commands.USER_VAR, TEST_USER)
    monkeypatch.setenv(account_commands.PASSWORD_VAR, TEST_PASSWORD)
    monkeypatch.setattr(account_commands, "_office_without_account", set_up_test_office)
