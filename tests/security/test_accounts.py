"""The office set-up and the administrator's work with accounts, on SQLite and PostgreSQL."""

from __future__ import annotations

import threading
import time

import pytest
from sqlalchemy import select, text

from guardian_desk.db.models import Account, OfficeSettings
from guardian_desk.domain.errors import (
    PermissionDenied,
    RuleViolation,
    ValidationError,
    ValidationErrors,
)
from guardian_desk.security import accounts
from guardian_desk.security.accounts import NewAccount, OfficeSetUp
from guardian_desk.security.roles import Role, SignedIn
from guardian_desk.security.signing_in import sign_in
from tests.security.helpers import OFFICE_PASSWORD, audit_rows, factory_for, unit

OFFICE = OfficeSetUp("Tirana Guardianship Office", "al", "Europe/Tirane", "sq")
ADMIN = NewAccount("Ana.Hoxha", "Ana Hoxha", "Head of office")


def set_up(url: str) -> SignedIn:
    with factory_for(url) as factory, unit(factory) as session:
        return accounts.set_up_office(session, OFFICE, ADMIN, OFFICE_PASSWORD)


def test_the_first_start_sets_up_the_office_and_its_administrator(db: str) -> None:
    with factory_for(db) as factory:
        with unit(factory) as session:
            assert accounts.office_needs_set_up(session)
        admin = set_up(db)
        assert admin == SignedIn("ana.hoxha", "Ana Hoxha", Role.ADMINISTRATOR, "Head of office", 1)
        with unit(factory) as session:
            assert not accounts.office_needs_set_up(session)
            office = session.get(OfficeSettings, 1)
            assert office is not None
            assert (office.organisation_name, office.country, office.time_zone) == (
                "Tirana Guardianship Office",
                "AL",
                "Europe/Tirane",
            )
            assert office.language == "sq" and office.set_up_at is not None
            stored = session.scalars(select(Account)).one()
        trail = audit_rows(factory)
    assert stored.password_hash.startswith("$argon2id$")
    row_text = " ".join(str(getattr(stored, c.key)) for c in Account.__table__.columns)
    assert OFFICE_PASSWORD not in row_text
    assert [(r.actor, r.entity, r.action) for r in trail] == [
        ("ana.hoxha", "office_settings", "set_up"),
        ("ana.hoxha", "account", "create"),
    ]
    assert all(OFFICE_PASSWORD not in str(r.after) and "argon2" not in str(r.after) for r in trail)


def test_the_set_up_happens_once_only(db: str) -> None:
    set_up(db)
    with (
        pytest.raises(RuleViolation, match="already set up"),
        factory_for(db) as factory,
        unit(factory) as session,
    ):
        accounts.set_up_office(
            session, OFFICE, NewAccount("intruder", "Someone Else"), OFFICE_PASSWORD
        )


def test_the_set_up_names_every_wrong_field_at_once(db: str) -> None:
    with (
        factory_for(db) as factory,
        unit(factory) as session,
        pytest.raises(ValidationErrors) as refused,
    ):
        accounts.set_up_office(
            session,
            OfficeSetUp("", "ZZ", "Europe/Atlantis", "klingon!"),
            NewAccount("Ana Hoxha", ""),
            "short",
        )
    assert [e.field for e in refused.value.errors] == [
        "office_name",
        "country",
        "time_zone",
        "language",
        "username",
        "full_name",
        "password",
    ]
    assert "is not a time zone name such as Europe/Tirane" in str(refused.value)


def test_two_set_ups_racing_on_postgresql_one_wins(pg_db: str) -> None:
    """The second waits for the first's row lock on office_settings, then claims nothing."""
    outcome: dict[str, BaseException | None] = {}
    with factory_for(pg_db) as factory:
        first = factory()
        accounts.set_up_office(first, OFFICE, ADMIN, OFFICE_PASSWORD)  # not committed yet

        def second() -> None:
            try:
                with unit(factory) as session:
                    accounts.set_up_office(
                        session, OFFICE, NewAccount("besa", "Besa Krasniqi"), OFFICE_PASSWORD
                    )
                outcome["second"] = None
            except BaseException as exc:  # reported below
                outcome["second"] = exc

        racer = threading.Thread(target=second)
        racer.start()
        with factory() as watcher:  # wait until the second is blocked on the lock
            for _ in range(600):
                waiting = watcher.scalar(
                    text(
                        "SELECT count(*) FROM pg_stat_activity "
                        "WHERE datname = current_database() AND wait_event_type = 'Lock'"
                    )
                )
                if waiting:
                    break
                watcher.rollback()  # pg_stat_activity is read once per transaction
                time.sleep(0.05)
        first.commit()
        first.close()
        racer.join(60)
        with unit(factory) as session:
            names = list(session.scalars(select(Account.username)))
    assert isinstance(outcome["second"], RuleViolation)
    assert names == ["ana.hoxha"]


def admin_of(url: str) -> SignedIn:
    return set_up(url)


