"""Unicode-aware folding for search: case- and accent-insensitive in every script.

SQLite's lower() and LIKE only fold ASCII, so every searchable record keeps a folded copy
of its searchable text and the query is folded the same way.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

# Letters that do not decompose under NFKD but that an officer types without the mark.
_EXTRA = str.maketrans(
    {
        "ø": "o",
        "ł": "l",
        "đ": "d",
        "ħ": "h",
        "ı": "i",
        "ß": "ss",
        "æ": "ae",
        "œ": "oe",
        "þ": "th",
        "ـ": "",
    }
)


def fold(text: str) -> str:
    """Casefold, drop combining marks (diacritics, Arabic harakat, hamza seats) and tatweel."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped.translate(_EXTRA))


def search_blob(parts: Iterable[str | None]) -> str:
    """The folded text a record is found by; parts are joined by a separator no query contains."""
    return "\x1f".join(fold(p) for p in parts if p)


def escape_like(term: str) -> str:
    """Escape LIKE wildcards so that a user's % or _ match literally (ESCAPE '\\')."""
    return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


# --- characters a single-line value must not hide ----------------------------------------------

# Format characters that belong inside words: ZWNJ in Persian/Dari (می‌خواهم), ZWJ in Bengali
# and Sinhala conjuncts, the direction marks, and the visible Arabic/Syriac/Kaithi number signs.
JOINERS = frozenset("\u200c\u200d\u200e\u200f\u061c")
_VISIBLE_FORMAT = frozenset("\u0600\u0601\u0602\u0603\u0604\u0605\u06dd\u070f\u08e2\U000110bd")
_ALLOWED_FORMAT = JOINERS | _VISIBLE_FORMAT
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Letters and symbols that draw nothing: fillers used to make a name look empty.
_BLANK_GRAPHICS = frozenset("\u115f\u1160\u3164\uffa0\u2800")
_SPECIAL_NAMES = {
    "\ufeff": "byte-order mark",
    "\n": "line break",
    "\r": "carriage return",
    "\t": "tab",
    "\ufffd": "replacement character",
}


def code_point(ch: str) -> str:
    """``U+202E``: how a message names a character that cannot be shown."""
    return f"U+{ord(ch):04X}"


def char_name(ch: str) -> str:
    """A character's name in plain words (``right-to-left override``)."""
    return _SPECIAL_NAMES.get(ch) or unicodedata.name(ch, "").lower() or "unnamed character"


def shown(text: str) -> str:
    """The text with every hidden or control character written as ``[U+XXXX]``.

    Error messages show this instead of echoing invisible characters (a right-to-left
    override would reverse the message around it). Line breaks and tabs stay: every
    message writes them as \\n and \\t already.
    """
    out = []
    for ch in text:
        category = unicodedata.category(ch)
        hidden = (category[0] == "C" and ch not in "\n\r\t") or category in ("Zl", "Zp")
        out.append(f"[{code_point(ch)}]" if hidden else ch)
    return "".join(out)


def is_blank(ch: str) -> bool:
    """Draws nothing on its own: spaces, format characters, combining marks, fillers."""
    category = unicodedata.category(ch)
    return category in ("Zs", "Zl", "Zp", "Cc", "Cf", "Mn", "Me") or ch in _BLANK_GRAPHICS


def has_visible(text: str) -> bool:
    return any(not is_blank(ch) for ch in text)


def hidden_problem(text: str, *, multiline: bool = False) -> str | None:
    """What is wrong with the first character a value must not contain, in plain words.

    Refused: control characters (line breaks too unless ``multiline``; tabs are kept there),
    line and paragraph separators, bidi embeddings, overrides and isolates, byte-order marks
    and other invisible format characters, private-use and broken (surrogate) characters,
    and U+FFFD, which marks text damaged by a wrong encoding. None when the text is fine.
    """
    for ch in text:
        category = unicodedata.category(ch)
        where = f"{char_name(ch)} ({code_point(ch)})"
        if category == "Cc":
            if multiline and ch in "\n\t":
                continue
            if ch in "\n\r":
                return f"contains a line break ({code_point(ch)}); it must be a single line"
            if ch in _SPECIAL_NAMES:
                return f"contains a {where}"
            return f"contains a control character ({code_point(ch)})"
        if category in ("Zl", "Zp"):
            fix = "use an ordinary line break" if multiline else "it must be a single line"
            return f"contains a {where}; {fix}"
        if ch in _BIDI_CONTROLS:
            return f"contains a hidden {char_name(ch)} character ({code_point(ch)})"
        if category == "Cf" and ch not in _ALLOWED_FORMAT:
            return f"contains a hidden {where}"
        if category == "Co":
            return f"contains a private-use character ({code_point(ch)}) that no font agrees on"
        if category == "Cs" or ch == "\ufffd" or _is_noncharacter(ch):
            return (
                f"contains a damaged character ({code_point(ch)}): the text was read with a "
                "wrong encoding; type it again"
            )
    return None


def _is_noncharacter(ch: str) -> bool:
    point = ord(ch)
    return 0xFDD0 <= point <= 0xFDEF or (point & 0xFFFE) == 0xFFFE


def trim(text: str) -> str:
    """NFC, then no whitespace or stray joiners/direction marks at either end."""
    normal = unicodedata.normalize("NFC", text)
    edges = "".join(JOINERS)
    previous = None
    while previous != normal:
        previous = normal
        normal = normal.strip().strip(edges)
    return normal
