"""Password hashing (argon2id) and the office's password rule.

argon2-cffi's defaults are RFC 9106's "low memory" choice: argon2id, 64 MiB, 3 passes, 4 lanes.
Measured on the development PC (2 cores, shared): one verify takes about 0.085 s, so signing
in stays well under the 0.5 s the issue allows even on a slower office PC. A stored hash made
with other parameters still verifies (they are in the hash); ``needs_rehash`` tells the sign-in
to store a new one while it has the password in hand.
"""

from __future__ import annotations

import unicodedata

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from guardian_desk.domain.errors import ValidationError
from guardian_desk.i18n import _, ngettext

MIN_LENGTH = 10
MAX_LENGTH = 1024  # a longer "password" is a paste accident or an attack on the hasher

_hasher = PasswordHasher(type=Type.ID)
_dummy_hash: dict[int, str] = {}


def hasher() -> PasswordHasher:
    return _hasher


def use_hasher(replacement: PasswordHasher) -> PasswordHasher:
    """Swap the hasher (the tests use a cheap argon2id); returns the one it replaced."""
    global _hasher
    previous, _hasher = _hasher, replacement
    return previous


def _normalised(password: str) -> str:
    """NFC, so the same password typed on another keyboard layout or OS still matches."""
    return unicodedata.normalize("NFC", password)


def check_rule(password: str, username: str = "") -> None:
    """The office's password rule; the refusal says which part failed (never the password)."""
    cleaned = _normalised(password)
    # TRANSLATORS: shown instead of a password the officer typed.
    hidden = _("(hidden)")
    if len(cleaned) < MIN_LENGTH:
        raise ValidationError(
            "password",
            hidden,
            ngettext(
                "is too short: use at least {count} character",
                "is too short: use at least {count} characters",
                MIN_LENGTH,
            ).format(count=MIN_LENGTH),
        )
    if len(cleaned) > MAX_LENGTH:
        raise ValidationError(
            "password",
            hidden,
            ngettext(
                "is too long: use at most {count} character",
                "is too long: use at most {count} characters",
                MAX_LENGTH,
            ).format(count=MAX_LENGTH),
        )
    if not cleaned.strip():
        raise ValidationError("password", hidden, _("is only spaces"))
    if username and cleaned.strip().casefold() == username.strip().casefold():
        raise ValidationError("password", hidden, _("must not be the user name"))


def hash_password(password: str) -> str:
    return _hasher.hash(_normalised(password))


def verify(stored_hash: str, password: str) -> bool:
    """True when ``password`` matches; a damaged stored hash is a mismatch, not a crash."""
    if len(password) > MAX_LENGTH:  # never set (check_rule), so never right; no 1 MB hashing
        return False
    try:
        return _hasher.verify(stored_hash, _normalised(password))
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    try:
        return _hasher.check_needs_rehash(stored_hash)
    except (InvalidHashError, ValueError):
        return True


def verify_dummy(password: str) -> None:
    """Spend the time a real check would, for a user name that does not exist."""
    key = id(_hasher)
    if key not in _dummy_hash:
        _dummy_hash[key] = _hasher.hash("not a password of anyone's")
    verify(_dummy_hash[key], password)
