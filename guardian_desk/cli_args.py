"""Argument types for the command line: the same strict forms as the records.

argparse's own `int`, `float` and `date.fromisoformat` accept `1_5`, `١٥`, `nan` and
`2026-W05-2`; these accept only what docs/formats.md documents, and a refusal is argparse's
usage error naming the value (exit status 2), not a traceback.
"""

from __future__ import annotations

import argparse
from datetime import date

from guardian_desk.domain import validation as v
from guardian_desk.domain.errors import ValidationError


def date_arg(text: str) -> date:
    try:
        return v.iso_date("date", text)
    except ValidationError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date in the form YYYY-MM-DD") from None


def whole_number_arg(text: str) -> int:
    if not v.INT_RE.fullmatch(text.strip()):
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number (digits 0-9)")
    return int(text)


def seconds_arg(text: str) -> float:
    if not v.DECIMAL_RE.fullmatch(text.strip()):
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds (like 15 or 2.5)")
    return float(text)
