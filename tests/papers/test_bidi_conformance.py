"""The papers' bidi levels and order against Unicode's own conformance test and python-bidi."""

from __future__ import annotations

import lzma
from pathlib import Path

from bidi import get_display
from hypothesis import given, settings
from hypothesis import strategies as st

from guardian_desk.papers.bidi import base_level, embedding_levels, line_levels, visual_order

TEST_FILE = Path(__file__).parent / "data" / "BidiCharacterTest.txt.xz"  # see data/README.md
DIRECTIONS = ("ltr", "rtl", "auto")


def _check(fields: list[str]) -> str | None:
    """What one test line's case gets wrong (None when nothing)."""
    points, direction, paragraph, levels, order = fields
    text = "".join(chr(int(point, 16)) for point in points.split())
    expected = levels.split()
    base = base_level(text, DIRECTIONS[int(direction)])
    if base != int(paragraph):
        return f"paragraph level {base}"
    got = line_levels(text, embedding_levels(text, base), base)
    kept = [i for i, level in enumerate(expected) if level != "x"]  # removed by rule X9
    if any(got[i] != int(expected[i]) for i in kept):
        return f"levels {got}"
    visual = [kept[j] for j in visual_order([got[i] for i in kept])]
    if visual != [int(i) for i in order.split()]:
        return f"order {visual}"
    return None


def test_every_case_of_bidi_character_test_passes() -> None:
    lines = lzma.decompress(TEST_FILE.read_bytes()).decode("utf-8").splitlines()
    assert lines[0] == "# BidiCharacterTest-15.0.0.txt"
    cases = 0
    failures: list[str] = []
    for line in lines:
        data = line.split("#", 1)[0].strip()
        if not data:
            continue
        cases += 1
        wrong = _check(data.split(";"))
        if wrong:
            failures.append(f"{data} -> {wrong}")
    assert cases == 91_707
    assert not failures, f"{len(failures)} cases fail, the first: {failures[:3]}"


MIXED = st.text(
    st.sampled_from(
        [
            *"ab Z19.,-+%$()[]{}<>\"'",
            # Arabic, Hebrew, one to four UTF-8 bytes, no-break space, isolates, a mark
            *("\u0627", "\u0644", "\u0645", "\u064e", "\u05d0", "\u0661", "\u06f2"),
            *("\u00e9", "\u4e2d", "\U0001f600", "\u00a0", "\u2068", "\u2069", "\u200f"),
        ]
    ),
    max_size=40,
)


@settings(max_examples=400, deadline=None)
@given(text=MIXED, direction=st.sampled_from(("ltr", "rtl")))
def test_the_order_on_the_page_is_python_bidis(text: str, direction: str) -> None:
    """Characters of one to four UTF-8 bytes, brackets, numbers, marks and isolates in a line."""
    base = base_level(text, direction)
    levels = line_levels(text, embedding_levels(text, base), base)
    on_page = "".join(text[i] for i in visual_order(levels))
    # python-bidi does not mirror brackets in right-to-left runs: HarfBuzz does when it shapes.
    assert on_page == get_display(text, base_dir="R" if base else "L")
