"""``guardian_desk.matching`` loads its modules when a name is first used: every name it
offers resolves, and the home page's modules come without the matching engine."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import guardian_desk.matching as matching

ROOT = Path(__file__).resolve().parents[2]


def test_every_name_the_package_offers_resolves() -> None:
    assert sorted(matching.__all__) == sorted(matching._MODULE_OF)
    for name in matching.__all__:
        value = getattr(matching, name)
        assert value is getattr(
            sys.modules[f"guardian_desk.matching.{matching._MODULE_OF[name]}"], name
        )


def test_the_home_page_loads_without_the_matching_engine() -> None:
    code = (
        "import sys\n"
        "import guardian_desk.services.home\n"
        "print('guardian_desk.matching.child_match' in sys.modules, 'langcodes' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert done.stdout.split() == ["False", "False"]
