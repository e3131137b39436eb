"""The case bundle file (``.gdbundle``): a case sealed for another office, and opened there.

What protects what:

- The passphrase (at least 12 characters, given to the recipient by another channel: a phone
  call, a letter, never in the same e-mail as the file) is stretched by **Argon2id**
  (argon2-cffi's ``hash_secret_raw``; a fresh random 16-byte salt per bundle; the cost
  parameters are written in the header) into a 256-bit key.
- That key encrypts the whole payload (the manifest, the chosen fields' values and the chosen
  attachments' bytes) with **AES-256-GCM** (``cryptography``; a fresh random 12-byte nonce).
  Nothing about the child, the office or the recipient is readable without the passphrase.
- The header (format version, bundle id, KDF name, parameters and salt, nonce) is not secret
  but it is **authenticated**: the magic, its length and its bytes are GCM's associated data.
  A byte changed anywhere (header or ciphertext), a truncated file or a wrong passphrase makes
  the authentication fail, and the bundle is refused whole: nothing of it is read.

Layout: ``b"GDBUNDLE"`` | header length (4 bytes, big-endian) | header (UTF-8 JSON) | ciphertext
(with GCM's 16-byte tag at its end). The payload is UTF-8 JSON. This module knows nothing about
databases (services/transfers.py builds and imports the payload).
"""

from __future__ import annotations

import base64
import binascii
import json
import secrets
import struct
import unicodedata
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from guardian_desk.domain.errors import GuardianDeskError
from guardian_desk.i18n import _, ngettext

MAGIC = b"GDBUNDLE"
FORMAT_VERSION = 1
SUFFIX = ".gdbundle"
MIN_PASSPHRASE = 12
KEY_BYTES = 32
SALT_BYTES = 16
NONCE_BYTES = 12
# RFC 9106's second recommended option (as the key slots use): ~0.1 s on an office PC.
ARGON2 = {"time_cost": 3, "memory_cost": 65536, "parallelism": 4}
# A header may not ask for more than this (a crafted file must not exhaust the machine).
_MAX_ARGON2 = {"time_cost": 20, "memory_cost": 1024 * 1024, "parallelism": 16}
_MAX_HEADER = 4096
_LENGTH = struct.Struct(">I")


class BundleError(GuardianDeskError):
    """A bundle that cannot be made or opened; the message is one line for the officer."""


@dataclass(frozen=True)
class Sealed:
    data: bytes  # the whole file
    bundle_id: str


def damaged_message() -> str:
    return _(
        "The case bundle cannot be opened: the passphrase is wrong, or the file was changed "
        "or damaged after it was sent. Nothing was imported."
    )


def check_passphrase(passphrase: str) -> str:
    """The passphrase as it is used (NFC), refused when shorter than MIN_PASSPHRASE."""
    normal = unicodedata.normalize("NFC", passphrase or "")
    if len(normal) < MIN_PASSPHRASE:
        raise BundleError(
            ngettext(
                "The passphrase must be at least {count} character long; a few words "
                "the recipient can read out are best.",
                "The passphrase must be at least {count} characters long; a few words "
                "the recipient can read out are best.",
                MIN_PASSPHRASE,
            ).format(count=MIN_PASSPHRASE)
        )
    return normal


def _key(passphrase: str, salt: bytes, params: Mapping[str, Any]) -> bytes:
    return hash_secret_raw(
        passphrase.encode("utf-8"),
        salt,
        time_cost=int(params["time_cost"]),
        memory_cost=int(params["memory_cost"]),
        parallelism=int(params["parallelism"]),
        hash_len=KEY_BYTES,
        type=Type.ID,
    )


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: object) -> bytes:
    if not isinstance(text, str):
        raise ValueError("not base64 text")
    return base64.b64decode(text.encode("ascii"), validate=True)


def seal(payload: bytes, passphrase: str, *, bundle_id: str | None = None) -> Sealed:
    """The bundle file for ``payload`` (bytes), encrypted under ``passphrase``."""
    secret = check_passphrase(passphrase)
    bundle_id = bundle_id or str(uuid.uuid4())
    salt, nonce = secrets.token_bytes(SALT_BYTES), secrets.token_bytes(NONCE_BYTES)
    header = json.dumps(
        {
            "format": FORMAT_VERSION,
            "bundle_id": bundle_id,
            "kdf": {"name": "argon2id", **ARGON2, "salt": _b64(salt)},
            "cipher": "AES-256-GCM",
            "nonce": _b64(nonce),
        },
        sort_keys=True,
        separators=(",", ":"),
    ).encode("utf-8")
    prefix = MAGIC + _LENGTH.pack(len(header)) + header
    body = AESGCM(_key(secret, salt, ARGON2)).encrypt(nonce, payload, prefix)
    return Sealed(prefix + body, bundle_id)


@dataclass(frozen=True)
class Header:
    bundle_id: str
    format: int
    salt: bytes
    nonce: bytes
    kdf: dict[str, int]


def is_bundle(data: bytes) -> bool:
    return data[: len(MAGIC)] == MAGIC


def read_header(data: bytes) -> tuple[Header, bytes, bytes]:
    """The header (not yet authenticated), the associated data and the ciphertext."""
    if not is_bundle(data):
        raise BundleError(
            _("This file is not a Guardian Desk case bundle (a .gdbundle file is needed).")
        )
    start = len(MAGIC) + _LENGTH.size
    if len(data) < start:
        raise BundleError(damaged_message())
    (length,) = _LENGTH.unpack(data[len(MAGIC) : start])
    if length > _MAX_HEADER or len(data) < start + length + 16:
        raise BundleError(damaged_message())
    raw = data[start : start + length]
    try:
        found = json.loads(raw.decode("utf-8"))
        if not isinstance(found, dict):
            raise ValueError("header is not an object")
        version = found.get("format")
        if isinstance(version, int) and version > FORMAT_VERSION:
            raise BundleError(
                _(
                    "This case bundle was made by a newer version of Guardian Desk; "
                    "install it to import the bundle."
                )
            )
        kdf = found["kdf"]
        if version != FORMAT_VERSION or kdf.get("name") != "argon2id":
            raise ValueError("unknown format")
        if found.get("cipher") != "AES-256-GCM":
            raise ValueError("unknown cipher")
        params = {k: int(kdf[k]) for k in ARGON2}
        if any(not 1 <= params[k] <= _MAX_ARGON2[k] for k in params):
            raise ValueError("cost out of bounds")
        header = Header(
            bundle_id=str(uuid.UUID(str(found["bundle_id"]))),
            format=version,
            salt=_unb64(kdf["salt"]),
            nonce=_unb64(found["nonce"]),
            kdf=params,
        )
        if len(header.nonce) != NONCE_BYTES or len(header.salt) < 8:
            raise ValueError("bad nonce or salt")
    except BundleError:
        raise
    except (ValueError, KeyError, TypeError, AttributeError, binascii.Error, UnicodeError):
        raise BundleError(damaged_message()) from None
    return header, data[: start + length], data[start + length :]


def open_sealed(data: bytes, passphrase: str) -> tuple[Header, bytes]:
    """The header and the payload bytes; BundleError (one line) for a wrong passphrase, a
    changed byte anywhere or a truncated file: GCM cannot tell them apart, and neither do we."""
    header, associated, body = read_header(data)
    try:
        key = _key(unicodedata.normalize("NFC", passphrase or ""), header.salt, header.kdf)
        payload = AESGCM(key).decrypt(header.nonce, body, associated)
    except (InvalidTag, ValueError):
        raise BundleError(damaged_message()) from None
    return header, payload
