"""The bundle file: sealed under a passphrase, and refused whole when anything is wrong."""

from __future__ import annotations

import json
import struct

import pytest

from guardian_desk.protection import bundle
from guardian_desk.protection.bundle import BundleError, open_sealed, seal

PASSPHRASE = "blue river under the bridge"
PAYLOAD = b'{"manifest": {"case": "AL-2026-00001"}}'


@pytest.fixture(autouse=True)
def _cheap_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bundle, "ARGON2", {"time_cost": 1, "memory_cost": 1024, "parallelism": 1})


def test_a_sealed_bundle_opens_with_its_passphrase_only() -> None:
    sealed = seal(PAYLOAD, PASSPHRASE)
    assert sealed.data.startswith(b"GDBUNDLE")
    assert PAYLOAD not in sealed.data and b"AL-2026" not in sealed.data
    header, payload = open_sealed(sealed.data, PASSPHRASE)
    assert payload == PAYLOAD
    assert header.bundle_id == sealed.bundle_id
    with pytest.raises(BundleError, match="passphrase is wrong"):
        open_sealed(sealed.data, PASSPHRASE + "!")


def test_two_bundles_of_the_same_case_differ() -> None:
    first, second = seal(PAYLOAD, PASSPHRASE), seal(PAYLOAD, PASSPHRASE)
    assert first.bundle_id != second.bundle_id
    assert first.data[-len(PAYLOAD) :] != second.data[-len(PAYLOAD) :]


def test_a_short_passphrase_is_refused_with_a_clear_line() -> None:
    with pytest.raises(BundleError, match="at least 12 characters"):
        seal(PAYLOAD, "short one")


@pytest.mark.parametrize("where", ["header_end", "header", "body", "tag"])
def test_a_flipped_byte_anywhere_is_refused(where: str) -> None:
    data = bytearray(seal(PAYLOAD, PASSPHRASE).data)
    (length,) = struct.unpack(">I", data[8:12])
    position = {
        "header_end": 12 + length - 2,  # inside the header's JSON closing
        "header": 12 + data[12 : 12 + length].index(b'"nonce":"') + 10,
        "body": 12 + length + 3,
        "tag": len(data) - 1,
    }[where]
    data[position] ^= 0x01
    with pytest.raises(BundleError) as refused:
        open_sealed(bytes(data), PASSPHRASE)
    assert "\n" not in str(refused.value)


def test_a_changed_header_value_is_refused_even_when_it_still_parses() -> None:
    data = seal(PAYLOAD, PASSPHRASE).data
    (length,) = struct.unpack(">I", data[8:12])
    header = json.loads(data[12 : 12 + length])
    header["bundle_id"] = "00000000-0000-4000-8000-000000000000"
    raw = json.dumps(header, sort_keys=True, separators=(",", ":")).encode()
    forged = b"GDBUNDLE" + struct.pack(">I", len(raw)) + raw + data[12 + length :]
    with pytest.raises(BundleError, match="changed or damaged"):
        open_sealed(forged, PASSPHRASE)


@pytest.mark.parametrize("keep", [0, 5, 11, 40, -1])
def test_a_truncated_file_is_refused(keep: int) -> None:
    data = seal(PAYLOAD, PASSPHRASE).data
    cut = data[:keep] if keep >= 0 else data[:-1]
    with pytest.raises(BundleError):
        open_sealed(cut, PASSPHRASE)


def test_another_file_is_named_for_what_it_is_not() -> None:
    with pytest.raises(BundleError, match="not a Guardian Desk case bundle"):
        open_sealed(b"%PDF-1.7 a paper", PASSPHRASE)


def test_a_header_asking_for_absurd_costs_is_refused_before_any_work() -> None:
    data = seal(PAYLOAD, PASSPHRASE).data
    (length,) = struct.unpack(">I", data[8:12])
    header = json.loads(data[12 : 12 + length])
    header["kdf"]["memory_cost"] = 1 << 30
    raw = json.dumps(header).encode()
    forged = b"GDBUNDLE" + struct.pack(">I", len(raw)) + raw + data[12 + length :]
    with pytest.raises(BundleError, match="changed or damaged"):
        open_sealed(forged, PASSPHRASE)


def test_a_newer_format_asks_for_a_newer_version() -> None:
    data = seal(PAYLOAD, PASSPHRASE).data
    (length,) = struct.unpack(">I", data[8:12])
    header = json.loads(data[12 : 12 + length])
    header["format"] = 99
    raw = json.dumps(header).encode()
    forged = b"GDBUNDLE" + struct.pack(">I", len(raw)) + raw + data[12 + length :]
    with pytest.raises(BundleError, match="newer version"):
        open_sealed(forged, PASSPHRASE)
