"""HarfBuzz shaping of one run (one font, one direction) and its PDF text operators.

Arabic letters join and Bengali letters combine only when shaped; HarfBuzz gives the glyphs and
their positions, left to right on the page (a right-to-left run comes out already reversed).
Runs are shaped once and cached: the papers print the same labels and names again and again.

Units: positions are in thousandths of the font size (all bundled fonts have 1000 units per em),
the unit of PDF's TJ operator, so a run is shaped once for every size.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import uharfbuzz

from guardian_desk.papers.fonts import ARROW, SANS, ShapedFont, family_scale, register_fonts

_FEATURES = {"kern": True, "liga": True}


@dataclass(frozen=True)
class GlyphRun:
    """A shaped run: one code per glyph, and what to add around it to place it exactly."""

    font: ShapedFont
    codes: str  # one character per glyph, as the font's ToUnicode map reads it back
    before: tuple[float, ...]  # TJ adjustment before the glyph (its x offset)
    after: tuple[float, ...]  # TJ adjustment after it (its advance minus its declared width)
    rise: tuple[float, ...]  # y offset (marks above or below their letter)
    width: float  # total advance, in thousandths of the paragraph's font size
    scale: float  # the font is drawn at this multiple of the paragraph's size
    plain: bool  # drawn with one Tj: every glyph sits where its declared width puts it


@lru_cache(maxsize=32768)
def shape(text: str, family: str, bold: bool, rtl: bool) -> GlyphRun:
    """Shape `text` in one bundled font, left to right or right to left."""
    if family == SANS and ARROW in text and len(text) > 1:
        parts = [shape(part, family, bold, rtl) for part in _split_keep(text, ARROW) if part]
        return joined(parts[::-1] if rtl else parts)
    font = register_fonts().font(family, bold)
    if text == ARROW and ord(ARROW) not in font.face.charToGlyph:
        return _drawn_arrow(font)
    buffer = uharfbuzz.Buffer()
    buffer.add_str(text)
    buffer.guess_segment_properties()
    buffer.direction = "rtl" if rtl else "ltr"
    uharfbuzz.shape(font.hb_font, buffer, _FEATURES)
    infos = buffer.glyph_infos
    positions = buffer.glyph_positions
    scale = 1000 / font.units_per_em
    clusters = _cluster_bounds([info.cluster for info in infos], len(text))
    codes: list[str] = []
    before: list[float] = []
    after: list[float] = []
    rise: list[float] = []
    total = 0.0
    i = 0
    while i < len(infos):
        cluster = infos[i].cluster
        end = i
        while end < len(infos) and infos[end].cluster == cluster:
            end += 1
        cluster_text = text[cluster : clusters[cluster]]
        if rtl and len(cluster_text) > 1:
            # Readers put right-to-left characters back in logical order by reversing what
            # they find left to right, a ligature's letters included.
            cluster_text = cluster_text[::-1]
        advances = [positions[k].x_advance * scale for k in range(i, end)]
        for k in range(i, end):
            position = positions[k]
            advance = advances[k - i]
            x_offset = position.x_offset * scale
            glyph = infos[k].codepoint
            if k == i:
                declared = _declared_width(font, glyph, cluster_text, sum(advances), end - i)
                code = font.code_for(glyph, cluster_text, declared)
            else:  # the rest of a many-glyph cluster reads as nothing and takes no room
                declared = 0
                code = font.code_for(glyph, "", 0)
            codes.append(chr(code))
            before.append(-x_offset)
            after.append(declared + x_offset - advance if k == i else x_offset - advance)
            rise.append(position.y_offset * scale)
            total += advance
        i = end
    zoom = family_scale(family)
    plain = not (any(before) or any(after) or any(rise))
    return GlyphRun(
        font, "".join(codes), tuple(before), tuple(after), tuple(rise), total * zoom, zoom, plain
    )


def _split_keep(text: str, separator: str) -> list[str]:
    parts: list[str] = []
    for n, part in enumerate(text.split(separator)):
        if n:
            parts.append(separator)
        parts.append(part)
    return parts


def joined(runs: list[GlyphRun]) -> GlyphRun:
    """Runs of one font that sit side by side, as one run (fewer PDF operators)."""
    first = runs[0]
    return GlyphRun(
        first.font,
        "".join(run.codes for run in runs),
        tuple(x for run in runs for x in run.before),
        tuple(x for run in runs for x in run.after),
        tuple(x for run in runs for x in run.rise),
        sum(run.width for run in runs),
        first.scale,
        all(run.plain for run in runs),
    )


def _drawn_arrow(font: ShapedFont) -> GlyphRun:
    """A rightwards arrow made of an en dash and a "›": Noto Sans has no arrows of its own."""
    face: Any = font.face
    dash, chevron = ord("\u2013"), ord("\u203a")
    dash_width, chevron_width = face.charWidths[dash], face.charWidths[chevron]
    overlap = round(chevron_width * 0.62)
    width = dash_width + chevron_width - overlap
    first = font.code_for(face.charToGlyph[dash], ARROW, width)
    second = font.code_for(face.charToGlyph[chevron], "", 0)
    # The dash declares the whole arrow; step back to lay the chevron over the dash's end.
    back = width - (dash_width - overlap)
    return GlyphRun(
        font,
        chr(first) + chr(second),
        (0.0, 0.0),
        (back, -chevron_width),
        (0, 0),
        width,
        1.0,
        False,
    )


def _declared_width(font: ShapedFont, glyph: int, text: str, advance: float, glyphs: int) -> int:
    """The width a glyph's code declares: its own, or the whole cluster's when it reads for it."""
    if glyphs == 1 and len(text) == 1:
        natural = font.natural_width(ord(text))
        face: Any = font.face
        if face.charToGlyph.get(ord(text)) == glyph:
            return natural
    return round(advance)


def _cluster_bounds(clusters: list[int], length: int) -> dict[int, int]:
    """Each cluster's start -> the start of the next cluster in logical order."""
    starts = sorted(set(clusters))
    bounds = {}
    for n, start in enumerate(starts):
        bounds[start] = starts[n + 1] if n + 1 < len(starts) else length
    return bounds


