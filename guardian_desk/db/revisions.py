"""The schema revisions this app knows, read from the migration scripts' text.

Opening a database asks only "which revision is the head, and is the file's one of ours?".
Alembic's ``ScriptDirectory`` answers by importing Alembic (about 0.3 s) and every migration
script, on the way to the officer's first screen (issue 16: the registry usable in under a
second). Each script states ``revision = "…"`` and ``down_revision = …`` on lines of their
own (Alembic's template), so reading those two lines answers the same question in about a
millisecond. Hand-written for that measured reason; a script this reader cannot follow sends
the question back to Alembic, and a test checks both answers agree on the shipped scripts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

_REVISION = re.compile(r"^revision\s*(?::[^=]*)?=\s*['\"]([0-9A-Za-z_]+)['\"]\s*$", re.M)
_DOWN = re.compile(r"^down_revision\s*(?::[^=]*)?=\s*(.+?)\s*$", re.M)
_QUOTED = re.compile(r"['\"]([0-9A-Za-z_]+)['\"]")


@dataclass(frozen=True)
class Revisions:
    head: str
    known: frozenset[str]


def read_revisions(folder: Path) -> Revisions | None:
    """The head and every revision of the scripts in ``folder``/versions; None when a
    script does not state them as Alembic's template does (Alembic then decides)."""
    known: set[str] = set()
    pointed: set[str] = set()
    for script in sorted((folder / "versions").glob("*.py")):
        text = script.read_text(encoding="utf-8")
        revision, down = _REVISION.search(text), _DOWN.search(text)
        if revision is None or down is None:
            return None
        known.add(revision[1])
        value = down[1]
        if value != "None":
            parents = _QUOTED.findall(value)
            if not parents:
                return None
            pointed.update(parents)
    heads = known - pointed
    if len(heads) != 1 or not pointed <= known:
        return None
    return Revisions(next(iter(heads)), frozenset(known))
