"""Rules of the house that a test can hold us to."""

from __future__ import annotations

import ast
from pathlib import Path

CORE = Path(__file__).resolve().parents[2] / "guardian_desk"
UI = CORE.parent / "ui"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


# `python -m guardian_desk` starts the desktop app: an entry point, not core code.
ENTRY_POINT = CORE / "__main__.py"


def test_core_never_imports_qt() -> None:
    offenders = {
        str(path.relative_to(CORE.parent)): sorted(
            m for m in _imports(path) if m.split(".")[0] in {"PySide6", "ui"}
        )
        for path in CORE.rglob("*.py")
        if path != ENTRY_POINT
    }
    assert {k: v for k, v in offenders.items() if v} == {}


SQL_BUILDERS = {"select", "insert", "update", "delete", "text", "func", "and_", "or_"}


def _sql_builders(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("sqlalchemy")
        for alias in node.names
        if alias.name in SQL_BUILDERS
    }


def test_ui_builds_no_sql() -> None:
    offenders = {str(p.relative_to(UI.parent)): _sql_builders(p) for p in UI.rglob("*.py")}
    assert {k: v for k, v in offenders.items() if v} == {}