Chunks = Callable[[ShapedFont, str], list[tuple[str, bytes]]]


def run_operators(
    run: GlyphRun, size: float, chunks: Chunks, literal: Callable[[bytes], str]
) -> str:
    """PDF text operators that draw `run` from the current text position.

    `chunks(font, codes)` splits the codes by font subset: [(resource name, bytes), ...] for the
    document being drawn; `literal` turns bytes into an escaped PDF string.
    """
    ops: list[str] = []
    index = 0
    rise_now = 0.0
    size *= run.scale
    for resource, data in chunks(run.font, run.codes):
        ops.append(f"{resource} {size:g} Tf")
        if run.plain:
            ops.append(f"{literal(data)} Tj")
            index += len(data)
            continue
        items: list[str] = []
        pending = bytearray()
        shift = 0.0
        for byte in data:
            shift += run.before[index]
            rise = run.rise[index]
            if rise != rise_now:
                _flush(items, pending, literal)
                if items:
                    ops.append(f"[{' '.join(items)}] TJ")
                    items = []
                ops.append(f"{rise * size / 1000:.3f} Ts")
                rise_now = rise
            if abs(shift) > 0.01:
                _flush(items, pending, literal)
                items.append(f"{shift:.2f}")
            pending.append(byte)
            shift = run.after[index]
            index += 1
        _flush(items, pending, literal)
        if abs(shift) > 0.01:
            items.append(f"{shift:.2f}")
        ops.append(f"[{' '.join(items)}] TJ")
    if rise_now:
        ops.append("0 Ts")
    return " ".join(ops)


def _flush(items: list[str], pending: bytearray, literal: Callable[[bytes], str]) -> None:
    if pending:
        items.append(literal(bytes(pending)))
        pending.clear()
