"""``guardian_desk.scheduling`` loads its modules when a name is first used: every name it
offers resolves, and the home page's working days come without the planner."""

from __future__ import annotations

import sys

import guardian_desk.scheduling as scheduling
from tests.fresh_python import printed_by


def test_every_name_the_package_offers_resolves() -> None:
    assert set(scheduling._MODULE_OF) < set(scheduling.__all__)
    from guardian_desk.scheduling.office_languages import office_languages

    assert scheduling.office_languages is office_languages  # the function, not its module
    for name in scheduling._MODULE_OF:
        value = getattr(scheduling, name)
        module = sys.modules[f"guardian_desk.scheduling.{scheduling._MODULE_OF[name]}"]
        assert value is getattr(module, name)


def test_working_days_load_without_the_planner() -> None:
    code = (
        "import sys\n"
        "import guardian_desk.scheduling.working_days\n"
        "print(sorted(m for m in sys.modules if m.startswith('guardian_desk.scheduling')))\n"
    )
    printed = printed_by(code)
    assert "guardian_desk.scheduling.planning" not in printed
    assert "guardian_desk.scheduling.working_days" in printed
