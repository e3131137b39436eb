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
