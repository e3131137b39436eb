"""Unicode-aware folding for search: case- and accent-insensitive in every script.

SQLite's lower() and LIKE only fold ASCII, so every searchable record keeps a folded copy
of its searchable text and the query is folded the same way. A change to `fold` therefore
needs a migration that recomputes the stored ``search_text`` (with its own copy of `fold`).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

# Serbian Cyrillic to Serbian Latin, the official one-to-one alphabet correspondence (the
# same table yields the sr-Latn interface). A small explicit table rather than a library:
# unidecode (measured, 1.4) writes ц as "ts" and ћ as "tsh", which no Serbian would type.
SERBIAN_LATIN = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "ђ": "đ", "е": "e", "ж": "ž",
    "з": "z", "и": "i", "ј": "j", "к": "k", "л": "l", "љ": "lj", "м": "m", "н": "n",
    "њ": "nj", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "ћ": "ć", "у": "u",
    "ф": "f", "х": "h", "ц": "c", "ч": "č", "џ": "dž", "ш": "š",
}  # fmt: skip
# The Macedonian letters Serbian lacks, by Macedonia's official romanisation; ј, љ, њ and џ
# are written as in Serbian. ѓ and ќ are mapped before marks go: NFKD would make them г, к.
MACEDONIAN_LATIN = {"ѓ": "gj", "ќ": "kj", "ѕ": "dz"}

# Letters that do not decompose under NFKD but that an officer types without the mark.
_EXTRA = {
    "ø": "o",
    "ł": "l",
    "đ": "d",
    "ħ": "h",
    "ı": "i",
    "ß": "ss",
    "æ": "ae",
    "œ": "oe",
    "þ": "th",
}

# Arabic-script letters that Arabic, Persian (Dari), Urdu and Pashto keyboards write
# differently for the same name: one officer types مصطفي, the card says مصطفی. Alef with
# hamza or madda (أ إ آ) and yeh/waw with hamza already lose the hamza as a combining mark.
_ARABIC = {
    "ی": "ي",  # Farsi yeh
    "ى": "ي",  # alef maksura: final yeh in Egyptian and older spelling
    "ې": "ي",  # Pashto yeh
    "ک": "ك",  # keheh, the Persian kaf
    "ڪ": "ك",  # swash kaf
    "ٱ": "ا",  # alef wasla
    "ة": "ه",  # teh marbuta: فاطمة in Arabic is فاطمه in Dari
    "ە": "ه",  # ae (and heh with yeh above, ۀ, once its hamza is gone)
    "ھ": "ه",  # heh doachashmee (Urdu)
    "ہ": "ه",  # heh goal (Urdu)
}

# Dropped: tatweel, and the joiners and direction marks that may sit inside a name (a ZWNJ
# in محمد‌رضا must not stop محمدرضا from matching), and the soft hyphen.
_DROPPED = "\u0640\u200c\u200d\u200e\u200f\u061c\u00ad"


def _strip_marks(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


# The digits of the scripts officers meet (Arabic-Indic ٠-٩, Persian ۰-۹, Devanagari,
# Bengali), by their zeros: each script's ten digits are consecutive. Full-width digits
# already become ASCII under NFKD. (Scanning all of Unicode costs 70 ms at start-up.)
_DIGIT_ZEROS = (0x0660, 0x06F0, 0x0966, 0x09E6)
_DIGITS = {zero + n: str(n) for zero in _DIGIT_ZEROS for n in range(10)}

_BEFORE_MARKS = {ord(ch): latin for ch, latin in MACEDONIAN_LATIN.items()}
_EXTRA_TABLE = {ord(ch): plain for ch, plain in _EXTRA.items()}
_CYRILLIC_FOLDED = {
    cyrillic: _strip_marks(latin).translate(_EXTRA_TABLE)
    for cyrillic, latin in SERBIAN_LATIN.items()
}
_AFTER_MARKS: dict[int, str] = (
    {ord(ch): out for ch, out in (_CYRILLIC_FOLDED | _EXTRA | _ARABIC).items()}
    | {ord(ch): "" for ch in _DROPPED}
    | _DIGITS
)


def fold(text: str) -> str:
    """The canonical form a search compares: one per name, whatever script or keyboard.

    Casefold; Serbian and Macedonian Cyrillic become Latin (so Јовановић and Jovanović both
    fold to ``jovanovic``); combining marks go (accents, Arabic harakat, hamza seats); Arabic
    and Persian letter variants become one; Arabic, Persian, Devanagari and Bengali digits
    become ASCII; tatweel and joiners go. Other Cyrillic letters (ы, я, щ ...) stay Cyrillic
    and match as before.
    """
    composed = unicodedata.normalize("NFC", text.casefold()).translate(_BEFORE_MARKS)
    return unicodedata.normalize("NFC", _strip_marks(composed).translate(_AFTER_MARKS))


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
