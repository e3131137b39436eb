"""Platypus flowables drawn with our own text engine (text.py) instead of reportlab's Paragraph.

`TextBlock` wraps, splits across pages and draws a paragraph of `Span`s; `draw_lines` draws laid
out lines straight onto a canvas (letterhead, footers). Text is written as PDF operators with the
fonts' subset names: reportlab's documented way to use its dynamic (TrueType) fonts.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from guardian_desk.papers.fonts import ShapedFont
from guardian_desk.papers.shaping import run_operators
from guardian_desk.papers.text import Line, Span, TextStyle, layout

_BASELINE = 1.1  # baseline below the top of a line, in font sizes, before half the extra leading


def baseline_offset(style: TextStyle) -> float:
    """Distance from the top of a line box to its baseline."""
    return (style.line_height - style.size * 1.45) / 2 + style.size * _BASELINE


class _Encoder:
    """Maps a run's codes to the document's font subsets."""

    def __init__(self, canvas: Canvas) -> None:
        self.doc: Any = getattr(canvas, "_doc")  # noqa: B009 - reportlab keeps it private
        self.escape = canvas._escape

    def chunks(self, font: ShapedFont, codes: str) -> list[tuple[str, bytes]]:
        return [
            (font.getSubsetInternalName(subset, self.doc), data)
            for subset, data in font.splitString(codes, self.doc)
        ]

    def literal(self, data: bytes) -> str:
        return f"({self.escape(data)})"


def draw_lines(
    canvas: Canvas, lines: Sequence[Line], style: TextStyle, x: float, top: float
) -> float:
    """Draw laid out lines from `top` down, left edge at `x`; the height used."""
    if not lines:
        return 0.0
    encoder = _Encoder(canvas)
    size = style.size
    height = style.line_height
    baseline = top - baseline_offset(style)
    red, green, blue = style.color
    ops = ["BT", f"{red:.3f} {green:.3f} {blue:.3f} rg"]
    for line in lines:
        left = x + line.indent
        for offset, run in line.pieces:
            ops.append(f"1 0 0 1 {left + offset:.2f} {baseline:.2f} Tm")
            ops.append(run_operators(run, size, encoder.chunks, encoder.literal))
        baseline -= height
    ops.append("ET")
    canvas.addLiteral(" ".join(ops))
    return height * len(lines)


def draw_text(
    canvas: Canvas, spans: Sequence[Span], style: TextStyle, x: float, top: float, width: float
) -> float:
    """Lay out and draw a paragraph at (x, top) within `width`; the height used."""
    return draw_lines(canvas, layout(spans, style, width), style, x, top)


def spans_of(value: str | Sequence[Span]) -> tuple[Span, ...]:
    return (Span(value),) if isinstance(value, str) else tuple(value)


class TextBlock(Flowable):
    """A paragraph that wraps to the frame, splits between pages and never parses markup."""

    def __init__(
        self,
        text: str | Sequence[Span],
        style: TextStyle,
        *,
        space_before: float = 0.0,
        space_after: float = 0.0,
        lines: tuple[Line, ...] | None = None,
        bullet: str | None = None,
        indent: float = 0.0,
    ) -> None:
        super().__init__()
        self.spans = spans_of(text)
        self.style = style
        self.bullet = bullet  # drawn in the indent, before the first line
        self.indent = indent
        self.spaceBefore = space_before
        self.spaceAfter = space_after
        self._fixed_lines = lines
        self._lines: tuple[Line, ...] = lines or ()

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        if self._fixed_lines is None:
            self._lines = layout(self.spans, self.style, availWidth - self.indent)
        self.width = availWidth
        self.height = self.style.line_height * len(self._lines)
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        self.wrap(availWidth, availHeight)
        fits = int(availHeight // self.style.line_height)
        if fits <= 0 or fits >= len(self._lines):
            return []
        head = TextBlock(
            self.spans,
            self.style,
            space_before=self.spaceBefore,
            lines=self._lines[:fits],
            bullet=self.bullet,
            indent=self.indent,
        )
        tail = TextBlock(
            self.spans,
            self.style,
            space_after=self.spaceAfter,
            lines=self._lines[fits:],
            indent=self.indent,
        )
        return [head, tail]

    def draw(self) -> None:
        if self.bullet:
            draw_text(self.canv, [Span(self.bullet)], self.style, 0.0, self.height, self.indent)
        draw_lines(self.canv, self._lines, self.style, self.indent, self.height)


class SideBySide(Flowable):
    """Paragraphs next to each other in fixed shares of the width: a reference and a date, or a
    label and its value. A pair taller than the room left splits, both sides at once."""

    def __init__(
        self,
        blocks: Sequence[tuple[TextBlock, float]],
        *,
        space_before: float = 0.0,
        space_after: float = 0.0,
    ) -> None:
        super().__init__()
        self.blocks = list(blocks)  # each block with its share of the width
        self.spaceBefore = space_before
        self.spaceAfter = space_after

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        heights = [block.wrap(availWidth * share, availHeight)[1] for block, share in self.blocks]
        self.width, self.height = availWidth, max(heights, default=0.0)
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        self.wrap(availWidth, availHeight)
        heads: list[tuple[TextBlock, float]] = []
        tails: list[tuple[TextBlock, float]] = []
        for block, share in self.blocks:
            if block.height <= availHeight:
                heads.append((block, share))
                tails.append((TextBlock("", block.style), share))
                continue
            parts = block.split(availWidth * share, availHeight)
            if len(parts) != 2:
                return []  # a side that cannot give even one line: move the pair on
            head, tail = parts
            assert isinstance(head, TextBlock) and isinstance(tail, TextBlock)
            heads.append((head, share))
            tails.append((tail, share))
        return [
            SideBySide(heads, space_before=self.spaceBefore),
            SideBySide(tails, space_after=self.spaceAfter),
        ]

    def draw(self) -> None:
        x = 0.0
        for block, share in self.blocks:
            block.drawOn(self.canv, x, self.height - block.height)
            x += self.width * share
