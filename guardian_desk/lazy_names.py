"""A package's names loaded from their modules when first used (PEP 562's ``__getattr__``).

``guardian_desk.scheduling`` and ``guardian_desk.matching`` offer their main names at the
package level; importing every module behind them made each start import the planner and
the matching engine for the home page's working days (docs/performance.md, issue 16).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from importlib import import_module
from typing import Any


def lazy_names(package: str, module_of: Mapping[str, str]) -> Callable[[str], Any]:
    """A package's ``__getattr__``: ``name`` from ``package.<module_of[name]>``, kept in the
    package once loaded."""

    def attribute(name: str) -> Any:
        module = module_of.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(import_module(f"{package}.{module}"), name)
        setattr(import_module(package), name, value)
        return value

    return attribute
