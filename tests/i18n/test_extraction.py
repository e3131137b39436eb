"""Every literal the code hands to a translation function reaches the catalogue template.

Babel's extractor silently drops a call whose argument count has no keyword spec: ruff's
trailing comma after a count (``self.tr("… %n …", "", n,)``) once counted as a fourth argument,
and such strings stayed English in every language.
"""

from __future__ import annotations

import ast
from pathlib import Path

from guardian_desk.i18n.tool import build_template

ROOT = Path(__file__).resolve().parents[2]
FUNCTIONS = {"_", "N_", "ngettext", "pgettext", "tr"}


def _literal(node: ast.expr) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def _called(tree: ast.AST) -> list[tuple[int, str, str | None]]:
    """(line, message, context) of every call with literal arguments."""
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
        if name not in FUNCTIONS:
            continue
        if name == "pgettext" and len(node.args) >= 2:
            context, text = _literal(node.args[0]), _literal(node.args[1])
        elif name == "tr" and len(node.args) >= 2:
            text, context = _literal(node.args[0]), _literal(node.args[1]) or None
        else:
            text, context = _literal(node.args[0]), None
        if text:
            found.append((node.lineno, text, context))
    return found


def test_every_literal_given_to_a_translation_function_is_extracted() -> None:
    template = build_template()
    known = {
        (m.id if isinstance(m.id, str) else m.id[0], m.context or None) for m in template if m.id
    }
    missing = []
    for folder in ("guardian_desk", "ui"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for line, text, context in _called(tree):
                if (text, context) not in known:
                    missing.append(f"{path.relative_to(ROOT)}:{line}: {text[:60]!r}")
    assert missing == [], "not in the template (the extractor dropped them):\n" + "\n".join(missing)
