"""The bidi algorithm on the cases the papers meet (checked against UAX #9 by hand)."""

from __future__ import annotations

import pytest

from guardian_desk.papers.bidi import base_level, embedding_levels, line_levels, visual_order


def display(text: str, direction: str = "ltr") -> str:
    """The characters in the order they stand on the page, left to right."""
    base = base_level(text, direction)
    levels = line_levels(text, embedding_levels(text, base), base)
    return "".join(text[i] for i in visual_order(levels))


@pytest.mark.parametrize(
    ("text", "direction", "expected"),
    [
        ("Ana Kovač", "ltr", "Ana Kovač"),
        ("محمد علي", "ltr", "يلع دمحم"),
        ("guardian of محمد علي (case 7).", "ltr", "guardian of يلع دمحم (case 7)."),
        ("محمد 12 علي", "ltr", "يلع 12 دمحم"),  # numbers keep their own order
        ("الوصي: Ana", "rtl", "Ana :يصولا"),
        ("Ana 1-2", "rtl", "Ana 1-2"),
        ("علي ", "ltr", "يلع "),  # a trailing space stays at the end (rule L1)
        ("x\u064e", "ltr", "x\u064e"),  # a mark keeps its letter's direction
        # Brackets stay around what they enclose (rule N0, which the hand-written algorithm lacked).
        ("Ali (محمد) علي", "ltr", "Ali (دمحم) يلع"),
        ("Ana [علي] محمد", "ltr", "Ana [يلع] دمحم"),
    ],
)
def test_visual_order(text: str, direction: str, expected: str) -> None:
    assert display(text, direction) == expected


def test_automatic_direction_follows_the_first_letter() -> None:
    assert base_level("12 محمد Ana", "auto") == 1
    assert base_level("Ana محمد", "auto") == 0
    assert base_level("123", "auto") == 0


def test_european_digits_after_arabic_letters_are_arabic_numbers() -> None:
    levels = embedding_levels("محمد 12", 0)
    assert levels[-2:] == (2, 2)
