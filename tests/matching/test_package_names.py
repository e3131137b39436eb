"""``guardian_desk.matching`` loads its modules when a name is first used: every name it
offers resolves, and the home page's modules come without the matching engine."""

from __future__ import annotations

import sys

import guardian_desk.matching as matching
from tests.fresh_python import printed_by


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
    printed = printed_by(code)
    assert printed.split() == ["False", "False"]
