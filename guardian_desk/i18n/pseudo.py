"""The pseudo-locale: every translated string decorated and 40 % longer.

A string that shows on screen without the brackets bypassed translation; a label that is cut
off with them will be cut off in Albanian (which runs about a third longer than English).
Placeholders ({name}, %n, %1), mnemonics (&) and markup (<b>) stay as they are.
"""

from __future__ import annotations

import re

OPEN, CLOSE = "⟦", "⟧"
_ACCENTED = str.maketrans(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "àƀçđéƒĝĥîĵķĺɱñöþǫŕšţûṽŵẋýžÀƁÇĐÉƑĜĤÎĴĶĹṀÑÖÞǪŔŠŢÛṼŴẊÝŽ",
)
# Left as they are: {placeholders}, %n / %1 / %s, <markup>, &entities;, URLs.
_KEEP = re.compile(r"\{[^{}]*\}|%[0-9n]|%\([a-z_]+\)[sd]|%[sd]|<[^<>]*>|&[a-z]+;|https?://\S+")


def decorate(text: str) -> str:
    if not text or text.startswith(OPEN):
        return text
    pieces, last = [], 0
    for match in _KEEP.finditer(text):
        pieces.append(text[last : match.start()].translate(_ACCENTED))
        pieces.append(match.group())
        last = match.end()
    pieces.append(text[last:].translate(_ACCENTED))
    padding = "·" * max(1, round(len(text) * 0.4) - 2)
    return f"{OPEN}{''.join(pieces)}{padding}{CLOSE}"


def is_decorated(text: str) -> bool:
    return OPEN in text and CLOSE in text
