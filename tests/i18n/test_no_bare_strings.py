"""A message the core raises or prints to a person goes through translation.

Static, over guardian_desk/: an exception a person reads (anything but the programmer's
ValueError, TypeError, AssertionError ...) raised with a literal or f-string sentence, or a
print() of one, bypassed the catalogue. The pseudo-locale walk (tests/ui) catches the rest on
screen.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import guardian_desk

ROOT = Path(guardian_desk.__file__).parent
PROGRAMMERS = {
    "ValueError",
    "TypeError",
    "AssertionError",
    "RuntimeError",
    "NotImplementedError",
    "KeyError",
    "AttributeError",
    "LookupError",
    "SystemExit",
    "SnapshotConflict",  # caught and retried inside the unit of work, never shown
}
SENTENCE = re.compile(r"[A-Za-z]{2,}\s+[a-z]{2,}")
# Demo data is data; the translation tool speaks to developers and translators in English.
SKIPPED = {"demo", "i18n"}


def _literal_text(node: ast.AST) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(
            part.value
            for part in node.values
            if isinstance(part, ast.Constant) and isinstance(part.value, str)
        )
    return None


def _name(call: ast.Call) -> str:
    func = call.func
    return getattr(func, "id", None) or getattr(func, "attr", "")


def bare_messages() -> list[str]:
    found = []
    for path in sorted(ROOT.rglob("*.py")):
        relative = path.relative_to(ROOT)
        if relative.parts[0] in SKIPPED:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            call = None
            if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call):
                call = node.exc if _name(node.exc) not in PROGRAMMERS else None
            elif isinstance(node, ast.Call) and _name(node) == "print":
                call = node
            if call is None or not call.args:
                continue
            text = _literal_text(call.args[0])
            if text and SENTENCE.search(text):
                found.append(f"{relative}:{call.lineno}: {text[:70]!r}")
    return found


def test_no_sentence_is_raised_or_printed_without_translation() -> None:
    assert bare_messages() == []
