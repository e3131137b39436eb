"""No module of ours reaches into another module's private names.

A name with a leading underscore is private to the module that defines it: a top-level
function, class or constant, a class's method or attribute, an attribute set on ``self``.
Another module may not import it (``from guardian_desk.cli import _unit_of_work``), read it off
an object (``window._action``) or ask for it by name (``getattr(window, "_forget")``); it asks
the defining module for a public name instead. The defining module itself may (a method reading
``other._stored`` of another instance of its class). Names no module of ours defines (Qt's,
the standard library's, reportlab's) are left alone, and so is ``_``, the translation function,
which every module imports on purpose.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("guardian_desk", "ui")
TRANSLATE = "_"
OWN = {"self", "cls"}
NAMED_ACCESS = {"getattr", "setattr", "hasattr", "delattr"}


def is_private(name: str) -> bool:
    return name.startswith("_") and name != TRANSLATE and not name.endswith("__")


def defined_private_names(tree: ast.AST) -> set[str]:
    """The private names a module defines: functions, classes, assigned names, attributes."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            name = node.name
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            name = node.id
        elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
            name = node.attr
        else:
            continue
        if is_private(name):
            names.add(name)
    return names


def _is_own(value: ast.expr) -> bool:
    """``self``, ``cls`` or ``super()``: the object's own members."""
    if isinstance(value, ast.Name):
        return value.id in OWN
    return (
        isinstance(value, ast.Call)
        and isinstance(value.func, ast.Name)
        and value.func.id == "super"
    )


def _is_ours(node: ast.ImportFrom) -> bool:
    return node.level > 0 or (node.module or "").split(".")[0] in PACKAGES


def _reached(node: ast.AST) -> str | None:
    """The member ``node`` reads off another object: ``x._name`` or ``getattr(x, "_name")``."""
    if isinstance(node, ast.Attribute) and not _is_own(node.value):
        return node.attr
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in NAMED_ACCESS
        and len(node.args) > 1
        and isinstance(node.args[1], ast.Constant)
        and isinstance(node.args[1].value, str)
        and not _is_own(node.args[0])
    ):
        return node.args[1].value
    return None


def offences(sources: dict[str, str]) -> list[str]:
    """``path:line: what`` for each reach into a private name another of ``sources`` defines
    (``sources``: path -> Python text)."""
    trees = {path: ast.parse(text) for path, text in sources.items()}
    defined = {path: defined_private_names(tree) for path, tree in trees.items()}
    found: list[tuple[str, int, str]] = []
    for path, tree in trees.items():
        elsewhere = set().union(*(names for other, names in defined.items() if other != path))
        foreign = elsewhere - defined[path]
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and _is_ours(node):
                found += [
                    (path, node.lineno, f"from {node.module} import {alias.name}")
                    for alias in node.names
                    if is_private(alias.name)
                ]
            elif _reached(node) in foreign:
                found.append((path, node.lineno, ast.unparse(node)))
    return [f"{path}:{line}: {what}" for path, line, what in sorted(found)]


def test_no_module_reaches_into_another_modules_private_names() -> None:
    sources = {
        str(path.relative_to(ROOT)): path.read_text(encoding="utf-8")
        for package in PACKAGES
        for path in sorted((ROOT / package).rglob("*.py"))
    }
    assert len(sources) > 100  # the packages were found
    assert offences(sources) == []


WINDOW = """
class MainWindow:
    def __init__(self):
        self._quit_at = 0.0

    def _action(self, text):
        return self._quit_at

    def _forget(self, dialog):
        pass


def _unit_of_work():
    pass
"""


def test_the_rule_flags_a_private_name_read_imported_or_asked_for_from_another_module() -> None:
    menu = """
from guardian_desk.cli import _unit_of_work
from guardian_desk.i18n import _

def install(window):
    window._action(_("Plan"))
    getattr(window, "_forget", None)
    return window.parent()._quit_at
"""
    assert offences({"ui/main_window.py": WINDOW, "ui/menu.py": menu}) == [
        "ui/menu.py:2: from guardian_desk.cli import _unit_of_work",
        "ui/menu.py:6: window._action",
        "ui/menu.py:7: getattr(window, '_forget', None)",
        "ui/menu.py:8: window.parent()._quit_at",
    ]


def test_the_rule_leaves_own_members_and_names_we_do_not_define_alone() -> None:
    own = """
import sys
from collections import namedtuple

class Dialog:
    def __init__(self, other):
        self._stored = {}
        self._action = None
        super()._action
        other._stored = self._stored  # another instance of this module's class

def frame():
    return sys._getframe(), namedtuple("P", "x")(1)._replace(x=2)
"""
    assert offences({"ui/main_window.py": WINDOW, "ui/dialog.py": own}) == []
