"""The test office's administrator: who the command-line tests sign in as.

tests/conftest.py gives every test GUARDIAN_DESK_USER/PASSWORD for this account and, where a
command finds a database nobody has set up, sets the office up with it (through
``set_up_office``, as `guardian-desk setup` would). Tests that call a command's ``run``
themselves pass ``TEST_ADMIN`` as ``args.account``.
"""

from __future__ import annotations

from sqlalchemy.orm import Session, sessionmaker

from guardian_desk.security.roles import Role, SignedIn

TEST_USER = "test-admin"
TEST_PASSWORD = "test password, long enough"
TEST_ADMIN = SignedIn(TEST_USER, "Test Administrator", Role.ADMINISTRATOR, "Head of office")


def set_up_test_office(factory: sessionmaker[Session]) -> SignedIn:
    """The first-start set-up, done with the test administrator."""
    from guardian_desk.db.engine import session_scope
    from guardian_desk.security.accounts import NewAccount, OfficeSetUp, set_up_office

    with session_scope(factory, writes=True) as session:
        return set_up_office(
            session,
            OfficeSetUp("Test Office", "AL", "Europe/Tirane", "en"),
            NewAccount(TEST_USER, TEST_ADMIN.full_name, TEST_ADMIN.title),
            TEST_PASSWORD,
        )


def set_up_for_subprocess(url: str) -> None:
    """Set the office up with the production argon2id cost, for a command run in another process.

    That process hashes at the production cost, so a cheap test hash would be renewed at its
    first sign-in: a write a test of an unchanged (or read-only) database must not see.
    """
    from argon2 import PasswordHasher
    from sqlalchemy.pool import NullPool

    from guardian_desk.db.engine import make_engine, make_session_factory
    from guardian_desk.db.migrate import prepare_database
    from guardian_desk.security import passwords

    prepare_database(url)
    previous = passwords.use_hasher(PasswordHasher())
    engine = make_engine(url, poolclass=NullPool)
    try:
        set_up_test_office(make_session_factory(engine))
    finally:
        engine.dispose()
        passwords.use_hasher(previous)
