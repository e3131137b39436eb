"""Paragraphs in any script: font runs, bidi levels, shaping, line breaking and visual order.

User text is never parsed as markup here: a name such as `A<B & "C"` is just characters. A
paragraph is a sequence of `Span`s (text and weight); `layout` breaks it into `Line`s for a
width. Lines are broken in logical order and only then put in visual order (per line), so an
Arabic name that wraps keeps its first word on the first line, at the right.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from guardian_desk.papers.bidi import base_level, embedding_levels, visual_order
from guardian_desk.papers.fonts import SANS, covering_family, script_family
from guardian_desk.papers.shaping import GlyphRun, joined, shape


@dataclass(frozen=True)
class Span:
    """A piece of a paragraph in one weight."""

    text: str
    bold: bool = False


@dataclass(frozen=True)
class TextStyle:
    size: float = 10.0
    leading: float = 0.0  # 0: 1.4 times the size (room for Arabic marks above and below)
    # start, end, left, right or center; a right-to-left paragraph starts at the right
    align: str = "start"
    direction: str = "ltr"  # ltr, rtl, auto (by the first letter)
    color: tuple[float, float, float] = (0.0, 0.0, 0.0)

    @property
    def line_height(self) -> float:
        return self.leading or self.size * 1.4


@dataclass(frozen=True)
class Piece:
    """A run of one font, weight and bidi level, inside a word (or a run of spaces)."""

    run: GlyphRun
    level: int
    space: bool


@dataclass(frozen=True)
class Line:
    """One line: its runs in visual order, each with its x position, for one font size."""

    pieces: tuple[tuple[float, GlyphRun], ...]
    width: float
    indent: float  # where the first piece starts, from the left edge (alignment)


def _clean(text: str) -> str:
    """Tabs become spaces; other control characters would draw as boxes and are dropped."""
    text = unicodedata.normalize("NFC", text.replace("\t", " ").replace("\r", ""))
    return "".join(c for c in text if c == "\n" or unicodedata.category(c) != "Cc")


def _is_space(char: str) -> bool:
    return char == " " or (unicodedata.category(char) == "Zs" and char not in "\u00a0\u202f")


def _families(text: str) -> list[str]:
    """A family per character; shared characters (spaces, digits, marks) join their neighbours."""
    own = [script_family(c) for c in text]
    result: list[str] = []
    previous: str | None = None
    for i, char in enumerate(text):
        family = own[i]
        if family is None:
            if previous is None:
                family = next((f for f in own[i + 1 :] if f is not None), SANS)
            else:
                family = previous
        family = covering_family(char, family)
        result.append(family)
        if own[i] is not None:
            previous = family
    return result


class _Paragraph:
    """One paragraph's characters with their font family, weight, bidi level and spaces."""

    def __init__(self, text: str, bold: Sequence[bool], base: int) -> None:
        self.text = text
        levels = embedding_levels(text, base)
        families = _families(text)
        self.keys = [(families[i], bold[i], levels[i]) for i in range(len(text))]
        self.spaces = [_is_space(c) for c in text]

    def pieces(self, start: int, end: int) -> list[Piece]:
        """Runs of one font, weight and level (spaces apart) in text[start:end], shaped."""
        keys, spaces, text = self.keys, self.spaces, self.text
        pieces: list[Piece] = []
        first = start
        for i in range(start + 1, end + 1):
            if i < end and keys[i] == keys[first] and spaces[i] == spaces[first]:
                continue
            family, bold, level = keys[first]
            run = shape(text[first:i], family, bold, level % 2 == 1)
            pieces.append(Piece(run, level, spaces[first]))
            first = i
        return pieces

    def words(self) -> list[tuple[int, int]]:
        """Spans that lines may not break inside: a word and the spaces after it."""
        spaces, count = self.spaces, len(self.text)
        words: list[tuple[int, int]] = []
        start = i = 0
        while i < count:
            while i < count and not spaces[i]:
                i += 1
            while i < count and spaces[i]:
                i += 1
            words.append((start, i))
            start = i
        return words


