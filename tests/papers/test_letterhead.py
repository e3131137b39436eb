"""The letterhead: a logo as PNG or JPEG, and a broken logo that does not stop the paper."""

from __future__ import annotations

from dataclasses import replace
from io import BytesIO

import pytest
from PIL import Image

from guardian_desk.papers.layout import _logo
from tests.papers import samples
from tests.papers.conftest import render
from tests.papers.pdf import flat_text_of, words_of


def _jpeg() -> bytes:
    out = BytesIO()
    Image.new("RGB", (120, 40), (31, 78, 121)).save(out, "JPEG")
    return out.getvalue()


@pytest.mark.parametrize("logo", [samples.png_logo(), _jpeg(), None], ids=["png", "jpeg", "none"])
def test_letterhead_with_or_without_a_logo(logo: bytes | None) -> None:
    data = render("appointment", replace(samples.LETTERHEAD, logo=logo))
    text = flat_text_of(data)
    assert "Centre for Social Work Kumanovo" in text
    assert "Ulica Goce Delčev 12" in text
    assert (b"/Subtype /Image" in data) == (logo is not None)


def test_a_broken_logo_is_left_out(caplog: pytest.LogCaptureFixture) -> None:
    _logo.cache_clear()  # the warning comes once per logo and process
    data = render("summary", replace(samples.LETTERHEAD, logo=b"not an image"))
    assert "Centre for Social Work Kumanovo" in flat_text_of(data)
    assert b"/Subtype /Image" not in data
    assert "logo" in caplog.text


def test_later_pages_carry_the_office_and_the_reference() -> None:
    words = words_of(render("schedule", rows=samples.schedule_rows(60)))
    for page in {w.page for w in words} - {1}:
        top = min((w for w in words if w.page == page), key=lambda w: w.y_min)
        assert top.text == "Centre"
        assert any(w.text == "GD/2025/0017" and w.page == page for w in words)
