"""Cells a spreadsheet would run as a formula are written with a leading apostrophe.

Excel, LibreOffice and Google Sheets treat a cell that starts with ``= + - @``, a tab or a
carriage return as a formula (CSV injection: ``=HYPERLINK(...)`` sends data away when
clicked). Following OWASP, such a cell is written with a leading apostrophe, which the
spreadsheet shows as text.

The rule, by column (docs/formats.md, "Cells that look like formulas"):

- Every column is neutralised, including phone numbers: ``+35569...`` is stored as E.164,
  and a spreadsheet reads it as a formula or a number (the plus and leading zeros lost).
- Except the number columns (latitude, longitude, max_caseload) when the cell is a plain
  decimal number such as ``-19.8187``: a spreadsheet reads it as that number, never a
  formula, and an apostrophe would turn coordinates into text. Anything else in them
  (which the exporter never writes) is neutralised like the rest.

To make export then import the identity, a cell that already starts with apostrophes
followed by one of those characters gets one more apostrophe, and import removes exactly
one leading apostrophe from a cell made of apostrophes followed by one of those characters.
"""

from __future__ import annotations

import re

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
NUMBER_COLUMNS = frozenset({"latitude", "longitude", "max_caseload"})

# Zero or more apostrophes, then a character that starts a formula.
_NEEDS_MARK = re.compile(r"'*[=+\-@\t\r]")
_PLAIN_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?", re.ASCII)


def neutralised(column: str, value: str) -> str:
    """The cell as written to a CSV file."""
    if column in NUMBER_COLUMNS and _PLAIN_NUMBER.fullmatch(value):
        return value
    return "'" + value if _NEEDS_MARK.match(value) else value


def restored(value: str) -> str:
    """The cell as read from a CSV file: the exporter's apostrophe removed, if it added one."""
    return value[1:] if value.startswith("'") and _NEEDS_MARK.match(value, 1) else value
