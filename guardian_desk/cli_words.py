"""argparse's own words ("usage:", "the following arguments are required") in the interface
language: argparse looks them up through its module's gettext functions, which we point at
our catalogue (Python ships no Albanian, Serbian or Macedonian catalogue for them).
"""

from __future__ import annotations

import argparse

from guardian_desk import i18n
from guardian_desk.i18n import N_

# The argparse messages an administrator sees; Babel extracts them from here.
ARGPARSE_WORDS = (
    N_("usage: "),
    N_("argument %(argument_name)s: %(message)s"),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("show program's version number and exit"),
    N_("unrecognized arguments: %s"),
    N_("the following arguments are required: %s"),
    N_("one of the arguments %s is required"),
    N_("not allowed with argument %s"),
    N_("expected one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("invalid %(type)s value: %(value)r"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("%(prog)s: error: %(message)s\n"),
)


def translate_argparse() -> None:
    """From now on argparse's words come from the active catalogue."""
    argparse._ = i18n._  # type: ignore[attr-defined]
    argparse.ngettext = i18n.ngettext  # type: ignore[attr-defined]
