"""The role matrix found in the code: every checked function and the permission it needs.

docs/security.md holds the two tables this module writes; a test fails when they differ from
the code. After changing a role or a decorator, write them again with

    .venv/bin/python -m tests.security.matrix
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import guardian_desk
from guardian_desk.security.roles import (
    PERMISSION_ATTRIBUTE,
    ROLE_PERMISSIONS,
    Permission,
    Role,
)

DOC = Path(__file__).resolve().parents[2] / "docs" / "security.md"
MARKS = {
    "matrix": ("<!-- role matrix: start -->", "<!-- role matrix: end -->"),
    "functions": ("<!-- checked functions: start -->", "<!-- checked functions: end -->"),
}


def core_modules() -> list[str]:
    """Every module of the core (no Qt there), imported."""
    names = ["guardian_desk"]
    for info in pkgutil.walk_packages(guardian_desk.__path__, "guardian_desk."):
        if info.name.rsplit(".", 1)[-1] != "__main__":
            names.append(info.name)
    for name in names:
        importlib.import_module(name)
    return names


def checked_functions() -> dict[str, tuple[Callable[..., Any], Permission]]:
    """``module.function`` -> (function, permission) for every ``@requires`` in the core,
    each under the module that defines it (not where it is imported again)."""
    found: dict[str, tuple[Callable[..., Any], Permission]] = {}
    for name in core_modules():
        module = importlib.import_module(name)
        for attribute, value in vars(module).items():
            permission = getattr(value, PERMISSION_ATTRIBUTE, None)
            if permission is not None and getattr(value, "__module__", None) == name:
                found[f"{name}.{attribute}"] = (value, Permission(permission))
    return dict(sorted(found.items()))


def matrix_table() -> str:
    roles = list(Role)
    lines = [
        "| Permission | " + " | ".join(role.value for role in roles) + " |",
        "|---|" + "---|" * len(roles),
    ]
    for permission in Permission:
        marks = ["yes" if permission in ROLE_PERMISSIONS[role] else "—" for role in roles]
        lines.append(f"| {permission.value} | " + " | ".join(marks) + " |")
    return "\n".join(lines)


def functions_table() -> str:
    lines = ["| Function | Needs | Roles |", "|---|---|---|"]
    for name, (_fn, permission) in checked_functions().items():
        roles = ", ".join(r.value for r in Role if permission in ROLE_PERMISSIONS[r])
        short = name.removeprefix("guardian_desk.")
        lines.append(f"| `{short}` | {permission.value} | {roles} |")
    return "\n".join(lines)


def generated() -> dict[str, str]:
    return {"matrix": matrix_table(), "functions": functions_table()}


def section(text: str, key: str) -> str:
    """What the document holds between one pair of marks."""
    start, end = MARKS[key]
    if start not in text or end not in text:
        return ""
    return text.split(start, 1)[1].split(end, 1)[0].strip()


def rewrite(text: str) -> str:
    for key, table in generated().items():
        start, end = MARKS[key]
        before, rest = text.split(start, 1)
        after = rest.split(end, 1)[1]
        text = f"{before}{start}\n{table}\n{end}{after}"
    return text


if __name__ == "__main__":
    DOC.write_text(rewrite(DOC.read_text(encoding="utf-8")), encoding="utf-8")
    print(f"wrote the tables into {DOC}")