def test_accounts_are_created_listed_and_a_taken_name_refused(db: str) -> None:
    admin = admin_of(db)
    with factory_for(db) as factory:
        with unit(factory, admin) as session:
            made = accounts.create_account(
                session, NewAccount("Besa", "Besa Krasniqi", "Guardian"), "first password 1"
            )
        assert (made.username, made.role, made.must_change_password) == ("besa", Role.OFFICER, True)
        with unit(factory, admin) as session, pytest.raises(ValidationError, match="already taken"):
            accounts.create_account(session, NewAccount("BESA", "Other"), "first password 1")
        with unit(factory, admin, writes=False) as session:
            listed = accounts.list_accounts(session)
    assert [a.username for a in listed] == ["ana.hoxha", "besa"]


@pytest.mark.parametrize("name", ["a", "ana hoxha", "anë", "x" * 33, "system"])
def test_user_names_are_short_lowercase_ascii(name: str) -> None:
    with pytest.raises(ValidationError) as refused:
        accounts.check_username(name)
    assert refused.value.field == "username"


def test_an_officer_may_not_manage_accounts(db: str) -> None:
    admin = admin_of(db)
    with factory_for(db) as factory:
        with unit(factory, admin) as session:
            made = accounts.create_account(session, NewAccount("besa", "Besa"), "first password 1")
        officer = made.signed_in()
        with unit(factory, officer) as session, pytest.raises(PermissionDenied) as refused:
            accounts.create_account(session, NewAccount("x1", "X"), "first password 1")
        assert "you need the role administrator" in str(refused.value)
        with unit(factory, officer) as session:  # but reads their own account
            assert accounts.get_account(session, made.id).username == "besa"


def test_the_last_active_administrator_is_kept(db: str) -> None:
    admin = admin_of(db)
    with factory_for(db) as factory:
        with unit(factory, admin) as session:
            me = accounts.get_account(session, admin.account_id or 0)
        for change in ({"role": Role.OFFICER}, {"active": False}):
            with unit(factory, admin) as session, pytest.raises(RuleViolation) as refused:
                accounts.update_account(session, me.id, me.version, **change)
            assert str(refused.value).startswith(
                "ana.hoxha is the last active administrator: make another account an "
                "administrator first"
            )
        with unit(factory, admin) as session:
            other = accounts.create_account(
                session, NewAccount("besa", "Besa", role=Role.ADMINISTRATOR), "first password 1"
            )
        with unit(factory, admin) as session:  # with a second administrator it is allowed
            changed = accounts.update_account(session, me.id, me.version, role=Role.SUPERVISOR)
        assert changed.role is Role.SUPERVISOR
        with unit(factory, other.signed_in()) as session, pytest.raises(RuleViolation):
            accounts.update_account(session, other.id, other.version, active=False)


def test_a_suspended_account_cannot_sign_in(db: str) -> None:
    admin = admin_of(db)
    with factory_for(db) as factory:
        with unit(factory, admin) as session:
            made = accounts.create_account(session, NewAccount("besa", "Besa"), "first password 1")
        with unit(factory, admin) as session:
            accounts.update_account(session, made.id, made.version, active=False)
        with unit(factory) as session:
            result = sign_in(session, "besa", "first password 1")
        trail = audit_rows(factory)
    assert not result.ok
    assert result.refusal == "This account is suspended. Ask your office's administrator."
    assert trail[-2].action == "suspend" and trail[-2].actor == "ana.hoxha"
    assert trail[-1].after == {"reason": "account suspended", "via": "app"}


def test_changing_ones_own_password(db: str) -> None:
    admin = admin_of(db)
    with factory_for(db) as factory:
        with unit(factory, admin) as session, pytest.raises(ValidationError) as wrong_old:
            accounts.change_own_password(session, "not my password", "new password 22")
        assert wrong_old.value.field == "old_password"
        with unit(factory, admin) as session:
            accounts.change_own_password(session, OFFICE_PASSWORD, "new password 22")
        with unit(factory) as session:
            assert not sign_in(session, "ana.hoxha", OFFICE_PASSWORD).ok
        with unit(factory) as session:
            assert sign_in(session, "ana.hoxha", "new password 22").ok
        actions = [r.action for r in audit_rows(factory)]
    assert "change_password" in actions


def test_an_administrators_reset_forces_a_change_at_the_next_sign_in(db: str) -> None:
    admin = admin_of(db)
    with factory_for(db) as factory:
        with unit(factory, admin) as session:
            made = accounts.create_account(
                session, NewAccount("besa", "Besa"), "first password 1", must_change_password=False
            )
        with unit(factory, admin) as session:
            accounts.reset_password(session, made.id, "temporary pass 9")
        with unit(factory) as session:
            result = sign_in(session, "besa", "temporary pass 9")
        assert result.ok and result.must_change_password
        assert result.account is not None
        with unit(factory, result.account) as session:
            accounts.change_own_password(session, "temporary pass 9", "my own password 1")
        with unit(factory) as session:
            again = sign_in(session, "besa", "my own password 1")
    assert again.ok and not again.must_change_password
