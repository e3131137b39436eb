"""Right-to-left text: embedding levels and visual order (the Unicode Bidirectional Algorithm).

A name in Arabic script inside an English sentence must keep its words in their right order, and
reportlab orders nothing by itself. The algorithm (UAX #9: explicit embeddings and overrides,
isolates, bracket pairs, weak and neutral types) is not ours: this module delegates it to
python-bidi (the Rust unicode-bidi crate), which passes Unicode's BidiCharacterTest.txt
(tests/papers/test_bidi_conformance.py). It only adapts python-bidi to the papers, which shape
each run of one level with HarfBuzz and so need every character's level, not a reordered string:

- `embedding_levels`: python-bidi's resolved levels of one paragraph, computed on the whole
  paragraph in logical order before lines are broken, as the algorithm requires. python-bidi
  hands them out only in its `debug=True` report (levels per UTF-8 byte), read here; setup.cfg
  keeps python-bidi at 0.6.x and the conformance test fails if that report changes.
- `line_levels` (rule L1) and `visual_order` (rule L2): per line, after breaking; L2 orders the
  line's runs, whose own content the shaper draws right to left.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

from bidi import get_base_level, get_display

# Classes whose presence can give a paragraph a level other than 0 when its base is 0.
_RAISING = frozenset({"R", "AL", "AN", "LRE", "RLE", "LRO", "RLO", "LRI", "RLI", "FSI"})
_SEPARATORS = frozenset({"S", "B"})
# Rule L1: whitespace and isolate formatting characters before a separator or the line's end go
# back to the paragraph's level; characters rule X9 removed do not interrupt such a run.
_TRAILING = frozenset({"WS", "LRI", "RLI", "FSI", "PDI", "BN", "LRE", "RLE", "LRO", "RLO", "PDF"})
_LEVELS = re.compile(r"\n    levels: \[\n(.*?)\n    \],\n", re.DOTALL)
_LEVEL = re.compile(r"Level\(\s*(\d+),?\s*\)")


def bidi_class(char: str) -> str:
    """The bidirectional class; unassigned code points count as left-to-right."""
    return unicodedata.bidirectional(char) or "L"


def is_rtl_char(char: str) -> bool:
    return bidi_class(char) in ("R", "AL")


def base_level(text: str, direction: str = "auto") -> int:
    """0 for left-to-right, 1 for right-to-left; "auto" follows the first strong character
    outside isolates (rules P2, P3), left to right when there is none."""
    if direction == "rtl":
        return 1
    if direction == "ltr" or not text:
        return 0
    return 1 if get_base_level(text) % 2 else 0


def embedding_levels(text: str, base: int) -> tuple[int, ...]:
    """The resolved level of every character of one paragraph (before line breaking)."""
    return _resolved_levels(text, base)


@lru_cache(maxsize=8192)
def _resolved_levels(text: str, base: int) -> tuple[int, ...]:
    if base == 0 and not any(bidi_class(c) in _RAISING for c in text):
        return (0,) * len(text)  # the common case: nothing to resolve
    report = get_display(text, base_dir="R" if base % 2 else "L", debug=True)
    found = _LEVELS.search(str(report))
    byte_levels = [int(n) for n in _LEVEL.findall(found.group(1))] if found else []
    levels: list[int] = []
    offset = 0
    for char in text:
        levels.append(byte_levels[offset] if offset < len(byte_levels) else -1)
        offset += len(char.encode("utf-8"))
    if offset != len(byte_levels):
        raise RuntimeError("python-bidi's levels could not be read (is python-bidi 0.6.x?)")
    return tuple(levels)


def line_levels(text: str, levels: Sequence[int], base: int) -> list[int]:
    """Rule L1 for one line: separators, and whitespace before them or at the line's end, go
    back to the paragraph's level."""
    result = list(levels)
    at_end = True  # walking backwards: inside a run that ends at a separator or the line's end
    for i in range(len(text) - 1, -1, -1):
        kind = bidi_class(text[i])
        if kind in _SEPARATORS:
            result[i] = base
            at_end = True
        elif at_end and kind in _TRAILING:
            result[i] = base
        else:
            at_end = False
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
