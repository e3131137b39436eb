"""Signing in: wrong passwords counted and paused, unknown names treated alike, all audited."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from guardian_desk.db.base import utcnow
from guardian_desk.db.models import Account
from guardian_desk.security import accounts, passwords
from guardian_desk.security.accounts import NewAccount, OfficeSetUp
from guardian_desk.security.signing_in import WRONG, pause_after, sign_in, sign_out, unlock
from tests.security.helpers import OFFICE_PASSWORD, audit_rows, factory_for, unit


@pytest.fixture
def office(db: str) -> str:
    with factory_for(db) as factory, unit(factory) as session:
        accounts.set_up_office(
            session,
            OfficeSetUp("Office", "AL", "Europe/Tirane"),
            NewAccount("ana", "Ana Hoxha", "Guardian"),
            OFFICE_PASSWORD,
        )
    return db


def test_the_right_password_signs_in_and_is_audited(office: str) -> None:
    with factory_for(office) as factory:
        with unit(factory) as session:
            result = sign_in(session, " Ana ", OFFICE_PASSWORD)
        assert result.ok and result.refusal == ""
        assert result.account is not None and result.account.full_name == "Ana Hoxha"
        with unit(factory) as session:
            sign_out(session, result.account)
        trail = audit_rows(factory)
        with unit(factory) as session:
            stored = session.scalars(select(Account)).one()
    assert [(r.actor, r.action, r.after) for r in trail[-2:]] == [
        ("ana", "sign_in", {"via": "app"}),
        ("ana", "sign_out", {"via": "app"}),
    ]
    assert stored.last_sign_in_at is not None


def test_a_wrong_password_is_refused_counted_and_audited_without_the_password(
    office: str,
) -> None:
    with factory_for(office) as factory:
        with unit(factory) as session:
            result = sign_in(session, "ana", "my guess 12345")
        with unit(factory) as session:
            stored = session.scalars(select(Account)).one()
        trail = audit_rows(factory)
    assert not result.ok and result.account is None
    assert result.refusal == WRONG
    assert stored.failed_attempts == 1  # committed, though the sign-in was refused
    assert (trail[-1].actor, trail[-1].action) == ("ana", "sign_in_failed")
    assert trail[-1].after == {"reason": "wrong password", "via": "app"}
    assert not any("my guess" in f"{r.before}{r.after}{r.entity_id}" for r in trail)


def test_an_unknown_name_gets_the_same_message_and_the_same_password_check(
    office: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    checked: list[str] = []
    real_verify = passwords.verify

    def spy(stored: str, given: str) -> bool:
        checked.append(stored)
        return real_verify(stored, given)

    monkeypatch.setattr(passwords, "verify", spy)
    with factory_for(office) as factory:
        with unit(factory) as session:
            unknown = sign_in(session, "my secret password", "anything 12345")
        with unit(factory) as session:
            known = sign_in(session, "ana", "anything 12345")
        trail = audit_rows(factory)
    assert unknown.refusal == known.refusal == WRONG
    assert len(checked) == 2 and all(h.startswith("$argon2id$") for h in checked)
    # The typed name is not kept: people type their password into the name field.
    assert (trail[-2].actor, trail[-2].entity_id) == ("unknown", "-")
    assert "my secret password" not in str(trail[-2].after)


def test_the_pause_starts_after_five_failures_and_doubles_up_to_fifteen_minutes() -> None:
    assert [pause_after(n) for n in range(1, 5)] == [None] * 4
    assert [int(pause_after(n).total_seconds()) for n in range(5, 12)] == [  # type: ignore[union-attr]
        30,
        60,
        120,
        240,
        480,
        900,
        900,
    ]
    assert pause_after(10_000) == timedelta(minutes=15)


def test_repeated_failures_pause_the_name_and_say_how_long(office: str) -> None:
    now = utcnow()
    with factory_for(office) as factory:
        results = []
        for _ in range(5):
            with unit(factory) as session:
                results.append(sign_in(session, "ana", "wrong guess 123", now=now))
        assert [r.wait_seconds for r in results] == [0, 0, 0, 0, 30]
        assert results[-1].refusal.endswith(
            "Too many wrong passwords in a row for this user name: wait 30 seconds and try "
            "again (or ask your administrator to reset the password)."
        )
        with unit(factory) as session:  # even the right password waits
            paused = sign_in(session, "ana", OFFICE_PASSWORD, now=now + timedelta(seconds=10))
        assert not paused.ok and paused.wait_seconds == 20
        assert "wait 20 seconds" in paused.refusal
        later = now + timedelta(seconds=31)
        with unit(factory) as session:
            sixth = sign_in(session, "ana", "wrong guess 123", now=later)
        assert sixth.wait_seconds == 60 and "wait 60 seconds" in sixth.refusal
        with unit(factory) as session:
            seventh = sign_in(session, "ana", "wrong again 123", now=later + timedelta(minutes=2))
        assert "wait 2 minutes" in seventh.refusal
        with unit(factory) as session:
            good = sign_in(session, "ana", OFFICE_PASSWORD, now=later + timedelta(minutes=5))
        assert good.ok
        with unit(factory) as session:
            stored = session.scalars(select(Account)).one()
        assert (stored.failed_attempts, stored.locked_until) == (0, None)


def test_the_lock_screen_checks_the_same_account(office: str) -> None:
    with factory_for(office) as factory:
        with unit(factory) as session:
            me = sign_in(session, "ana", OFFICE_PASSWORD).account
        assert me is not None
        with unit(factory) as session:
            assert not unlock(session, me, "not it at all").ok
        with unit(factory) as session:
            assert unlock(session, me, OFFICE_PASSWORD).ok
        assert audit_rows(factory)[-1].after == {"via": "unlock"}


def test_an_old_hash_is_renewed_at_sign_in(office: str) -> None:
    from argon2 import PasswordHasher

    with factory_for(office) as factory:
        with unit(factory) as session:
            old = session.scalars(select(Account.password_hash)).one()
        previous = passwords.use_hasher(
            PasswordHasher(time_cost=2, memory_cost=2048, parallelism=1)
        )
        try:
            with unit(factory) as session:
                assert sign_in(session, "ana", OFFICE_PASSWORD).ok
            with unit(factory) as session:
                new = session.scalars(select(Account.password_hash)).one()
        finally:
            passwords.use_hasher(previous)
    assert new != old and "m=2048,t=2,p=1" in new
