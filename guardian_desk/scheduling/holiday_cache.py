"""The office's public holidays kept on disk, one small file per country and year.

The `holidays` package answers one country by importing every country it knows (its
``holidays.countries`` package imports them all): about 0.2 s of CPU at each start, on the
way to the home page's deadlines (20,000 children: bench/startup.py). The answer for a
country and year changes only with the package, so it is kept in the data folder under
the package's version and read back on later starts (well under a millisecond). A missing,
unreadable or foreign file is computed again; a folder that cannot be written is not used.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from datetime import date
from importlib import metadata
from pathlib import Path

log = logging.getLogger(__name__)

FOLDER = "holidays"


def load(country: str, year: int) -> dict[date, str] | None:
    """The kept holidays by date with their names, or None when none are kept."""
    path = _path(country, year)
    if path is None:
        return None
    try:
        kept = json.loads(path.read_text(encoding="utf-8"))
        return {date.fromisoformat(day): str(name) for day, name in kept.items()}
    except FileNotFoundError:
        return None
    except (OSError, ValueError, AttributeError, TypeError):
        log.info("a kept holiday file could not be read; computed again")
        return None


def keep(country: str, year: int, names: dict[date, str]) -> None:
    """Write the holidays for later starts; quietly nothing when the folder is not writable."""
    path = _path(country, year)
    if path is None:
        return
    text = json.dumps({day.isoformat(): name for day, name in sorted(names.items())})
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, scratch = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(scratch, path)
    except OSError:
        log.info("the holidays could not be kept for later starts")


def _path(country: str, year: int) -> Path | None:
    from guardian_desk.paths import data_dir

    try:
        version = metadata.version("holidays")
    except metadata.PackageNotFoundError:  # a frozen build without the package's metadata
        return None
    code = "".join(ch for ch in country.upper() if ch.isalnum())
    if not code or not version:
        return None
    try:
        return data_dir() / FOLDER / f"{code}-{int(year)}-{version}.json"
    except OSError:
        return None
