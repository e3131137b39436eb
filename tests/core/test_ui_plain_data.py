"""The interface gets plain data from the services, never the database's mapped rows.

No module under ui/ imports the ORM models (guardian_desk.db.models and its modules, or the
declarative base they derive from): not at the top, not inside a function, not under
``TYPE_CHECKING``. The closed lists of stored values the forms offer come from
guardian_desk.domain.vocabularies, which the models read too.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
UI = ROOT / "ui"
ORM = ("guardian_desk.db.models", "guardian_desk.db.base")


def orm_imports(text: str) -> list[str]:
    """The ORM modules a module's text imports (``import``, ``from ... import``)."""
    found: list[str] = []
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            # ``from guardian_desk.db import models`` names the module as an imported name
            names = [node.module, *(f"{node.module}.{alias.name}" for alias in node.names)]
        else:
            continue
        found += [name for name in names if any(name == m or name.startswith(f"{m}.") for m in ORM)]
    return sorted(set(found))


def test_no_ui_module_imports_the_orm_models() -> None:
    offenders = {
        str(path.relative_to(ROOT)): found
        for path in sorted(UI.rglob("*.py"))
        if (found := orm_imports(path.read_text(encoding="utf-8")))
    }
    assert offenders == {}


def test_the_rule_sees_every_way_of_importing_a_model() -> None:
    text = """
from typing import TYPE_CHECKING
from guardian_desk.db import models
from guardian_desk.db.urls import describe
from guardian_desk.services.settings import stored_settings

if TYPE_CHECKING:
    from guardian_desk.db.models.settings import OfficeSettings

def late():
    import guardian_desk.db.base
"""
    assert orm_imports(text) == [
        "guardian_desk.db.base",
        "guardian_desk.db.models",
        "guardian_desk.db.models.settings",
        "guardian_desk.db.models.settings.OfficeSettings",
    ]
