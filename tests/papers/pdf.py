"""Reading a PDF back as a person's viewer would: its text (pdftotext) and where each word is."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
import unicodedata
from dataclasses import dataclass
from html import unescape
from pathlib import Path

import pytest

from guardian_desk.papers.bidi import is_rtl_char


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def need_poppler() -> None:
    """Skip on a developer's machine without poppler-utils; fail in CI, where it is installed."""
    if shutil.which("pdftotext") is None:
        if _in_ci():
            pytest.fail("pdftotext is missing: apt-get install -y poppler-utils")
        pytest.skip("pdftotext is missing: apt-get install -y poppler-utils")


def _run(args: list[str], data: bytes) -> str:
    need_poppler()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "paper.pdf"
        path.write_bytes(data)
        out = subprocess.run([*args, str(path), "-"], check=True, capture_output=True)
    return out.stdout.decode("utf-8")


def text_of(data: bytes) -> str:
    """The text pdftotext finds, with bidi marks dropped and spaces collapsed."""
    text = _run(["pdftotext", "-enc", "UTF-8"], data)
    text = re.sub("[\u200e\u200f\u202a-\u202e]", "", text)
    return unicodedata.normalize("NFC", re.sub(r"[ \t]+", " ", text))


def flat_text_of(data: bytes) -> str:
    """The text with every run of spaces and line breaks made one space (wrapped names join)."""
    return " ".join(text_of(data).split())


@dataclass(frozen=True)
class Word:
    page: int
    text: str  # as read in logical order (pdftotext gives right-to-left words reversed)
    x_min: float
    y_min: float  # from the top of the page
    x_max: float
    y_max: float
    page_width: float
    page_height: float

    @property
    def x_mid(self) -> float:
        return (self.x_min + self.x_max) / 2

    @property
    def y_mid(self) -> float:
        return (self.y_min + self.y_max) / 2


_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">')
_WORD = re.compile(
    r'<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">(.*?)</word>'
)


def words_of(data: bytes) -> list[Word]:
    """Every word pdftotext -bbox finds, with its box, page by page."""
    words: list[Word] = []
    page = 0
    width = height = 0.0
    for line in _run(["pdftotext", "-bbox", "-enc", "UTF-8"], data).splitlines():
        page_match = _PAGE.search(line)
        if page_match:
            page += 1
            width, height = float(page_match.group(1)), float(page_match.group(2))
            continue
        match = _WORD.search(line)
        if match:
            text = unicodedata.normalize("NFC", unescape(match.group(5)))
            if any(is_rtl_char(c) for c in text):
                text = text[::-1]  # pdftotext -bbox gives a right-to-left word in visual order
            x0, y0, x1, y1 = (float(match.group(i)) for i in range(1, 5))
            words.append(Word(page, text, x0, y0, x1, y1, width, height))
    return words


def find_word(words: list[Word], text: str, after: Word | None = None) -> Word:
    """The first word reading `text` (after `after`, when given)."""
    start = words.index(after) + 1 if after is not None else 0
    for word in words[start:]:
        if word.text == text:
            return word
    raise AssertionError(f"{text!r} is not on the page; words: {[w.text for w in words]}")
