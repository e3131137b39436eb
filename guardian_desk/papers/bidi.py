"""Right-to-left text: embedding levels and visual order (the Unicode Bidirectional Algorithm).

A name in Arabic script inside an English sentence must keep its words in their right order, and
reportlab orders nothing by itself. This implements the implicit part of UAX #9 (rules W1-W7,
N1-N2, I1-I2, L1-L2) for one paragraph. Explicit embeddings and overrides (LRE, RLO, PDF ...)
are not honoured: they are ignored like boundary neutrals, and isolates (LRI, RLI, FSI, PDI) act
as ordinary neutrals, which is enough for names, addresses and notes typed into forms.

Levels are computed on the whole paragraph (logical order), before lines are broken; the order
on each line is decided after breaking (`visual_order`), as the algorithm requires.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from functools import lru_cache

_STRONG = frozenset({"L", "R", "AL"})
_NEUTRAL = frozenset({"B", "S", "WS", "ON", "BN"})
_IGNORED = frozenset({"LRE", "RLE", "LRO", "RLO", "PDF", "BN"})
_ISOLATES = frozenset({"LRI", "RLI", "FSI", "PDI"})
_WHITESPACE_AT_LINE_END = frozenset({"WS", "S", "B", "BN", "LRI", "RLI", "FSI", "PDI"})


def bidi_class(char: str) -> str:
    """The bidirectional class; unassigned code points count as left-to-right."""
    return unicodedata.bidirectional(char) or "L"


def is_rtl_char(char: str) -> bool:
    return bidi_class(char) in ("R", "AL")


def base_level(text: str, direction: str = "auto") -> int:
    """0 for left-to-right, 1 for right-to-left; "auto" follows the first strong character."""
    if direction == "rtl":
        return 1
    if direction == "ltr":
        return 0
    for char in text:
        kind = bidi_class(char)
        if kind == "L":
            return 0
        if kind in ("R", "AL"):
            return 1
    return 0


@lru_cache(maxsize=8192)
def _resolved_levels(text: str, base: int) -> tuple[int, ...]:
    if not any(bidi_class(c) in ("R", "AL", "AN") for c in text) and base == 0:
        return (0,) * len(text)  # the common case: nothing to resolve
    types = [bidi_class(c) for c in text]
    types = ["BN" if t in _IGNORED else "ON" if t in _ISOLATES else t for t in types]
    edge = "R" if base else "L"  # sos and eos: one level run covers the paragraph
    _resolve_weak(types, edge)
    _resolve_neutral(types, edge, base)
    levels = []
    for kind in types:
        if base % 2 == 0:
            levels.append(base + (1 if kind == "R" else 2 if kind in ("AN", "EN") else 0))
        else:
            levels.append(base + (1 if kind in ("L", "EN", "AN") else 0))
    for i, original in enumerate(text):  # boundary neutrals take the level of what precedes
        if bidi_class(original) in _IGNORED:
            levels[i] = levels[i - 1] if i else base
    return tuple(levels)


def _resolve_weak(types: list[str], edge: str) -> None:
    count = len(types)
    previous = edge
    for i in range(count):  # W1: a non-spacing mark takes the type of its base
        if types[i] == "NSM":
            types[i] = previous
        elif types[i] != "BN":
            previous = types[i]
    last_strong = edge
    for i in range(count):  # W2: European digits after Arabic letters are Arabic numbers
        if types[i] in _STRONG:
            last_strong = types[i]
        elif types[i] == "EN" and last_strong == "AL":
            types[i] = "AN"
    for i in range(count):  # W3
        if types[i] == "AL":
            types[i] = "R"
    for i in range(1, count - 1):  # W4: one separator between two numbers of one kind
        before, here, after = types[i - 1], types[i], types[i + 1]
        if here == "ES" and before == after == "EN":
            types[i] = "EN"
        elif here == "CS" and before == after and before in ("EN", "AN"):
            types[i] = before
    i = 0
    while i < count:  # W5: terminators (%, $ ...) next to European digits
        if types[i] != "ET":
            i += 1
            continue
        end = i
        while end < count and types[end] in ("ET", "BN"):
            end += 1
        touches = (i > 0 and types[i - 1] == "EN") or (end < count and types[end] == "EN")
        if touches:
            for j in range(i, end):
                types[j] = "EN"
        i = end
    for i in range(count):  # W6
        if types[i] in ("ES", "ET", "CS"):
            types[i] = "ON"
    last_strong = edge
    for i in range(count):  # W7: European digits in left-to-right context are plain text
        if types[i] in ("L", "R"):
            last_strong = types[i]
        elif types[i] == "EN" and last_strong == "L":
            types[i] = "L"


def _strong_direction(kind: str) -> str:
    return "R" if kind in ("R", "AN", "EN") else kind


def _resolve_neutral(types: list[str], edge: str, base: int) -> None:
    count = len(types)
    embedding = "R" if base else "L"
    i = 0
    while i < count:
        if types[i] not in _NEUTRAL:
            i += 1
            continue
        end = i
        while end < count and types[end] in _NEUTRAL:
            end += 1
        before = _strong_direction(types[i - 1]) if i > 0 else edge
        after = _strong_direction(types[end]) if end < count else edge
        resolved = before if before == after else embedding  # N1, else N2
        for j in range(i, end):
            types[j] = resolved
        i = end


def embedding_levels(text: str, base: int) -> tuple[int, ...]:
    """The resolved level of every character of one paragraph (before line breaking)."""
    return _resolved_levels(text, base)


def line_levels(text: str, levels: Sequence[int], base: int) -> list[int]:
    """Rule L1 for one line: whitespace at the end of the line goes back to the base level."""
    result = list(levels)
    i = len(text) - 1
    while i >= 0 and bidi_class(text[i]) in _WHITESPACE_AT_LINE_END:
        result[i] = base
        i -= 1
    return result


def visual_order(levels: Sequence[int]) -> list[int]:
    """Rule L2: the indexes of the items of one line, left to right on the page.

    Items are runs of one level each (or single characters); a right-to-left item's own content
    is drawn right to left by the shaper, so only the items are reordered here.
    """
    order = list(range(len(levels)))
    if not levels:
        return order
    highest = max(levels)
    lowest_odd = min((lvl for lvl in levels if lvl % 2), default=highest + 1)
    for level in range(highest, lowest_odd - 1, -1):
        i = 0
        while i < len(order):
            if levels[order[i]] < level:
                i += 1
                continue
            end = i
            while end < len(order) and levels[order[end]] >= level:
                end += 1
            order[i:end] = reversed(order[i:end])
            i = end
    return order
