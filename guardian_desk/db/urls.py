"""Which database to open, and how to name it to the officer, without loading SQLAlchemy.

The window shows the database's name before the database layer has finished loading.
"""

from __future__ import annotations

import os
from urllib.parse import parse_qs, urlsplit

from guardian_desk.paths import default_database_url

ENV_VAR = "GUARDIAN_DESK_DB"


def resolve_url(url: str | None = None) -> str:
    """The --db option first, then GUARDIAN_DESK_DB, then the SQLite file in the data folder.

    A bare file path is taken as a SQLite database.
    """
    chosen = url or os.environ.get(ENV_VAR) or default_database_url()
    if "://" not in chosen:
        chosen = f"sqlite:///{os.path.abspath(chosen)}"
    return chosen


def describe(url: str) -> str:
    """What to show the officer: the file, or the server and database (never the password)."""
    if url.startswith("sqlite:///"):
        return url[len("sqlite:///") :].split("?", 1)[0] or ":memory:"
    parts = urlsplit(url)
    host = parts.hostname or parse_qs(parts.query).get("host", ["localhost"])[0]
    return f"{parts.scheme.split('+')[0]}://{host}/{parts.path.lstrip('/')}"