def _widths(pieces: Sequence[Piece], size: float) -> tuple[float, float]:
    """(width without the trailing spaces, width of the trailing spaces)."""
    total = sum(p.run.width for p in pieces) * size / 1000
    trailing = 0.0
    for piece in reversed(pieces):
        if not piece.space:
            break
        trailing += piece.run.width * size / 1000
    return total - trailing, trailing


def _split_long_word(paragraph: _Paragraph, start: int, end: int, room: float, size: float) -> int:
    """Where to cut a word too wide for a whole line: the longest head that fits (at least one
    character, never before a combining mark)."""
    low, high = start + 1, end
    while low < high:
        middle = (low + high + 1) // 2
        if _widths(paragraph.pieces(start, middle), size)[0] <= room:
            low = middle
        else:
            high = middle - 1
    cut = low
    while cut > start + 1 and unicodedata.category(paragraph.text[cut])[0] == "M":
        cut -= 1
    return cut


def _break_paragraph(
    text: str, bold: Sequence[bool], base: int, size: float, width: float
) -> list[list[Piece]]:
    """Greedy line breaking in logical order; a word wider than the line is cut."""
    paragraph = _Paragraph(text, bold, base)
    lines: list[list[Piece]] = []
    current: list[Piece] = []
    used = 0.0  # the current line's width, its trailing spaces included
    for start, end in paragraph.words():
        word = paragraph.pieces(start, end)
        inked, trailing = _widths(word, size)
        if used + inked <= width or (not current and inked <= width):
            current += word
            used += inked + trailing
            continue
        if current:
            lines.append(current)
        while inked > width:
            cut = _split_long_word(paragraph, start, end, width, size)
            lines.append(paragraph.pieces(start, cut))
            start = cut
            word = paragraph.pieces(start, end)
            inked, trailing = _widths(word, size)
        current = word
        used = inked + trailing
    if current:
        lines.append(current)
    return lines


def _place(pieces: list[Piece], base: int, style: TextStyle, width: float) -> Line:
    while pieces and pieces[-1].space:
        pieces = pieces[:-1]  # trailing spaces take no room (rule L1 puts them at the end)
    order = visual_order([p.level for p in pieces])
    size = style.size
    groups: list[list[GlyphRun]] = []
    for index in order:  # neighbours on the page in one font are drawn as one run
        run = pieces[index].run
        if groups and groups[-1][0].font is run.font:
            groups[-1].append(run)
        else:
            groups.append([run])
    placed = []
    x = 0.0
    for group in groups:
        run = group[0] if len(group) == 1 else joined(group)
        placed.append((x, run))
        x += run.width * size / 1000
    align = style.align
    if align == "center":
        indent = (width - x) / 2
    else:
        flush_left = align == "left" or (
            align in ("start", "end") and (align == "start") == (base == 0)
        )
        indent = 0.0 if flush_left else width - x
    return Line(tuple(placed), x, max(indent, 0.0))


def layout(spans: Sequence[Span], style: TextStyle, width: float) -> tuple[Line, ...]:
    """Break a paragraph into lines no wider than `width` points."""
    return _layout(tuple(spans), style, round(width, 2))


@lru_cache(maxsize=4096)
def _layout(spans: tuple[Span, ...], style: TextStyle, width: float) -> tuple[Line, ...]:
    text = "".join(_clean(s.text) for s in spans)
    weights = [s.bold for s in spans for _ in _clean(s.text)]
    lines: list[Line] = []
    offset = 0
    for hard_line in text.split("\n"):
        bold = weights[offset : offset + len(hard_line)]
        offset += len(hard_line) + 1
        lead = len(hard_line) - len(hard_line.lstrip(" "))
        stripped = hard_line.strip(" ")
        if not stripped:
            continue
        base = base_level(stripped, style.direction)
        bold = bold[lead : lead + len(stripped)]
        for pieces in _break_paragraph(stripped, bold, base, style.size, width):
            lines.append(_place(pieces, base, style, width))
    return tuple(lines)
