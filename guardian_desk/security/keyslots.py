"""Key slots: every account opens the one encrypted database with its own password.

The database key is 32 random bytes. It is stored only wrapped: once per account, with
AES-256-GCM under a key derived from that account's password by argon2id (a salt and the
cost parameters kept in the slot, the user name bound in as associated data so a slot cannot
be moved to another name), and once under a recovery passphrase generated at encryption time
and printed for the office safe. A password change re-wraps one slot; nothing is re-encrypted.

The slots live in ``<database file>.keys`` (JSON, mode 0600, replaced atomically). It holds
no secret in the clear: without a password (or the recovery passphrase) it opens nothing.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import os
import secrets
import unicodedata
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from guardian_desk.domain.errors import GuardianDeskError
from guardian_desk.i18n import N_, _
from guardian_desk.security.encrypted_files import SQLITE_MAGIC as SQLITE_MAGIC
from guardian_desk.security.encrypted_files import is_encrypted as is_encrypted
from guardian_desk.security.encrypted_files import keys_path as keys_path

KEY_BYTES = 32
FORMAT = "guardian-desk key slots"
VERSION = 1
# RFC 9106's second recommended option (argon2-cffi's default): ~0.1 s on an office PC.
ARGON2 = {"time_cost": 3, "memory_cost": 65536, "parallelism": 4}
RECOVERY = "recovery"  # the slot name in the file; the AAD below cannot collide with a user's
_RECOVERY_AAD = b"\x00recovery"
_RECOVERY_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I: read off paper
_RECOVERY_GROUPS = 6  # 6 x 5 characters x 5 bits = 150 bits


class KeySlotError(GuardianDeskError):
    """The key slots file is missing, damaged, or refuses what was asked."""


# One sentence for a wrong password and an unknown name, at the key slot and at sign-in alike.
WRONG_CREDENTIALS = N_(
    "The user name or the password is wrong. Check both (capital letters count) and try again."
)


class WrongCredentials(KeySlotError):
    """Wrong password or unknown user: one message for both (no hint which)."""

    def __init__(self) -> None:
        super().__init__(_(WRONG_CREDENTIALS))


def new_database_key() -> bytes:
    return secrets.token_bytes(KEY_BYTES)


def new_recovery_passphrase() -> str:
    """Six groups of five characters (150 bits), easy to read off paper and type back."""
    chars = "".join(secrets.choice(_RECOVERY_ALPHABET) for _unused in range(5 * _RECOVERY_GROUPS))
    return "-".join(chars[i : i + 5] for i in range(0, len(chars), 5))


def _normal_recovery(passphrase: str) -> bytes:
    """Case, spaces and dashes do not matter when typing the recovery passphrase back."""
    kept = "".join(c for c in passphrase.upper() if c.isalnum())
    return kept.encode("ascii", "replace")


def slot_name(username: str) -> str:
    """As accounts store user names: NFC, trimmed, lower case (``Amira`` is ``amira``)."""
    return unicodedata.normalize("NFC", username).strip().lower()


def key_id(db_key: bytes) -> str:
    """A fingerprint of the database key: refuses a slot wrapping some other key."""
    return hashlib.sha256(b"guardian-desk database key id\x00" + db_key).hexdigest()[:32]


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def _kek(secret: bytes, salt: bytes, params: Mapping[str, Any]) -> bytes:
    return hash_secret_raw(
        secret,
        salt,
        time_cost=int(params["time_cost"]),
        memory_cost=int(params["memory_cost"]),
        parallelism=int(params["parallelism"]),
        hash_len=KEY_BYTES,
        type=Type.ID,
    )


def _wrap(db_key: bytes, secret: bytes, aad: bytes) -> dict[str, Any]:
    salt, nonce = secrets.token_bytes(16), secrets.token_bytes(12)
    wrapped = AESGCM(_kek(secret, salt, ARGON2)).encrypt(nonce, db_key, aad)
    return {
        "kdf": "argon2id",
        **ARGON2,
        "salt": _b64(salt),
        "cipher": "AES-256-GCM",
        "nonce": _b64(nonce),
        "wrapped_key": _b64(wrapped),
    }


def _unwrap(slot: Mapping[str, Any], secret: bytes, aad: bytes) -> bytes:
    try:
        kek = _kek(secret, _unb64(slot["salt"]), slot)
        return AESGCM(kek).decrypt(_unb64(slot["nonce"]), _unb64(slot["wrapped_key"]), aad)
    except InvalidTag:
        raise WrongCredentials() from None


def _read(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise KeySlotError(
            _(
                "{file} is missing: the encrypted database cannot be opened without its key "
                "slots; copy it back from a backup (it is saved beside each backup)"
            ).format(file=path)
        ) from None
    except (OSError, ValueError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else _("it is not a key slots file")
        # TRANSLATORS: {file} is the key slots file's path; {reason} says why it cannot be read.
        raise KeySlotError(
            _("{file} cannot be read ({reason}); restore it from a backup").format(
                file=path, reason=reason
            )
        ) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise KeySlotError(_("{file} is not a Guardian Desk key slots file").format(file=path))
    if data.get("version") != VERSION:
        raise KeySlotError(
            _(
                "{file} was written by a newer version of Guardian Desk; install it to open it"
            ).format(file=path)
        )
    return data


def write_atomically(path: Path, text: str) -> None:
    """Write beside, fsync, rename over, fsync the folder: the old or the new file, never half.

    Created 0600 (owner only) on Linux and macOS.
    """
    partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(partial, path)
    except BaseException:
        with contextlib.suppress(OSError):
            partial.unlink()
        raise
    if os.name != "nt":  # Windows cannot open a folder; NTFS journals the rename
        folder = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(folder)
        finally:
            os.close(folder)


def _write(path: Path, data: Mapping[str, Any]) -> None:
    write_atomically(path, json.dumps(data, indent=2, sort_keys=True) + "\n")


def _checked(data: Mapping[str, Any], db_key: bytes, path: Path) -> None:
    if data.get("key_id") != key_id(db_key):
        raise KeySlotError(
            _("{file} belongs to another database key; no slot was changed").format(file=path)
        )


def create_slots(path: Path | str, db_key: bytes, accounts: Mapping[str, str]) -> str:
    """Write a new slots file: one slot per {user name: password}, and a recovery slot.

    Returns the recovery passphrase: show it once, to be printed and kept in the safe.
    """
    if len(db_key) != KEY_BYTES:
        raise ValueError(f"a database key is {KEY_BYTES} bytes")
    if not accounts:
        raise KeySlotError(_("at least one account must be able to open the database"))
    recovery = new_recovery_passphrase()
    slots = {
        slot_name(name): _wrap(db_key, password.encode("utf-8"), slot_name(name).encode("utf-8"))
        for name, password in accounts.items()
    }
    data = {
        "format": FORMAT,
        "version": VERSION,
        "key_id": key_id(db_key),
        "slots": slots,
        RECOVERY: _wrap(db_key, _normal_recovery(recovery), _RECOVERY_AAD),
    }
    _write(Path(path), data)
    return recovery


def add_slot(path: Path | str, db_key: bytes, username: str, password: str) -> None:
    """Give ``username`` a slot (a new account, or an administrator's password reset).

    Needs the database key, which only someone signed in holds. Replaces that user's slot.
    """
    path = Path(path)
    data = _read(path)
    _checked(data, db_key, path)
    name = slot_name(username)
    data["slots"][name] = _wrap(db_key, password.encode("utf-8"), name.encode("utf-8"))
    _write(path, data)


def unlock(path: Path | str, username: str, password: str) -> bytes:
    """The database key, unwrapped with this account's password (WrongCredentials if not)."""
    data = _read(Path(path))
    name = slot_name(username)
    slot = data["slots"].get(name)
    if slot is None:
        _kek(password.encode("utf-8"), secrets.token_bytes(16), ARGON2)  # same time taken
        raise WrongCredentials()
    return _unwrap(slot, password.encode("utf-8"), name.encode("utf-8"))


def unlock_with_recovery(path: Path | str, passphrase: str) -> bytes:
    """The database key from the recovery passphrase (the office safe's sheet)."""
    data = _read(Path(path))
    return _unwrap(data[RECOVERY], _normal_recovery(passphrase), _RECOVERY_AAD)


def rewrap(path: Path | str, username: str, old_password: str, new_password: str) -> None:
    """A password change: the one slot is re-wrapped; the database is not touched."""
    path = Path(path)
    db_key = unlock(path, username, old_password)
    add_slot(path, db_key, username, new_password)


def remove_slot(path: Path | str, username: str) -> None:
    """The account can no longer open the database (its key was never known to it)."""
    path = Path(path)
    data = _read(path)
    if data["slots"].pop(slot_name(username), None) is None:
        # TRANSLATORS: {user} is a user name, {file} the key slots file's path.
        raise KeySlotError(_("{user} has no key slot in {file}").format(user=username, file=path))
    _write(path, data)


def new_recovery(path: Path | str, db_key: bytes) -> str:
    """Replace the recovery slot (the old sheet is lost or seen); returns the new passphrase."""
    path = Path(path)
    data = _read(path)
    _checked(data, db_key, path)
    passphrase = new_recovery_passphrase()
    data[RECOVERY] = _wrap(db_key, _normal_recovery(passphrase), _RECOVERY_AAD)
    _write(path, data)
    return passphrase


def slot_names(path: Path | str) -> list[str]:
    """The accounts that have a slot (for the administrator's account list)."""
    return sorted(_read(Path(path))["slots"])
