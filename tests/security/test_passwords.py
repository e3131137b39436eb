"""Passwords: argon2id at the production cost, the office's rule, and renewing old hashes."""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher, Type

from guardian_desk.domain.errors import ValidationError
from guardian_desk.security import passwords


def test_the_production_hasher_is_argon2id_at_rfc_9106_cost() -> None:
    production = PasswordHasher()  # what passwords.py uses outside the tests
    previous = passwords.use_hasher(production)
    try:
        stored = passwords.hash_password("correct horse battery")
    finally:
        passwords.use_hasher(previous)
    assert stored.startswith("$argon2id$v=19$m=65536,t=3,p=4$")
    assert "correct horse battery" not in stored
    assert passwords.hasher().type is Type.ID  # the test hasher is argon2id as well


def test_right_and_wrong_passwords() -> None:
    stored = passwords.hash_password("correct horse battery")
    assert passwords.verify(stored, "correct horse battery")
    assert not passwords.verify(stored, "Correct horse battery")
    assert not passwords.verify("not a hash at all", "correct horse battery")
    assert not passwords.verify(stored, "x" * 100_000)  # refused without hashing a megabyte


def test_the_same_password_typed_on_another_system_still_matches() -> None:
    stored = passwords.hash_password("Zo\u0065\u0301 was here!")  # e + combining acute
    assert passwords.verify(stored, "Zo\u00e9 was here!")  # the composed é


@pytest.mark.parametrize(
    ("password", "reason"),
    [
        ("short1", "is too short: use at least 10 characters"),
        (" " * 12, "is only spaces"),
        ("Ana.Hoxha ", "must not be the user name"),
        ("y" * 1025, "is too long: use at most 1024 characters"),
    ],
)
def test_the_rule_says_which_part_failed(password: str, reason: str) -> None:
    with pytest.raises(ValidationError) as refused:
        passwords.check_rule(password, "ana.hoxha")
    assert refused.value.field == "password" and refused.value.reason == reason
    assert str(refused.value) == f"password: '(hidden)' {reason}"  # never the password


def test_a_hash_made_at_another_cost_is_renewed() -> None:
    old = PasswordHasher(time_cost=1, memory_cost=512, parallelism=1).hash("correct horse battery")
    assert passwords.needs_rehash(old)
    assert not passwords.needs_rehash(passwords.hash_password("correct horse battery"))
    assert passwords.needs_rehash("damaged")
