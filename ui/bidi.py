"""Names of either direction inside a line of text."""

from __future__ import annotations

_ISOLATE = "\u2068{0}\u2069"  # FSI … PDI: the name is one unit, whatever its direction


def isolated(text: str) -> str:
    """A name as one unit inside a sentence, so a right-to-left name cannot reorder the rest."""
    return _ISOLATE.format(text) if text else ""
