"""Serbian Cyrillic to Serbian Latin, letter for letter: the sr-Latn interface and papers.

The two Serbian alphabets correspond one to one (Вук Караџић's Cyrillic and Gaj's Latin), so
the Latin catalogue is derived from the Cyrillic one and never translated twice. Hand-written
because no library does it exactly: ICU's "Serbian-Latin/BGN" transform is not in PyICU's
wheels here, and unidecode writes ц as "ts" (measured, see domain/text.py).
"""

from __future__ import annotations

import re

from guardian_desk.domain.text import SERBIAN_LATIN

_UPPER = {k.upper(): v.capitalize() for k, v in SERBIAN_LATIN.items()}
_TABLE = str.maketrans({**SERBIAN_LATIN, **_UPPER})
# A digraph's second letter is capital in a word written all in capitals: ЉУБИЦА -> LJUBICA,
# but Љубица -> Ljubica. Only the digraph letters need the look at their neighbours.
_CAPITAL_DIGRAPH = re.compile(r"(?<=[А-ЯЂЈЉЊЋЏ])[ЉЊЏ]|[ЉЊЏ](?=[А-ЯЂЈЉЊЋЏ])")
_DIGRAPH_CAPS = {"Љ": "LJ", "Њ": "NJ", "Џ": "DŽ"}


def serbian_latin(text: str) -> str:
    """The Latin spelling of Serbian Cyrillic text; anything not Cyrillic is left as it is."""
    text = _CAPITAL_DIGRAPH.sub(lambda m: _DIGRAPH_CAPS[m.group()], text)
    return text.translate(_TABLE)
