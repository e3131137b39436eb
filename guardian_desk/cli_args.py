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
from guardian_desk.i18n import _


def date_arg(text: str) -> date:
    try:
        return v.iso_date("date", text)
    except ValidationError:
        raise argparse.ArgumentTypeError(
            # TRANSLATORS: {value} is what was typed, quoted; YYYY-MM-DD is the form to type.
            _("{value} is not a date in the form YYYY-MM-DD").format(value=repr(text))
        ) from None


def whole_number_arg(text: str) -> int:
    if not v.INT_RE.fullmatch(text.strip()):
        raise argparse.ArgumentTypeError(
            # TRANSLATORS: {value} is what was typed, quoted.
            _("{value} is not a whole number (digits 0-9)").format(value=repr(text))
        )
    return int(text)


def seconds_arg(text: str) -> float:
    if not v.DECIMAL_RE.fullmatch(text.strip()):
        raise argparse.ArgumentTypeError(
            # TRANSLATORS: {value} is what was typed, quoted.
            _("{value} is not a number of seconds (like 15 or 2.5)").format(value=repr(text))
        )
    return float(text)
