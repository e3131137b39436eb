"""Import rules: no cycles inside guardian_desk.matching, nothing imported back from cli.py.

Every import counts, at module top, inside a function or under ``TYPE_CHECKING``: a cycle
worked around with a local import is still a cycle.
"""

from __future__ import annotations

import ast
from pathlib import Path

CORE = Path(__file__).resolve().parents[2] / "guardian_desk"
MATCHING = CORE / "matching"
PACKAGE = "guardian_desk.matching"
CLI = "guardian_desk.cli"


def import_graph(sources: dict[str, str], package: str) -> dict[str, set[str]]:
    """Module name -> the modules of the same package it imports (``__init__`` for names the
    package itself defines). The implicit import of the parent package is left out."""
    graph: dict[str, set[str]] = {}
    for name, text in sources.items():
        found: set[str] = set()
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.level:  # relative: from . import x, from .x import y
                    base = package if node.module is None else f"{package}.{node.module}"
                else:
                    base = node.module or ""
                if base == package:
                    targets = [f"{package}.{alias.name}" for alias in node.names]
                else:
                    targets = [base]
            else:
                continue
            for target in targets:
                if not target.startswith(f"{package}."):
                    continue
                module = target.removeprefix(f"{package}.").split(".")[0]
                found.add(module if module in sources else "__init__")
        graph[name] = found - {name}
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle of the graph as a path (first module repeated at the end), or None."""
    done: set[str] = set()
    path: list[str] = []

    def visit(module: str) -> list[str] | None:
        if module in path:
            return [*path[path.index(module) :], module]
        if module in done:
            return None
        path.append(module)
        for target in sorted(graph.get(module, ())):
            cycle = visit(target)
            if cycle:
                return cycle
        path.pop()
        done.add(module)
        return None

    for module in sorted(graph):
        cycle = visit(module)
        if cycle:
            return cycle
    return None


def test_matching_has_no_import_cycle() -> None:
    sources = {p.stem: p.read_text(encoding="utf-8") for p in MATCHING.glob("*.py")}
    graph = import_graph(sources, PACKAGE)
    assert graph["bulk"] >= {"exact", "units"}  # the scan sees the package's own imports
    assert find_cycle(graph) is None


def test_the_cycle_check_sees_local_and_type_checking_imports() -> None:
    # The pattern this check replaced: exact imported bulk's names inside a function and
    # under TYPE_CHECKING, while bulk imported exact at its top.
    sources = {
        "bulk": "from guardian_desk.matching import bound, exact\n",
        "exact": "def solve():\n    from guardian_desk.matching.bulk import pruned_arcs\n",
        "bound": (
            "from typing import TYPE_CHECKING\n"
            "if TYPE_CHECKING:\n    from guardian_desk.matching.bulk import Unit\n"
        ),
        "flow": "from . import geo\n",
        "geo": "from .flow import Arcs\n",
    }
    graph = import_graph(sources, PACKAGE)
    assert graph == {
        "bulk": {"bound", "exact"},
        "exact": {"bulk"},
        "bound": {"bulk"},
        "flow": {"geo"},
        "geo": {"flow"},
    }
    assert find_cycle(graph) == ["bound", "bulk", "bound"]
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": set()}) is None


def cli_imports(text: str) -> list[tuple[int, bool]]:
    """Where a module imports guardian_desk.cli or a name from it: (line, inside a function)."""
    found: list[tuple[int, bool]] = []

    def visit(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            inside = in_function or isinstance(
                child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda
            )
            if isinstance(child, ast.Import):
                names = [alias.name for alias in child.names]
            elif isinstance(child, ast.ImportFrom) and child.level == 0:
                module = child.module or ""
                names = (
                    [f"{module}.{a.name}" for a in child.names]
                    if module == "guardian_desk"
                    else [module]
                )
            else:
                names = []
            if any(n == CLI or n.startswith(f"{CLI}.") for n in names):
                found.append((child.lineno, inside))
            visit(child, inside)

    visit(ast.parse(text), False)
    return found


def test_nothing_imports_back_from_cli() -> None:
    found = {
        str(path.relative_to(CORE.parent)): cli_imports(path.read_text(encoding="utf-8"))
        for path in CORE.rglob("*.py")
    }
    # Only cli.py is the command line's entry: the command modules share command_session.
    assert {k: v for k, v in found.items() if v and k != "guardian_desk/cli.py"} == {}
    # And no import of it waits inside a function (a cycle worked around, not removed).
    assert [k for k, v in found.items() if any(inside for _, inside in v)] == []


def test_the_cli_check_sees_the_old_local_import() -> None:
    old = (
        "from guardian_desk.cli_args import date_arg\n"  # another module, not cli.py
        "import guardian_desk.cli\n"
        "from guardian_desk import cli\n"
        "def cmd_list(args):\n"
        "    from guardian_desk.cli import _unit_of_work  # cli.py imports this module\n"
        "    return _unit_of_work(args, print)\n"
    )
    assert cli_imports(old) == [(2, False), (3, False), (5, True)]
