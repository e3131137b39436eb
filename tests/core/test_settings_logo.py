"""The letterhead's logo: PNG or JPEG, small enough, whole; audited by description, not bytes."""

from __future__ import annotations

import io
import json

import pytest
from PIL import Image
from sqlalchemy.orm import Session

from guardian_desk.domain.errors import ConflictError, ValidationErrors
from guardian_desk.services import audit
from guardian_desk.services.settings import (
    get_settings,
    letterhead_logo_info,
    set_letterhead_logo,
)


def image_bytes(kind: str, size: tuple[int, int] = (420, 120), colour: str = "navy") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, kind)
    return out.getvalue()


def refusal(session: Session, data: bytes, name: str = "") -> tuple[object, str]:
    with pytest.raises(ValidationErrors) as caught:
        set_letterhead_logo(session, data, get_settings(session).version, name=name)
    [error] = caught.value.errors
    assert error.field == "letterhead_logo"
    return error.value, error.reason


def test_a_png_is_stored_and_described(session: Session) -> None:
    logo = image_bytes("PNG")
    row = set_letterhead_logo(session, logo, expected_version=1, name="logo.png")
    assert (row.letterhead_logo, row.version) == (logo, 2)
    assert letterhead_logo_info(session) == "PNG 420×120, 1 KB"


def test_a_jpeg_is_stored(session: Session) -> None:
    logo = image_bytes("JPEG", (800, 300))
    set_letterhead_logo(session, logo, expected_version=1)
    info = letterhead_logo_info(session)
    assert info is not None and info.startswith("JPEG 800×300, ")


def test_a_gif_is_refused_by_name_and_size_and_nothing_is_stored(session: Session) -> None:
    value, reason = refusal(session, image_bytes("GIF"), name="photo.gif")
    assert (value, reason) == ("photo.gif, 1 KB", "is not a PNG or JPEG image")
    assert get_settings(session).letterhead_logo is None
    assert get_settings(session).version == 1


def test_garbage_and_a_cut_off_file_are_refused(session: Session) -> None:
    assert refusal(session, b"not an image at all")[1] == "is not a PNG or JPEG image"
    # PNG's signature but nothing after it: the magic bytes alone do not pass
    assert refusal(session, b"\x89PNG\r\n\x1a\n" + b"\0" * 40)[1] == (
        "is damaged: it cannot be read to the end"
    )
    noisy = Image.effect_noise((400, 400), 60).convert("RGB")
    whole = io.BytesIO()
    noisy.save(whole, "JPEG")
    assert refusal(session, whole.getvalue()[: len(whole.getvalue()) // 2])[1] == (
        "is damaged: it cannot be read to the end"
    )


def test_too_large_files_and_images_are_refused(session: Session) -> None:
    big = image_bytes("PNG") + b"\0" * (2 * 1024 * 1024)
    assert refusal(session, big, name="scan.png") == ("scan.png, 2.0 MB", "is larger than 2 MB")
    wide = image_bytes("PNG", (4001, 10))
    assert refusal(session, wide)[1] == "is 4001×10 pixels, larger than 4000×4000"
    assert get_settings(session).letterhead_logo is None


def test_removing_the_logo_and_the_audit_rows_hold_descriptions_not_bytes(
    session: Session,
) -> None:
    set_letterhead_logo(session, image_bytes("PNG"), expected_version=1)
    row = set_letterhead_logo(session, None, expected_version=2)
    assert (row.letterhead_logo, row.version) == (None, 3)
    assert letterhead_logo_info(session) is None
    events = audit.history(session, "settings", 1)
    assert [(e.actor, e.action) for e in events] == [("test-officer", "update")] * 2
    assert events[0].before == {"letterhead_logo": None}
    assert events[0].after == {"letterhead_logo": "PNG 420×120, 1 KB"}
    assert events[1].before == {"letterhead_logo": "PNG 420×120, 1 KB"}
    assert events[1].after == {"letterhead_logo": None}
    assert all(len(json.dumps([e.before, e.after])) < 200 for e in events)


def test_the_same_logo_again_changes_nothing(session: Session) -> None:
    logo = image_bytes("PNG")
    set_letterhead_logo(session, logo, expected_version=1)
    assert set_letterhead_logo(session, logo, expected_version=2).version == 2
    assert set_letterhead_logo(session, None, expected_version=2).version == 3
    assert set_letterhead_logo(session, None, expected_version=3).version == 3
    assert len(audit.history(session, "settings", 1)) == 2


def test_a_stale_version_is_a_conflict_and_nothing_is_written(session: Session) -> None:
    set_letterhead_logo(session, image_bytes("PNG"), expected_version=1)
    with pytest.raises(ConflictError):
        set_letterhead_logo(session, None, expected_version=1)
    assert get_settings(session).letterhead_logo is not None
    assert len(audit.history(session, "settings", 1)) == 1
