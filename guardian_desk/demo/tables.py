"""Readable name tables and the small helpers that pick from them.

A table is written as text: items separated by ``;`` or line breaks, each item either a single
form (``Rojhat``) or two forms joined by ``=`` (``Ahmad=احمد``: Latin transliteration and the
name in its own script) or by ``/`` (``Παπαδόπουλος/Παπαδοπούλου``: masculine and feminine
family name). Earlier items are picked more often, as common names are.
"""

from __future__ import annotations

import random
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import accumulate
from typing import Generic, TypeVar

from guardian_desk.domain.text import fold

Pair = tuple[str, str]
T = TypeVar("T")


@dataclass(frozen=True)
class Table:
    items: tuple[Pair, ...]
    cum_weights: tuple[float, ...]

    def pick(self, rng: random.Random) -> Pair:
        point = rng.random() * self.cum_weights[-1]
        return self.items[bisect_right(self.cum_weights, point)]

    def __len__(self) -> int:
        return len(self.items)


def table(text: str, *, skew: float = 0.5) -> Table:
    """Parse a table; ``skew`` 0 picks uniformly, higher favours the first items."""
    items: list[Pair] = []
    for raw in re.split(r"[;\n]", text):
        item = unicodedata.normalize("NFC", raw.strip())
        if not item:
            continue
        for separator in ("=", "/"):
            if separator in item:
                first, second = (part.strip() for part in item.split(separator, 1))
                items.append((first, second))
                break
        else:
            items.append((item, ""))
    if not items:
        raise ValueError("empty name table")
    weights = [1 / (rank + 2) ** skew for rank in range(len(items))]
    return Table(tuple(items), tuple(accumulate(weights)))


class Picker(Generic[T]):
    """Picks items in proportion to their weights (cumulative weights computed once)."""

    def __init__(self, items: Sequence[T], weights: Sequence[float]) -> None:
        if not items or len(items) != len(weights):
            raise ValueError("a picker needs as many weights as items, and at least one")
        self.items = tuple(items)
        self.cum_weights = tuple(accumulate(weights))

    @classmethod
    def of(cls, choices: Mapping[T, float]) -> Picker[T]:
        return cls(list(choices), list(choices.values()))

    def pick(self, rng: random.Random) -> T:
        point = rng.random() * self.cum_weights[-1]
        return self.items[bisect_right(self.cum_weights, point)]


_CYRILLIC = {
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "g",
    "д": "d",
    "ѓ": "gj",
    "е": "e",
    "ж": "zh",
    "з": "z",
    "ѕ": "dz",
    "и": "i",
    "й": "y",
    "ј": "j",
    "к": "k",
    "л": "l",
    "љ": "lj",
    "м": "m",
    "н": "n",
    "њ": "nj",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "ќ": "kj",
    "ћ": "c",
    "у": "u",
    "ф": "f",
    "х": "h",
    "ц": "c",
    "ч": "ch",
    "џ": "dz",
    "ш": "sh",
    "щ": "sht",
    "ъ": "a",
    "ь": "",
    "ю": "yu",
    "я": "ya",
    "ђ": "dj",
}
_GREEK = {
    "α": "a",
    "β": "v",
    "γ": "g",
    "δ": "d",
    "ε": "e",
    "ζ": "z",
    "η": "i",
    "θ": "th",
    "ι": "i",
    "κ": "k",
    "λ": "l",
    "μ": "m",
    "ν": "n",
    "ξ": "x",
    "ο": "o",
    "π": "p",
    "ρ": "r",
    "σ": "s",
    "ς": "s",
    "τ": "t",
    "υ": "y",
    "φ": "f",
    "χ": "ch",
    "ψ": "ps",
    "ω": "o",
}
_GREEK_PAIRS = {
    "αυ": "av",
    "ευ": "ev",
    "ου": "ou",
    "αι": "ai",
    "ει": "ei",
    "οι": "oi",
    "μπ": "b",
    "ντ": "nt",
}

_SERBIAN_DIGRAPHS = {"lj": "љ", "nj": "њ", "dž": "џ", "Lj": "Љ", "Nj": "Њ", "Dž": "Џ"}
_SERBIAN = dict(
    zip(
        "abcčćdđefghijklmnoprsštuvzž",
        "абцчћдђефгхијклмнопрсштувзж",
        strict=True,
    )
)


def to_ascii(text: str) -> str:
    """Lower-case ASCII letters for an e-mail address: folded Latin, transliterated Cyrillic
    and Greek, everything else dropped."""
    folded = fold(text)
    for pair, latin in _GREEK_PAIRS.items():
        folded = folded.replace(pair, latin)
    out = []
    for ch in folded:
        if "a" <= ch <= "z":
            out.append(ch)
        else:
            out.append(_CYRILLIC.get(ch) or _GREEK.get(ch) or "")
    return "".join(out)


def serbian_cyrillic(latin: str) -> str:
    """Serbian Latin (Gaj) to Cyrillic (Vuk); the two alphabets map one to one."""
    for digraph, letter in _SERBIAN_DIGRAPHS.items():
        latin = latin.replace(digraph, letter)
    out = []
    for ch in latin:
        lower = ch.lower()
        mapped = _SERBIAN.get(lower)
        if mapped is None:
            out.append(ch)
        else:
            out.append(mapped.upper() if ch != lower else mapped)
    return "".join(out)
