"""What the first screen needs, loaded on a thread of its own while the database opens.

The CLDR data of numbers and dates (Babel's, about 0.1 s of unpickling) was loaded on the
GUI thread by the first figure shown: on the way to the sidebar (the office's language)
and to a registry's first rows. Loaded beside the worker it overlaps the database's round
trips (a server's) or the worker's imports; the GUI thread then finds it ready.
"""

from __future__ import annotations

import logging
import threading

from guardian_desk.i18n import current_language

log = logging.getLogger(__name__)

_started: set[str] = set()


def load_formats_beside() -> None:
    """Start loading the interface language's formats, once per language."""
    language = current_language()
    if language in _started:
        return
    _started.add(language)
    threading.Thread(target=_load, name="formats", daemon=True).start()


def _load() -> None:
    try:
        from guardian_desk.i18n.formats import load_formats

        load_formats()
    except Exception as error:  # the first figure shown loads them again, and says why
        log.info("the formats were not loaded ahead (%s)", type(error).__name__)
