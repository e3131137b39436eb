"""Shaping: every letter has a glyph, and Arabic letters join."""

from __future__ import annotations

from typing import Any

from guardian_desk.papers.fonts import ARABIC, BENGALI, ETHIOPIC, SANS, register_fonts
from guardian_desk.papers.shaping import shape
from guardian_desk.papers.text import Span, TextStyle, layout
from tests.papers import samples


def _glyphs(run: Any) -> list[int]:
    face = run.font.face
    return [face.charToGlyph[ord(code)] for code in run.codes]


def test_no_name_draws_a_missing_glyph_box() -> None:
    names = [
        samples.LATIN,
        samples.SERBIAN_LATIN,
        samples.CYRILLIC,
        samples.ARABIC,
        samples.ETHIOPIC,
        samples.BENGALI,
        "پښتو اردو ڈ ے",
        "Dari → Albanian",
    ]
    for name in names:
        for line in layout([Span(name)], TextStyle(), 400):
            for _, run in line.pieces:
                assert 0 not in _glyphs(run), name


def test_arabic_letters_join() -> None:
    register_fonts()
    word = "محمد"
    run = shape(word, ARABIC, False, True)
    face: Any = run.font.face
    isolated = {face.charToGlyph[ord(letter)] for letter in word}
    # Joined forms (initial, medial, final) are other glyphs than the isolated letters.
    assert not set(_glyphs(run)) & isolated


def test_script_runs_pick_their_fonts() -> None:
    (line,) = layout([Span("Ana محمد ተስፋይ রহিম")], TextStyle(), 500)
    families = {run.font.fontName.split("-")[1] for _, run in line.pieces}
    assert families == {SANS, ARABIC, ETHIOPIC, BENGALI}


def test_shaping_is_cached() -> None:
    assert shape("Ana", SANS, False, False) is shape("Ana", SANS, False, False)
